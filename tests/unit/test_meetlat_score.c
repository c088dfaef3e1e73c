/*
 * test_meetlat_score.c - scoring and phase rules on hand-computed examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/instrument.h"
#include "core/meetlat_score.h"

/* Two bouwstenen (A: a1, a2; B: b1, b2), scale 1-5, two role groups. */
static const char small_json[] =
    "{\"instrument\":\"meetlat\",\"version\":\"t1\",\"title\":\"T\",\"source\":\"S\","
    "\"scale\":{\"min\":1,\"max\":5,\"labels\":[\"1\",\"2\",\"3\",\"4\",\"5\"],"
    "\"dont_know\":\"?\"},"
    "\"role_groups\":[{\"id\":\"directie\",\"label\":\"D\"},{\"id\":\"frontoffice\","
    "\"label\":\"F\"}],"
    "\"weak_below\":3.0,"
    "\"support\":[{\"id\":\"intervisie\",\"label\":\"I\",\"text\":\"x\"}],"
    "\"bouwstenen\":["
    "{\"id\":\"a\",\"name\":\"A\",\"short\":\"A\",\"description\":\"d\","
    "\"statements\":[{\"id\":\"a1\",\"text\":\"t\"},{\"id\":\"a2\",\"text\":\"t\"}],"
    "\"advice\":{\"support\":[\"intervisie\"],\"steps\":[\"s\"]}},"
    "{\"id\":\"b\",\"name\":\"B\",\"short\":\"B\",\"description\":\"d\","
    "\"statements\":[{\"id\":\"b1\",\"text\":\"t\"},{\"id\":\"b2\",\"text\":\"t\"}],"
    "\"advice\":{\"support\":[\"intervisie\"],\"steps\":[\"s\"]}}],"
    "\"phases\":[{\"fase\":1,\"title\":\"p1\",\"question\":\"q\",\"min_each\":0,\"min_mean\":0},"
    "{\"fase\":2,\"title\":\"p2\",\"question\":\"q\",\"min_each\":2.5,\"min_mean\":3.0},"
    "{\"fase\":3,\"title\":\"p3\",\"question\":\"q\",\"min_each\":3.5,\"min_mean\":4.0}]}";

static struct arena arena;
static struct meetlat_instrument in;

