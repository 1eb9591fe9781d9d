"""The command line as a user scripts it: every command and what it leaves in
the plan, read back through `post show --json` and `post list --json`.
Bad input is in cli_bad_input.py."""

import csv
import datetime
import io
import os
import sys
import time
import unittest
import zoneinfo

from lineup_cli import Plan


class Commands(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        self.plan.run("pillar", "add", "Community", "--color", "#9141ac", "--target", "15")

    def tearDown(self):
        self.plan.close()

    # ---- help, version, where the plan is ----

    def test_help_and_version_without_a_display(self):
        # Plan.env has neither DISPLAY nor WAYLAND_DISPLAY: nothing here may
        # need GTK.
        for args in (["help"], ["--help"], ["-h"]):
            out = self.plan.run(*args, database=False)
            text = out.stdout.decode("utf-8")
            self.assertEqual(out.returncode, 0, args)
            self.assertEqual(out.stderr, b"", args)
            for command in ("post add", "post list", "post edit", "post move", "post stage", "post delete",
                            "post show", "pillar add", "pillar list", "campaign add", "import csv", "demo"):
                self.assertIn(command, text, (args, command))
        version = self.plan.text("--version", database=False)
        self.assertRegex(version, r"^lineup \d+\.\d+\.\d+\n$")

        # Help for one command or group, wherever --help is.
        self.assertIn("--title T --pillar P --type TYPE", self.plan.text("post", "add", "--help"))
        self.assertIn("--title T --pillar P --type TYPE", self.plan.text("post", "add", "--title", "x", "-h"))
        self.assertNotIn("pillar add", self.plan.text("post", "show", "-h"))
        self.assertIn("post move", self.plan.text("post", "--help"))
        # None of that opened or created a plan in the default place.
        self.assertFalse(os.path.exists(self.plan.env["XDG_DATA_HOME"]))

    def test_database_from_option_or_environment(self):
        p = self.plan
        other = os.path.join(p.dir.name, "other.db")
        env = dict(p.env, LINEUP_DATABASE=other)

        def pillars(*args, **kwargs):
            return [x["name"] for x in p.json("pillar", "list", "--json", *args, **kwargs)]

        p.run("pillar", "add", "Elsewhere", env=env, database=False)
        self.assertEqual(pillars(env=env, database=False), ["Elsewhere"])
        # --database wins over the environment, before or after the command.
        self.assertEqual(pillars(env=env), ["Community"])
        self.assertEqual(pillars("--database", p.path, env=env, database=False), ["Community"])
        self.assertEqual(p.json("--database=" + other, "pillar", "list", "--json", database=False)[0]["name"],
                         "Elsewhere")
        # Neither: the default plan under $XDG_DATA_HOME.
        p.run("pillar", "add", "Default", database=False)
        self.assertTrue(os.path.exists(os.path.join(p.env["XDG_DATA_HOME"], "lineup", "lineup.db")))

    def test_commands_that_read_do_not_create_a_plan(self):
        missing = os.path.join(self.plan.dir.name, "typo.db")
        self.assertEqual(self.plan.json("--database", missing, "post", "list", "--json", database=False), [])
        self.assertEqual(self.plan.text("--database", missing, "pillar", "list", database=False), "")
        self.assertEqual(self.plan.json("--database", missing, "campaign", "list", "--json", database=False), [])
        self.assertFalse(os.path.exists(missing))

    # ---- posts ----

    def test_add_show_list(self):
        p = self.plan
        post_id = p.add("Launch teaser", "community", "promotional",
                        "--date", "2026-12-10", "--time", "17:45",
                        "--platform", "Mastodon", "--platform", "linkedin,x",
                        "--stage", "in-review", "--body", "Line one\nLine two",
                        "--goal", "Sign-ups", "--audience", "Agency owners", "--key-message", "Calmer weeks",
                        "--call-to-action", "Try it", "--hashtags", "#launch", "--owner", "Ada",
                        "--due", "2026-12-08")
        self.assertRegex(post_id, r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

        shown = p.show(post_id[:8])
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
        self.assertIsNone(shown["campaign"])
        self.assertEqual(shown["revision"], 1)
        self.assertRegex(shown["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(shown["created"], shown["updated"])
        self.assertEqual(shown["brief"], {"goal": "Sign-ups", "audience": "Agency owners",
                                          "key_message": "Calmer weeks", "call_to_action": "Try it",
                                          "hashtags": "#launch", "owner": "Ada", "due": "2026-12-08"})
        self.assertEqual([(h["from"], h["to"]) for h in shown["history"]], [(None, "in-review")])
        self.assertTrue(shown["history"][0]["actor"])

        listed = p.json("post", "list", "--json")
        self.assertEqual(len(listed), 1)
        for key in ("id", "title", "body", "pillar", "type", "stage", "platforms", "date", "time",
                    "revision", "campaign", "created", "updated"):
            self.assertEqual(listed[0][key], shown[key], key)

        line = p.text("post", "list")
        for part in ("2026-12-10", "17:45", "in-review", "Community", "Promotional",
                     "linkedin,x,mastodon", "Launch teaser", post_id[:8]):
            self.assertIn(part, line)
        text = p.text("post", "show", post_id)
        for part in ("Launch teaser", post_id, "17:45", "Europe/Warsaw", "Sign-ups", "Line two"):
            self.assertIn(part, text)

        # A plain idea: the brief stage, no date, no platforms.
        idea = p.show(p.add("Idea"))
        self.assertEqual((idea["stage"], idea["date"], idea["time"], idea["platforms"]), ("brief", None, None, []))

    def test_text_list_is_aligned(self):
        p = self.plan
        p.run("pillar", "add", "Zażółć gęślą")
        p.add("Żółw", "Zażółć gęślą", "Narrative", "--date", "2026-12-01", "--platform", "bluesky")
        p.add("Plain", "Community", "Proof", "--date", "2026-12-02", "--time", "10:00")
        p.add("Idea with no date")
        lines = p.text("post", "list").splitlines()
        self.assertEqual(len(lines), 3)
        # Every column starts at the same character on every line.
        starts = [line.index(title) for line, title in zip(lines, ("Żółw", "Plain", "Idea with no date"))]
        self.assertEqual(len(set(starts)), 1, lines)
        self.assertEqual(len({line.index("[") for line in lines}), 1, lines)

    def test_limits_count_characters(self):
        p = self.plan
        long_title = "ł" * 300   # 600 bytes, 300 characters: allowed
        self.assertEqual(p.show(p.add(long_title))["title"], long_title)
        body = "b" * 65536
        self.assertEqual(len(p.show(p.add("Long caption", "Community", "Proof", "--body", body))["body"]), 65536)

    def test_dates_and_ranges(self):
        p = self.plan
        undated = p.add("Idea")
        nine = p.add("Default time", "Community", "Proof", "--date", "2026-12-01")
        p.add("End of month", "Community", "Proof", "--date", "2026-12-31", "--time", "23:59")
        p.add("Next month", "Community", "Proof", "--date", "2027-01-01", "--time", "00:00")
        p.add("Night before", "Community", "Proof", "--date", "2026-11-30", "--time", "23:59")
        self.assertEqual(p.show(nine)["time"], "09:00")
        self.assertIsNone(p.show(undated)["date"])

        def titles(*args):
            return [x["title"] for x in p.json("post", "list", "--json", *args)]

        self.assertEqual(titles("--from", "2026-12-01", "--to", "2026-12-31"), ["Default time", "End of month"])
        self.assertEqual(titles("--from", "2026-12-31", "--to", "2026-12-31"), ["End of month"])
        self.assertEqual(titles("--from", "2027-01-01"), ["Next month"])
        self.assertEqual(titles("--to", "2026-11-30"), ["Night before"])
        self.assertEqual(titles(), ["Night before", "Default time", "End of month", "Next month", "Idea"])

    def test_plan_time_zone_is_kept_with_the_plan(self):
        # A plan made in New York shows New York times to a reader in Warsaw.
        plan = Plan(tz="America/New_York")
        try:
            plan.run("pillar", "add", "Community")
            post_id = plan.add("Morning post", "Community", "Proof", "--date", "2026-07-01", "--time", "09:00")
            warsaw = dict(plan.env, TZ="Europe/Warsaw")
            shown = plan.json("post", "show", post_id, "--json", env=warsaw)
            self.assertEqual((shown["date"], shown["time"], shown["scheduled_at"]),
                             ("2026-07-01", "09:00", "2026-07-01T13:00:00Z"))
            self.assertEqual([x["title"] for x in plan.json("post", "list", "--json", "--from", "2026-07-01",
                                                            "--to", "2026-07-01", env=warsaw)], ["Morning post"])
            self.assertIn("America/New_York", plan.text("post", "show", post_id, env=warsaw))
        finally:
            plan.close()

    def test_edit_changes_only_given_fields(self):
        p = self.plan
        p.run("pillar", "add", "Stories")
        post_id = p.add("Original", "Community", "Proof", "--date", "2026-12-02", "--time", "08:30",
                        "--platform", "x", "--body", "Keep me", "--goal", "Keep goal", "--stage", "draft")
        before = p.show(post_id)

        def check(after, **expected):
            """Every field but the expected ones is as before."""
            for key, value in before.items():
                if key in ("updated", "history"):
                    continue
                if key == "brief":
                    want = dict(value, **{k: v for k, v in expected.items() if k in value})
                    self.assertEqual(after["brief"], want)
                else:
                    self.assertEqual(after[key], expected.get(key, value), key)
            return after

        self.assertIn("revision 2", p.text("post", "edit", post_id, "--title", "Renamed"))
        before = check(p.show(post_id), title="Renamed", revision=2)

        # The same values again are no change: the revision and the file stay.
        digest = p.digest()
        self.assertIn("No change", p.text("post", "edit", post_id, "--title", "Renamed"))
        self.assertIn("No change", p.text("post", "edit", post_id, "--platform", "X", "--goal", "Keep goal",
                                          "--pillar", "community", "--time", "08:30", "--body", "Keep me"))
        self.assertIn("No change", p.text("post", "edit", post_id))
        self.assertEqual(p.show(post_id), before)
        self.assertEqual(p.digest(), digest)

        p.text("post", "edit", post_id, "--time", "11:15", "--platform", "bluesky", "--platform", "linkedin",
               "--type", "narrative", "--pillar", "Stories")
        before = check(p.show(post_id), time="11:15", scheduled_at="2026-12-02T10:15:00Z",
                       platforms=["linkedin", "bluesky"], type="Narrative", pillar="Stories", revision=3)

        p.text("post", "edit", post_id, "--body", "New words", "--audience", "Founders", "--key-message", "Less chaos",
               "--call-to-action", "Reply", "--hashtags", "#plan", "--owner", "Grace", "--due", "2026-12-01")
        before = check(p.show(post_id), body="New words", audience="Founders", key_message="Less chaos",
                       call_to_action="Reply", hashtags="#plan", owner="Grace", due="2026-12-01", revision=4)

        # Empty values clear: the platforms, the due date.
        p.text("post", "edit", post_id, "--platform", "", "--due", "")
        check(p.show(post_id), platforms=[], due=None, revision=5)

    def test_campaigns(self):
        p = self.plan
        self.assertIn("Added campaign", p.text("campaign", "add", "Launch week", "--from", "2026-12-07",
                                               "--to", "2026-12-13", "--color", "#c01c28"))
        self.assertEqual(p.json("campaign", "list", "--json"),
                         [{"name": "Launch week", "color": "#c01c28", "from": "2026-12-07", "to": "2026-12-13"}])
        self.assertIn("Launch week", p.text("campaign", "list"))
        post_id = p.add("Teaser", "Community", "Proof", "--date", "2026-12-08", "--campaign", "launch week")
        self.assertEqual(p.show(post_id)["campaign"], "Launch week")
        self.assertIn("Launch week", p.text("post", "show", post_id))

        other = p.add("Later")
        p.text("post", "edit", other, "--campaign", "Launch week")
        self.assertEqual((p.show(other)["campaign"], p.show(other)["revision"]), ("Launch week", 2))
        p.text("post", "edit", other, "--campaign", "")
        self.assertEqual((p.show(other)["campaign"], p.show(other)["revision"]), (None, 3))

    def test_move_keeps_local_time_across_dst(self):
        # (zone, from, to, whether the clocks change in between)
        for tz, before, after, crosses in (("Europe/Warsaw", "2026-03-20", "2026-04-02", True),
                                           ("America/New_York", "2026-03-20", "2026-04-02", False),
                                           ("America/New_York", "2026-03-06", "2026-03-09", True),
                                           ("America/New_York", "2026-10-30", "2026-11-02", True),
                                           ("Europe/Warsaw", "2026-10-23", "2026-10-26", True)):
            plan = Plan(tz=tz)
            try:
                plan.run("pillar", "add", "Community")
                post_id = plan.add("Across the change", "Community", "Proof", "--date", before, "--time", "09:00")
                first = plan.show(post_id)
                self.assertIn("Moved", plan.text("post", "move", post_id[:6], "--date", after))
                moved = plan.show(post_id)
                self.assertEqual((moved["date"], moved["time"]), (after, "09:00"), tz)
                # Where the clocks changed in between, the UTC time of day moved by an hour.
                zone = zoneinfo.ZoneInfo(tz)
                for shown, day in ((first, before), (moved, after)):
                    local = datetime.datetime.fromisoformat(day + "T09:00").replace(tzinfo=zone)
                    utc = local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                    self.assertEqual(shown["scheduled_at"], utc, (tz, day))
                self.assertEqual(first["scheduled_at"][11:] != moved["scheduled_at"][11:], crosses, tz)
                self.assertEqual(moved["revision"], 2)

                # An undated idea moved onto a day gets the default time.
                idea = plan.add("Idea")
                plan.text("post", "move", idea, "--date", after)
                self.assertEqual((plan.show(idea)["date"], plan.show(idea)["time"]), (after, "09:00"))
            finally:
                plan.close()

    def test_move_with_time_and_duplicate(self):
        p = self.plan
        post_id = p.add("Teaser", "Community", "Proof", "--date", "2026-12-01", "--time", "09:15",
                        "--platform", "mastodon", "--body", "Same words")
        p.text("post", "move", post_id, "--date", "2026-12-04", "--time", "17:00")
        shown = p.show(post_id)
        self.assertEqual((shown["date"], shown["time"]), ("2026-12-04", "17:00"))

        copy_id = p.text("post", "duplicate", post_id[:8], "--date", "2026-12-11").strip()
        self.assertNotEqual(copy_id, post_id)
        copy = p.show(copy_id)
        self.assertEqual((copy["date"], copy["time"], copy["stage"]), ("2026-12-11", "17:00", "draft"))
        self.assertEqual((copy["title"], copy["body"], copy["platforms"]), ("Teaser", "Same words", ["mastodon"]))

    def test_stage_history_and_delete(self):
        p = self.plan
        post_id = p.add("Needs approval", "Community", "Proof", "--body", "Words to approve")
        keep = p.add("Stays in the plan")
        p.text("post", "stage", post_id, "draft")
        p.text("post", "stage", post_id, "In review", "--comment", "Ready for Legal", "--as", "Grace")
        for item in range(1, 6):
            p.text("post", "check", post_id, str(item))
        p.text("post", "stage", post_id[:5], "approved", "--as", "Łucja Nowak", "--comment", "OK,\nship it")
        shown = p.show(post_id)
        history = [h for h in shown["history"] if h["kind"] not in ("check", "uncheck")]
        self.assertEqual([h["kind"] for h in history], ["stage", "stage", "stage", "approve"])
        self.assertEqual([(h["from"], h["to"]) for h in history],
                         [(None, "brief"), ("brief", "draft"), ("draft", "in-review"), ("in-review", "approved")])
        self.assertEqual((history[2]["actor"], history[2]["comment"]), ("Grace", "Ready for Legal"))
        self.assertEqual((history[3]["actor"], history[3]["comment"]), ("Łucja Nowak", "OK,\nship it"))
        self.assertTrue(history[1]["actor"])
        self.assertIsNone(history[1]["comment"])
        for h in history:
            self.assertRegex(h["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(shown["stage"], "approved")
        # A stage change is not an edit of the content.
        self.assertEqual(shown["revision"], 1)
        self.assertIn("Grace: Ready for Legal", p.text("post", "show", post_id))

        # The same stage again records nothing.
        digest = p.digest()
        self.assertIn("already", p.text("post", "stage", post_id, "approved", "--comment", "again"))
        self.assertEqual(len(p.show(post_id)["history"]), 9)
        self.assertEqual(p.digest(), digest)

        self.assertIn("Deleted", p.text("post", "delete", post_id))
        self.assertEqual([x["id"] for x in p.json("post", "list", "--json")], [keep])
        self.assertNotIn("Needs approval", p.text("post", "list"))
        self.assertEqual(p.run("post", "show", post_id, check=False).returncode, 1)
        self.assertEqual({x["name"]: x["posts"] for x in p.json("pillar", "list", "--json")}, {"Community": 1})

    def test_pillars(self):
        p = self.plan
        self.assertIn("#3584e4", p.text("pillar", "add", "Product education", "--color", "#3584e4"))
        p.text("pillar", "add", "Stories", "--target", "12.5%")
        p.text("pillar", "add", "Zażółć")
        p.add("One", "Product education", "Educational")
        p.add("Two", "product EDUCATION", "Educational")
        pillars = p.json("pillar", "list", "--json")
        self.assertEqual([x["name"] for x in pillars], ["Community", "Product education", "Stories", "Zażółć"])
        by_name = {x["name"]: x for x in pillars}
        self.assertEqual((by_name["Community"]["color"], by_name["Community"]["target"]), ("#9141ac", 15))
        self.assertEqual(by_name["Stories"]["target"], 12.5)
        self.assertIsNone(by_name["Zażółć"]["target"])
        self.assertEqual((by_name["Product education"]["posts"], by_name["Community"]["posts"]), (2, 0))
        # Pillars without a colour get distinct ones from the palette.
        colours = [x["color"] for x in pillars]
        for colour in colours:
            self.assertRegex(colour, r"^#[0-9a-fA-F]{6}$")
        self.assertEqual(len({c.lower() for c in colours}), 4)

        lines = p.text("pillar", "list").splitlines()
        self.assertEqual(len(lines), 4)
        self.assertIn("2 posts", lines[1])
        self.assertEqual(len({line.index("#") for line in lines}), 1, lines)

    # ---- import and demo ----

    def test_import_csv(self):
        p = self.plan
        path = p.file("plan.csv",
                      "Title,Body,Date,Time,Pillar,Type,Platform,Stage\r\n"
                      '"Quote, comma","Line one\nLine ""two""",2026-12-01,10:30,Community,Proof,"Mastodon;LinkedIn",draft\r\n'
                      "Brand new pillar,,,,Stories,narrative,,\r\n"
                      '"She said ""hi""","a,b,c",2026-12-02,,community,Educational,x,in-review\r\n'
                      "Summer time,,2026-07-01,09:00,Community,Community,,draft\r\n")
        # "Stories" is new: created on request (see cli_csv.py).
        self.assertEqual(p.text("import", "csv", "--create-missing", path),
                         "Imported 4 posts\nCreated pillar “Stories” (row 3)\n")
        posts = p.json("post", "list", "--json")
        self.assertEqual([x["title"] for x in posts],
                         ["Summer time", "Quote, comma", 'She said "hi"', "Brand new pillar"])
        summer, quoted, said, new = posts
        self.assertEqual(quoted["body"], 'Line one\nLine "two"')
        self.assertEqual(quoted["platforms"], ["linkedin", "mastodon"])
        self.assertEqual((quoted["stage"], quoted["date"], quoted["time"]), ("draft", "2026-12-01", "10:30"))
        self.assertEqual((said["body"], said["time"], said["stage"], said["type"]),
                         ("a,b,c", "09:00", "in-review", "Educational"))
        # Summer time in Warsaw is UTC+2.
        self.assertEqual(summer["scheduled_at"], "2026-07-01T07:00:00Z")
        self.assertEqual((new["pillar"], new["date"], new["stage"]), ("Stories", None, "brief"))
        self.assertEqual([x["name"] for x in p.json("pillar", "list", "--json")], ["Community", "Stories"])

    def test_import_ten_thousand_rows(self):
        p = self.plan
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["title", "body", "date", "time", "pillar", "type", "platform", "stage"])
        types = ["Educational", "Narrative", "Proof", "Community", "Promotional"]
        for i in range(10000):
            w.writerow([f"Post {i}", "A caption, with a comma", f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        f"{8 + i % 10:02d}:{(i * 7) % 60:02d}", f"Pillar {i % 4}", types[i % 5],
                        "linkedin;mastodon", "draft"])
        path = p.file("big.csv", buf.getvalue())
        start = time.monotonic()
        out = p.text("import", "csv", "--create-missing", path)
        elapsed = time.monotonic() - start
        print(f"\n  10,000 rows imported in {elapsed:.3f} s (process start to exit)", file=sys.stderr)
        self.assertTrue(out.startswith("Imported 10000 posts\n"), out)
        # How fast is measured by bench/lineup-bench-store (bulk insert through
        # the store, beside bare SQLite in the same run), not asserted here: a
        # time limit failed on a loaded machine and under the sanitizers.
        self.assertEqual(len(p.ids()), 10000)
        self.assertEqual(len(p.json("post", "list", "--json", "--from", "2027-01-01", "--to", "2027-01-31")),
                         sum(1 for i in range(10000) if i % 12 == 0))

    def test_demo(self):
        p = self.plan
        out = p.text("demo", "--month", "2026-12")
        posts = p.json("post", "list", "--json")
        dated = [x for x in posts if x["date"]]
        undated = [x for x in posts if not x["date"]]
        self.assertIn(f"{len(posts)} posts ({len(dated)} dated, {len(undated)} undated briefs) in 4 pillars", out)
        self.assertTrue(20 <= len(dated) <= 30, len(dated))
        self.assertTrue(all(x["date"].startswith("2026-12-") for x in dated))
        self.assertTrue(2 <= len(undated) <= 6, len(undated))
        self.assertEqual({x["stage"] for x in undated}, {"brief"})
        self.assertEqual({x["stage"] for x in posts},
                         {"brief", "draft", "in-review", "approved", "scheduled", "published"})
        self.assertEqual({x["type"] for x in posts},
                         {"Educational", "Narrative", "Proof", "Community", "Promotional"})
        self.assertEqual(len({x["pillar"] for x in posts}), 4)
        self.assertGreater(len({k for x in posts for k in x["platforms"]}), 5)

    def test_demo_defaults_to_this_month_in_the_plan_zone(self):
        p = self.plan
        p.text("demo")
        today = datetime.datetime.now(zoneinfo.ZoneInfo(p.env.get("TZ", "Europe/Warsaw")))
        months = {x["date"][:7] for x in p.json("post", "list", "--json") if x["date"]}
        self.assertEqual(months, {today.strftime("%Y-%m")})


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
