/*
 * markdown.c - safe Markdown rendering with cmark (see markdown.h).
 */
#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool markdown_url_allowed(const char *url)
{
	if (url == NULL || url[0] == '\0')
		return true;
	/* a scheme is letters, digits, '+', '-', '.' before the first ':' that
	 * comes before any '/', '?' or '#' */
	size_t n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return true; /* a relative address: this site */
	return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
	       (n == 5 && strncasecmp(url, "https", 5) == 0) ||
	       (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/* Empties addresses outside the allow-list and moves headings down two levels. */
static void make_safe(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *node = cmark_iter_get_node(it);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (!markdown_url_allowed(cmark_node_get_url(node)))
				cmark_node_set_url(node, "");
			break;
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(node) + 2;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

const char *markdown_render(struct arena *a, const char *md, size_t n)
{
	/* without CMARK_OPT_UNSAFE, cmark omits raw HTML and dangerous URLs itself;
	 * make_safe() narrows the addresses further */
	cmark_node *doc = cmark_parse_document(md ? md : "", md ? n : 0, CMARK_OPT_DEFAULT);
	if (doc == NULL)
		return NULL;
	make_safe(doc);
	char *out = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	if (out == NULL)
		return NULL;
	const char *copy = arena_strdup(a, out);
	free(out);
	return copy;
}

void html_markdown(struct html *h, struct arena *a, const char *md)
{
	const char *out = markdown_render(a, md, md ? strlen(md) : 0);
	html(h, "<div class=\"kring-md\">");
	if (out != NULL)
		html_trusted(h, out);
	html(h, "</div>");
}
