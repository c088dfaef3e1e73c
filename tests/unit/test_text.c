/*
 * test_text.c - the two text tables (i18n/nl.def, i18n/en.def) and the
 * language of a thread: en.def names the same ids in the same order, every
 * English text exists and has the Dutch text's printf conversions in the
 * same order, no long text was left untranslated, switching the language
 * switches T() and TN(), a new thread starts in Dutch, and Accept-Language
 * (attacker input) is read as documented, hostile forms included.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the tables ---- */

static const char *const en_names[] = {
#define TXT(id, s) #id,
#include "i18n/en.def"
#undef TXT
};

static const char *const nl_names[] = {
#define TXT(id, s) #id,
#include "i18n/nl.def"
#undef TXT
};

static void test_same_ids_in_the_same_order(void **state)
{
	(void)state;
	assert_int_equal(N(nl_names), TXT__COUNT);
	assert_int_equal(N(en_names), N(nl_names));
	for (size_t i = 0; i < N(nl_names); i++)
		if (strcmp(en_names[i], nl_names[i]) != 0)
			fail_msg("en.def line %zu names %s where nl.def names %s", i + 1,
			         en_names[i], nl_names[i]);
}

static void test_every_text_has_english(void **state)
{
	(void)state;
	for (size_t i = 0; i < TXT__COUNT; i++) {
		if (text_en[i] == NULL)
			fail_msg("%s has no English text in en.def", nl_names[i]);
		if (text_nl[i][0] != '\0' && text_en[i][0] == '\0')
			fail_msg("%s: the English text is empty", nl_names[i]);
	}
}

/*
 * The printf conversions of s in order, each as written ("%s", "%lld",
 * "%.2f", "%%"), joined by spaces into out. False when a '%' starts no
 * valid conversion.
 */
static bool conversions(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (const char *p = s; *p; p++) {
		if (*p != '%')
			continue;
		const char *start = p++;
		while (*p && strchr("-+ #0'", *p))
			p++;
		while (*p == '*' || (*p >= '0' && *p <= '9'))
			p++;
		if (*p == '.') {
			p++;
			while (*p == '*' || (*p >= '0' && *p <= '9'))
				p++;
		}
		while (*p && strchr("hlLzjt", *p))
			p++;
		if (*p == '\0' || !strchr("%diouxXeEfFgGaAcspn", *p))
			return false;
		size_t len = (size_t)(p - start) + 1;
		if (n + len + 2 >= cap)
			return false;
		memcpy(out + n, start, len);
		n += len;
		out[n++] = ' ';
		out[n] = '\0';
	}
	return true;
}

static void test_conversions_parse(void **state)
{
	(void)state;
	char c[256];
	assert_true(conversions("%lld van %s (%.2f%%)", c, sizeof(c)));
	assert_string_equal(c, "%lld %s %.2f %% ");
	assert_true(conversions("geen", c, sizeof(c)));
	assert_string_equal(c, "");
	assert_false(conversions("aandeel (%)", c, sizeof(c)));
	assert_false(conversions("eind %", c, sizeof(c)));
}

static size_t count_percent(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '%';
	return n;
}

static void test_english_has_the_dutch_conversions_in_order(void **state)
{
	(void)state;
	char nl[512], en[512];
	for (size_t i = 0; i < TXT__COUNT; i++) {
		if (!conversions(text_nl[i], nl, sizeof(nl))) {
			/* not a format ("(%)"): the English keeps its percent signs */
			if (count_percent(text_nl[i]) != count_percent(text_en[i]))
				fail_msg("%s: %zu percent signs in Dutch, %zu in English",
				         nl_names[i], count_percent(text_nl[i]),
				         count_percent(text_en[i]));
			continue;
		}
		if (!conversions(text_en[i], en, sizeof(en)))
			fail_msg("%s: the English text has a bad conversion: \"%s\"", nl_names[i],
			         text_en[i]);
		if (strcmp(nl, en) != 0)
			fail_msg("%s: conversions [%s] in Dutch, [%s] in English", nl_names[i], nl,
			         en);
	}
}

