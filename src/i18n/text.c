/*
 * text.c - the text tables and the language of a thread (see text.h).
 */
#include "text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

const char *const text_nl[TXT__COUNT] = {
#define TXT(id, s) [TXT_##id] = s,
#include "nl.def"
#undef TXT
};

/* An id en.def names that nl.def lacks does not compile; one it lacks stays NULL. */
const char *const text_en[TXT__COUNT] = {
#define TXT(id, s) [TXT_##id] = s,
#include "en.def"
#undef TXT
};

_Thread_local const char *const *text_cur __attribute__((tls_model("local-exec"))) = text_nl;

void text_set_lang(enum text_lang lang)
{
	text_cur = lang == LANG_EN ? text_en : text_nl;
}

enum text_lang text_lang(void)
{
	return text_cur == text_en ? LANG_EN : LANG_NL;
}

const char *text_lang_code(enum text_lang lang)
{
	return lang == LANG_EN ? "en" : "nl";
}

int text_lang_parse(const char *code)
{
	if (code == NULL)
		return -1;
	if (strcmp(code, "nl") == 0)
		return LANG_NL;
	if (strcmp(code, "en") == 0)
		return LANG_EN;
	return -1;
}

#define ACCEPT_MAX_BYTES  4096
#define ACCEPT_MAX_RANGES 64

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True when the range s[0..n) is lang ("en") or lang with a subtag ("en-GB"). */
static bool range_is(const char *s, size_t n, const char *lang)
{
	size_t l = strlen(lang);
	if (n < l)
		return false;
	for (size_t i = 0; i < l; i++)
		if (lower(s[i]) != lang[i])
			return false;
	return n == l || s[l] == '-';
}

/* A q-value "0", "0.5", "1", "1.000" as 0..1000, or -1 when malformed. */
static int parse_q(const char *s, size_t n)
{
	if (n == 0 || n > 5 || (s[0] != '0' && s[0] != '1'))
		return -1;
	int q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.')
		return -1;
	int scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/* The q-value among the parameters p[0..n) (";q=0.8;x=y"): 1000 without one, -1 when bad. */
static int range_q(const char *p, size_t n)
{
	int q = 1000;
	size_t i = 0;
	while (i < n) {
		if (p[i] != ';')
			return -1;
		i++;
		size_t start = i;
		while (i < n && p[i] != ';')
			i++;
		size_t a = start, b = i;
		while (a < b && is_space(p[a]))
			a++;
		while (b > a && is_space(p[b - 1]))
			b--;
		if (b - a >= 2 && lower(p[a]) == 'q' && p[a + 1] == '=')
			q = parse_q(p + a + 2, b - a - 2);
		if (q < 0)
			return -1;
	}
	return q;
}

enum text_lang text_lang_from_accept(const char *header)
{
	if (header == NULL)
		return LANG_NL;
	size_t len = strnlen(header, ACCEPT_MAX_BYTES);
	int best_en = -1, best_nl = -1; /* q-values; -1: not named */
	int at_en = 0, at_nl = 0;       /* where the best one stood */
	size_t i = 0;
	for (int range = 0; range < ACCEPT_MAX_RANGES && i < len; range++) {
		size_t start = i;
		while (i < len && header[i] != ',')
			i++;
		size_t end = i;
		if (i < len)
			i++; /* the comma */
		while (start < end && is_space(header[start]))
			start++;
		while (end > start && is_space(header[end - 1]))
			end--;
		size_t tag = start;
		while (tag < end && header[tag] != ';' && !is_space(header[tag]))
			tag++;
		size_t params = tag;
		while (params < end && is_space(header[params]))
			params++;
		int q = range_q(header + params, end - params);
		if (q <= 0)
			continue;
		if (range_is(header + start, tag - start, "en") && q > best_en) {
			best_en = q;
			at_en = range;
		} else if (range_is(header + start, tag - start, "nl") && q > best_nl) {
			best_nl = q;
			at_nl = range;
		}
	}
	if (best_en < 0)
		return LANG_NL;
	if (best_en > best_nl || (best_en == best_nl && at_en < at_nl))
		return LANG_EN;
	return LANG_NL;
}

/* The one door for a text of the table as a format: T_printf() and friends
 * checked the arguments against the text's literal twin at compile time. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

char *text_aprintf_(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

void text_bufprintf_(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

#pragma GCC diagnostic pop
