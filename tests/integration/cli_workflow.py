"""The workflow from the command line: team, approval chain, checklist,
approvals, requests for changes, comments and the history, and every refusal
leaving the plan's file as it was."""

import unittest

from lineup_cli import Plan


class Workflow(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        p = self.plan
        p.run("pillar", "add", "Community")
        self.post = p.add("Spring launch", "Community", "Proof", "--body", "It is here.",
                          "--date", "2030-04-01", "--time", "10:00", "--platform", "mastodon",
                          "--owner", "Erin")

    def tearDown(self):
        self.plan.close()

    def refused(self, code, *args):
        """Runs a command that must fail with @code and change nothing;
        returns its one-line message."""
        p = self.plan
        digest = p.digest()
        out = p.run(*args, check=False)
        self.assertEqual(out.returncode, code, (args, out.stderr))
        err = out.stderr.decode("utf-8")
        self.assertTrue(err.startswith("lineup: "), err)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertEqual(p.digest(), digest, args)
        return err

    def test_team_and_chain(self):
        p = self.plan
        self.assertIn("Ana is in the team as lead", p.text("team", "add", "Ana", "--role", "lead"))
        p.text("team", "add", "Cleo", "--role", "approver")
        p.text("team", "add", "Dan", "--role", "Approver")
        self.assertEqual(p.json("team", "list", "--json"),
                         [{"name": "Ana", "role": "lead"}, {"name": "Cleo", "role": "approver"},
                          {"name": "Dan", "role": "approver"}])
        # Changing a role keeps one entry.
        p.text("team", "add", "dan", "--role", "editor")
        self.assertEqual([m["role"] for m in p.json("team", "list", "--json")], ["lead", "approver", "editor"])

        self.assertIn("not a role", self.refused(2, "team", "add", "Eve", "--role", "boss"))
        self.assertIn("--role is required", self.refused(2, "team", "add", "Eve"))
        self.assertIn("is not in the team",
                      self.refused(1, "approval-chain", "set", "Lead:any:Ana", "Legal:all:Zed"))
        self.assertIn("is not a step", self.refused(2, "approval-chain", "set", "Lead:some:Ana"))
        self.assertIn("is not a step", self.refused(2, "approval-chain", "set", "Lead"))

        out = p.text("approval-chain", "set", "Lead:any:Ana", "Legal:all:Cleo,Dan", "--forbid-self-approval")
        self.assertIn("1. Lead (Ana), any one", out)
        self.assertIn("2. Legal (Cleo and Dan), all of them", out)
        self.assertIn("Nobody may approve their own post", out)
        self.assertIn("Legal (Cleo and Dan)", p.text("approval-chain", "show"))

    def test_approval_through_the_chain(self):
        p = self.plan
        for name, role in (("Ana", "lead"), ("Cleo", "approver"), ("Erin", "editor")):
            p.text("team", "add", name, "--role", role)
        p.text("approval-chain", "set", "Lead:any:Ana", "Legal:any:Cleo,Erin", "--forbid-self-approval")
        p.text("post", "stage", self.post, "draft")
        p.text("post", "stage", self.post, "in-review", "--as", "Erin", "--comment", "Please look")

        # Skipping, approving out of turn and the checklist gate are refused.
        self.assertIn("move “Spring launch” to Approved first",
                      self.refused(1, "post", "stage", self.post, "scheduled"))
        self.assertIn("--as is required", self.refused(2, "post", "approve", self.post))
        for item in ("1", "2", "Advertising", "5"):
            p.text("post", "check", self.post, item, "--as", "Erin")

        # No approval while the checklist has an unticked item.
        self.assertIn("“Tracked links carry UTM parameters” is not ticked",
                      self.refused(1, "post", "approve", self.post, "--as", "Ana"))
        self.assertIn("ticked “Tracked links carry UTM parameters”", p.text("post", "check", self.post, "tracked"))
        self.assertIn("waits for Lead (Ana) first", self.refused(1, "post", "approve", self.post, "--as", "Cleo"))
        out = p.text("post", "approve", self.post, "--as", "Ana", "--comment", "Good")
        self.assertIn("now waits for Legal (Cleo or Erin)", out)
        self.assertEqual(p.show(self.post)["stage"], "in-review")
        self.assertIn("does not let people approve their own posts",
                      self.refused(1, "post", "approve", self.post, "--as", "Erin"))
        self.assertIn("is approved", p.text("post", "approve", self.post, "--as", "Cleo"))
        shown = p.show(self.post)
        self.assertEqual(shown["stage"], "approved")
        self.assertEqual(shown["approvals"], {"done": 2, "needed": 2, "by": ["Ana", "Cleo"]})
        self.assertTrue(all(item["checked"] for item in shown["checklist"]))

        # Schedule, then an edit of the caption sends it back with the diff.
        p.text("post", "stage", self.post, "scheduled")
        p.text("post", "move", self.post, "--date", "2030-04-02")
        self.assertEqual(p.show(self.post)["stage"], "scheduled")
        p.text("post", "edit", self.post, "--body", "It is finally here.")
        shown = p.show(self.post)
        self.assertEqual(shown["stage"], "in-review")
        self.assertEqual(shown["approvals"]["done"], 0)
        self.assertEqual(shown["changes_since_approval"], "Caption: It is {+finally +}here.")
        text = p.text("post", "show", self.post)
        self.assertIn("Changed since approval:", text)
        self.assertIn("edited: scheduled → in-review", text)

        # Request changes: a comment is required; back to Draft with it.
        self.assertIn("--comment is required",
                      self.refused(2, "post", "request-changes", self.post, "--as", "Ana"))
        p.text("post", "request-changes", self.post, "--as", "Ana", "--comment", "Say what is new")
        shown = p.show(self.post)
        self.assertEqual(shown["stage"], "draft")
        self.assertEqual(shown["change_request"], "Say what is new")

        p.text("post", "comment", self.post, "On it", "--as", "Erin")
        history = p.json("post", "history", self.post, "--json")
        kinds = [h["kind"] for h in history]
        self.assertEqual(kinds[:3], ["stage", "stage", "stage"])
        self.assertEqual(kinds[-4:], ["stage", "edit", "request-changes", "comment"])
        self.assertEqual(kinds.count("approve"), 2)
        self.assertEqual(kinds.count("check"), 5)
        self.assertEqual((history[-1]["actor"], history[-1]["comment"]), ("Erin", "On it"))
        self.assertIn("requested changes: in-review → draft  Ana: Say what is new",
                      p.text("post", "history", self.post))
        self.assertEqual(p.show(self.post)["comments"], 3)

    def test_checklist_commands(self):
        p = self.plan
        self.assertIn("5. Someone is named", p.text("checklist", "list"))
        self.assertIn("6. Claims checked by Legal", p.text("checklist", "add", "Claims checked by Legal"))
        p.text("post", "check", self.post, "6")
        self.assertIn("“a” starts several", self.refused(1, "post", "check", self.post, "a"))
        self.assertIn("from 1 to 6", self.refused(1, "post", "check", self.post, "9"))
        self.assertIn("unticked", p.text("post", "check", self.post, "6", "--uncheck"))
        out = p.text("checklist", "remove", "Claims")
        self.assertNotIn("Claims", out)
        self.assertEqual(len(p.show(self.post)["checklist"]), 5)

    def test_published_stays(self):
        p = self.plan
        old = p.force_stage(p.add("Gone out", "Community", "Proof", "--date", "2020-01-01"), "published")
        self.assertIn("is published and stays so", self.refused(1, "post", "stage", old, "draft"))
        self.assertIn("once that time has passed",
                      self.refused(1, "post", "stage",
                                   p.force_stage(p.add("Later", "Community", "Proof", "--body", "x",
                                                       "--date", "2031-01-01", "--platform", "x"), "scheduled"),
                                   "published"))

    def test_new_post_starts_as_brief_draft_or_in_review(self):
        p = self.plan
        add = ["post", "add", "--title", "Shortcut", "--pillar", "Community", "--type", "Proof",
               "--body", "Words", "--platform", "mastodon", "--date", "2030-05-01"]
        for stage, label in (("scheduled", "Scheduled"), ("approved", "Approved")):
            err = self.refused(1, *add, "--stage", stage)
            self.assertIn(f"“Shortcut” cannot start as {label}: a new post starts as a brief, a draft or in review",
                          err)
        # Published neither for a date to come nor for one gone: history comes in through CSV.
        self.assertIn("lineup import csv --history", self.refused(1, *add, "--stage", "published"))
        self.assertIn("lineup import csv --history",
                      self.refused(1, *add[:-1], "2020-05-01", "--stage", "published"))
        self.assertIn("cannot start in review without a caption",
                      self.refused(1, *[a for a in add if a not in ("--body", "Words")], "--stage", "in-review"))
        self.assertEqual(len(p.json("post", "list", "--json")), 1)
        for stage in ("brief", "draft", "in-review"):
            self.assertEqual(p.show(p.text(*add, "--stage", stage).strip())["stage"], stage)

    def test_no_scheduling_in_the_past_nor_over_a_network_limit(self):
        p = self.plan
        post = p.add("Old news", "Community", "Proof", "--stage", "in-review", "--body", "é" * 301,
                     "--date", "2020-01-03", "--time", "09:00", "--platform", "bluesky,mastodon")
        for item in range(1, 6):
            p.text("post", "check", post, str(item))
        self.assertIn("“Old news” cannot be approved: Bluesky allows 300 characters; this caption has 301. "
                      f"Shorten it or write a Bluesky variant: lineup post caption {post[:8]} --platform bluesky TEXT",
                      self.refused(1, "post", "approve", post, "--as", "Ana"))
        self.assertIn("Bluesky allows 300", self.refused(1, "post", "stage", post, "approved"))
        p.text("post", "edit", post, "--body", "é" * 300)
        p.text("post", "approve", post, "--as", "Ana")
        self.assertIn("“Old news” is dated 3 January 2020 at 09:00, which has passed: "
                      "give it a later date or time before scheduling it",
                      self.refused(1, "post", "stage", post, "scheduled"))
        self.assertEqual(p.show(post)["stage"], "approved")
        p.text("post", "move", post, "--date", "2030-01-03")
        p.text("post", "stage", post, "scheduled")
        self.assertEqual(p.show(post)["stage"], "scheduled")


if __name__ == "__main__":
    unittest.main(verbosity=2)
