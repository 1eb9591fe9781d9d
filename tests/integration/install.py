"""`meson install` puts in place everything a desktop needs to show, start,
search for, describe and translate Lineup, and the files say what they should:
the binary and the window's module, the desktop file (with its New Post action), the metainfo (with
screenshots, a release, a content rating), the settings schema, the icons,
the translations of every language in po/LINGUAS and the systemd user units
whose service starts the installed binary. The installed desktop file and
metainfo pass desktop-file-validate and appstreamcli (or appstream-util)."""

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

SOURCE = os.environ["LINEUP_SOURCE_ROOT"]
BUILD = os.environ["LINEUP_BUILD_ROOT"]
GETTEXT_PACKAGE = "lineup"
BINARY = "lineup"
# The window, loaded by the binary only without a command (src/lineup-window.h).
MODULE = "lineup-window.so"


def app_id():
    with open(os.path.join(SOURCE, "meson.build"), encoding="utf-8") as f:
        return re.search(r"^app_id\s*=\s*'([^']+)'", f.read(), re.M).group(1)


def build_options():
    out = subprocess.run(["meson", "introspect", "--buildoptions", BUILD],
                         check=True, capture_output=True, text=True).stdout
    return {o["name"]: o["value"] for o in json.loads(out)}


def project_version():
    out = subprocess.run(["meson", "introspect", "--projectinfo", BUILD],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["version"]


def linguas():
    with open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f for w in line.split("#", 1)[0].split()]


