/*
 * calendar_ui.h - what the calendar pages share: Dutch month and weekday
 * names, the voor/met/door words, and the iCalendar writer of the feeds
 * (calendar_ics.c), which the unit tests call directly.
 */
#ifndef KRING_CALENDAR_UI_H
#define KRING_CALENDAR_UI_H

#include "../core/calendar.h"
#include "../util/buf.h"

/* "januari" ... "december" for month 1-12. */
const char *cal_month_name(int month);
/* "maandag" ... "zondag" for weekday 0 (Monday) - 6. */
const char *cal_weekday_name(int weekday);
/* "voor", "met" or "door" as shown; "" for anything else. */
const char *cal_made_label(const char *made);

/*
 * Appends the iCalendar (RFC 5545) text of a feed to out: one VEVENT per
 * activity with a stable UID "activity-<id>@<slug>", local times in
 * Europe/Amsterdam (TZID with its VTIMEZONE), SUMMARY the title, LOCATION
 * the branch or place, DESCRIPTION how it was made and its communities,
 * STATUS CANCELLED for a cancelled one. Never a name of a person, never the
 * outcome or the follow-up. Temporary memory in a. 0, or -1 when libical
 * failed (out then holds nothing new).
 */
int calendar_ics_write(struct buf *out, struct arena *a, const struct cal_feed *feed,
                       const struct cal_activity *acts, size_t n);

#endif
