/*
 * test_meetlat_summary.c - the stored results of a closed meetlat round
 * (issue 8, P1): closing a round stores its figures; what is read back
 * equals a fresh computation from the raw answers, bit for bit, with small
 * groups hidden; a summary that drifted is noticed by the check; a round
 * closed without a summary gets one on its first view; the instrument of a
 * round is parsed once and then served from the process-wide cache.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/instrument.h"
#include "core/meetlat.h"
#include "core/meetlat_summary.h"
#include "core/org.h"

static struct db *db;
static char path[] = "/tmp/kring-meetlat-summary-XXXXXX";
static long long org, person;
static long long round_id;

static long long figures(long long id)
{
	long long n = -1;
	assert_int_equal(db_query_int(db,
	                              "SELECT COUNT(*) FROM meetlat_round_figures"
	                              " WHERE round_id = ?",
	                              DB_ARGS(DB_INT(id)), &n),
	                 DB_ROW);
	return n;
}

/*
 * A response in group with value v + (k + r) % 3 - 1 on statement k
 * (clamped to the scale), "weet ik niet" on every third statement of the
 * second bouwsteen: respondent means that are not round numbers.
 */
static void answer(struct arena *a, const struct meetlat_instrument *in, const char *group, int v,
                   int r)
{
	struct ml_submission s;
	memset(&s, 0, sizeof(s));
	s.group = group;
	s.nonce = meetlat_new_token(a);
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		for (size_t k = 0; k < in->bouwstenen[b].n_statements; k++) {
			int x = v + (int)((k + (size_t)r) % 3) - 1;
			if (x < in->scale_min)
				x = in->scale_min;
			if (x > in->scale_max)
				x = in->scale_max;
			s.values[b][k] = (b == 1 && k % 3 == 0) ? 0 : x;
		}
	s.comments[0] = r == 0 ? "Goed begin" : NULL;
	assert_int_equal(meetlat_submit(db, org, round_id, in, &s), ML_SUBMIT_OK);
}

