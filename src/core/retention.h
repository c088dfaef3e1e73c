/*
 * retention.h - how long an organisation keeps personal data, and the
 * daily pass that removes what is past its time (M13, issue 14).
 *
 * Categories (retention_settings.category):
 *   contact     contact details of people no longer active: a login that
 *               lost their role here (and has none elsewhere) is erased
 *               this many days after leaving; the contact person of a
 *               community that stopped (status 'gestopt') and of a partner
 *               without a change or a conversation in this many days is
 *               removed;
 *   links       anonymous links: a closed meetlat round's answering link,
 *               and calendar feed links of people without a role here;
 *   access_log  entries of the access log.
 * Idea-box messages are kept by the inbox (core/inbox.c) under its own
 * period; the pass calls its hook (retention_enforce, marked) when the
 * lead wires it.
 */
#ifndef KRING_RETENTION_H
#define KRING_RETENTION_H

#include "../db/db.h"
#include "org.h"
#include "privacy.h"

enum retention_category {
	RET_CONTACT,
	RET_LINKS,
	RET_ACCESS_LOG,
	RET_N,
};

/* Stored name of a category ("contact", "links", "access_log"). */
const char *retention_name(enum retention_category c);
/* The default period of a category, in days. */
int retention_default(enum retention_category c);

/* The periods of org_id (defaults where none is set). 0 or -1. */
int retention_days(struct db *db, long long org_id, int days[RET_N]);

/* Saves the periods (1..3650 days each) with an audit entry. */
enum save_result retention_set(struct db *db, long long org_id, long long actor,
                               const int days[RET_N]);

/* What the pass will remove: due now (at the next pass), and the next later date. */
struct retention_due {
	long long now;  /* items past their period */
	long long soon; /* items that pass it within 30 days */
	long long next; /* when the first of the others is due (Unix seconds), 0 when none */
};

/* The overview per category for org_id at clock_now(). 0 or -1. */
int retention_overview(struct db *db, long long org_id, struct retention_due out[RET_N]);

/*
 * Removes what is past its period in org_id now (clock_now()), in one
 * transaction; removed[c] counts the items. labels name erased people.
 * 0, or -1 on a database error (nothing removed).
 */
int retention_enforce(struct db *db, long long org_id, const struct privacy_labels *labels,
                      long long removed[RET_N]);

/*
 * The daily pass: enforces retention for every organisation not yet done
 * today (clock_today()); *n_orgs counts them. With force, every
 * organisation. 0, or -1 when one failed (the others still ran).
 */
int retention_run_due(struct db *db, const struct privacy_labels *labels, bool force, int *n_orgs);

#endif
