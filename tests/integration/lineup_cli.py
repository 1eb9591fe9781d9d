"""Drives the `lineup` binary on a plan file in a temporary folder, for the
command-line tests (cli_commands.py, cli_bad_input.py)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
import urllib.request

BIN = os.environ["LINEUP_BINARY"]


def headless_env(tz=None):
    """The test environment without a display, so a command that touched GTK
    would fail, and without LINEUP_DATABASE, so nothing reaches another plan."""
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "LINEUP_DATABASE"):
        env.pop(name, None)
    if tz:
        env["TZ"] = tz
    return env


def ctl(base, method, path, body=None):
    """A fake server's control API (fakes/: /__fake/…): @body as JSON, the
    answer's JSON."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


class Plan:
    """A plan file in a temporary folder, driven through the binary."""

    def __init__(self, tz=None):
        self.dir = tempfile.TemporaryDirectory(prefix="lineup-cli-")
        self.path = os.path.join(self.dir.name, "plan.db")
        self.env = headless_env(tz)
        # The default plan, should a command fall back to it, is in here too.
        self.env["XDG_DATA_HOME"] = os.path.join(self.dir.name, "xdg-data")

    def run(self, *args, check=True, env=None, database=True, input_bytes=None):
        argv = [BIN] + (["--database", self.path] if database else []) + list(args)
        # Standard input only when given (secrets are read from it), so a
        # command never waits on the terminal.
        stdin = {"input": input_bytes} if input_bytes is not None else {"stdin": subprocess.DEVNULL}
        out = subprocess.run(argv, capture_output=True, env=env or self.env, timeout=120, **stdin)
        if check and out.returncode != 0:
            raise AssertionError(f"{args} failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
        return out

    def text(self, *args, **kwargs):
        # Strict decoding: every output must be valid UTF-8.
        return self.run(*args, **kwargs).stdout.decode("utf-8")

    def json(self, *args, **kwargs):
        return json.loads(self.text(*args, **kwargs))

    def add(self, title, pillar="Community", type_="Proof", *extra):
        return self.text("post", "add", "--title", title, "--pillar", pillar, "--type", type_, *extra).strip()

    STAGES = ("brief", "draft", "in-review", "approved", "scheduled", "published")

    def force_stage(self, post_id, stage):
        """Puts a post in @stage in the plan's file, past the workflow's rules
        (a new post starts as a brief, a draft or in review; nothing is
        scheduled for a time already past), as `lineup demo` writes its posts:
        for the tests of what becomes of a scheduled or published post, not of
        how it got there. Returns @post_id."""
        db = sqlite3.connect(self.path)
        try:
            with db:
                db.execute("UPDATE posts SET stage = ? WHERE id = ?", (self.STAGES.index(stage), post_id))
        finally:
            db.close()
        return post_id

    def show(self, post_id):
        return self.json("post", "show", post_id, "--json")

    def file(self, name, content):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def digest(self):
        with open(self.path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def sql(self, query, *params):
        # A read-write connection: closing it removes the WAL, as the app's
        # does, so the next check sees only what the command left.
        db = sqlite3.connect(self.path)
        try:
            return db.execute(query, params).fetchall()
        finally:
            db.close()

    def integrity(self):
        return self.sql("PRAGMA integrity_check")[0][0]

    def ids(self):
        assert self.integrity() == "ok"
        return sorted(r[0] for r in self.sql("SELECT id FROM posts WHERE deleted_at IS NULL"))

    def close(self):
        self.dir.cleanup()


# The logins and passwords of the shared-plan tests' servers (Radicale).
SHARE_PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw"}


class Member(Plan):
    """One person's copy of a plan shared through a test server: its own
    secrets file, a short HTTP timeout, and `share VERB URL` as @login."""

    def __init__(self, login, tz="UTC"):
        super().__init__(tz=tz)
        self.login = login
        self.env["LINEUP_SECRETS_FILE"] = os.path.join(self.dir.name, "secrets.ini")
        self.env["LINEUP_HTTP_TIMEOUT"] = "5"

    def share(self, verb, url):
        return self.run("share", verb, url, "--user", self.login, "--password-stdin",
                        input_bytes=SHARE_PASSWORDS[self.login].encode())
