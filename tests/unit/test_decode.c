/*
 * test_decode.c - URL-encoded and cookie decoding, UTF-8 validation and
 * url_encode (http/decode.c).
 */
#include "http/decode.h"
#include "testutil.h"

static int setup(void **state)
{
	struct arena *a = calloc(1, sizeof(*a));
	if (a == NULL)
		return -1;
	arena_init(a);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	free(*state);
	return 0;
}

static enum decode_err dec(struct arena *a, const char *s, struct kv_list *out)
{
	return decode_urlencoded(a, s, strlen(s), out);
}

static enum decode_err cook(struct arena *a, const char *s, struct kv_list *out)
{
	return decode_cookies(a, s, strlen(s), out);
}

static void assert_kv(const struct kv_list *l, size_t i, const char *name, const char *value)
{
	assert_true(i < l->n_items);
	assert_string_equal(l->items[i].name, name);
	assert_string_equal(l->items[i].value, value);
	assert_int_equal(l->items[i].value_len, strlen(value));
}

/* ---- decode_urlencoded ---- */

static void test_two_pairs(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "a=1&b=2", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "2");
}

static void test_plus_is_space(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "a+b=c+d++e", &l), DECODE_OK);
	assert_int_equal(l.n_items, 1);
	assert_kv(&l, 0, "a b", "c d  e");
}

static void test_percent_escapes(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "%41%42=%41%62%2b%2B%26%3D%25&x=%c3%a9", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "AB", "Ab++&=%");
	assert_kv(&l, 1, "x", "é");
}

static void test_empty_segments_skipped(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "&&a=1&&&b=&&", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "");
}

static void test_only_ampersands(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "&&&", &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
}

static void test_empty_input(void **state)
{
	struct kv_list l = {.items = (struct kv *)1, .n_items = 99};
	assert_int_equal(decode_urlencoded(*state, "", 0, &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
	assert_null(l.items);
	l.n_items = 99;
	assert_int_equal(decode_urlencoded(*state, NULL, 0, &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
}

static void test_name_without_equals(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "flag&b=2&other", &l), DECODE_OK);
	assert_int_equal(l.n_items, 3);
	assert_kv(&l, 0, "flag", "");
	assert_kv(&l, 1, "b", "2");
	assert_kv(&l, 2, "other", "");
}

static void test_empty_name(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "=value&=", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "", "value");
	assert_kv(&l, 1, "", "");
}

static void test_second_equals_belongs_to_value(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "a==b=c", &l), DECODE_OK);
	assert_int_equal(l.n_items, 1);
	assert_kv(&l, 0, "a", "=b=c");
}

static void test_length_bounded_input(void **state)
{
	/* only the first n bytes count, even without a NUL there */
	struct kv_list l;
	const char s[] = "a=1&b=2";
	assert_int_equal(decode_urlencoded(*state, s, 3, &l), DECODE_OK);
	assert_int_equal(l.n_items, 1);
	assert_kv(&l, 0, "a", "1");
	/* a '%' escape cut off by n is incomplete */
	assert_int_equal(decode_urlencoded(*state, "a=%41", 4, &l), DECODE_BAD_ESCAPE);
}

static void expect_err(struct arena *a, const char *s, enum decode_err want)
{
	struct kv_list l = {.items = (struct kv *)1, .n_items = 77};
	enum decode_err e = dec(a, s, &l);
	if (e != want)
		fail_msg("decode_urlencoded(\"%s\") = %d, want %d", s, e, want);
	/* on failure, out is left empty */
	assert_null(l.items);
	assert_int_equal(l.n_items, 0);
}

static void test_bad_escapes(void **state)
{
	expect_err(*state, "%", DECODE_BAD_ESCAPE);
	expect_err(*state, "%4", DECODE_BAD_ESCAPE);
	expect_err(*state, "%zz", DECODE_BAD_ESCAPE);
	expect_err(*state, "%4g", DECODE_BAD_ESCAPE);
	expect_err(*state, "%g4", DECODE_BAD_ESCAPE);
	expect_err(*state, "a=%", DECODE_BAD_ESCAPE);
	expect_err(*state, "a=%4", DECODE_BAD_ESCAPE);
	expect_err(*state, "a=1&b=%2", DECODE_BAD_ESCAPE);
	expect_err(*state, "a%=1", DECODE_BAD_ESCAPE);
	expect_err(*state, "a=%%41", DECODE_BAD_ESCAPE);
	expect_err(*state, "a=% 1", DECODE_BAD_ESCAPE);
}

