/*
 * readiness.h - step 1, "ben je er klaar voor?" (M2): the readiness
 * questions answered per organisation, each time kept and dated, and the
 * advice that follows from the answers. Returned memory lives in the arena.
 */
#ifndef KRING_READINESS_H
#define KRING_READINESS_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "instrument.h"
#include "org.h"

struct rd_check {
	long long id;
	long long at;
	long long person_id; /* who answered, 0 when unknown (removed) */
	const char *who;     /* name of who answered, "" when unknown */
	const char *note;
	const char *instrument_version;
	size_t n_answers;
	const char **questions; /* question ids */
	const char **texts;     /* the questions as asked */
	bool *yes;
	int n_yes;
};

/*
 * Stores one set of answers: yes[i] for in->questions[i], all answered.
 * Returns SAVE_OK or SAVE_ERROR.
 */
enum save_result readiness_save(struct db *db, long long org_id, long long actor,
                                const struct readiness_instrument *in, const bool *yes,
                                const char *note, long long at);

/* The answered checks, newest first (at most limit). 0 or -1. */
int readiness_list(struct db *db, struct arena *a, long long org_id, size_t limit,
                   struct rd_check **out, size_t *n_out);

/* True when n_yes is enough to go ahead (pure). */
bool readiness_ready(const struct readiness_instrument *in, int n_yes);

#endif
