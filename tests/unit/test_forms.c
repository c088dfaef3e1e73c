/*
 * test_forms.c - reading, validating and rendering forms (web/form.c).
 */
#include "web/form.h"
#include "web/layout.h"
#include "testutil.h"

static const char *const kinds[] = {"boek", "film", "spel", NULL};
static const char *const kind_labels[] = {"Boek", "Film & serie", "Spel", NULL};

static const struct field_spec specs[] = {
    {.name = "name", .label = "Naam", .kind = FIELD_TEXT, .required = true, .max_len = 5},
    {.name = "email", .label = "E-mailadres", .kind = FIELD_EMAIL},
    {.name = "kind",
     .label = "Soort",
     .kind = FIELD_SELECT,
     .options = kinds,
     .option_labels = kind_labels},
    {.name = "password", .label = "Wachtwoord", .kind = FIELD_PASSWORD},
    {.name = "note", .label = "Notitie", .hint = "Kort graag.", .kind = FIELD_TEXTAREA},
};
#define N_SPECS (sizeof(specs) / sizeof(specs[0]))

struct fx {
	struct req r;
	struct form f;
	struct html h;
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	if (x == NULL)
		return -1;
	arena_init(&x->r.arena);
	html_init(&x->h, &x->r.arena);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	arena_free(&x->r.arena);
	free(x);
	return 0;
}

/* Reads body (urlencoded) into the form; returns form_read's verdict. */
static bool read_body(struct fx *x, const char *body)
{
	x->r.form.items = NULL;
	x->r.form.n_items = 0;
	assert_int_equal(decode_urlencoded(&x->r.arena, body, strlen(body), &x->r.form), DECODE_OK);
	return form_read(&x->r, &x->f, specs, N_SPECS);
}

static const char *err(const struct fx *x, size_t i)
{
	return x->f.errors[i];
}

/* ---- reading ---- */

static void test_valid_form(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=Anna&email=anna%40bieb.nl&kind=film&password=x&note=hoi"));
	assert_int_equal(x->f.n_errors, 0);
	assert_string_equal(form_value(&x->f, "name"), "Anna");
	assert_string_equal(form_value(&x->f, "email"), "anna@bieb.nl");
	assert_string_equal(form_value(&x->f, "kind"), "film");
	assert_string_equal(form_value(&x->f, "note"), "hoi");
	assert_string_equal(form_value(&x->f, "nope"), "");
	for (size_t i = 0; i < N_SPECS; i++)
		assert_null(err(x, i));
}

static void test_trims_but_not_passwords(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=+%09Anna%0D%0A+&email=+a%40b.nl+&note=%0A+twee+woorden+%0A"
	                         "&password=+geheim+"));
	assert_string_equal(form_value(&x->f, "name"), "Anna");
	assert_string_equal(form_value(&x->f, "email"), "a@b.nl");
	assert_string_equal(form_value(&x->f, "note"), "twee woorden");
	assert_string_equal(form_value(&x->f, "password"), " geheim ");
}

static void test_required(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "email=a%40b.nl"));
	assert_int_equal(x->f.n_errors, 1);
	assert_string_equal(err(x, 0), "Vul ‘Naam’ in.");
	/* only blanks counts as empty */
	assert_false(read_body(x, "name=+++%09"));
	assert_string_equal(err(x, 0), "Vul ‘Naam’ in.");
	assert_string_equal(form_value(&x->f, "name"), "");
	/* optional fields may be empty */
	assert_true(read_body(x, "name=A&email=&kind=&note="));
}

static void test_max_len_in_characters(void **state)
{
	struct fx *x = *state;
	/* 5 characters of 2, 3 and 4 bytes each are fine with max_len 5 */
	assert_true(read_body(x, "name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"));
	assert_string_equal(form_value(&x->f, "name"), "ééééé");
	assert_true(read_body(x, "name=東京東京東"));
	assert_true(
	    read_body(x, "name=%F0%9F%99%82%F0%9F%99%82%F0%9F%99%82%F0%9F%99%82%F0%9F%99%82"));
	assert_true(read_body(x, "name=abcde"));
	/* 6 is too many */
	assert_false(read_body(x, "name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"));
	assert_string_equal(err(x, 0), "Naam mag hoogstens 5 tekens lang zijn (nu 6).");
	assert_false(read_body(x, "name=abcdef"));
	assert_string_equal(err(x, 0), "Naam mag hoogstens 5 tekens lang zijn (nu 6).");
	/* blanks around the value do not count */
	assert_true(read_body(x, "name=+++abcde+++"));
}