static void test_nul(void **state)
{
	expect_err(*state, "%00", DECODE_NUL);
	expect_err(*state, "a=%00", DECODE_NUL);
	expect_err(*state, "a=x%00y", DECODE_NUL);
	expect_err(*state, "ok=1&n%00=1", DECODE_NUL);
	/* a raw NUL byte inside the input */
	struct kv_list l;
	assert_int_equal(decode_urlencoded(*state, "a=b\0c", 5, &l), DECODE_NUL);
	assert_int_equal(l.n_items, 0);
}

static void test_bad_utf8(void **state)
{
	expect_err(*state, "a=%C3%28", DECODE_BAD_UTF8);       /* bad continuation */
	expect_err(*state, "a=%C0%AF", DECODE_BAD_UTF8);       /* overlong '/' */
	expect_err(*state, "a=%E0%80%AF", DECODE_BAD_UTF8);    /* overlong, 3 bytes */
	expect_err(*state, "a=%F0%80%80%AF", DECODE_BAD_UTF8); /* overlong, 4 bytes */
	expect_err(*state, "a=%ED%A0%80", DECODE_BAD_UTF8);    /* surrogate D800 */
	expect_err(*state, "a=%ED%BF%BF", DECODE_BAD_UTF8);    /* surrogate DFFF */
	expect_err(*state, "a=%F4%90%80%80", DECODE_BAD_UTF8); /* > U+10FFFF */
	expect_err(*state, "a=%F5%80%80%80", DECODE_BAD_UTF8); /* F5 never valid */
	expect_err(*state, "a=%FF", DECODE_BAD_UTF8);
	expect_err(*state, "a=%80", DECODE_BAD_UTF8);      /* lone continuation */
	expect_err(*state, "a=%E2%82", DECODE_BAD_UTF8);   /* truncated */
	expect_err(*state, "%C3=1", DECODE_BAD_UTF8);      /* in the name */
	expect_err(*state, "a=\xC3\x28", DECODE_BAD_UTF8); /* raw bytes, unescaped */
	/* valid neighbours of the invalid ones */
	struct kv_list l;
	assert_int_equal(dec(*state, "a=%ED%9F%BF&b=%F4%8F%BF%BF&c=%EE%80%80&d=caf\xC3\xA9", &l),
	                 DECODE_OK);
	assert_int_equal(l.n_items, 4);
	assert_kv(&l, 0, "a", "\xED\x9F\xBF");
	assert_kv(&l, 1, "b", "\xF4\x8F\xBF\xBF");
	assert_kv(&l, 2, "c", "\xEE\x80\x80");
	assert_kv(&l, 3, "d", "café");
}

static char *fields(size_t n)
{
	char *s = malloc(n * 4 + 1), *p = s;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = '&';
		memcpy(p, "a=1", 3);
		p += 3;
	}
	*p = '\0';
	return s;
}

static void test_too_many_fields(void **state)
{
	struct kv_list l;
	char *ok = fields(DECODE_MAX_FIELDS);
	char *bad = fields(DECODE_MAX_FIELDS + 1);
	assert_int_equal(dec(*state, ok, &l), DECODE_OK);
	assert_int_equal(l.n_items, 1000);
	assert_int_equal(dec(*state, bad, &l), DECODE_TOO_MANY);
	assert_int_equal(l.n_items, 0);
	assert_null(l.items);
	free(ok);
	free(bad);
}

