"""A fake Bluesky PDS for the publisher tests, enforcing protocols.md §2.

Run it as a process:

    /usr/bin/python3 fake_pds.py --port-file PATH [--state-dir DIR]

or in-process: pds = FakePds(); pds.start(); ... pds.url ...; pds.stop().

XRPC it serves: com.atproto.server.createSession {identifier (handle or DID),
password} → {accessJwt, refreshJwt, did, handle} (wrong password → 401
AuthenticationRequired; more than 30 attempts per identifier in 5 minutes or
300 a day → 429 RateLimitExceeded); refreshSession with the refresh JWT as
Bearer → a new pair, and the old refresh JWT is dead at once (unknown, expired
or rotated → 400 ExpiredToken; an access JWT → 400 InvalidToken; the real PDS
lets a rotated one live for a 2-hour grace, which "refresh_grace_seconds"
turns on); getSession; com.atproto.repo.putRecord /
createRecord / deleteRecord (access JWT: none → 401 AuthMissing, expired →
400 ExpiredToken); getRecord and listRecords (public, as on a PDS; a token
that is sent must still be live); describeServer, identity.resolveHandle,
_health.

Records of app.bsky.feed.post are validated strictly: "$type" must be
app.bsky.feed.post; text ≤ 300 graphemes and ≤ 3000 UTF-8 bytes; createdAt
RFC 3339 ending in Z; langs ≤ 3 BCP 47 tags; no floats anywhere; facets with
integer UTF-8 byte offsets 0 ≤ byteStart < byteEnd ≤ len(text) on character
boundaries, and a link facet's byte slice of the text must be its uri, the uri
without "https://"/"http://", or a display-shortened form of it (a prefix of
that ending in "..." or "…"); percent-encoding differences are tolerated. The
record key must be 1–512 of [A-Za-z0-9._:~-], not "." or "..". putRecord with
an existing key replaces the record (no second post); createRecord with an
existing key → 400. Failures are 400 {"error": "InvalidRequest", "message"}.

The lexicon gives app.bsky.feed.post the record-key type "tid"; the PDS does
not enforce it, but the Bluesky AppView is reported to ignore posts under
other keys. The state lists each account's non-TID keys, and
POST /__fake/strict {"tid_rkeys": true} makes the fake refuse them.

Control API (no auth), JSON in and out:

    POST /__fake/accounts       {"handle", "password", "did"?} → {"handle", "did"}
    POST /__fake/expire_access  every access JWT issued so far is expired → {"expired": n}
    POST /__fake/expire_refresh every refresh JWT issued so far is expired → {"expired": n}
    POST /__fake/faults         {"rate", "kinds": ["500","reset_before","reset_after","stall","429"],
                                 "seed", "stall_seconds", "paths"}  (rate 0 disables)
    POST /__fake/limits         {"logins_per_5min": 30, "logins_per_day": 300,
                                 "refresh_grace_seconds": 0 (7200 is the PDS's)}
    POST /__fake/strict         {"tid_rkeys": true|false}
    POST /__fake/counts         {"uri", "replyCount"?, "repostCount"?, "likeCount"?, "quoteCount"?} and/or
                                {"handle", "followers"}: what app.bsky.feed.getPosts (at most 25 uris;
                                a deleted post is left out) and app.bsky.actor.getProfile
                                (followersCount) say from now on; both need the access JWT
    POST /__fake/delete_record  {"uri"}: the post is gone, as if deleted in the app
    GET  /__fake/state          → {"accounts": [{"handle", "did", "records": {rkey: record},
                                   "non_tid_rkeys": [...]}], "logins", "puts", "faults",
                                   "get_posts_batches" (uris per getPosts call),
                                   "requests", "connections"}

"logins" counts createSession calls (any outcome); "puts" counts successful
putRecord/createRecord calls.

Link cards' images: com.atproto.repo.uploadBlob takes the raw bytes (access
JWT; an image/* Content-Type; at most 1,000,000 bytes, else 400 BlobTooLarge)
and answers {"blob": {"$type": "blob", "ref": {"$link": cid}, "mimeType",
"size"}}. A post record's embed app.bsky.embed.external must have a uri,
a title and a description (strings), and a thumb, when it has one, must be
a blob this account uploaded, with its mimeType and size. The state lists
the uploads under "blobs": [{"did", "cid", "mimeType", "size", "sha256",
"uploads" (how many times these bytes came)}].
"""

import base64
import datetime
import hashlib
import hmac
import json
import re
import secrets
import sys
import time
import urllib.parse

