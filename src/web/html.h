/*
 * html.h - the HTML writer. Escapes by default.
 *
 * html(h, "<p>%s</p>", text) writes text HTML-escaped. The format must be a
 * string literal (enforced by the macro). Conversions:
 *   %s   const char *, HTML-escaped (NULL writes nothing)
 *   %d   int            %u  unsigned        %ld long   %lld long long
 *   %zu  size_t         %%  a literal '%'
 * These are printf's own, so the compiler checks every call's arguments
 * (a format attribute; CI builds with -Wformat=2). Any other conversion is
 * a programming error and aborts (tests catch it). For a URL segment, pass
 * url_encode(a, s) (http/decode.h) to %s.
 *
 * Trusted markup that is not a literal goes in only through
 * html_trusted() (greppable) or html_append() (another writer's output,
 * which was escaped when it was written).
 */
#ifndef KRING_HTML_H
#define KRING_HTML_H

#include <stddef.h>

#include "../util/buf.h"

struct html {
	struct buf out; /* escaped markup written so far */
};

/* Starts an empty document fragment in arena a. */
void html_init(struct html *h, struct arena *a);

/* Formatted output; see the list of conversions above. */
#define html(h, fmt, ...) html_fmt_((h), "" fmt "", ##__VA_ARGS__)
void html_fmt_(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Writes one attribute, ` name="value"`, with value escaped as an attribute
 * value: html_attr(h, "stroke-dasharray", "8 5") writes
 * ` stroke-dasharray="8 5"`. Use it where an attribute is present or not
 * (a %s in html() would escape the quotes of a whole ` name="value"`).
 * name must be a string literal of lower-case letters, digits and '-'
 * (enforced: anything else aborts); value NULL writes nothing.
 */
#define html_attr(h, name, value) html_attr_((h), "" name "", (value))
void html_attr_(struct html *h, const char *name, const char *value);

/* Writes s escaped (same as html(h, "%s", s)). */
void html_text(struct html *h, const char *s);

/* Writes trusted markup as is. Only for constants or markup kring built. */
void html_trusted(struct html *h, const char *markup);

/* Appends what another writer produced (already escaped). */
void html_append(struct html *h, const struct html *other);

/* Escapes n bytes of s into b (used by html_fmt_ and elsewhere). */
void html_escape_into(struct buf *b, const char *s, size_t n);

/* The markup written so far, NUL-terminated. */
const char *html_str(struct html *h);

#endif
