"""What the fakes share: a threaded HTTP/1.1 server on 127.0.0.1 (keep-alive,
quiet), JSON in and out, fault injection, and running as a process that
writes its port to a file (--port-file) and stops on SIGTERM."""

import argparse
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Faults:
    """{"rate", "kinds": ["500","reset_before","reset_after","stall","429"],
    "seed", "stall_seconds"}: each request, with probability rate, one kind."""

    def __init__(self):
        self.configure({})
        self.counts = {}

    def configure(self, body):
        self.rate = float(body.get("rate", 0))
        self.kinds = body.get("kinds", [])
        self.stall_seconds = float(body.get("stall_seconds", 5))
        self.rng = random.Random(body.get("seed", 1))

    def pick(self):
        if self.rate > 0 and self.kinds and self.rng.random() < self.rate:
            kind = self.rng.choice(self.kinds)
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return kind
        return None


class JsonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def raw_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, code, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        """Closes the connection with a reset, no answer."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass


class Fake:
    handler = JsonHandler

    def __init__(self, port=0):
        self.lock = threading.RLock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self.handler)
        self.server.daemon_threads = True
        self.server.fake = self
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def serve_main(make):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    args, _ = parser.parse_known_args()
    fake = make()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(fake.port))
    os.rename(tmp, args.port_file)
    fake.start()
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    while True:
        time.sleep(3600)
