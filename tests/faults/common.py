"""What the fault scripts share: the local PostgreSQL, a `ccms serve` process, and a load of
partner pushes."""

import json
import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

ADMIN = "postgres://postgres@127.0.0.1:5432/test"
DATABASE = "ccms_fault"
URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
CLUSTER = os.listdir("/etc/postgresql")[0]


def psql(sql, database="test"):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def pg(action):
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", action, *(["-m", "fast"] if action == "stop" else [])],
                   check=True)


def call(method, url, body=None, headers=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json", **(headers or {})})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(), time.monotonic() - started



PARTNER_BASIC = "YmF6YWFyLWJhbmdsYS1kZW1vOmRlbW8tcGFydG5lci1zZWNyZXQtYmF6YWFyLWJhbmdsYQ=="


def fresh_database():
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")


def drop_database():
    try:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    except subprocess.CalledProcessError:
        pass


def serve(work, name, extra=None):
    """Starts target/debug/ccms on the fault database; the process and its base URL."""
    log = open(os.path.join(work, f"{name}.log"), "w")
    server = subprocess.Popen(["./target/debug/ccms", "serve"], stdout=log, stderr=subprocess.STDOUT, env={
        **os.environ, "DATABASE_URL": URL, "CCMS_BIND": "127.0.0.1:0", "CCMS_DB_TIMEOUT_SECS": "2",
        "CCMS_EVIDENCE_DIR": os.path.join(work, "evidence"), "RUST_LOG": "info", **(extra or {})})
    for _ in range(300):
        found = re.search(r"listening on http://[^:]*:(\d+)/", open(log.name).read())
        if found:
            base = f"http://127.0.0.1:{found.group(1)}"
            for _ in range(100):
                if call("GET", f"{base}/readyz")[0] == 200:
                    return server, base
                time.sleep(0.1)
        time.sleep(0.1)
    raise SystemExit(open(log.name).read())


def partner_token(base):
    request = urllib.request.Request(
        f"{base}/api/v1/auth/token", data=b"grant_type=client_credentials", method="POST",
        headers={"content-type": "application/x-www-form-urlencoded", "authorization": f"Basic {PARTNER_BASIC}"})
    return json.load(urllib.request.urlopen(request))["access_token"]


class Pushes:
    """Partner pushes from a few threads, about six a second in all (under the partner's 600 a
    minute), each with its own Idempotency-Key; keeps every answer and the ids that got 201."""

    def __init__(self, base, token, workers=3, name="fault"):
        self.base, self.token, self.name = base, token, name
        self.results, self.created = [], []
        self.lock, self.stopping = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.push, args=(w,)) for w in range(workers)]

    def point_at(self, base, token):
        with self.lock:
            self.base, self.token = base, token

    def push(self, worker):
        n = 0
        while not self.stopping.is_set():
            n += 1
            phone = f"017{abs(hash(self.name)) % 10}{worker}{n:06d}"[-11:]
            body = {"business_domain": "bazaarbangla.com.bd", "consumer_phone": phone,
                    "category": "non_delivery", "subject": "Parcel never came",
                    "description": "Paid by bKash; the parcel never arrived.",
                    "incident_date": time.strftime("%Y-%m-%d"), "amount_paid": 250000,
                    "amount_claimed": 250000, "payment_method": "bkash", "desired_remedy": "refund"}
            with self.lock:
                base, token = self.base, self.token
            try:
                answer = call("POST", f"{base}/api/v1/complaints", body,
                              {"authorization": f"Bearer {token}", "idempotency-key": f"{self.name}-{worker}-{n}"},
                              timeout=20)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                answer = (None, {}, str(error), 0.0)
            with self.lock:
                self.results.append(answer)
                if answer[0] == 201:
                    self.created.append(json.loads(answer[2])["id"])
            time.sleep(0.5)

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()
