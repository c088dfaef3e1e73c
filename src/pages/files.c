/*
 * files.c - serves the file of a knowledge item, /o/<slug>/files/<id>:
 * with the content type kring checked when it was stored (never HTML or
 * SVG: core/files.h takes none), images inline and everything else as an
 * attachment, nosniff (the server adds it to every answer), and a
 * Content-Security-Policy of its own that allows nothing to run. Another
 * organisation's file, or one of a community an ambassadeur is not
 * attached to, is not found (404).
 */
#include <string.h>

#include "../core/files.h"
#include "../http/decode.h"
#include "pages.h"
#include "respond.h"

/* The file name as plain ASCII for the Content-Disposition header. */
static const char *ascii_name(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	char *out = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
		out[i] = ok ? (char)c : '_';
	}
	out[n] = '\0';
	return n ? out : "bestand";
}

int page_file(struct req *r)
{
	struct stored_file f;
	int found = files_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &f);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	const char *disp =
	    arena_printf(&r->arena, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	                 files_inline(f.content_type) ? "inline" : "attachment",
	                 ascii_name(&r->arena, f.name), url_encode(&r->arena, f.name));
	if (!resp_header(r, "Content-Disposition", disp) ||
	    !resp_header(r, "Content-Security-Policy", "default-src 'none'; sandbox"))
		return HANDLER_ERROR;
	r->status = 200;
	r->content_type = f.content_type;
	r->resp_static = f.data;
	r->resp_static_len = f.len;
	return HANDLER_OK;
}
