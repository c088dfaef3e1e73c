/*
 * test_markdown.c - Markdown rendered safely (web/markdown.c) and
 * multipart/form-data decoding (http/multipart.c): scripts, raw HTML,
 * javascript: and data: links, deep nesting and 100 000 characters; a
 * form with a file, what a browser sends without a file, and broken bodies.
 */
#define _GNU_SOURCE /* strcasestr */
#include "http/multipart.h"
#include "testutil.h"
#include "web/markdown.h"

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

static const char *md(struct arena *a, const char *s)
{
	const char *out = markdown_render(a, s, strlen(s));
	assert_non_null(out);
	return out;
}

static void plain_markdown(void **state)
{
	const char *out = md(*state, "# Kop\n\nDe **deelnemers** koken.\n\n- een\n- twee\n");
	assert_non_null(strstr(out, "<h3>Kop</h3>"));
	assert_non_null(strstr(out, "<strong>deelnemers</strong>"));
	assert_non_null(strstr(out, "<li>twee</li>"));
}

static void no_script_no_raw_html(void **state)
{
	const char *out =
	    md(*state, "<script>alert(1)</script>\n\nHoi <img src=x onerror=alert(2)> "
	               "<b onclick=\"x()\">vet</b>\n\n<iframe src=\"https://x\">");
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "onerror"));
	assert_null(strstr(out, "onclick"));
	assert_null(strstr(out, "<iframe"));
	assert_null(strstr(out, "<b "));
}

static void dangerous_links_emptied(void **state)
{
	const char *out = md(*state, "[a](javascript:alert(1)) [b](JavaScript:alert(1)) "
	                             "[c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) "
	                             "![e](data:image/png;base64,AAAA) [f](file:///etc/passwd) "
	                             "<javascript:alert(1)> [g](https://example.org/a) [h](/o/x) "
	                             "[i](mailto:a@example.org)");
	assert_null(strcasestr(out, "href=\"javascript:"));
	assert_null(strstr(out, "data:"));
	assert_null(strstr(out, "vbscript:"));
	assert_null(strstr(out, "file:"));
	assert_non_null(strstr(out, "href=\"https://example.org/a\""));
	assert_non_null(strstr(out, "href=\"/o/x\""));
	assert_non_null(strstr(out, "href=\"mailto:a@example.org\""));
	assert_true(markdown_url_allowed("relative/path"));
	assert_false(markdown_url_allowed("jAvAsCrIpT:alert(1)"));
}

/* Deep nesting and long input render without running out of stack. */
static void deep_and_long(void **state)
{
	struct arena *a = *state;
	size_t n = 100000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, '>', n);
	s[n] = '\0';
	const char *out = markdown_render(a, s, n);
	assert_non_null(out);
	assert_non_null(strstr(out, "<blockquote>"));
	for (size_t i = 0; i < n; i++)
		s[i] = "- > "[i % 4]; /* a list in a quote in a list ... 25 000 levels */
	out = markdown_render(a, s, n);
	assert_non_null(out);
	assert_non_null(strstr(out, "<ul>"));
	for (size_t i = 0; i < n; i++)
		s[i] = "a*[<_`\n"[i % 7];
	out = markdown_render(a, s, n);
	assert_non_null(out);
	assert_null(strstr(out, "<a"));
	free(s);
}

static void multipart_form_with_file(void **state)
{
	struct arena *a = *state;
	const char *b = multipart_boundary(a, "multipart/form-data; boundary=\"xyz\"");
	assert_string_equal(b, "xyz");
	assert_null(multipart_boundary(a, "application/x-www-form-urlencoded"));
	assert_null(multipart_boundary(a, "multipart/form-data"));
	static const char body[] =
	    "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Café\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"C:\\\\map\\\\foto.png\"\r\nContent-Type: image/png\r\n\r\n"
	    "\x89PNG\0\r\n--x\r\n--xyz\r\nContent-Disposition: form-data; "
	    "name=\"leeg\"; filename=\"\"\r\n\r\n\r\n--xyz--\r\n";
	struct kv_list f;
	struct upload_list u;
	assert_int_equal(decode_multipart(a, "xyz", body, sizeof(body) - 1, &f, &u), DECODE_OK);
	assert_int_equal(f.n_items, 1);
	assert_string_equal(kv_get(&f, "title"), "Café");
	assert_int_equal(u.n_items, 1); /* no file chosen: skipped */
	const struct upload *p = upload_get(&u, "file");
	assert_non_null(p);
	assert_string_equal(p->filename, "foto.png");
	assert_int_equal(p->len, 10);
	assert_memory_equal(p->data, "\x89PNG\0\r\n--x", 10);
}

static void multipart_broken(void **state)
{
	struct arena *a = *state;
	struct kv_list f;
	struct upload_list u;
	static const char *const bad[] = {
	    "",
	    "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
	    "--xyz\r\nno headers at all",
	    "--xyz\r\nContent-Type: text/plain\r\n\r\nx\r\n--xyz--",
	    "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--xyz--",
	    "--xyz\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--xyz--",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_not_equal(decode_multipart(a, "xyz", bad[i], strlen(bad[i]), &f, &u),
		                     DECODE_OK);
		assert_int_equal(f.n_items, 0);
		assert_int_equal(u.n_items, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(plain_markdown, setup, teardown),
	    cmocka_unit_test_setup_teardown(no_script_no_raw_html, setup, teardown),
	    cmocka_unit_test_setup_teardown(dangerous_links_emptied, setup, teardown),
	    cmocka_unit_test_setup_teardown(deep_and_long, setup, teardown),
	    cmocka_unit_test_setup_teardown(multipart_form_with_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(multipart_broken, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
