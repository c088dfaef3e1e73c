/*
 * test_meetlat_db.c - meetlat rounds in a real (temporary) database: a
 * response is stored whole or not at all; a second response of the same
 * person or form, an answer to a closed round, to another organisation's
 * round, or off the scale stores nothing; scores read back from the
 * database match the hand-computed ones.
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
#include "core/org.h"

static struct db *db;
static char path[] = "/tmp/kring-meetlat-db-XXXXXX";
static long long org_a, org_b, person;

static long long count(const char *sql)
{
	long long n = -1;
	assert_int_equal(db_query_int_(db, sql, DB_NOARGS, &n), DB_ROW);
	return n;
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
	if (org_create(db, "a", "A", &org_a) != 0 || org_create(db, "b", "B", &org_b) != 0 ||
	    person_create(db, "p@x.nl", "P", "x", &person) != 0)
		return -1;
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

/* A submission with every statement of bouwsteen b at v (others unanswered). */
static struct ml_submission sub(struct arena *a, long long who, const char *group, int v)
{
	struct ml_submission s;
	memset(&s, 0, sizeof(s));
	s.person_id = who;
	s.group = group;
	s.nonce = meetlat_new_token(a);
	const struct meetlat_instrument *in = instrument_meetlat();
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		for (size_t k = 0; k < in->bouwstenen[b].n_statements; k++)
			s.values[b][k] = v;
	return s;
}

