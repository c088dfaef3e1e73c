/*
 * meetlat_score.h - scoring a meetlat round and the phase rules (M3), as
 * pure functions: no database, no globals, no allocation that outlives a
 * call. Unit-tested on hand-computed examples (tests/unit/test_meetlat*.c).
 *
 * How a round is scored: each respondent's answers to the statements of a
 * bouwsteen are averaged first (statements answered with "weet ik niet"
 * are missing and left out), so a respondent who skips a statement weighs
 * as much as one who answers all. Per bouwsteen the round's score is the
 * mean of those respondent means; the spread is their standard deviation
 * (population form: a round with one respondent has spread 0); n is the
 * number of respondents who answered at least one statement of the
 * bouwsteen. The same per role group.
 */
#ifndef KRING_MEETLAT_SCORE_H
#define KRING_MEETLAT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "instrument.h"

struct ml_answer {
	long long respondent; /* answers of one respondent share this id */
	int group;            /* index into in->groups, -1 when unknown */
	int bouwsteen;        /* index into in->bouwstenen */
	int value;            /* a point on the scale */
};

struct ml_stat {
	double mean; /* 0 when n == 0 */
	double sd;   /* standard deviation of the respondent means */
	int n;       /* respondents */
	bool hidden; /* too few respondents to show (ml_hide_small_groups): all 0 */
};

struct ml_scores {
	struct ml_stat all[ML_MAX_BOUWSTENEN];
	struct ml_stat group[ML_MAX_GROUPS][ML_MAX_BOUWSTENEN];
	int n_respondents;                /* with at least one valid answer */
	int n_group[ML_MAX_GROUPS];       /* the same per role group */
	bool group_hidden[ML_MAX_GROUPS]; /* n_group[g] is not shown (0) */
};

/*
 * Scores n answers against instrument in. Answers with a value off the
 * scale or an unknown bouwsteen are left out. Returns the number of
 * answers left out (0 for clean data), or -1 when memory runs out.
 */
int ml_score(const struct meetlat_instrument *in, const struct ml_answer *answers, size_t n,
             struct ml_scores *out);

/*
 * Hides what could identify a person: every group cell (s->group[g][b])
 * answered by fewer than in->min_group respondents is zeroed and marked
 * hidden, and so is every group count (s->n_group) below it. When a
 * bouwsteen (or the counts) would then hide exactly one answered cell, the
 * smallest other answered cell is hidden as well, since a single hidden
 * cell can be worked out from the total and the cells shown. The totals
 * (s->all, s->n_respondents) stay. Pure; call once per scored round.
 */
void ml_hide_small_groups(const struct meetlat_instrument *in, struct ml_scores *s);

/*
 * True when a and b hold the same figures for instrument in, bit for bit
 * (the cells of its bouwstenen and role groups, the counts and what is
 * hidden).
 */
bool ml_scores_equal(const struct meetlat_instrument *in, const struct ml_scores *a,
                     const struct ml_scores *b);

struct ml_phase {
	int fase; /* 1..n_phases; 0 when the answers cannot tell (no answers on a bouwsteen) */
	int rule; /* index of that phase in in->phases, -1 for fase 0 */
	double overall; /* mean of the bouwsteen means (fase > 0) */
	int lowest;     /* bouwsteen with the lowest mean, -1 for fase 0 */
	int missing;    /* first bouwsteen without answers, -1 when none */
	int next;       /* index of the next phase in in->phases, -1 at the top or for fase 0 */
	bool next_short_mean; /* the next phase asks a higher overall mean */
	bool next_short_each; /* the next phase asks more of the lowest bouwsteen */
};

/*
 * The phase the scores point to: the highest phase whose rules hold (every
 * bouwsteen's mean at least min_each and the mean over the bouwstenen at
 * least min_mean), and why the next phase is not reached.
 */
void ml_phase(const struct meetlat_instrument *in, const struct ml_scores *s, struct ml_phase *out);

/* True when a bouwsteen with these numbers is weak (answered, mean below weak_below). */
bool ml_weak(const struct meetlat_instrument *in, const struct ml_stat *st);

/*
 * Trend between two means, rounded as shown (one decimal): +1 up, -1 down,
 * 0 the same. Either side without answers (n == 0) gives 0.
 */
int ml_trend(const struct ml_stat *now, const struct ml_stat *before);

/* Writes x with one decimal and a Dutch decimal comma ("3,4") into out[8]. */
const char *ml_fmt1(char out[8], double x);

#endif
