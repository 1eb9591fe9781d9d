"""What the computer itself can do to a plan, driven through the binary:
several processes writing at once (the window, the timer and the command
line), a full disk, a read-only file system, and files others could read.

Nothing here needs a network beyond 127.0.0.1; the disk faults are real
conditions (a tiny tmpfs mounted in a private mount namespace, an
RLIMIT_FSIZE), not errors injected into SQLite, and are skipped, saying why,
only where the machine lacks the facility."""

import configparser
import hashlib
import os
import resource
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lineup_cli import BIN, Plan  # noqa: E402


def run_parallel(jobs):
    """Runs each callable in its own thread, all at once; re-raises the
    first failure."""
    errors = []

    def wrap(job):
        try:
            job()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


class SecretsBetweenProcesses(unittest.TestCase):
    """Two processes adding accounts at once, with one secrets file
    (LINEUP_SECRETS_FILE): every secret an add reported kept is there after."""

    ADDS = 60

    def test_concurrent_adds_keep_every_secret(self):
        plans = [Plan(tz="UTC"), Plan(tz="UTC")]
        keys = os.path.join(plans[0].dir.name, "secrets", "lineup.keys")
        for p in plans:
            self.addCleanup(p.close)
            p.env["LINEUP_SECRETS_FILE"] = keys

        def adds(p, tag):
            def job():
                for i in range(self.ADDS):
                    # A webhook account is made without contacting the receiver.
                    p.run("account", "add", "webhook", "--url", f"http://127.0.0.1:9/{tag}/{i}",
                          "--name", f"{tag}-{i}")
            return job

        run_parallel([adds(plans[0], "a"), adds(plans[1], "b")])

        ids = [a["id"] for p in plans for a in p.json("account", "list", "--json")]
        self.assertEqual(len(ids), 2 * self.ADDS)
        parser = configparser.RawConfigParser(interpolation=None)
        parser.optionxform = str
        parser.read(keys, encoding="utf-8")
        kept = {urllib.parse.unquote(g) for g in parser.sections() if parser.has_option(g, "secret")}
        missing = [i for i in ids if i not in kept]
        self.assertEqual(missing, [], f"{len(missing)} of {len(ids)} secrets lost")
        self.assertEqual(stat.S_IMODE(os.stat(keys).st_mode), 0o600)


def mount_namespace_missing():
    """Why a private mount namespace with a tmpfs cannot be had here, or
    None. `unshare -rm` needs no privilege where user namespaces are allowed,
    and works for root in a container."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare(1) or mount(8) is not installed"
    with tempfile.TemporaryDirectory(prefix="lineup-probe-") as d:
        probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {shlex.quote(d)}"],
                               capture_output=True, timeout=60)
    if probe.returncode != 0:
        return "cannot mount a tmpfs in a private mount namespace (unshare -rm): " + \
            probe.stderr.decode(errors="replace").strip()
    return None


class DiskFaults(unittest.TestCase):
    """A full disk and a read-only file system are not a damaged plan: the
    message says what is wrong and that the plan is intact, and the file is
    left byte for byte."""

    def setUp(self):
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        self.plan.run("pillar", "add", "Community")
        self.plan.add("Kept", "Community", "Proof", "--date", "2026-12-10", "--time", "10:00")
        self.digest = self.plan.digest()

    def in_tmpfs(self, prepare, *args):
        """Copies the plan onto a 512 KiB tmpfs of its own, runs @prepare
        (shell) there, then `lineup --database PLAN ARGS`; returns its exit
        code, its stderr and the plan's digest afterwards."""
        why = mount_namespace_missing()
        if why:
            self.skipTest(why)
        mnt = os.path.join(self.plan.dir.name, "mnt")
        os.makedirs(mnt, exist_ok=True)
        plan = os.path.join(mnt, "plan.db")
        argv = " ".join(shlex.quote(a) for a in [BIN, "--database", plan, *args])
        script = f"""
            set -e
            mount -t tmpfs -o size=512k tmpfs {shlex.quote(mnt)}
            cp {shlex.quote(self.plan.path)} {shlex.quote(plan)}
            cd {shlex.quote(mnt)}
            {prepare}
            set +e
            {argv} 2>{shlex.quote(os.path.join(self.plan.dir.name, "stderr"))}
            echo "rc=$?"
            sha256sum {shlex.quote(plan)}
        """
        out = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True,
                             env=self.plan.env, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr.decode(errors="replace"))
        lines = out.stdout.decode().split("\n")
        rc = int([line for line in lines if line.startswith("rc=")][0][3:])
        digest = [line for line in lines if plan in line][0].split()[0]
        with open(os.path.join(self.plan.dir.name, "stderr"), encoding="utf-8") as f:
            return rc, f.read(), digest

    def assert_intact(self, rc, err, digest, says):
        self.assertEqual(rc, 1, err)
        self.assertIn(says, err)
        self.assertIn("The plan itself is intact", err)
        self.assertNotIn("damaged", err)
        self.assertNotIn("restore a backup", err)
        self.assertEqual(digest, self.digest)

    def test_full_disk(self):
        fill = "dd if=/dev/zero of=filler bs=4k 2>/dev/null || true"
        for args in (["post", "list"], ["post", "add", "--title", "More", "--pillar", "Community",
                                        "--type", "Proof"]):
            with self.subTest(args=args):
                self.assert_intact(*self.in_tmpfs(fill, *args), "no space left")

    def test_read_only_file_system(self):
        rc, err, digest = self.in_tmpfs(f"mount -o remount,ro {shlex.quote(os.path.join(self.plan.dir.name, 'mnt'))}",
                                        "post", "list")
        self.assert_intact(rc, err, digest, "read-only file system")

    def test_file_size_limit(self):
        """No privilege needed: writes past RLIMIT_FSIZE fail with EFBIG, as
        on a full disk (SIGXFSZ ignored, as a shell's ulimit -f would not)."""
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

        out = subprocess.run([BIN, "--database", self.plan.path, "post", "list"], capture_output=True,
                             env=self.plan.env, stdin=subprocess.DEVNULL, preexec_fn=limit, timeout=120)
        err = out.stderr.decode("utf-8")
        self.assert_intact(out.returncode, err, self.plan.digest(), "no space left")
        self.assertEqual(len(self.plan.ids()), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