from fake_mastodon import BadRequest, FakeServerBase, Reply, count_graphemes, run_main

POST_NSID = "app.bsky.feed.post"
ACCESS_SECONDS = 2 * 3600
REFRESH_SECONDS = 90 * 86400
MAX_GRAPHEMES = 300
MAX_BYTES = 3000

RKEY_RE = re.compile(r"^[A-Za-z0-9._:~-]{1,512}$")
TID_RE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
NSID_RE = re.compile(r"^[a-zA-Z]([a-zA-Z0-9-]{0,62})?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})?)+\.[a-zA-Z]([a-zA-Z0-9]{0,62})?$")
DATETIME_Z_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$")
LANG_RE = re.compile(r"^(i|[a-zA-Z]{2,3})(-[a-zA-Z0-9]{1,8})*$")
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _cid(value):
    """A CIDv1 (dag-cbor, sha-256) shaped string over the record's canonical JSON."""
    digest = hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).digest()
    raw = bytes([0x01, 0x71, 0x12, 0x20]) + digest
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


class _TidClock:
    def __init__(self):
        self.last = 0
        self.clock_id = secrets.randbelow(1024)

    def next(self):
        micros = max(int(time.time() * 1_000_000), self.last + 1)
        self.last = micros
        value = (micros << 10) | self.clock_id
        out = []
        for _ in range(13):
            out.append(B32_SORT[value & 31])
            value >>= 5
        return "".join(reversed(out))


def _invalid(message, error="InvalidRequest"):
    return BadRequest(Reply.json(400, {"error": error, "message": message}))


def _has_float(value):
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def _strip_scheme(uri):
    return re.sub(r"^https?://", "", uri, flags=re.IGNORECASE)


def link_matches(piece, uri):
    """Whether @piece (the facet's slice of the text) shows link @uri: the
    uri itself, without its http(s) scheme, or shortened for display."""
    candidates = {uri, _strip_scheme(uri)}
    decoded = urllib.parse.unquote(uri)
    candidates |= {decoded, _strip_scheme(decoded)}
    if piece in candidates:
        return True
    for ellipsis in ("...", "\u2026"):
        if piece.endswith(ellipsis):
            prefix = piece[:-len(ellipsis)]
            if len(prefix) >= 4 and any(c.startswith(prefix) for c in candidates):
                return True
    return False


