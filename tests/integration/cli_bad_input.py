"""Bad input on the command line: each must fail with a non-zero status (2
for a wrong command line, 1 for what the plan refuses) and exactly one
`lineup: ` line on stderr that names what was wrong and what was expected,
and must leave the plan's file byte for byte as it was: no WAL left behind,
integrity intact, the same posts."""

import os
import sys
import unittest

from lineup_cli import Plan


class BadInput(unittest.TestCase):
    def setUp(self):
        # A fresh plan for each test: a demo month, as a user would have.
        self.plan = Plan()
        self.plan.run("demo", "--month", "2026-12")
        posts = self.plan.json("post", "list", "--json")
        self.some_id = posts[0]["id"]
        self.published_id = next(x["id"] for x in posts if x["stage"] == "published")
        self.idea_id = next(x["id"] for x in posts if x["date"] is None)
        self.ids = self.plan.ids()
        self.before = self.plan.digest()

    def tearDown(self):
        self.plan.close()

    def refused(self, args, mentions, status=None):
        out = self.plan.run(*args, check=False)
        err = out.stderr.decode("utf-8")   # must be valid UTF-8
        lines = err.splitlines()
        self.assertNotEqual(out.returncode, 0, f"{args!r} succeeded")
        if status is not None:
            self.assertEqual(out.returncode, status, f"{args!r}: {err!r}")
        self.assertEqual(out.stdout, b"", f"{args!r} printed {out.stdout!r}")
        self.assertEqual(len(lines), 1, f"{args!r}: expected one line, got {err!r}")
        self.assertTrue(err.endswith("\n"))
        self.assertTrue(lines[0].startswith("lineup: "), lines[0])
        self.assertNotIn("\ufffd", lines[0])
        for word in mentions:
            self.assertIn(word, lines[0], f"{args!r}: {lines[0]!r} does not mention {word!r}")
        self.assertEqual(self.plan.digest(), self.before, f"{args!r} changed the file")
        self.assertFalse(os.path.exists(self.plan.path + "-wal"), f"{args!r} left a WAL behind")
        self.assertEqual(self.plan.integrity(), "ok")
        self.assertEqual(self.plan.ids(), self.ids, f"{args!r} changed the posts")
        return lines[0]

    ADD = ["post", "add", "--title", "T", "--pillar", "Community", "--type", "Proof"]

    def test_unknown_names(self):
        self.refused(["post", "add", "--title", "T", "--pillar", "Community", "--type", "Opinion"],
                     ["--type", "Opinion", "Educational", "Promotional"], status=1)
        line = self.refused(["post", "add", "--title", "T", "--pillar", "Gardening", "--type", "Proof"],
                            ["--pillar", "Gardening", "known pillars:", 'lineup pillar add "Gardening"'], status=1)
        for pillar in ("Product education", "Customer stories", "Behind the scenes", "Community"):
            self.assertIn(pillar, line)
        self.refused(self.ADD + ["--stage", "pending"], ["--stage", "pending", "in-review"], status=2)
        self.refused(self.ADD + ["--platform", "Myspace"], ["--platform", "Myspace", "mastodon"], status=2)
        self.refused(self.ADD + ["--platform", "x,Myspace"], ["Myspace"], status=2)
        self.refused(self.ADD + ["--campaign", "Summer"], ["--campaign", "Summer"], status=1)
        self.refused(["post", "stage", self.some_id, "pending"], ["STAGE", "pending", "in-review"], status=2)
        self.refused(["post", "edit", self.some_id, "--type", "Opinion"], ["--type", "Opinion"], status=1)
        self.refused(["post", "edit", self.some_id, "--pillar", "Gardening"], ["--pillar", "Gardening"], status=1)
        self.refused(["post", "edit", self.some_id, "--platform", "Myspace"], ["--platform", "Myspace"], status=2)
        self.refused(["post", "edit", self.some_id, "--campaign", "Summer"], ["--campaign", "Summer"], status=1)

    def test_bad_dates_and_times(self):
        self.refused(self.ADD + ["--date", "2026-02-30"],
                     ["--date “2026-02-30” is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-10"], status=2)
        self.refused(self.ADD + ["--date", "2026-12-01", "--time", "25:00"], ["--time", "25:00", "HH:MM"], status=2)
        self.refused(self.ADD + ["--date", "2026-12-01", "--time", "9.30"], ["--time", "9.30"], status=2)
        self.refused(self.ADD + ["--time", "10:00"], ["--time needs --date"], status=2)
        self.refused(self.ADD + ["--due", "2026-13-01"], ["--due", "2026-13-01"], status=2)
        self.refused(["post", "move", self.some_id, "--date", "tomorrow"], ["--date", "tomorrow"], status=2)
        self.refused(["post", "move", self.some_id, "--date", "2026-12-20", "--time", "24:00"], ["--time", "24:00"])
        self.refused(["post", "move", self.some_id], ["--date", "required"], status=2)
        self.refused(["post", "list", "--from", "2026-13-01"], ["--from", "2026-13-01"], status=2)
        self.refused(["post", "list", "--from", "2026-12-10", "--to", "2026-12-01"], ["--from", "--to"], status=2)
        self.refused(["post", "edit", self.some_id, "--time", "7pm"], ["--time", "7pm"], status=2)
        self.refused(["post", "edit", self.some_id, "--date", "2026-12-20"], ["post move"], status=2)
        self.refused(["post", "edit", self.idea_id, "--time", "10:00"], ["--time", "no date", "post move"], status=1)
        self.refused(["demo", "--month", "2026-13"], ["--month", "2026-13", "YYYY-MM"], status=2)
        self.refused(["campaign", "add", "Backwards", "--from", "2026-12-13", "--to", "2026-12-07"],
                     ["--from", "after", "--to"], status=2)
        self.refused(["campaign", "add", "Leap", "--from", "2026-02-29", "--to", "2026-03-07"],
                     ["--from", "2026-02-29"], status=2)

    def test_dates_past_what_a_plan_keeps(self):
        # 9999-12 ends on 10000-01-01, which no plan can place: refused,
        # saying which dates are kept, before anything is written.
        kept = "from 1900-01-01 to 9998-12-31"
        self.refused(["mix", "--month", "9999-12"], ["--month", "9999-12", "from 1900-01 to 9998-12"], status=2)
        self.refused(["mix", "--from", "9999-12-01", "--to", "9999-12-31"], ["--from", "9999-12-01", kept],
                     status=2)
        self.refused(["mix", "--from", "9998-12-01", "--to", "9999-12-31"], ["--to", "9999-12-31", kept],
                     status=2)
        self.refused(["demo", "--month", "9999-12"], ["--month", "9999-12", "9998-12"], status=2)
        self.refused(self.ADD + ["--date", "9999-12-31"], ["--date", kept], status=2)
        self.refused(self.ADD + ["--due", "1899-12-31"], ["--due", kept], status=2)
        # The last month kept works, and counts its last day.
        self.plan.run("demo", "--month", "9998-12")
        out = self.plan.text("mix", "--from", "9998-12-01", "--to", "9998-12-31")
        self.assertIn("31 December 9998", out)

    def test_usage_errors(self):
        self.refused(self.ADD + ["--colour", "red"], ["unknown option", "--colour"], status=2)
        self.refused(["post", "add", "--title"], ["--title", "needs a value"], status=2)
        self.refused(["post", "add", "--pillar", "Community", "--type", "Proof"], ["--title", "required"], status=2)
        self.refused(self.ADD + ["--title", "Again"], ["--title", "twice"], status=2)
        self.refused(["post", "list", "--json=yes"], ["--json", "no value"], status=2)
        self.refused(["post", "show"], ["missing ID"], status=2)
        self.refused(["post", "show", self.some_id, "extra"], ["extra"], status=2)
        self.refused(["post", "show", "-x"], ["-x"], status=2)
        self.refused(["post", "stage", self.some_id], ["missing STAGE"], status=2)
        self.refused(["post", "publish", self.some_id], ["post publish", "--help"], status=2)
        self.refused(["post"], ["post", "subcommand"], status=2)
        self.refused(["frobnicate"], ["frobnicate", "lineup help"], status=2)
        self.refused(["pillar", "add", "Colourful", "--color", "blue"], ["--color", "blue", "#RRGGBB"], status=2)
        self.refused(["pillar", "add", "Colourful", "--color", "#12345"], ["--color", "#12345"], status=2)
        self.refused(["pillar", "add", "Colourful", "--color", "#12345g"], ["--color", "#12345g"], status=2)
        self.refused(["pillar", "add", "Greedy", "--target", "140"], ["--target", "140", "0 to 100"], status=2)
        self.refused(["pillar", "add", "Greedy", "--target", "lots"], ["--target", "lots"], status=2)
        self.refused(["pillar", "add", "community"], ["community"], status=1)
        self.refused(["pillar", "add", "   "], ["empty"], status=1)
        self.refused(["pillar", "add", "Two\nlines"], ["NAME", "Two\\nlines", "one line"], status=2)
        self.refused(["campaign", "add", "Undated"], ["--from", "required"], status=2)
        self.refused(["campaign", "add", "Grey", "--from", "2026-12-01", "--to", "2026-12-02", "--color", "grey"],
                     ["--color", "grey"], status=2)
        self.refused(["--database"], ["--database", "path"], status=2)

    def test_limits(self):
        add = ["post", "add", "--pillar", "Community", "--type", "Proof"]
        self.refused(add + ["--title", "x" * 301], ["title", "301", "300"])
        self.refused(add + ["--title", "ł" * 301], ["title", "301", "300"])
        self.refused(add + ["--title", "T", "--body", "b" * 65537], ["--body", "caption", "65537", "65536"])
        self.refused(add + ["--title", "T", "--goal", "g" * 2001], ["Goal", "2001", "2000"])
        self.refused(["post", "edit", self.some_id, "--title", "   "], ["title", "empty"])
        self.refused(["post", "edit", self.some_id, "--title", "x" * 301], ["title", "301"])
        self.refused(["post", "edit", self.some_id, "--body", "b" * 65537], ["--body", "caption", "65537"])
        self.refused(["pillar", "add", "p" * 101], ["101", "100"])

    def test_control_characters_stay_on_one_line(self):
        self.refused(["post", "add", "--title", "Two\nlines", "--pillar", "Community", "--type", "Proof"],
                     ["--title", "Two\\nlines", "one line"], status=2)
        self.refused(["post", "add", "--title", "T", "--pillar", "Garden\nparty", "--type", "Proof"],
                     ["--pillar", "Garden\\nparty"], status=1)
        self.refused(self.ADD + ["--platform", "my\rspace"], ["--platform", "my\\rspace"], status=2)
        self.refused(["post", "stage", self.some_id, "draft", "--as", "Eve\nAdmin"], ["--as"], status=2)

    def test_non_utf8_arguments(self):
        line = self.refused([b"post", b"add", b"--title", b"Caf\xe9 menu", b"--pillar", b"Community",
                             b"--type", b"Proof"], ["--title", "UTF-8", "0xE9", "offset 3"], status=2)
        self.assertNotIn("Caf", line)
        self.refused([b"post", b"add", b"--title=Caf\xe9", b"--pillar", b"Community", b"--type", b"Proof"],
                     ["--title", "0xE9", "offset 3"], status=2)
        self.refused([b"post", b"add", b"--title", b"T", b"--pillar", b"\xff", b"--type", b"Proof"],
                     ["--pillar", "0xFF", "offset 0"], status=2)
        self.refused([b"post", b"show", b"abcd\xc3"], ["ID", "0xC3", "offset 4"], status=2)
        self.refused([b"post", b"list", b"--fr\xf6m", b"2026-12-01"], ["unknown option", "--fr\\366m"], status=2)
        self.refused([b"pillar", b"add", b"Caf\xe9"], ["NAME", "0xE9"], status=2)
        self.refused([b"post", b"stage", self.some_id.encode(), b"draft", b"--comment", b"ok\x80"],
                     ["--comment", "0x80", "offset 2"], status=2)
        self.refused([b"fr\xe9"], ["fr\\351", "not a command"], status=2)

    def test_unknown_ids(self):
        self.refused(["post", "show", "ffffffff"], ["ffffffff", "post list"], status=1)
        self.refused(["post", "show", "ffffffff", "--json"], ["ffffffff"], status=1)
        self.refused(["post", "delete", "ffffffff-0000"], ["ffffffff-0000"], status=1)
        self.refused(["post", "stage", "ab", "draft"], ["ab"], status=1)
        self.refused(["post", "edit", "ffffffff", "--title", "New"], ["ffffffff"], status=1)
        self.refused(["post", "move", "ffffffff", "--date", "2026-12-20"], ["ffffffff"], status=1)
        self.refused(["post", "duplicate", "ffffffff", "--date", "2026-12-20"], ["ffffffff"], status=1)

    def test_refused_by_the_plan(self):
        # A published post stays on the day it went out.
        self.refused(["post", "move", self.published_id, "--date", "2026-12-20"], ["published"], status=1)
        # The demo does not fill a month that has posts.
        self.refused(["demo", "--month", "2026-12"], ["already has"], status=1)

    def test_password_in_an_address(self):
        # Refused before anything is stored, and the password is not repeated.
        for args in (["feed", "add", "Team", "--webdav", "https://alice:hunter2@dav.example/plan.ics"],
                     ["feed", "add", "Team", "--caldav", "https://alice:hunter2@dav.example/cal/", "--user", "alice"],
                     ["overlay", "add", "Days", "webcal://alice:hunter2@cal.example/days.ics"]):
            line = self.refused(args, ["user name or password"], status=1)
            self.assertNotIn("hunter2", line)

    def test_bad_csv_files(self):
        plan = self.plan
        header = b"title,date,pillar,type\n"
        self.refused(["import", "csv", os.path.join(plan.dir.name, "missing.csv")],
                     ["missing.csv", "does not exist"], status=1)
        self.refused(["import", "csv", plan.dir.name], ["not a file"], status=1)
        self.refused(["import", "csv", plan.file("columns.csv", header + b"A,2026-12-01,Community\n")],
                     ["columns.csv", "row 2", "3 fields", "4"])
        self.refused(["import", "csv", plan.file("extra.csv", header + b"A,2026-12-01,Community,Proof,oops\n")],
                     ["extra.csv", "row 2", "5 fields"])
        # The bad date is on row 3 as a spreadsheet shows it (the header is
        # row 1); the row before it is good and would add a pillar.
        self.refused(["import", "csv", plan.file("date.csv", header +
                                                 b"B,2026-12-02,New pillar,Proof\n"
                                                 b"C,2026-02-30,Community,Proof\n"
                                                 b"D,2026-12-03,Community,Proof\n")],
                     ["date.csv", "row 3", "date", "2026-02-30"])
        self.refused(["import", "csv", plan.file("time.csv", b"title,date,time,pillar,type\n"
                                                 b"A,2026-12-01,25:00,Community,Proof\n")],
                     ["time.csv", "row 2", "time", "25:00"])
        self.refused(["import", "csv", plan.file("bytes.csv", header + b"Caf\xe9,2026-12-01,Community,Proof\n")],
                     ["bytes.csv", "row 2", "title", "UTF-8"])
        self.refused(["import", "csv", plan.file("quote.csv", header +
                                                 b"A,2026-12-01,Community,Proof\n"
                                                 b'"Open,2026-12-01,Community,Proof\n')],
                     ["quote.csv", "row 3", "never closed"])
        self.refused(["import", "csv", plan.file("unknown.csv", b"title,pillar,type,mood\nA,Community,Proof,happy\n")],
                     ["unknown.csv", "mood"])
        self.refused(["import", "csv", plan.file("type.csv", header + b"A,2026-12-01,Community,Rant\n")],
                     ["type.csv", "row 2", "type", "Rant"])
        self.refused(["import", "csv", plan.file("stage.csv", b"title,pillar,type,stage\nA,Community,Proof,done\n")],
                     ["stage.csv", "row 2", "stage", "done"])
        self.refused(["import", "csv", plan.file("platform.csv", b"title,pillar,type,platform\nA,Community,Proof,Myspace\n")],
                     ["platform.csv", "row 2", "Myspace"])
        self.refused(["import", "csv", plan.file("long.csv", b"title,pillar,type\n" + b"x" * 301 + b",Community,Proof\n")],
                     ["long.csv", "row 2", "301"])
        self.refused(["import", "csv", plan.file("noheader.csv", b"title,pillar\nA,Community\n")],
                     ["noheader.csv", "type"])
        self.refused(["import", "csv", plan.file("empty.csv", b"")], ["empty.csv", "empty"])
        # The pillar the good row would have created is not there either.
        self.assertNotIn("New pillar", plan.text("pillar", "list"))

    def test_no_plan_is_created_by_a_failing_command(self):
        missing = os.path.join(self.plan.dir.name, "typo.db")
        for args in (self.ADD, ["post", "show", self.some_id], ["post", "stage", self.some_id, "draft"]):
            out = self.plan.run("--database", missing, *args, check=False, database=False)
            lines = out.stderr.decode("utf-8").splitlines()
            self.assertEqual(out.returncode, 1, args)
            self.assertEqual(len(lines), 1, lines)
            self.assertIn("typo.db", lines[0])
            self.assertFalse(os.path.exists(missing), args)
        out = self.plan.run("--database", self.plan.dir.name, "post", "list", check=False, database=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("folder", out.stderr.decode("utf-8"))
        self.assertEqual(len(out.stderr.splitlines()), 1)


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
