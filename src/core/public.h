/*
 * public.h - the organisation's public page for residents (M9, issue 13):
 * its settings (off by default, the library's introduction, how long a
 * resident's details are kept), the communities open to newcomers with a
 * description written for residents, the activities marked public, and the
 * signed time stamp of the public forms (the minimum time to fill in).
 *
 * Nothing here reads an internal field of a community or an activity
 * beyond its name, date, times and place: what the public page shows is
 * only what was marked public. Returned strings live in the given arena.
 */
#ifndef KRING_PUBLIC_H
#define KRING_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "calendar.h"
#include "org.h"

#define PUBLIC_RETENTION_MIN     7   /* days */
#define PUBLIC_RETENTION_MAX     730 /* days */
#define PUBLIC_RETENTION_DEFAULT 90  /* days */

/* An organisation's public page settings. */
struct public_settings {
	bool enabled;       /* the page answers at /p/<slug>/ */
	const char *intro;  /* the library's short introduction */
	int retention_days; /* how long a resident's details are kept */
	bool keep_message;  /* after that: keep the message anonymised (else delete it) */
	long long version;  /* for conflict detection */
};

/* The settings of org (the defaults when never saved: off, 90 days). 0 or -1. */
int public_settings_get(struct db *db, struct arena *a, long long org_id,
                        struct public_settings *out);

/*
 * Saves s when the stored version is still s->version, with an audit
 * entry. SAVE_REFUSED for a retention period outside 7-730 days;
 * SAVE_CONFLICT; SAVE_ERROR.
 */
enum save_result public_settings_save(struct db *db, long long org_id, long long actor,
                                      const struct public_settings *s);

/* An organisation whose public page is on, found by its slug. */
struct public_org {
	long long id;
	const char *slug;
	const char *name;
	const char *intro;
	int retention_days;
	bool keep_message;
};

/* 1 and *out when slug names an organisation whose page is on; 0 when not
 * (no such organisation, or its page is off); -1 on error. */
int public_org_find(struct db *db, struct arena *a, const char *slug, struct public_org *out);

/* A community as the public page shows it. */
struct public_community {
	long long id;
	const char *name;
	const char *description; /* written for residents */
};

/* The open communities of org, by name. 0 or -1. */
int public_communities(struct db *db, struct arena *a, long long org_id,
                       struct public_community **out, size_t *n);

/* 1 when community_id is an open community of org, 0 when not, -1 on error. */
int public_community_is_open(struct db *db, long long org_id, long long community_id);

/*
 * The public, planned activities of org held on `from` or later, by date
 * and time, at most limit; their `communities` name only open communities
 * (never another), branch and place as stored. 0 or -1.
 */
int public_activities(struct db *db, struct arena *a, long long org_id, const char *from,
                      long long limit, struct cal_activity **out, size_t *n);

/* A community's public side, for the staff page that sets it. */
struct public_community_settings {
	const char *name; /* the community's name (read only) */
	bool open;
	const char *description;
	long long version; /* 0 when never saved */
};

/* 1 and *out when community_id is of org; 0 when not; -1 on error. */
int public_community_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                         struct public_community_settings *out);

/*
 * Saves a community's public side when its version is still `version`
 * (0: never saved), with an audit entry. SAVE_NOT_FOUND when community_id
 * is not of org; SAVE_CONFLICT; SAVE_ERROR.
 */
enum save_result public_community_save(struct db *db, long long org_id, long long actor,
                                       long long community_id, bool open, const char *description,
                                       long long version);

/* 1 when activity id of org is marked public, 0 when not (or not of org), -1. */
int public_activity_get(struct db *db, long long org_id, long long activity_id);

/* Marks activity id of org public or not. SAVE_OK, SAVE_NOT_FOUND, SAVE_ERROR. */
enum save_result public_activity_set(struct db *db, long long org_id, long long activity_id,
                                     bool on);

/*
 * The hidden time stamp of a public form: "<seconds>.<signature>", signed
 * with a key kept in the database and bound to org. In a (43+ characters).
 * NULL on a database error.
 */
const char *public_stamp_make(struct db *db, struct arena *a, long long org_id);

enum public_stamp {
	PUBLIC_STAMP_OK = 0,
	PUBLIC_STAMP_FAST = 1, /* sent back sooner than min_seconds after the form was made */
	PUBLIC_STAMP_BAD = 2,  /* missing, forged, of another organisation, or older than a day */
	PUBLIC_STAMP_ERROR = -1,
};

/*
 * Checks a time stamp of public_stamp_make() for org. Elapsed time is
 * measured on the real clock (a stopwatch, not a date KRING_NOW moves).
 */
enum public_stamp public_stamp_check(struct db *db, const char *stamp, long long org_id,
                                     int min_seconds);

/* The keyed hash of a client address (64 hex characters, in a), or NULL on error. */
const char *public_addr_hash(struct db *db, struct arena *a, const char *addr);

#endif
