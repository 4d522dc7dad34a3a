"""`kill -9` the server during intake load, then restart it: every case that got 201 is stored
with its timeline, audit entry and outbox row, no case is half-written, and the audit chain
is intact.

Run from the repository root, with target/debug/ccms built:
    python3 tests/faults/kill_during_intake.py
It creates and drops the database `ccms_fault` on the local PostgreSQL.
"""

import signal
import sys
import tempfile
import time

from common import DATABASE, Pushes, call, drop_database, fresh_database, partner_token, psql, serve


def main():
    fresh_database()
    work = tempfile.mkdtemp()
    server, base = serve(work, "first")
    try:
        pushes = Pushes(base, partner_token(base), workers=4)
        pushes.start()
        time.sleep(3)
        server.send_signal(signal.SIGKILL)
        server.wait()
        killed_at = len(pushes.created)
        print(f"server killed with SIGKILL after {killed_at} intakes got 201")
        time.sleep(1)
        server, base = serve(work, "second")
        pushes.point_at(base, partner_token(base))
        time.sleep(3)
        pushes.stop()

        created = pushes.created
        assert len(created) > killed_at, "no intake succeeded after the restart"
        ids = ",".join(f"'{i}'" for i in created)
        complete = int(psql(
            f"""SELECT count(*) FROM complaints c WHERE c.id IN ({ids})
                AND EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id)
                AND EXISTS (SELECT 1 FROM audit_entries a WHERE a.target_id = c.id::text AND a.action = 'complaint.file')
                AND EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = c.id AND o.event_type = 'complaint.created')""",
            DATABASE))
        assert complete == len(created), f"{len(created)} got 201, {complete} stored whole"
        half = int(psql(
            """SELECT count(*) FROM complaints c WHERE
                NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id)
                OR NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.target_id = c.id::text AND a.action = 'complaint.file')
                OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = c.id AND o.event_type = 'complaint.created')""",
            DATABASE))
        assert half == 0, f"{half} cases are half-written"
        numbers = int(psql("SELECT count(*) - count(DISTINCT tracking_number) FROM complaints", DATABASE))
        assert numbers == 0, "a tracking number was given twice"
        token = call("POST", f"{base}/api/v1/auth/login", {"email": "auditor@ccms.test", "password": "ccms-demo-auditor"})
        import json
        access = json.loads(token[2])["access_token"]
        chain = json.loads(call("GET", f"{base}/api/v1/audit/verify", headers={"authorization": f"Bearer {access}"})[2])
        assert chain["intact"], chain
        print(f"all {len(created)} intakes that got 201 are stored whole (timeline, audit entry, outbox row); "
              f"none half-written; tracking numbers unique; audit chain intact over {chain['checked']} entries")
    finally:
        server.terminate()
        server.wait()
        drop_database()


if __name__ == "__main__":
    sys.exit(main())
