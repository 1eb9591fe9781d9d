"""A fake Mastodon server for the publisher tests, enforcing protocols.md §1.

Run it as a process:

    /usr/bin/python3 fake_mastodon.py --port-file PATH [--max-characters 500] [--state-dir DIR]

(binds 127.0.0.1 on a free port, writes the port to PATH once listening,
serves until SIGTERM; with --state-dir it writes state.json there on exit),
or in-process from a test:

    fake = FakeMastodon(max_characters=500); fake.start(); ... fake.url ...; fake.stop()

What it enforces, like Mastodon 4.3: Bearer tokens and scopes (401/403),
200 on success (never 201), string ids, "…mmmZ" timestamps, blank or too long
text (grapheme clusters of spoiler_text + text, URLs as 23, @user@domain as
@user) → 422, more than 4 media → 422, unparseable scheduled_at → 422, past →
posted at once (Status), within 5 minutes → 422, later → ScheduledStatus; the
26th post on one UTC day and the 301st pending → 422 (also on PUT, which
changes only scheduled_at); Idempotency-Key replays (per account, one hour of
the fake clock; only successes are remembered, as Mastodon does); list order,
limit clamp and Link headers; 404 {"error":"Record not found"}; X-RateLimit-*
headers (Reset an ISO 8601 time) and 429 without Retry-After; a fake clock that
fires due posts (delete the ScheduledStatus, create a Status) or silently drops
them; OAuth (apps, authorize, token, PKCE S256 when a challenge was given);
fault injection.

Control API (no auth), JSON in and out:

    POST /__fake/accounts     {"username", "token"?, "scopes"?: "read write"} → account + token
    POST /__fake/revoke       {"token"} → {"revoked": true}
    POST /__fake/tokens       {"username","token","scopes"?} → another token for that account
    GET  /__fake/clock        → {"now", "offset"}
    POST /__fake/clock        {"advance": seconds} | {"now": iso} → {"now", "fired"}
    POST /__fake/faults       {"rate", "kinds": ["500","reset_before","reset_after","stall","429"],
                               "seed", "stall_seconds", "paths": prefix or [prefixes]}  (rate 0 disables)
    POST /__fake/limits       {"per_day", "total", "rate_limit", "rate_window", "max_characters",
                               "rate_align": "first" (default: a window opens with its first
                               request) | "epoch" (aligned on the epoch, as rack-attack's are)}
    POST /__fake/silent_drop  {"on": true|false}
    POST /__fake/media        {"polls"?: n (a new medium answers 202, then 206 n times, then 200),
                               "async"?: bool, "max_bytes"?: n (a larger upload → 413), "early_url"?: bool
                               (200 with a url while still processing: each status naming it → 422),
                               "forget"?: [ids] (removed, as Mastodon removes unattached media: 404)}
                              Media: POST /api/v2/media (multipart file + description), GET and
                              PUT /api/v1/media/:id; a status naming a medium still processing → 422,
                              one already on another status → 422; state lists each account's "media",
                              "media_uploads" (every POST /api/v2/media) and "media_updates" (each PUT
                              that set a description: {"id", "description"}, oldest first). A
                              ScheduledStatus lists its media_attachments with their descriptions.
    POST /__fake/counts       {"id": status id, "replies"?, "reblogs"?, "favourites"?, "quotes"?} and/or
                              {"username", "followers"}: what GET /api/v1/statuses/:id (replies_count,
                              reblogs_count, favourites_count, and quotes_count once set) and the
                              account (followers_count) say from now on; a count set to null is not said
    POST /__fake/delete_status {"id"}: the status is gone (404), as if deleted on the server
    POST /__fake/hostile      {"kind": one of HOSTILE_KINDS or null (off), "count"?: n (default:
                               every matching request), "paths"?: [prefixes], "methods"?: [..],
                               "seconds"?: 3 (slow), "size"?: bytes (huge, default 50 MB),
                               "link_to"?: url (cross_link)} → the config; GET → it and "hits".
                               The request is handled first (a post is created), then its answer
                               is replaced: blank (200, whitespace), comment (200, "//"),
                               malformed (200, cut JSON), wrong_type (200, JSON of the wrong
                               shape), huge (200, streamed chunked, never held in memory), slow
                               (the answer after "seconds"); redirect answers 301 to another
                               host without handling; cross_link adds Link: <link_to…>; rel="next".
                               Shared by every fake (fake_pds.py too).
    POST /__fake/oauth_account {"username"}  whose account authorization codes grant
    GET  /__fake/oauth_code   → {"code", "client_id", "username", "scopes"} (the last code shown)
    GET  /__fake/state        → {"accounts": [{"id", "username", "token", "scheduled": [ScheduledStatus…],
                                 "statuses": [Status + "text"…]}], "faults": {kind: n}, "requests",
                                 "creates", "connections", "fired", "dropped", "now", "apps"}

"requests" counts every non-control request (faulted ones too); "creates" counts
statuses and scheduled statuses created by POST /api/v1/statuses (not replays,
not firings); "connections" counts accepted TCP connections. Lists in the
state are oldest first.

fake_pds.py and webhook_receiver.py reuse the server machinery defined here
(FakeServerBase, Reply, run_main, count_graphemes).
"""

import argparse
import base64
import datetime
import hashlib
import html
import json
import os
import random
import re
import secrets
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
import traceback
import unicodedata
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UTC = datetime.timezone.utc

# ---------------------------------------------------------------------------
# Text: grapheme clusters (UAX #29, approximated with unicodedata)
# ---------------------------------------------------------------------------


def _is_extend(cp, cat):
    # GB9 (Extend, ZWJ) and GB9a (SpacingMark): never a break before these.
    return (cat in ("Mn", "Me", "Mc") or cp in (0x200C, 0x200D)
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF      # variation selectors
            or 0x1F3FB <= cp <= 0x1F3FF                                # emoji skin tones
            or 0xE0020 <= cp <= 0xE007F)                               # tags (flag sequences)


def _is_pictographic(cp, cat):
    return (cat == "So" or 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF
            or 0x2300 <= cp <= 0x23FF or 0x2B00 <= cp <= 0x2BFF or 0x2190 <= cp <= 0x21FF
            or cp in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299))


def _is_regional(cp):
    return 0x1F1E6 <= cp <= 0x1F1FF


def _hangul(cp):
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return "L"
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return "V"
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return "T"
    if 0xAC00 <= cp <= 0xD7A3:
        return "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
    return None


def count_graphemes(text):
    """Extended grapheme clusters in @text: combining marks, ZWJ emoji
    sequences, variation selectors, skin tones, tag sequences, regional
    indicator pairs, CR LF and Hangul syllables each count once."""
    count = 0
    prev = None
    prev_cat = None
    prev_hangul = None
    base_pict = False     # the last non-extend code point was pictographic
    ri_run = 0            # regional indicators in a row, before this one
    for ch in text:
        cp = ord(ch)
        cat = unicodedata.category(ch)
        hangul = _hangul(cp)
        if prev is None:
            brk = True
        elif prev == 0x0D and cp == 0x0A:
            brk = False
        elif prev in (0x0D, 0x0A) or prev_cat in ("Cc", "Zl", "Zp"):
            brk = True
        elif cp in (0x0D, 0x0A) or cat in ("Cc", "Zl", "Zp"):
            brk = True
        elif prev_hangul == "L" and hangul in ("L", "V", "LV", "LVT"):
            brk = False
        elif prev_hangul in ("LV", "V") and hangul in ("V", "T"):
            brk = False
        elif prev_hangul in ("LVT", "T") and hangul == "T":
            brk = False
        elif _is_extend(cp, cat):
            brk = False
        elif prev == 0x200D and base_pict and _is_pictographic(cp, cat):
            brk = False
        elif _is_regional(cp) and _is_regional(prev) and ri_run % 2 == 1:
            brk = False
        else:
            brk = True
        if brk:
            count += 1
        if not _is_extend(cp, cat):
            base_pict = _is_pictographic(cp, cat)
        ri_run = ri_run + 1 if _is_regional(cp) else 0
        prev, prev_cat, prev_hangul = cp, cat, hangul
    return count


