/*
 * buf.h - growable byte buffer whose memory lives in an arena.
 */
#ifndef KRING_BUF_H
#define KRING_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "arena.h"

struct buf {
	struct arena *arena; /* owner of data */
	char *data;          /* always NUL-terminated when len > 0 or cap > 0 */
	size_t len;          /* bytes written */
	size_t cap;          /* bytes available in data */
};

/* Starts an empty buffer that allocates from a. */
void buf_init(struct buf *b, struct arena *a);
/* Appends n bytes. */
void buf_append(struct buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string. */
void buf_puts(struct buf *b, const char *s);
/* Appends one byte. */
void buf_putc(struct buf *b, char c);
/* Appends printf output (no escaping: for trusted formats only). */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* buf_printf() with a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the contents as a NUL-terminated string (never NULL). */
const char *buf_str(struct buf *b);

#endif
