/*
 * page_cache.h - finished pages kept in memory for the next identical
 * request (issue 8, P1).
 *
 * A kring page is a function of the data its read transaction sees, the
 * person's session, the language, the hour, the Host and the URL. The
 * router builds a key of exactly those (the data as db_generation(): the
 * connection's data version on SQLite, the snapshot on PostgreSQL) and, when the
 * key is known, answers with a copy of the kept bytes instead of making the
 * page again. Any commit moves the generation, so a kept page is never
 * shown after a change, on any instance; the hour in the key bounds how
 * long a page about "today" can be kept.
 *
 * The cache holds at most the bytes page_cache_init() allows (oldest use
 * out first); 0 turns it off. One mutex guards it: a lookup is a hash, a
 * comparison and a copy; a page to keep is copied before the lock is taken.
 */
#ifndef KRING_PAGE_CACHE_H
#define KRING_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "server.h"

/* Default room: KRING_PAGE_CACHE_MB overrides it (0: off). */
#define PAGE_CACHE_DEFAULT_MB 4

/* Sets the room in bytes (0 turns the cache off and empties it). 0, or -1
 * when out of memory. Call before serving; tests may call it again. */
int page_cache_init(size_t max_bytes);

/* page_cache_init() from the text of KRING_PAGE_CACHE_MB: whole megabytes,
 * 0 to 1024 (0: off); NULL or empty: PAGE_CACHE_DEFAULT_MB. 0, or -1 when
 * the text is not such a number (nothing changed) or memory is short. */
int page_cache_configure(const char *megabytes);

/* True when pages are kept. */
bool page_cache_on(void);

/* On a hit, sets r's response to a copy (in r->arena) of the page kept
 * under key and returns true. */
bool page_cache_get(struct req *r, const char *key);

/* Keeps r's finished response under key, replacing what was there. Only a
 * 200 text/html body without extra headers is kept; larger than an eighth
 * of the room, it is not. */
void page_cache_put(const struct req *r, const char *key);

struct page_cache_stats {
	unsigned long long hits, misses, stored, evicted;
	size_t bytes, entries, max_bytes;
};
void page_cache_stats(struct page_cache_stats *out);

#endif
