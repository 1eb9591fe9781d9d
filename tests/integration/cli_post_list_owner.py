"""`lineup post list --owner NAME|me --scope week|month|all`: the posts of an
owner (me: the plan's person, as "Mine" in the window) in the board's scopes
around today, posts with no date in every scope; and the refusals."""

import datetime
import unittest

from lineup_cli import Plan


class PostListOwnerScope(unittest.TestCase):
    def setUp(self):
        self.plan = p = Plan()
        p.run("pillar", "add", "Community")
        today = datetime.date.today()
        # Who "me" is: the person the command line records in the history.
        probe = p.add("Probe", "Community", "Proof")
        p.run("post", "stage", probe, "draft")
        self.me = p.show(probe)["history"][-1]["actor"]
        p.run("post", "delete", probe)
        day = lambda d: (today + datetime.timedelta(days=d)).isoformat()
        self.ids = {
            "today mine": p.add("Today, mine", "Community", "Proof", "--date", day(0), "--owner", self.me.upper()),
            "today erin": p.add("Today, Erin's", "Community", "Proof", "--date", day(0), "--owner", "Erin"),
            "past mine": p.add("Long ago, mine", "Community", "Proof", "--date", day(-45), "--owner", self.me),
            "later erin": p.add("Much later, Erin's", "Community", "Proof", "--date", day(75), "--owner", "erin"),
            "undated mine": p.add("Idea, mine", "Community", "Proof", "--owner", self.me),
            "nobody": p.add("Nobody's", "Community", "Proof", "--date", day(0)),
        }

    def tearDown(self):
        self.plan.close()

    def listed(self, *args):
        ids = {p["id"] for p in self.plan.json("post", "list", "--json", *args)}
        return {name for name, post_id in self.ids.items() if post_id in ids}

    def test_owner(self):
        self.assertEqual(self.listed("--owner", "me"), {"today mine", "past mine", "undated mine"})
        self.assertEqual(self.listed("--owner", "ERIN"), {"today erin", "later erin"})
        self.assertEqual(self.listed("--owner", "Zoe"), set())
        # The table too.
        table = self.plan.text("post", "list", "--owner", "Erin")
        self.assertIn("Much later, Erin's", table)
        self.assertNotIn("Idea, mine", table)

    def test_scope(self):
        everything = set(self.ids)
        self.assertEqual(self.listed("--scope", "all"), everything)
        self.assertEqual(self.listed(), everything)
        self.assertEqual(self.listed("--scope", "week"), {"today mine", "today erin", "undated mine", "nobody"})
        self.assertEqual(self.listed("--scope", "month"), {"today mine", "today erin", "undated mine", "nobody"})
        self.assertEqual(self.listed("--scope", "week", "--owner", "me"), {"today mine", "undated mine"})

    def test_refusals(self):
        p = self.plan
        for args, words in ((("--scope", "year"), "use week, month or all"),
                            (("--scope", "week", "--from", "2030-01-01"), "give one of them"),
                            (("--owner", "  "), "or “me” for yourself")):
            out = p.run("post", "list", *args, check=False)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn(words, out.stderr.decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
