"""Three `ccms serve` processes on one PostgreSQL, sharing nothing but the database, each with
its deadline worker and dispatcher running: partner intakes through all three, then every
case's business deadline made past, so the three workers race to escalate them, and a webhook
receiver subscribed to the cases. Checks: no duplicate tracking number; each case escalated
once (one escalation in its timeline, one `deadline.breached` in the outbox); each webhook event
delivered, and logged as delivered, exactly once per subscription.

Run from the repository root, with target/debug/ccms built:
    python3 tests/faults/three_processes.py
It creates and drops the database `ccms_fault` on the local PostgreSQL.
"""

import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from common import DATABASE, Pushes, call, drop_database, fresh_database, partner_token, psql, serve

received = []
lock = threading.Lock()


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["content-length"]))
        with lock:
            received.append((self.headers["webhook-id"], json.loads(body)["type"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


MAKE_DUE = """UPDATE complaints SET
  clocks = jsonb_build_array(jsonb_build_object('kind', 'business_action',
    'started_at', to_char((now() - interval '73 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'deadline', to_char((now() - interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'remaining_secs', NULL)),
  due_at = now() - interval '1 hour', wake_at = now() - interval '1 hour'
WHERE state = 'with_business'"""


def main():
    fresh_database()
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_port}/hook"
    work = tempfile.mkdtemp()
    settings = {"CCMS_WORKER_INTERVAL_SECS": "1", "CCMS_DISPATCH_INTERVAL_SECS": "1",
                "CCMS_WEBHOOK_ALLOW": "http,loopback"}
    servers = []
    try:
        for n in range(3):
            servers.append(serve(work, f"server-{n}", settings))
        bases = [base for _, base in servers]
        token = partner_token(bases[0])
        made = call("POST", f"{bases[0]}/api/v1/subscriptions",
                    {"url": hook, "event_types": ["complaint.created", "complaint.status_changed", "deadline.breached"]},
                    {"authorization": f"Bearer {token}"})
        assert made[0] == 201, made
        pushes = [Pushes(base, partner_token(base), workers=1, name=f"server-{n}") for n, base in enumerate(bases)]
        for p in pushes:
            p.start()
        time.sleep(4)
        for p in pushes:
            p.stop()
        created = [i for p in pushes for i in p.created]
        assert len(created) >= 10, f"only {len(created)} intakes"
        psql(MAKE_DUE, DATABASE)
        # The three workers sweep every second; wait until no case is left with the business.
        for _ in range(60):
            if psql("SELECT count(*) FROM complaints WHERE state = 'with_business'", DATABASE) == "0":
                break
            time.sleep(0.5)
        expected = 3 * len(created)  # created, status_changed (escalated), deadline.breached
        for _ in range(60):
            with lock:
                if len(received) >= expected:
                    break
            time.sleep(0.5)
        time.sleep(2)

        duplicates = psql("SELECT count(*) - count(DISTINCT tracking_number) FROM complaints", DATABASE)
        assert duplicates == "0", f"{duplicates} duplicate tracking numbers"
        escalations = psql("""SELECT count(*) FROM (SELECT complaint_id FROM complaint_events
            WHERE kind = 'transition' AND to_state = 'escalated' GROUP BY complaint_id HAVING count(*) <> 1) t""", DATABASE)
        assert escalations == "0", f"{escalations} cases escalated other than once"
        escalated = psql("SELECT count(*) FROM complaints WHERE state = 'escalated'", DATABASE)
        assert escalated == str(len(created)), f"{escalated} of {len(created)} escalated"
        breaches = psql("""SELECT count(*) FROM (SELECT complaint_id FROM outbox WHERE event_type = 'deadline.breached'
            GROUP BY complaint_id HAVING count(*) <> 1) t""", DATABASE)
        assert breaches == "0", f"{breaches} cases with other than one deadline.breached"
        with lock:
            ids = [i for i, _ in received]
        assert len(ids) == len(set(ids)), "an event was delivered twice"
        assert len(ids) == expected, f"{len(ids)} deliveries received, {expected} expected"
        logged = psql("SELECT count(*) FROM deliveries WHERE status = 'delivered'", DATABASE)
        assert logged == str(expected), f"{logged} deliveries logged as delivered, {expected} expected"
        attempts = psql("SELECT count(*) FROM delivery_attempts", DATABASE)
        print(f"three processes: {len(created)} intakes, tracking numbers unique; each case escalated once "
              f"with one deadline.breached; {len(ids)} webhook events received once each, "
              f"{logged} logged delivered ({attempts} attempts)")
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait()
        receiver.shutdown()
        drop_database()


if __name__ == "__main__":
    sys.exit(main())
