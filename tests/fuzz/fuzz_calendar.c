/*
 * fuzz_calendar.c - libFuzzer target for the calendar: the month parameter
 * (calendar_month_parse) and the feed writer (calendar_ics_write) with
 * typed text. The first line is a month: when it parses, it is exactly
 * "YYYY-MM" with a year 1900-2999 and a month 1-12, and the weekday and
 * month length helpers stay in range. The rest is the title and place of
 * an activity: the feed is written, parsed back by libical as one
 * VCALENDAR, and holds the one event. Build with -DKRING_FUZZ=ON (clang).
 */
#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "pages/calendar_ui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char *nl = strchr(s, '\n');
	char *rest = nl ? nl + 1 : "";
	if (nl)
		*nl = '\0';
	int y = -1, m = -1;
	if (calendar_month_parse(s, &y, &m)) {
		if (strlen(s) != 7 || y < 1900 || y > 2999 || m < 1 || m > 12)
			abort();
		int days = calendar_days_in_month(y, m);
		if (days < 28 || days > 31)
			abort();
		for (int d = 1; d <= days; d++)
			if (calendar_weekday(y, m, d) < 0 || calendar_weekday(y, m, d) > 6)
				abort();
	} else if (y != -1 || m != -1) {
		abort(); /* a refused month leaves the outputs alone */
	}
	/* the title: the rest up to the first NUL (text from the database is a C string) */
	struct arena a;
	arena_init(&a);
	struct cal_feed feed = {.org_id = 1, .org_slug = "f", .org_name = rest};
	struct cal_activity act = {.id = 7,
	                           .title = rest,
	                           .held_on = "2026-03-29",
	                           .starts_at = "02:30",
	                           .ends_at = "",
	                           .made = "door",
	                           .status = "cancelled",
	                           .branch = "",
	                           .place = rest,
	                           .communities = rest,
	                           .version = 1,
	                           .updated_at = 0};
	struct buf out;
	buf_init(&out, &a);
	if (calendar_ics_write(&out, &a, &feed, &act, 1) == 0) {
		icalcomponent *cal = icalparser_parse_string(buf_str(&out));
		if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT ||
		    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT) != 1)
			abort();
		icalcomponent_free(cal);
	}
	arena_free(&a);
	free(s);
	return 0;
}
