"""What the computer itself can do to a plan, driven through the binary:
several processes writing at once (the window, the timer and the command
line), a full disk, a read-only file system, and files others could read.

Nothing here needs a network beyond 127.0.0.1; the disk faults are real
conditions (a tiny tmpfs mounted in a private mount namespace, an
RLIMIT_FSIZE), not errors injected into SQLite, and are skipped, saying why,
only where the machine lacks the facility."""

import configparser
import os
import resource
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


if __name__ == "__main__":
    unittest.main(verbosity=2)
