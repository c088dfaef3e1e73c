/*
 * calendar_ics.c - the calendar feeds: the iCalendar text of an
 * organisation's or a community's activities (written with libical) and
 * the two public feed handlers, where the key in the query is the access.
 *
 * Times: kring stores a local date and "HH:MM" of Dutch libraries. The feed
 * gives them as local times with TZID=Europe/Amsterdam and includes that
 * VTIMEZONE (the EU rule: last Sunday of March and of October). Floating
 * times (no zone) would be read in the subscriber's own zone, which is
 * right only while everyone is in the Netherlands; Outlook moreover treats
 * floating times inconsistently between its desktop and web versions.
 * A TZID with its VTIMEZONE is what Outlook, Google Calendar, iOS and
 * Android all read the same way, and libical parses it back in the tests.
 */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../i18n/text.h"
#include "../web/layout.h"
#include "calendar_ui.h"
#include "pages.h"
#include "respond.h"

static const char vtimezone_amsterdam[] = "BEGIN:VTIMEZONE\r\n"
                                          "TZID:Europe/Amsterdam\r\n"
                                          "X-LIC-LOCATION:Europe/Amsterdam\r\n"
                                          "BEGIN:DAYLIGHT\r\n"
                                          "TZOFFSETFROM:+0100\r\n"
                                          "TZOFFSETTO:+0200\r\n"
                                          "TZNAME:CEST\r\n"
                                          "DTSTART:19700329T020000\r\n"
                                          "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                          "END:DAYLIGHT\r\n"
                                          "BEGIN:STANDARD\r\n"
                                          "TZOFFSETFROM:+0200\r\n"
                                          "TZOFFSETTO:+0100\r\n"
                                          "TZNAME:CET\r\n"
                                          "DTSTART:19701025T030000\r\n"
                                          "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                          "END:STANDARD\r\n"
                                          "END:VTIMEZONE\r\n";

const char *cal_month_name(int month)
{
	return month >= 1 && month <= 12 ? TX(TXT_CAL_MONTH_1 + month - 1) : "";
}

const char *cal_weekday_name(int weekday)
{
	return weekday >= 0 && weekday <= 6 ? TX(TXT_CAL_WEEKDAY_1 + weekday) : "";
}

const char *cal_made_label(const char *made)
{
	if (strcmp(made, "voor") == 0)
		return T(CAL_MADE_VOOR);
	if (strcmp(made, "met") == 0)
		return T(CAL_MADE_MET);
	if (strcmp(made, "door") == 0)
		return T(CAL_MADE_DOOR);
	return "";
}

