/*
 * text.c - the Dutch text table (see text.h).
 */
#include "text.h"

#include <stdarg.h>

const char *const text_nl[TXT__COUNT] = {
#define TXT(id, s) [TXT_##id] = s,
#include "nl.def"
#undef TXT
};

/* The one door for a text of the table as a format: T_printf() and friends
 * checked the arguments against the text's literal twin at compile time. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

char *text_aprintf_(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

void text_bufprintf_(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

#pragma GCC diagnostic pop