static int setup(void **state)
{
	(void)state;
	char err[300];
	arena_init(&arena);
	if (instrument_parse_meetlat(&arena, small_json, strlen(small_json), "small.json", &in, err,
	                             sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

#define A 0
#define B 1
#define D 0
#define F 1

/* R1 (directie): A 4,5 -> 4.5; B 2,3 -> 2.5.  R2 (frontoffice): A 3,- -> 3; B 4,4 -> 4.
 * R3 (frontoffice): A 2,2 -> 2; B 5,- -> 5. */
static const struct ml_answer three[] = {
    {1, D, A, 4}, {1, D, A, 5}, {1, D, B, 2}, {1, D, B, 3}, {2, F, A, 3},
    {2, F, B, 4}, {2, F, B, 4}, {3, F, A, 2}, {3, F, A, 2}, {3, F, B, 5},
};

static void three_respondents(void **state)
{
	(void)state;
	struct ml_scores s;
	assert_int_equal(ml_score(&in, three, sizeof(three) / sizeof(three[0]), &s), 0);
	assert_int_equal(s.n_respondents, 3);
	/* A: means 4.5, 3, 2 -> 9.5 / 3; deviations 4/3, -1/6, -7/6 -> var 19/18 */
	assert_int_equal(s.all[A].n, 3);
	assert_float_equal(s.all[A].mean, 9.5 / 3, 1e-9);
	assert_float_equal(s.all[A].sd, 1.0274023338, 1e-9);
	/* B: 2.5, 4, 5 -> 11.5 / 3, the same spread */
	assert_float_equal(s.all[B].mean, 11.5 / 3, 1e-9);
	assert_float_equal(s.all[B].sd, 1.0274023338, 1e-9);
	/* per role group */
	assert_int_equal(s.n_group[D], 1);
	assert_int_equal(s.n_group[F], 2);
	assert_int_equal(s.group[D][A].n, 1);
	assert_float_equal(s.group[D][A].mean, 4.5, 1e-9);
	assert_float_equal(s.group[D][A].sd, 0, 1e-9);
	assert_int_equal(s.group[F][A].n, 2);
	assert_float_equal(s.group[F][A].mean, 2.5, 1e-9);
	assert_float_equal(s.group[F][A].sd, 0.5, 1e-9);
	assert_float_equal(s.group[F][B].mean, 4.5, 1e-9);

	/* lowest A 3.17 >= 2.5 and overall 3.5 >= 3.0: fase 2; fase 3 needs 3.5 and 4.0 */
	struct ml_phase ph;
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 2);
	assert_int_equal(ph.rule, 1);
	assert_float_equal(ph.overall, 3.5, 1e-9);
	assert_int_equal(ph.lowest, A);
	assert_int_equal(ph.missing, -1);
	assert_int_equal(ph.next, 2);
	assert_true(ph.next_short_mean);
	assert_true(ph.next_short_each);
	assert_false(ml_weak(&in, &s.all[A]));
	assert_true(ml_weak(&in, &s.group[F][A]));
}

static void answers_in_any_order(void **state)
{
	(void)state;
	struct ml_answer shuffled[10];
	size_t n = sizeof(three) / sizeof(three[0]);
	for (size_t i = 0; i < n; i++)
		shuffled[i] = three[(i * 7) % n];
	struct ml_scores s;
	assert_int_equal(ml_score(&in, shuffled, n, &s), 0);
	assert_float_equal(s.all[A].mean, 9.5 / 3, 1e-9);
	assert_float_equal(s.all[B].mean, 11.5 / 3, 1e-9);
}

static void one_answer(void **state)
{
	(void)state;
	const struct ml_answer one[] = {{7, D, A, 4}};
	struct ml_scores s;
	assert_int_equal(ml_score(&in, one, 1, &s), 0);
	assert_int_equal(s.n_respondents, 1);
	assert_int_equal(s.all[A].n, 1);
	assert_float_equal(s.all[A].mean, 4, 1e-9);
	assert_float_equal(s.all[A].sd, 0, 1e-9);
	assert_int_equal(s.all[B].n, 0);
	/* B has no answers: the phase cannot be told */
	struct ml_phase ph;
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 0);
	assert_int_equal(ph.missing, B);
	assert_int_equal(ph.lowest, -1);
	assert_int_equal(ph.next, -1);
	assert_false(ml_weak(&in, &s.all[B]));
}

static void no_answers(void **state)
{
	(void)state;
	struct ml_scores s;
	assert_int_equal(ml_score(&in, NULL, 0, &s), 0);
	assert_int_equal(s.n_respondents, 0);
	assert_int_equal(s.all[A].n, 0);
	assert_float_equal(s.all[A].mean, 0, 1e-9);
	struct ml_phase ph;
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 0);
	assert_int_equal(ph.missing, A);
}

static void missing_statements_weigh_per_respondent(void **state)
{
	(void)state;
	/* R1 answers a1 only (5); R2 answers a1 and a2 (1, 3 -> 2). Mean of means 3.5,
	 * not the mean of all three answers (3). */
	const struct ml_answer ans[] = {
	    {1, D, A, 5}, {2, F, A, 1}, {2, F, A, 3}, {1, D, B, 3}, {2, F, B, 3}};
	struct ml_scores s;
	assert_int_equal(ml_score(&in, ans, 5, &s), 0);
	assert_float_equal(s.all[A].mean, 3.5, 1e-9);
	assert_float_equal(s.all[A].sd, 1.5, 1e-9);
	assert_float_equal(s.all[B].mean, 3, 1e-9);
	assert_float_equal(s.all[B].sd, 0, 1e-9);
	/* lowest 3 >= 2.5 and overall 3.25 >= 3: fase 2 */
	struct ml_phase ph;
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 2);
	assert_int_equal(ph.lowest, B);
	assert_float_equal(ph.overall, 3.25, 1e-9);
}

