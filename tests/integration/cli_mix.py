"""`lineup mix` and `lineup targets`: the month's split against its targets,
as text and JSON, and every bad argument refused before the plan is read."""

import unittest

from lineup_cli import Plan


class Mix(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        p.run("pillar", "add", "Education", "--target", "60")
        for i, type_ in enumerate(["Educational", "Educational", "Narrative", "Proof", "Promotional", "Promotional"]):
            p.add(f"Post {i}", "Education", type_, "--date", f"2026-12-{7 + i:02d}", "--time", "10:00",
                  "--platform", "linkedin", "--stage", "draft")
        # Not counted: a brief, and a post in January.
        p.add("Idea", "Education", "Community", "--date", "2026-12-20", "--stage", "brief")
        p.add("Next year", "Education", "Community", "--date", "2027-01-01", "--time", "00:30", "--stage", "draft")

    def tearDown(self):
        self.plan.close()

    def test_json(self):
        mix = self.plan.json("mix", "--month", "2026-12", "--json")
        self.assertEqual((mix["from"], mix["to"], mix["total"]), ("2026-12-01", "2026-12-31", 6))
        types = {t["name"]: t for t in mix["types"]}
        self.assertEqual(types["Educational"]["count"], 2)
        self.assertEqual(types["Educational"]["share"], 33.3)
        self.assertEqual((types["Educational"]["target_min"], types["Educational"]["target_max"]), (40, 50))
        self.assertEqual(types["Educational"]["state"], "under")
        self.assertEqual(types["Promotional"]["state"], "over")
        self.assertEqual(types["Community"]["state"], "under")
        self.assertEqual(mix["pillars"][0]["state"], "over")
        self.assertIn("Add 1 Educational post (week of 1 Dec has none)", mix["suggestions"])
        self.assertIn("Promotional is 33 % (max 10 %): change the type of 2 posts or add 14 others",
                      mix["suggestions"])
        self.assertEqual([w["start"] for w in mix["weeks"]][:2], ["2026-11-30", "2026-12-07"])
        self.assertEqual(mix["weeks"][1]["types"]["Educational"], 2)
        self.assertEqual(mix["cadence"][0]["platform"], "linkedin")
        self.assertEqual(mix["cadence"][0]["weeks"][1], 6)
        self.assertIn("LinkedIn: 0 to 6 posts a week (target 2–3)", mix["flags"])
        self.assertTrue(0 <= mix["score"] < 100)

        self.assertEqual(self.plan.json("mix", "--from", "2026-12-01", "--to", "2027-01-01", "--json")["total"], 7)
        self.assertEqual(self.plan.json("mix", "--month", "2026-12", "--platform", "x", "--json")["total"], 0)

    def test_text_and_targets(self):
        p = self.plan
        text = p.text("mix", "--month", "2026-12")
        self.assertIn("6 counted · 1 brief not counted, balance", text)
        self.assertIn("Educational  2", text)
        self.assertIn("What to change:", text)
        self.assertIn("Promotional: 0–40 % of the month", p.text("targets", "set", "promotional", "0", "40"))
        self.assertEqual(p.json("mix", "--month", "2026-12", "--json")["types"][4]["state"], "within")
        targets = p.json("targets", "list", "--json")
        self.assertEqual(targets["types"][4], {"name": "Promotional", "min": 0, "max": 40})
        self.assertEqual(targets["pillars"][0], {"name": "Education", "target": 60})

    def test_not_counted_named(self):
        """The brief the calendar shows is said where the total is, and the
        advice names it as what would close the Community gap."""
        p = self.plan
        mix = p.json("mix", "--month", "2026-12", "--json")
        self.assertEqual((mix["total"], mix["not_counted"], mix["not_counted_stages"]), (6, 1, {"brief": 1}))
        self.assertEqual(mix["counted_text"], "6 counted · 1 brief not counted")
        community = next(a for a in mix["advice"] if a["text"].startswith("Add 1 Community post"))
        self.assertEqual(community["kind"], "add-type")
        self.assertEqual(community["detail"], "1 Community brief in this range: move it on (“Idea”)")
        self.assertEqual([(b["title"], b["stage"]) for b in community["not_counted"]], [("Idea", "brief")])
        educational = next(a for a in mix["advice"] if a["text"].startswith("Add 1 Educational post"))
        self.assertIsNone(educational["detail"])
        text = p.text("mix", "--month", "2026-12")
        self.assertIn("  - Add 1 Community post (week of 1 Dec has none)\n"
                      "    1 Community brief in this range: move it on (“Idea”)\n", text)

        # On the brief's own week the advice says so, and so does the rule of thumb.
        p.add("Explainer", "Education", "Educational", "--date", "2026-12-21", "--stage", "brief")
        p.add("Story", "Education", "Narrative", "--date", "2026-12-22", "--time", "09:00", "--stage", "draft")
        mix = p.json("mix", "--month", "2026-12", "--json")
        self.assertEqual(mix["counted_text"], "7 counted · 2 briefs not counted")
        self.assertIn("Week of 21 Dec has no Educational post; 1 Educational brief on that week: "
                      "move it on (“Explainer”)", mix["flags"])

    def test_partial_week_not_to_fill(self):
        """January 2027 starts on a Friday: 1–3 January (three days of the
        week from Monday 28 December) is not a week to fill."""
        mix = self.plan.json("mix", "--month", "2027-01", "--json")
        self.assertEqual([w["to_fill"] for w in mix["weeks"]], [False, True, True, True, True])
        self.assertIn("Add 1 Educational post (week of 4 Jan has none)", mix["suggestions"])
        self.assertFalse([s for s in mix["suggestions"] if "1 Jan" in s], mix["suggestions"])
        self.assertFalse([f for f in mix["flags"] if f.startswith("Week of 28 Dec")], mix["flags"])

    def test_pillar_targets_sum(self):
        """Targets that do not add up to 100 % are said where they are listed."""
        p = self.plan
        warning = "Pillar targets add up to 60 %, not 100 %: raise some by 40 points in all"
        self.assertIn(warning, p.text("targets", "list"))
        self.assertIn(warning, p.text("mix", "--month", "2026-12"))
        targets = p.json("targets", "list", "--json")
        self.assertEqual((targets["pillar_targets_sum"], targets["pillar_targets_warning"]), (60, warning))
        p.run("pillar", "add", "Stories", "--target", "40")
        self.assertNotIn("Pillar targets add up", p.text("targets", "list"))
        self.assertNotIn("Pillar targets add up", p.text("mix", "--month", "2026-12"))
        targets = p.json("targets", "list", "--json")
        self.assertEqual((targets["pillar_targets_sum"], targets["pillar_targets_warning"]), (100, None))

    def test_bad_arguments(self):
        p = self.plan
        for args, words in (
            (["mix", "--month", "2026-13"], "is not a month"),
            (["mix", "--month", "2026-12", "--from", "2026-12-01"], "not both"),
            (["mix", "--from", "2026-12-01"], "go together"),
            (["mix", "--from", "2026-12-09", "--to", "2026-12-01"], "is after"),
            (["mix", "--platform", "myspace"], "is not a platform"),
            (["targets", "set", "Educational", "60", "40"], "not a range"),
            (["targets", "set", "Educational", "x", "40"], "not a range"),
        ):
            digest = p.digest()
            out = p.run(*args, check=False)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn(words, out.stderr.decode(), args)
            self.assertEqual(p.digest(), digest)
        out = p.run("targets", "set", "Nonsense", "1", "2", check=False)
        self.assertEqual(out.returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
