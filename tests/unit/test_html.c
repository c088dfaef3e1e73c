/*
 * test_html.c - the escaping HTML writer (web/html.c).
 */
#include <limits.h>
#include <stdint.h>

#include "web/chart.h"
#include "web/html.h"
#include "testutil.h"

struct fx {
	struct arena a;
	struct html h;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	arena_init(&f->a);
	html_init(&f->h, &f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(&f->a);
	free(f);
	return 0;
}

static void test_empty_is_empty_string(void **state)
{
	struct fx *f = *state;
	assert_non_null(html_str(&f->h));
	assert_string_equal(html_str(&f->h), "");
}

static void test_s_escapes_the_five(void **state)
{
	struct fx *f = *state;
	html(&f->h, "<p>%s</p>", "<a href=\"x\">'Tom' & \"Jerry\"</a>");
	assert_string_equal(html_str(&f->h), "<p>&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; "
	                                     "&quot;Jerry&quot;&lt;/a&gt;</p>");
}

static void test_s_escapes_at_edges_and_repeats(void **state)
{
	struct fx *f = *state;
	html(&f->h, "%s|%s|%s", "&", "&&<<", "a&amp;b");
	assert_string_equal(html_str(&f->h), "&amp;|&amp;&amp;&lt;&lt;|a&amp;amp;b");
}

static void test_literal_format_is_not_escaped(void **state)
{
	struct fx *f = *state;
	html(&f->h, "<a href=\"/x?a=1&amp;b=2\">'ok'</a>");
	assert_string_equal(html_str(&f->h), "<a href=\"/x?a=1&amp;b=2\">'ok'</a>");
}

static void test_url_segment_percent_encoded(void **state)
{
	struct fx *f = *state;
	html(&f->h, "<a href=\"/login?next=%s\">", url_encode(&f->a, "/o/a b/?x=1&y=<'\">"));
	assert_string_equal(html_str(&f->h),
	                    "<a href=\"/login?next=%2Fo%2Fa%20b%2F%3Fx%3D1%26y%3D%3C%27%22%3E\">");
}

static void test_url_segment_keeps_unreserved_and_encodes_utf8(void **state)
{
	struct fx *f = *state;
	html(&f->h, "%s", url_encode(&f->a, "AZaz09-_.~é"));
	assert_string_equal(html_str(&f->h), "AZaz09-_.~%C3%A9");
}

static void test_numbers(void **state)
{
	struct fx *f = *state;
	html(&f->h, "%d %d %u %ld %lld %zu", INT_MIN, 42, UINT_MAX, LONG_MIN, LLONG_MAX,
	     (size_t)SIZE_MAX);
	assert_string_equal(html_str(&f->h), "-2147483648 42 4294967295 -9223372036854775808 "
	                                     "9223372036854775807 18446744073709551615");
}

static void test_zero_and_negative_numbers(void **state)
{
	struct fx *f = *state;
	html(&f->h, "[%d][%ld][%lld][%zu][%u]", 0, -1L, -7LL, (size_t)0, 0u);
	assert_string_equal(html_str(&f->h), "[0][-1][-7][0][0]");
}

static void test_percent_percent(void **state)
{
	struct fx *f = *state;
	html(&f->h, "100%% %s%%", "<");
	assert_string_equal(html_str(&f->h), "100% &lt;%");
}

static void test_null_s_writes_nothing(void **state)
{
	struct fx *f = *state;
	const char *volatile nothing = NULL; /* a NULL the compiler cannot see */
	html(&f->h, "[%s]", nothing);
	assert_string_equal(html_str(&f->h), "[]");
}

static void test_mixed_arguments_in_order(void **state)
{
	struct fx *f = *state;
	html(&f->h, "%s=%d;%s=%lld;%s", "a<", 7, url_encode(&f->a, "b c"), 8LL, "'");
	assert_string_equal(html_str(&f->h), "a&lt;=7;b%20c=8;&#39;");
}

static void test_trusted_writes_raw(void **state)
{
	struct fx *f = *state;
	html_trusted(&f->h, "<b>&amp; 'x'</b>");
	html_trusted(&f->h, NULL);
	assert_string_equal(html_str(&f->h), "<b>&amp; 'x'</b>");
}

static void test_text_escapes(void **state)
{
	struct fx *f = *state;
	html_text(&f->h, "<i>");
	html_text(&f->h, NULL);
	assert_string_equal(html_str(&f->h), "&lt;i&gt;");
}

static void test_append_other_writer(void **state)
{
	struct fx *f = *state;
	struct html other, empty;
	html_init(&other, &f->a);
	html_init(&empty, &f->a);
	html(&other, "<li>%s</li>", "<x>");
	html(&f->h, "<ul>");
	html_append(&f->h, &other);
	html_append(&f->h, &empty);
	html(&f->h, "</ul>");
	assert_string_equal(html_str(&f->h), "<ul><li>&lt;x&gt;</li></ul>");
	/* the other writer is untouched */
	assert_string_equal(html_str(&other), "<li>&lt;x&gt;</li>");
}

static void test_escape_into_counts_bytes(void **state)
{
	struct fx *f = *state;
	struct buf b;
	buf_init(&b, &f->a);
	html_escape_into(&b, "a<b>c", 3); /* only "a<b" */
	assert_string_equal(buf_str(&b), "a&lt;b");
	assert_int_equal(b.len, 6);
}

static void test_long_plain_string_exact(void **state)
{
	struct fx *f = *state;
	size_t n = 100000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = '\0';
	html(&f->h, "<p>%s</p>", s);
	const char *out = html_str(&f->h);
	assert_int_equal(strlen(out), n + 7);
	assert_memory_equal(out, "<p>", 3);
	assert_memory_equal(out + 3, s, n);
	assert_string_equal(out + 3 + n, "</p>");
	free(s);
}

static void test_long_escaped_string_exact(void **state)
{
	struct fx *f = *state;
	size_t n = 100000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? '<' : 'x';
	s[n] = '\0';
	html_text(&f->h, s);
	const char *out = html_str(&f->h);
	assert_int_equal(strlen(out), n / 2 + n / 2 * 4);
	for (size_t i = 0; i < n / 2; i++)
		assert_memory_equal(out + i * 5, "x&lt;", 5);
	free(s);
}

static void test_non_latin_text_exact(void **state)
{
	struct fx *f = *state;
	const char *t = "Ærø café 東京 🙂 ĳsbeer Ωμέγα";
	html(&f->h, "<p>%s</p>", t);
	assert_string_equal(html_str(&f->h), "<p>Ærø café 東京 🙂 ĳsbeer Ωμέγα</p>");
	struct html g;
	html_init(&g, &f->a);
	html(&g, "%s", url_encode(&f->a, "東京"));
	assert_string_equal(html_str(&g), "%E6%9D%B1%E4%BA%AC");
}

static void test_many_small_writes(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 10000; i++)
		html(&f->h, "%d,", i % 10);
	const char *out = html_str(&f->h);
	assert_int_equal(strlen(out), 20000);
	for (int i = 0; i < 10000; i++) {
		assert_int_equal(out[2 * i], '0' + i % 10);
		assert_int_equal(out[2 * i + 1], ',');
	}
}

