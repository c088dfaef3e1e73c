/*
 * meetlat_summary.c - the stored results of a closed round (see
 * meetlat_summary.h). A figure's mean and spread are stored as the bits
 * of the IEEE 754 double (a 64-bit integer on both backends), so what is
 * read back is exactly what was computed; the row with bouwsteen '' holds
 * the number of respondents, role group '' stands for everyone.
 */
#include "meetlat_summary.h"

#include <string.h>

static long long bits_of(double x)
{
	long long i;
	memcpy(&i, &x, sizeof(i));
	return i;
}

static double double_of(long long i)
{
	double x;
	memcpy(&x, &i, sizeof(x));
	return x;
}

static int put(struct db *db, long long round_id, const char *group, const char *bouwsteen,
               const struct ml_stat *st, int n, bool hidden)
{
	return db_exec(db,
	               "INSERT INTO meetlat_round_figures (round_id, role_group, bouwsteen, n,"
	               " mean_bits, sd_bits, hidden) VALUES (?, ?, ?, ?, ?, ?, ?)"
	               " ON CONFLICT (round_id, role_group, bouwsteen) DO NOTHING",
	               DB_ARGS(DB_INT(round_id), DB_TEXT(group), DB_TEXT(bouwsteen),
	                       DB_INT(st ? st->n : n), DB_INT(bits_of(st ? st->mean : 0)),
	                       DB_INT(bits_of(st ? st->sd : 0)),
	                       DB_INT((st ? st->hidden : hidden) ? 1 : 0))) == DB_OK
	           ? 0
	           : -1;
}

int meetlat_summary_write(struct db *db, long long round_id, const struct meetlat_instrument *in,
                          const struct ml_scores *s)
{
	if (put(db, round_id, "", "", NULL, s->n_respondents, false) != 0)
		return -1;
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		if (put(db, round_id, "", in->bouwstenen[b].id, &s->all[b], 0, false) != 0)
			return -1;
	for (size_t g = 0; g < in->n_groups; g++) {
		const char *gid = in->groups[g].id;
		if (put(db, round_id, gid, "", NULL, s->n_group[g], s->group_hidden[g]) != 0)
			return -1;
		for (size_t b = 0; b < in->n_bouwstenen; b++)
			if (put(db, round_id, gid, in->bouwstenen[b].id, &s->group[g][b], 0,
			        false) != 0)
				return -1;
	}
	return 0;
}

static int bouwsteen_index(const struct meetlat_instrument *in, const char *id)
{
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		if (strcmp(in->bouwstenen[b].id, id) == 0)
			return (int)b;
	return -1;
}

int meetlat_summary_read(struct db *db, long long round_id, const struct meetlat_instrument *in,
                         struct ml_scores *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT role_group, bouwsteen, n, mean_bits, sd_bits, hidden"
	             " FROM meetlat_round_figures WHERE round_id = ?",
	             DB_ARGS(DB_INT(round_id))) != DB_OK)
		return -1;
	struct arena tmp;
	arena_init(&tmp);
	int rc, rows = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		rows++;
		const char *gid = db_col_text(st, 0, &tmp);
		const char *bid = db_col_text(st, 1, &tmp);
		int g = gid[0] ? ml_find_group(in, gid) : -1;
		int b = bid[0] ? bouwsteen_index(in, bid) : -1;
		if ((gid[0] && g < 0) || (bid[0] && b < 0))
			continue; /* not in this instrument: cannot happen for its own round */
		int n = (int)db_col_int(st, 2);
		bool hidden = db_col_int(st, 5) != 0;
		struct ml_stat cell = {double_of(db_col_int(st, 3)), double_of(db_col_int(st, 4)),
		                       n, hidden};
		if (g < 0 && b < 0)
			out->n_respondents = n;
		else if (g < 0)
			out->all[b] = cell;
		else if (b < 0) {
			out->n_group[g] = n;
			out->group_hidden[g] = hidden;
		} else
			out->group[g][b] = cell;
	}
	db_finish(st);
	arena_free(&tmp);
	if (rc != DB_DONE)
		return -1;
	return rows > 0 ? 1 : 0;
}

int meetlat_summary_check(struct db *db, struct arena *a, long long org_id,
                          const struct ml_round *round, bool *same)
{
	struct meetlat_instrument in;
	struct ml_scores stored, fresh;
	*same = false;
	if (meetlat_instrument_of(db, a, round, &in) != 0)
		return -1;
	int rc = meetlat_summary_read(db, round->id, &in, &stored);
	if (rc <= 0)
		return rc;
	if (meetlat_round_compute(db, a, org_id, round, &in, &fresh) != 0)
		return -1;
	*same = ml_scores_equal(&in, &stored, &fresh);
	return 1;
}