/* Long texts that read the same in both languages on purpose (names, URLs). */
static const char *const same_on_purpose[] = {
    NULL, /* none yet */
};

static void test_no_long_text_left_untranslated(void **state)
{
	(void)state;
	for (size_t i = 0; i < TXT__COUNT; i++) {
		if (strlen(text_nl[i]) <= 25 || strcmp(text_nl[i], text_en[i]) != 0)
			continue;
		bool listed = false;
		for (size_t k = 0; k < N(same_on_purpose) && same_on_purpose[k]; k++)
			listed |= strcmp(same_on_purpose[k], nl_names[i]) == 0;
		if (!listed)
			fail_msg("%s is the Dutch text in en.def: \"%s\"", nl_names[i], text_en[i]);
	}
}

/* ---- the language of a thread ---- */

static void test_switching_switches_t_and_tn(void **state)
{
	(void)state;
	assert_int_equal(text_lang(), LANG_NL);
	assert_string_equal(T(LOGOUT), "Uitloggen");
	assert_string_equal(TN(ACTS_CAPTION, 1), "%lld activiteit");
	assert_string_equal(TN(ACTS_CAPTION, 3), "%lld activiteiten");
	assert_string_equal(TX(TXT_CAL_MONTH_1 + 2), "maart");
	text_set_lang(LANG_EN);
	assert_int_equal(text_lang(), LANG_EN);
	assert_string_equal(text_lang_code(text_lang()), "en");
	assert_string_equal(T(LOGOUT), "Log out");
	assert_ptr_equal(T(LOGOUT), text_en[TXT_LOGOUT]);
	assert_string_equal(TN(ACTS_CAPTION, 1), "%lld activity");
	assert_string_equal(TN(ACTS_CAPTION, 3), "%lld activities");
	assert_string_equal(TX(TXT_CAL_MONTH_1 + 2), "March");
	struct arena a;
	arena_init(&a);
	assert_string_equal(TN_printf(&a, ACTS_CAPTION, 2, 2LL), "2 activities");
	arena_free(&a);
	text_set_lang(LANG_NL);
	assert_int_equal(text_lang(), LANG_NL);
	assert_string_equal(text_lang_code(text_lang()), "nl");
	assert_string_equal(T(LOGOUT), "Uitloggen");
	assert_ptr_equal(T(LOGOUT), text_nl[TXT_LOGOUT]);
}

static void *thread_lang(void *out)
{
	*(const char **)out = T(LOGOUT);
	return NULL;
}

static void test_a_new_thread_speaks_dutch(void **state)
{
	(void)state;
	text_set_lang(LANG_EN);
	const char *seen = NULL;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, thread_lang, &seen), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_string_equal(seen, "Uitloggen");
	assert_string_equal(T(LOGOUT), "Log out"); /* this thread kept its own */
	text_set_lang(LANG_NL);
}

static void test_stored_choice(void **state)
{
	(void)state;
	assert_int_equal(text_lang_parse("nl"), LANG_NL);
	assert_int_equal(text_lang_parse("en"), LANG_EN);
	assert_int_equal(text_lang_parse(""), -1);
	assert_int_equal(text_lang_parse("EN"), -1);
	assert_int_equal(text_lang_parse("en-GB"), -1);
	assert_int_equal(text_lang_parse(NULL), -1);
}

/* ---- Accept-Language ---- */

