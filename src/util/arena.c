/*
 * arena.c - region allocator (see arena.h).
 */
#include "arena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN (16 * 1024)
#define ARENA_ALIGN     _Alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk *next; /* older chunk */
	size_t size;              /* usable bytes in data[] */
	size_t off;               /* first free byte in data[] */
	_Alignas(max_align_t) unsigned char data[];
};

/* Each thread keeps a few standard-size chunks for the next request, so a
 * request usually costs no malloc()/free() of its own. */
#define ARENA_CACHE_MAX 8
static _Thread_local struct arena_chunk *chunk_cache;
static _Thread_local unsigned n_chunk_cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

/* Thread exit: free the chunks this thread kept. */
static void cache_release(void *unused)
{
	(void)unused;
	while (chunk_cache != NULL) {
		struct arena_chunk *next = chunk_cache->next;
		free(chunk_cache);
		chunk_cache = next;
	}
	n_chunk_cache = 0;
}

static void cache_key_init(void)
{
	pthread_key_create(&cache_key, cache_release);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL) {
		fputs("kring: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *arena_alloc_raw(struct arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct arena_chunk *c = a->head;

	if (need < n) /* overflow */
		abort();
	if (c == NULL || c->size - c->off < need) {
		size_t size = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
		if (c != NULL && c->size * 2 > size && c->size * 2 <= 1024 * 1024)
			size = c->size * 2;
		if (size > SIZE_MAX - sizeof(*c))
			abort();
		if (size == ARENA_CHUNK_MIN && chunk_cache != NULL) {
			c = chunk_cache;
			chunk_cache = c->next;
			n_chunk_cache--;
		} else {
			c = xmalloc(sizeof(*c) + size);
		}
		c->size = size;
		c->off = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->off;
	c->off += need;
	a->used += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

void *arena_alloc_nz(struct arena *a, size_t n)
{
	return arena_alloc_raw(a, n);
}

void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (v != NULL && n < *cap)
		return v;
	size_t want = *cap ? *cap * 2 : 8;
	if (want < *cap || want > SIZE_MAX / size)
		abort();
	void *w = arena_alloc(a, want * size); /* zeroed: new elements start empty */
	if (v != NULL && n > 0)
		memcpy(w, v, n * size);
	*cap = want;
	return w;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc_raw(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		if (c->size == ARENA_CHUNK_MIN && n_chunk_cache < ARENA_CACHE_MAX) {
			if (chunk_cache == NULL) { /* make sure thread exit frees the cache */
				pthread_once(&cache_once, cache_key_init);
				pthread_setspecific(cache_key, &chunk_cache);
			}
			c->next = chunk_cache;
			chunk_cache = c;
			n_chunk_cache++;
		} else {
			free(c);
		}
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}