/* ---- programming errors abort ---- */

/* The compiler refuses these calls (format attribute); at run time the
 * writer aborts too, which the children below prove with the check off. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

static void bad_conversion_x(void *arg)
{
	struct arena a;
	struct html h;
	(void)arg;
	arena_init(&a);
	html_init(&h, &a);
	html(&h, "%x", 1);
}

static void bad_conversion_lu(void *arg)
{
	struct arena a;
	struct html h;
	(void)arg;
	arena_init(&a);
	html_init(&h, &a);
	html(&h, "%lu", 1UL);
}

static void bad_conversion_trailing_percent(void *arg)
{
	struct arena a;
	struct html h;
	(void)arg;
	arena_init(&a);
	html_init(&h, &a);
	html(&h, "50%");
}

#pragma GCC diagnostic pop

static void good_conversions(void *arg)
{
	struct arena a;
	struct html h;
	(void)arg;
	arena_init(&a);
	html_init(&h, &a);
	html(&h, "%s %d %%", "x", 1);
	arena_free(&a);
}

static void test_bad_conversions_abort(void **state)
{
	(void)state;
	assert_true(t_aborted(t_run_child(bad_conversion_x, NULL)));
	assert_true(t_aborted(t_run_child(bad_conversion_lu, NULL)));
	assert_true(t_aborted(t_run_child(bad_conversion_trailing_percent, NULL)));
	int st = t_run_child(good_conversions, NULL);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* An attribute value is escaped as a value: its quotes are the writer's, not escaped. */
