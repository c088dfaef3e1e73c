/*
 * test_instruments_zp.c - the zelftest and pulse instrument files: the
 * built-in ones are valid and complete (the five qualities of Fers and the
 * three roles; four ingredients, six to ten statements, at least five
 * answers before results), broken ones are named with their exact
 * problem, and a directory without them falls back to the built-in copies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/instrument.h"
#include "core/pulse.h"
#include "core/zelftest.h"
#include "util/embed.h"

static const char *builtin(const char *name)
{
	for (size_t i = 0; i < n_embedded_instruments; i++)
		if (strcmp(embedded_instruments[i].name, name) == 0)
			return (const char *)embedded_instruments[i].data;
	return NULL;
}

static void builtin_files_are_complete(void **state)
{
	(void)state;
	char err[400] = "";
	int rc = instruments_load(NULL, err, sizeof(err));
	if (rc != 0)
		fail_msg("%s", err);
	const struct zelftest_instrument *z = instrument_zelftest();
	assert_non_null(z);
	assert_int_equal(z->n_sections, 2);
	assert_int_equal(z->sections[0].n_items, 5);
	assert_int_equal(z->sections[1].n_items, 3);
	assert_int_equal(z->n_items, 8);
	const char *roles[] = {"bouwer", "verbinder", "aanjager"};
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(z->sections[1].items[i].id, roles[i]);
	size_t s, i;
	assert_true(zt_find_item(z, "doorvragen", &s, &i));
	assert_int_equal(s, 0);
	assert_int_equal(i, 3);
	assert_false(zt_find_item(z, "nivea", &s, &i));
	const struct pulse_instrument *p = instrument_pulse();
	assert_non_null(p);
	assert_int_equal(p->n_ingredients, 4);
	const char *ings[] = {"bezieling", "vertrouwen", "handel", "kunst"};
	size_t total = 0;
	for (size_t g = 0; g < 4; g++) {
		assert_string_equal(p->ingredients[g].id, ings[g]);
		total += p->ingredients[g].n_statements;
	}
	assert_in_range(total, 6, 10);
	assert_true(p->min_answers >= 5);
	assert_non_null(strstr(p->open_question, "?"));
	instruments_free();
	assert_null(instrument_zelftest());
	assert_null(instrument_pulse());
}

/* The built-in text of name with one substring replaced (caller frees). */
static char *variant(const char *name, const char *from, const char *to)
{
	const char *src = builtin(name);
	assert_non_null(src);
	const char *at = strstr(src, from);
	if (at == NULL)
		fail_msg("\"%s\" is not in %s", from, name);
	size_t n = strlen(src) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
	return out;
}

static const char *zparse(struct arena *a, const char *json)
{
	static char err[400];
	struct zelftest_instrument z;
	err[0] = '\0';
	return instrument_parse_zelftest(a, json, strlen(json), "z.json", &z, err, sizeof(err)) == 0
	           ? ""
	           : err;
}

static const char *pparse(struct arena *a, const char *json)
{
	static char err[400];
	struct pulse_instrument p;
	err[0] = '\0';
	return instrument_parse_pulse(a, json, strlen(json), "p.json", &p, err, sizeof(err)) == 0
	           ? ""
	           : err;
}

static void broken_zelftest_files_are_named(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(zparse(&a, "{\"instrument\": \"zelftest\",}"),
	                    "z.json: line 1, column 27: string or '}' expected near '}'");
	assert_string_equal(zparse(&a, "{\"instrument\": \"pulse\"}"),
	                    "z.json: instrument: must be \"zelftest\" (is \"pulse\")");
	char *v = variant("zelftest.json", "\"id\": \"verbinder\"", "\"id\": \"open\"");
	assert_string_equal(zparse(&a, v), "z.json: sections[1].items[1].id: id \"open\" is used "
	                                   "twice");
	free(v);
	v = variant("zelftest.json", "\"short\": \"Doorvragen\", ", "");
	assert_string_equal(zparse(&a, v), "z.json: sections[0].items[3].short: missing");
	free(v);
	v = variant("zelftest.json", "\"max\": 5", "\"max\": 4");
	assert_string_equal(zparse(&a, v),
	                    "z.json: scale.labels: must have 4 to 4 entries (has 5)");
	free(v);
	v = variant("zelftest.json", "\"min\": 1", "\"min\": 0");
	assert_string_equal(zparse(&a, v),
	                    "z.json: scale.labels: must have 6 to 6 entries (has 5)");
	free(v);
	v = variant("zelftest.json", "\"id\": \"rollen\"", "\"id\": \"Rollen\"");
	assert_string_equal(zparse(&a, v), "z.json: sections[1].id: \"Rollen\" may hold only a-z, "
	                                   "0-9, '_' and '-'");
	free(v);
	v = variant("zelftest.json", "\"sections\": [", "\"sections\": 3, \"x\": [");
	assert_string_equal(zparse(&a, v), "z.json: sections: must be a list (array)");
	free(v);
	arena_free(&a);
}

