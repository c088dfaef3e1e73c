/*
 * search_index.h - the full-text index (issue 3, made a leaf in issue 7): a
 * table of documents, one per record, each a kind ("community", "partner",
 * ...), a reference (the record's id), a title and a body of all its text.
 * Search is accent- and case-insensitive ("cafe" finds "Café" and
 * "Taalcafé", "CAFÉ" finds "café").
 *
 * This module knows no domain struct and no domain table: the domain
 * modules build their document text and call search_index_put/remove inside
 * their own transaction; who may find what is passed in as data (the kinds
 * to search and, for an ambassadeur, the references they may see).
 * Everything specific to a backend (FTS5, tsvector) lives in search_index.c and the 004
 * migration; see there for how PostgreSQL does the same.
 */
#ifndef KRING_SEARCH_INDEX_H
#define KRING_SEARCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"
#include "db.h"

#define SEARCH_MAX_TERMS      8  /* more words than this are ignored */
#define SEARCH_MAX_TERM_LEN   64 /* bytes of one word; longer is cut */
#define SEARCH_MAX_RESULTS    60 /* per kind of record */
#define SEARCH_MIN_PART_CHARS 3  /* parts of words need at least this many letters */
#define SEARCH_MAX_KINDS      8  /* kinds of record one search can ask for */

/*
 * Appends s folded for comparison: lower case, and Latin letters without
 * their accents ("É" -> "e", "ĳ" -> "ij", "ß" stays); combining accents are
 * dropped. Other scripts are copied as they are. When map is not NULL it
 * receives, for every byte appended, the offset in s of the character it
 * came from (map must hold 2 * strlen(s) + 1 entries). Returns bytes appended.
 */
size_t search_fold(struct buf *out, const char *s, size_t *map);

/* search_fold into a new arena string (NULL is read as ""). */
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

/* ---- documents (call inside the caller's transaction) ---- */

/*
 * Appends s to a document body being built, on a line of its own; NULL and
 * "" add nothing. A helper for the modules that build documents.
 */
void search_text_add(struct buf *b, const char *s);

/*
 * Puts the document (kind, ref) of org in the index with title and body
 * (both copied), replacing the one it had. kind must be a string that lives
 * for the whole program. 0, or -1 on a database error (the caller rolls
 * back).
 */
int search_index_put(struct db *db, long long org_id, const char *kind, long long ref,
                     const char *title, const char *body);

/* Removes the document (kind, ref) of org; 0 also when there was none, -1 on error. */
int search_index_remove(struct db *db, long long org_id, const char *kind, long long ref);

/* Empties the whole index and marks it as not built (inside a transaction). 0 or -1. */
int search_index_clear(struct db *db);

/* Marks the index as built (inside the transaction that built it). 0 or -1. */
int search_index_mark_built(struct db *db);

/* 1 when the index was built (search_index_mark_built), 0 when not, -1 on error. */
int search_index_is_built(struct db *db);

/* ---- searching ---- */

/* Who may find what: given by the caller, never looked up here. */
struct search_scope {
	const char *const *kinds; /* kinds to search, in the order of the result groups */
	size_t n_kinds;           /* at most SEARCH_MAX_KINDS */
	bool only_refs;           /* true: only documents whose ref is in refs */
	const long long *refs;
	size_t n_refs;
};

struct search_hit {
	const char *kind;  /* one of the scope's kinds */
	long long id;      /* the ref of the record */
	const char *title; /* its name or subject */
	/* a piece of the text around the first match: before, the match, after
	 * (match "" when the match was only in the title) */
	const char *before;
	const char *match;
	const char *after;
};

struct search_result {
	struct search_hit *hits; /* grouped by kind, in the order of the scope's kinds */
	size_t n_hits;
	size_t n_kind[SEARCH_MAX_KINDS]; /* per kind, in that order */
};

/*
 * Searches the documents of org for input within scope: best matches first
 * within each kind, at most SEARCH_MAX_RESULTS per kind. A document is
 * found when every term is the start of a word in it, or when every term
 * of SEARCH_MIN_PART_CHARS or more letters is part of its text. Strings
 * live in a. 0, or -1 on a database error.
 */
int search_index_find(struct db *db, struct arena *a, long long org_id,
                      const struct search_scope *scope, const char *input,
                      struct search_result *out);

#endif