URL_CHARS = 23
_URL_RE = re.compile(r"(?<![\w/@$#.])https?://[^\s<>\"]+", re.IGNORECASE)
_HOST_RE = re.compile(r"^[^\s/?#:@]+\.[^\s/?#:@.0-9][^\s/?#:@.]+(?::\d+)?$|^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$")
_MENTION_RE = re.compile(r"(?<![=/\w])@(([a-z0-9_]+(?:[a-z0-9_.\-]+[a-z0-9_]+)?)(?:@[\w.\-]+\w)?)",
                         re.IGNORECASE)


def _trim_url(url):
    # The end of a sentence is not part of the link; a closing bracket is
    # only when the link opened one.
    while url:
        last = url[-1]
        if last in ".,:;!?'\"*":
            url = url[:-1]
        elif last == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        elif last == "]" and url.count("[") < url.count("]"):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text):
    """(start, end) character spans of the http(s) URLs Mastodon would link."""
    spans = []
    for match in _URL_RE.finditer(text):
        url = _trim_url(match.group(0))
        rest = url.split("://", 1)[1]
        host = re.split(r"[/?#]", rest, 1)[0]
        if "@" in host:
            host = host.rsplit("@", 1)[1]
        if _HOST_RE.match(host) or host.split(":")[0] == "localhost":
            spans.append((match.start(), match.start() + len(url)))
    return spans


def mastodon_length(text, spoiler_text=""):
    """The length Mastodon's StatusLengthValidator counts."""
    out = []
    last = 0
    for start, end in find_urls(text or ""):
        out.append(text[last:start])
        out.append("x" * URL_CHARS)
        last = end
    out.append((text or "")[last:])
    countable = _MENTION_RE.sub(lambda m: "@" + m.group(2), "".join(out))
    return count_graphemes((spoiler_text or "") + countable)


# ---------------------------------------------------------------------------
# Times
# ---------------------------------------------------------------------------


def fmt_ms(moment):
    """2026-12-01T09:00:00.000Z"""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def fmt_us(moment):
    """2026-12-01T09:00:00.000000Z (Mastodon's X-RateLimit-Reset)"""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % moment.microsecond


_TIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$")


def parse_time(text):
    """An ISO 8601 / RFC 3339 time as Ruby's String#to_datetime takes it (no
    offset means UTC); None when it is not one."""
    if not isinstance(text, str):
        return None
    match = _TIME_RE.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, frac, zone = match.groups()
    try:
        micro = int((frac or "0")[:6].ljust(6, "0"))
        tz = UTC
        if zone and zone not in ("Z", "z", "UTC"):
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
            if hours > 23 or minutes > 59:
                return None
            tz = datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
        return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                                 int(second or 0), micro, tz).astimezone(UTC)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Shared server machinery (also used by fake_pds.py and webhook_receiver.py)
# ---------------------------------------------------------------------------


class Reply:
    """One HTTP answer: status, body bytes, extra headers."""

    def __init__(self, status, body=b"", headers=None, content_type="application/json; charset=utf-8"):
        self.status = status
        self.body = body
        self.headers = list(headers or [])
        self.content_type = content_type

    @classmethod
    def json(cls, status, obj, headers=None):
        return cls(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), headers)


class BadRequest(Exception):
    def __init__(self, reply):
        super().__init__(reply.status)
        self.reply = reply


