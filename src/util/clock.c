/*
 * clock.c - the one clock (see clock.h).
 */
#define _XOPEN_SOURCE 700
#include "clock.h"

#include <stdlib.h>
#include <string.h>

/* Parses KRING_NOW; 0 when absent or malformed. */
static time_t fixed_now(void)
{
	const char *s = getenv("KRING_NOW");
	if (s == NULL || *s == '\0')
		return 0;
	struct tm tm = {0};
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || *end != '\0') {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, "%Y-%m-%d", &tm);
		if (end == NULL || *end != '\0')
			return 0;
		tm.tm_hour = 12;
	}
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	return t == (time_t)-1 ? 0 : t;
}

time_t clock_now(void)
{
	time_t f = fixed_now();
	return f ? f : time(NULL);
}

static void format_day(time_t t, char out[16])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

void clock_today(char out[16])
{
	format_day(clock_now(), out);
}

void clock_date_from_today(long long days, char out[16])
{
	format_day(clock_now() + (time_t)(days * 86400), out);
}
