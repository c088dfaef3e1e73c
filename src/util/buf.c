/*
 * buf.c - growable arena-backed byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, struct arena *a)
{
	b->arena = a;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

static void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len)
		abort();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 256;
	while (cap < need)
		cap *= 2;
	char *p = arena_alloc_nz(b->arena, cap);
	if (b->len > 0)
		memcpy(p, b->data, b->len);
	b->data = p;
	b->cap = cap;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n > 0) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *buf_str(struct buf *b)
{
	return b->data != NULL ? b->data : "";
}