def read_desktop(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


def svg_size(path):
    root = ET.parse(path).getroot()
    return root.get("width"), root.get("height"), root.get("viewBox")


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lineup-install-")
        # Inside `meson test`: never rebuild (ninja is already running), and the
        # post-install scripts skip themselves because DESTDIR is set.
        done = subprocess.run(["meson", "install", "-C", BUILD, "--destdir", cls.tmp,
                               "--no-rebuild", "--quiet"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"meson install failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        opts = build_options()
        cls.prefix = opts["prefix"]

        def under_prefix(opt):
            value = opts[opt]
            return value if os.path.isabs(value) else os.path.join(cls.prefix, value)

        cls.bindir = under_prefix("bindir")
        cls.libdir = under_prefix("libdir")
        cls.datadir = cls.tmp + under_prefix("datadir")
        cls.localedir = cls.tmp + under_prefix("localedir")
        cls.id = app_id()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def installed(self, *parts):
        path = os.path.join(self.datadir, *parts)
        self.assertTrue(os.path.isfile(path), f"not installed: {os.path.relpath(path, self.tmp)}")
        return path

    def test_binary(self):
        path = self.tmp + os.path.join(self.bindir, BINARY)
        self.assertTrue(os.path.isfile(path) and os.access(path, os.X_OK), f"no executable {path}")
        # The desktop action's command line is one the binary accepts.
        out = subprocess.run([path, "--help-all"], capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("--new-post", out.stdout)

    def test_window_module(self):
        # The window is a private module in LIBDIR/lineup; the binary links
        # no GTK, and finds the module from its own folder (test_binary's
        # --help-all is the window's, from inside the DESTDIR).
        module = self.tmp + os.path.join(self.libdir, "lineup", MODULE)
        self.assertTrue(os.path.isfile(module), f"the window's module is not installed: {module}")
        binary = self.tmp + os.path.join(self.bindir, BINARY)
        libs = subprocess.run(["ldd", binary], check=True, capture_output=True, text=True).stdout
        self.assertNotIn("libgtk-4", libs)
        self.assertIn("libgtk-4", subprocess.run(["ldd", module], check=True, capture_output=True, text=True).stdout)

    def test_desktop_file(self):
        path = self.installed("applications", self.id + ".desktop")
        entry = read_desktop(path)
        main = entry["Desktop Entry"]
        self.assertEqual(shlex.split(main["Exec"])[0], BINARY)
        self.assertEqual(main["Icon"], self.id)
        self.assertEqual(main["Type"], "Application")
        categories = main["Categories"].split(";")
        for category in ("Office", "Calendar", "ProjectManagement"):
            self.assertIn(category, categories)
        self.assertTrue([k for k in main["Keywords"].split(";") if k], "no keywords")
        self.assertIn("new-post", main["Actions"].split(";"))
        action = entry["Desktop Action new-post"]
        self.assertTrue(action["Name"])
        self.assertEqual(shlex.split(action["Exec"]), [BINARY, "--new-post"])

        done = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_metainfo(self):
        path = self.installed("metainfo", self.id + ".metainfo.xml")
        root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "component")
        self.assertEqual(root.get("type"), "desktop-application")
        self.assertEqual(root.findtext("id"), self.id)
        for tag in ("name", "summary", "metadata_license", "project_license"):
            self.assertTrue((root.findtext(tag) or "").strip(), f"no <{tag}>")
        self.assertTrue(root.findall("description/p"), "no description")

        launchable = root.find("launchable[@type='desktop-id']")
        self.assertIsNotNone(launchable)
        self.assertEqual(launchable.text, self.id + ".desktop")
        self.installed("applications", launchable.text)
        self.assertEqual(root.findtext("provides/binary"), BINARY)

        shots = root.findall("screenshots/screenshot")
        self.assertGreaterEqual(len(shots), 4)
        self.assertEqual(len([s for s in shots if s.get("type") == "default"]), 1)
        names = []
        for shot in shots:
            caption = [c for c in shot.findall("caption") if c.get("{http://www.w3.org/XML/1998/namespace}lang") is None]
            self.assertTrue(caption and caption[0].text.strip(), f"a screenshot without a caption: {ET.tostring(shot)}")
            image = shot.findtext("image")
            names.append(image.rsplit("/", 1)[-1])
            self.assertTrue(os.path.isfile(os.path.join(SOURCE, "data", "screenshots", names[-1])), image)
        for needed in ("publishing.png", "accounts.png"):
            self.assertIn(needed, names)

        releases = root.findall("releases/release")
        self.assertTrue(releases, "no release")
        self.assertEqual(releases[0].get("version"), project_version(), "the newest release is not meson's version")
        self.assertRegex(releases[0].get("date") or "", r"^\d{4}-\d{2}-\d{2}$")
        self.assertTrue(releases[0].findall("description/p"), "the release says nothing")

        rating = root.find("content_rating")
        self.assertIsNotNone(rating)
        self.assertEqual(rating.get("type"), "oars-1.1")
        schemes = {c.get("scheme_preference"): c.text for c in root.findall("branding/color[@type='primary']")}
        self.assertEqual(set(schemes), {"light", "dark"})
        for colour in schemes.values():
            self.assertRegex(colour, r"^#[0-9a-fA-F]{6}$")
        controls = {c.text for c in root.findall("recommends/control") + root.findall("supports/control")
                    + root.findall("requires/control")}
        self.assertLessEqual({"keyboard", "pointing", "touch"}, controls)
        urls = {u.get("type"): u.text for u in root.findall("url")}
        for kind in ("homepage", "bugtracker", "vcs-browser"):
            self.assertTrue((urls.get(kind) or "").startswith("https://"), f"no {kind} URL")
        self.assertTrue(root.findtext("developer_name") or root.findtext("developer/name"))
        translation = root.find("translation")
        self.assertEqual((translation.get("type"), translation.text), ("gettext", GETTEXT_PACKAGE))

        if shutil.which("appstreamcli"):
            cmd = ["appstreamcli", "validate", "--no-net", path]
        else:
            cmd = ["appstream-util", "validate-relax", "--nonet", path]
        done = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_schema(self):
        path = self.installed("glib-2.0", "schemas", self.id + ".gschema.xml")
        ids = [s.get("id") for s in ET.parse(path).getroot().findall("schema")]
        self.assertIn(self.id, ids)
        done = subprocess.run(["glib-compile-schemas", "--strict", "--dry-run", os.path.dirname(path)],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_icons(self):
        scalable = self.installed("icons", "hicolor", "scalable", "apps", self.id + ".svg")
        self.assertEqual(svg_size(scalable), ("128", "128", "0 0 128 128"))
        symbolic = self.installed("icons", "hicolor", "symbolic", "apps", self.id + "-symbolic.svg")
        self.assertEqual(svg_size(symbolic), ("16", "16", "0 0 16 16"))
        with open(symbolic, encoding="utf-8") as f:
            colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", f.read()))
        self.assertLessEqual(colours, {"#2e3436"}, "a symbolic icon is one colour GTK can replace")

    def test_bundled_icons(self):
        # The cards' icons live in the binary's resources: every icon the
        # platform table and the content types name must be there.
        names = set()
        for source in ("src/core/lineup-platform.c", "src/core/lineup-content-type.c"):
            with open(os.path.join(SOURCE, source), encoding="utf-8") as f:
                names |= set(re.findall(r'"(lineup-[a-z0-9-]+-symbolic)"', f.read()))
        self.assertTrue(any(n.startswith("lineup-platform-") for n in names))
        # The resources are the window's: in its module, not in the binary.
        listed = subprocess.run(["gresource", "list", self.tmp + os.path.join(self.libdir, "lineup", MODULE)],
                                check=True, capture_output=True, text=True).stdout.split()
        icons = {os.path.basename(p)[:-len(".svg")] for p in listed
                 if p.startswith("/io/github/lineup/Lineup/icons/") and p.endswith(".svg")}
        self.assertEqual(sorted(names - icons), [], "icons named in the code but not in the resources")
        # About shows the app icon even from the build tree, before any install.
        self.assertIn("/io/github/lineup/Lineup/icons/scalable/apps/" + self.id + ".svg", listed)

    def test_translations(self):
        languages = linguas()
        for lang in languages:
            mo = os.path.join(self.localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE + ".mo")
            self.assertTrue(os.path.isfile(mo), f"po/LINGUAS lists {lang}, but {mo} is not installed")
        found = []
        if os.path.isdir(self.localedir):
            for lang in os.listdir(self.localedir):
                if os.path.isfile(os.path.join(self.localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE + ".mo")):
                    found.append(lang)
        self.assertEqual(sorted(found), sorted(languages))

    def find_unit(self, name):
        for dirpath, _, files in os.walk(self.tmp):
            if name in files and dirpath.endswith(os.path.join("systemd", "user")):
                return os.path.join(dirpath, name)
        self.fail(f"{name} is not installed in a systemd/user directory")

    def test_systemd_units(self):
        service = read_desktop(self.find_unit("lineup-sync.service"))
        argv = shlex.split(service["Service"]["ExecStart"])
        self.assertEqual(argv[0], os.path.join(self.bindir, BINARY), "ExecStart is not the installed binary")
        self.assertTrue(os.access(self.tmp + argv[0], os.X_OK))
        self.assertEqual(argv[1:], ["sync", "--due"])
        self.assertEqual(service["Service"]["Type"], "oneshot")

        timer = read_desktop(self.find_unit("lineup-sync.timer"))
        self.assertIn("OnCalendar", timer["Timer"])
        # A timer starts the service of its own name unless Unit= says otherwise.
        self.assertEqual(timer["Timer"].get("Unit", "lineup-sync.service"), "lineup-sync.service")
        self.assertEqual(timer["Install"]["WantedBy"], "timers.target")


if __name__ == "__main__":
    unittest.main(verbosity=2)
