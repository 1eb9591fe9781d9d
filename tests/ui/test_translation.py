"""The Polish translation, from source string to screen: the app runs under
pl_PL.UTF-8 with LANGUAGE=pl and its translations from the build tree. The
views, the calendar's header, the day cells' names, the stage on a card,
Preferences and the command line speak Polish; the month grid starts on
Monday, as Polish calendars do; dates take the locale's forms: "listopad
2026" standing alone, "22 listopada 2026" with a day. The expected words are
written out here, not asked of the locale, so a missing translation or an
English date fails."""

import datetime
import subprocess
import time

import lineup_ui as ui

# Standing alone (a month's title) and with a day (a date), as Polish writes them.
MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
          "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień")
MONTHS_OF = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
             "lipca", "sierpnia", "września", "października", "listopada", "grudnia")
WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
COLUMNS = ("pon", "wto", "śro", "czw", "pią", "sob", "nie")


def main():
    app = ui.wait_for("the app on the accessibility bus", ui.app)
    frame = ui.wait_for("the main window", lambda: ui.find(app, role="frame"))

    # 1. The views are named in Polish; none in English.
    for name in ("Kalendarz", "Tablica", "Miks", "Lista", "Publikowanie"):
        ui.wait_for(f"the {name} view", lambda: ui.find(frame, name=name, role="page tab"))
    for english in ("Calendar", "Board", "Publishing"):
        assert ui.find(frame, name=english, role="page tab") is None, f"the {english} view is not translated"
    assert ui.find(frame, name="Nowy post", role="push button"), "the New Post button is not translated"

    # 2. The month's title and today's cell, in the locale's date forms.
    today = datetime.date.today()
    title = f"{MONTHS[today.month - 1]} {today.year}"
    ui.wait_for(f"the month's title {title!r}", lambda: ui.find(frame, name=title, role="push button"))
    day_name = f"{WEEKDAYS[today.weekday()]} {today.day} {MONTHS_OF[today.month - 1]} {today.year}"
    ui.wait_for(f"today's cell named {day_name!r}", lambda: ui.find(frame, name=day_name, role="panel"))

    # 3. Weeks start on Monday, the Polish locale's first weekday.
    first = ui.wait_for("the weekday header", lambda: ui.first_weekday_column(frame, COLUMNS))
    assert first == "pon", f"the month grid starts on {first!r}, not Monday (pon)"

    # 4. A card tells its stage in Polish.
    posts = ui.cli_json("post", "list", "--json")
    published = next(p for p in posts if p["stage"] == "published" and p.get("date")
                     and p["date"].startswith(f"{today.year:04d}-{today.month:02d}"))
    card = ui.wait_for("a published post's card",
                       lambda: ui.find(frame, name=published["title"], role="push button"))
    assert card.description.endswith("Opublikowane"), card.description
    ui.screenshot(ui.SHOT.replace(".png", "-calendar.png"))

    # 5. Preferences, in Polish.
    ui.focus_window("Lineup")
    ui.xdotool("key", "--clearmodifiers", "ctrl+comma")
    prefs = ui.wait_for("the Preferences window",
                        lambda: ui.toplevel(app, "Preferencje", not_role="label"))
    ui.wait_for("the General page", lambda: ui.find(prefs, name="Ogólne", visible=False))
    ui.wait_for("the plan's time zone row", lambda: ui.find(prefs, prefix="Strefa czasowa", visible=False))
    time.sleep(0.3)
    ui.screenshot(ui.SHOT.replace(".png", "-preferences.png"))
    ui.focus_window("Preferencje")
    ui.xdotool("key", "Escape")

    # 6. The command line, the same catalogue: help and a specific error.
    assert ui.cli("--help").startswith("Użycie: lineup"), ui.cli("--help")[:80]
    bad = subprocess.run([ui.BIN, "--database", ui.DB, "post", "move", published["id"], "--date", "2026-13-01"],
                         capture_output=True, text=True)
    assert bad.returncode != 0, "an invalid month was accepted"
    assert "2026-13-01" in bad.stderr and "Usage" not in bad.stderr, bad.stderr
    assert any(word in bad.stderr for word in ("nie jest", "nieprawidłow", "Nieprawidłow")), \
        f"the error is not in Polish: {bad.stderr!r}"


ui.run(main)
