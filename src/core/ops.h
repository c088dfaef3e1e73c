/*
 * ops.h - figures for the operator (/metrics): what the database holds
 * right now, counted without anything personal.
 */
#ifndef KRING_OPS_H
#define KRING_OPS_H

#include "../db/db.h"
#include "signal.h"

struct ops_gauges {
	long long orgs;
	long long sessions;        /* sessions kept */
	long long sessions_recent; /* of those, used in the last hour */
	long long signals[SIG_N];  /* signals by kind, all organisations */
};

/* Counts them; now_s is the time in seconds. 0, or -1 on a database error. */
int ops_gauges(struct db *db, long long now_s, struct ops_gauges *out);

#endif
