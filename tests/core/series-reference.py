#!/usr/bin/env python3
# series-reference.py: writes series-reference.txt, the occurrences of a few
# repeat rules as python-dateutil's rrule makes them, the reference that
# tests/core/test-series.c checks lineup_series_rule_expand () against.
# Each line: ZONE|RULE|FROM|TO|UTC instants (YYYYMMDDTHHMMSSZ, comma-separated).
# RULE is Lineup's text (lineup-series.h); DTSTART is local wall time in ZONE.
# Run: python3 tests/core/series-reference.py > tests/core/series-reference.txt
#
# SPDX-License-Identifier: GPL-3.0-or-later
from datetime import datetime, date, timezone
from zoneinfo import ZoneInfo
from dateutil import rrule as r

DAYS = {"MO": r.MO, "TU": r.TU, "WE": r.WE, "TH": r.TH, "FR": r.FR, "SA": r.SA, "SU": r.SU}
FREQ = {"DAILY": r.DAILY, "WEEKLY": r.WEEKLY, "MONTHLY": r.MONTHLY}

CASES = [
    ("Europe/Warsaw", "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;COUNT=20;DTSTART=20270301T0900", "2027-01-01", "2027-12-31"),
    ("Europe/Warsaw", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;UNTIL=20271120;DTSTART=20270908T0730", "2027-01-01", "2027-12-31"),
    ("Europe/Warsaw", "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31;COUNT=8;DTSTART=20270131T1830", "2027-01-01", "2028-12-31"),
    ("Europe/Warsaw", "FREQ=DAILY;INTERVAL=1;UNTIL=20271103;DTSTART=20271025T2330", "2027-01-01", "2027-12-31"),
    ("Europe/Warsaw", "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;COUNT=6;DTSTART=20270115T1200", "2027-01-01", "2027-12-31"),
    ("America/New_York", "FREQ=DAILY;INTERVAL=3;UNTIL=20270401;DTSTART=20270301T0900", "2027-01-01", "2027-12-31"),
    ("America/New_York", "FREQ=MONTHLY;INTERVAL=1;BYDAY=1MO;COUNT=12;DTSTART=20270104T1000", "2027-01-01", "2028-12-31"),
    ("America/New_York", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20280101;DTSTART=20270205T1600", "2027-01-01", "2028-12-31"),
    ("America/New_York", "FREQ=WEEKLY;INTERVAL=1;COUNT=10;DTSTART=20271017T0800", "2027-01-01", "2027-12-31"),
    ("America/New_York", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR;COUNT=15;DTSTART=20270310T0645", "2027-03-20", "2027-05-01"),
    ("America/New_York", "FREQ=MONTHLY;INTERVAL=1;COUNT=5;DTSTART=20270130T0900", "2027-01-01", "2027-12-31"),
]


def parse(text):
    parts = dict(p.split("=", 1) for p in text.split(";"))
    s = parts["DTSTART"]
    kw = dict(freq=FREQ[parts["FREQ"]], interval=int(parts["INTERVAL"]),
              dtstart=datetime(int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[9:11]), int(s[11:13])))
    if "BYDAY" in parts:
        days = []
        for d in parts["BYDAY"].split(","):
            days.append(DAYS[d[-2:]](int(d[:-2])) if len(d) > 2 else DAYS[d])
        kw["byweekday"] = days
    if "BYMONTHDAY" in parts:
        kw["bymonthday"] = int(parts["BYMONTHDAY"])
    if "UNTIL" in parts:
        u = parts["UNTIL"]
        kw["until"] = datetime(int(u[0:4]), int(u[4:6]), int(u[6:8]), 23, 59, 59)
    if "COUNT" in parts:
        kw["count"] = int(parts["COUNT"])
    return r.rrule(**kw)


for zone, rule, start, end in CASES:
    lo, hi = date.fromisoformat(start), date.fromisoformat(end)
    out = []
    for dt in parse(rule):
        if lo <= dt.date() <= hi:
            out.append(dt.replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
    print("|".join([zone, rule, start, end, ",".join(out)]))
