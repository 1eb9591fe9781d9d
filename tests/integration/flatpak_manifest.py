"""flatpak/io.github.lineup.Lineup.json as flatpak-builder reads it (offline:
--show-manifest needs no runtime): the app id, command and build of the
Meson project it packages, a module pinned by checksum for every dependency
the GNOME runtime lacks, and the sandbox holes the README explains, no more."""

import glob
import json
import os
import re
import subprocess
import tempfile
import unittest

SOURCE = os.environ["LINEUP_SOURCE_ROOT"]
BUILD = os.environ["LINEUP_BUILD_ROOT"]
MANIFEST = os.path.join(SOURCE, "flatpak", "io.github.lineup.Lineup.json")

# What org.gnome.Platform (on the freedesktop runtime) already ships, by
# pkg-config name. A dependency Meson asks for that is neither here nor built
# by a module below would be missing at run time in the sandbox.
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gobject-2.0", "gtk4", "libadwaita-1",
    "json-glib-1.0", "libsecret-1", "libcurl", "sqlite3",
    "gmodule-2.0",
    # Media (lineup-media.h): the freedesktop runtime has GStreamer with its
    # base and good plugins, GNOME's has gdk-pixbuf.
    "gdk-pixbuf-2.0", "gstreamer-1.0", "gstreamer-pbutils-1.0",
}
# The module that builds each dependency the runtime lacks.
MODULE_FOR = {"libical": "libical"}

FINISH_ARGS = {
    "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
    "--share=network", "--talk-name=org.freedesktop.secrets",
}


def meson_files():
    for dirpath, dirnames, files in os.walk(SOURCE):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("subprojects",)]
        if "meson.build" in files:
            yield os.path.join(dirpath, "meson.build")


def required_dependencies():
    deps = set()
    for path in meson_files():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for name, rest in re.findall(r"\bdependency\(\s*'([^']+)'([^)]*)\)", text):
            if not re.search(r"required\s*:\s*false", rest):
                deps.add(name)
    return deps


def all_modules(modules):
    for module in modules:
        if isinstance(module, str):
            raise AssertionError(f"module {module} is a separate file: keep the manifest in one file")
        yield module
        yield from all_modules(module.get("modules", []))


class FlatpakManifest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MANIFEST, encoding="utf-8") as f:
            cls.raw = json.load(f)  # plain JSON: comments are "//" keys, never /* */
        # In a directory of its own: flatpak-builder makes its .flatpak-builder
        # state directory wherever it runs.
        with tempfile.TemporaryDirectory(prefix="lineup-flatpak-") as cwd:
            done = subprocess.run(["flatpak-builder", "--show-manifest", MANIFEST],
                                  capture_output=True, text=True, timeout=60, cwd=cwd)
        if done.returncode != 0:
            raise AssertionError(f"flatpak-builder refused the manifest:\n{done.stderr}")
        # Its own warnings (an unknown key, a deprecated one) mean it read
        # something other than what was meant.
        if "WARNING" in done.stderr or "CRITICAL" in done.stderr:
            raise AssertionError(f"flatpak-builder warned about the manifest:\n{done.stderr}")
        cls.manifest = json.loads(done.stdout)

    def test_app_id(self):
        with open(os.path.join(SOURCE, "meson.build"), encoding="utf-8") as f:
            app_id = re.search(r"^app_id\s*=\s*'([^']+)'", f.read(), re.M).group(1)
        self.assertEqual(self.manifest.get("id") or self.manifest.get("app-id"), app_id)
        self.assertEqual(os.path.basename(MANIFEST), app_id + ".json")
        built = [os.path.basename(p) for p in glob.glob(os.path.join(BUILD, "data", "*.desktop"))]
        self.assertEqual(built, [app_id + ".desktop"])

    def test_command(self):
        with open(os.path.join(SOURCE, "src", "meson.build"), encoding="utf-8") as f:
            binary = re.search(r"\bexecutable\(\s*'([^']+)'\s*,\s*'main\.c'", f.read()).group(1)
        self.assertEqual(self.manifest["command"], binary)
        with open(glob.glob(os.path.join(BUILD, "data", "*.desktop"))[0], encoding="utf-8") as f:
            exec_line = re.search(r"^Exec=(\S+)", f.read(), re.M).group(1)
        self.assertEqual(exec_line, binary)

    def test_runtime(self):
        self.assertEqual(self.manifest["runtime"], "org.gnome.Platform")
        self.assertEqual(self.manifest["sdk"], "org.gnome.Sdk")
        self.assertRegex(self.manifest["runtime-version"], r"^\d+$", "a stable runtime, not master")

    def test_finish_args(self):
        self.assertEqual(set(self.manifest["finish-args"]), FINISH_ARGS)
        self.assertEqual(len(self.manifest["finish-args"]), len(FINISH_ARGS))

    def test_lineup_is_the_last_module(self):
        last = self.manifest["modules"][-1]
        self.assertEqual(last["name"], "lineup")
        self.assertEqual(last["buildsystem"], "meson")
        [source] = last["sources"]
        self.assertEqual(source["type"], "dir")
        self.assertEqual(os.path.realpath(os.path.join(os.path.dirname(MANIFEST), source["path"])),
                         os.path.realpath(SOURCE))

    def test_dependencies_the_runtime_lacks_are_built(self):
        names = {m["name"] for m in all_modules(self.manifest["modules"])}
        for dep in sorted(required_dependencies()):
            if dep in RUNTIME_PROVIDES:
                continue
            self.assertIn(dep, MODULE_FOR,
                          f"Meson needs {dep}: say whether the GNOME runtime has it, or build it in the manifest")
            self.assertIn(MODULE_FOR[dep], names, f"no module builds {dep}")
        # And nothing is built twice: a module for what the runtime has would
        # shadow the runtime's copy.
        self.assertEqual(names - set(MODULE_FOR.values()), {"lineup"})

    def test_sources_are_pinned(self):
        for module in all_modules(self.manifest["modules"][:-1]):
            self.assertTrue(module.get("sources"), f"{module['name']} has no sources")
            for source in module["sources"]:
                kind = source.get("type")
                if kind in ("archive", "file"):
                    self.assertTrue(source["url"].startswith("https://"), source["url"])
                    self.assertRegex(source.get("sha256", ""), r"^[0-9a-f]{64}$",
                                     f"{module['name']}: {source['url']} has no sha256")
                elif kind == "git":
                    self.assertRegex(source.get("commit", ""), r"^[0-9a-f]{40}$",
                                     f"{module['name']}: a git source is pinned by commit")
                else:
                    self.fail(f"{module['name']}: a {kind} source cannot be pinned")

    def test_comments_are_ignored_keys(self):
        # flatpak-builder drops keys starting with "//" (its documented
        # comments); the reasons for the sandbox holes are written there.
        self.assertIn("//finish-args", self.raw)
        self.assertNotIn("//finish-args", self.manifest)
        reasons = " ".join(self.raw["//finish-args"])
        for hole in ("network", "secrets", "dri", "wayland"):
            self.assertIn(hole, reasons)


if __name__ == "__main__":
    unittest.main(verbosity=2)
