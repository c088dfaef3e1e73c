/*
 * org.h - organisations, branches, people, roles and the audit log (M1).
 * Every function that touches an organisation's data takes its id as the
 * first argument after the connection; it comes from the request context
 * (the URL, checked against the session), never from form input.
 * Functions that change data write the audit entry in the same transaction.
 * Returned strings and arrays live in the given arena.
 */
#ifndef KRING_ORG_H
#define KRING_ORG_H

#include <stddef.h>

#include "../db/db.h"

struct org_access {
	long long org_id;
	const char *slug;
	const char *name;
	unsigned role; /* enum role */
};

/* 1 and *out filled when person has a role in the org named slug; 0 when not
 * (or no such org); -1 on a database error. */
int org_access_lookup(struct db *db, struct arena *a, const char *slug, long long person_id,
                      struct org_access *out);

/* The organisations where person has a role, by name. 0 or -1. */
int org_list_for_person(struct db *db, struct arena *a, long long person_id,
                        struct org_access **out, size_t *n_out);

struct org {
	long long id;
	const char *slug;
	const char *name;
	const char *description;
	long long version; /* for conflict detection */
};

/* 1 found, 0 not found, -1 error. */
int org_get(struct db *db, struct arena *a, long long org_id, struct org *out);
/* Creates an organisation (CLI, demo). 0, 1 when the slug exists, -1 error. */
int org_create(struct db *db, const char *slug, const char *name, long long *id_out);
/* 1 when slug is a valid organisation slug ([a-z0-9-], 1-64, not starting with '-'). */
int org_slug_valid(const char *slug);

enum save_result {
	SAVE_OK = 0,
	SAVE_CONFLICT = 1,  /* someone else saved first: version moved on */
	SAVE_NOT_FOUND = 2, /* no such record in this organisation */
	SAVE_REFUSED = 3,   /* a rule forbids it (e.g. the last beheerder) */
	SAVE_ERROR = -1,
};

/* Commits the open write transaction when rc is SAVE_OK, else rolls back;
 * returns rc, or SAVE_ERROR when the commit fails. */
enum save_result save_finish(struct db *db, enum save_result rc);

/* Saves name and description if the stored version is still `version`. */
enum save_result org_update(struct db *db, long long org_id, long long actor, const char *name,
                            const char *description, long long version);

struct branch {
	long long id;
	const char *name;
	const char *place;
};

/* 1 and *out when branch id belongs to org_id; 0 when not; -1 on error. */
int branch_get(struct db *db, struct arena *a, long long org_id, long long id, struct branch *out);
int branch_list(struct db *db, struct arena *a, long long org_id, struct branch **out,
                size_t *n_out);
enum save_result branch_add(struct db *db, long long org_id, long long actor, const char *name,
                            const char *place);
enum save_result branch_rename(struct db *db, long long org_id, long long actor, long long id,
                               const char *name, const char *place);
enum save_result branch_delete(struct db *db, long long org_id, long long actor, long long id);

struct member {
	long long person_id;
	const char *name;
	const char *email;
	unsigned role;
	long long since;
};

int member_list(struct db *db, struct arena *a, long long org_id, struct member **out,
                size_t *n_out);
/* Counts members per role: counts[0..3] for beheerder, medewerker, adviseur, ambassadeur. */
int member_counts(struct db *db, long long org_id, long long counts[4]);

/*
 * Gives person a role in the org (adds or changes the membership). In the
 * same transaction, community attachments the new role does not carry are
 * removed (ambassadeur attachments unless the role is ambassadeur, staff
 * attachments unless beheerder or medewerker), so that they never come
 * back with a later role. SAVE_REFUSED when this would leave the org
 * without a beheerder.
 */
enum save_result member_set_role(struct db *db, long long org_id, long long actor,
                                 long long person_id, unsigned role);
/*
 * Takes the role away, with the person's community attachments in the org,
 * in one transaction. SAVE_REFUSED for the last beheerder.
 */
enum save_result member_remove(struct db *db, long long org_id, long long actor,
                               long long person_id);

/* 1 and fields when a person has this (normalised) e-mail, 0 when not, -1 error. */
int person_find(struct db *db, struct arena *a, const char *email, long long *id, const char **name,
                const char **pw_hash, int *locked);
/* Creates a person with a password hash. 0, 1 when the e-mail exists, -1 error. */
int person_create(struct db *db, const char *email, const char *name, const char *pw_hash,
                  long long *id_out);
/*
 * Creates a person and their role in org_id in one transaction, with the
 * audit entry: both or neither. 0 and *id_out (may be NULL); 1 when the
 * e-mail exists (nothing changed); -1 on any other failure (nothing changed,
 * e.g. no such organisation or an invalid role).
 */
int person_create_member(struct db *db, long long org_id, long long actor, const char *email,
                         const char *name, const char *pw_hash, unsigned role, long long *id_out);

/* Writes one audit entry (within the caller's transaction). 0 or -1. */
int audit_write(struct db *db, long long org_id, long long actor, const char *action,
                const char *object, const char *detail);

struct audit_entry {
	long long at;
	const char *who; /* name, or "" for the system */
	const char *action;
	const char *object;
	const char *detail;
};

/* Newest first; up to limit entries from offset. 0 or -1. */
int audit_list(struct db *db, struct arena *a, long long org_id, long long limit, long long offset,
               struct audit_entry **out, size_t *n_out);
/* Total entries of an organisation, or -1 on a database error. */
long long audit_count(struct db *db, long long org_id);

#endif