/* "HH:MM" into *h, *m; false for anything else. */
static bool parse_hm(const char *s, int *h, int *m)
{
	if (strlen(s) != 5 || s[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	*h = (s[0] - '0') * 10 + (s[1] - '0');
	*m = (s[3] - '0') * 10 + (s[4] - '0');
	return *h < 24 && *m < 60;
}

/* "YYYY-MM-DD" into t (a date); false when it is not a date. */
static bool parse_day(const char *s, struct icaltimetype *t)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*t = icaltime_null_date();
	t->year = atoi(s);
	t->month = atoi(s + 5);
	t->day = atoi(s + 8);
	return t->month >= 1 && t->month <= 12 && t->day >= 1 &&
	       t->day <= calendar_days_in_month(t->year, t->month);
}

/* DTSTART/DTEND property at local time t in Europe/Amsterdam (or a date). */
static icalproperty *local_time_prop(icalproperty *p, struct icaltimetype t)
{
	if (!t.is_date)
		icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/Amsterdam"));
	return p;
}

static struct icaltimetype utc(long long epoch)
{
	return icaltime_from_timet_with_zone((time_t)epoch, 0, icaltimezone_get_utc_timezone());
}

/* The VEVENT of one activity, or NULL when its date is unusable. */
static icalcomponent *event_of(struct arena *a, const struct cal_feed *feed,
                               const struct cal_activity *v)
{
	struct icaltimetype start, end;
	if (!parse_day(v->held_on, &start))
		return NULL;
	int h, m, eh, em;
	if (parse_hm(v->starts_at, &h, &m)) {
		start.is_date = 0;
		start.hour = h;
		start.minute = m;
		start.second = 0;
		end = start;
		if (parse_hm(v->ends_at, &eh, &em) && eh * 60 + em > h * 60 + m) {
			end.hour = eh;
			end.minute = em;
		} else { /* no (sensible) end: an hour, so it shows as a block */
			end = icaltime_add(start, icaldurationtype_from_int(3600));
		}
	} else { /* no time: a whole-day event */
		end = icaltime_add(start, icaldurationtype_from_int(24 * 3600));
	}
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(
	    ev, icalproperty_new_uid(arena_printf(a, "activity-%lld@%s", v->id, feed->org_slug)));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(v->updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc(v->updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_sequence((int)(v->version & 0x7fffffff)));
	icalcomponent_add_property(ev, local_time_prop(icalproperty_new_dtstart(start), start));
	icalcomponent_add_property(ev, local_time_prop(icalproperty_new_dtend(end), end));
	icalcomponent_add_property(ev, icalproperty_new_summary(v->title));
	const char *where = v->branch[0] && v->place[0]
	                        ? arena_printf(a, "%s, %s", v->branch, v->place)
	                        : (v->branch[0] ? v->branch : v->place);
	if (where[0])
		icalcomponent_add_property(ev, icalproperty_new_location(where));
	/* how it was made and for whom: no people, no outcome (it may name them) */
	struct buf d;
	buf_init(&d, a);
	if (strcmp(v->made, "voor") == 0)
		buf_puts(&d, T(CAL_ICS_MADE_VOOR));
	else if (strcmp(v->made, "met") == 0)
		buf_puts(&d, T(CAL_ICS_MADE_MET));
	else if (strcmp(v->made, "door") == 0)
		buf_puts(&d, T(CAL_ICS_MADE_DOOR));
	if (v->communities[0]) {
		buf_puts(&d, "\n");
		T_bufprintf(&d, CAL_ICS_COMMUNITIES, v->communities);
	}
	bool cancelled = strcmp(v->status, "cancelled") == 0;
	if (cancelled) {
		buf_puts(&d, "\n");
		buf_puts(&d, T(CAL_ICS_CANCELLED));
	}
	icalcomponent_add_property(ev, icalproperty_new_description(buf_str(&d)));
	icalcomponent_add_property(
	    ev, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	return ev;
}

static icalproperty *x_prop(const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	return p;
}

int calendar_ics_write(struct buf *out, struct arena *a, const struct cal_feed *feed,
                       const struct cal_activity *acts, size_t n)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent *tz = icalcomponent_new_from_string(vtimezone_amsterdam);
	if (cal == NULL || tz == NULL) {
		if (cal)
			icalcomponent_free(cal);
		if (tz)
			icalcomponent_free(tz);
		return -1;
	}
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//kring//agenda//NL"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	const char *name = feed->community_id ? T_printf(a, CAL_ICS_NAME_COMMUNITY, feed->org_name,
	                                                 feed->community_name)
	                                      : T_printf(a, CAL_ICS_NAME, feed->org_name);
	icalcomponent_add_property(cal, x_prop("X-WR-CALNAME", name));
	icalcomponent_add_property(cal, x_prop("X-WR-TIMEZONE", "Europe/Amsterdam"));
	/* how often a subscriber asks again: every 4 hours */
	icalcomponent_add_property(cal, x_prop("X-PUBLISHED-TTL", "PT4H"));
	icalcomponent_add_component(cal, tz);
	for (size_t i = 0; i < n; i++) {
		icalcomponent *ev = event_of(a, feed, &acts[i]);
		if (ev)
			icalcomponent_add_component(cal, ev);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (text == NULL)
		return -1;
	buf_puts(out, text);
	free(text);
	return 0;
}

/* A year back from today, "YYYY-MM-DD": where a feed begins. */
static const char *feed_since(struct arena *a)
{
	time_t t = time(NULL) - 366 * 24 * 3600;
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/* The feed of organisation :org (community_id 0) or of its community. */
static int serve_feed(struct req *r, long long community_id)
{
	struct cal_feed feed;
	int ok = calendar_key_check(r->db, &r->arena, r->param_org, community_id,
	                            req_query(r, "key"), &feed);
	if (ok < 0)
		return HANDLER_ERROR;
	if (ok == 0) /* no such feed, or not its current key: the same 404 */
		return respond_not_found(r);
	struct cal_activity *acts;
	size_t n;
	if (calendar_feed_activities(r->db, &r->arena, feed.org_id, community_id,
	                             feed_since(&r->arena), &acts, &n) != 0)
		return HANDLER_ERROR;
	struct buf body;
	buf_init(&body, &r->arena);
	if (calendar_ics_write(&body, &r->arena, &feed, acts, n) != 0)
		return HANDLER_ERROR;
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	r->resp = body;
	return HANDLER_OK;
}

int page_calendar_feed_org(struct req *r)
{
	return serve_feed(r, 0);
}

int page_calendar_feed_community(struct req *r)
{
	return serve_feed(r, r->param_id);
}
