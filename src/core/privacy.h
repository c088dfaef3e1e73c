/*
 * privacy.h - privacy by construction (M13, issue 14): the people kring
 * holds data about, everything it holds about one of them (inzage), their
 * erasure, and the access log of who opened whose personal data. The
 * register of personal columns is db/personal.def.
 *
 * A "person" here is one of three kinds, named by a kind string and an id:
 *   "person"    a login (staff, adviser, ambassadeur): persons.id, with a
 *               role in the organisation now or before (privacy_departures);
 *   "partner"   the contact person of a partner: partners.id;
 *   "community" the contact person of a community: communities.id.
 */
#ifndef KRING_PRIVACY_H
#define KRING_PRIVACY_H

#include <stdbool.h>

#include "../db/db.h"
#include "org.h"

struct privacy_person {
	const char *kind; /* "person", "partner" or "community" (static strings) */
	long long id;
	const char *name;   /* the person's name ("" when none is kept) */
	const char *detail; /* e-mail (person) or the partner's / community's name */
	const char *role;   /* stored role name, or the former role; "" for contacts */
	bool former;        /* a person who no longer has a role here */
};

/* The kind string for a name from a URL ("person", "partner", "community"), or NULL. */
const char *privacy_kind(const char *name);

/*
 * Everyone of org_id kring holds personal data about: people with a role
 * now or before (not yet erased), then contact persons of partners and of
 * communities. Strings live in a. 0, or -1 on a database error.
 */
int privacy_people(struct db *db, struct arena *a, long long org_id, struct privacy_person **out,
                   size_t *n_out);

/* 1 and *out when (kind, id) is a person of org_id, 0 when not, -1 on error. */
int privacy_person_get(struct db *db, struct arena *a, long long org_id, const char *kind,
                       long long id, struct privacy_person *out);

/*
 * One record held about a person: the table and column that name them, the
 * row's id, a time (Unix seconds, 0 when none) and a short text. Strings
 * are valid only during the call. Return 0 to go on, -1 to stop.
 */
typedef int (*privacy_record_fn)(void *ctx, const char *table, const char *column, long long id,
                                 long long at, const char *text);

/*
 * Calls fn for every record kring holds about the person (kind, id) in
 * org_id, row by row from the database (nothing is collected, so 10 000
 * records cost no more memory than one): their own fields first, then every
 * column of db/personal.def that names them, then free texts of the
 * organisation that mention their name. 0, or -1 on a database error or
 * when fn stopped.
 */
int privacy_each_record(struct db *db, long long org_id, const char *kind, long long id,
                        privacy_record_fn fn, void *ctx);

/* The neutral labels that replace an erased name (Dutch words, given by the page). */
struct privacy_labels {
	const char *staff;      /* "oud-medewerker" */
	const char *ambassador; /* "oud-ambassadeur" */
	const char *contact;    /* "contactpersoon" */
};

/*
 * Erases the person (kind, id) of org_id in one transaction, whole or
 * nothing: name and contact fields are removed everywhere in the
 * organisation, free texts that name them get the neutral label, their
 * contributions stay (attributed to the label), a login's role,
 * attachments, sessions, calendar links and login throttle entries go, and
 * the audit log records that an erasure happened (the label, never the
 * name). SAVE_NOT_FOUND when (kind, id) is not a person of the
 * organisation; SAVE_REFUSED for a login who still has a role in another
 * organisation, for the last beheerder, and for the actor themselves
 * unless self is true (an ambassadeur leaving).
 */
enum save_result privacy_erase(struct db *db, long long org_id, long long actor, const char *kind,
                               long long id, const struct privacy_labels *labels, bool self);

/*
 * The erasure of a login as one step of a caller's open transaction (the
 * retention pass): label replaces the name. 0, or -1 on a database error.
 */
int privacy_erase_login_tx(struct db *db, long long org_id, long long actor, long long person,
                           const char *label);
/* The same for a partner's ("partner") or community's contact person. 0 or -1. */
int privacy_erase_contact_tx(struct db *db, long long org_id, long long actor, const char *kind,
                             long long id, const char *label);

/* After erasures: SQLite's full-text index is rewritten so no old term stays in the file. */
int privacy_purge_search(struct db *db);

/* ---- access log ---- */

/*
 * Records that viewer opened the personal data of (kind, id) in org_id;
 * what is "detail", "inzage", "download" or "erase". Ids only, never a
 * name. 0, or -1 on a database error.
 */
int privacy_log_view(struct db *db, long long org_id, long long viewer, const char *kind,
                     long long id, const char *what);

/*
 * 1 when viewer's opening of (kind, id) with what is already logged since
 * (Unix seconds), 0 when not, -1 on a database error: a page shown again
 * the same day needs no second entry (and no write).
 */
int privacy_log_seen_since(struct db *db, long long org_id, long long viewer, const char *kind,
                           long long id, const char *what, long long since);

struct access_entry {
	long long at;
	const char *viewer; /* the viewer's name now, "" when gone */
	const char *kind;
	long long subject_id;
	const char *subject; /* the subject's name now ("" when erased or gone) */
	const char *what;
};

/* Newest first, up to limit from offset. Strings in a. 0 or -1. */
int privacy_log_list(struct db *db, struct arena *a, long long org_id, long long limit,
                     long long offset, struct access_entry **out, size_t *n_out);
/* Entries of org_id, or -1 on a database error. */
long long privacy_log_count(struct db *db, long long org_id);

#endif
