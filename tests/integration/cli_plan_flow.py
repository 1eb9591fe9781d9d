"""Issue 18's whole flow by the command line, on an empty month: Plan This
Month (`plan month --yes`) in the networks' slots, two briefs adjusted, the
gaps filled with an evergreen post (`evergreen fill --yes`), a weekly series
added (`post repeat`), and the Mix, counting briefs too (`targets count`),
reads 90 or more for the month. The heavy tier: on the standard one, four
posts of one pillar and type added after a month planned to its targets
take the score to about 77–90, and the Mix says what to change."""

import datetime
import unittest

from lineup_cli import Plan


class PlanFlow(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        for name, target in (("Product education", "40"), ("Customer stories", "25"),
                             ("Behind the scenes", "20"), ("Community", "15")):
            p.run("pillar", "add", name, "--target", target)
        p.run("slots", "set", "linkedin", "tue@09:00", "thu@12:30")
        p.run("slots", "set", "instagram", "mon@18:00", "wed@18:00", "fri@18:00")
        # Next month: empty, and within the series' 8-week horizon.
        today = datetime.date.today()
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        self.month, self.first, self.last = first.strftime("%Y-%m"), first, last

    def tearDown(self):
        self.plan.close()

    def in_month(self):
        return self.plan.json("post", "list", "--from", self.first.isoformat(), "--to", self.last.isoformat(), "--json")

    def test_a_month_in_minutes(self):
        p = self.plan
        self.assertEqual(self.in_month(), [])
        out = p.text("plan", "month", self.month, "--tier", "heavy", "--yes")
        briefs = self.in_month()
        self.assertGreaterEqual(len(briefs), 16, out)
        self.assertTrue(all(b["stage"] == "brief" for b in briefs))

        # The lead adjusts two briefs: a title, and a day.
        p.run("post", "edit", briefs[0]["id"], "--title", "Cold brew at home, step by step")
        moved_to = (self.first + datetime.timedelta(days=2)).isoformat()
        p.run("post", "move", briefs[1]["id"], "--date", moved_to)
        self.assertEqual(p.show(briefs[0]["id"])["title"], "Cold brew at home, step by step")
        self.assertEqual(p.show(briefs[1]["id"])["date"], moved_to)

        # A published post comes back in the month's gaps as Draft copies.
        old = p.add("5 brewing mistakes", "Product education", "Educational", "--body", "Five mistakes",
                    "--platform", "mastodon", "--date", "2026-01-12", "--time", "10:00")
        p.force_stage(old, "published")
        p.run("evergreen", "add", old)
        p.run("evergreen", "fill", "--month", self.month, "--yes")
        copies = [x for x in self.in_month() if x["title"] == "5 brewing mistakes"]
        self.assertGreaterEqual(len(copies), 1)
        self.assertTrue(all(c["stage"] == "draft" for c in copies))

        # A weekly series from the month's first Tuesday, four times.
        tuesday = self.first + datetime.timedelta(days=(1 - self.first.weekday()) % 7)
        tip = p.add("Weekly tip", "Customer stories", "Narrative", "--body", "One customer story a week", "--platform", "mastodon",
                    "--date", tuesday.isoformat(), "--time", "11:00")
        p.run("post", "repeat", tip, "--every", "week", "--count", "4")
        tips = [x for x in self.in_month() if x["title"] == "Weekly tip"]
        self.assertEqual(len(tips), 4, tips)

        # The Mix, counting briefs as the plan's lead counts them now.
        p.run("targets", "count", "brief", "draft", "in-review", "approved", "scheduled", "published")
        mix = p.json("mix", "--month", self.month, "--json")
        self.assertEqual(mix["total"], len(self.in_month()))
        self.assertGreaterEqual(mix["score"], 90, mix)
        print(f"{self.month}: {mix['total']} posts, score {mix['score']}")


if __name__ == "__main__":
    unittest.main()