def check_post_record(record):
    """Raises BadRequest (400 InvalidRequest) when @record is not a valid
    app.bsky.feed.post."""
    if not isinstance(record, dict):
        raise _invalid("Input/record must be an object")
    if record.get("$type") != POST_NSID:
        raise _invalid(f"Invalid $type: expected {POST_NSID}, got {record.get('$type')!r}")
    if _has_float(record):
        raise _invalid("Bad record: floats are not allowed in the atproto data model")
    prefix = f"Invalid {POST_NSID} record: "
    text = record.get("text")
    if not isinstance(text, str):
        raise _invalid(prefix + "Record must have the property \"text\" (a string)")
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _invalid(prefix + f"Record/text must not be longer than {MAX_BYTES} characters "
                                f"(UTF-8 bytes; it has {len(data)})")
    graphemes = count_graphemes(text)
    if graphemes > MAX_GRAPHEMES:
        raise _invalid(prefix + f"Record/text must not be longer than {MAX_GRAPHEMES} graphemes (it has {graphemes})")
    created = record.get("createdAt")
    match = DATETIME_Z_RE.match(created) if isinstance(created, str) else None
    try:
        if not match:
            raise ValueError
        datetime.datetime(*(int(g) for g in match.groups()[:6]))
    except ValueError:
        raise _invalid(prefix + f"Record/createdAt must be an RFC 3339 datetime ending in Z, got {created!r}")
    langs = record.get("langs")
    if langs is not None:
        if not isinstance(langs, list) or len(langs) > 3 or not all(isinstance(l, str) and LANG_RE.match(l)
                                                                    for l in langs):
            raise _invalid(prefix + f"Record/langs must be at most 3 BCP 47 language tags, got {langs!r}")
    tags = record.get("tags")
    if tags is not None and (not isinstance(tags, list) or len(tags) > 8
                             or not all(isinstance(t, str) and 0 < len(t.encode()) <= 640 for t in tags)):
        raise _invalid(prefix + "Record/tags must be at most 8 strings")
    for name in ("reply", "embed", "labels"):
        if name in record and not isinstance(record[name], dict):
            raise _invalid(prefix + f"Record/{name} must be an object")
    facets = record.get("facets")
    if facets is None:
        return
    if not isinstance(facets, list):
        raise _invalid(prefix + "Record/facets must be an array")
    for n, facet in enumerate(facets):
        where = f"Record/facets/{n}"
        if not isinstance(facet, dict) or not isinstance(facet.get("index"), dict):
            raise _invalid(prefix + f"{where} must be an object with an index")
        start, end = facet["index"].get("byteStart"), facet["index"].get("byteEnd")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise _invalid(prefix + f"{where}/index must have integer byteStart and byteEnd")
        if not 0 <= start < end <= len(data):
            raise _invalid(prefix + f"{where}/index {start}..{end} is not inside the text's {len(data)} UTF-8 bytes")
        try:
            piece = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            raise _invalid(prefix + f"{where}/index {start}..{end} splits a UTF-8 character: "
                                    "byte offsets, not character offsets")
        features = facet.get("features")
        if not isinstance(features, list) or not features:
            raise _invalid(prefix + f"{where}/features must be a non-empty array")
        for feature in features:
            kind = feature.get("$type") if isinstance(feature, dict) else None
            if not isinstance(kind, str):
                raise _invalid(prefix + f"{where}/features items must be objects with a $type")
            if kind == "app.bsky.richtext.facet#link":
                uri = feature.get("uri")
                if not isinstance(uri, str) or not URI_RE.match(uri):
                    raise _invalid(prefix + f"{where}/features/link uri must be a URI, got {uri!r}")
                if not link_matches(piece, uri):
                    raise _invalid(prefix + f"{where}: the text at UTF-8 bytes {start}..{end} is {piece!r}, "
                                            f"not the link {uri!r} (facet offsets are UTF-8 byte offsets)")
            elif kind == "app.bsky.richtext.facet#mention":
                did = feature.get("did")
                if not isinstance(did, str) or not did.startswith("did:"):
                    raise _invalid(prefix + f"{where}/features/mention did must be a DID")
                if not piece.startswith("@"):
                    raise _invalid(prefix + f"{where}: a mention's text must start with @, got {piece!r}")
            elif kind == "app.bsky.richtext.facet#tag":
                tag = feature.get("tag")
                if not isinstance(tag, str) or not tag or len(tag.encode()) > 640:
                    raise _invalid(prefix + f"{where}/features/tag tag must be a string of at most 640 bytes")
                if piece not in ("#" + tag, "\uff03" + tag):
                    raise _invalid(prefix + f"{where}: the text {piece!r} is not the tag #{tag}")


class _PdsAccount:
    def __init__(self, handle, password, did):
        self.handle = handle
        self.password = password
        self.did = did
        self.records = {}          # collection → {rkey: {"value", "cid"}}
        self.followers = 0
        self.login_times = []