class Request:
    def __init__(self, method, target, headers, body, client):
        self.method = method
        split = urllib.parse.urlsplit(target)
        self.path = urllib.parse.unquote(split.path)
        self.raw_path = split.path
        self.query_string = split.query
        self.query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.client = client

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def arg(self, name, default=None):
        values = self.query.get(name)
        return values[-1] if values else default

    def json_body(self):
        """The body as a JSON object ({} when empty)."""
        if not self.body.strip():
            return {}
        try:
            value = json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(Reply.json(400, {"error": f"Invalid JSON: {exc}"}))
        if not isinstance(value, dict):
            raise BadRequest(Reply.json(400, {"error": "The body is not a JSON object"}))
        return value

    def params(self):
        """Rails-style parameters: the query merged with a JSON or
        form-encoded body; "key[]" collects a list under "key"."""
        params = {}
        self._merge_form(params, self.query_string)
        ctype = (self.header("Content-Type") or "").split(";")[0].strip().lower()
        if self.body:
            if ctype == "application/json" or (not ctype and self.body.lstrip()[:1] == b"{"):
                params.update(self.json_body())
            elif ctype in ("application/x-www-form-urlencoded", ""):
                try:
                    self._merge_form(params, self.body.decode("utf-8"))
                except UnicodeDecodeError:
                    raise BadRequest(Reply.json(400, {"error": "The body is not UTF-8"}))
            else:
                raise BadRequest(Reply.json(415, {"error": f"Unsupported content type {ctype}"}))
        return params

    @staticmethod
    def _merge_form(params, text):
        lists = {}
        for key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
            if key.endswith("[]"):
                lists.setdefault(key[:-2], []).append(value)
            else:
                params[key] = value
        params.update(lists)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeServer/1.0"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 300            # an idle keep-alive connection is dropped after this

    def log_message(self, format, *args):   # quiet
        pass

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except OSError:      # the client went away (reset, broken pipe, timeout)
            self.close_connection = True

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        return self.rfile.read(int(length))

    def _dispatch(self):
        fake = self.server.fake
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(Reply.json(400, {"error": "Bad request body"}))
            return
        request = Request(self.command, self.path, self.headers, body, self.client_address[0])
        if request.path == "/__fake/hostile":
            self._send(fake._run(fake.configure_hostile, request))
            return
        if request.path.startswith("/__fake/"):
            self._send(fake._run(fake.control, request))
            return
        fake._count_request()
        hostile = fake._pick_hostile(request)
        if hostile is not None:
            self._send_hostile(fake, hostile, request)
            return
        kind = fake._pick_fault(request)
        if kind == "reset_before":
            self._abort()
            return
        if kind in ("500", "429"):
            self._send(fake.fault_reply(kind, request))
            return
        if kind == "stall":
            time.sleep(fake.stall_seconds)
        reply = fake._run(fake.handle, request)
        if kind == "reset_after":
            self._abort()
            return
        self._send(reply)

    def _send(self, reply):
        reason = self.responses.get(reply.status, ("",))[0]
        lines = [f"HTTP/1.1 {reply.status} {reason}",
                 f"Server: {self.server_version}",
                 f"Date: {self.date_time_string()}",
                 f"Content-Type: {reply.content_type}",
                 f"Content-Length: {len(reply.body)}"]
        for name, value in reply.headers:
            if name.lower() == "connection" and value.lower() == "close":
                self.close_connection = True
                continue
            lines.append(f"{name}: {value}")
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if self.command == "HEAD" else head + reply.body)

    def _send_hostile(self, fake, config, request):
        kind = config["kind"]
        if kind == "redirect":
            target = "https://elsewhere.invalid" + request.raw_path
            self._send(Reply(301, b"", [("Location", target)], content_type="text/html"))
            return
        reply = fake._run(fake.handle, request)
        if kind == "cross_link":
            reply.headers.append(("Link", f'<{config["link_to"]}{request.raw_path}?max_id=1>; rel="next"'))
            self._send(reply)
            return
        if kind == "slow":
            time.sleep(float(config.get("seconds", 3)))
            self._send(reply)
            return
        if kind == "huge":
            self._send_huge(int(config.get("size", 50 * 1024 * 1024)))
            return
        self._send(Reply(200, HOSTILE_BODIES[kind]))

    def _send_huge(self, size):
        """A JSON array of @size bytes, chunked, 64 kB at a time."""
        self.close_connection = True
        head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode("latin-1")
        piece = b'"' + b"x" * (64 * 1024 - 4) + b'",'
        try:
            self.wfile.write(head)
            self.wfile.write(b"1\r\n[\r\n")
            sent = 1
            while sent < size:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            self.wfile.write(b"2\r\n0]\r\n0\r\n\r\n")
        except OSError:       # the client stopped reading: what it should do
            pass

    def _abort(self):
        """Drop the connection without an answer (an RST, not a FIN)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:
            os.close(self.connection.detach())
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, fake):
        self.fake = fake
        super().__init__(address, _Handler)

    def server_bind(self):
        # HTTPServer.server_bind asks DNS for the host's name; not needed.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address):
        self.fake._count_connection()
        super().process_request(request, client_address)

    def handle_error(self, request, client_address):   # quiet
        pass


FAULT_KINDS = ("500", "reset_before", "reset_after", "stall", "429")
HOSTILE_KINDS = ("blank", "comment", "malformed", "wrong_type", "huge", "slow", "redirect", "cross_link")
HOSTILE_BODIES = {
    "blank": b" \r\n\t  \n",
    "comment": b"//",
    "malformed": b'{"id": "1", "params": {"text": "cut',
    "wrong_type": b'[{"id": 5, "params": "x", "username": [], "configuration": 3}, "text", 3, null]',
}


class FakeServerBase:
    """A threaded HTTP server on 127.0.0.1 with fault injection. Subclasses
    define handle(request) and control(request) → Reply; both run with the
    fake's lock held by the subclass as needed."""

    fault_prefix = "/"          # which requests faults may hit
    fault_kinds = FAULT_KINDS

    def __init__(self, port=0):
        self.lock = threading.RLock()
        self._port = port
        self._server = None
        self._thread = None
        self.port = None
        self.url = None
        self.requests = 0
        self.connections = 0
        self.fault_counts = {}
        self._fault_rate = 0.0
        self._fault_kinds = list(self.fault_kinds)
        self._fault_paths = None
        self._fault_rng = random.Random()
        self.stall_seconds = 5.0
        self.hostile = None            # the /__fake/hostile config, or None
        self.hostile_hits = 0

    # hostile answers (every fake)

    def configure_hostile(self, request):
        if request.method == "GET":
            with self.lock:
                return Reply.json(200, {"config": self.hostile, "hits": self.hostile_hits})
        body = request.json_body()
        kind = body.get("kind")
        if kind is not None and kind not in HOSTILE_KINDS:
            return Reply.json(400, {"error": f"unknown hostile kind {kind!r}: one of {HOSTILE_KINDS}"})
        if kind == "cross_link" and not body.get("link_to"):
            return Reply.json(400, {"error": "cross_link needs link_to"})
        with self.lock:
            self.hostile = dict(body) if kind else None
            self.hostile_hits = 0
            return Reply.json(200, {"config": self.hostile, "hits": 0})

    def _pick_hostile(self, request):
        with self.lock:
            config = self.hostile
            if config is None:
                return None
            paths = config.get("paths")
            methods = config.get("methods")
            if paths and not any(request.path.startswith(p) for p in paths):
                return None
            if methods and request.method not in methods:
                return None
            if config.get("count") is not None:
                if config["count"] <= 0:
                    return None
                config["count"] -= 1
            self.hostile_hits += 1
            return dict(config)

    # lifecycle

    def start(self):
        self._server = _Server(("127.0.0.1", self._port), self)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    # counters and faults

    def _count_connection(self):
        with self.lock:
            self.connections += 1

    def _count_request(self):
        with self.lock:
            self.requests += 1

    def configure_faults(self, config):
        rate = float(config.get("rate", 0) or 0)
        kinds = config.get("kinds") or list(self.fault_kinds)
        unknown = [k for k in kinds if k not in self.fault_kinds]
        if unknown or not 0 <= rate <= 1:
            raise BadRequest(Reply.json(400, {"error": f"bad fault config: unknown kinds {unknown} or rate {rate}"}))
        paths = config.get("paths")
        if isinstance(paths, str):
            paths = [paths]
        with self.lock:
            self._fault_rate = rate
            self._fault_kinds = list(kinds)
            self._fault_paths = paths or None
            self._fault_rng = random.Random(config.get("seed"))
            if "stall_seconds" in config:
                self.stall_seconds = float(config["stall_seconds"])
        return {"rate": rate, "kinds": list(kinds), "paths": paths, "stall_seconds": self.stall_seconds}

    def _pick_fault(self, request):
        with self.lock:
            if self._fault_rate <= 0 or not request.path.startswith(self.fault_prefix):
                return None
            if self._fault_paths and not any(request.path.startswith(p) for p in self._fault_paths):
                return None
            if self._fault_rng.random() >= self._fault_rate:
                return None
            kind = self._fault_rng.choice(self._fault_kinds)
            self.fault_counts[kind] = self.fault_counts.get(kind, 0) + 1
            return kind

    def fault_reply(self, kind, request):
        if kind == "429":
            return Reply.json(429, {"error": "Too many requests"})
        return Reply.json(500, {"error": "Internal server error"})

    def _run(self, function, request):
        try:
            return function(request)
        except BadRequest as exc:
            return exc.reply
        except Exception as exc:     # a bug in the fake: say so loudly
            traceback.print_exc(file=sys.stderr)
            return Reply.json(500, {"error": f"fake server bug: {exc!r}"})

    def handle(self, request):
        raise NotImplementedError

    def control(self, request):
        raise NotImplementedError

    def state(self):
        raise NotImplementedError


