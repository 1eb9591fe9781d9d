"""Real CalDAV servers for tests, started on 127.0.0.1 on a free port in a
temporary folder: Radicale 3.1.8 (with its own config, so Debian's
/etc/radicale/config is never read; logins and rights when asked) and
Xandikos 0.2.8 (a second implementation; no authentication of its own).
Debian packages `radicale` and `xandikos`; nothing else but the standard
library.

    with Radicale(users={"alice": "pw"}) as r:
        r.url("alice/plan/")          # http://127.0.0.1:PORT/alice/plan/
        r.stop(); r.start()           # the same port and data: "server gone mid-pass"

    with Xandikos() as x:
        x.url(Xandikos.CALENDAR)      # the calendar --defaults made
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process on 127.0.0.1:port with its data in a temporary
    folder; stop() and start() again keep both."""

    name = "server"

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix=f"lineup-{self.name}-")
        self.port = free_port()
        self.process = None
        self.log = None

    def command(self):
        raise NotImplementedError

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def start(self, timeout=30):
        if self.process is not None:
            return
        self.log = open(os.path.join(self.dir.name, "log"), "a")
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=self.dir.name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited ({self.process.returncode}):\n{self.log_text()}")
            try:
                # Any answer at all (401 included) means it is listening and serving.
                urllib.request.urlopen(urllib.request.Request(self.url(), method="OPTIONS"), timeout=1).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"{self.name} did not answer on port {self.port} within {timeout} s")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        self.log.close()
        self.log = None

    def log_text(self):
        try:
            with open(os.path.join(self.dir.name, "log"), errors="replace") as f:
                return f.read()[-6000:]
        except OSError:
            return ""

    def close(self):
        self.stop()
        if os.environ.get("LINEUP_DAV_LOG"):
            sys.stderr.write(self.log_text())
        self.dir.cleanup()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Radicale(Server):
    """Radicale 3.1.8, `/usr/bin/python3 -m radicale --config FILE`.

    users: {login: password} → `[auth] type = htpasswd` with plain
    passwords; None → `type = none` (anyone, no login).
    rights: the text of a `[rights] type = from_file` file (see
    approvals_rights()); None → Radicale's default (owner_only).
    Calendars live at /LOGIN/NAME/; the first MKCALENDAR there makes the
    principal /LOGIN/ as well, or answers 409 until a MKCOL made it."""

    name = "radicale"

    def __init__(self, users=None, rights=None, max_content_length=None):
        super().__init__()
        self.users = dict(users or {})
        limit = f"max_content_length = {max_content_length}\n" if max_content_length else ""
        config = [f"[server]\nhosts = 127.0.0.1:{self.port}\n{limit}",
                  f"[storage]\nfilesystem_folder = {self.dir.name}/collections\n"]
        if self.users:
            htpasswd = os.path.join(self.dir.name, "users")
            with open(htpasswd, "w") as f:
                for login, password in self.users.items():
                    f.write(f"{login}:{password}\n")
            config.append(f"[auth]\ntype = htpasswd\nhtpasswd_filename = {htpasswd}\n"
                          "htpasswd_encryption = plain\n")
        else:
            config.append("[auth]\ntype = none\n")
        self.rights_file = os.path.join(self.dir.name, "rights")
        if rights is not None:
            self.write_rights(rights)
            config.append(f"[rights]\ntype = from_file\nfile = {self.rights_file}\n")
        self.config = os.path.join(self.dir.name, "config")
        with open(self.config, "w") as f:
            f.write("".join(config))

    def write_rights(self, text):
        """Replaces the rights file; Radicale reads it again on every
        request, so a running server follows (only when it was started
        with rights)."""
        with open(self.rights_file, "w") as f:
            f.write(text)

    def command(self):
        return ["/usr/bin/python3", "-m", "radicale", "--config", self.config, "--debug"]

    @staticmethod
    def approvals_rights(owner, approvers, collection="approvals"):
        """A from_file rights file for a team sharing OWNER's calendars:
        /OWNER/COLLECTION/ is written only by OWNER and APPROVERS and read
        by every logged-in user; every other calendar of OWNER is read and
        written by every logged-in user; each user has their own principal.
        Radicale takes the first section that matches (user regex, then
        collection regex, both whole-string, paths without the outer
        slashes); `r`/`w` are for calendars and their items, `R`/`W` for
        the collections above them (the principal, the root)."""
        writers = "|".join(re.escape(login) for login in [owner, *approvers])
        place = re.escape(owner) + "/" + re.escape(collection)
        return (
            "# Written by tests/integration/dav_servers.py (Radicale 3.1.8 from_file).\n"
            "[approvals-write]\n"
            f"user: {writers}\n"
            f"collection: {place}(/.*)?\n"
            "permissions: rw\n\n"
            "[approvals-read]\n"
            "user: .+\n"
            f"collection: {place}(/.*)?\n"
            "permissions: r\n\n"
            "[own-principal]\n"
            "user: .+\n"
            "collection: {user}\n"
            "permissions: RW\n\n"
            "[own-calendars]\n"
            "user: .+\n"
            "collection: {user}/[^/]+(/.*)?\n"
            "permissions: rw\n\n"
            "[team-principal]\n"
            "user: .+\n"
            f"collection: {re.escape(owner)}\n"
            "permissions: R\n\n"
            "[team-calendars]\n"
            "user: .+\n"
            f"collection: {re.escape(owner)}/[^/]+(/.*)?\n"
            "permissions: rw\n\n"
            "[root]\n"
            "user: .+\n"
            "collection:\n"
            "permissions: R\n"
        )


class Xandikos(Server):
    """Xandikos 0.2.8, `xandikos --defaults -d DIR -l 127.0.0.1 -p PORT`.

    It has no authentication (anything sent is ignored) and one user.
    --defaults makes, as PROPFIND shows:
      /user/                       the principal (current-user-principal)
      /user/calendars/             calendar-home-set, a plain collection
      /user/calendars/calendar/    a calendar (resourcetype collection + calendar)
      /user/contacts/addressbook/  an address book (addressbook-home-set /user/contacts/)
      /user/inbox                  the schedule inbox
    A MKCALENDAR of /user/calendars/NAME/ makes another calendar (201); one
    whose parent is missing answers 409 until a MKCOL made it. Sync tokens
    are git commit ids; an unknown token makes it answer 500."""

    name = "xandikos"
    PRINCIPAL = "user/"
    CALENDAR_HOME = "user/calendars/"
    CALENDAR = "user/calendars/calendar/"
    ADDRESSBOOK = "user/contacts/addressbook/"

    def __init__(self):
        super().__init__()
        if shutil.which("xandikos") is None:
            raise AssertionError("xandikos is not installed (Debian package xandikos)")

    def command(self):
        return [shutil.which("xandikos"), "--defaults", "-d", os.path.join(self.dir.name, "data"),
                "-l", "127.0.0.1", "-p", str(self.port)]
