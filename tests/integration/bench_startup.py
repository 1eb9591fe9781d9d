"""bench/lineup-bench-startup --baseline with a build that cannot read the
plan the bench filled (an older plan version: its window shows "saved by a
newer Lineup" and waits): the bench asks the baseline's command line first
and refuses at once with that build's own message, instead of waiting on
its window for ever. The baseline here is a stand-in for such a build: its
command line says what an older Lineup says, its window never paints."""

import os
import shutil
import subprocess
import tempfile
import time
import unittest

BENCH = os.path.join(os.environ["LINEUP_BUILD_ROOT"], "bench", "lineup-bench-startup")

OLDER_BUILD = """#!/bin/sh
# An older Lineup: the command line refuses a newer plan, the window waits.
for arg in "$@"; do
  if [ "$arg" = post ]; then
    echo "lineup: “$2” was saved by a newer Lineup (plan version 99; this one reads up to 1). \
Lineup left it untouched: update Lineup to open it." >&2
    exit 1
  fi
done
exec sleep 600
"""


class Baseline(unittest.TestCase):
    def run_bench(self, baseline):
        env = dict(os.environ, DISPLAY=os.environ.get("DISPLAY", ":99"), TMPDIR=self.tmp)
        started = time.monotonic()
        result = subprocess.run([BENCH, "--posts", "20", "--runs", "1", "--baseline", baseline],
                                env=env, capture_output=True, text=True, timeout=90)
        return result, time.monotonic() - started

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bench-startup-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_older_plan_version_refused_at_once(self):
        build = os.path.join(self.tmp, "older-build")
        os.makedirs(os.path.join(build, "src"))
        lineup = os.path.join(build, "src", "lineup")
        with open(lineup, "w") as f:
            f.write(OLDER_BUILD)
        os.chmod(lineup, 0o755)

        result, seconds = self.run_bench(build)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("the baseline " + lineup + " cannot read the plan this build filled", result.stderr)
        self.assertIn("was saved by a newer Lineup (plan version 99", result.stderr)
        self.assertIn("Build the baseline from a commit with plan version", result.stderr)
        self.assertLess(seconds, 60)
        # The plan it filled is gone with it.
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith("lineup-bench-startup")], [])

    def test_missing_baseline_refused(self):
        result, _ = self.run_bench(os.path.join(self.tmp, "no-such-build"))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("cannot read the plan this build filled", result.stderr)
        self.assertIn("no-such-build", result.stderr)


if __name__ == "__main__":
    unittest.main()
