/*
 * arena.h - region allocator: everything a request allocates comes from one
 * arena that is released at once when the request completes.
 */
#ifndef KRING_ARENA_H
#define KRING_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk, allocation happens here */
	size_t used;              /* bytes handed out in all chunks (statistics) */
};

/* Initialises an empty arena; allocates nothing until first use. */
void arena_init(struct arena *a);

/*
 * Returns n bytes, aligned for any type, zero-filled, owned by the arena.
 * Aborts the process when memory is exhausted (as malloc failure in a server
 * that overcommits is not recoverable in a useful way).
 */
void *arena_alloc(struct arena *a, size_t n);

/* Like arena_alloc() but the memory is not zeroed (for buffers about to be filled). */
void *arena_alloc_nz(struct arena *a, size_t n);

/*
 * Room for one more element in an arena-backed array: when n == *cap,
 * returns a copy twice as large (updating *cap), else v itself. A NULL v
 * with *cap == 0 starts a new array. Elements are size bytes.
 */
void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size);

/* Copies n bytes of s and appends a NUL; owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Copies the NUL-terminated s; NULL stays NULL. Owned by the arena. */
char *arena_strdup(struct arena *a, const char *s);

/* printf into arena memory; the result is owned by the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Releases every chunk (a few standard-size ones are kept for this thread's
 * next arena and freed when the thread ends); the arena may be used again.
 */
void arena_free(struct arena *a);

#endif