static void broken_pulse_files_are_named(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(pparse(&a, "[1]"), "p.json: (top): must be an object");
	/* results for fewer than five answers would identify people */
	char *v = variant("pulse.json", "\"min_answers\": 5", "\"min_answers\": 3");
	assert_string_equal(pparse(&a, v), "p.json: min_answers: must be between 5 and 100 (is 3)");
	free(v);
	v = variant("pulse.json", "\"min_answers\": 5,", "");
	assert_string_equal(pparse(&a, v), "p.json: min_answers: missing");
	free(v);
	v = variant("pulse.json", "\"id\": \"ku2\"", "\"id\": \"be1\"");
	assert_string_equal(pparse(&a, v), "p.json: ingredients[3].statements[1].id: id \"be1\" is "
	                                   "used twice");
	free(v);
	v = variant("pulse.json", "\"open_question\"", "\"open\"");
	assert_string_equal(pparse(&a, v), "p.json: open_question: missing");
	free(v);
	v = variant("pulse.json", "\"name\": \"Kunst\"", "\"name\": \"\"");
	assert_string_equal(pparse(&a, v), "p.json: ingredients[3].name: must not be empty");
	free(v);
	arena_free(&a);
}

/* Six statements pass; five do not (an ingredient with a single statement). */
static void pulse_needs_six_statements(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *v = variant("pulse.json",
	                  ",\n        {\"id\": \"be2\", \"text\": \"In deze groep kan ik mezelf "
	                  "zijn.\"}",
	                  "");
	assert_string_equal(pparse(&a, v), "");
	/* drop two more: five left */
	char *x = strstr(v, ",\n        {\"id\": \"ve2\"");
	assert_non_null(x);
	char *e = strchr(x + 2, '}');
	memmove(x, e + 1, strlen(e + 1) + 1);
	x = strstr(v, ",\n        {\"id\": \"ha2\"");
	assert_non_null(x);
	e = strchr(x + 2, '}');
	memmove(x, e + 1, strlen(e + 1) + 1);
	assert_string_equal(pparse(&a, v),
	                    "p.json: ingredients: must hold 6 to 10 statements in all (has 5)");
	free(v);
	arena_free(&a);
}

static void directory_with_and_without_them(void **state)
{
	(void)state;
	char dir[] = "/tmp/kring-zp-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[300], err[400], want[400];
	const char *names[] = {"meetlat.json", "readiness.json"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		fputs(builtin(names[i]), f);
		fclose(f);
	}
	/* only the meetlat's files: the built-in zelftest and pulse are used */
	assert_int_equal(instruments_load(dir, err, sizeof(err)), 0);
	assert_int_equal(instrument_zelftest()->n_items, 8);
	/* a broken zelftest.json in the directory is named and stops the start */
	snprintf(path, sizeof(path), "%s/zelftest.json", dir);
	FILE *f = fopen(path, "w");
	fputs("{\"instrument\": \"zelftest\", \"version\": \"x\"}", f);
	fclose(f);
	assert_int_equal(instruments_load(dir, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s/zelftest.json: title: missing", dir);
	assert_string_equal(err, want);
	unlink(path);
	snprintf(path, sizeof(path), "%s/pulse.json", dir);
	f = fopen(path, "w");
	fputs("{\"instrument\": \"pulse\"", f);
	fclose(f);
	assert_int_equal(instruments_load(dir, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
	         "%s/pulse.json: line 1, column 22: '}' expected near end of file", dir);
	assert_string_equal(err, want);
	unlink(path);
	instruments_free();
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builtin_files_are_complete),
	    cmocka_unit_test(broken_zelftest_files_are_named),
	    cmocka_unit_test(broken_pulse_files_are_named),
	    cmocka_unit_test(pulse_needs_six_statements),
	    cmocka_unit_test(directory_with_and_without_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
