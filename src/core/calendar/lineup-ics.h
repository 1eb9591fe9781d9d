/* lineup-ics.h: the plan as iCalendar (RFC 5545, RFC 7986), written as a
 * stream of lines (lineup-ics-writer.h).
 *
 * One VEVENT per dated post (undated briefs are never exported):
 *   UID        <post uuid>@lineup — the same in every export, for the post's life
 *   DTSTAMP    the post's last change (a published calendar has no METHOD,
 *              so DTSTAMP says when the event was last revised: the same
 *              plan gives the same bytes)
 *   DTSTART    UTC, or local with its VTIMEZONE when asked
 *   DURATION   the feed's (30 minutes by default); never DTEND as well
 *   SUMMARY    "Title [LinkedIn, Mastodon]"
 *   DESCRIPTION per privacy: none, the brief, or the brief and the caption
 *   CATEGORIES the pillar, the type (one property each)
 *   STATUS     TENTATIVE before Approved, CONFIRMED from Approved on
 *   SEQUENCE   the revision - 1; LAST-MODIFIED; TRANSP:TRANSPARENT;
 *   COLOR      the CSS3 colour name nearest the pillar's colour;
 *   X-LINEUP-PILLAR, -TYPE, -STAGE, -PLATFORMS, -POST-ID;
 *   X-LINEUP-MEDIA one per medium, in order: its SHA-256, with FMTTYPE,
 *              X-SIZE, X-WIDTH, X-HEIGHT (named, never embedded), and
 *              X-LINEUP-MEDIA-ALT;X-SHA256=…;X-NUMBER=N its alt text
 *              (not with privacy "titles").
 *   X-LINEUP-CW the post's content warning, when it has one (not with
 *              privacy "titles").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-store.h"

G_BEGIN_DECLS

typedef enum {
  LINEUP_ICS_PRIVACY_TITLES,   /* no DESCRIPTION */
  LINEUP_ICS_PRIVACY_BRIEF,    /* the brief */
  LINEUP_ICS_PRIVACY_FULL,     /* the brief and the caption */
} LineupIcsPrivacy;

const char *lineup_ics_privacy_to_key   (LineupIcsPrivacy  privacy);   /* "titles", "brief", "full" */
gboolean    lineup_ics_privacy_from_key (const char       *key,
                                         LineupIcsPrivacy *out_privacy);

typedef struct {
  const char       *name;              /* NAME, X-WR-CALNAME; "Lineup" when NULL */
  const char       *description;       /* may be NULL */
  LineupIcsPrivacy  privacy;
  int               duration_minutes;  /* 0: 30 */
  int               refresh_minutes;   /* REFRESH-INTERVAL, X-PUBLISHED-TTL; 0: 60 */
  gboolean          local_time;        /* DTSTART in the plan's zone with its VTIMEZONE */
} LineupIcsOptions;

/* A VCALENDAR of @posts (LineupPost; undated ones are skipped), in CRLF
 * lines folded at 75 octets. */
char       *lineup_ics_export        (LineupStore            *store,
                                      GPtrArray              *posts,
                                      const LineupIcsOptions *options,
                                      gsize                  *out_length);
/* The same bytes written to @output in chunks as they are made (a file,
 * standard output); FALSE with @error when a write fails. */
gboolean    lineup_ics_write         (LineupStore            *store,
                                      GPtrArray              *posts,
                                      const LineupIcsOptions *options,
                                      GOutputStream          *output,
                                      GCancellable           *cancellable,
                                      GError                **error);
/* "<uuid>@lineup" */
char       *lineup_ics_uid           (LineupPost             *post);
/* The CSS3 colour name nearest to "#RRGGBB" ("royalblue"). */
const char *lineup_css_color_name    (const char             *hex);

G_END_DECLS
