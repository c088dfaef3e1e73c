/*
 * workshop_clock.c - the clock arithmetic of a workshop agenda (see
 * workshop.h): reading a typed time and a typed number of minutes, and
 * computing each row's clock time and the end, exactly, in whole minutes.
 */
#include <stdio.h>
#include <string.h>

#include "workshop.h"

const char *const workshop_work_forms[] = {"plenair",     "interactief", "groepen",
                                           "individueel", "anders",      NULL};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int workshop_parse_time(const char *s)
{
	if (s == NULL)
		return -1;
	size_t n = strlen(s);
	/* H:MM or HH:MM, with ':' or '.' */
	if (n != 4 && n != 5)
		return -1;
	size_t hl = n - 3;
	if (s[hl] != ':' && s[hl] != '.')
		return -1;
	for (size_t i = 0; i < n; i++)
		if (i != hl && !is_digit(s[i]))
			return -1;
	int hours = hl == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
	int mins = (s[hl + 1] - '0') * 10 + (s[hl + 2] - '0');
	if (hours > 23 || mins > 59)
		return -1;
	return hours * 60 + mins;
}

enum ws_minutes workshop_parse_minutes(const char *s, int *out)
{
	if (s == NULL || s[0] == '\0')
		return WSM_EMPTY;
	bool negative = s[0] == '-';
	const char *p = negative ? s + 1 : s;
	if (*p == '\0')
		return WSM_LETTERS;
	long long v = 0;
	bool big = false;
	for (; *p; p++) {
		if (!is_digit(*p))
			return WSM_LETTERS;
		if (!big) {
			v = v * 10 + (*p - '0');
			if (v > 1000000)
				big = true; /* keep reading: letters after the digits still count */
		}
	}
	if (negative && (v > 0 || big))
		return WSM_NEGATIVE;
	if (v == 0 && !big)
		return WSM_ZERO;
	if (big || v > WS_ROW_MAX)
		return WSM_TOO_LONG;
	*out = (int)v;
	return WSM_OK;
}

void workshop_format_time(int minutes, char out[8])
{
	if (minutes < 0 || minutes > WS_DAY_MIN) {
		snprintf(out, 8, "--:--");
		return;
	}
	snprintf(out, 8, "%02d:%02d", minutes / 60, minutes % 60);
}

int workshop_schedule(int start, const int *minutes, size_t n, int *starts, int *end)
{
	if (start < 0 || start >= WS_DAY_MIN)
		return -1;
	long long at = start;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (starts)
			starts[i] = at <= WS_DAY_MIN ? (int)at : -1;
		if (minutes[i] < 1 || minutes[i] > WS_ROW_MAX)
			rc = -1;
		else
			at += minutes[i];
		if (at > WS_DAY_MIN)
			rc = -1;
	}
	if (end)
		*end = at <= WS_DAY_MIN ? (int)at : -1;
	return rc;
}