def run_main(factory, description, extra_args=None, argv=None):
    """The command line shared by the fakes: --port-file, --state-dir,
    serve until SIGTERM/SIGINT."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port-file", required=True, help="write the port here once listening")
    parser.add_argument("--state-dir", help="write state.json here on exit (nothing is persisted)")
    if extra_args:
        extra_args(parser)
    args = parser.parse_args(argv)
    # Ready for SIGTERM before anyone can know the port.
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    fake = factory(args)
    fake.start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(fake.port))
    os.replace(tmp, args.port_file)
    while not done.wait(0.5):
        pass
    if args.state_dir:
        os.makedirs(args.state_dir, exist_ok=True)
        with fake.lock:
            state = fake.state()
        with open(os.path.join(args.state_dir, "state.json"), "w", encoding="utf-8") as f:
            json.dump(state, f, indent=1, ensure_ascii=False)
    fake.stop()
    return 0


# ---------------------------------------------------------------------------
# Mastodon
# ---------------------------------------------------------------------------

MIN_SCHEDULE_OFFSET = datetime.timedelta(minutes=5)
IDEMPOTENCY_SECONDS = 3600
CODE_SECONDS = 600
VISIBILITIES = ("public", "unlisted", "private", "direct")
KNOWN_SCOPES = {
    "read", "write", "follow", "push", "profile", "crypto",
    "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
    "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
    "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
    "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
    "write:reports", "write:statuses",
}
READ_STATUSES = ("read", "read:statuses")
WRITE_STATUSES = ("write", "write:statuses")
READ_ACCOUNTS = ("read", "read:accounts", "profile")
WRITE_MEDIA = ("write", "write:media")
NOT_PROCESSED = "Cannot attach files that have not finished processing. Try again in a moment!"
INVALID_TOKEN = {"error": "The access token is invalid"}
OUTSIDE_SCOPES = {"error": "This action is outside the authorized scopes"}
NOT_FOUND = {"error": "Record not found"}
FIRST_ID = 110_000_000_000_000_001     # snowflake-sized: beyond a double's 53 bits


def _unprocessable(message):
    return Reply.json(422, {"error": message})


def _bool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    return str(value).strip().lower() in ("1", "true", "t", "on", "yes")


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class _Account:
    def __init__(self, account_id, username, created_at):
        self.id = account_id
        self.username = username
        self.created_at = created_at
        self.token = None
        self.followers = 0
        self.scheduled = {}       # id → scheduled record
        self.statuses = {}        # id → status record
        self.idempotency = {}     # key → (expires at, status, body bytes)


class FakeMastodon(FakeServerBase):
    fault_prefix = "/api/"

    def __init__(self, max_characters=500, port=0, per_day=25, total=300, rate_limit=300, rate_window=300):
        super().__init__(port)
        self.max_characters = max_characters
        self.max_media = 4
        self.per_day = per_day
        self.total = total
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.rate_align = "first"        # or "epoch"
        self.offset = 0.0              # fake clock = real UTC + offset seconds
        self.silent_drop = False
        self.accounts = []             # in creation order
        self.tokens = {}               # token → {"account", "scopes", "revoked", "app"}
        self.apps = {}                 # client_id → app
        self.codes = {}                # code → grant
        self.last_code = None
        self.oauth_username = None
        self.creates = 0
        self.fired = 0
        self.dropped = 0
        self._next_id = FIRST_ID
        self._next_account = 109_000_000_000_000_001
        self._windows = {}             # rate-limit key → (window index, count)
        self._init_media()

    # -- clock and ids --

    def now(self):
        return datetime.datetime.now(UTC) + datetime.timedelta(seconds=self.offset)

    def _new_id(self):
        self._next_id += 1
        return self._next_id

    # -- in-process helpers (the control API calls these) --

    def add_account(self, username, token=None, scopes="read write"):
        with self.lock:
            if any(a.username == username for a in self.accounts):
                raise BadRequest(_unprocessable(f"Validation failed: Username {username} is taken"))
            account = _Account(str(self._next_account), username, self.now())
            self._next_account += 1
            account.token = token or secrets.token_urlsafe(32)
            if account.token in self.tokens:
                raise BadRequest(_unprocessable("that token is already in use"))
            self.accounts.append(account)
            self.tokens[account.token] = {"account": account, "scopes": set(scopes.split()), "revoked": False,
                                          "app": None}
            if self.oauth_username is None:
                self.oauth_username = username
            return account

    def revoke(self, token):
        with self.lock:
            entry = self.tokens.get(token)
            if entry:
                entry["revoked"] = True
            return entry is not None

    def advance(self, seconds=None, now=None):
        """Move the fake clock; returns how many due posts fired (or dropped)."""
        with self.lock:
            if now is not None:
                self.offset = (now - datetime.datetime.now(UTC)).total_seconds()
            else:
                self.offset += float(seconds or 0)
            return self._fire_due()

    def _fire_due(self):
        now = self.now()
        due = sorted(((s["scheduled_at"], s["id"], account) for account in self.accounts
                      for s in account.scheduled.values() if s["scheduled_at"] <= now),
                     key=lambda t: (t[0], t[1]))
        for scheduled_at, sid, account in due:
            record = account.scheduled.pop(sid)
            if self.silent_drop:
                self.dropped += 1
                continue
            params = record["params"]
            status = self._create_status(account, params["text"], params["spoiler_text"], params["visibility"],
                                         params["language"], params["sensitive"], params["media_ids"] or [],
                                         scheduled_at)
            self._release_media("scheduled:" + str(sid))
            self._attach(params["media_ids"] or [], "status:" + str(status["id"]))
            self.fired += 1
        return len(due)

    # -- JSON shapes --

    def _account_json(self, account):
        return {
            "id": account.id, "username": account.username, "acct": account.username,
            "display_name": account.username, "locked": False, "bot": False, "discoverable": True,
            "group": False, "created_at": fmt_ms(account.created_at), "note": "",
            "url": f"http://{self.host}/@{account.username}",
            "uri": f"http://{self.host}/users/{account.username}",
            "avatar": f"http://{self.host}/avatars/original/missing.png",
            "header": f"http://{self.host}/headers/original/missing.png",
            "followers_count": account.followers, "following_count": 0, "statuses_count": len(account.statuses),
            "last_status_at": None, "emojis": [], "fields": [],
        }

    @staticmethod
    def _html(text):
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [""]
        return "".join("<p>" + html.escape(p, quote=False).replace("\n", "<br />") + "</p>" for p in paragraphs)

    def _status_json(self, account, status):
        sid = str(status["id"])
        return {
            "id": sid, "created_at": fmt_ms(status["created_at"]),
            "in_reply_to_id": None, "in_reply_to_account_id": None,
            "sensitive": bool(status["sensitive"]), "spoiler_text": status["spoiler_text"],
            "visibility": status["visibility"], "language": status["language"],
            "uri": f"http://{self.host}/users/{account.username}/statuses/{sid}",
            "url": f"http://{self.host}/@{account.username}/{sid}",
            "replies_count": status.get("replies", 0), "reblogs_count": status.get("reblogs", 0),
            "favourites_count": status.get("favourites", 0), "edited_at": None,
            "content": self._html(status["text"]), "reblog": None,
            "application": {"name": "Lineup", "website": None},
            "account": self._account_json(account),
            "media_attachments": [], "mentions": [], "tags": [], "emojis": [],
            "card": None, "poll": None,
            **({"quotes_count": status["quotes"]} if "quotes" in status else {}),
        }

    def _scheduled_json(self, record):
        # Its media as they are now (a PUT /api/v1/media/:id shows here), by id as
        # Mastodon lists them (params.media_ids keeps the order they were sent in).
        media = [self._media_json(self.media[mid]) for mid in sorted(record["params"].get("media_ids") or [], key=int)
                 if mid in self.media and self.media[mid]["attached_to"] == "scheduled:" + str(record["id"])]
        return {"id": str(record["id"]), "scheduled_at": fmt_ms(record["scheduled_at"]),
                "params": dict(record["params"]), "media_attachments": media}

    # -- media (protocols.md §7): POST /api/v2/media, GET/PUT /api/v1/media/:id --

    def _init_media(self):
        self.media = {}                # id → medium
        self.media_polls = 0           # 206 answers a new medium gives before it is processed
        self.media_async = False       # POST /api/v2/media answers 202 (url null) for every medium
        self.media_max_bytes = 16 * 1024 * 1024
        self.media_uploads = 0
        self.media_early_url = False   # answer 200 with a url while still processing (a status naming it → 422)
        self.media_refusals = 0        # statuses refused for a medium still processing
        self.media_updates = []        # each PUT /api/v1/media/:id that changed a medium: {"id", "description"}

    def _configure_media(self, body):
        if "polls" in body:
            self.media_polls = int(body["polls"])
            self.media_async = self.media_polls > 0
        if "async" in body:
            self.media_async = bool(body["async"])
        if "max_bytes" in body:
            self.media_max_bytes = int(body["max_bytes"])
        if "early_url" in body:
            self.media_early_url = bool(body["early_url"])
        # Removed as Mastodon removes unattached media after a day: their ids answer 404.
        for mid in body.get("forget") or []:
            self.media.pop(str(mid), None)
        return {"polls": self.media_polls, "async": self.media_async, "max_bytes": self.media_max_bytes,
                "early_url": self.media_early_url}

    def _media_json(self, medium):
        done = medium["polls_left"] <= 0
        url = f"http://{self.host}/system/media/{medium['id']}" if done else None
        return {"id": medium["id"], "type": medium["type"], "url": url, "preview_url": url,
                "remote_url": None, "text_url": None, "meta": {}, "description": medium["description"],
                "blurhash": None}

    def _media_state(self, account):
        return [{"id": m["id"], "description": m["description"], "mime": m["mime"], "size": m["size"],
                 "sha256": m["sha256"], "filename": m["filename"], "attached_to": m["attached_to"],
                 "processed": m["polls_left"] <= 0}
                for m in sorted(self.media.values(), key=lambda m: int(m["id"])) if m["account"] is account]

    @staticmethod
    def _multipart(request):
        """The fields of a multipart/form-data body: name → (filename, content type, bytes)."""
        ctype = request.header("Content-Type") or ""
        if not ctype.lower().startswith("multipart/form-data"):
            raise BadRequest(_unprocessable("Validation failed: File can't be blank"))
        boundary = None
        for piece in ctype.split(";")[1:]:
            key, _, value = piece.strip().partition("=")
            if key.lower() == "boundary":
                boundary = value.strip('"')
        if not boundary:
            raise BadRequest(Reply.json(400, {"error": "No multipart boundary"}))
        fields = {}
        for part in request.body.split(b"--" + boundary.encode())[1:]:
            if part.startswith(b"--"):
                break
            head, _, data = part.partition(b"\r\n\r\n")
            if data.endswith(b"\r\n"):
                data = data[:-2]
            name = filename = content_type = None
            for line in head.decode("utf-8", "replace").split("\r\n"):
                low = line.lower()
                if low.startswith("content-disposition:"):
                    for item in line.split(";")[1:]:
                        k, _, v = item.strip().partition("=")
                        if k == "name":
                            name = v.strip('"')
                        elif k == "filename":
                            filename = v.strip('"')
                elif low.startswith("content-type:"):
                    content_type = line.split(":", 1)[1].strip()
            if name:
                fields[name] = (filename, content_type, data)
        return fields

    def _media_api(self, request, parts):
        entry = self._authorize(request, WRITE_MEDIA if request.method != "GET" else READ_STATUSES + WRITE_MEDIA)
        account = entry["account"]
        if request.path == "/api/v2/media":
            if request.method != "POST":
                return Reply.json(404, {"error": "Not found"})
            fields = self._multipart(request)
            if "file" not in fields:
                return _unprocessable("Validation failed: File can't be blank")
            filename, content_type, data = fields["file"]
            if len(data) > self.media_max_bytes:
                return Reply.json(413, {"error": "File is too large"})
            if not (content_type or "").startswith(("image/", "video/")):
                return _unprocessable("Validation failed: File content type is invalid")
            description = fields["description"][2].decode("utf-8") if "description" in fields else None
            if description is not None and len(description) > 1500:
                return _unprocessable("Validation failed: Description is too long (maximum is 1500 characters)")
            medium = {"id": str(self._new_id()), "account": account, "description": description,
                      "mime": content_type, "size": len(data), "filename": filename,
                      "sha256": hashlib.sha256(data).hexdigest(),
                      "type": "video" if content_type.startswith("video/") else "image",
                      "polls_left": self.media_polls if self.media_async else 0, "attached_to": None}
            self.media[medium["id"]] = medium
            self.media_uploads += 1
            asynchronous = (self.media_async or medium["type"] == "video") and not self.media_early_url
            if self.media_early_url:
                return Reply.json(200, self._media_json(dict(medium, polls_left=0)))
            return Reply.json(202 if asynchronous else 200, self._media_json(medium))
        medium = self.media.get(parts[3])
        if medium is None or medium["account"] is not account:
            return Reply.json(404, NOT_FOUND)
        if request.method == "GET":
            if medium["polls_left"] > 0:
                medium["polls_left"] -= 1
                return Reply.json(206, self._media_json(dict(medium, polls_left=1)))
            return Reply.json(200, self._media_json(medium))
        if request.method == "PUT":
            if medium["attached_to"] and medium["attached_to"].startswith("status:"):
                return _unprocessable("Validation failed: the medium is attached to a posted status")
            params = request.params()
            if "description" in params:
                description = str(params["description"])
                if len(description) > 1500:
                    return _unprocessable("Validation failed: Description is too long (maximum is 1500 characters)")
                medium["description"] = description
                self.media_updates.append({"id": medium["id"], "description": description})
            return Reply.json(200, self._media_json(medium))
        return Reply.json(404, {"error": "Not found"})

    def _check_attach(self, account, media_ids):
        """A 422 when a status names media of the account it may not take (still
        processing, or another status's), else None."""
        for mid in media_ids:
            medium = self.media.get(mid)
            if medium is None or medium["account"] is not account:
                continue           # Mastodon looks up the account's own media only; others are ignored
            if medium["polls_left"] > 0:
                medium["polls_left"] -= 1      # processing goes on meanwhile
                self.media_refusals += 1
                return _unprocessable(NOT_PROCESSED)
            if medium["attached_to"]:
                return _unprocessable("Validation failed: a medium belongs to one status")
        return None

    def _attach(self, media_ids, owner):
        for mid in media_ids:
            if mid in self.media and not self.media[mid]["attached_to"]:
                self.media[mid]["attached_to"] = owner

    def _release_media(self, owner):
        """A deleted scheduled status frees its media (their ids can be used again)."""
        for medium in self.media.values():
            if medium["attached_to"] == owner:
                medium["attached_to"] = None

    def state(self):
        self._fire_due()
        accounts = []
        for account in self.accounts:
            statuses = []
            for status in sorted(account.statuses.values(), key=lambda s: s["id"]):
                item = self._status_json(account, status)
                item["text"] = status["text"]
                statuses.append(item)
            accounts.append({
                "id": account.id, "username": account.username, "token": account.token,
                "scheduled": [self._scheduled_json(s) for s in sorted(account.scheduled.values(),
                                                                       key=lambda s: s["id"])],
                "statuses": statuses,
                "media": self._media_state(account),
            })
        return {"accounts": accounts, "faults": dict(self.fault_counts), "requests": self.requests,
                "media_refusals": self.media_refusals,
                "media_uploads": self.media_uploads, "media_updates": list(self.media_updates),
                "creates": self.creates, "connections": self.connections, "fired": self.fired,
                "dropped": self.dropped, "now": fmt_ms(self.now()), "silent_drop": self.silent_drop,
                "apps": [{"client_id": a["client_id"], "name": a["name"], "scopes": a["scopes"],
                          "redirect_uris": a["redirect_uris"]} for a in self.apps.values()]}

    # -- control API --

    def control(self, request):
        path, method = request.path, request.method
        body = request.json_body() if method in ("POST", "PUT") else {}
        with self.lock:
            if path == "/__fake/state" and method == "GET":
                return Reply.json(200, self.state())
            if path == "/__fake/accounts" and method == "POST":
                if not body.get("username"):
                    return Reply.json(400, {"error": "username is required"})
                account = self.add_account(body["username"], body.get("token"), body.get("scopes", "read write"))
                result = self._account_json(account)
                result["token"] = account.token
                return Reply.json(200, result)
            if path == "/__fake/revoke" and method == "POST":
                return Reply.json(200, {"revoked": self.revoke(body.get("token"))})
            if path == "/__fake/tokens" and method == "POST":
                # Another token for an existing account (a person signing in again).
                account = next((a for a in self.accounts if a.username == body.get("username")), None)
                if account is None or not body.get("token"):
                    return Reply.json(400, {"error": "username of an account and token are required"})
                self.tokens[body["token"]] = {"account": account, "scopes": set(body.get("scopes", "read write").split()),
                                              "revoked": False, "app": None}
                return Reply.json(200, {"token": body["token"]})
            if path == "/__fake/clock":
                if method == "GET":
                    self._fire_due()
                    return Reply.json(200, {"now": fmt_ms(self.now()), "offset": self.offset})
                if "now" in body:
                    when = parse_time(body["now"])
                    if when is None:
                        return Reply.json(400, {"error": "now is not a time"})
                    fired = self.advance(now=when)
                else:
                    fired = self.advance(seconds=body.get("advance", 0))
                return Reply.json(200, {"now": fmt_ms(self.now()), "fired": fired})
            if path == "/__fake/faults" and method == "POST":
                return Reply.json(200, self.configure_faults(body))
            if path == "/__fake/media" and method == "POST":
                return Reply.json(200, self._configure_media(body))
            if path == "/__fake/limits" and method == "POST":
                for key in ("per_day", "total", "rate_limit", "max_characters"):
                    if key in body:
                        setattr(self, key, int(body[key]))
                if "rate_window" in body:
                    self.rate_window = float(body["rate_window"])
                if body.get("rate_align") in ("first", "epoch"):
                    self.rate_align = body["rate_align"]
                if {"rate_limit", "rate_window", "rate_align"} & set(body):
                    self._windows.clear()
                return Reply.json(200, {"per_day": self.per_day, "total": self.total,
                                        "rate_limit": self.rate_limit, "rate_window": self.rate_window,
                                        "rate_align": self.rate_align, "max_characters": self.max_characters})
            if path == "/__fake/counts" and method == "POST":
                return self._set_counts(body)
            if path == "/__fake/delete_status" and method == "POST":
                sid = _int(body.get("id"))
                gone = [a.statuses.pop(sid) for a in self.accounts if sid in a.statuses]
                return Reply.json(200 if gone else 404, {"deleted": bool(gone)})
            if path == "/__fake/silent_drop" and method == "POST":
                self.silent_drop = bool(body.get("on", True))
                return Reply.json(200, {"on": self.silent_drop})
            if path == "/__fake/oauth_account" and method == "POST":
                if not any(a.username == body.get("username") for a in self.accounts):
                    return Reply.json(404, {"error": "no such account"})
                self.oauth_username = body["username"]
                return Reply.json(200, {"username": self.oauth_username})
            if path == "/__fake/oauth_code" and method == "GET":
                grant = self.codes.get(self.last_code) if self.last_code else None
                return Reply.json(200, {"code": self.last_code,
                                        "client_id": grant and grant["client_id"],
                                        "username": grant and grant["account"].username,
                                        "scopes": grant and " ".join(sorted(grant["scopes"]))})
        return Reply.json(404, {"error": f"no control endpoint {method} {path}"})

    def _set_counts(self, body):
        """{"id": status id, "replies"?, "reblogs"?, "favourites"?, "quotes"?}
        and/or {"username", "followers"}: the numbers a status and an account
        show from now on (a count set to null is no longer said)."""
        result = {}
        if "id" in body:
            sid = _int(body["id"])
            status = next((a.statuses[sid] for a in self.accounts if sid in a.statuses), None)
            if status is None:
                return Reply.json(404, NOT_FOUND)
            for key in ("replies", "reblogs", "favourites", "quotes"):
                if key in body:
                    if body[key] is None:
                        status.pop(key, None)
                    else:
                        status[key] = int(body[key])
            result["status"] = {k: status.get(k) for k in ("replies", "reblogs", "favourites", "quotes")}
        if "username" in body:
            account = next((a for a in self.accounts if a.username == body["username"]), None)
            if account is None:
                return Reply.json(404, {"error": "no such account"})
            account.followers = int(body.get("followers", account.followers))
            result["followers"] = account.followers
        return Reply.json(200, result)

    # -- rate limit and auth --

    def _rate_headers(self, key):
        """Count one request against @key's fixed window. By default a window
        opens with its first request, so a test knows how long a client must
        wait; with rate_align "epoch" windows are aligned on the epoch, as
        rack-attack's are. Returns (headers, exceeded)."""
        now = time.time()
        window = float(self.rate_window)
        if self.rate_align == "epoch":
            start = (now // window) * window
        else:
            start = self._windows.get(key, (now, 0))[0]
            if now >= start + window:
                start = now
        seen_start, count = self._windows.get(key, (start, 0))
        if seen_start != start:
            count = 0
        count += 1
        self._windows[key] = (start, count)
        reset = datetime.datetime.fromtimestamp(start + window, UTC)
        headers = [("X-RateLimit-Limit", str(self.rate_limit)),
                   ("X-RateLimit-Remaining", str(max(0, self.rate_limit - count))),
                   ("X-RateLimit-Reset", fmt_us(reset))]
        return headers, count > self.rate_limit

    @staticmethod
    def _bearer(request):
        auth = request.header("Authorization") or ""
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return None

    def _authorize(self, request, scopes):
        """The token's entry, or raises a 401/403/422 reply."""
        entry = self.tokens.get(self._bearer(request) or "")
        if entry is None or entry["revoked"]:
            raise BadRequest(Reply.json(401, INVALID_TOKEN))
        if not any(s in entry["scopes"] for s in scopes):
            raise BadRequest(Reply.json(403, OUTSIDE_SCOPES))
        if entry["account"] is None:
            raise BadRequest(_unprocessable("This method requires an authenticated user"))
        return entry

    def fault_reply(self, kind, request):
        if kind == "429":
            reset = datetime.datetime.now(UTC) + datetime.timedelta(seconds=1)
            return Reply.json(429, {"error": "Too many requests"},
                              [("X-RateLimit-Limit", str(self.rate_limit)), ("X-RateLimit-Remaining", "0"),
                               ("X-RateLimit-Reset", fmt_us(reset))])
        return Reply.json(500, {"error": "Internal server error"})

    # -- the API --

    def handle(self, request):
        with self.lock:
            self._fire_due()
            if request.path.startswith("/api/"):
                key = self._bearer(request)
                headers, exceeded = self._rate_headers("token:" + key if key else "ip:" + request.client)
                if exceeded:
                    return Reply.json(429, {"error": "Too many requests"}, headers)
                try:
                    reply = self._api(request)
                except BadRequest as exc:
                    reply = exc.reply
                reply.headers.extend(headers)
                return reply
            if request.path.startswith("/oauth/"):
                return self._oauth(request)
            if request.path in ("/", "/health"):
                return Reply(200, b"OK", content_type="text/plain")
            return Reply.json(404, {"error": "Not found"})

    def _api(self, request):
        m, path = request.method, request.path
        parts = path.strip("/").split("/")
        if path == "/api/v2/instance" and m == "GET":
            return Reply.json(200, self._instance())
        if path == "/api/v1/apps" and m == "POST":
            return self._create_app(request)
        if path == "/api/v1/accounts/verify_credentials" and m == "GET":
            entry = self._authorize(request, READ_ACCOUNTS)
            account = entry["account"]
            result = self._account_json(account)
            result["source"] = {"privacy": "public", "sensitive": False, "language": None, "note": "",
                                "fields": []}
            return Reply.json(200, result)
        if len(parts) == 5 and parts[:3] == ["api", "v1", "accounts"] and parts[4] == "statuses" and m == "GET":
            self._authorize(request, READ_STATUSES)
            owner = next((a for a in self.accounts if a.id == parts[3]), None)
            if owner is None:
                return Reply.json(404, NOT_FOUND)
            items = [s for s in owner.statuses.values() if s["visibility"] in ("public", "unlisted")
                     or self.tokens[self._bearer(request)]["account"] is owner]
            page, links = self._paginate(request, items, f"/api/v1/accounts/{owner.id}/statuses")
            return Reply.json(200, [self._status_json(owner, s) for s in page], links)
        if path == "/api/v1/statuses" and m == "POST":
            entry = self._authorize(request, WRITE_STATUSES)
            return self._post_status(request, entry)
        if len(parts) in (4, 5) and parts[:3] == ["api", "v1", "statuses"]:
            return self._status_item(request, parts)
        if path == "/api/v1/scheduled_statuses" and m == "GET":
            entry = self._authorize(request, READ_STATUSES)
            page, links = self._paginate(request, list(entry["account"].scheduled.values()),
                                         "/api/v1/scheduled_statuses")
            return Reply.json(200, [self._scheduled_json(s) for s in page], links)
        if len(parts) == 4 and parts[:3] == ["api", "v1", "scheduled_statuses"]:
            return self._scheduled_item(request, parts[3])
        if path == "/api/v2/media" or (len(parts) == 4 and parts[:3] == ["api", "v1", "media"]):
            return self._media_api(request, parts)
        return Reply.json(404, {"error": "Not found"})

    def _instance(self):
        return {
            "domain": self.host, "title": "Fake Mastodon", "version": "4.3.0",
            "source_url": "https://github.com/mastodon/mastodon", "description": "A fake for Lineup's tests",
            "languages": ["en"], "registrations": {"enabled": False, "approval_required": False},
            "contact": {"email": "", "account": None},
            "configuration": {
                "urls": {"streaming": f"ws://{self.host}"},
                "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
                "statuses": {"max_characters": self.max_characters, "max_media_attachments": self.max_media,
                             "characters_reserved_per_url": URL_CHARS},
                "media_attachments": {"supported_mime_types": ["image/jpeg", "image/png", "image/gif",
                                                               "image/webp", "video/mp4"],
                                      "image_size_limit": 16777216, "image_matrix_limit": 33177600,
                                      "video_size_limit": 103809024, "video_frame_rate_limit": 120,
                                      "video_matrix_limit": 8294400},
                "polls": {"max_options": 4, "max_characters_per_option": 50,
                          "min_expiration": 300, "max_expiration": 2629746},
                "translation": {"enabled": False},
            },
            "rules": [],
        }

    def _paginate(self, request, items, path):
        """Mastodon's id pagination: newest first, limit default 20 clamped
        to 40, Link rel="next" only when the page is full, rel="prev" when
        it is not empty."""
        raw_limit = request.arg("limit")
        if raw_limit in (None, ""):
            limit = 20
        else:
            limit = min(abs(_int(raw_limit) or 0), 40)
        max_id, since_id, min_id = (_int(request.arg(k)) for k in ("max_id", "since_id", "min_id"))
        selected = [i for i in items if (max_id is None or i["id"] < max_id)
                    and (since_id is None or i["id"] > since_id)]
        if min_id is not None:
            selected = sorted((i for i in selected if i["id"] > min_id), key=lambda i: i["id"])[:limit]
            selected.reverse()
        else:
            selected = sorted(selected, key=lambda i: i["id"], reverse=True)[:limit]
        host = request.header("Host") or self.host
        base = f"http://{host}{path}?"
        keep = {"limit": raw_limit} if raw_limit not in (None, "") else {}
        links = []
        if selected and len(selected) == limit:
            links.append(f'<{base}{urllib.parse.urlencode(dict(keep, max_id=selected[-1]["id"]))}>; rel="next"')
        if selected:
            links.append(f'<{base}{urllib.parse.urlencode(dict(keep, min_id=selected[0]["id"]))}>; rel="prev"')
        return selected, ([("Link", ", ".join(links))] if links else [])

    # statuses

    def _create_status(self, account, text, spoiler_text, visibility, language, sensitive, media_ids, created_at):
        status = {"id": self._new_id(), "created_at": created_at, "text": text, "spoiler_text": spoiler_text,
                  "visibility": visibility, "language": language, "sensitive": bool(sensitive),
                  "media_ids": list(media_ids)}
        account.statuses[status["id"]] = status
        return status

    def _day_count(self, account, when, exclude=None):
        day = when.date()
        return sum(1 for s in account.scheduled.values()
                   if s["scheduled_at"].date() == day and s["id"] != exclude)

    def _schedule_errors(self, account, when, exclude=None):
        """Mastodon's ScheduledStatusValidator: None or a 422 reply."""
        if when <= self.now() + MIN_SCHEDULE_OFFSET:
            return _unprocessable("Validation failed: Scheduled at The scheduled date must be in the future")
        if exclude is None and len(account.scheduled) >= self.total:
            return _unprocessable(f"Validation failed: You have exceeded the limit of {self.total} scheduled posts")
        if self._day_count(account, when, exclude) >= self.per_day:
            return _unprocessable(f"Validation failed: You have exceeded the limit of {self.per_day} "
                                  f"scheduled posts for that day")
        return None

    def _post_status(self, request, entry):
        account = entry["account"]
        params = request.params()
        now = self.now()
        key = request.header("Idempotency-Key")
        if key:
            for old in [k for k, v in account.idempotency.items() if v[0] <= now]:
                del account.idempotency[old]
            if key in account.idempotency:
                _, status, body = account.idempotency[key]
                return Reply(status, body)

        media_ids = params.get("media_ids") or []
        if isinstance(media_ids, (str, int)):
            media_ids = [media_ids]
        media_ids = [str(m) for m in media_ids]
        if len(media_ids) > self.max_media:
            return _unprocessable(f"Cannot attach more than {self.max_media} files")
        error = self._check_attach(account, media_ids)
        if error:
            return error

        text = params.get("status")
        text = "" if text is None else str(text)
        spoiler = str(params.get("spoiler_text") or "")
        visibility = params.get("visibility") or "public"
        if visibility not in VISIBILITIES:
            return _unprocessable(f"Validation failed: '{visibility}' is not a valid visibility")
        language = params.get("language") or None
        sensitive = _bool(params.get("sensitive"))

        scheduled_at = params.get("scheduled_at")
        when = None
        if scheduled_at not in (None, ""):
            when = parse_time(scheduled_at)
            if when is None:
                return _unprocessable("Validation failed: Scheduled at is not a valid time")
            if when <= now:
                when = None          # in the past: posted at once

        if not text.strip() and not media_ids:
            return _unprocessable("Validation failed: Text can't be blank")
        if mastodon_length(text, spoiler) > self.max_characters:
            return _unprocessable(f"Validation failed: Text character limit of {self.max_characters} exceeded")

        if when is not None:
            error = self._schedule_errors(account, when)
            if error:
                return error
            app = entry.get("app")
            record = {"id": self._new_id(), "scheduled_at": when, "params": {
                "text": text, "poll": None, "media_ids": media_ids or None, "sensitive": sensitive,
                "visibility": visibility, "spoiler_text": spoiler, "language": language,
                "in_reply_to_id": params.get("in_reply_to_id"), "scheduled_at": None,
                "application_id": app["id"] if app else None, "with_rate_limit": False,
                "idempotency": key, "allowed_mentions": None, "quoted_status_id": None}}
            account.scheduled[record["id"]] = record
            self._attach(media_ids, "scheduled:" + str(record["id"]))
            body = json.dumps(self._scheduled_json(record), ensure_ascii=False).encode("utf-8")
        else:
            status = self._create_status(account, text, spoiler, visibility, language, sensitive, media_ids, now)
            self._attach(media_ids, "status:" + str(status["id"]))
            body = json.dumps(self._status_json(account, status), ensure_ascii=False).encode("utf-8")
        self.creates += 1
        if key:
            account.idempotency[key] = (now + datetime.timedelta(seconds=IDEMPOTENCY_SECONDS), 200, body)
        return Reply(200, body)

    def _find_status(self, viewer, sid):
        for account in self.accounts:
            status = account.statuses.get(sid)
            if status and (account is viewer or status["visibility"] in ("public", "unlisted")):
                return account, status
        return None, None

    def _status_item(self, request, parts):
        sid = _int(parts[3])
        m = request.method
        if len(parts) == 5:
            if parts[4] != "source" or m != "GET":
                return Reply.json(404, {"error": "Not found"})
            entry = self._authorize(request, READ_STATUSES)
            owner, status = self._find_status(entry["account"], sid)
            if status is None:
                return Reply.json(404, NOT_FOUND)
            return Reply.json(200, {"id": str(sid), "text": status["text"], "spoiler_text": status["spoiler_text"]})
        if m == "GET":
            entry = self._authorize(request, READ_STATUSES)
            owner, status = self._find_status(entry["account"], sid)
            if status is None:
                return Reply.json(404, NOT_FOUND)
            return Reply.json(200, self._status_json(owner, status))
        if m == "DELETE":
            entry = self._authorize(request, WRITE_STATUSES)
            account = entry["account"]
            status = account.statuses.pop(sid, None)
            if status is None:
                return Reply.json(404, NOT_FOUND)
            result = self._status_json(account, status)
            result["text"] = status["text"]
            return Reply.json(200, result)
        return Reply.json(404, {"error": "Not found"})

    def _scheduled_item(self, request, raw_id):
        m = request.method
        entry = self._authorize(request, READ_STATUSES if m == "GET" else WRITE_STATUSES)
        account = entry["account"]
        record = account.scheduled.get(_int(raw_id))
        if m not in ("GET", "PUT", "DELETE"):
            return Reply.json(404, {"error": "Not found"})
        if record is None:
            return Reply.json(404, NOT_FOUND)
        if m == "GET":
            return Reply.json(200, self._scheduled_json(record))
        if m == "DELETE":
            del account.scheduled[record["id"]]
            self._release_media("scheduled:" + str(record["id"]))
            return Reply.json(200, {})
        params = request.params()          # PUT: only scheduled_at counts
        if "scheduled_at" in params:
            when = parse_time(params["scheduled_at"]) if params["scheduled_at"] not in (None, "") else None
            if when is None:
                return _unprocessable("Validation failed: Scheduled at is not a valid time")
            error = self._schedule_errors(account, when, exclude=record["id"])
            if error:
                return error
            record["scheduled_at"] = when
        return Reply.json(200, self._scheduled_json(record))

    # apps and OAuth

    def _create_app(self, request):
        params = request.params()
        name = params.get("client_name")
        redirect = params.get("redirect_uris")
        if isinstance(redirect, str):
            redirect = [r for r in re.split(r"[\s]+", redirect) if r]
        if not name:
            return _unprocessable("Validation failed: Application name can't be blank")
        if not redirect:
            return _unprocessable("Validation failed: Redirect URI can't be blank")
        scopes = (params.get("scopes") or "read").split()
        if isinstance(params.get("scopes"), list):
            scopes = params["scopes"]
        unknown = [s for s in scopes if s not in KNOWN_SCOPES]
        if unknown:
            return _unprocessable(f"Validation failed: Scopes are invalid ({' '.join(unknown)})")
        app = {"id": str(len(self.apps) + 1), "name": name, "website": params.get("website"),
               "redirect_uris": redirect, "scopes": scopes,
               "client_id": secrets.token_urlsafe(32), "client_secret": secrets.token_urlsafe(32)}
        self.apps[app["client_id"]] = app
        return Reply.json(200, {"id": app["id"], "name": name, "website": app["website"], "scopes": scopes,
                                "redirect_uri": "\n".join(redirect), "redirect_uris": redirect,
                                "client_id": app["client_id"], "client_secret": app["client_secret"],
                                "client_secret_expires_at": 0,
                                "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="})

    @staticmethod
    def _page(status, title, body):
        text = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                f"<body><h1>{html.escape(title)}</h1>{body}</body></html>")
        return Reply(status, text.encode("utf-8"), content_type="text/html; charset=utf-8")

    def _oauth(self, request):
        if request.path == "/oauth/authorize" and request.method == "GET":
            app = self.apps.get(request.arg("client_id") or "")
            if app is None:
                return self._page(401, "Authorization error", "<p>Client authentication failed due to unknown client.</p>")
            if request.arg("response_type") != "code":
                return self._page(400, "Authorization error", "<p>The authorization server does not support this response type.</p>")
            redirect = request.arg("redirect_uri") or (app["redirect_uris"][0] if len(app["redirect_uris"]) == 1 else "")
            if redirect not in app["redirect_uris"]:
                return self._page(400, "Authorization error", "<p>The redirect uri included is not valid.</p>")
            scopes = (request.arg("scope") or "read").split()
            if any(s not in app["scopes"] for s in scopes):
                return self._page(400, "Authorization error", "<p>The requested scope is invalid, unknown, or malformed.</p>")
            challenge = request.arg("code_challenge")
            method = request.arg("code_challenge_method") or ("plain" if challenge else None)
            if challenge and method != "S256":
                return self._page(400, "Authorization error", "<p>Code challenge method must be S256.</p>")
            account = next((a for a in self.accounts if a.username == self.oauth_username), None)
            if account is None:
                return self._page(400, "Authorization error", "<p>No account is signed in.</p>")
            code = secrets.token_urlsafe(32)
            self.codes[code] = {"client_id": app["client_id"], "redirect_uri": redirect, "scopes": set(scopes),
                                "account": account, "expires": self.now() + datetime.timedelta(seconds=CODE_SECONDS),
                                "challenge": challenge, "used": False}
            self.last_code = code
            if redirect != "urn:ietf:wg:oauth:2.0:oob":
                sep = "&" if "?" in redirect else "?"
                query = {"code": code}
                if request.arg("state"):
                    query["state"] = request.arg("state")
                return Reply(302, b"", [("Location", redirect + sep + urllib.parse.urlencode(query))],
                             content_type="text/html; charset=utf-8")
            return self._page(200, "Authorization code",
                              f"<p>{html.escape(account.username)} authorized {html.escape(app['name'])}. "
                              f"Copy this authorization code and paste it to the application.</p>"
                              f"<input class='oauth-code' readonly type='text' value='{html.escape(code)}'>"
                              f"<code id='code'>{html.escape(code)}</code>")
        if request.path == "/oauth/token" and request.method == "POST":
            return self._token(request)
        if request.path == "/oauth/revoke" and request.method == "POST":
            params = request.params()
            entry = self.tokens.get(params.get("token") or "")
            if entry:
                entry["revoked"] = True
            return Reply.json(200, {})
        return Reply.json(404, {"error": "Not found"})

    def _token(self, request):
        params = request.params()
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        auth = request.header("Authorization") or ""
        if auth[:6].lower() == "basic ":
            try:
                pair = base64.b64decode(auth[6:].strip()).decode("utf-8")
                client_id, client_secret = (urllib.parse.unquote(p) for p in pair.split(":", 1))
            except (ValueError, UnicodeDecodeError):
                pass
        app = self.apps.get(client_id or "")
        if app is None or not secrets.compare_digest(str(client_secret or ""), app["client_secret"]):
            return Reply.json(401, {"error": "invalid_client",
                                    "error_description": "Client authentication failed due to unknown client, "
                                                         "no client authentication included, or unsupported "
                                                         "authentication method."})
        grant_type = params.get("grant_type")
        invalid_grant = Reply.json(400, {"error": "invalid_grant",
                                         "error_description": "The provided authorization grant is invalid, expired, "
                                                              "revoked, does not match the redirection URI used in the "
                                                              "authorization request, or was issued to another client."})
        if grant_type == "authorization_code":
            grant = self.codes.get(params.get("code") or "")
            if (grant is None or grant["used"] or grant["expires"] <= self.now()
                    or grant["client_id"] != app["client_id"] or params.get("redirect_uri") != grant["redirect_uri"]):
                return invalid_grant
            if grant["challenge"]:
                verifier = params.get("code_verifier") or ""
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if digest != grant["challenge"]:
                    return invalid_grant
            grant["used"] = True
            account, scopes = grant["account"], grant["scopes"]
        elif grant_type == "client_credentials":
            account, scopes = None, set((params.get("scope") or "read").split())
        else:
            return Reply.json(400, {"error": "unsupported_grant_type",
                                    "error_description": "The authorization grant type is not supported by the "
                                                         "authorization server."})
        token = secrets.token_urlsafe(32)
        self.tokens[token] = {"account": account, "scopes": set(scopes), "revoked": False, "app": app}
        return Reply.json(200, {"access_token": token, "token_type": "Bearer",
                                "scope": " ".join(sorted(scopes)), "created_at": int(time.time())})


def main(argv=None):
    def extra(parser):
        parser.add_argument("--max-characters", type=int, default=500)
    return run_main(lambda args: FakeMastodon(max_characters=args.max_characters),
                    "A fake Mastodon server for Lineup's tests", extra, argv)


if __name__ == "__main__":
    sys.exit(main())
