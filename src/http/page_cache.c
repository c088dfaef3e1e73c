/*
 * page_cache.c - finished pages kept for the next identical request (see
 * page_cache.h).
 */
#include "page_cache.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hash.h"

#define N_BUCKETS 4096 /* power of two */

/* One kept page (a 200): its key, content type and body follow in data[]. */
struct entry {
	struct entry *next;          /* in its bucket */
	struct entry *newer, *older; /* in the use list */
	uint64_t hash;
	size_t key_len, body_len, size;
	bool no_store;
	const char *content_type; /* in data */
	const char *body;         /* in data */
	char data[];              /* key, NUL, content type, NUL, body, NUL */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry **buckets;        /* N_BUCKETS heads, NULL when off */
static struct entry *newest, *oldest; /* the use list */
static size_t used, n_entries;
static atomic_size_t room; /* bytes allowed; read before the lock by page_cache_put() */
static atomic_bool enabled;
static unsigned long long n_hits, n_misses, n_stored, n_evicted;

static struct entry **slot_of(uint64_t hash)
{
	return &buckets[hash & (N_BUCKETS - 1)];
}

static void unlink_use(struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(struct entry *e)
{
	e->older = newest;
	e->newer = NULL;
	if (newest)
		newest->newer = e;
	newest = e;
	if (oldest == NULL)
		oldest = e;
}

/* Takes e out of the cache and frees it (lock held). */
static void drop(struct entry *e)
{
	struct entry **p = slot_of(e->hash);
	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	unlink_use(e);
	used -= e->size;
	n_entries--;
	free(e);
}

/* The entry under key, or NULL (lock held). */
static struct entry *find(const char *key, size_t n, uint64_t hash)
{
	for (struct entry *e = *slot_of(hash); e != NULL; e = e->next)
		if (e->hash == hash && e->key_len == n && memcmp(e->data, key, n) == 0)
			return e;
	return NULL;
}

int page_cache_init(size_t max_bytes)
{
	pthread_mutex_lock(&lock);
	while (oldest != NULL)
		drop(oldest);
	if (max_bytes == 0) {
		free(buckets);
		buckets = NULL;
	} else if (buckets == NULL) {
		buckets = calloc(N_BUCKETS, sizeof(*buckets));
	}
	room = buckets != NULL ? max_bytes : 0;
	atomic_store(&enabled, buckets != NULL);
	n_hits = n_misses = n_stored = n_evicted = 0;
	int rc = max_bytes == 0 || buckets != NULL ? 0 : -1;
	pthread_mutex_unlock(&lock);
	return rc;
}

int page_cache_configure(const char *megabytes)
{
	unsigned long mb = PAGE_CACHE_DEFAULT_MB;
	if (megabytes != NULL && megabytes[0] != '\0') {
		char *end;
		errno = 0;
		mb = strtoul(megabytes, &end, 10);
		if (errno != 0 || *end != '\0' || megabytes[0] < '0' || megabytes[0] > '9' ||
		    mb > 1024)
			return -1;
	}
	return page_cache_init((size_t)mb * 1024 * 1024);
}

bool page_cache_on(void)
{
	return atomic_load_explicit(&enabled, memory_order_relaxed);
}

bool page_cache_get(struct req *r, const char *key)
{
	size_t n = strlen(key);
	uint64_t h = hash_fnv1a(key, n);
	pthread_mutex_lock(&lock);
	struct entry *e = buckets != NULL ? find(key, n, h) : NULL;
	if (e == NULL) {
		n_misses++;
		pthread_mutex_unlock(&lock);
		return false;
	}
	unlink_use(e);
	push_newest(e);
	n_hits++;
	char *body = arena_alloc_nz(&r->arena, e->body_len + 1);
	memcpy(body, e->body, e->body_len + 1);
	const char *ct = arena_strdup(&r->arena, e->content_type);
	bool no_store = e->no_store;
	size_t len = e->body_len;
	pthread_mutex_unlock(&lock);
	struct buf b = {.arena = &r->arena, .data = body, .len = len, .cap = len + 1};
	resp_buf(r, 200, ct, &b);
	r->no_store = no_store;
	return true;
}

void page_cache_put(const struct req *r, const char *key)
{
	if (r->status != 200 || r->content_type == NULL ||
	    strncmp(r->content_type, "text/html", 9) != 0 || r->n_headers != 0 ||
	    r->headers_overflow || r->resp_file || r->resp_static != NULL || r->resp.data == NULL)
		return;
	size_t kn = strlen(key), cn = strlen(r->content_type), bn = r->resp.len;
	size_t size = sizeof(struct entry) + kn + 1 + cn + 1 + bn + 1;
	if (!page_cache_on() || size > room / 8)
		return;
	/* made outside the lock: only the table's links are changed under it */
	struct entry *e = malloc(size);
	if (e == NULL)
		return;
	uint64_t h = hash_fnv1a(key, kn);
	*e = (struct entry){
	    .hash = h, .key_len = kn, .body_len = bn, .size = size, .no_store = r->no_store};
	memcpy(e->data, key, kn + 1);
	char *ct = e->data + kn + 1;
	memcpy(ct, r->content_type, cn + 1);
	char *body = ct + cn + 1;
	memcpy(body, r->resp.data, bn);
	body[bn] = '\0';
	e->content_type = ct;
	e->body = body;
	pthread_mutex_lock(&lock);
	if (buckets == NULL || size > room / 8) { /* turned off (or smaller) meanwhile */
		pthread_mutex_unlock(&lock);
		free(e);
		return;
	}
	struct entry *old = find(key, kn, h);
	if (old != NULL)
		drop(old);
	struct entry **head = slot_of(h);
	e->next = *head;
	*head = e;
	push_newest(e);
	used += size;
	n_entries++;
	n_stored++;
	while (used > room && oldest != NULL && oldest != e) {
		drop(oldest);
		n_evicted++;
	}
	pthread_mutex_unlock(&lock);
}

void page_cache_stats(struct page_cache_stats *out)
{
	pthread_mutex_lock(&lock);
	*out = (struct page_cache_stats){.hits = n_hits,
	                                 .misses = n_misses,
	                                 .stored = n_stored,
	                                 .evicted = n_evicted,
	                                 .bytes = used,
	                                 .entries = n_entries,
	                                 .max_bytes = room};
	pthread_mutex_unlock(&lock);
}
