"""The command line loads no GTK: the window is the module lineup-window.so
(beside build/src/lineup here, in LIBDIR/lineup when installed) that `lineup`
loads only when no command is given. The binary needs neither GTK nor
libadwaita, even through another library; the module has the window and takes
the core from the binary (one copy of its types); a command works with the
module gone; and the window without a usable module is a clear error on
stderr and exit status 1, never a crash (src/main.c, src/lineup-window.h)."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from lineup_cli import headless_env

BIN = os.environ["LINEUP_BINARY"]
BUILD = os.environ["LINEUP_BUILD_ROOT"]
MODULE = os.path.join(os.path.dirname(BIN), "lineup-window.so")
WINDOW_LIBS = ("libgtk-4.so", "libadwaita-1.so")


def ldd(path):
    """Every library the loader maps for @path, its own and theirs."""
    out = subprocess.run(["ldd", path], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def needed(path):
    out = subprocess.run(["readelf", "-d", "-W", path], check=True, capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def symbols(path, *flags):
    out = subprocess.run(["nm", "-D", *flags, path], check=True, capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def configured_moduledir():
    with open(os.path.join(BUILD, "config.h"), encoding="utf-8") as f:
        return re.search(r'#define LINEUP_MODULEDIR "([^"]*)"', f.read()).group(1)


class WindowModule(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="lineup-module-")
        self.env = headless_env()
        self.env["XDG_DATA_HOME"] = os.path.join(self.dir.name, "xdg-data")
        self.plan = os.path.join(self.dir.name, "plan.db")

    def tearDown(self):
        self.dir.cleanup()

    def lone_binary(self, module=None):
        """A copy of the binary in a folder of its own (bin/ of a tree without
        lib/), with @module copied beside it as lineup-window.so if given."""
        bindir = os.path.join(self.dir.name, "bin")
        os.makedirs(bindir, exist_ok=True)
        path = os.path.join(bindir, "lineup")
        shutil.copy2(BIN, path)
        if module:
            shutil.copy2(module, os.path.join(bindir, "lineup-window.so"))
        return path

    def run_lineup(self, binary, *args):
        return subprocess.run([binary, *args], capture_output=True, text=True,
                              env=self.env, stdin=subprocess.DEVNULL, timeout=60)

    def test_binary_maps_no_window_library(self):
        libs = ldd(BIN)
        for lib in WINDOW_LIBS:
            self.assertFalse([l for l in libs if l.startswith(lib)],
                             f"`lineup` loads {lib} for every command:\n" + "\n".join(libs))
        self.assertNotIn("libgtk", " ".join(needed(BIN)))

    def test_module_holds_the_window_not_the_core(self):
        self.assertTrue(os.path.isfile(MODULE), f"no {MODULE} beside the binary")
        deps = needed(MODULE)
        for lib in WINDOW_LIBS:
            self.assertTrue([d for d in deps if d.startswith(lib)], f"the module does not link {lib}: {deps}")
        exported = symbols(MODULE, "--defined-only")
        self.assertLessEqual({"lineup_window_main", "lineup_window_version"}, exported)
        # The core's types come from the binary, which exports them: a second
        # copy in the module would register LineupStore twice.
        self.assertIn("lineup_store_get_type", symbols(MODULE, "--undefined-only"))
        self.assertIn("lineup_store_get_type", symbols(BIN, "--defined-only"))

    def test_window_found_beside_the_binary(self):
        # GApplication's --help-all is the window's: it lists --new-post,
        # which only the module adds, and needs no display.
        done = self.run_lineup(BIN, "--help-all")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("--new-post", done.stdout)

    def test_commands_work_without_the_module(self):
        lineup = self.lone_binary()
        done = self.run_lineup(lineup, "--database", self.plan, "demo", "--month", "2026-12")
        self.assertEqual(done.returncode, 0, done.stderr)
        ics = os.path.join(self.dir.name, "plan.ics")
        done = self.run_lineup(lineup, "--database", self.plan, "export", "ics", "--output", ics)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(ics, encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(text.startswith("BEGIN:VCALENDAR"))
        self.assertIn("BEGIN:VEVENT", text)
        done = self.run_lineup(lineup, "--help")
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_window_without_the_module(self):
        if os.path.exists(os.path.join(configured_moduledir(), "lineup-window.so")):
            self.skipTest(f"Lineup is installed in {configured_moduledir()}: the copy would find it")
        lineup = self.lone_binary()
        done = self.run_lineup(lineup, "--database", self.plan)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("lineup-window.so is missing", done.stderr)
        # Where it looked: beside the binary, LIBDIR relative to it, LIBDIR.
        self.assertIn(os.path.join(os.path.dirname(lineup), "lineup-window.so"), done.stderr)
        self.assertIn(os.path.join(configured_moduledir(), "lineup-window.so"), done.stderr)
        self.assertIn("lineup --help", done.stderr)
        self.assertNotIn("display", done.stderr, "GTK was started without its module")
        self.assertFalse(os.path.exists(self.plan), "the plan was opened without a window")

    def test_window_with_a_broken_module(self):
        broken = os.path.join(self.dir.name, "broken.so")
        with open(broken, "wb") as f:
            f.write(b"\x7fELF but cut short")
        lineup = self.lone_binary(broken)
        done = self.run_lineup(lineup, "--database", self.plan)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn(os.path.join(os.path.dirname(lineup), "lineup-window.so") + " could not be loaded",
                      done.stderr)

    def test_window_with_another_library_as_module(self):
        # A loadable library that is not the window (SQLite's, from ldd).
        other = [l for l in subprocess.run(["ldd", BIN], check=True, capture_output=True, text=True)
                 .stdout.split() if l.startswith("/") and os.path.basename(l).startswith("libsqlite3.so")]
        self.assertTrue(other, "the binary does not link SQLite")
        lineup = self.lone_binary(other[0])
        done = self.run_lineup(lineup, "--database", self.plan)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("is not the window's module of Lineup", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
