/*
 * calendar.h - the month calendar of activities and the calendar feeds
 * (.ics) of an organisation and of each community (issue 9). Reads the
 * activities tables of migration 008 with its own queries; writes only the
 * feed keys (calendar_keys). A feed key is 32 random bytes, shown once as 43
 * base64url characters and stored as the hex of its BLAKE2b hash.
 * Returned strings and arrays live in the given arena.
 */
#ifndef KRING_CALENDAR_H
#define KRING_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "org.h"

/*
 * Parses a month "YYYY-MM" (exactly 7 characters, years 1900-2999, months
 * 01-12). true and *year, *month set; false for anything else (NULL, "",
 * "2026-13", "2026-2", "10000000000", ...), leaving them untouched.
 */
bool calendar_month_parse(const char *s, int *year, int *month);

/* Days in month (1-12) of year (Gregorian). */
int calendar_days_in_month(int year, int month);

/* Day of the week of a date, 0 = Monday ... 6 = Sunday. */
int calendar_weekday(int year, int month, int day);

/* One activity as the calendar and the feeds show it. */
struct cal_activity {
	long long id;
	const char *title;
	const char *held_on;     /* "YYYY-MM-DD" */
	const char *starts_at;   /* "HH:MM" or "" */
	const char *ends_at;     /* "HH:MM" or "" */
	const char *made;        /* "voor", "met" or "door" */
	const char *status;      /* "planned", "held" or "cancelled" */
	const char *branch;      /* branch name, or "" */
	const char *place;       /* the place elsewhere, or "" */
	const char *communities; /* names, ", "-separated, in name order ("" when none) */
	long long version;       /* for the feed's SEQUENCE */
	long long updated_at;    /* Unix seconds */
};

/* A db_rows reader of the columns id, title, held_on, starts_at, ends_at,
 * made, status, branch name, place, version, updated_at (communities ""). */
int cal_read_activity(struct db_stmt *st, void *elem, struct arena *a);

/* (activity id, community name) of the activities' communities */
struct cal_name {
	long long activity_id;
	const char *name;
};

/* A db_rows reader of (activity id, community name) rows. */
int cal_read_name(struct db_stmt *st, void *elem, struct arena *a);

/*
 * Sets each activity's communities ("A, B") from names (sorted by activity
 * id, then name), walking both in id order. 0 or -1.
 */
int cal_attach_names(struct arena *a, struct cal_activity *acts, size_t n,
                     const struct cal_name *names, size_t n_names);

/* A community as a choice of the calendar's filter. */
struct cal_community {
	long long id;
	const char *name;
};

/*
 * The communities of org, by name; only those attached_person is attached
 * to as ambassadeur when attached_person is not 0. 0, or -1 on error.
 */
int calendar_communities(struct db *db, struct arena *a, long long org_id,
                         long long attached_person, struct cal_community **out, size_t *n);

/*
 * The activities of org held on from <= held_on < to (dates "YYYY-MM-DD"),
 * by date, start time and id: of community_id only when it is not 0, and
 * only of the communities attached_person is ambassadeur of when that is
 * not 0 (the communities named are then only theirs too). 0, or -1.
 */
int calendar_month_activities(struct db *db, struct arena *a, long long org_id,
                              long long attached_person, long long community_id, const char *from,
                              const char *to, struct cal_activity **out, size_t *n);

/* Most events a feed holds (the newest win); a feed covers a year back onward. */
#define CALENDAR_FEED_MAX 2000

/*
 * The activities of a feed: of the organisation (community_id 0) or of one
 * community, held on `since` or later, at most CALENDAR_FEED_MAX. 0 or -1.
 */
int calendar_feed_activities(struct db *db, struct arena *a, long long org_id,
                             long long community_id, const char *since, struct cal_activity **out,
                             size_t *n);

/* What a valid feed key opens. */
struct cal_feed {
	long long org_id;
	const char *org_slug;
	const char *org_name;
	long long community_id;     /* 0: the organisation's feed */
	const char *community_name; /* "" for the organisation's feed */
};

/*
 * Checks a feed key for the feed of organisation slug (community_id 0) or
 * of its community community_id. The stored hash of that one feed is
 * compared with the hash of key in constant time. 1 and *out when the key
 * is the feed's current key; 0 when not (no such organisation, community or
 * feed, a malformed, unknown, renewed or another feed's key); -1 on error.
 */
int calendar_key_check(struct db *db, struct arena *a, const char *slug, long long community_id,
                       const char *key, struct cal_feed *out);

/*
 * Makes a new key for the feed of org (community_id 0) or of its community
 * and replaces the old one (which stops working), with an audit entry, in
 * one transaction. SAVE_OK and *key_out (43 base64url characters, in a: the
 * only time it exists readable); SAVE_NOT_FOUND when community_id is not a
 * community of org; SAVE_ERROR.
 */
enum save_result calendar_key_renew(struct db *db, struct arena *a, long long org_id,
                                    long long actor, long long community_id, const char **key_out);

/* A feed and the state of its key, for the beheerder's page. */
struct cal_feed_state {
	long long community_id;     /* 0: the organisation's feed */
	const char *community_name; /* "" for the organisation's */
	bool has_key;
	long long key_created_at; /* when has_key */
	const char *key_by;       /* who made it, "" when unknown */
};

/* The organisation's feed first, then one per community by name. 0 or -1. */
int calendar_feed_states(struct db *db, struct arena *a, long long org_id,
                         struct cal_feed_state **out, size_t *n);

#endif
