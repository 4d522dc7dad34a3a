-- When an undecided review passed its due time and its agency was told: once per review.
ALTER TABLE reviews ADD COLUMN flagged_at timestamptz;
