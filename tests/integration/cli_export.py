"""`lineup export ics`, read back by a parser that is not ours (Debian's
python3-icalendar): every dated post once, by its stable UID, with the
fields the export promises; filters, privacy and local time; bad input."""

import os
import unittest

import icalendar

from lineup_cli import Plan


class Export(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("demo", "--month", "2026-12")
        self.posts = self.plan.json("post", "list", "--json")

    def tearDown(self):
        self.plan.close()

    def events(self, *args):
        text = self.plan.run("export", "ics", *args).stdout
        calendar = icalendar.Calendar.from_ical(text)
        return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    def test_every_dated_post_once(self):
        calendar, events = self.events()
        dated = [p for p in self.posts if p["date"]]
        self.assertEqual(len(events), len(dated))
        self.assertEqual(str(calendar["X-WR-CALNAME"]), "Lineup")
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        for post in dated:
            event = events[post["id"] + "@lineup"]
            self.assertTrue(str(event["SUMMARY"]).startswith(post["title"]))
            self.assertEqual(str(event["X-LINEUP-POST-ID"]), post["id"])
            self.assertEqual(str(event["X-LINEUP-STAGE"]), post["stage"])
            self.assertEqual(event.decoded("DTSTART").isoformat()[:16].replace("T", " "),
                             self._utc(post))
            self.assertEqual(str(event["STATUS"]),
                             "CONFIRMED" if post["stage"] in ("approved", "scheduled", "published") else "TENTATIVE")
            self.assertEqual(str(event["TRANSP"]), "TRANSPARENT")
            self.assertNotIn("DTEND", event)
            self.assertNotIn("DESCRIPTION", event)   # titles only, by default
            categories = event["CATEGORIES"]
            categories = categories if isinstance(categories, list) else [categories]
            self.assertEqual([c.cats[0] for c in categories], [post["pillar"], post["type"]])
        for post in self.posts:
            if not post["date"]:
                self.assertNotIn(post["id"] + "@lineup", events)

    def _utc(self, post):
        return post["scheduled_at"][:16].replace("T", " ")

    def test_filters_privacy_local_time(self):
        _, events = self.events("--stage", "draft", "--privacy", "full", "--local-time",
                                "--from", "2026-12-01", "--to", "2026-12-25")
        drafts = [p for p in self.posts if p["stage"] == "draft" and p["date"] and p["date"] <= "2026-12-25"]
        self.assertEqual(sorted(events), sorted(p["id"] + "@lineup" for p in drafts))
        for post in drafts:
            event = events[post["id"] + "@lineup"]
            self.assertIn(post["body"], str(event["DESCRIPTION"]))
            start = event["DTSTART"]
            self.assertEqual(start.params["TZID"], "Europe/Warsaw")
            self.assertEqual(start.dt.strftime("%Y-%m-%d %H:%M"), f"{post['date']} {post['time']}")

        _, events = self.events("--platform", "mastodon", "--type", "Educational")
        self.assertTrue(events)
        for event in events.values():
            self.assertIn("mastodon", str(event["X-LINEUP-PLATFORMS"]))
            self.assertEqual(str(event["X-LINEUP-TYPE"]), "Educational")

    def test_output_file_and_stability(self):
        p = self.plan
        out = os.path.join(p.dir.name, "plan.ics")
        p.run("export", "ics", "--output", out, "--name", "Team plan")
        with open(out, "rb") as f:
            first = f.read()
        self.assertTrue(first.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertIn(b"X-WR-CALNAME:Team plan\r\n", first)
        # Same plan, same bytes.
        self.assertEqual(p.run("export", "ics", "--name", "Team plan").stdout, first)
        for line in first.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)

    def test_bad_arguments(self):
        p = self.plan
        for args, words in (
            (["--privacy", "secret"], "is not a level"),
            (["--from", "2026-12-09", "--to", "2026-12-01"], "is after"),
            (["--platform", "myspace"], "is not a platform"),
            (["--stage", "done"], "is not a stage"),
            (["--from", "2026-02-30"], "2026-02-30"),
        ):
            out = p.run("export", "ics", *args, check=False)
            self.assertEqual(out.returncode, 2, (args, out.stderr))
            self.assertIn(words, out.stderr.decode(), args)
        out = p.run("export", "ics", "--pillar", "Nope", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("Nope", out.stderr.decode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
