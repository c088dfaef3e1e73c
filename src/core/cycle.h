/*
 * cycle.h - Lankes's knowledge cycle of a community (M7, Routekaart step 6):
 * its stage (gedeelde activiteit, kenniscreatie, gedeeld eigenaarschap,
 * sociale impact, and round again) with a dated note of the evidence, every
 * move kept as history; and the four conditions of knowledge creation
 * (toegang, kennis, omgeving, motivatie), each rated with a note and a date,
 * every rating kept.
 *
 * As everywhere: the organisation id comes first and comes from the request
 * context, the community id from the URL; every query names both. Changes
 * write their audit entry and refresh the community's signals in the same
 * transaction. Returned strings and arrays live in the given arena. Dates
 * are "YYYY-MM-DD".
 */
#ifndef KRING_CYCLE_H
#define KRING_CYCLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* activity, knowledge, ownership, impact (as stored, in the cycle's order) */
extern const char *const cycle_stages[];
/* access, knowledge, environment, motivation (as stored, in Lankes's order) */
extern const char *const cycle_conditions[];
/* weak, fair, strong (as stored) */
extern const char *const cycle_ratings[];

#define CYCLE_NOTE_MAX 2000 /* bytes of a note */

/* One move of the cycle (or a new note of evidence for the same stage). */
struct cycle_move {
	long long id;
	const char *stage; /* one of cycle_stages */
	long long round;   /* 1 the first time round */
	const char *since_on;
	const char *note;
	const char *who; /* name of who wrote it, "" */
	bool who_is_amb;
	long long at;
};

/* One rating of a condition. */
struct cycle_rating {
	long long id;
	const char *kind;   /* one of cycle_conditions */
	const char *rating; /* one of cycle_ratings */
	const char *rated_on;
	const char *note;
	const char *who;
	bool who_is_amb;
	long long at;
};

/* The moves of a community, newest first (by date, then as recorded). 0 or -1. */
int cycle_history(struct db *db, struct arena *a, long long org_id, long long community_id,
                  struct cycle_move **out, size_t *n_out);

/* 1 and *out with the current stage of the community; 0 when none was set; -1. */
int cycle_current(struct db *db, struct arena *a, long long org_id, long long community_id,
                  struct cycle_move *out);

/*
 * Records that the community is in stage since since_on (not after today),
 * with the evidence note. The round goes up by one when it moves from
 * sociale impact to gedeelde activiteit; it stays otherwise (a move back
 * too). SAVE_REFUSED for an unknown stage, a bad or future date or a note
 * longer than CYCLE_NOTE_MAX; SAVE_NOT_FOUND for a community of another
 * organisation. Audited; signals refreshed.
 */
enum save_result cycle_move_to(struct db *db, long long org_id, long long actor,
                               long long community_id, const char *stage, const char *since_on,
                               const char *note);

/* The ratings of a community's conditions, newest first. 0 or -1. */
int cycle_rating_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                      struct cycle_rating **out, size_t *n_out);

/*
 * Rates condition kind of the community on rated_on (not after today).
 * SAVE_REFUSED for an unknown condition or rating, a bad date or a note
 * too long; SAVE_NOT_FOUND for another organisation's community. Audited.
 */
enum save_result cycle_rate(struct db *db, long long org_id, long long actor,
                            long long community_id, const char *kind, const char *rating,
                            const char *rated_on, const char *note);

#endif
