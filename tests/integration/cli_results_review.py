"""`lineup results review` (issue 17's weekly review), by the command line:
a named week's posts with their results, best first, the best and worst
three, the week before's posts and median and each pillar's change, in
text and JSON; a day that is not a date is refused. The numbers are
hand-computed in tests/core/test-results-review.c; here the wiring."""

import unittest

from lineup_cli import Plan


class Review(unittest.TestCase):
    def setUp(self):
        self.plan = p = Plan(tz="UTC")
        self.addCleanup(p.close)
        for pillar in ("Proof", "Tips"):
            p.run("pillar", "add", pillar)
        rows = ["post,date,reactions,comments"]
        # The week before (from Monday 23 November 2026): Proof 20, Tips 10.
        # The week of 30 November: Proof 60, 40, 16 and Tips 8, 12 (likes);
        # baseline 8 10 12 16 20 40 60 → 16.
        for title, pillar, date, likes in (("P0", "Proof", "2026-11-24", 20), ("T0", "Tips", "2026-11-25", 10),
                                           ("P1", "Proof", "2026-11-30", 40), ("P2", "Proof", "2026-12-01", 16),
                                           ("T1", "Tips", "2026-12-02", 8), ("T2", "Tips", "2026-12-03", 12),
                                           ("P3", "Proof", "2026-12-06", 60)):
            post = p.add(title, pillar, "Proof", "--date", date, "--platform", "linkedin")
            rows.append(f"{post},2026-12-07,{likes},")
        p.add("Unread", "Tips", "Proof", "--date", "2026-12-02", "--platform", "linkedin")
        p.run("results", "import", p.file("numbers.csv", "\n".join(rows) + "\n"))

    def test_review(self):
        r = self.plan.json("results", "review", "--week", "2026-12-02", "--json")
        self.assertEqual(r["week"], "2026-11-30")
        self.assertEqual(r["baseline"], 16)
        self.assertEqual([(x["title"], x["engagement"], x["index"]) for x in r["posts"]],
                         [("P3", 60, 3.75), ("P1", 40, 2.5), ("P2", 16, 1.0), ("T2", 12, 0.75), ("T1", 8, 0.5)])
        titles = {x["id"]: x["title"] for x in r["posts"]}
        self.assertEqual([titles[i] for i in r["best"]], ["P3", "P1", "P2"])
        self.assertEqual([titles[i] for i in r["worst"]], ["T1", "T2"])
        self.assertEqual((r["median"], r["posts_before"], r["median_before"]), (16, 2, 15))
        self.assertEqual([(x["pillar"], x["index"], x["index_before"], x["delta"]) for x in r["pillars"]],
                         [("Proof", 2.5, 1.25, 1.25), ("Tips", 0.625, 0.625, 0)])
        text = self.plan.text("results", "review", "--week", "2026-11-30")
        self.assertIn("Week of Monday 30 November 2026 to Sunday 6 December", text)
        self.assertIn("Usual engagement (median of the 90 days to its end): 16.0", text)
        self.assertIn("5 posts with results, median engagement 16.0", text)
        self.assertIn("The week before: 2 posts, median engagement 15.0", text)
        best = text.index("Best:")
        self.assertLess(best, text.index("P3"))
        self.assertIn("×3.75", text)
        self.assertRegex(text, r"Proof\s+×2\.50\s+×1\.25\s+\+1\.25")

    def test_refusals(self):
        out = self.plan.run("results", "review", "--week", "last", check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--week", out.stderr.decode())
        empty = self.plan.json("results", "review", "--week", "2020-01-01", "--json")
        self.assertEqual((empty["posts"], empty["best"], empty["median"]), ([], [], None))


if __name__ == "__main__":
    unittest.main()
