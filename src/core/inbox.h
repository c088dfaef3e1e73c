/*
 * inbox.h - what residents send through the public page ("ik doe mee",
 * "ik heb een idee"), the rate limit that keeps floods out, the staff
 * inbox that turns each submission into work in one step, and the
 * retention pass that removes a resident's details on the date the
 * organisation set (M9, M13, issue 13).
 *
 * Personal data here: inbox_items.name, .contact (only when the resident
 * chose to give them), .message and .answer (free text), and
 * public_hits.addr (a keyed hash of the address, kept a day). Audit
 * entries name the submission by its number only. Returned strings live in
 * the given arena.
 */
#ifndef KRING_INBOX_H
#define KRING_INBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "org.h"

/* Accepted submissions per address in an hour, and per organisation in a day. */
#define INBOX_LIMIT_ADDR_HOUR 5
#define INBOX_LIMIT_ORG_DAY   200

/* Characters of a message, a name and a way to reach someone. */
#define INBOX_MESSAGE_MAX 2000
#define INBOX_NAME_MAX    100
#define INBOX_CONTACT_MAX 200

/* A new submission from the public page. */
struct inbox_new {
	const char *kind;       /* "doe-mee" or "idee" */
	long long community_id; /* doe-mee: an open community; idee: 0 */
	const char *message;    /* required */
	const char *name;       /* "" unless the resident chose to give it */
	const char *contact;    /* "" unless the resident chose to give it */
	const char *consent_version;
	const char *consent_text; /* the sentence the resident was shown */
};

enum inbox_submit_rc {
	INBOX_OK = 0,
	INBOX_LIMIT = 1, /* too many from this address or for this organisation: nothing stored */
	INBOX_NOT_OPEN = 2, /* the community is not open (or not of the organisation) */
	INBOX_INVALID = 3,  /* unknown kind, empty message, or too long */
	INBOX_ERROR = -1,
};

/*
 * 1 when the address (addr_hash, public_addr_hash()) or the organisation
 * reached its limit, 0 when not, -1 on error. Reads only: the flood is
 * refused without taking the write lock.
 */
int inbox_limited(struct db *db, long long org_id, const char *addr_hash);

/*
 * Stores a submission for org, kept until today + retention_days, and
 * counts it toward the limits, in one transaction (the limits are checked
 * again inside it). INBOX_OK and *id_out (may be NULL).
 */
enum inbox_submit_rc inbox_submit(struct db *db, long long org_id, const char *addr_hash,
                                  const struct inbox_new *in, int retention_days,
                                  long long *id_out);

/* nieuw, scan, contact, uitnodigen, beantwoord (as stored) */
extern const char *const inbox_statuses[];

struct inbox_item {
	long long id;
	long long version;
	const char *kind;
	long long community_id;     /* 0 when none (or the community was deleted) */
	const char *community_name; /* "" when none */
	const char *message;
	const char *name;
	const char *contact;
	const char *consent_version;
	const char *consent_text;
	const char *consent_on;
	long long received_at;
	const char *delete_on;
	const char *status;
	const char *answer;
	const char *handled_by; /* name, "" when nobody (yet) */
	long long handled_at;
	long long made_id; /* the scan entry or conversation made from it, 0 */
	bool anonymised;
};

/*
 * One page of org's submissions, newest first: only the new ones when
 * only_new, else the handled ones; and the total of that list. 0 or -1.
 */
int inbox_list(struct db *db, struct arena *a, long long org_id, bool only_new, long long limit,
               long long offset, struct inbox_item **out, size_t *n, long long *total);

/* Number of new submissions of org; -1 on error. */
long long inbox_count_new(struct db *db, long long org_id);

/* 1 and *out when submission id is of org; 0 when not; -1 on error. */
int inbox_get(struct db *db, struct arena *a, long long org_id, long long id,
              struct inbox_item *out);

/*
 * Turns new submission id (seen at version) into a scan entry of list
 * ("bestaand" or "gewenst") named name, with the message as its
 * description and why as its reason, and marks it handled; one
 * transaction. SAVE_REFUSED for an empty name or an unknown list, or when
 * it was handled already; SAVE_CONFLICT; SAVE_NOT_FOUND.
 */
enum save_result inbox_to_scan(struct db *db, long long org_id, long long actor, long long id,
                               long long version, const char *list, const char *name,
                               const char *why, long long *made_id);

/*
 * Turns new submission id into a contact with community_id: a
 * conversation ("kennismaking", today, subject, the message as its
 * report; never the resident's name or contact), then marks it handled.
 * SAVE_NOT_FOUND for a community not of org; SAVE_REFUSED as above or
 * for an empty subject; SAVE_CONFLICT.
 */
enum save_result inbox_to_contact(struct db *db, long long org_id, long long actor, long long id,
                                  long long version, long long community_id, const char *subject,
                                  long long *made_id);

/*
 * Marks new submission id "uitnodigen als ambassadeur" of community_id
 * (the invitation itself is made on the community's invite page).
 * SAVE_NOT_FOUND for a community not of org; SAVE_REFUSED; SAVE_CONFLICT.
 */
enum save_result inbox_mark_invite(struct db *db, long long org_id, long long actor, long long id,
                                   long long version, long long community_id);

/*
 * Marks submission id answered and archived, with a note of the answer
 * (may be ""). SAVE_REFUSED when it was handled already; SAVE_CONFLICT.
 */
enum save_result inbox_answer(struct db *db, long long org_id, long long actor, long long id,
                              long long version, const char *answer);

/*
 * The retention pass, for every organisation: a submission whose
 * delete_on is today or earlier loses the resident's name, contact and
 * the answer, and is deleted unless its organisation keeps messages
 * anonymised (then the message stays and it is marked anonymised). Also
 * forgets rate-limit entries older than a day. *n_out: submissions
 * changed. On SQLite the write-ahead log is then emptied into the file
 * (secure_delete has overwritten the freed bytes there). 0 or -1.
 */
int inbox_retention(struct db *db, const char *today, long long *n_out);

/* What the retention pass will do in org_id, for the retention overview. */
struct inbox_due {
	long long days;   /* the public page's retention_days */
	long long now;    /* submissions whose details go tonight */
	long long soon;   /* ... within 30 days after that */
	const char *next; /* the first delete_on after those, "YYYY-MM-DD", or "" */
};

/* Fills *out at clock_today(); next is allocated in a. 0 or -1. */
int inbox_retention_due(struct db *db, struct arena *a, long long org_id, struct inbox_due *out);

#endif