static void test_default_max_len_1000(void **state)
{
	struct fx *x = *state;
	char *body = malloc(1100);
	assert_non_null(body);
	strcpy(body, "name=A&note=");
	size_t off = strlen(body);
	memset(body + off, 'n', 1000);
	body[off + 1000] = '\0';
	assert_true(read_body(x, body));
	strcat(body, "n");
	assert_false(read_body(x, body));
	assert_string_equal(err(x, 4), "Notitie mag hoogstens 1000 tekens lang zijn (nu 1001).");
	free(body);
}

static void test_select_outside_options(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "name=A&kind=boot"));
	assert_string_equal(err(x, 2), "Kies een van de mogelijkheden bij Soort.");
	/* labels are not values, case matters */
	assert_false(read_body(x, "name=A&kind=Boek"));
	assert_false(read_body(x, "name=A&kind=Spel"));
	assert_true(read_body(x, "name=A&kind=spel"));
	/* surrounding blanks are trimmed before the check */
	assert_true(read_body(x, "name=A&kind=+boek+"));
	assert_string_equal(form_value(&x->f, "kind"), "boek");
}

static void test_email_check(void **state)
{
	struct fx *x = *state;
	static const char *const good[] = {"a%40b", "naam%40bibliotheek.nl",
	                                   "x.y%2Bz%40sub.bieb.nl"};
	static const char *const bad[] = {"naambieb.nl", "%40bieb.nl", "naam%40", "na+am%40bieb.nl",
	                                  "naam%40bi+eb.nl"};
	char body[128];
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(body, sizeof(body), "name=A&email=%s", good[i]);
		if (!read_body(x, body))
			fail_msg("email %s was refused: %s", good[i], err(x, 1));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "name=A&email=%s", bad[i]);
		if (read_body(x, body))
			fail_msg("email %s was accepted", bad[i]);
		assert_string_equal(err(x, 1),
		                    "Vul een geldig e-mailadres in, zoals naam@bibliotheek.nl.");
	}
}

static void test_several_errors_counted(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "email=nope&kind=x&name="));
	assert_int_equal(x->f.n_errors, 3);
	assert_non_null(err(x, 0));
	assert_non_null(err(x, 1));
	assert_non_null(err(x, 2));
	assert_null(err(x, 3));
	assert_null(err(x, 4));
}

static void test_undeclared_fields_ignored(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=A&is_admin=1&org_id=7"));
	assert_string_equal(form_value(&x->f, "is_admin"), "");
	assert_int_equal(x->f.n_specs, N_SPECS);
}

static void test_first_value_wins(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=Eerst&name=Tweede"));
	assert_string_equal(form_value(&x->f, "name"), "Eerst");
}

static void test_form_error_and_set(void **state)
{
	struct fx *x = *state;
	form_init(&x->f, specs, N_SPECS);
	assert_int_equal(x->f.n_errors, 0);
	form_set(&x->f, "name", "Bo");
	form_set(&x->f, "unknown", "x");
	assert_string_equal(form_value(&x->f, "name"), "Bo");
	form_error(&x->f, "email", "Eerste fout.");
	form_error(&x->f, "email", "Tweede fout.");
	form_error(&x->f, "unknown", "Niets.");
	assert_int_equal(x->f.n_errors, 1);
	assert_string_equal(err(x, 1), "Tweede fout.");
}

/* ---- rendering ---- */

static bool has(const struct fx *x, const char *needle)
{
	return strstr(buf_str((struct buf *)&x->h.out), needle) != NULL;
}

static void expect_has(const struct fx *x, const char *needle)
{
	if (!has(x, needle))
		fail_msg("missing %s\nin: %s", needle, buf_str((struct buf *)&x->h.out));
}