static void test_kv_get_first_match(void **state)
{
	struct kv_list l;
	assert_int_equal(dec(*state, "a=1&b=2&a=3&A=4", &l), DECODE_OK);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "2");
	assert_string_equal(kv_get(&l, "A"), "4"); /* names are case-sensitive */
	assert_null(kv_get(&l, "c"));
	assert_null(kv_get(&l, ""));
	struct kv_list empty = {0};
	assert_null(kv_get(&empty, "a"));
}

/* ---- decode_cookies ---- */

static void test_cookies_basic(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "a=b; c=d", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "a", "b");
	assert_kv(&l, 1, "c", "d");
}

static void test_cookies_spaces(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "  a = b ;c=d;\te\t=\tf g\t;  ", &l), DECODE_OK);
	assert_int_equal(l.n_items, 3);
	assert_kv(&l, 0, "a", "b");
	assert_kv(&l, 1, "c", "d");
	assert_kv(&l, 2, "e", "f g");
}

static void test_cookies_taken_literally(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "a=%41+b; c=x=y", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "a", "%41+b");
	assert_kv(&l, 1, "c", "x=y");
}

static void test_cookies_quoted(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "a=\"x y\"; b=\"\"; c=\"; d=\"q", &l), DECODE_OK);
	assert_int_equal(l.n_items, 4);
	assert_kv(&l, 0, "a", "x y");
	assert_kv(&l, 1, "b", "");
	assert_kv(&l, 2, "c", "\""); /* a lone quote is not a quoted value */
	assert_kv(&l, 3, "d", "\"q");
}

static void test_cookies_malformed_skipped(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "novalue; =x; ; ;;c=d; =; e=", &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "c", "d");
	assert_kv(&l, 1, "e", "");
}

static void test_cookies_bad_utf8_and_nul_skipped(void **state)
{
	struct kv_list l;
	const char s[] = "a=\xC3\x28; b=ok; c\xFF=1; d=x\0y; e=\xC3\xA9";
	assert_int_equal(decode_cookies(*state, s, sizeof(s) - 1, &l), DECODE_OK);
	assert_int_equal(l.n_items, 2);
	assert_kv(&l, 0, "b", "ok");
	assert_kv(&l, 1, "e", "é");
}

