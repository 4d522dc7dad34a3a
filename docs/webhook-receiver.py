#!/usr/bin/env python3
"""A webhook receiver to try CCMS with: prints one line per event it receives, saying whether
its Standard Webhooks signature verifies with the subscription's secret (HMAC-SHA256 of
`{webhook-id}.{webhook-timestamp}.{body}`, a timestamp within five minutes of this machine's
clock). Python's standard library only; for your own receiver, use a Standard Webhooks library
(docs/webhooks.md).

Usage: python3 docs/webhook-receiver.py PORT SECRET   (SECRET: the subscription's `whsec_...`)
"""

import base64
import hashlib
import hmac
import http.server
import json
import sys
import time

PORT, SECRET = int(sys.argv[1]), sys.argv[2]
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
TOLERANCE_SECONDS = 300


def verified(headers, body):
    webhook_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
    return any(hmac.compare_digest(expected, signature) for signature in given)


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        ok = verified(self.headers, body)
        try:
            event = json.loads(body)
        except ValueError:
            event = {}
        case = (event.get("complaint") or {}).get("tracking_number", "")
        clock = (event.get("data") or {}).get("clock", "")
        print("verified" if ok else "NOT VERIFIED", event.get("type"), case, clock, flush=True)
        self.send_response(204 if ok else 400)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
