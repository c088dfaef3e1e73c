/*
 * partner_util.h - small helpers shared by the partner modules (partner.c,
 * power.c, conversation.c, action.c, timeline.c): the clock, empty strings,
 * audit texts and dates. Private to those modules; static inline so that
 * each keeps its own copy and no symbol is exported.
 */
#ifndef KRING_PARTNER_UTIL_H
#define KRING_PARTNER_UTIL_H

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "../util/arena.h"
#include "../util/date.h"

/* Now, in seconds since the epoch. */
static inline long long now_s(void)
{
	return (long long)time(NULL);
}

/* s, or "" for NULL. */
static inline const char *nz(const char *s)
{
	return s ? s : "";
}

/* A moment as a local calendar date "YYYY-MM-DD", in a. */
static inline const char *epoch_date(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/* A text for the audit log: at most 200 bytes, cut on a character boundary. */
static inline const char *audit_text(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= 200)
		return s;
	n = 200;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s…", (int)n, s);
}

/* "" or a date that exists. */
static inline bool date_or_empty(const char *s)
{
	return s == NULL || s[0] == '\0' || date_valid(s);
}

#endif
