"""Stop PostgreSQL under intake load: requests answer 503 problem+json with Retry-After (never a
500, never a hang), /readyz says not ready, the service recovers by itself when the database is
back, and every intake that got 201 is in the database afterwards.

Run from the repository root, as root, with target/debug/ccms built:
    python3 tests/faults/postgres_down.py
It creates and drops the database `ccms_fault` on the local PostgreSQL, and stops and starts
that server.
"""

import sys
import tempfile
import time

from common import DATABASE, Pushes, call, drop_database, fresh_database, partner_token, pg, psql, serve


def main():
    fresh_database()
    server, base = serve(tempfile.mkdtemp(), "server")
    try:
        pushes = Pushes(base, partner_token(base))
        pushes.start()
        time.sleep(3)
        before = len(pushes.created)
        pg("stop")
        print(f"PostgreSQL stopped after {before} intakes")
        time.sleep(6)
        ready = call("GET", f"{base}/readyz")[0]
        pg("start")
        print("PostgreSQL started again")
        recovered = False
        for _ in range(100):
            if call("GET", f"{base}/readyz")[0] == 200:
                recovered = True
                break
            time.sleep(0.2)
        time.sleep(3)
        pushes.stop()

        results, created = pushes.results, pushes.created
        statuses = {}
        for status, _, _, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        refused = [r for r in results if r[0] != 201]
        slowest = max(r[3] for r in results)
        print(f"answers: {dict(sorted(statuses.items()))}; slowest {slowest:.1f} s; /readyz while down: {ready}")
        assert 500 not in statuses, "a 500 during the outage"
        assert ready == 503, f"/readyz answered {ready} while the database was down"
        assert recovered, "the service did not recover"
        assert refused, "no request fell in the outage: the test proves nothing"
        for status, headers, body, _ in refused:
            lowered = {k.lower(): v for k, v in headers.items()}
            assert status == 503, (status, body)
            assert lowered.get("content-type") == "application/problem+json", lowered
            assert lowered.get("retry-after"), lowered
            assert "postgres" not in body.lower() and "diesel" not in body.lower(), body
        assert slowest < 15, f"a request hung for {slowest:.1f} s"
        assert len(created) > before, "no intake succeeded after recovery"
        ids = ",".join(f"'{i}'" for i in created)
        stored = int(psql(f"SELECT count(*) FROM complaints WHERE id IN ({ids})", DATABASE))
        assert stored == len(created), f"{len(created)} intakes got 201 but {stored} are stored"
        print(f"every one of the {len(created)} intakes that got 201 is stored")
    finally:
        server.terminate()
        server.wait()
        drop_database()


if __name__ == "__main__":
    sys.exit(main())
