"""The command line as a user scripts it: every command, and every kind of
bad input, which must fail with one clear line and leave the plan's file
byte for byte as it was."""

import csv
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

BIN = os.environ["LINEUP_BINARY"]


class Plan:
    """A plan file in a temporary folder, driven through the binary."""

    def __init__(self, tz=None):
        self.dir = tempfile.TemporaryDirectory(prefix="lineup-cli-")
        self.path = os.path.join(self.dir.name, "plan.db")
        self.env = dict(os.environ)
        if tz:
            self.env["TZ"] = tz

    def run(self, *args, check=True):
        argv = [BIN, "--database", self.path, *args]
        out = subprocess.run(argv, capture_output=True, env=self.env)
        if check and out.returncode != 0:
            raise AssertionError(f"{args} failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
        return out

    def text(self, *args):
        return self.run(*args).stdout.decode()

    def json(self, *args):
        return json.loads(self.text(*args))

    def add(self, title, pillar="Community", type_="Proof", *extra):
        return self.text("post", "add", "--title", title, "--pillar", pillar, "--type", type_, *extra).strip()

    def digest(self):
        with open(self.path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def ids(self):
        # A read-write connection: closing it removes the WAL, as the app's
        # does, so the next check sees only what the command left.
        db = sqlite3.connect(self.path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return sorted(r[0] for r in db.execute("SELECT id FROM posts WHERE deleted_at IS NULL"))
        finally:
            db.close()

    def close(self):
        self.dir.cleanup()


class Commands(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        self.plan.run("pillar", "add", "Community", "--color", "#9141ac", "--target", "15")

    def tearDown(self):
        self.plan.close()

    def test_add_show_list(self):
        p = self.plan
        post_id = p.add("Launch teaser", "community", "promotional",
                        "--date", "2026-12-10", "--time", "17:45",
                        "--platform", "Mastodon", "--platform", "linkedin,x",
                        "--stage", "in-review", "--body", "Line one\nLine two",
                        "--goal", "Sign-ups", "--owner", "Ada")
        self.assertEqual(len(post_id), 36)

        shown = p.json("post", "show", post_id[:8], "--json")
        self.assertEqual(shown["id"], post_id)
        self.assertEqual(shown["title"], "Launch teaser")
        self.assertEqual(shown["body"], "Line one\nLine two")
        self.assertEqual(shown["pillar"], "Community")
        self.assertEqual(shown["type"], "Promotional")
        self.assertEqual(shown["stage"], "in-review")
        self.assertEqual(shown["platforms"], ["linkedin", "x", "mastodon"])
        self.assertEqual((shown["date"], shown["time"]), ("2026-12-10", "17:45"))
        # Warsaw is UTC+1 in December.
        self.assertEqual(shown["scheduled_at"], "2026-12-10T16:45:00Z")
        self.assertEqual(shown["revision"], 1)
        self.assertEqual(shown["brief"]["goal"], "Sign-ups")
        self.assertEqual(shown["brief"]["owner"], "Ada")
        self.assertEqual([(h["from"], h["to"]) for h in shown["history"]], [(None, "in-review")])

        listed = p.json("post", "list", "--json")
        self.assertEqual(len(listed), 1)
        for key in ("id", "title", "body", "pillar", "type", "stage", "platforms", "date", "time", "revision"):
            self.assertEqual(listed[0][key], shown[key], key)
        self.assertIn("Launch teaser", p.text("post", "list"))
        self.assertIn("Launch teaser", p.text("post", "show", post_id))

    def test_dates_and_ranges(self):
        p = self.plan
        undated = p.add("Idea")
        nine = p.add("Default time", "Community", "Proof", "--date", "2026-12-01")
        p.add("End of month", "Community", "Proof", "--date", "2026-12-31", "--time", "23:59")
        p.add("Next month", "Community", "Proof", "--date", "2027-01-01", "--time", "00:00")
        self.assertEqual(p.json("post", "show", nine, "--json")["time"], "09:00")
        self.assertIsNone(p.json("post", "show", undated, "--json")["date"])

        december = p.json("post", "list", "--from", "2026-12-01", "--to", "2026-12-31", "--json")
        self.assertEqual([x["title"] for x in december], ["Default time", "End of month"])
        everything = p.json("post", "list", "--json")
        self.assertEqual(everything[-1]["title"], "Idea", "undated ideas come last")

        bad = p.run("post", "add", "--title", "T", "--pillar", "Community", "--type", "Proof",
                    "--time", "10:00", check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--time needs --date", bad.stderr.decode())

    def test_edit_changes_only_given_fields(self):
        p = self.plan
        post_id = p.add("Original", "Community", "Proof", "--date", "2026-12-02", "--time", "08:30",
                        "--platform", "x", "--body", "Keep me")
        self.assertIn("Updated", p.text("post", "edit", post_id, "--title", "Renamed"))
        shown = p.json("post", "show", post_id, "--json")
        self.assertEqual((shown["title"], shown["body"], shown["platforms"], shown["time"], shown["revision"]),
                         ("Renamed", "Keep me", ["x"], "08:30", 2))

        # The same value again is no change: the revision stays.
        self.assertIn("No change", p.text("post", "edit", post_id, "--title", "Renamed"))
        self.assertEqual(p.json("post", "show", post_id, "--json")["revision"], 2)

        p.text("post", "edit", post_id, "--time", "11:15", "--platform", "bluesky", "--type", "narrative")
        shown = p.json("post", "show", post_id, "--json")
        self.assertEqual((shown["date"], shown["time"], shown["platforms"], shown["type"], shown["revision"]),
                         ("2026-12-02", "11:15", ["bluesky"], "Narrative", 3))

        idea = p.add("No date yet")
        out = p.run("post", "edit", idea, "--time", "10:00", check=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("post move", out.stderr.decode())

    def test_move_keeps_local_time_across_dst(self):
        for tz, before, after in (("Europe/Warsaw", "2026-03-27", "2026-03-30"),
                                  ("America/New_York", "2026-03-06", "2026-03-09"),
                                  ("Europe/Warsaw", "2026-10-23", "2026-10-26")):
            plan = Plan(tz=tz)
            try:
                plan.run("pillar", "add", "Community")
                post_id = plan.add("Across the change", "Community", "Proof", "--date", before, "--time", "09:00")
                first = plan.json("post", "show", post_id, "--json")
                self.assertIn("Moved", plan.text("post", "move", post_id[:6], "--date", after))
                moved = plan.json("post", "show", post_id, "--json")
                self.assertEqual((moved["date"], moved["time"]), (after, "09:00"), tz)
                # The clocks changed in between, so UTC moved by 3 days ± 1 hour.
                self.assertNotEqual(first["scheduled_at"][11:], moved["scheduled_at"][11:], tz)
                self.assertEqual(moved["revision"], 2)
            finally:
                plan.close()

    def test_move_with_time_and_duplicate(self):
        p = self.plan
        post_id = p.add("Teaser", "Community", "Proof", "--date", "2026-12-01", "--time", "09:15",
                        "--platform", "mastodon", "--body", "Same words")
        p.text("post", "move", post_id, "--date", "2026-12-04", "--time", "17:00")
        shown = p.json("post", "show", post_id, "--json")
        self.assertEqual((shown["date"], shown["time"]), ("2026-12-04", "17:00"))

        copy_id = p.text("post", "duplicate", post_id[:8], "--date", "2026-12-11").strip()
        self.assertNotEqual(copy_id, post_id)
        copy = p.json("post", "show", copy_id, "--json")
        self.assertEqual((copy["date"], copy["time"], copy["stage"]), ("2026-12-11", "17:00", "draft"))
        self.assertEqual((copy["title"], copy["body"], copy["platforms"]), ("Teaser", "Same words", ["mastodon"]))

        # A published post stays where it went out.
        p.text("post", "stage", post_id, "published")
        refused = p.run("post", "move", post_id, "--date", "2026-12-20", check=False)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("published", refused.stderr.decode())
        self.assertEqual(p.json("post", "show", post_id, "--json")["date"], "2026-12-04")

    def test_stage_history_and_delete(self):
        p = self.plan
        post_id = p.add("Needs approval")
        p.text("post", "stage", post_id, "draft")
        p.text("post", "stage", post_id, "In review", "--comment", "Ready for Legal", "--as", "Grace")
        history = p.json("post", "show", post_id, "--json")["history"]
        self.assertEqual([(h["from"], h["to"]) for h in history],
                         [(None, "brief"), ("brief", "draft"), ("draft", "in-review")])
        self.assertEqual((history[-1]["actor"], history[-1]["comment"]), ("Grace", "Ready for Legal"))

        self.assertIn("Deleted", p.text("post", "delete", post_id))
        self.assertEqual(p.json("post", "list", "--json"), [])
        gone = p.run("post", "show", post_id, check=False)
        self.assertEqual(gone.returncode, 1)

    def test_pillars(self):
        p = self.plan
        self.assertIn("#3584e4", p.text("pillar", "add", "Product education", "--color", "#3584e4"))
        p.text("pillar", "add", "Stories")
        p.add("One", "Product education", "Educational")
        pillars = {x["name"]: x for x in p.json("pillar", "list", "--json")}
        self.assertEqual(set(pillars), {"Community", "Product education", "Stories"})
        self.assertEqual(pillars["Community"]["target"], 15)
        self.assertEqual(pillars["Community"]["color"], "#9141ac")
        self.assertEqual(pillars["Product education"]["posts"], 1)
        self.assertRegex(pillars["Stories"]["color"], r"^#[0-9a-f]{6}$")
        self.assertIn("Stories", p.text("pillar", "list"))

    def test_campaigns(self):
        p = self.plan
        self.assertIn("Added campaign", p.text("campaign", "add", "Launch week", "--from", "2026-12-07",
                                               "--to", "2026-12-13", "--color", "#c01c28"))
        campaigns = p.json("campaign", "list", "--json")
        self.assertEqual(campaigns, [{"name": "Launch week", "color": "#c01c28",
                                      "from": "2026-12-07", "to": "2026-12-13"}])
        post_id = p.add("Teaser", "Community", "Proof", "--date", "2026-12-08", "--campaign", "launch week")
        self.assertEqual(p.json("post", "show", post_id, "--json")["campaign"], "Launch week")
        bad = p.run("campaign", "add", "Backwards", "--from", "2026-12-13", "--to", "2026-12-07", check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("after", bad.stderr.decode())

    def test_import_csv(self):
        p = self.plan
        path = os.path.join(p.dir.name, "plan.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("Title,Body,Date,Time,Pillar,Type,Platform,Stage\r\n")
            f.write('"Quote, comma","Line one\nLine ""two""",2026-12-01,10:30,Community,Proof,"Mastodon;LinkedIn",draft\r\n')
            f.write("Brand new pillar,,,,Stories,narrative,,\r\n")
        self.assertIn("Imported 2 posts", p.text("import", "csv", path))
        posts = p.json("post", "list", "--json")
        self.assertEqual(posts[0]["title"], "Quote, comma")
        self.assertEqual(posts[0]["body"], 'Line one\nLine "two"')
        self.assertEqual(posts[0]["platforms"], ["linkedin", "mastodon"])
        self.assertEqual((posts[0]["stage"], posts[0]["time"]), ("draft", "10:30"))
        self.assertEqual((posts[1]["pillar"], posts[1]["date"]), ("Stories", None))

    def test_import_ten_thousand_rows(self):
        p = self.plan
        path = os.path.join(p.dir.name, "big.csv")
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["title", "body", "date", "time", "pillar", "type", "platform", "stage"])
        types = ["Educational", "Narrative", "Proof", "Community", "Promotional"]
        for i in range(10000):
            w.writerow([f"Post {i}", "A caption, with a comma", f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        f"{8 + i % 10:02d}:{(i * 7) % 60:02d}", f"Pillar {i % 4}", types[i % 5],
                        "linkedin;mastodon", "draft"])
        with open(path, "w", encoding="utf-8") as f:
            f.write(buf.getvalue())
        start = time.monotonic()
        p.text("import", "csv", path)
        elapsed = time.monotonic() - start
        print(f"\n  10,000 rows imported in {elapsed:.2f} s", file=sys.stderr)
        # "Well under a second" on a developer machine; room for a slow CI.
        self.assertLess(elapsed, 3.0)
        self.assertEqual(len(p.ids()), 10000)

    def test_demo(self):
        p = self.plan
        self.assertIn("demo plan", p.text("demo", "--month", "2026-12"))
        posts = p.json("post", "list", "--json")
        dated = [x for x in posts if x["date"]]
        self.assertTrue(20 <= len(dated) <= 30, len(dated))
        self.assertTrue(all(x["date"].startswith("2026-12-") for x in dated))
        self.assertGreaterEqual(len(posts) - len(dated), 2)
        self.assertEqual({x["stage"] for x in posts},
                         {"brief", "draft", "in-review", "approved", "scheduled", "published"})
        self.assertEqual({x["type"] for x in posts},
                         {"Educational", "Narrative", "Proof", "Community", "Promotional"})
        self.assertEqual(len({x["pillar"] for x in posts}), 4)
        self.assertGreater(len({k for x in posts for k in x["platforms"]}), 5)

        again = p.run("demo", "--month", "2026-12", check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already has", again.stderr.decode())


class BadInput(unittest.TestCase):
    """Each bad input: non-zero exit, exactly one `lineup: ` line that names
    what was wrong, and the file untouched."""

    def setUp(self):
        self.plan = Plan()
        self.plan.run("demo", "--month", "2026-12")
        self.some_id = self.plan.json("post", "list", "--json")[0]["id"]
        self.ids = self.plan.ids()
        self.before = self.plan.digest()

    def tearDown(self):
        self.plan.close()

    def refused(self, args, mentions):
        out = self.plan.run(*args, check=False)
        err = out.stderr.decode("utf-8")   # must be valid UTF-8
        lines = err.splitlines()
        self.assertNotEqual(out.returncode, 0, f"{args!r} succeeded")
        self.assertEqual(len(lines), 1, f"{args!r}: expected one line, got {err!r}")
        self.assertTrue(lines[0].startswith("lineup: "), lines[0])
        for word in mentions:
            self.assertIn(word, lines[0], f"{args!r}: {lines[0]!r} does not mention {word!r}")
        self.assertEqual(self.plan.digest(), self.before, f"{args!r} changed the file")
        self.assertFalse(os.path.exists(self.plan.path + "-wal"), f"{args!r} left a WAL behind")
        self.assertEqual(self.plan.ids(), self.ids)
        return lines[0]

    def csv_file(self, name, content):
        path = os.path.join(self.plan.dir.name, name)
        with open(path, "wb") as f:
            f.write(content)
        return path

    def test_bad_arguments(self):
        add = ["post", "add", "--title", "T", "--pillar", "Community", "--type", "Proof"]
        self.refused(["post", "add", "--title", "T", "--pillar", "Community", "--type", "Opinion"],
                     ["--type", "Opinion", "Educational"])
        self.refused(["post", "add", "--title", "T", "--pillar", "Gardening", "--type", "Proof"],
                     ["--pillar", "Gardening", "pillar add"])
        self.refused(add + ["--date", "2026-02-30"], ["--date", "2026-02-30", "YYYY-MM-DD"])
        self.refused(add + ["--date", "2026-12-01", "--time", "25:00"], ["--time", "25:00", "HH:MM"])
        self.refused(add + ["--stage", "pending"], ["pending", "in-review"])
        self.refused(add + ["--platform", "Myspace"], ["--platform", "Myspace", "mastodon"])
        self.refused(add + ["--colour", "red"], ["--colour"])
        self.refused(["post", "add", "--title"], ["--title", "value"])
        self.refused(["post", "add", "--pillar", "Community", "--type", "Proof"], ["--title", "required"])
        self.refused(["post", "move", self.some_id, "--date", "tomorrow"], ["--date", "tomorrow"])
        self.refused(["post", "list", "--from", "2026-13-01"], ["--from", "2026-13-01"])
        self.refused(["pillar", "add", "Colourful", "--color", "blue"], ["--color", "#RRGGBB"])
        self.refused(["pillar", "add", "Greedy", "--target", "140"], ["--target", "140"])
        self.refused(["demo", "--month", "2026-13"], ["--month", "2026-13"])
        self.refused(["frobnicate"], ["frobnicate"])

    def test_limits(self):
        add = ["post", "add", "--pillar", "Community", "--type", "Proof"]
        self.refused(add + ["--title", "x" * 301], ["title", "301", "300"])
        self.refused(add + ["--title", "T", "--body", "b" * 65537], ["caption", "65537", "65536"])
        self.refused(["post", "edit", self.some_id, "--title", "   "], ["title", "empty"])

    def test_non_utf8_argument(self):
        line = self.refused([b"post", b"add", b"--title", b"Caf\xe9 menu", b"--pillar", b"Community",
                             b"--type", b"Proof"], ["--title", "UTF-8", "0xE9"])
        self.assertNotIn("\ufffd", line)

    def test_unknown_ids(self):
        self.refused(["post", "show", "ffffffff"], ["ffffffff", "post list"])
        self.refused(["post", "delete", "ffffffff-0000"], ["ffffffff-0000"])
        self.refused(["post", "stage", "ab", "draft"], ["ab"])

    def test_bad_csv_files(self):
        header = b"title,date,pillar,type\n"
        self.refused(["import", "csv", os.path.join(self.plan.dir.name, "missing.csv")], ["missing.csv"])
        self.refused(["import", "csv", self.csv_file("columns.csv", header + b"A,2026-12-01,Community\n")],
                     ["columns.csv", "row 2", "3 fields", "4"])
        self.refused(["import", "csv", self.csv_file("date.csv", header +
                                                     b"A,2026-12-01,Community,Proof\n"
                                                     b"B,2026-12-02,New pillar,Proof\n"
                                                     b"C,2026-02-30,Community,Proof\n")],
                     ["date.csv", "row 4", "date", "2026-02-30"])
        self.refused(["import", "csv", self.csv_file("bytes.csv", header + b"Caf\xe9,2026-12-01,Community,Proof\n")],
                     ["bytes.csv", "row 2", "title", "UTF-8"])
        self.refused(["import", "csv", self.csv_file("quote.csv", header + b'"Open,2026-12-01,Community,Proof\n')],
                     ["quote.csv", "never closed"])
        self.refused(["import", "csv", self.csv_file("unknown.csv", b"title,pillar,type,mood\nA,Community,Proof,happy\n")],
                     ["unknown.csv", "mood"])
        self.refused(["import", "csv", self.csv_file("type.csv", header + b"A,2026-12-01,Community,Rant\n")],
                     ["type.csv", "row 2", "type", "Rant"])
        # The pillar the second row would have created is not there either.
        self.assertNotIn("New pillar", self.plan.text("pillar", "list"))


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