static void off_scale_and_unknown_are_left_out(void **state)
{
	(void)state;
	const struct ml_answer ans[] = {{1, D, A, 0},  {1, D, A, 6}, {1, D, 9, 3},
	                                {1, D, -1, 3}, {1, D, A, 2}, {1, 5, B, 1}};
	struct ml_scores s;
	assert_int_equal(ml_score(&in, ans, 6, &s), 4);
	assert_int_equal(s.all[A].n, 1);
	assert_float_equal(s.all[A].mean, 2, 1e-9);
	/* the same respondent id with a bad group index counts once, in no group */
	assert_int_equal(s.n_respondents, 1);
	assert_int_equal(s.n_group[D], 1);
}

static void phase_boundaries(void **state)
{
	(void)state;
	struct ml_scores s;
	memset(&s, 0, sizeof(s));
	struct ml_phase ph;
	/* exactly on the thresholds of fase 2 */
	s.all[A] = (struct ml_stat){.mean = 2.5, .sd = 0, .n = 3};
	s.all[B] = (struct ml_stat){.mean = 3.5, .sd = 0, .n = 3};
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 2);
	/* just below min_each */
	s.all[A].mean = 2.49;
	s.all[B].mean = 3.6; /* overall (2.49 + 3.6) / 2 = 3.045: only min_each blocks */
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 1);
	assert_int_equal(ph.next, 1);
	assert_true(ph.next_short_each);
	assert_false(ph.next_short_mean);
}

static void phase_mean_blocks(void **state)
{
	(void)state;
	struct ml_scores s;
	memset(&s, 0, sizeof(s));
	struct ml_phase ph;
	/* each >= 2.5 but the mean 2.75 < 3.0 */
	s.all[A] = (struct ml_stat){.mean = 2.5, .sd = 0, .n = 1};
	s.all[B] = (struct ml_stat){.mean = 3.0, .sd = 0, .n = 1};
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 1);
	assert_true(ph.next_short_mean);
	assert_false(ph.next_short_each);
	/* top phase */
	s.all[A] = (struct ml_stat){.mean = 4.0, .sd = 0, .n = 1};
	s.all[B] = (struct ml_stat){.mean = 4.0, .sd = 0, .n = 1};
	ml_phase(&in, &s, &ph);
	assert_int_equal(ph.fase, 3);
	assert_int_equal(ph.next, -1);
}

static void trend_and_format(void **state)
{
	(void)state;
	struct ml_stat a = {.mean = 3.14, .sd = 0, .n = 2}, b = {.mean = 3.06, .sd = 0, .n = 2},
	               c = {.mean = 3.16, .sd = 0, .n = 2}, d = {.mean = 3.04, .sd = 0, .n = 2},
	               none = {.mean = 0, .sd = 0, .n = 0};
	assert_int_equal(ml_trend(&a, &b), 0); /* both show as 3,1 */
	assert_int_equal(ml_trend(&c, &d), 1);
	assert_int_equal(ml_trend(&d, &c), -1);
	assert_int_equal(ml_trend(&a, &none), 0);
	char buf[8];
	assert_string_equal(ml_fmt1(buf, 3.25), "3,3");
	assert_string_equal(ml_fmt1(buf, 0), "0,0");
	assert_string_equal(ml_fmt1(buf, 9.5 / 3), "3,2");
	assert_string_equal(ml_fmt1(buf, 5), "5,0");
}

