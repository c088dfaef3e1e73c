/*
 * markdown.h - Markdown (CommonMark, Debian's cmark) to HTML, safely: no raw
 * HTML passes (cmark replaces it with a comment), and a link or image keeps
 * its address only when it is http:, https:, mailto: or an address on this
 * site; any other (javascript:, data:, vbscript:, file:, ...) is emptied.
 * Headings move down two levels (a "# kop" in a text is an <h3>), so a text
 * never breaks the outline of the page that shows it.
 *
 * cmark walks its tree without recursion, so deep nesting (thousands of
 * '>' or list levels) costs time in proportion to the input, not stack.
 * Fuzzed by tests/fuzz/fuzz_markdown.c.
 */
#ifndef KRING_MARKDOWN_H
#define KRING_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "html.h"

/*
 * Renders md[0..n) as HTML into a new arena string; NULL only when cmark
 * runs out of memory. The result holds no script, no raw HTML and no
 * address outside the allow-list above.
 */
const char *markdown_render(struct arena *a, const char *md, size_t n);

/* Writes md (NUL-terminated; NULL is "") rendered, in <div class="kring-md">. */
void html_markdown(struct html *h, struct arena *a, const char *md);

/* True when url may stay in a link: http:, https:, mailto:, or no scheme at all. */
bool markdown_url_allowed(const char *url);

#endif