static void test_cookies_empty(void **state)
{
	struct kv_list l = {.items = (struct kv *)1, .n_items = 5};
	assert_int_equal(decode_cookies(*state, "", 0, &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
	assert_null(l.items);
	assert_int_equal(cook(*state, "   ", &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
	assert_int_equal(cook(*state, ";;;", &l), DECODE_OK);
	assert_int_equal(l.n_items, 0);
}

static void test_cookies_first_of_duplicates(void **state)
{
	struct kv_list l;
	assert_int_equal(cook(*state, "kring_session=one; kring_session=two", &l), DECODE_OK);
	assert_string_equal(kv_get(&l, "kring_session"), "one");
}

static void test_cookies_too_many(void **state)
{
	struct kv_list l;
	size_t n = DECODE_MAX_FIELDS + 1;
	char *s = malloc(n * 5 + 1), *p = s;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		memcpy(p, "a=1; ", 5);
		p += 5;
	}
	p[-2] = '\0'; /* drop the final "; " */
	assert_int_equal(cook(*state, s, &l), DECODE_TOO_MANY);
	assert_int_equal(l.n_items, 0);
	p[-5 * 1 - 2] = '\0'; /* one pair fewer: 1000 */
	assert_int_equal(cook(*state, s, &l), DECODE_OK);
	assert_int_equal(l.n_items, DECODE_MAX_FIELDS);
	free(s);
}

/* ---- utf8_valid ---- */

static void test_utf8_table(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool ok;
	} t[] = {
	    {"", true},
	    {"plain ascii ~\x7F", true},
	    {"\xC2\x80", true},         /* U+0080 */
	    {"\xDF\xBF", true},         /* U+07FF */
	    {"\xE0\xA0\x80", true},     /* U+0800 */
	    {"\xED\x9F\xBF", true},     /* U+D7FF */
	    {"\xEE\x80\x80", true},     /* U+E000 */
	    {"\xEF\xBF\xBF", true},     /* U+FFFF */
	    {"\xF0\x90\x80\x80", true}, /* U+10000 */
	    {"\xF4\x8F\xBF\xBF", true}, /* U+10FFFF */
	    {"Ærø café 東京 🙂", true},
	    {"\x80", false}, /* lone continuation */
	    {"\xBF", false},
	    {"\xC0\x80", false},         /* overlong NUL */
	    {"\xC1\xBF", false},         /* overlong */
	    {"\xC2", false},             /* truncated */
	    {"\xC2\x41", false},         /* bad continuation */
	    {"\xE0\x80\x80", false},     /* overlong */
	    {"\xE0\x9F\xBF", false},     /* overlong U+07FF */
	    {"\xED\xA0\x80", false},     /* U+D800 */
	    {"\xED\xBF\xBF", false},     /* U+DFFF */
	    {"\xE2\x82", false},         /* truncated */
	    {"\xF0\x80\x80\x80", false}, /* overlong */
	    {"\xF0\x8F\xBF\xBF", false}, /* overlong U+FFFF */
	    {"\xF4\x90\x80\x80", false}, /* U+110000 */
	    {"\xF5\x80\x80\x80", false},
	    {"\xF8\x88\x80\x80\x80", false}, /* 5-byte form */
	    {"\xFE", false},
	    {"\xFF", false},
	    {"\xF0\x9F\x99", false}, /* truncated emoji */
	    {"ok\xC3", false},       /* truncated at the end */
	    {"\xC3\xA9\xC3", false},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		bool got = utf8_valid(t[i].s, strlen(t[i].s));
		if (got != t[i].ok)
			fail_msg("utf8_valid case %zu: got %d, want %d", i, got, t[i].ok);
	}
	/* the length bounds the check: a valid prefix of an invalid string */
	assert_true(utf8_valid("ab\xFF", 2));
	assert_false(utf8_valid("\xC3\xA9", 1));
	/* an embedded NUL is valid UTF-8 (the decoders reject it separately) */
	assert_true(utf8_valid("a\0b", 3));
}

/* ---- url_encode ---- */

static void test_url_encode(void **state)
{
	struct arena *a = *state;
	assert_string_equal(url_encode(a, ""), "");
	assert_string_equal(url_encode(a, "AZaz09-_.~"), "AZaz09-_.~");
	assert_string_equal(url_encode(a, "a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
	assert_string_equal(url_encode(a, "é東"), "%C3%A9%E6%9D%B1");
	assert_string_equal(url_encode(a, "\x01\x7F\xFF"), "%01%7F%FF");
}

static void test_url_encode_round_trip(void **state)
{
	struct arena *a = *state;
	const char *orig = "/o/de-sleutel/?next=a b&x=é+%";
	char *q = arena_printf(a, "v=%s", url_encode(a, orig));
	struct kv_list l;
	assert_int_equal(dec(a, q, &l), DECODE_OK);
	assert_int_equal(l.n_items, 1);
	assert_string_equal(kv_get(&l, "v"), orig);
}

int main(void)
{
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T_(test_two_pairs),
	    T_(test_plus_is_space),
	    T_(test_percent_escapes),
	    T_(test_empty_segments_skipped),
	    T_(test_only_ampersands),
	    T_(test_empty_input),
	    T_(test_name_without_equals),
	    T_(test_empty_name),
	    T_(test_second_equals_belongs_to_value),
	    T_(test_length_bounded_input),
	    T_(test_bad_escapes),
	    T_(test_nul),
	    T_(test_bad_utf8),
	    T_(test_too_many_fields),
	    T_(test_kv_get_first_match),
	    T_(test_cookies_basic),
	    T_(test_cookies_spaces),
	    T_(test_cookies_taken_literally),
	    T_(test_cookies_quoted),
	    T_(test_cookies_malformed_skipped),
	    T_(test_cookies_bad_utf8_and_nul_skipped),
	    T_(test_cookies_empty),
	    T_(test_cookies_first_of_duplicates),
	    T_(test_cookies_too_many),
	    T_(test_utf8_table),
	    T_(test_url_encode),
	    T_(test_url_encode_round_trip),
	};
#undef T_
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
