"""The plan's engagement weights and the Mix's suggestions from results
(issue 17's "Feeding the plan"), by the command line: `lineup results
weights` shows and changes the weights, and the report's numbers follow
them; refusals leave the plan byte for byte; `lineup mix` (text and
--json) suggests moving a target when a pillar does clearly better or
worse than usual on a network over enough posts, and nothing with too few,
without changing a target. Two copies of a shared plan (Radicale on
127.0.0.1): weights set on one are on the other after a sync on both."""

import datetime
import unittest

from dav_servers import Radicale
import lineup_cli
from lineup_cli import Member, Plan

PASSWORDS = lineup_cli.SHARE_PASSWORDS
DEFAULTS = {"likes": 1, "clicks": 2, "replies": 3, "reposts": 3, "quotes": 3, "saves": 3}


class WeightsAndSuggestions(unittest.TestCase):
    """Hand-computed, LinkedIn, the last 90 days, likes 1 and replies 3:
    Proof (target 15) 5 posts of 20 likes → 20; Tips (40) 5 posts of 1 like
    and 3 comments → 10; Other (45) 5 posts of 5 likes → 5; Rare (10) 4
    posts of 100 likes. Baseline: median of the 19 = 10. Proof ×2.0 →
    raise to 20 %; Other ×0.5 → lower to 40 %; Tips ×1.0; Rare too few."""

    def setUp(self):
        self.plan = Plan(tz="UTC")
        self.addCleanup(self.plan.close)
        p = self.plan
        for pillar, target in (("Proof", 15), ("Tips", 40), ("Other", 45), ("Rare", 10)):
            p.run("pillar", "add", pillar, "--target", str(target))
        today = datetime.date.today()
        self.first, self.fifth = ["post,date,reactions,comments"], ["post,date,reactions,comments"]
        for i in range(5):
            rows = self.first if i < 4 else self.fifth
            for pillar, days, likes, comments in (("Proof", 1, 20, ""), ("Tips", 10, 1, 3), ("Other", 20, 5, "")):
                post = p.add(f"{pillar} {i}", pillar, "Proof", "--date", str(today - datetime.timedelta(days=days + i)),
                             "--platform", "linkedin")
                rows.append(f"{post},{today},{likes},{comments}")
            if i < 4:
                post = p.add(f"Rare {i}", "Rare", "Proof", "--date", str(today - datetime.timedelta(days=30 + i)),
                             "--platform", "linkedin")
                rows.append(f"{post},{today},100,")

    def import_all(self):
        p = self.plan
        p.run("results", "import", p.file("first.csv", "\n".join(self.first) + "\n"))
        p.run("results", "import", p.file("fifth.csv", "\n".join(self.fifth) + "\n"))

    def test_weights_change_the_report(self):
        p = self.plan
        self.import_all()
        shown = p.json("results", "weights", "--json")
        self.assertEqual({k: shown[k] for k in DEFAULTS}, DEFAULTS)
        self.assertTrue(shown["default"])
        self.assertEqual(p.json("results", "--json")["baseline"], 10)

        # Comments weigh nothing: Tips posts are 1 each; the 19 are 5×1,
        # 5×5, 5×20, 4×100 → baseline 5, Tips median 1, index 0.2.
        text = p.text("results", "weights", "--replies", "0")
        self.assertIn("replies  0", text)
        report = p.json("results", "--json")
        self.assertEqual(report["baseline"], 5)
        tips = [g for g in report["groups"] if g["group"] == "Tips"][0]
        self.assertEqual((tips["median"], tips["index"]), (1, 0.2))
        self.assertEqual([r["engagement"] for r in p.json("results", "export", "--format", "json")
                          if r["replies"] == 3], [1] * 5)

        before = p.digest()
        for args, status in ((("--likes", "many"), 2), (("--saves", "101"), 2), (("--clicks", "-1"), 2),
                             (("--likes", "2", "--reset"), 2),
                             (("--likes", "0", "--clicks", "0", "--reposts", "0", "--quotes", "0", "--saves", "0"), 1)):
            out = p.run("results", "weights", *args, check=False)
            self.assertEqual(out.returncode, status, args)
            self.assertTrue(out.stderr.decode().strip(), args)
        self.assertEqual(p.digest(), before)

        p.run("results", "weights", "--reset")
        self.assertTrue(p.json("results", "weights", "--json")["default"])
        self.assertEqual(p.json("results", "--json")["baseline"], 10)

    def test_suggestions_with_enough_results(self):
        p = self.plan
        p.run("results", "import", p.file("first.csv", "\n".join(self.first) + "\n"))
        # Four posts each: too few to tell, nothing suggested.
        self.assertEqual(p.json("mix", "--json")["results"], [])
        self.assertNotIn("your usual", p.text("mix"))

        p.run("results", "import", p.file("fifth.csv", "\n".join(self.fifth) + "\n"))
        mix = p.json("mix", "--json")
        self.assertEqual([(s.get("pillar"), s["platform"], s["posts"], s["index"], s["change"], s["target_max"],
                           s["suggested_max"]) for s in mix["results"]],
                         [("Other", "linkedin", 5, 0.5, "lower", 45, 40),
                          ("Proof", "linkedin", 5, 2.0, "raise", 15, 20)])
        proof = "Proof posts do 2.0× your usual on LinkedIn over 5 posts: consider raising Proof to 20 %"
        self.assertEqual(mix["results"][1]["text"], proof)
        text = p.text("mix")
        self.assertIn(proof, text)
        self.assertIn("lineup pillar set Proof --target 20", text)
        self.assertNotIn("Rare posts", text)
        self.assertIn("Proof (pillar): 15 %", p.text("targets", "list"))
        # Only LinkedIn has results: on Mastodon nothing.
        self.assertEqual(p.json("mix", "--platform", "mastodon", "--json")["results"], [])


class SharedWeights(unittest.TestCase):
    def test_weights_travel(self):
        server = Radicale(users=PASSWORDS, rights=Radicale.approvals_rights("alice", ["bob"]))
        server.start()
        self.addCleanup(server.close)
        alice, bob = Member("alice"), Member("bob")
        self.addCleanup(alice.close)
        self.addCleanup(bob.close)
        alice.run("pillar", "add", "Community")
        alice.share("create", server.url("/alice/plan/"))
        bob.share("join", server.url("/alice/plan/"))

        alice.run("results", "weights", "--likes", "0.5", "--saves", "5")
        for member in (alice, bob):
            member.run("share", "sync")
        shown = bob.json("results", "weights", "--json")
        self.assertEqual((shown["likes"], shown["saves"], shown["replies"], shown["default"]), (0.5, 5, 3, False))

        # Back to the defaults on bob's copy: on alice's too.
        bob.run("results", "weights", "--reset")
        for member in (bob, alice):
            member.run("share", "sync")
        self.assertTrue(alice.json("results", "weights", "--json")["default"])
        for member in (alice, bob):
            self.assertEqual(member.json("share", "status", "--json")["waiting"], 0, member.login)


if __name__ == "__main__":
    unittest.main()
