/*
 * html.c - the escaping HTML writer (see html.h).
 */
#define _GNU_SOURCE
#include "html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_init(struct html *h, struct arena *a)
{
	buf_init(&h->out, a);
}

static const char *escape_of(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void html_escape_into(struct buf *b, const char *s, size_t n)
{
	size_t run = 0; /* start of the current run of plain bytes */
	for (size_t i = 0; i < n; i++) {
		const char *rep = escape_of(s[i]);
		if (rep == NULL)
			continue;
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
}

/* Escapes a NUL-terminated string, copying plain runs found by strcspn(). */
static void escape_cstr(struct buf *b, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "&<>\"'");
		buf_append(b, s, run);
		s += run;
		if (*s == '\0')
			return;
		buf_puts(b, escape_of(*s));
		s++;
	}
}

void html_text(struct html *h, const char *s)
{
	if (s != NULL)
		escape_cstr(&h->out, s);
}

void html_attr_(struct html *h, const char *name, const char *value)
{
	if (name[0] == '\0' ||
	    name[strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-")] != '\0') {
		fprintf(stderr, "html: bad attribute name \"%s\"\n", name);
		abort();
	}
	if (value == NULL)
		return;
	buf_putc(&h->out, ' ');
	buf_puts(&h->out, name);
	buf_puts(&h->out, "=\"");
	escape_cstr(&h->out, value);
	buf_putc(&h->out, '"');
}

void html_trusted(struct html *h, const char *markup)
{
	if (markup != NULL)
		buf_puts(&h->out, markup);
}

void html_append(struct html *h, const struct html *other)
{
	buf_append(&h->out, other->out.data, other->out.len);
}

const char *html_str(struct html *h)
{
	return buf_str(&h->out);
}

/* v in decimal, with a '-' when negative, appended to b (printf's bytes, without its cost). */
static void put_num(struct buf *b, bool negative, unsigned long long v)
{
	char tmp[24];
	size_t k = sizeof(tmp);
	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (negative)
		tmp[--k] = '-';
	buf_append(b, tmp + k, sizeof(tmp) - k);
}

static void put_signed(struct buf *b, long long v)
{
	/* the magnitude in unsigned arithmetic: also right for LLONG_MIN */
	put_num(b, v < 0, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

void html_fmt_(struct html *h, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *run = fmt;

	va_start(ap, fmt);
	while (*p) {
		if (*p != '%') {
			p = strchrnul(p, '%');
			continue;
		}
		buf_append(&h->out, run, (size_t)(p - run));
		p++;
		if (p[0] == 's') {
			html_text(h, va_arg(ap, const char *));
			p += 1;
		} else if (p[0] == 'd') {
			put_signed(&h->out, va_arg(ap, int));
			p += 1;
		} else if (p[0] == 'u') {
			put_num(&h->out, false, va_arg(ap, unsigned));
			p += 1;
		} else if (p[0] == 'l' && p[1] == 'd') {
			put_signed(&h->out, va_arg(ap, long));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			put_signed(&h->out, va_arg(ap, long long));
			p += 3;
		} else if (p[0] == 'z' && p[1] == 'u') {
			put_num(&h->out, false, va_arg(ap, size_t));
			p += 2;
		} else if (p[0] == '%') {
			buf_putc(&h->out, '%');
			p += 1;
		} else {
			fprintf(stderr, "html: bad conversion in format \"%s\"\n", fmt);
			abort();
		}
		run = p;
	}
	buf_append(&h->out, run, (size_t)(p - run));
	va_end(ap);
}
