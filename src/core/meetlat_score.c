/*
 * meetlat_score.c - scoring and phase rules (see meetlat_score.h).
 */
#include "meetlat_score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* One respondent: sums and counts per bouwsteen. */
struct resp {
	long long id;
	int group;
	double sum[ML_MAX_BOUWSTENEN];
	int cnt[ML_MAX_BOUWSTENEN];
};

static int by_respondent(const void *a, const void *b)
{
	const struct ml_answer *x = a, *y = b;
	return (x->respondent > y->respondent) - (x->respondent < y->respondent);
}

/* Mean and population standard deviation of the respondent means on bouwsteen b. */
static void stat_of(const struct resp *r, size_t n_r, size_t b, int group, struct ml_stat *out)
{
	double sum = 0;
	int n = 0;
	for (size_t i = 0; i < n_r; i++)
		if (r[i].cnt[b] > 0 && (group < 0 || r[i].group == group)) {
			sum += r[i].sum[b] / r[i].cnt[b];
			n++;
		}
	out->n = n;
	out->mean = n ? sum / n : 0;
	double sq = 0;
	for (size_t i = 0; i < n_r; i++)
		if (r[i].cnt[b] > 0 && (group < 0 || r[i].group == group)) {
			double d = r[i].sum[b] / r[i].cnt[b] - out->mean;
			sq += d * d;
		}
	out->sd = n ? sqrt(sq / n) : 0;
}

int ml_score(const struct meetlat_instrument *in, const struct ml_answer *answers, size_t n,
             struct ml_scores *out)
{
	memset(out, 0, sizeof(*out));
	if (n == 0)
		return 0;
	struct ml_answer *a = malloc(n * sizeof(*a));
	struct resp *r = calloc(n, sizeof(*r));
	if (a == NULL || r == NULL) {
		free(a);
		free(r);
		return -1;
	}
	memcpy(a, answers, n * sizeof(*a));
	qsort(a, n, sizeof(*a), by_respondent);
	size_t n_r = 0;
	int skipped = 0;
	for (size_t i = 0; i < n; i++) {
		if (a[i].bouwsteen < 0 || (size_t)a[i].bouwsteen >= in->n_bouwstenen ||
		    a[i].value < in->scale_min || a[i].value > in->scale_max) {
			skipped++;
			continue;
		}
		if (n_r == 0 || r[n_r - 1].id != a[i].respondent) {
			r[n_r].id = a[i].respondent;
			r[n_r].group =
			    a[i].group >= 0 && (size_t)a[i].group < in->n_groups ? a[i].group : -1;
			n_r++;
		}
		r[n_r - 1].sum[a[i].bouwsteen] += a[i].value;
		r[n_r - 1].cnt[a[i].bouwsteen]++;
	}
	out->n_respondents = (int)n_r;
	for (size_t i = 0; i < n_r; i++)
		if (r[i].group >= 0)
			out->n_group[r[i].group]++;
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		stat_of(r, n_r, b, -1, &out->all[b]);
		for (size_t g = 0; g < in->n_groups; g++)
			stat_of(r, n_r, b, (int)g, &out->group[g][b]);
	}
	free(a);
	free(r);
	return skipped;
}

/*
 * Marks in hide[] the cells of n[0..count) (respondents per cell) below
 * min, besides those already marked; when exactly one answered cell ends up
 * hidden, the smallest answered cell still shown is hidden too.
 */
static void hide_cells(const int *n, size_t count, int min, bool *hide)
{
	int hidden = 0, smallest = -1;
	for (size_t i = 0; i < count; i++) {
		hide[i] = hide[i] || (n[i] > 0 && n[i] < min);
		hidden += hide[i];
	}
	if (hidden != 1)
		return;
	for (size_t i = 0; i < count; i++)
		if (!hide[i] && n[i] > 0 && (smallest < 0 || n[i] < n[smallest]))
			smallest = (int)i;
	if (smallest >= 0)
		hide[smallest] = true;
}