static void answers_whole_or_not_at_all(void **state)
{
	(void)state;
	const struct meetlat_instrument *in = instrument_meetlat();
	struct arena a;
	arena_init(&a);
	long long id = 0, other = 0;
	assert_int_equal(meetlat_round_open(db, org_a, person, "R1", 0, &id), SAVE_OK);
	assert_int_equal(meetlat_round_open(db, org_b, person, "R2", 0, &other), SAVE_OK);
	long long answers0 = count("SELECT COUNT(*) FROM meetlat_answers");

	/* a person, then anonymous twice */
	struct ml_submission s = sub(&a, person, "directie", 4);
	s.comments[2] = "Meer training.";
	assert_int_equal(meetlat_submit(db, org_a, id, in, &s), ML_SUBMIT_OK);
	struct ml_submission anon = sub(&a, 0, "frontoffice", 2);
	anon.values[0][0] = 0; /* weet ik niet */
	assert_int_equal(meetlat_submit(db, org_a, id, in, &anon), ML_SUBMIT_OK);
	long long responses = count("SELECT COUNT(*) FROM meetlat_responses");
	long long answers = count("SELECT COUNT(*) FROM meetlat_answers");
	assert_int_equal(responses, 2);
	assert_int_equal(answers - answers0, 25 + 24);

	/* the same person again, the same form again */
	struct ml_submission again = sub(&a, person, "staf", 1);
	assert_int_equal(meetlat_submit(db, org_a, id, in, &again), ML_SUBMIT_TWICE);
	assert_int_equal(meetlat_submit(db, org_a, id, in, &anon), ML_SUBMIT_TWICE);
	/* off the scale in the last statement only: the whole response is refused */
	struct ml_submission off = sub(&a, 0, "staf", 3);
	off.values[4][4] = 6;
	assert_int_equal(meetlat_submit(db, org_a, id, in, &off), ML_SUBMIT_INVALID);
	off.values[4][4] = -2;
	assert_int_equal(meetlat_submit(db, org_a, id, in, &off), ML_SUBMIT_INVALID);
	/* unknown group, bad nonce, nothing answered */
	struct ml_submission bad = sub(&a, 0, "bestuur", 3);
	assert_int_equal(meetlat_submit(db, org_a, id, in, &bad), ML_SUBMIT_INVALID);
	bad = sub(&a, 0, "staf", 3);
	bad.nonce = "kort";
	assert_int_equal(meetlat_submit(db, org_a, id, in, &bad), ML_SUBMIT_INVALID);
	struct ml_submission empty = sub(&a, 0, "staf", 0);
	assert_int_equal(meetlat_submit(db, org_a, id, in, &empty), ML_SUBMIT_EMPTY);
	/* a round of another organisation, or no round at all */
	struct ml_submission elsewhere = sub(&a, 0, "staf", 3);
	assert_int_equal(meetlat_submit(db, org_a, other, in, &elsewhere), ML_SUBMIT_NOT_FOUND);
	assert_int_equal(meetlat_submit(db, org_b, id, in, &elsewhere), ML_SUBMIT_NOT_FOUND);
	assert_int_equal(meetlat_submit(db, org_a, 999999, in, &elsewhere), ML_SUBMIT_NOT_FOUND);
	/* nothing of all that was stored */
	assert_int_equal(count("SELECT COUNT(*) FROM meetlat_responses"), responses);
	assert_int_equal(count("SELECT COUNT(*) FROM meetlat_answers"), answers);
	assert_int_equal(count("SELECT COUNT(*) FROM meetlat_comments"), 1);

	/* closing: the other organisation cannot, twice is refused, then no answers */
	assert_int_equal(meetlat_round_close(db, org_b, person, id, 0), SAVE_NOT_FOUND);
	assert_int_equal(meetlat_round_close(db, org_a, person, id, 0), SAVE_OK);
	assert_int_equal(meetlat_round_close(db, org_a, person, id, 0), SAVE_REFUSED);
	struct ml_submission late = sub(&a, 0, "staf", 3);
	assert_int_equal(meetlat_submit(db, org_a, id, in, &late), ML_SUBMIT_CLOSED);
	assert_int_equal(count("SELECT COUNT(*) FROM meetlat_responses"), responses);

	/* read back and scored: 4 and 2 -> 3, spread 1, n 2 on every bouwsteen */
	struct ml_round r;
	assert_int_equal(meetlat_round_get(db, &a, org_a, id, &r), 1);
	assert_false(r.open);
	assert_int_equal(r.n_responses, 2);
	assert_string_equal(r.instrument_version, in->version);
	assert_int_equal(meetlat_round_get(db, &a, org_b, id, &r), 0);
	assert_int_equal(meetlat_round_get(db, &a, org_a, id, &r), 1);
	struct meetlat_instrument rin;
	struct ml_scores sc;
	assert_int_equal(meetlat_round_scores(db, &a, org_a, &r, &rin, &sc), 0);
	assert_int_equal(sc.n_respondents, 2);
	for (size_t b = 0; b < rin.n_bouwstenen; b++) {
		assert_int_equal(sc.all[b].n, 2);
		assert_float_equal(sc.all[b].mean, 3.0, 1e-9);
		assert_float_equal(sc.all[b].sd, 1.0, 1e-9);
	}
	/* one respondent per group: below the minimum (3), so the groups are hidden */
	assert_int_equal(rin.min_group, 3);
	assert_true(sc.group_hidden[ml_find_group(&rin, "directie")]);
	assert_true(sc.group_hidden[ml_find_group(&rin, "frontoffice")]);
	assert_int_equal(sc.n_group[ml_find_group(&rin, "directie")], 0);
	for (size_t b = 0; b < rin.n_bouwstenen; b++)
		assert_true(sc.group[ml_find_group(&rin, "directie")][b].hidden);
	/* the token finds the round and its organisation; a wrong one nothing */
	struct org o;
	struct ml_round byt;
	assert_int_equal(meetlat_round_by_token(db, &a, r.token, &byt, &o), 1);
	assert_int_equal(o.id, org_a);
	assert_int_equal(byt.id, id);
	char wrong[44];
	memset(wrong, 'Z', 43);
	wrong[43] = '\0';
	assert_int_equal(meetlat_round_by_token(db, &a, wrong, &byt, &o), 0);
	assert_int_equal(meetlat_round_by_token(db, &a, "kort", &byt, &o), 0);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(answers_whole_or_not_at_all),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