static int setup(void **state)
{
	(void)state;
	char err[400];
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	if (db_global_init() != DB_OK || db_open(&db, path, err, sizeof(err)) != DB_OK ||
	    db_migrate(db, err, sizeof(err)) != DB_OK ||
	    instruments_load(NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (org_create(db, "a", "A", &org) != 0 ||
	    person_create(db, "p@x.nl", "P", "x", &person) != 0)
		return -1;
	/*
	 * staf: 4 people (shown), frontoffice: 1 (hidden), directie: 3 (hidden as
	 * well: one hidden count could be worked out from the total)
	 */
	const struct meetlat_instrument *in = instrument_meetlat();
	struct arena a;
	arena_init(&a);
	if (meetlat_round_open(db, org, person, "Meting", 0, &round_id) != SAVE_OK)
		return -1;
	for (int r = 0; r < 4; r++)
		answer(&a, in, "staf", 2 + r % 3, r);
	for (int r = 0; r < 3; r++)
		answer(&a, in, "directie", 4, r + 1);
	answer(&a, in, "frontoffice", 1, 2);
	arena_free(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	instruments_free();
	char p[64];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static void closing_stores_what_a_fresh_computation_gives(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ml_round r;
	assert_int_equal(meetlat_round_get(db, &a, org, round_id, &r), 1);
	assert_true(r.open);
	assert_int_equal(figures(round_id), 0); /* nothing stored while open */
	assert_int_equal(meetlat_round_close(db, org, person, round_id, 0), SAVE_OK);
	assert_int_equal(meetlat_round_get(db, &a, org, round_id, &r), 1);
	assert_false(r.open);

	struct meetlat_instrument in;
	assert_int_equal(meetlat_instrument_of(db, &a, &r, &in), 0);
	/* everyone's count, one row per bouwsteen, and the same per role group */
	assert_int_equal(figures(round_id), (long long)((1 + in.n_groups) * (1 + in.n_bouwstenen)));

	struct ml_scores stored, fresh;
	assert_int_equal(meetlat_summary_read(db, round_id, &in, &stored), 1);
	assert_int_equal(meetlat_round_compute(db, &a, org, &r, &in, &fresh), 0);
	assert_true(ml_scores_equal(&in, &stored, &fresh));
	bool same = false;
	assert_int_equal(meetlat_summary_check(db, &a, org, &r, &same), 1);
	assert_true(same);

	/* what a view gets is the stored summary, equal to the fresh figures */
	struct meetlat_instrument vin;
	struct ml_scores view;
	assert_int_equal(meetlat_round_scores(db, &a, org, &r, &vin, &view), 0);
	assert_true(ml_scores_equal(&in, &view, &fresh));

	/* the figures themselves: 8 respondents, only staf shown per group */
	assert_int_equal(stored.n_respondents, 8);
	int staf = ml_find_group(&in, "staf"), dir = ml_find_group(&in, "directie"),
	    front = ml_find_group(&in, "frontoffice");
	assert_int_equal(stored.n_group[staf], 4);
	assert_true(stored.group_hidden[dir]);
	assert_int_equal(stored.n_group[dir], 0);
	assert_true(stored.group_hidden[front]);
	assert_int_equal(stored.n_group[front], 0);
	for (size_t b = 0; b < in.n_bouwstenen; b++) {
		assert_int_equal(stored.all[b].n, 8);
		assert_true(stored.all[b].mean > 1.0 && stored.all[b].mean < 5.0);
		assert_true(stored.all[b].sd > 0.0);
		assert_true(stored.group[front][b].hidden);
		assert_true(stored.group[dir][b].hidden);
		assert_false(stored.group[staf][b].hidden);
		assert_int_equal(stored.group[staf][b].n, 4);
	}
	arena_free(&a);
}

static void a_drifted_summary_is_noticed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ml_round r;
	assert_int_equal(meetlat_round_get(db, &a, org, round_id, &r), 1);
	bool same = true;
	assert_int_equal(db_exec(db,
	                         "UPDATE meetlat_round_figures SET n = n + 1"
	                         " WHERE round_id = ? AND role_group = 'staf' AND bouwsteen <> ''",
	                         DB_ARGS(DB_INT(round_id))),
	                 DB_OK);
	assert_int_equal(meetlat_summary_check(db, &a, org, &r, &same), 1);
	assert_false(same);
	/* a round without any stored figures cannot be compared */
	assert_int_equal(db_exec(db, "DELETE FROM meetlat_round_figures WHERE round_id = ?",
	                         DB_ARGS(DB_INT(round_id))),
	                 DB_OK);
	assert_int_equal(meetlat_summary_check(db, &a, org, &r, &same), 0);
	arena_free(&a);
}

static void a_round_without_summary_gets_one_on_its_first_view(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ml_round r;
	assert_int_equal(meetlat_round_get(db, &a, org, round_id, &r), 1);
	assert_int_equal(figures(round_id), 0); /* deleted by the test before */
	struct meetlat_instrument in;
	struct ml_scores view, fresh;
	assert_int_equal(meetlat_round_scores(db, &a, org, &r, &in, &view), 0);
	assert_int_equal(figures(round_id), (long long)((1 + in.n_groups) * (1 + in.n_bouwstenen)));
	assert_int_equal(meetlat_round_compute(db, &a, org, &r, &in, &fresh), 0);
	assert_true(ml_scores_equal(&in, &view, &fresh));
	bool same = false;
	assert_int_equal(meetlat_summary_check(db, &a, org, &r, &same), 1);
	assert_true(same);
	arena_free(&a);
}

static void a_rounds_instrument_is_parsed_once(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ml_round r;
	assert_int_equal(meetlat_round_get(db, &a, org, round_id, &r), 1);
	instrument_cache_clear();
	assert_int_equal(instrument_cache_size(), 0);
	struct meetlat_instrument first, second;
	assert_int_equal(meetlat_instrument_of(db, &a, &r, &first), 0);
	assert_int_equal(instrument_cache_size(), 1);
	assert_int_equal(meetlat_instrument_of(db, &a, &r, &second), 0);
	assert_int_equal(instrument_cache_size(), 1);
	/* the same parsed text: the very same strings, equal to the current instrument */
	assert_ptr_equal(first.bouwstenen[0].statements[0].text,
	                 second.bouwstenen[0].statements[0].text);
	const struct meetlat_instrument *cur = instrument_meetlat();
	assert_string_equal(second.version, cur->version);
	assert_int_equal(second.n_bouwstenen, cur->n_bouwstenen);
	for (size_t b = 0; b < cur->n_bouwstenen; b++)
		assert_string_equal(second.bouwstenen[b].statements[0].text,
		                    cur->bouwstenen[b].statements[0].text);
	/* an unknown hash is not in the cache */
	assert_int_equal(instrument_cache_get("0000", &second), 0);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(closing_stores_what_a_fresh_computation_gives),
	    cmocka_unit_test(a_drifted_summary_is_noticed),
	    cmocka_unit_test(a_round_without_summary_gets_one_on_its_first_view),
	    cmocka_unit_test(a_rounds_instrument_is_parsed_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
