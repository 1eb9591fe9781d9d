"""`lineup import csv`: every row follows the one rule for a new post (a
brief, a draft or in review; published only for a past date under
--history), a name the plan does not have is listed with the closest one and
needs --create-missing, and the brief's columns come in. A refused import
leaves the plan's file byte for byte as it was."""

import os
import sys
import unittest

from lineup_cli import Plan

HEADER = "title,body,date,time,pillar,type,platform,stage\n"


class ImportCsv(unittest.TestCase):
    def setUp(self):
        self.plan = Plan()
        self.plan.run("pillar", "add", "Café community")
        self.plan.run("pillar", "add", "Product education")

    def tearDown(self):
        self.plan.close()

    def refused(self, args, mentions):
        before = self.plan.digest()
        out = self.plan.run(*args, check=False)
        err = out.stderr.decode("utf-8")
        self.assertEqual(out.returncode, 1, err)
        self.assertEqual(out.stdout, b"")
        self.assertEqual(len(err.splitlines()), 1, err)
        for word in mentions:
            self.assertIn(word, err)
        self.assertEqual(self.plan.digest(), before, f"{args!r} changed the file")
        return err

    def test_stage_rule(self):
        p = self.plan
        ok = ("Idea,,2030-01-10,,Café community,Proof,,brief\n"
              "Words,Text,2030-01-11,09:00,Café community,Proof,mastodon,draft\n"
              "Check,Text,2030-01-12,09:00,Café community,Proof,mastodon,in-review\n")
        # A scheduled row is refused with its row number, and so is the
        # approved one after it; nothing of the file comes in.
        err = self.refused(["import", "csv", p.file("scheduled.csv", HEADER + ok +
                                                    "Late,Text,2030-01-13,09:00,Café community,Proof,mastodon,scheduled\n"
                                                    "Yes,Text,2030-01-14,09:00,Café community,Proof,mastodon,approved\n")],
                           ["scheduled.csv", "row 5", "Late", "Scheduled", "1 more row"])
        self.assertIn("brief, a draft or in review", err)
        # Published: only for a past date, and only under --history.
        past = p.file("past.csv", HEADER + "Done,Text,2020-05-01,09:00,Café community,Proof,mastodon,published\n")
        self.refused(["import", "csv", past], ["past.csv", "row 2", "--history"])
        future = p.file("future.csv", HEADER + "Soon,Text,2030-05-01,09:00,Café community,Proof,mastodon,published\n")
        self.refused(["import", "csv", "--history", future], ["future.csv", "row 2", "future"])
        self.assertEqual(p.text("import", "csv", "--history", past), "Imported 1 post\n")
        self.assertEqual(p.text("import", "csv", p.file("ok.csv", HEADER + ok)), "Imported 3 posts\n")
        stages = {x["title"]: x["stage"] for x in p.json("post", "list", "--json")}
        self.assertEqual(stages, {"Done": "published", "Idea": "brief", "Words": "draft", "Check": "in-review"})

    def test_missing_names(self):
        p = self.plan
        path = p.file("typo.csv", "title,pillar,type,campaign\n"
                                  "A,Cafe community,Proof,\n"
                                  "B,Cafe community,Reel,Spring\n"
                                  "C,Product Education,Educational,\n")
        err = self.refused(["import", "csv", path],
                           ["typo.csv", "pillar “Cafe community” (row 2; did you mean “Café community”?)",
                            "type “Reel” (row 3)", "campaign “Spring” (row 3)", "--create-missing"])
        # "Product Education" is the same pillar: names are matched ignoring case.
        self.assertNotIn("Product Education", err)
        out = p.text("import", "csv", "--create-missing", path)
        self.assertTrue(out.startswith("Imported 3 posts\n"), out)
        self.assertIn("Created pillar “Cafe community”", out)
        self.assertEqual(sorted(x["name"] for x in p.json("pillar", "list", "--json")),
                         ["Cafe community", "Café community", "Product education"])
        self.assertIn("Reel", p.text("targets", "list"))

    def test_brief_columns(self):
        p = self.plan
        p.run("campaign", "add", "Spring", "--from", "2030-03-01", "--to", "2030-03-31")
        path = p.file("brief.csv",
                      "Title,Pillar,Type,Date,Goal,Audience,Key message,Call-to-action,hashtags,owner,due,campaign\n"
                      "Beans,Café community,Proof,2030-03-10,Awareness,Baristas,Fresh is best,Visit us,#coffee #beans,"
                      "Ana,2030-03-05,Spring\n")
        self.assertEqual(p.text("import", "csv", path), "Imported 1 post\n")
        post = p.show(p.ids()[0])
        self.assertEqual(post["campaign"], "Spring")
        self.assertEqual(post["brief"], {"goal": "Awareness", "audience": "Baristas", "key_message": "Fresh is best",
                                         "call_to_action": "Visit us", "hashtags": "#coffee #beans",
                                         "owner": "Ana", "due": "2030-03-05"})
        # A column that means nothing is refused, with the ones Lineup knows.
        self.refused(["import", "csv", p.file("mood.csv", "title,pillar,type,mood\nA,Café community,Proof,happy\n")],
                     ["mood.csv", "column 4", "“mood”", "key_message", "call_to_action", "campaign"])
        self.refused(["import", "csv", p.file("due.csv", "title,pillar,type,due\nA,Café community,Proof,soon\n")],
                     ["due.csv", "row 2", "due", "soon"])


if __name__ == "__main__":
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
