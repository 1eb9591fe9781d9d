"""`lineup pillar rename|set|remove` and `lineup campaign edit|remove`: each
change done whole (its posts re-tagged), every refusal with the name meant
and the plan's file left as it was; the demo publishes only what is past."""

import datetime
import unittest

from lineup_cli import Plan


class Catalog(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        p = self.plan
        p.run("pillar", "add", "Brew guides", "--target", "40")
        p.run("pillar", "add", "Café community", "--target", "30", "--color", "#9141ac")
        p.run("campaign", "add", "Spring launch", "--from", "2026-03-01", "--to", "2026-03-31")
        p.run("campaign", "add", "Summer", "--from", "2026-06-01", "--to", "2026-06-30")
        self.a = p.add("V60 in five steps", "Brew guides", "Educational", "--campaign", "Spring launch")
        self.b = p.add("Cupping night", "Brew guides", "Community")

    def tearDown(self):
        self.plan.close()

    def pillars(self):
        return {x["name"]: x for x in self.plan.json("pillar", "list", "--json")}

    def campaigns(self):
        return {x["name"]: x for x in self.plan.json("campaign", "list", "--json")}

    def refused(self, *args, status=1):
        """The command fails with @status, says why, and leaves the file alone."""
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        self.assertEqual(out.returncode, status, out.stderr)
        self.assertEqual(self.plan.digest(), before)
        return out.stderr.decode("utf-8")

    def test_pillar_rename(self):
        p = self.plan
        self.assertIn("Renamed pillar “Brew guides” to “Brewing” (2 posts)", p.text("pillar", "rename", "brew guides", "Brewing"))
        self.assertEqual(p.show(self.a)["pillar"], "Brewing")
        self.assertEqual(p.show(self.b)["pillar"], "Brewing")
        self.assertEqual(self.pillars()["Brewing"]["target"], 40)
        self.assertNotIn("Brew guides", self.pillars())

        # A typo names the pillar meant; a taken name is refused.
        err = self.refused("pillar", "rename", "Cafe community", "Regulars")
        self.assertIn("did you mean “Café community”", err)
        err = self.refused("pillar", "rename", "Brewing", "CAFÉ COMMUNITY")
        self.assertIn("already a pillar called", err)
        self.assertIn("empty", self.refused("pillar", "rename", "Brewing", ""))

    def test_pillar_set(self):
        p = self.plan
        text = p.text("pillar", "set", "Brew guides", "--color", "#2ec27e", "--target", "50%")
        self.assertIn("Pillar “Brew guides”: #2ec27e, target 50 %", text)
        # 50 + 30 is not 100: said where the target is set.
        self.assertIn("Pillar targets add up to 80 %", text)
        self.assertEqual((self.pillars()["Brew guides"]["color"], self.pillars()["Brew guides"]["target"]),
                         ("#2ec27e", 50))
        text = p.text("pillar", "set", "Brew guides", "--target", "70")
        self.assertNotIn("add up to", text)
        p.run("pillar", "set", "Brew guides", "--no-target")
        self.assertIsNone(self.pillars()["Brew guides"]["target"])

        self.assertIn("not a colour", self.refused("pillar", "set", "Brew guides", "--color", "brown", status=2))
        self.assertIn("not a share", self.refused("pillar", "set", "Brew guides", "--target", "120", status=2))
        self.assertIn("nothing to change", self.refused("pillar", "set", "Brew guides", status=2))
        self.refused("pillar", "set", "Brew guides", "--target", "5", "--no-target", status=2)
        self.assertIn("did you mean “Brew guides”", self.refused("pillar", "set", "Brew guide", "--target", "5"))

    def test_pillar_remove(self):
        p = self.plan
        err = self.refused("pillar", "remove", "Brew guides")
        self.assertIn("used by 2 posts", err)
        self.assertIn('lineup pillar remove "Brew guides" --move-to OTHER', err)
        self.assertIn("did you mean", self.refused("pillar", "remove", "Brew guides", "--move-to", "Cafe communty"))
        self.refused("pillar", "remove", "Brew guides", "--move-to", "Brew guides")

        text = p.text("pillar", "remove", "Brew guides", "--move-to", "café community")
        self.assertIn("Removed pillar “Brew guides”; its 2 posts moved to “Café community”", text)
        self.assertEqual(p.show(self.a)["pillar"], "Café community")
        self.assertEqual(list(self.pillars()), ["Café community"])
        self.assertEqual(self.pillars()["Café community"]["posts"], 2)
        # An unused pillar goes at once.
        p.run("pillar", "add", "Spare")
        self.assertIn("Removed pillar “Spare”", p.text("pillar", "remove", "Spare"))
        self.assertEqual(p.integrity(), "ok")

    def test_campaign_edit_remove(self):
        p = self.plan
        text = p.text("campaign", "edit", "spring launch", "--rename", "Spring sale", "--from", "2026-03-05",
                      "--color", "#c01c28")
        self.assertIn("Campaign “Spring sale”: 2026-03-05 to 2026-03-31, #c01c28", text)
        self.assertEqual(p.show(self.a)["campaign"], "Spring sale")
        c = self.campaigns()["Spring sale"]
        self.assertEqual((c["from"], c["to"], c["color"]), ("2026-03-05", "2026-03-31", "#c01c28"))

        err = self.refused("campaign", "edit", "Spring sale", "--to", "2026-03-01")
        self.assertIn("after it ends on 2026-03-01", err)
        self.assertIn("already a campaign called", self.refused("campaign", "edit", "Spring sale", "--rename", "summer"))
        self.assertIn("did you mean “Spring sale”", self.refused("campaign", "edit", "Sprng sale", "--to", "2026-04-01"))
        self.refused("campaign", "edit", "Spring sale", "--color", "#12", status=2)
        self.refused("campaign", "edit", "Spring sale", "--from", "2026-02-30", status=2)
        self.refused("campaign", "edit", "Spring sale", status=2)

        text = p.text("campaign", "remove", "Spring sale")
        self.assertIn("Removed campaign “Spring sale”; its 1 post stays, in no campaign", text)
        self.assertIsNone(p.show(self.a).get("campaign"))
        self.assertEqual(list(self.campaigns()), ["Summer"])
        self.assertIn("did you mean “Summer”", self.refused("campaign", "remove", "Sumer"))


class Demo(unittest.TestCase):
    def test_published_only_in_the_past(self):
        plan = Plan()
        try:
            today = datetime.date.today()
            month = today.strftime("%Y-%m")
            plan.run("demo", "--month", month)
            now = datetime.datetime.now(datetime.timezone.utc).timestamp()
            rows = plan.sql("SELECT title, stage, slot FROM posts WHERE deleted_at IS NULL")
            published = [r for r in rows if r[1] == 5]
            scheduled = [r for r in rows if r[1] == 4]
            for title, _, slot in published:
                self.assertLessEqual(slot, now, f"“{title}” is published but dated after now")
            for title, _, slot in scheduled:
                self.assertGreater(slot, now, f"“{title}” is scheduled for a time already past")
        finally:
            plan.close()


if __name__ == "__main__":
    unittest.main()
