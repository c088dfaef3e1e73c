/*
 * meetlat_summary.h - the stored results of a closed meetlat round (M3,
 * issue 8 P1). A closed round's answers no longer change, so its figures
 * are computed once, in the transaction that closes it, and read on every
 * view instead of aggregating the raw answers again: one row per role
 * group and bouwsteen (meetlat_round_figures), small groups already hidden
 * (ml_hide_small_groups). meetlat_summary_check() recomputes a round and
 * compares, so the two can be shown never to drift.
 */
#ifndef KRING_MEETLAT_SUMMARY_H
#define KRING_MEETLAT_SUMMARY_H

#include <stdbool.h>

#include "../db/db.h"
#include "instrument.h"
#include "meetlat.h"
#include "meetlat_score.h"

/*
 * Stores the scores s of round round_id (instrument in) as its summary.
 * Call inside a transaction; a summary stored already is left as it is.
 * 0, or -1 on a database error.
 */
int meetlat_summary_write(struct db *db, long long round_id, const struct meetlat_instrument *in,
                          const struct ml_scores *s);

/*
 * Reads the stored summary of round round_id into *out, mapped onto
 * instrument in. 1 read, 0 none stored, -1 on a database error.
 */
int meetlat_summary_read(struct db *db, long long round_id, const struct meetlat_instrument *in,
                         struct ml_scores *out);

/*
 * Recomputes a closed round from its answers and compares with its stored
 * summary: *same is true when every figure is equal (bit for bit). 1
 * compared, 0 no summary stored, -1 on an error.
 */
int meetlat_summary_check(struct db *db, struct arena *a, long long org_id,
                          const struct ml_round *round, bool *same);

#endif