static void test_render_keeps_typed_values_escaped(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "name=%3Cb%3E%22%27%26x&note=%3C%2Ftextarea%3E%3Cscript%3E"
	                          "&kind=boek&email=%22%3E%3Cscript%3E"));
	form_field(&x->h, &x->f, "name");
	form_field(&x->h, &x->f, "note");
	form_field(&x->h, &x->f, "email");
	expect_has(x, "value=\"&lt;b&gt;&quot;&#39;&amp;x\"");
	expect_has(x, ">&lt;/textarea&gt;&lt;script&gt;</textarea>");
	expect_has(x, "value=\"&quot;&gt;&lt;script&gt;\"");
	assert_false(has(x, "<script>"));
	assert_false(has(x, "<b>"));
}

static void test_render_marks_invalid(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "name=abcdefgh"));
	form_field(&x->h, &x->f, "name");
	expect_has(x, "id=\"f-name\"");
	expect_has(x, "name=\"name\"");
	expect_has(x, "aria-invalid=\"true\"");
	expect_has(x, "aria-describedby=\"f-name-error\"");
	expect_has(x, "id=\"f-name-error\">Naam mag hoogstens 5 tekens lang zijn (nu 8).</p>");
	expect_has(x, "utrecht-form-field--invalid");
	expect_has(x, "required aria-required=\"true\"");
	expect_has(x, "for=\"f-name\"");
	/* the typed value is kept for correction */
	expect_has(x, "value=\"abcdefgh\"");
}

static void test_render_valid_field_not_marked(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=abc"));
	form_field(&x->h, &x->f, "name");
	form_field(&x->h, &x->f, "email");
	assert_false(has(x, "aria-invalid"));
	assert_false(has(x, "--invalid"));
	assert_false(has(x, "aria-describedby"));
	/* the optional field says so */
	expect_has(x, "(niet verplicht)");
}

static void test_render_hint_and_error_described(void **state)
{
	struct fx *x = *state;
	form_init(&x->f, specs, N_SPECS);
	form_field(&x->h, &x->f, "note");
	expect_has(x, "id=\"f-note-hint\">Kort graag.</p>");
	expect_has(x, "aria-describedby=\"f-note-hint\"");
	html_init(&x->h, &x->r.arena);
	form_error(&x->f, "note", "Te <lang>.");
	form_field(&x->h, &x->f, "note");
	expect_has(x, "aria-describedby=\"f-note-hint f-note-error\"");
	expect_has(x, "id=\"f-note-error\">Te &lt;lang&gt;.</p>");
}

static void test_render_password_never_echoed(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=A&password=hunter2-geheim"));
	form_field(&x->h, &x->f, "password");
	expect_has(x, "type=\"password\"");
	assert_false(has(x, "hunter2"));
}

static void test_render_select(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=A&kind=film"));
	form_field(&x->h, &x->f, "kind");
	expect_has(x, "<select class=\"utrecht-select\" id=\"f-kind\" name=\"kind\"");
	expect_has(x, "<option value=\"boek\">Boek</option>");
	expect_has(x, "<option value=\"film\" selected>Film &amp; serie</option>");
	expect_has(x, "<option value=\"spel\">Spel</option>");
	/* exactly one option is selected */
	const char *s = buf_str(&x->h.out);
	const char *p = strstr(s, " selected");
	assert_non_null(p);
	assert_null(strstr(p + 1, " selected"));
}

static void test_error_summary_links_to_fields(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "email=geen-adres&kind=x"));
	form_error_summary(&x->h, &x->f);
	expect_has(x, "role=\"alert\"");
	expect_has(x, "Controleer het formulier");
	expect_has(x, "<a class=\"utrecht-link\" href=\"#f-name\">Vul ‘Naam’ in.</a>");
	expect_has(x, "href=\"#f-email\">Vul een geldig e-mailadres in");
	expect_has(x, "href=\"#f-kind\">Kies een van de mogelijkheden bij Soort.</a>");
	assert_false(has(x, "#f-note"));
	assert_false(has(x, "#f-password"));
	/* each link target exists once the fields are rendered */
	form_field(&x->h, &x->f, "name");
	form_field(&x->h, &x->f, "email");
	form_field(&x->h, &x->f, "kind");
	expect_has(x, "id=\"f-name\"");
	expect_has(x, "id=\"f-email\"");
	expect_has(x, "id=\"f-kind\"");
}