class FakePds(FakeServerBase):
    fault_prefix = "/xrpc/"

    def __init__(self, port=0, logins_per_5min=30, logins_per_day=300):
        super().__init__(port)
        self.accounts = []
        self.tokens = {}            # jwt → {"account", "scope", "exp", "expired"}
        self.logins = 0
        self.puts = 0
        self.logins_per_5min = logins_per_5min
        self.logins_per_day = logins_per_day
        self.refresh_grace_seconds = 0
        self.strict_tid = False
        self._login_attempts = {}   # identifier → attempt times
        self.counts = {}            # at-URI → {"replyCount", "repostCount", "likeCount", "quoteCount"}
        self.get_posts_batches = [] # how many uris each getPosts asked for
        self._secret = secrets.token_bytes(32)
        self._tid = _TidClock()
        self._init_blobs()

    # -- tokens --

    def _jwt(self, account, scope, seconds):
        now = int(time.time())
        header = _b64url(json.dumps({"typ": "at+jwt" if scope == "com.atproto.access" else "refresh+jwt",
                                     "alg": "HS256"}).encode())
        payload = _b64url(json.dumps({"scope": scope, "sub": account.did, "aud": "did:web:127.0.0.1",
                                      "iat": now, "exp": now + seconds,
                                      "jti": secrets.token_urlsafe(16)}).encode())
        signature = _b64url(hmac.new(self._secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())
        token = f"{header}.{payload}.{signature}"
        self.tokens[token] = {"account": account, "scope": scope, "exp": time.time() + seconds, "expired": False}
        return token

    def _session(self, account):
        return {"accessJwt": self._jwt(account, "com.atproto.access", ACCESS_SECONDS),
                "refreshJwt": self._jwt(account, "com.atproto.refresh", REFRESH_SECONDS),
                "handle": account.handle, "did": account.did, "active": True,
                "email": f"{account.handle}@example.invalid", "emailConfirmed": True}

    @staticmethod
    def _bearer(request):
        auth = request.header("Authorization") or ""
        return auth[7:].strip() if auth[:7].lower() == "bearer " else None

    def _auth(self, request, scope="com.atproto.access"):
        token = self._bearer(request)
        if not token:
            raise BadRequest(Reply.json(401, {"error": "AuthMissing", "message": "Authentication Required"}))
        entry = self.tokens.get(token)
        if entry is None:
            if scope == "com.atproto.refresh":
                raise _invalid("Token has expired", "ExpiredToken")
            raise _invalid("Token could not be verified", "InvalidToken")
        if entry["expired"] or time.time() >= entry["exp"]:
            raise _invalid("Token has expired", "ExpiredToken")
        if entry["scope"] != scope:
            raise _invalid("Bad token scope", "InvalidToken")
        return entry

    # -- blobs and media embeds (protocols.md §7) --

    def _init_blobs(self):
        self.blobs = {}                    # cid → {"account", "mimeType", "size", "sha256"}
        self.blob_max_bytes = 1_000_000    # image blobs over about 1,000,000 bytes are refused

    def _check_blob(self, account, blob, where):
        if not isinstance(blob, dict) or blob.get("$type") != "blob":
            raise _invalid(f"{where} must be a blob")
        cid = (blob.get("ref") or {}).get("$link")
        known = self.blobs.get(cid)
        if known is None or known["account"] is not account:
            raise _invalid(f"{where}: could not find blob {cid!r}", "BlobNotFound")
        if blob.get("mimeType") != known["mimeType"] or blob.get("size") != known["size"]:
            raise _invalid(f"{where}: the blob's mimeType or size is not the one uploaded")

    @staticmethod
    def _check_aspect(item, where):
        ratio = item.get("aspectRatio")
        if ratio is None:
            return
        if not isinstance(ratio, dict) or not all(isinstance(ratio.get(k), int) and ratio.get(k) > 0
                                                   for k in ("width", "height")):
            raise _invalid(f"{where}/aspectRatio must have positive integer width and height")

    def _check_media_embed(self, account, record):
        """An app.bsky.embed.images (up to 4, alt required) or embed.video record's blobs must be uploaded."""
        embed = record.get("embed")
        if not isinstance(embed, dict):
            return
        kind = embed.get("$type")
        if kind == "app.bsky.embed.images":
            images = embed.get("images")
            if not isinstance(images, list) or not 1 <= len(images) <= 4:
                raise _invalid("Invalid app.bsky.feed.post record: embed/images must hold 1 to 4 images")
            for i, image in enumerate(images):
                where = f"Invalid app.bsky.feed.post record: embed/images/{i}"
                if not isinstance(image, dict) or not isinstance(image.get("alt"), str):
                    raise _invalid(f"{where} must have an alt property")
                self._check_blob(account, image.get("image"), where + "/image")
                if not image["image"]["mimeType"].startswith("image/"):
                    raise _invalid(f"{where}/image must be an image")
                self._check_aspect(image, where)
        elif kind == "app.bsky.embed.video":
            where = "Invalid app.bsky.feed.post record: embed"
            self._check_blob(account, embed.get("video"), where + "/video")
            if not embed["video"]["mimeType"].startswith("video/"):
                raise _invalid(f"{where}/video must be a video")
            self._check_aspect(embed, where)

    # -- in-process helpers --

    def add_account(self, handle, password, did=None):
        with self.lock:
            if any(a.handle.lower() == handle.lower() for a in self.accounts):
                raise _invalid(f"Handle already taken: {handle}", "HandleNotAvailable")
            did = did or "did:plc:" + "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(24))
            account = _PdsAccount(handle, password, did)
            self.accounts.append(account)
            return account

    def expire(self, scope):
        with self.lock:
            n = 0
            for entry in self.tokens.values():
                if entry["scope"] == scope and not entry["expired"]:
                    entry["expired"] = True
                    n += 1
            return n

    def _find(self, repo):
        if not isinstance(repo, str):
            return None
        return next((a for a in self.accounts if repo == a.did or repo.lower() == a.handle.lower()), None)

    def state(self):
        return {"accounts": [{"handle": a.handle, "did": a.did,
                              "records": {k: v["value"] for k, v in a.records.get(POST_NSID, {}).items()},
                              "non_tid_rkeys": sorted(k for k in a.records.get(POST_NSID, {})
                                                      if not TID_RE.match(k))}
                             for a in self.accounts],
                "logins": self.logins, "puts": self.puts, "faults": dict(self.fault_counts),
                "get_posts_batches": list(self.get_posts_batches),
                "requests": self.requests, "connections": self.connections,
                "blobs": list(self._blobs().values())}

    # -- control API --

    def control(self, request):
        path, method = request.path, request.method
        body = request.json_body() if method == "POST" else {}
        with self.lock:
            if path == "/__fake/state" and method == "GET":
                return Reply.json(200, self.state())
            if path == "/__fake/accounts" and method == "POST":
                if not body.get("handle") or not body.get("password"):
                    return Reply.json(400, {"error": "handle and password are required"})
                account = self.add_account(body["handle"], body["password"], body.get("did"))
                return Reply.json(200, {"handle": account.handle, "did": account.did})
            if path == "/__fake/expire_access" and method == "POST":
                return Reply.json(200, {"expired": self.expire("com.atproto.access")})
            if path == "/__fake/expire_refresh" and method == "POST":
                return Reply.json(200, {"expired": self.expire("com.atproto.refresh")})
            if path == "/__fake/faults" and method == "POST":
                return Reply.json(200, self.configure_faults(body))
            if path == "/__fake/limits" and method == "POST":
                self.logins_per_5min = int(body.get("logins_per_5min", self.logins_per_5min))
                self.logins_per_day = int(body.get("logins_per_day", self.logins_per_day))
                self.refresh_grace_seconds = float(body.get("refresh_grace_seconds", self.refresh_grace_seconds))
                return Reply.json(200, {"logins_per_5min": self.logins_per_5min,
                                        "logins_per_day": self.logins_per_day,
                                        "refresh_grace_seconds": self.refresh_grace_seconds})
            if path == "/__fake/counts" and method == "POST":
                result = {}
                if "uri" in body:
                    counts = self.counts.setdefault(body["uri"], {})
                    for key in ("replyCount", "repostCount", "likeCount", "quoteCount"):
                        if key in body:
                            counts[key] = body[key]
                    result["counts"] = counts
                if "handle" in body:
                    account = self._find(body["handle"])
                    if account is None:
                        return Reply.json(404, {"error": "no such account"})
                    account.followers = int(body.get("followers", account.followers))
                    result["followers"] = account.followers
                return Reply.json(200, result)
            if path == "/__fake/delete_record" and method == "POST":
                match = re.match(r"^at://([^/]+)/([^/]+)/([^/]+)$", body.get("uri") or "")
                account = self._find(match.group(1)) if match else None
                gone = account.records.get(match.group(2), {}).pop(match.group(3), None) if account else None
                return Reply.json(200 if gone else 404, {"deleted": gone is not None})
            if path == "/__fake/strict" and method == "POST":
                self.strict_tid = bool(body.get("tid_rkeys", True))
                return Reply.json(200, {"tid_rkeys": self.strict_tid})
        return Reply.json(404, {"error": f"no control endpoint {method} {path}"})

    def fault_reply(self, kind, request):
        if kind == "429":
            return Reply.json(429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                              [("RateLimit-Limit", "3000"), ("RateLimit-Remaining", "0"),
                               ("RateLimit-Reset", str(int(time.time()) + 1)), ("RateLimit-Policy", "3000;w=300")])
        return Reply.json(500, {"error": "InternalServerError", "message": "Internal Server Error"})

    # -- XRPC --

    PROCEDURES = {"com.atproto.server.createSession", "com.atproto.server.refreshSession",
                  "com.atproto.repo.putRecord", "com.atproto.repo.createRecord", "com.atproto.repo.deleteRecord"}
    QUERIES = {"com.atproto.server.getSession", "com.atproto.repo.getRecord", "com.atproto.repo.listRecords",
               "com.atproto.server.describeServer", "com.atproto.identity.resolveHandle", "_health",
               "app.bsky.feed.getPosts", "app.bsky.actor.getProfile"}

    def handle(self, request):
        if not request.path.startswith("/xrpc/"):
            return Reply.json(404, {"error": "NotFound", "message": "Not Found"})
        nsid = request.path[len("/xrpc/"):]
        if nsid == "com.atproto.repo.uploadBlob":
            with self.lock:
                return self._com_atproto_repo_uploadBlob(request)
        with self.lock:
            if nsid in self.PROCEDURES:
                if request.method != "POST":
                    raise _invalid(f"Incorrect HTTP method ({request.method}) expected POST")
                ctype = (request.header("Content-Type") or "").split(";")[0].strip().lower()
                if request.body and ctype != "application/json":
                    raise _invalid(f"Wrong request encoding (Content-Type): {ctype or 'none'}")
                body = request.json_body()
            elif nsid in self.QUERIES:
                if request.method not in ("GET", "HEAD"):
                    raise _invalid(f"Incorrect HTTP method ({request.method}) expected GET")
                if self._bearer(request) and nsid != "_health":
                    self._auth(request)      # optional, but a token sent must be live
                body = {}
            else:
                return Reply.json(501, {"error": "MethodNotImplemented", "message": "Method Not Implemented"})
            if nsid == "_health":
                return self._xrpc_health(request, body)
            return getattr(self, "_" + nsid.replace(".", "_"))(request, body)

    def _xrpc_health(self, request, body):
        return Reply.json(200, {"version": "0.4.0-fake"})

    def _com_atproto_server_describeServer(self, request, body):
        return Reply.json(200, {"did": "did:web:127.0.0.1", "availableUserDomains": [".test"],
                                "inviteCodeRequired": False, "links": {}})

    def _com_atproto_identity_resolveHandle(self, request, body):
        account = self._find(request.arg("handle"))
        if account is None or account.did == request.arg("handle"):
            raise _invalid("Unable to resolve handle")
        return Reply.json(200, {"did": account.did})

    def _com_atproto_server_createSession(self, request, body):
        self.logins += 1
        identifier = body.get("identifier")
        password = body.get("password")
        if not isinstance(identifier, str) or not isinstance(password, str):
            raise _invalid("Input must have the properties \"identifier\" and \"password\"")
        now = time.time()
        key = identifier.lower()
        attempts = self._login_attempts.setdefault(key, [])
        attempts[:] = [t for t in attempts if now - t < 86400]
        recent = sum(1 for t in attempts if now - t < 300)
        if recent >= self.logins_per_5min or len(attempts) >= self.logins_per_day:
            window = 300 if recent >= self.logins_per_5min else 86400
            limit = self.logins_per_5min if window == 300 else self.logins_per_day
            return Reply.json(429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                              [("RateLimit-Limit", str(limit)), ("RateLimit-Remaining", "0"),
                               ("RateLimit-Reset", str(int(min(t for t in attempts if now - t < window) + window))),
                               ("RateLimit-Policy", f"{limit};w={window}")])
        attempts.append(now)
        account = self._find(identifier)
        if account is None or not secrets.compare_digest(password.encode(), account.password.encode()):
            return Reply.json(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
        return Reply.json(200, self._session(account))

    def _com_atproto_server_refreshSession(self, request, body):
        entry = self._auth(request, "com.atproto.refresh")
        # Rotated: the old refresh JWT dies (after the grace period, if one is set).
        if self.refresh_grace_seconds > 0:
            entry["exp"] = min(entry["exp"], time.time() + self.refresh_grace_seconds)
        else:
            entry["expired"] = True
        return Reply.json(200, self._session(entry["account"]))

    def _com_atproto_server_getSession(self, request, body):
        account = self._auth(request)["account"]
        return Reply.json(200, {"handle": account.handle, "did": account.did, "active": True,
                                "email": f"{account.handle}@example.invalid", "emailConfirmed": True})

    def _repo_for_write(self, request, body):
        account = self._auth(request)["account"]
        target = self._find(body.get("repo"))
        if target is None:
            raise _invalid(f"Could not find repo: {body.get('repo')!r}")
        if target is not account:
            raise BadRequest(Reply.json(401, {"error": "AuthenticationRequired", "message": "Authentication Required"}))
        collection = body.get("collection")
        if not isinstance(collection, str) or not NSID_RE.match(collection):
            raise _invalid(f"Input/collection must be a valid NSID, got {collection!r}")
        if collection != POST_NSID:
            raise _invalid(f"This fake PDS stores only {POST_NSID} records, not {collection}")
        return account, collection

    def _check_rkey(self, rkey):
        if not isinstance(rkey, str) or not RKEY_RE.match(rkey) or rkey in (".", ".."):
            raise _invalid(f"Invalid record key {rkey!r}: 1–512 of A-Z a-z 0-9 . _ : ~ -, not . or ..")
        if self.strict_tid and not TID_RE.match(rkey):
            raise _invalid(f"{POST_NSID} records use TID record keys, not {rkey!r}")

    def _write(self, account, collection, rkey, record, swap_given, swap):
        records = account.records.setdefault(collection, {})
        current = records.get(rkey)
        if swap_given and (current["cid"] if current else None) != swap:
            raise _invalid(f"Record was at {current['cid'] if current else None}", "InvalidSwap")
        cid = _cid(record)
        records[rkey] = {"value": record, "cid": cid}
        self.puts += 1
        return Reply.json(200, {"uri": f"at://{account.did}/{collection}/{rkey}", "cid": cid,
                                "commit": {"cid": _cid({"rev": self._tid.next()}), "rev": self._tid.next()},
                                "validationStatus": "valid"})

    def _com_atproto_repo_putRecord(self, request, body):
        account, collection = self._repo_for_write(request, body)
        rkey = body.get("rkey")
        self._check_rkey(rkey)
        check_post_record(body.get("record"))
        self._check_embed(account, body.get("record"))
        self._check_media_embed(account, body["record"])
        return self._write(account, collection, rkey, body["record"], "swapRecord" in body, body.get("swapRecord"))

    def _com_atproto_repo_createRecord(self, request, body):
        account, collection = self._repo_for_write(request, body)
        rkey = body.get("rkey")
        if rkey is None:
            rkey = self._tid.next()
        self._check_rkey(rkey)
        check_post_record(body.get("record"))
        if rkey in account.records.get(collection, {}):
            raise _invalid(f"Record already exists: at://{account.did}/{collection}/{rkey}")
        return self._write(account, collection, rkey, body["record"], False, None)

    def _com_atproto_repo_deleteRecord(self, request, body):
        account, collection = self._repo_for_write(request, body)
        rkey = body.get("rkey")
        self._check_rkey(rkey)
        account.records.get(collection, {}).pop(rkey, None)
        return Reply.json(200, {"commit": {"cid": _cid({"rev": self._tid.next()}), "rev": self._tid.next()}})

    def _com_atproto_repo_getRecord(self, request, body):
        account = self._find(request.arg("repo"))
        if account is None:
            raise _invalid(f"Could not find repo: {request.arg('repo')!r}")
        collection, rkey = request.arg("collection"), request.arg("rkey")
        uri = f"at://{account.did}/{collection}/{rkey}"
        item = account.records.get(collection or "", {}).get(rkey or "")
        if item is None or (request.arg("cid") and request.arg("cid") != item["cid"]):
            raise _invalid(f"Could not locate record: {uri}", "RecordNotFound")
        return Reply.json(200, {"uri": uri, "cid": item["cid"], "value": item["value"]})

    def _com_atproto_repo_listRecords(self, request, body):
        account = self._find(request.arg("repo"))
        if account is None:
            raise _invalid(f"Could not find repo: {request.arg('repo')!r}")
        collection = request.arg("collection") or ""
        try:
            limit = int(request.arg("limit") or 50)
        except ValueError:
            raise _invalid("limit must be an integer")
        if not 1 <= limit <= 100:
            raise _invalid("limit must be between 1 and 100")
        reverse = (request.arg("reverse") or "").lower() == "true"
        keys = sorted(account.records.get(collection, {}), reverse=not reverse)
        cursor = request.arg("cursor")
        if cursor:
            keys = [k for k in keys if (k > cursor if reverse else k < cursor)]
        page = keys[:limit]
        items = account.records.get(collection, {})
        result = {"records": [{"uri": f"at://{account.did}/{collection}/{k}", "cid": items[k]["cid"],
                               "value": items[k]["value"]} for k in page]}
        if len(page) == limit and len(keys) > limit:
            result["cursor"] = page[-1]
        return Reply.json(200, result)

    # -- blobs and link cards (uploadBlob, app.bsky.embed.external) --

    def _blobs(self):
        if not hasattr(self, "_blob_store"):
            self._blob_store = {}     # cid → {"did", "cid", "mimeType", "size", "sha256"}
        return self._blob_store

    def _com_atproto_repo_uploadBlob(self, request):
        if request.method != "POST":
            raise _invalid(f"Incorrect HTTP method ({request.method}) expected POST")
        account = self._auth(request)["account"]
        ctype = (request.header("Content-Type") or "").split(";")[0].strip().lower()
        if not ctype.startswith(("image/", "video/")) and ctype != "application/octet-stream":
            raise _invalid(f"Wrong blob encoding (Content-Type): {ctype or 'none'}")
        data = request.body or b""
        if not data:
            raise _invalid("The blob is empty")
        if ctype.startswith("image/") and len(data) > self.blob_max_bytes:
            return Reply.json(400, {"error": "BlobTooLarge",
                                    "message": f"This file is too large. It is {len(data)} bytes but the maximum "
                                               f"size is {self.blob_max_bytes} bytes."})
        digest = hashlib.sha256(data).digest()
        cid = "b" + base64.b32encode(bytes([0x01, 0x55, 0x12, 0x20]) + digest).decode().lower().rstrip("=")
        uploads = self._blobs().get(cid, {}).get("uploads", 0) + 1
        self._blobs()[cid] = {"did": account.did, "cid": cid, "mimeType": ctype, "size": len(data),
                              "sha256": digest.hex(), "uploads": uploads}
        self.blobs[cid] = {"account": account, "mimeType": ctype, "size": len(data), "sha256": digest.hex()}
        return Reply.json(200, {"blob": {"$type": "blob", "ref": {"$link": cid}, "mimeType": ctype,
                                         "size": len(data)}})

    def _check_embed(self, account, record):
        embed = record.get("embed") if isinstance(record, dict) else None
        if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.external":
            return
        prefix = f"Invalid {POST_NSID} record: Record/embed/external"
        external = embed.get("external")
        if not isinstance(external, dict):
            raise _invalid(prefix + " must be an object")
        uri = external.get("uri")
        if not isinstance(uri, str) or not URI_RE.match(uri):
            raise _invalid(prefix + f"/uri must be a URI, got {uri!r}")
        for name in ("title", "description"):
            if not isinstance(external.get(name), str):
                raise _invalid(prefix + f" must have the property \"{name}\" (a string)")
        thumb = external.get("thumb")
        if thumb is None:
            return
        ref = thumb.get("ref") if isinstance(thumb, dict) else None
        cid = ref.get("$link") if isinstance(ref, dict) else None
        blob = self._blobs().get(cid)
        if thumb.get("$type") != "blob" or blob is None or blob["did"] != account.did:
            raise _invalid(f"Could not find blob: {cid!r}", "BlobNotFound")
        if thumb.get("mimeType") != blob["mimeType"] or thumb.get("size") != blob["size"]:
            raise _invalid(prefix + "/thumb: mimeType and size must be the uploaded blob's")
        if not blob["mimeType"].startswith("image/"):
            raise _invalid(prefix + f"/thumb: Wrong type of file. It is {blob['mimeType']} but it must match image/*.")


    # -- the AppView's reads, proxied by the PDS for a signed-in account --

    def _post_view(self, uri):
        match = re.match(r"^at://([^/]+)/([^/]+)/([^/]+)$", uri)
        account = self._find(match.group(1)) if match else None
        item = account.records.get(match.group(2), {}).get(match.group(3)) if account else None
        if item is None:
            return None     # deleted or never there: left out, as the AppView does
        counts = {"replyCount": 0, "repostCount": 0, "likeCount": 0, "quoteCount": 0}
        counts.update(self.counts.get(uri, {}))
        return dict({"uri": f"at://{account.did}/{match.group(2)}/{match.group(3)}", "cid": item["cid"],
                     "author": {"did": account.did, "handle": account.handle},
                     "record": item["value"], "indexedAt": item["value"].get("createdAt")}, **counts)

    def _app_bsky_feed_getPosts(self, request, body):
        self._auth(request)
        uris = request.query.get("uris", [])
        if not uris:
            raise _invalid("Params must have the property \"uris\"")
        if len(uris) > 25:
            raise _invalid("uris must not have more than 25 elements")
        self.get_posts_batches.append(len(uris))
        views = [self._post_view(u) for u in uris]
        return Reply.json(200, {"posts": [v for v in views if v is not None]})

    def _app_bsky_actor_getProfile(self, request, body):
        self._auth(request)
        account = self._find(request.arg("actor"))
        if account is None:
            raise _invalid("Profile not found")
        return Reply.json(200, {"did": account.did, "handle": account.handle,
                                "followersCount": account.followers, "followsCount": 0,
                                "postsCount": len(account.records.get(POST_NSID, {}))})


def main(argv=None):
    return run_main(lambda args: FakePds(), "A fake Bluesky PDS for Lineup's tests", None, argv)


if __name__ == "__main__":
    sys.exit(main())
