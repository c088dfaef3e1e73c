/*
 * test_meetlat_instrument.c - the instrument files: the built-in ones are
 * valid and complete, and broken ones are named with their exact problem.
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

static void builtin_meetlat_is_complete(void **state)
{
	(void)state;
	char err[300] = "";
	assert_int_equal(instruments_load(NULL, err, sizeof(err)), 0);
	const struct meetlat_instrument *m = instrument_meetlat();
	assert_non_null(m);
	assert_int_equal(m->n_bouwstenen, 5);
	const char *names[] = {"Communicatie en Samenwerking", "Gebouw en middelen",
	                       "Kennis en Competenties", "Cultuur en Leiderschap",
	                       "Strategie en Ambitie"};
	for (size_t b = 0; b < 5; b++) {
		assert_string_equal(m->bouwstenen[b].name, names[b]);
		assert_in_range(m->bouwstenen[b].n_statements, 4, 6);
		assert_true(m->bouwstenen[b].n_support >= 1);
		assert_true(m->bouwstenen[b].n_steps >= 1);
	}
	assert_int_equal(m->n_phases, 3);
	assert_int_equal(m->scale_min, 1);
	assert_int_equal(m->scale_max, 5);
	assert_int_equal(m->n_groups, 3);
	assert_int_equal(ml_find_group(m, "frontoffice"), 2);
	assert_int_equal(ml_find_group(m, "bestuur"), -1);
	assert_int_equal(ml_find_statement(m, 0, "cs2"), 1);
	assert_int_equal(ml_find_statement(m, 1, "cs2"), -1);
	/* all five support forms of seed 003 */
	const char *support[] = {"intervisie", "kennisdeling", "opleidingen", "inspiratie",
	                         "projectondersteuning"};
	assert_int_equal(m->n_support, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(m->support[i].id, support[i]);
	assert_non_null(strstr(instrument_meetlat_json(), "\"bouwstenen\""));
	const struct readiness_instrument *r = instrument_readiness();
	assert_int_equal(r->n_questions, 6);
	instruments_free();
	assert_null(instrument_meetlat());
}

/* Parses text and returns the error message ("" when it parsed). */
static const char *parse(struct arena *a, const char *json)
{
	static char err[400];
	struct meetlat_instrument m;
	err[0] = '\0';
	if (instrument_parse_meetlat(a, json, strlen(json), "m.json", &m, err, sizeof(err)) == 0)
		return "";
	return err;
}

/* The built-in file with one substring replaced. */
static char *variant(const char *from, const char *to)
{
	char err[300];
	assert_int_equal(instruments_load(NULL, err, sizeof(err)), 0);
	const char *src = instrument_meetlat_json();
	const char *at = strstr(src, from);
	assert_non_null(at);
	size_t n = strlen(src) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
	instruments_free();
	return out;
}

static void broken_files_are_named_exactly(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(parse(&a, "{\"instrument\": \"meetlat\",}"),
	                    "m.json: line 1, column 26: string or '}' expected near '}'");
	assert_string_equal(parse(&a, "[]"), "m.json: (top): must be an object");
	assert_string_equal(parse(&a, "{\"instrument\": \"readiness\"}"),
	                    "m.json: instrument: must be \"meetlat\" (is \"readiness\")");

	char *v = variant("\"id\": \"cs3\"", "\"id\": \"cs2\"");
	assert_string_equal(parse(&a, v), "m.json: bouwstenen[0].statements[2].id: "
	                                  "id \"cs2\" is used twice");
	free(v);
	v = variant("\"support\": [\"opleidingen\", \"intervisie\"]",
	            "\"support\": [\"opleidingen\", \"coaching\"]");
	assert_string_equal(parse(&a, v), "m.json: bouwstenen[2].advice.support[1]: \"coaching\" "
	                                  "is not one of the ids in support");
	free(v);
	v = variant("\"max\": 5", "\"max\": 4");
	assert_string_equal(parse(&a, v), "m.json: scale.labels: must have 4 to 4 entries (has 5)");
	free(v);
	v = variant("\"weak_below\": 3.0", "\"weak_below\": \"laag\"");
	assert_string_equal(parse(&a, v), "m.json: weak_below: must be a number");
	free(v);
	/* the smallest group shown: a whole number, never below 2 */
	v = variant("\"min_group\": 3", "\"min_group\": 1");
	assert_string_equal(parse(&a, v), "m.json: min_group: must be between 2 and 50 (is 1)");
	free(v);
	v = variant("\"min_group\": 3", "\"min_group\": 2.5");
	assert_string_equal(parse(&a, v), "m.json: min_group: must be a whole number");
	free(v);
	v = variant("\"min_each\": 3.5", "\"min_each\": 2.0");
	assert_string_equal(parse(&a, v), "m.json: phases[2]: min_each and min_mean must not be "
	                                  "lower than in the phase before");
	free(v);
	v = variant("\"text\": \"De directie spreekt", "\"tekst\": \"De directie spreekt");
	assert_string_equal(parse(&a, v), "m.json: bouwstenen[3].statements[0].text: missing");
	free(v);
	v = variant("\"fase\": 2", "\"fase\": 3");
	assert_string_equal(parse(&a, v), "m.json: phases[1]: fase must be 2 (phases are "
	                                  "numbered 1, 2, 3 in order)");
	free(v);
	arena_free(&a);
}

/* A file without min_group hides groups below 3; one with it uses its own number. */
static void min_group_default_and_own(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct meetlat_instrument m;
	char err[400];
	char *v = variant("\"min_group\": 3,", "");
	assert_null(strstr(v, "min_group"));
	assert_int_equal(instrument_parse_meetlat(&a, v, strlen(v), "m.json", &m, err, sizeof(err)),
	                 0);
	assert_int_equal(m.min_group, 3);
	free(v);
	v = variant("\"min_group\": 3", "\"min_group\": 5");
	assert_int_equal(instrument_parse_meetlat(&a, v, strlen(v), "m.json", &m, err, sizeof(err)),
	                 0);
	assert_int_equal(m.min_group, 5);
	free(v);

	arena_free(&a);
}

static void load_from_directory(void **state)
{
	(void)state;
	char dir[] = "/tmp/kring-instr-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[300], err[400];
	/* a directory without the files */
	assert_int_equal(instruments_load(dir, err, sizeof(err)), -1);
	char want[400];
	snprintf(want, sizeof(want), "%s/meetlat.json: cannot read: No such file or directory",
	         dir);
	assert_string_equal(err, want);
	/* copies of the built-in files, one of them broken */
	assert_int_equal(instruments_load(NULL, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/meetlat.json", dir);
	FILE *f = fopen(path, "w");
	fputs(instrument_meetlat_json(), f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/readiness.json", dir);
	f = fopen(path, "w");
	fputs("{\"instrument\": \"readiness\", \"version\": \"x\"}", f);
	fclose(f);
	instruments_free();
	assert_int_equal(instruments_load(dir, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s/readiness.json: title: missing", dir);
	assert_string_equal(err, want);
	assert_null(instrument_meetlat()); /* nothing half-loaded */
	unlink(path);
	snprintf(path, sizeof(path), "%s/meetlat.json", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builtin_meetlat_is_complete),
	    cmocka_unit_test(broken_files_are_named_exactly),
	    cmocka_unit_test(min_group_default_and_own),
	    cmocka_unit_test(load_from_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
