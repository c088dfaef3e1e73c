/*
 * search.h - find anything (issue 3): one search over communities, partners
 * and conversations, full-text, accent- and case-insensitive ("cafe" finds
 * "Café" and "Taalcafé", "CAFÉ" finds "café").
 *
 * The index is a table of documents (one per record: a title and a body of
 * all its text) kept in step by the domain functions, in the same
 * transaction as the change that made it stale. Everything specific to
 * SQLite's FTS5 lives in search.c and the 004 migration; see there for how
 * PostgreSQL does the same.
 *
 * Roles: an ambassadeur finds only the communities they are attached to;
 * partners and conversations are found only by staff and advisers.
 */
#ifndef KRING_SEARCH_H
#define KRING_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/buf.h"

#define SEARCH_MAX_TERMS      8  /* more words than this are ignored */
#define SEARCH_MAX_TERM_LEN   64 /* bytes of one word; longer is cut */
#define SEARCH_MAX_RESULTS    60 /* per kind of record */
#define SEARCH_MIN_PART_CHARS 3  /* parts of words need at least this many letters */

/*
 * Appends s folded for comparison: lower case, and Latin letters without
 * their accents ("É" -> "e", "ĳ" -> "ij", "ß" stays); combining accents are
 * dropped. Other scripts are copied as they are. When map is not NULL it
 * receives, for every byte appended, the offset in s of the character it
 * came from (map must hold 2 * strlen(s) + 1 entries). Returns bytes appended.
 */
size_t search_fold(struct buf *out, const char *s, size_t *map);

/* search_fold into a new arena string. */
const char *search_fold_str(struct arena *a, const char *s);

/*
 * s as one FTS5 string: in double quotes, with every '"' doubled, so that
 * nothing a person types is read as FTS syntax. Arena-owned.
 */
const char *search_quote(struct arena *a, const char *s);

/* What a person typed, taken apart into terms and made into FTS5 queries. */
struct search_query {
	const char *terms[SEARCH_MAX_TERMS]; /* the words, as typed (letters and digits) */
	const char *folded[SEARCH_MAX_TERMS];
	int n_terms;       /* 0: nothing to search for */
	const char *words; /* for whole words: "t1"* "t2"* (every term, as a prefix) */
	const char *parts; /* for parts of words: "f1" "f2" (folded terms of 3+ letters), or "" */
};

/*
 * Splits input into terms: runs of letters and digits (any non-ASCII
 * character counts as a letter; ASCII punctuation, quotes, '*', '^', ':',
 * '(', ')', '-', '+' separate terms), at most SEARCH_MAX_TERMS of at most
 * SEARCH_MAX_TERM_LEN bytes (cut on a character boundary). Builds both
 * query expressions from quoted terms only. Strings live in a.
 */
void search_query_build(struct arena *a, const char *input, struct search_query *q);

/* ---- keeping the index in step (call inside the caller's transaction) ---- */

/* Indexes community id of org again (its profile and lists), or removes it when gone. 0/-1. */
int search_sync_community(struct db *db, long long org_id, long long id);
/* Indexes partner id (details, partner power) again, or removes it. 0/-1. */
int search_sync_partner(struct db *db, long long org_id, long long id);
/* Indexes conversation id (report, action points) again, or removes it. 0/-1. */
int search_sync_conversation(struct db *db, long long org_id, long long id);

/*
 * Builds the whole index from the records when it was never built (a
 * database from before the search existed). Cheap after the first time.
 * Called when the database is opened (kring serve, migrate, demo), never
 * from a page that only reads.
 * Runs its own transaction. 0 or -1.
 */
int search_ensure_index(struct db *db);

/* Rebuilds the whole index of every organisation in its own transaction. 0 or -1. */
int search_rebuild(struct db *db);

/* ---- searching ---- */

struct search_hit {
	const char *kind;  /* "community", "partner" or "conversation" */
	long long id;      /* of the record */
	const char *title; /* its name or subject */
	/* a piece of the text around the first match: before, the match, after
	 * (match "" when the match was only in the title) */
	const char *before;
	const char *match;
	const char *after;
};

struct search_result {
	struct search_hit *hits; /* grouped: communities, partners, conversations */
	size_t n_hits;
	size_t n_kind[3]; /* per kind, in that order */
};

/*
 * Searches org for input. only_attached (0, or an ambassadeur's person id)
 * limits it to the communities that person is attached to; with
 * staff_kinds false only communities are searched. Best matches first
 * within each kind, at most SEARCH_MAX_RESULTS per kind. 0 or -1.
 */
int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out);

#endif