static void test_error_summary_with_prefix(void **state)
{
	struct fx *x = *state;
	assert_false(read_body(x, "name="));
	x->f.id_prefix = "b12-";
	form_error_summary(&x->h, &x->f);
	form_field(&x->h, &x->f, "name");
	expect_has(x, "href=\"#b12-name\"");
	expect_has(x, "id=\"b12-name\"");
	expect_has(x, "for=\"b12-name\"");
	expect_has(x, "aria-describedby=\"b12-name-error\"");
	assert_false(has(x, "f-name"));
}

static void test_error_summary_empty_without_errors(void **state)
{
	struct fx *x = *state;
	assert_true(read_body(x, "name=A"));
	form_error_summary(&x->h, &x->f);
	assert_string_equal(html_str(&x->h), "");
	form_field(&x->h, &x->f, "nope"); /* unknown field: nothing */
	assert_string_equal(html_str(&x->h), "");
}

static void test_form_begin_end(void **state)
{
	struct fx *x = *state;
	/* the router sets the token before the handler; the form writes it */
	const char *token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ01234-_";
	x->r.csrf = token;
	form_begin(&x->h, &x->r, "/o/a/branches?x=1&y=\"2\"");
	form_end(&x->h, "Opslaan & verder");
	expect_has(x, "method=\"post\" action=\"/o/a/branches?x=1&amp;y=&quot;2&quot;\"");
	expect_has(x, "<input type=\"hidden\" name=\"csrf\" value=\"");
	expect_has(x, ">Opslaan &amp; verder</button></p></form>");
	char tok[128];
	assert_true(t_csrf(html_str(&x->h), tok, sizeof(tok)));
	assert_int_equal(strlen(tok), 43);
	assert_string_equal(tok, token);
}

/* ---- the form refuses what it cannot hold ---- */

/* FORM_MAX_FIELDS + 1 fields, the last a hidden version. */
static struct field_spec big_specs[FORM_MAX_FIELDS + 1];
static char big_names[FORM_MAX_FIELDS + 1][8];

static void fill_big_specs(void)
{
	for (size_t i = 0; i <= FORM_MAX_FIELDS; i++) {
		snprintf(big_names[i], sizeof(big_names[i]), "f%zu", i);
		big_specs[i] = (struct field_spec){.name = big_names[i], .label = big_names[i]};
	}
	big_specs[FORM_MAX_FIELDS - 1] =
	    (struct field_spec){.name = "version", .label = "versie", .kind = FIELD_ID};
}

static void init_big_form(void *arg)
{
	struct form *f = arg;
	form_init(f, big_specs, FORM_MAX_FIELDS + 1);
}

static void read_big_form(void *arg)
{
	struct fx *x = arg;
	form_read(&x->r, &x->f, big_specs, FORM_MAX_FIELDS + 1);
}

