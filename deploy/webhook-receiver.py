#!/usr/bin/env python3
"""A Wirewatch webhook receiver: verifies the signature, refuses old timestamps, drops repeats.

    WIREWATCH_WEBHOOK_SECRET=... python3 deploy/webhook-receiver.py [PORT]

Listens on 127.0.0.1:PORT (default 8787) and prints one line per event it accepts.
"""
import hashlib, hmac, json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ.get("WIREWATCH_WEBHOOK_SECRET", "wirewatch-example-secret").encode()
MAX_AGE = 300          # seconds: an older timestamp is a replay, refuse it
seen = set()           # X-Wirewatch-Id already handled (keep them longer than notify.retry.max-age)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ts = self.headers.get("X-Wirewatch-Timestamp", "")
        expected = "sha256=" + hmac.new(SECRET, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.headers.get("X-Wirewatch-Signature", "")):
            return self.answer(401)
        if not ts.isdigit() or abs(time.time() - int(ts)) > MAX_AGE:
            return self.answer(401)
        event_id = self.headers["X-Wirewatch-Id"]
        if event_id not in seen:               # at least once: the same id may come again
            seen.add(event_id)
            alert = json.loads(body)
            print(self.headers["X-Wirewatch-Event"], alert.get("severity"), alert.get("ruleId"),
                  alert.get("title") or alert.get("headline"), flush=True)
        self.answer(200)

    def answer(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


port = int(sys.argv[1]) if len(sys.argv) > 1 else 8787
ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