/* Hiding small groups: nothing below in.min_group is shown, nor a single hidden cell. */
static void small_groups_are_hidden(void **state)
{
	(void)state;
	struct ml_scores s;
	/* the file names no min_group: 3. D has 1, F 2 respondents: both hidden */
	assert_int_equal(in.min_group, 3);
	assert_int_equal(ml_score(&in, three, sizeof(three) / sizeof(three[0]), &s), 0);
	ml_hide_small_groups(&in, &s);
	for (int g = D; g <= F; g++) {
		assert_true(s.group_hidden[g]);
		assert_int_equal(s.n_group[g], 0);
		for (int b = A; b <= B; b++) {
			assert_true(s.group[g][b].hidden);
			assert_int_equal(s.group[g][b].n, 0);
			assert_float_equal(s.group[g][b].mean, 0, 1e-9);
		}
	}
	/* the totals stay */
	assert_int_equal(s.n_respondents, 3);
	assert_float_equal(s.all[A].mean, 9.5 / 3, 1e-9);
	assert_int_equal(s.all[B].n, 3);

	/* with 2 as the minimum D (1) is hidden, and F (2) too: else D = total - F */
	struct meetlat_instrument m = in;
	m.min_group = 2;
	assert_int_equal(ml_score(&m, three, sizeof(three) / sizeof(three[0]), &s), 0);
	ml_hide_small_groups(&m, &s);
	assert_true(s.group_hidden[D]);
	assert_true(s.group_hidden[F]);
	assert_true(s.group[D][A].hidden);
	assert_true(s.group[F][A].hidden);
	assert_float_equal(s.group[F][B].mean, 0, 1e-9);

	/* D 2 and F 3 respondents, minimum 2: everything shown, untouched */
	static const struct ml_answer big[] = {
	    {1, D, A, 4}, {1, D, B, 2}, {2, D, A, 2}, {2, D, B, 4}, {3, F, A, 3},
	    {3, F, B, 3}, {4, F, A, 5}, {4, F, B, 5}, {5, F, A, 1}, {5, F, B, 1},
	};
	assert_int_equal(ml_score(&m, big, sizeof(big) / sizeof(big[0]), &s), 0);
	ml_hide_small_groups(&m, &s);
	assert_false(s.group_hidden[D]);
	assert_int_equal(s.n_group[D], 2);
	assert_int_equal(s.n_group[F], 3);
	assert_false(s.group[D][A].hidden);
	assert_int_equal(s.group[D][A].n, 2);
	assert_float_equal(s.group[D][A].mean, 3.0, 1e-9);
	assert_float_equal(s.group[F][B].mean, 3.0, 1e-9);

	/* one of D's two skipped B: D's B cell (1) is hidden, and so F's B cell; A stays */
	static const struct ml_answer skip[] = {
	    {1, D, A, 4}, {1, D, B, 2}, {2, D, A, 2}, {3, F, A, 3}, {3, F, B, 3},
	    {4, F, A, 5}, {4, F, B, 5}, {5, F, A, 1}, {5, F, B, 1},
	};
	assert_int_equal(ml_score(&m, skip, sizeof(skip) / sizeof(skip[0]), &s), 0);
	ml_hide_small_groups(&m, &s);
	assert_false(s.group_hidden[D]);
	assert_true(s.group[D][B].hidden);
	assert_true(s.group[F][B].hidden);
	assert_false(s.group[D][A].hidden);
	assert_false(s.group[F][A].hidden);
	assert_float_equal(s.group[F][A].mean, 3.0, 1e-9);
	assert_int_equal(s.all[B].n, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(three_respondents),
	    cmocka_unit_test(answers_in_any_order),
	    cmocka_unit_test(one_answer),
	    cmocka_unit_test(no_answers),
	    cmocka_unit_test(missing_statements_weigh_per_respondent),
	    cmocka_unit_test(off_scale_and_unknown_are_left_out),
	    cmocka_unit_test(phase_boundaries),
	    cmocka_unit_test(phase_mean_blocks),
	    cmocka_unit_test(trend_and_format),
	    cmocka_unit_test(small_groups_are_hidden),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