/* Runs fn(arg) in a child; returns its wait status and what it wrote to stderr. */
static int run_child_capture(void (*fn)(void *), void *arg, char *out, size_t outlen)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		signal(SIGABRT, SIG_DFL);
		fn(arg);
		_exit(0);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t k;
	while (n + 1 < outlen && (k = read(fds[0], out + n, outlen - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(fds[0]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void test_too_many_fields_abort_naming_the_form(void **state)
{
	struct fx *x = *state;
	fill_big_specs();
	char msg[4096];
	int status = run_child_capture(init_big_form, &x->f, msg, sizeof(msg));
	assert_true(t_aborted(status));
	if (strstr(msg, "form big_specs (") == NULL || strstr(msg, "test_forms.c:") == NULL ||
	    strstr(msg, "declares 33 fields") == NULL)
		fail_msg("abort message does not name the form: %s", msg);
	/* reading a request with it aborts the same way */
	assert_int_equal(decode_urlencoded(&x->r.arena, "version=3", 9, &x->r.form), DECODE_OK);
	status = run_child_capture(read_big_form, x, msg, sizeof(msg));
	assert_true(t_aborted(status));
	assert_non_null(strstr(msg, "form big_specs ("));
}

static void test_full_form_keeps_its_last_field(void **state)
{
	struct fx *x = *state;
	fill_big_specs();
	const char *body = "f0=a&f30=b&version=12";
	assert_int_equal(decode_urlencoded(&x->r.arena, body, strlen(body), &x->r.form), DECODE_OK);
	assert_true(form_read(&x->r, &x->f, big_specs, FORM_MAX_FIELDS));
	assert_int_equal(x->f.n_specs, FORM_MAX_FIELDS);
	assert_string_equal(form_value(&x->f, "f0"), "a");
	assert_string_equal(form_value(&x->f, "f30"), "b");
	assert_int_equal(form_id(&x->f, "version"), 12);
}

/* ---- ids ---- */

static void test_parse_id_strict(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		long long want; /* 0: refused */
	} cases[] = {
	    {"1", 1},
	    {"42", 42},
	    {"1000", 1000},
	    {"9007199254740991", 9007199254740991LL}, /* 2^53 - 1 */
	    {"9007199254740992", 0},                  /* 2^53 */
	    {"99999999999999999999999", 0},
	    {"9223372036854775808", 0}, /* past long long */
	    {"", 0},
	    {"0", 0},
	    {"00", 0},
	    {"01", 0},
	    {"+1", 0},
	    {"-1", 0},
	    {" 1", 0},
	    {"1 ", 0},
	    {"1\n", 0},
	    {"1a", 0},
	    {"1.0", 0},
	    {"1e3", 0},
	    {"0x10", 0},
	    {"١", 0}, /* an Arabic-Indic one */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long v = -7;
		bool ok = form_parse_id(cases[i].in, &v);
		if (ok != (cases[i].want != 0) || (ok && v != cases[i].want) || (!ok && v != -7))
			fail_msg("form_parse_id(\"%s\") gave %d, %lld", cases[i].in, ok, v);
	}
	long long v = -7;
	assert_false(form_parse_id(NULL, &v));
	assert_int_equal(v, -7);
}

static const struct field_spec id_specs[] = {
    {.name = "name", .label = "Naam", .kind = FIELD_TEXT},
    {.name = "version", .label = "versie", .kind = FIELD_ID},
};

static bool read_ids(struct fx *x, const char *body)
{
	x->r.form.items = NULL;
	x->r.form.n_items = 0;
	assert_int_equal(decode_urlencoded(&x->r.arena, body, strlen(body), &x->r.form), DECODE_OK);
	return form_read(&x->r, &x->f, id_specs, 2);
}

static void form_id_of_text_field(void *arg)
{
	form_id(arg, "name");
}

static void form_id_of_unknown_field(void *arg)
{
	form_id(arg, "nope");
}

static void test_field_id(void **state)
{
	struct fx *x = *state;
	assert_true(read_ids(x, "name=a&version=17"));
	assert_int_equal(form_id(&x->f, "version"), 17);
	assert_true(read_ids(x, "name=a"));
	assert_int_equal(form_id(&x->f, "version"), 0); /* empty: 0 */
	static const char *const bad[] = {"version=01",
	                                  "version=%2B1",
	                                  "version=-1",
	                                  "version=+1",
	                                  "version=1x",
	                                  "version=0",
	                                  "version=9007199254740992"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (read_ids(x, bad[i]))
			fail_msg("%s accepted", bad[i]);
		assert_int_equal(x->f.n_errors, 1);
		assert_non_null(x->f.errors[1]);
		assert_non_null(strstr(x->f.errors[1], "versie"));
	}
	/* not trimmed: a space is not part of an id */
	assert_false(read_ids(x, "version=+7+"));
	/* asking an id of a field that is not FIELD_ID is a programming error */
	assert_true(t_aborted(t_run_child(form_id_of_text_field, &x->f)));
	assert_true(t_aborted(t_run_child(form_id_of_unknown_field, &x->f)));
}

static void test_field_id_renders_hidden(void **state)
{
	struct fx *x = *state;
	form_init(&x->f, id_specs, 2);
	form_set(&x->f, "version", "5");
	form_field(&x->h, &x->f, "version");
	expect_has(x, "<input type=\"hidden\" id=\"f-version\" name=\"version\" value=\"5\">");
	assert_false(has(x, "<label"));
}

static void test_req_ids(void **state)
{
	struct fx *x = *state;
	const char *q = "page=3&p=07&c=-2&big=9007199254740992&e=";
	assert_int_equal(decode_urlencoded(&x->r.arena, q, strlen(q), &x->r.query), DECODE_OK);
	assert_int_equal(req_query_id(&x->r, "page"), 3);
	assert_int_equal(req_query_id(&x->r, "p"), 0);
	assert_int_equal(req_query_id(&x->r, "c"), 0);
	assert_int_equal(req_query_id(&x->r, "big"), 0);
	assert_int_equal(req_query_id(&x->r, "e"), 0);
	assert_int_equal(req_query_id(&x->r, "absent"), 0);
	const char *b = "partner=12&community=1%200";
	assert_int_equal(decode_urlencoded(&x->r.arena, b, strlen(b), &x->r.form), DECODE_OK);
	assert_int_equal(req_form_id(&x->r, "partner"), 12);
	assert_int_equal(req_form_id(&x->r, "community"), 0);
	assert_int_equal(req_form_id(&x->r, "page"), 0); /* the query is not the body */
}

/* ---- radio buttons and their chosen dot ---- */

static const char *const yesno[] = {"ja", "nee", NULL};
static const char *const yesno_labels[] = {"Ja", "Nee", NULL};
static const struct field_spec radio_specs[] = {
    {.name = "ok",
     .label = "Akkoord",
     .kind = FIELD_RADIO,
     .required = true,
     .options = yesno,
     .option_labels = yesno_labels},
};

static void test_radio_uses_the_checked_variant(void **state)
{
	struct fx *x = *state;
	form_init(&x->f, radio_specs, 1);
	form_set(&x->f, "ok", "nee");
	form_field(&x->h, &x->f, "ok");
	/* the html-input variant is the one whose :checked rule draws the dot */
	expect_has(x, "<input class=\"utrecht-radio-button utrecht-radio-button--html-input\" "
	              "type=\"radio\" id=\"f-ok-2\" name=\"ok\" value=\"nee\" checked>");
	expect_has(x, "<input class=\"utrecht-radio-button utrecht-radio-button--html-input\" "
	              "type=\"radio\" id=\"f-ok-1\" name=\"ok\" value=\"ja\">");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T_(test_valid_form),
	    T_(test_trims_but_not_passwords),
	    T_(test_required),
	    T_(test_max_len_in_characters),
	    T_(test_default_max_len_1000),
	    T_(test_select_outside_options),
	    T_(test_email_check),
	    T_(test_several_errors_counted),
	    T_(test_undeclared_fields_ignored),
	    T_(test_first_value_wins),
	    T_(test_form_error_and_set),
	    T_(test_render_keeps_typed_values_escaped),
	    T_(test_render_marks_invalid),
	    T_(test_render_valid_field_not_marked),
	    T_(test_render_hint_and_error_described),
	    T_(test_render_password_never_echoed),
	    T_(test_render_select),
	    T_(test_error_summary_links_to_fields),
	    T_(test_error_summary_with_prefix),
	    T_(test_error_summary_empty_without_errors),
	    T_(test_form_begin_end),
	    T_(test_too_many_fields_abort_naming_the_form),
	    T_(test_full_form_keeps_its_last_field),
	    T_(test_parse_id_strict),
	    T_(test_field_id),
	    T_(test_field_id_renders_hidden),
	    T_(test_req_ids),
	    T_(test_radio_uses_the_checked_variant),
	};
#undef T_
	return cmocka_run_group_tests_name("forms", tests, NULL, NULL);
}