static void test_attr_escapes_the_value_only(void **state)
{
	struct fx *f = *state;
	html(&f->h, "<line");
	html_attr(&f->h, "stroke-dasharray", "8 5");
	html_attr(&f->h, "aria-label", "\"Tom\" & <Jerry>");
	html_attr(&f->h, "data-x", NULL);
	html_attr(&f->h, "title", "");
	html(&f->h, "/>");
	assert_string_equal(html_str(&f->h), "<line stroke-dasharray=\"8 5\" "
	                                     "aria-label=\"&quot;Tom&quot; &amp; &lt;Jerry&gt;\" "
	                                     "title=\"\"/>");
}

static void bad_attr_name(void *arg)
{
	struct arena a;
	struct html h;
	(void)arg;
	arena_init(&a);
	html_init(&h, &a);
	html_attr(&h, "onclick=\"x\" y", "1");
}

static void test_attr_bad_name_aborts(void **state)
{
	(void)state;
	assert_true(t_aborted(t_run_child(bad_attr_name, NULL)));
}

/* The radar: the earlier round's polygon and legend line are dashed, markup intact. */
static void test_radar_previous_round_dashed(void **state)
{
	struct fx *f = *state;
	static const double now[3] = {3.0, 4.0, 2.5}, before[3] = {2.0, 3.5, 3.0};
	static const char *const axes[3] = {"A", "B", "C"};
	const struct chart_series series[2] = {{"Deze ronde", now, "now"},
	                                       {"Vorige ronde (\"nul\")", before, "before"}};
	chart_radar(&f->h, &f->a, "radar", "Titel", "Uitleg", axes, 3, 1, 5, series, 2);
	const char *svg = html_str(&f->h);
	assert_null(strstr(svg, "&quot;8 5&quot;"));
	const char *poly = strstr(svg, "<polygon class=\"kring-radar__before\"");
	assert_non_null(poly);
	const char *end = strstr(poly, "/>");
	const char *dash = strstr(poly, " stroke-dasharray=\"8 5\"");
	assert_non_null(dash);
	assert_true(dash < end);
	/* the current round is solid */
	const char *cur = strstr(svg, "<polygon class=\"kring-radar__now\"");
	assert_non_null(cur);
	const char *cur_end = strstr(cur, "/>");
	const char *cur_dash = strstr(cur, "stroke-dasharray");
	assert_true(cur_dash == NULL || cur_dash > cur_end);
	/* two dashed strokes in all: the polygon and its legend line */
	size_t n = 0;
	for (const char *p = svg; (p = strstr(p, " stroke-dasharray=\"8 5\"/>")) != NULL; p++)
		n++;
	assert_int_equal(n, 2);
	/* the legend text is still escaped */
	assert_non_null(strstr(svg, "Vorige ronde (&quot;nul&quot;)</text>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_empty_is_empty_string, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_s_escapes_the_five, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_s_escapes_at_edges_and_repeats, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_literal_format_is_not_escaped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_url_segment_percent_encoded, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_url_segment_keeps_unreserved_and_encodes_utf8,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_zero_and_negative_numbers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_percent_percent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_null_s_writes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mixed_arguments_in_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trusted_writes_raw, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_escapes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_append_other_writer, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_escape_into_counts_bytes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_plain_string_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_escaped_string_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_non_latin_text_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many_small_writes, setup, teardown),
	    cmocka_unit_test(test_bad_conversions_abort),
	    cmocka_unit_test_setup_teardown(test_attr_escapes_the_value_only, setup, teardown),
	    cmocka_unit_test(test_attr_bad_name_aborts),
	    cmocka_unit_test_setup_teardown(test_radar_previous_round_dashed, setup, teardown),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
