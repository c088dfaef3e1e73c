/*
 * assets.c - static files built into the binary (/assets/<name>).
 */
#include <string.h>

#include "../util/embed.h"
#include "../web/layout.h"
#include "pages.h"

static const char *mime_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

int page_asset(struct req *r, const char *name)
{
	for (size_t i = 0; i < n_embedded_assets; i++) {
		if (strcmp(embedded_assets[i].name, name) != 0)
			continue;
		r->status = 200;
		r->content_type = mime_of(name);
		r->resp_static = embedded_assets[i].data;
		r->resp_static_len = embedded_assets[i].len;
		r->no_store = false;
		/* the page links it with ?v=<hash of the content> */
		resp_header(r, "Cache-Control", "public, max-age=31536000, immutable");
		return HANDLER_OK;
	}
	resp_error(r, 404);
	return HANDLER_OK;
}
