"""A webhook receiver for the publisher tests, checking protocols.md §3
(Standard Webhooks 1.0, optionally GitHub-style X-Hub-Signature-256).

Run it as a process:

    /usr/bin/python3 webhook_receiver.py --port-file PATH [--secret whsec_…] [--hub-secret S] [--state-dir DIR]

or in-process: hook = WebhookReceiver(); hook.start(); ... hook.url ...; hook.stop().

It records every POST (any path but /__fake/…): path, headers, body bytes,
and checks `webhook-signature` ("v1,<base64 HMAC-SHA256(key, id.timestamp.body)>",
key = the base64 after "whsec_"; several space-separated signatures allowed)
against the configured secret, the timestamp against the Standard Webhooks
5-minute tolerance (reported apart, as timestamp_ok), and when a hub secret is
configured `X-Hub-Signature-256` ("sha256=<hex HMAC-SHA256(secret as given, body)>").
It answers with the configured responses in order, then 200. A 3xx answer
carries a Location (a sender must not follow it).

Control API (no auth), JSON in and out:

    POST /__fake/config  {"secret": "whsec_…", "hub_secret"?: "…",
                          "responses"?: [500, 429, 200, {"status": 503, "headers": {…}, "body": "…",
                          "stall": s}, …] (consumed in order, then 200), "stall_seconds"?: s}
                          Only the keys given change; "responses" replaces the queue.
    POST /__fake/reset   forget the deliveries
    POST /__fake/faults  {"rate", "kinds": ["500","reset_before","reset_after","stall","429"], "seed",
                          "stall_seconds", "paths"}
    GET  /__fake/state   → {"deliveries": [{"id", "timestamp", "signature", "body" (the text),
                           "body_base64", "path", "method", "headers", "content_type",
                           "signature_ok", "timestamp_ok", "hub_ok" (null without a hub secret),
                           "status_returned", "received_at"}], "unique_ids": n,
                           "pending_responses": [...], "faults", "requests", "connections"}

Module functions: sign_standard_webhook(secret, msg_id, timestamp, body) → "v1,…",
verify_standard_webhook(secret, msg_id, timestamp, body_bytes, signature_header) → bool,
hub_signature(secret, body) → "sha256=…", verify_hub_signature(secret, body, header) → bool.
"""

import base64
import binascii
import hashlib
import hmac
import sys
import time

from fake_mastodon import FakeServerBase, Reply, run_main

TOLERANCE_SECONDS = 5 * 60


def _as_bytes(body):
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _key(secret):
    text = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    return base64.b64decode(text + "=" * (-len(text) % 4))


def sign_standard_webhook(secret, msg_id, timestamp, body):
    """The webhook-signature value for @body: "v1," + base64(HMAC-SHA256)."""
    signed = f"{msg_id}.{timestamp}.".encode("utf-8") + _as_bytes(body)
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode("ascii")


def verify_standard_webhook(secret, msg_id, timestamp, body_bytes, signature_header):
    """Whether one of the space-separated signatures in @signature_header is
    a v1 signature of @body_bytes under @secret."""
    if not (secret and msg_id and timestamp and signature_header):
        return False
    try:
        expected = sign_standard_webhook(secret, msg_id, timestamp, body_bytes)
    except (binascii.Error, ValueError):
        return False
    return any(part.startswith("v1,") and hmac.compare_digest(part.encode(), expected.encode())
               for part in signature_header.split())


def hub_signature(secret, body):
    """X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256(secret's UTF-8 bytes, body)."""
    return "sha256=" + hmac.new(_as_bytes(secret), _as_bytes(body), hashlib.sha256).hexdigest()


def verify_hub_signature(secret, body, header):
    return bool(secret and header) and hmac.compare_digest(hub_signature(secret, body).encode(),
                                                           header.strip().encode())


