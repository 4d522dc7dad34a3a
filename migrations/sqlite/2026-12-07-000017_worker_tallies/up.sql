-- What the background work has done, for the operator's metrics whichever process did it (the
-- API's built-in worker or a separate `ccms worker`): one running total per name, and when it
-- last moved ("sweeps" moves on every sweep, so its time is the last sweep's).
CREATE TABLE worker_tallies (
    name text PRIMARY KEY,
    total bigint NOT NULL,
    updated_at text NOT NULL
);
