/*
 * respond.c - how a handler finishes (see respond.h).
 */
#include "respond.h"

#include <stdio.h>

#include "../i18n/text.h"
#include "../web/layout.h"

/* A short Dutch page for a status the error pages do not know (409, 422). */
static int plain_page(struct req *r, unsigned status, const char *title, const char *body)
{
	struct html h;
	page_begin(r, &h, title);
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\">"
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></p></div>",
	     title, body,
	     r->org_slug && r->org_slug[0] ? arena_printf(&r->arena, "/o/%s", r->org_slug) : "/",
	     T(RESPOND_BACK));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int respond_not_found(struct req *r)
{
	resp_error(r, 404);
	return HANDLER_OK;
}

int respond_saved(struct req *r, enum save_result rc, const struct respond_save *how)
{
	switch (rc) {
	case SAVE_OK:
		resp_redirect(r, how->location);
		return HANDLER_OK;
	case SAVE_NOT_FOUND:
		return how->not_found ? how->not_found(r, how->ctx) : respond_not_found(r);
	case SAVE_CONFLICT:
		return how->conflict ? how->conflict(r, how->ctx)
		                     : plain_page(r, 409, T(RESPOND_CONFLICT_TITLE),
		                                  T(RESPOND_CONFLICT_BODY));
	case SAVE_REFUSED:
		return how->refused
		           ? how->refused(r, how->ctx)
		           : plain_page(r, 422, T(RESPOND_REFUSED_TITLE), T(RESPOND_REFUSED_BODY));
	case SAVE_ERROR:
		break;
	}
	return HANDLER_ERROR;
}

int respond_failed(struct req *r, enum save_result rc)
{
	if (rc == SAVE_OK) /* a caller's mistake: success is not a failure */
		return HANDLER_ERROR;
	return respond_saved(r, rc, &(struct respond_save){.location = NULL});
}

int respond_save(struct req *r, enum save_result rc, const char *location)
{
	return respond_saved(r, rc, &(struct respond_save){.location = location});
}

void respond_section_failed(struct req *r, struct html *h, const char *section)
{
	fprintf(stderr, "kring: %s %s: section '%s' failed to load\n", r->method, r->path, section);
	page_notice(h, "error", T(SECTION_FAILED));
}
