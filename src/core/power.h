/*
 * power.h - partner power (werkblad 4, M5): what a partner finds important
 * (challenges, values, goals, commitments, what success looks like), as
 * dated records of one partner.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it, so an
 * id of another organisation's record is simply not found (SAVE_NOT_FOUND,
 * 0). Changes write their audit entry and update the search index
 * (search.h) in the same transaction. Returned strings and arrays live in
 * the given arena. Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_POWER_H
#define KRING_POWER_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

struct partner_power {
	long long id;
	long long version;
	long long partner_id;
	const char *met_on;      /* when it was talked about */
	const char *challenges;  /* uitdagingen */
	const char *core_values; /* waarden */
	const char *goals;       /* doelen */
	const char *commitments; /* afspraken: uren, activiteiten */
	const char *success;     /* hoe succes er voor hen uitziet */
	const char *who;         /* who wrote it down, or "" */
	long long updated_at;
};

/* A partner's records, newest first. 0 or -1. */
int power_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
               struct partner_power **out, size_t *n_out);
/* One record of the partner (1, 0 or -1). */
int power_get(struct db *db, struct arena *a, long long org_id, long long partner_id, long long id,
              struct partner_power *out);
/*
 * Adds a record for p->partner_id. SAVE_REFUSED for a missing or impossible
 * date or when all five fields are empty; SAVE_NOT_FOUND for a partner of
 * another org.
 */
enum save_result power_create(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p, long long *id_out);
/* Saves record p->id when its version is still p->version (SAVE_CONFLICT if not). */
enum save_result power_update(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p);
/*
 * Deletes record id of the partner when its version is still `version`
 * (the one the person saw): SAVE_CONFLICT when someone saved since (nothing
 * is deleted), SAVE_NOT_FOUND.
 */
enum save_result power_delete(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long id, long long version);

#endif
