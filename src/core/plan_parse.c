/*
 * plan_parse.c - money and hours as typed by people, read exactly into
 * integers (cents, minutes): see plan.h. Pure functions, no database.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "plan.h"

/* Skips spaces (and a no-break space, U+00A0) from s. */
static const char *skip_space(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2;
		else
			return s;
	}
}

/* Length of s without trailing spaces. */
static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static bool is_sep(char c)
{
	return c == '.' || c == ',' || c == ' ';
}

enum plan_num plan_parse_cents(const char *s, long long *cents)
{
	if (s == NULL)
		return PLAN_NUM_EMPTY;
	s = skip_space(s);
	if (*s == '-')
		return PLAN_NUM_NEGATIVE;
	if (strncmp(s, "\xE2\x82\xAC", 3) == 0) /* € */
		s += 3;
	else if (strncasecmp(s, "EUR", 3) == 0)
		s += 3;
	s = skip_space(s);
	if (*s == '-')
		return PLAN_NUM_NEGATIVE;
	size_t n = trimmed_len(s);
	if (n == 0)
		return PLAN_NUM_EMPTY;
	if (n > 40)
		return PLAN_NUM_BAD;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !is_sep(s[i]))
			return PLAN_NUM_BAD;
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[n - 1]))
		return PLAN_NUM_BAD;
	/* the decimal mark: the last '.' or ',' with one or two digits after it */
	size_t dec = n; /* n: none */
	for (size_t i = n; i-- > 0;)
		if (s[i] == '.' || s[i] == ',') {
			if (n - i - 1 <= 2)
				dec = i;
			break;
		}
	char group = 0; /* the one character that separates groups of three */
	size_t digits_in_group = 0, groups = 0;
	long long whole = 0;
	for (size_t i = 0; i < dec; i++) {
		char c = s[i];
		if (isdigit((unsigned char)c)) {
			if (whole > PLAN_MAX_CENTS)
				return PLAN_NUM_TOO_LARGE;
			whole = whole * 10 + (c - '0');
			digits_in_group++;
			continue;
		}
		if ((group && c != group) || (dec < n && c == s[dec]))
			return PLAN_NUM_BAD;
		group = c;
		/* the first group has 1-3 digits, every next one exactly 3 */
		if (digits_in_group == 0 || digits_in_group > 3 ||
		    (groups > 0 && digits_in_group != 3))
			return PLAN_NUM_BAD;
		groups++;
		digits_in_group = 0;
	}
	if (groups > 0 && digits_in_group != 3)
		return PLAN_NUM_BAD;
	/* "12,505": in Dutch a decimal comma with three decimals, not twelve thousand */
	if (dec == n && group == ',')
		return PLAN_NUM_PRECISION;
	long long frac = 0;
	if (dec < n) {
		if (n - dec - 1 == 1)
			frac = (s[dec + 1] - '0') * 10;
		else
			frac = (s[dec + 1] - '0') * 10 + (s[dec + 2] - '0');
	}
	if (whole > PLAN_MAX_CENTS / 100)
		return PLAN_NUM_TOO_LARGE;
	long long v = whole * 100 + frac;
	if (v > PLAN_MAX_CENTS)
		return PLAN_NUM_TOO_LARGE;
	*cents = v;
	return PLAN_NUM_OK;
}

enum plan_num plan_parse_minutes(const char *s, long long *minutes)
{
	if (s == NULL)
		return PLAN_NUM_EMPTY;
	s = skip_space(s);
	if (*s == '-')
		return PLAN_NUM_NEGATIVE;
	size_t n = trimmed_len(s);
	/* an optional unit: "uur" or "u" */
	if (n >= 3 && strncasecmp(s + n - 3, "uur", 3) == 0)
		n -= 3;
	else if (n >= 1 && (s[n - 1] == 'u' || s[n - 1] == 'U'))
		n -= 1;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return PLAN_NUM_EMPTY;
	if (n > 30)
		return PLAN_NUM_BAD;
	size_t i = 0;
	long long hours = 0;
	while (i < n && isdigit((unsigned char)s[i])) {
		if (hours > PLAN_MAX_MINUTES)
			return PLAN_NUM_TOO_LARGE;
		hours = hours * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0)
		return PLAN_NUM_BAD;
	long long extra = 0;
	if (i < n && s[i] == ':') { /* hours and minutes */
		if (n - i - 1 != 2 || !isdigit((unsigned char)s[i + 1]) ||
		    !isdigit((unsigned char)s[i + 2]))
			return PLAN_NUM_BAD;
		extra = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		if (extra > 59)
			return PLAN_NUM_BAD;
	} else if (i < n && (s[i] == ',' || s[i] == '.')) { /* decimal hours */
		size_t k = n - i - 1;
		if (k == 0 || k > 4)
			return k == 0 ? PLAN_NUM_BAD : PLAN_NUM_PRECISION;
		long long frac = 0, scale = 1;
		for (size_t j = i + 1; j < n; j++) {
			if (!isdigit((unsigned char)s[j]))
				return PLAN_NUM_BAD;
			frac = frac * 10 + (s[j] - '0');
			scale *= 10;
		}
		if ((frac * 60) % scale != 0)
			return PLAN_NUM_PRECISION;
		extra = frac * 60 / scale;
	} else if (i < n) {
		return PLAN_NUM_BAD;
	}
	if (hours > PLAN_MAX_MINUTES / 60)
		return PLAN_NUM_TOO_LARGE;
	long long v = hours * 60 + extra;
	if (v > PLAN_MAX_MINUTES)
		return PLAN_NUM_TOO_LARGE;
	*minutes = v;
	return PLAN_NUM_OK;
}
