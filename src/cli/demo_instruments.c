/*
 * demo_instruments.c - the zelftest, the pulse and energy marks in the
 * demo (see demo_instruments.h).
 */
#include "demo_instruments.h"

#include <stdio.h>
#include <string.h>

#include "../core/meetlat.h"
#include "../core/org.h"
#include "../core/pulse.h"
#include "../core/zelftest.h"
#include "../util/clock.h"
#include "demo_work.h"

/* Sascha's two moments: half a year ago, and three weeks ago (grown as a verbinder). */
static const int sascha_then[] = {3, 2, 4, 3, 4, 2, 3, 2};
static const int sascha_now[] = {4, 3, 4, 4, 4, 2, 4, 3};

static int demo_zelftest(struct db *db, struct arena *a, long long org)
{
	const struct zelftest_instrument *in = instrument_zelftest();
	long long sascha = 0, marieke = 0, n = 0;
	if (in == NULL || in->n_items != 8)
		return 0; /* an adapted instrument: the demo's scores would not fit */
	if (person_find(db, a, "sascha@desleutel.nl", &sascha, NULL, NULL, NULL) != 1 ||
	    person_find(db, a, "marieke@desleutel.nl", &marieke, NULL, NULL, NULL) != 1 ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM zelftest_moments WHERE org_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(org), DB_INT(sascha)), &n) != DB_ROW)
		return -1;
	if (n > 0)
		return 0;
	char then[16], now[16];
	clock_date_from_today(-180, then);
	clock_date_from_today(-21, now);
	if (zelftest_save(db, org, sascha, in, sascha_then, then, NULL) != SAVE_OK ||
	    zelftest_save(db, org, sascha, in, sascha_now, now, NULL) != SAVE_OK ||
	    zelftest_share(db, org, sascha, marieke) != SAVE_OK)
		return -1;
	return 0;
}

/* n answers to round, each a little different; the open answer of some. */
static int answers(struct db *db, struct arena *a, long long round, int n, int base)
{
	const struct pulse_instrument *in = instrument_pulse();
	static const char *const open[] = {
	    "Vaker samen iets organiseren, ook buiten de bibliotheek.",
	    "Een vaste avond, zodat nieuwe mensen weten wanneer ze kunnen komen.",
	    "Meer tijd om elkaar te leren kennen.",
	};
	for (int k = 0; k < n; k++) {
		int values[PU_MAX_TOTAL] = {0};
		size_t i = 0;
		for (size_t g = 0; g < in->n_ingredients; g++)
			for (size_t s = 0; s < in->ingredients[g].n_statements; s++, i++) {
				int v = base + (int)((k + (int)g + (int)s) % 3) - 1;
				values[i] = v < in->scale_min   ? in->scale_min
				            : v > in->scale_max ? in->scale_max
				                                : v;
			}
		if (pulse_submit(db, round, in, values, k < 3 ? open[k] : "",
		                 meetlat_new_token(a)) != PULSE_OK)
			return -1;
	}
	return 0;
}

static int demo_pulse(struct db *db, struct arena *a, long long org)
{
	long long community = 0, n = 0, round = 0;
	if (db_query_int(db, "SELECT COALESCE(MIN(id), 0) FROM communities WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &community) != DB_ROW ||
	    db_query_int(db, "SELECT COUNT(*) FROM pulse_rounds WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &n) != DB_ROW)
		return -1;
	if (community == 0 || n > 0)
		return 0;
	char opened[16], closed[16];
	clock_date_from_today(-200, opened);
	clock_date_from_today(-180, closed);
	if (pulse_round_open(db, org, community, 0, opened, &round) != SAVE_OK ||
	    answers(db, a, round, 6, 3) != 0 ||
	    pulse_round_close(db, org, community, round, 0, closed) != SAVE_OK)
		return -1;
	clock_date_from_today(-60, opened);
	clock_date_from_today(-40, closed);
	if (pulse_round_open(db, org, community, 0, opened, &round) != SAVE_OK ||
	    answers(db, a, round, 7, 4) != 0 ||
	    pulse_round_close(db, org, community, round, 0, closed) != SAVE_OK)
		return -1;
	/* the open round so far: three answers, so only the count shows */
	clock_date_from_today(-5, opened);
	if (pulse_round_open(db, org, community, 0, opened, &round) != SAVE_OK ||
	    answers(db, a, round, 3, 4) != 0)
		return -1;
	return 0;
}

/* Marks on the conversations and held activities that have none. */
static int energy_marks(struct db *db, long long org)
{
	if (db_exec(db,
	            "UPDATE conversations SET energy = 2 + (id % 4) WHERE org_id = ?"
	            " AND energy IS NULL",
	            DB_ARGS(DB_INT(org))) != DB_OK ||
	    db_exec(db,
	            "UPDATE activities SET energy = 3 + (id % 3) WHERE org_id = ?"
	            " AND energy IS NULL AND status = 'held'",
	            DB_ARGS(DB_INT(org))) != DB_OK)
		return -1;
	return 0;
}

int demo_instruments_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0 || instrument_pulse() == NULL)
		return 0;
	struct arena a;
	arena_init(&a);
	int rc = demo_zelftest(db, &a, org) != 0 || demo_pulse(db, &a, org) != 0 ||
	                 energy_marks(db, org) != 0
	             ? -1
	             : 0;
	arena_free(&a);
	return rc;
}

int demo_instruments_scale(struct db *db, long long org)
{
	if (instrument_pulse() == NULL)
		return 0;
	struct arena a;
	arena_init(&a);
	int rc = energy_marks(db, org);
	long long *ids = NULL;
	size_t n = 0;
	struct db_stmt *st;
	if (rc == 0 && db_query(db, &st, "SELECT id FROM communities WHERE org_id = ? ORDER BY id",
	                        DB_ARGS(DB_INT(org))) == DB_OK) {
		ids = arena_alloc(&a, sizeof(long long) * 4096);
		while (db_step(st) == DB_ROW && n < 4096)
			ids[n++] = db_col_int(st, 0);
		db_finish(st);
	} else {
		rc = -1;
	}
	char opened[16], closed[16];
	clock_date_from_today(-90, opened);
	clock_date_from_today(-60, closed);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		long long round = 0;
		if (pulse_round_open(db, org, ids[i], 0, opened, &round) != SAVE_OK ||
		    answers(db, &a, round, 6, 3 + (int)(i % 2)) != 0 ||
		    pulse_round_close(db, org, ids[i], round, 0, closed) != SAVE_OK)
			rc = -1;
	}
	arena_free(&a);
	return rc;
}
