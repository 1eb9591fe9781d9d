"""Best times (issue 17), by the command line: `lineup results times
[--platform NAME] [--json]` places each post's results in the plan's week
by the hour it went out in the plan's time zone (Asia/Tokyo here, where
09:00 and 10:00 are 00:00 and 01:00 UTC), indexes them against the usual
of each network and names the best slots, saying "too few to tell" without
five posts behind a slot.

Hand-computed: Mastodon posts, five on Tuesdays at 10:00 of 30 likes and
five on Thursdays at 13:00 of 10 → Mastodon's usual is (10 + 30) / 2 = 20,
Tuesday 10:00 1.5×, Thursday 13:00 0.5×. One LinkedIn post on a Monday at
09:00 of 1000 is 1.0× LinkedIn's usual (itself) and changes nothing on
Mastodon."""

import datetime
import unittest

from lineup_cli import Plan


def weekdays_before(weekday, count):
    """The last @count dates of @weekday (0 = Monday), two days ago or earlier."""
    day = datetime.date.today() - datetime.timedelta(days=2)
    day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    return [day - datetime.timedelta(days=7 * k) for k in range(count)]


class Times(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Asia/Tokyo")
        self.addCleanup(self.plan.close)
        p = self.plan
        p.run("pillar", "add", "Community")
        rows = ["post,date,reactions"]
        for i, day in enumerate(weekdays_before(1, 5)):
            post = p.add(f"Tue {i}", "Community", "Proof", "--date", str(day), "--time", "10:00",
                         "--platform", "mastodon")
            rows.append(f"{post},{datetime.date.today()},30")
        for i, day in enumerate(weekdays_before(3, 5)):
            post = p.add(f"Thu {i}", "Community", "Proof", "--date", str(day), "--time", "13:30",
                         "--platform", "mastodon")
            rows.append(f"{post},{datetime.date.today()},10")
        post = p.add("Mon", "Community", "Proof", "--date", str(weekdays_before(0, 1)[0]), "--time", "09:00",
                     "--platform", "linkedin")
        rows.append(f"{post},{datetime.date.today()},1000")
        p.run("results", "import", p.file("numbers.csv", "\n".join(rows) + "\n"))

    def test_mastodon(self):
        data = self.plan.json("results", "times", "--platform", "Mastodon", "--json")
        self.assertEqual(data["platform"], "mastodon")
        self.assertEqual(data["posts"], 10)
        self.assertEqual([(c["weekday"], c["hour"], c["posts"], c["median"], c["index"]) for c in data["cells"]],
                         [("Tuesday", 10, 5, 30, 1.5), ("Thursday", 13, 5, 10, 0.5)])
        self.assertEqual([(b["weekday"], b["hour"], b["posts"], b["index"]) for b in data["best"]],
                         [("Tuesday", 10, 5, 1.5)])
        text = self.plan.text("results", "times", "--platform", "mastodon")
        self.assertIn("Best for Mastodon: Tue 10:00 (1.5×, 5 posts)", text)
        self.assertIn("Asia/Tokyo", text)
        # The grid: hours 10 to 13, Tuesday above usual at 10, Thursday below at 13.
        lines = text.splitlines()
        self.assertEqual(lines[1].split(), ["10", "11", "12", "13"])
        self.assertEqual(lines[3].split(), ["Tue", "+", "·", "·", "·"])
        self.assertEqual(lines[5].split(), ["Thu", "·", "·", "·", "-"])

    def test_all_and_too_few(self):
        data = self.plan.json("results", "times", "--json")
        self.assertIsNone(data["platform"])
        self.assertEqual(data["posts"], 11)
        self.assertIn(("Monday", 9, 1, 1000, 1.0),
                      [(c["weekday"], c["hour"], c["posts"], c["median"], c["index"]) for c in data["cells"]])
        self.assertEqual([(b["weekday"], b["hour"]) for b in data["best"]], [("Tuesday", 10)])
        self.assertIn("Best for all networks: Tue 10:00 (1.5×, 5 posts)", self.plan.text("results", "times"))
        text = self.plan.text("results", "times", "--platform", "linkedin")
        self.assertIn("Best for LinkedIn: too few to tell", text)
        self.assertEqual(self.plan.json("results", "times", "--platform", "x", "--json")["posts"], 0)
        self.assertIn("No results yet for X", self.plan.text("results", "times", "--platform", "x"))

    def test_refusals(self):
        out = self.plan.run("results", "times", "--platform", "myspace", check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("myspace", out.stderr.decode())


if __name__ == "__main__":
    unittest.main()
