"""Overlay calendars from the command line: read from a file and from a URL
served on 127.0.0.1, recurrences counted, a failed refresh keeping the last
good copy and saying why, and bad input refused."""

import http.server
import os
import threading
import unittest

from lineup_cli import Plan

HOLIDAYS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Holidays//EN\r\n"
    "BEGIN:VEVENT\r\nUID:xmas@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\n"
    "SUMMARY:Christmas Day\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:boxing@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261226\r\n"
    "SUMMARY:Boxing Day\\, too\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:launch@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261210T090000Z\r\n"
    "DURATION:PT1H\r\nSUMMARY:Partner launch\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n")


class Serve(http.server.BaseHTTPRequestHandler):
    body = HOLIDAYS.encode()

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Length", str(len(Serve.body)))
        self.end_headers()
        self.wfile.write(Serve.body)


class Overlays(unittest.TestCase):
    def setUp(self):
        self.plan = Plan(tz="Europe/Warsaw")
        self.plan.run("pillar", "add", "Community")
        self.path = self.plan.file("holidays.ics", HOLIDAYS)

    def tearDown(self):
        self.plan.close()

    def overlays(self):
        return {o["name"]: o for o in self.plan.json("overlay", "list", "--json")}

    def test_file_and_url(self):
        p = self.plan
        self.assertIn("Added the overlay “Holidays”: 3 events", p.text("overlay", "add", "Holidays", self.path,
                                                                      "--color", "#e01b24"))
        self.assertEqual(self.overlays()["Holidays"]["color"], "#e01b24")

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Serve)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/holidays.ics"
        try:
            self.assertIn("3 events", p.text("overlay", "add", "Online", url))
            Serve.body = HOLIDAYS.replace("Partner launch", "Partner launch moved").encode()
            self.assertIn("“Online”: 3 events", p.text("overlay", "refresh", "Online"))
        finally:
            server.shutdown()
            server.server_close()
        # The server is gone: the refresh fails, says why, and keeps the copy.
        out = p.run("overlay", "refresh", "Online", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("Could not connect", out.stderr.decode())
        self.assertIn("last good copy is kept", out.stderr.decode())
        online = self.overlays()["Online"]
        self.assertEqual(online["events"], 3)
        self.assertIn("Could not connect", online["last_error"])

        # A file that is not a calendar: refused, the old copy stays.
        with open(self.path, "w") as f:
            f.write("<html>Not a calendar</html>")
        out = p.run("overlay", "refresh", "Holidays", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("is not an iCalendar file", out.stderr.decode())
        self.assertEqual(self.overlays()["Holidays"]["events"], 3)

        p.run("overlay", "remove", "Holidays")
        self.assertNotIn("Holidays", self.overlays())

    def test_bad_input(self):
        p = self.plan
        out = p.run("overlay", "add", "X", self.path, "--color", "red", check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("is not a colour", out.stderr.decode())
        out = p.run("overlay", "add", "Missing", os.path.join(p.dir.name, "nope.ics"), check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("nope.ics", out.stderr.decode())
        self.assertIn("Nothing was added", out.stderr.decode())
        self.assertNotIn("Missing", self.overlays())
        p.run("overlay", "add", "Holidays", self.path)
        out = p.run("overlay", "add", "holidays", self.path, check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("already", out.stderr.decode())
        self.assertEqual(p.run("overlay", "refresh", "Nope", check=False).returncode, 1)

    def test_rule_repeating_within_a_day_is_refused(self):
        """Ten lines that describe 3.6 million events in six weeks: refused when
        read, naming the event, and the last good copy kept on a refresh."""
        p = self.plan
        ticks = HOLIDAYS.replace("RRULE:FREQ=YEARLY", "RRULE:FREQ=SECONDLY").replace("Christmas Day", "Every second")
        bad = p.file("ticks.ics", ticks)
        out = p.run("overlay", "add", "Ticks", bad, check=False)
        self.assertEqual(out.returncode, 1)
        err = out.stderr.decode()
        self.assertIn("Nothing was added", err)
        self.assertIn("“Every second”", err)
        self.assertIn("FREQ=SECONDLY", err)
        self.assertNotIn("Ticks", self.overlays())

        p.run("overlay", "add", "Holidays", self.path)
        with open(self.path, "w") as f:
            f.write(ticks.replace("FREQ=SECONDLY", "FREQ=DAILY;BYHOUR=1,2,3,4,5,6,7,8,9"))
        out = p.run("overlay", "refresh", "Holidays", check=False)
        self.assertEqual(out.returncode, 1)
        self.assertIn("more than 4 times a day", out.stderr.decode())
        self.assertIn("last good copy is kept", out.stderr.decode())
        holidays = self.overlays()["Holidays"]
        self.assertEqual(holidays["events"], 3)
        self.assertIn("Every second", holidays["last_error"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