class WebhookReceiver(FakeServerBase):
    fault_prefix = "/"

    def __init__(self, port=0, secret=None, hub_secret=None):
        super().__init__(port)
        self.secret = secret
        self.hub_secret = hub_secret
        self.responses = []
        self.stall = 0.0
        self.deliveries = []

    def state(self):
        return {"deliveries": list(self.deliveries),
                "unique_ids": len({d["id"] for d in self.deliveries if d["id"] is not None}),
                "pending_responses": list(self.responses), "faults": dict(self.fault_counts),
                "requests": self.requests, "connections": self.connections}

    def control(self, request):
        path, method = request.path, request.method
        body = request.json_body() if method == "POST" else {}
        with self.lock:
            if path == "/__fake/state" and method == "GET":
                return Reply.json(200, self.state())
            if path == "/__fake/config" and method == "POST":
                if "secret" in body:
                    self.secret = body["secret"]
                if "hub_secret" in body:
                    self.hub_secret = body["hub_secret"]
                if "responses" in body:
                    self.responses = list(body["responses"] or [])
                if "stall_seconds" in body:
                    self.stall = float(body["stall_seconds"] or 0)
                return Reply.json(200, {"secret": bool(self.secret), "hub_secret": bool(self.hub_secret),
                                        "responses": self.responses, "stall_seconds": self.stall})
            if path == "/__fake/reset" and method == "POST":
                self.deliveries = []
                return Reply.json(200, {})
            if path == "/__fake/faults" and method == "POST":
                return Reply.json(200, self.configure_faults(body))
        return Reply.json(404, {"error": f"no control endpoint {method} {path}"})

    def handle(self, request):
        if request.method != "POST":
            return Reply.json(405, {"error": "POST only"}, [("Allow", "POST")])
        with self.lock:
            planned = self.responses.pop(0) if self.responses else 200
            if isinstance(planned, dict):
                status = int(planned.get("status", 200))
                headers = list((planned.get("headers") or {}).items())
                text = planned.get("body")
                stall = float(planned.get("stall", self.stall) or 0)
            else:
                status, headers, text, stall = int(planned), [], None, self.stall
            msg_id = request.header("webhook-id")
            timestamp = request.header("webhook-timestamp")
            signature = request.header("webhook-signature")
            try:
                timestamp_ok = abs(time.time() - int(timestamp)) <= TOLERANCE_SECONDS
            except (TypeError, ValueError):
                timestamp_ok = False
            hub_header = request.header("X-Hub-Signature-256")
            self.deliveries.append({
                "id": msg_id, "timestamp": timestamp, "signature": signature,
                "body": request.body.decode("utf-8", "replace"),
                "body_base64": base64.b64encode(request.body).decode("ascii"),
                "path": request.raw_path, "method": request.method,
                "headers": {k.lower(): v for k, v in request.headers.items()},
                "content_type": request.header("Content-Type"),
                "signature_ok": verify_standard_webhook(self.secret, msg_id, timestamp, request.body, signature),
                "timestamp_ok": timestamp_ok,
                "hub_ok": verify_hub_signature(self.hub_secret, request.body, hub_header) if self.hub_secret else None,
                "status_returned": status, "received_at": time.time(),
            })
        if stall > 0:
            time.sleep(stall)
        if 300 <= status < 400 and not any(k.lower() == "location" for k, _ in headers):
            headers.append(("Location", "/redirected-elsewhere"))
        if text is None:
            payload = {"ok": True} if 200 <= status < 300 else {"error": f"configured answer {status}"}
            return Reply.json(status, payload, headers)
        return Reply(status, str(text).encode("utf-8"), headers, content_type="text/plain; charset=utf-8")


def main(argv=None):
    def extra(parser):
        parser.add_argument("--secret", help="the whsec_… secret to verify with")
        parser.add_argument("--hub-secret", help="verify X-Hub-Signature-256 with this secret")
    return run_main(lambda args: WebhookReceiver(secret=args.secret, hub_secret=args.hub_secret),
                    "A webhook receiver for Lineup's tests", extra, argv)


if __name__ == "__main__":
    sys.exit(main())