static void test_accept_language(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		enum text_lang want;
	} cases[] = {
	    {NULL, LANG_NL},
	    {"", LANG_NL},
	    {"en", LANG_EN},
	    {"en-GB", LANG_EN},
	    {"EN-us", LANG_EN},
	    {"en-US;q=0.8", LANG_EN},
	    {"en-GB,en;q=0.9", LANG_EN},
	    {"en-US,en;q=0.9,nl;q=0.8", LANG_EN},
	    {"nl", LANG_NL},
	    {"nl-NL", LANG_NL},
	    {"nl,en;q=0.5", LANG_NL},
	    {"nl-BE,nl;q=0.9,en-US;q=0.8,en;q=0.7", LANG_NL},
	    {"en;q=0.5,nl;q=0.6", LANG_NL},
	    {"nl;q=0.5,en;q=0.6", LANG_EN},
	    {"en, nl", LANG_EN},         /* a tie: the first named */
	    {"nl, en", LANG_NL},         /* a tie: the first named */
	    {"en;q=1.000, nl", LANG_EN}, /* a tie written differently */
	    {"de,fr;q=0.9", LANG_NL},    /* neither: Dutch */
	    {"fr, en;q=0.3", LANG_EN},   /* English above (absent) Dutch */
	    {"*", LANG_NL},
	    {"en;q=0", LANG_NL}, /* not acceptable */
	    {"eng", LANG_NL},    /* another language, not English */
	    {"english", LANG_NL},
	    {"enx-GB", LANG_NL},
	    {"  en-GB  ;  q=0.7 ", LANG_EN},
	    {"en-GB;q=", LANG_NL}, /* malformed q: the range is ignored */
	    {"en;q=2", LANG_NL},
	    {"en;q=1.5", LANG_NL},
	    {"en;q=0.9999", LANG_NL},
	    {"en;q=-1", LANG_NL},
	    {"en;q=abc", LANG_NL},
	    {"en;q=0.5x", LANG_NL},
	    {"en q=0.5", LANG_NL},
	    {"en;;;", LANG_EN}, /* empty parameters are no q */
	    {";;;,,,", LANG_NL},
	    {",,,,en", LANG_EN},
	    {"\xff\xfe en", LANG_NL},
	    {"en\x01", LANG_NL},
	    {"nl;q=0.1;level=1, en;q=0.2;foo=bar", LANG_EN},
	};
	for (size_t i = 0; i < N(cases); i++)
		if (text_lang_from_accept(cases[i].header) != cases[i].want)
			fail_msg("Accept-Language \"%s\": want %s",
			         cases[i].header ? cases[i].header : "(none)",
			         text_lang_code(cases[i].want));
}

/* Long, repeated and unterminated-looking headers: bounded work, no crash. */
static void test_accept_language_hostile(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *big = malloc(n + 1);
	assert_non_null(big);
	/* a megabyte of commas, then English: past the limits, so Dutch */
	memset(big, ',', n);
	memcpy(big + n - 2, "en", 2);
	big[n] = '\0';
	assert_int_equal(text_lang_from_accept(big), LANG_NL);
	/* 100 ranges of Dutch, English 65th: only 64 ranges are read */
	big[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(big, i == 64 ? "en," : "xx;q=0.1,");
	assert_int_equal(text_lang_from_accept(big), LANG_NL);
	/* English first, then a megabyte of one range: English */
	memset(big, 'a', n);
	memcpy(big, "en,", 3);
	big[n] = '\0';
	assert_int_equal(text_lang_from_accept(big), LANG_EN);
	/* only semicolons and equals signs */
	memset(big, ';', n);
	for (size_t i = 1; i < n; i += 3)
		big[i] = '=';
	assert_int_equal(text_lang_from_accept(big), LANG_NL);
	/* every byte value once, in a range and as a q-value */
	char one[16];
	for (int c = 1; c < 256; c++) {
		snprintf(one, sizeof(one), "e%cn;q=%c", c, c);
		assert_int_equal(text_lang_from_accept(one), LANG_NL);
	}
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_ids_in_the_same_order),
	    cmocka_unit_test(test_every_text_has_english),
	    cmocka_unit_test(test_conversions_parse),
	    cmocka_unit_test(test_english_has_the_dutch_conversions_in_order),
	    cmocka_unit_test(test_no_long_text_left_untranslated),
	    cmocka_unit_test(test_switching_switches_t_and_tn),
	    cmocka_unit_test(test_a_new_thread_speaks_dutch),
	    cmocka_unit_test(test_stored_choice),
	    cmocka_unit_test(test_accept_language),
	    cmocka_unit_test(test_accept_language_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