void ml_hide_small_groups(const struct meetlat_instrument *in, struct ml_scores *s)
{
	int n[ML_MAX_GROUPS] = {0};
	bool hide[ML_MAX_GROUPS] = {0};
	size_t ng = in->n_groups < ML_MAX_GROUPS ? in->n_groups : ML_MAX_GROUPS;
	/* the group counts first: a group not counted shows no cell at all */
	hide_cells(s->n_group, ng, in->min_group, hide);
	for (size_t g = 0; g < ng; g++)
		if (hide[g]) {
			s->n_group[g] = 0;
			s->group_hidden[g] = true;
		}
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		bool cell[ML_MAX_GROUPS] = {0};
		for (size_t g = 0; g < ng; g++) {
			n[g] = s->group[g][b].n;
			cell[g] = s->group_hidden[g] && n[g] > 0;
		}
		hide_cells(n, ng, in->min_group, cell);
		for (size_t g = 0; g < ng; g++)
			if (cell[g])
				s->group[g][b] = (struct ml_stat){.hidden = true};
	}
}

void ml_phase(const struct meetlat_instrument *in, const struct ml_scores *s, struct ml_phase *out)
{
	memset(out, 0, sizeof(*out));
	out->rule = out->lowest = out->missing = out->next = -1;
	double sum = 0;
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		if (s->all[b].n == 0) {
			if (out->missing < 0)
				out->missing = (int)b;
			continue;
		}
		sum += s->all[b].mean;
		if (out->lowest < 0 || s->all[b].mean < s->all[out->lowest].mean)
			out->lowest = (int)b;
	}
	if (out->missing >= 0 || in->n_bouwstenen == 0 || in->n_phases == 0) {
		out->lowest = -1;
		return;
	}
	out->overall = sum / (double)in->n_bouwstenen;
	double low = s->all[out->lowest].mean;
	for (size_t p = 0; p < in->n_phases; p++)
		if (low + EPS >= in->phases[p].min_each &&
		    out->overall + EPS >= in->phases[p].min_mean)
			out->rule = (int)p;
	if (out->rule < 0) /* the first phase is open to every score; only a broken rule set */
		out->rule = 0;
	out->fase = in->phases[out->rule].fase;
	if ((size_t)out->rule + 1 < in->n_phases) {
		const struct ml_phase_rule *nx = &in->phases[out->rule + 1];
		out->next = out->rule + 1;
		out->next_short_mean = out->overall + EPS < nx->min_mean;
		out->next_short_each = low + EPS < nx->min_each;
	}
}

bool ml_weak(const struct meetlat_instrument *in, const struct ml_stat *st)
{
	return st->n > 0 && st->mean + EPS < in->weak_below;
}

int ml_trend(const struct ml_stat *now, const struct ml_stat *before)
{
	if (now->n == 0 || before->n == 0)
		return 0;
	long a = lround(now->mean * 10), b = lround(before->mean * 10);
	return (a > b) - (a < b);
}

const char *ml_fmt1(char out[8], double x)
{
	if (x < 0)
		x = 0;
	if (x > 99)
		x = 99;
	int t = (int)lround(x * 10); /* 0..990 */
	snprintf(out, 8, "%d,%d", (t / 10) % 100, t % 10);
	return out;
}

static bool stat_equal(const struct ml_stat *a, const struct ml_stat *b)
{
	return memcmp(&a->mean, &b->mean, sizeof(a->mean)) == 0 &&
	       memcmp(&a->sd, &b->sd, sizeof(a->sd)) == 0 && a->n == b->n && a->hidden == b->hidden;
}

bool ml_scores_equal(const struct meetlat_instrument *in, const struct ml_scores *a,
                     const struct ml_scores *b)
{
	if (a->n_respondents != b->n_respondents)
		return false;
	for (size_t bi = 0; bi < in->n_bouwstenen; bi++)
		if (!stat_equal(&a->all[bi], &b->all[bi]))
			return false;
	for (size_t g = 0; g < in->n_groups; g++) {
		if (a->n_group[g] != b->n_group[g] || a->group_hidden[g] != b->group_hidden[g])
			return false;
		for (size_t bi = 0; bi < in->n_bouwstenen; bi++)
			if (!stat_equal(&a->group[g][bi], &b->group[g][bi]))
				return false;
	}
	return true;
}
