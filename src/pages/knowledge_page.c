/*
 * knowledge_page.c - one knowledge item: its text (Markdown, rendered
 * safely), its photo or document, tags, where it came from and who
 * contributed; deleting it (with the version seen); a beheerder shares it
 * with the advisers of the library, or stops sharing it.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/files.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "../web/markdown.h"
#include "community_ui.h"
#include "knowledge_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

static int load(struct req *r, struct knowledge *k)
{
	int found = knowledge_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, k);
	return found;
}

static void crumbs(struct req *r, struct html *h, const struct knowledge *k, bool self)
{
	html(h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
	     T(CRUMBS_LABEL), ui_knowledge_url(r, 0, ""), T(KN_TITLE),
	     ui_community_url(r, k->community_id, "#kennis"),
	     ui_short(&r->arena, k->community_name, 60));
	if (self)
		html(h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_knowledge_url(r, k->id, ""), ui_short(&r->arena, k->title, 80));
	html(h, "</nav>");
}

int page_knowledge_item(struct req *r)
{
	struct knowledge k;
	int found = load(r, &k);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	bool edit = (r->role & ROLES_EDIT) != 0;
	struct html h;
	page_begin(r, &h, k.title);
	html(&h, "<article class=\"kring-narrow kring-knowledge-item\">");
	crumbs(r, &h, &k, false);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"kring-knowledge__meta\"><span "
	     "class=\"kring-badge kring-badge--kind\">%s</span> %s</p>",
	     k.title, ui_knowledge_kind(k.kind),
	     T_printf(&r->arena, KN_META, k.community_name, fmt_date(&r->arena, k.created_at)));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(KN_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(KN_SAVED));
	else if (done && strcmp(done, "gedeeld") == 0)
		page_notice(&h, "ok", k.shared ? T(KN_SHARED_ON) : T(KN_SHARED_OFF));
	if (k.file_id && files_inline(k.file_type))
		html(&h,
		     "<figure class=\"kring-photo\"><img src=\"/o/%s/files/%lld\" alt=\"%s\">"
		     "<figcaption>%s</figcaption></figure>",
		     r->org_slug, k.file_id, k.file_alt, k.file_alt);
	html_markdown(&h, &r->arena, k.body);
	if (k.url[0])
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link kring-strong-link\" "
		     "href=\"%s\" rel=\"noopener noreferrer nofollow\">%s</a></p>",
		     k.url, ui_short(&r->arena, k.url, 100));
	if (k.file_id && !files_inline(k.file_type))
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link kring-strong-link\" "
		     "href=\"/o/%s/files/%lld\">%s</a></p>",
		     r->org_slug, k.file_id, T(KN_DOWNLOAD));
	html(&h, "<dl class=\"kring-facts kring-facts--two\">");
	if (k.n_tags) {
		html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd><ul class=\"kring-tags\">",
		     T(KN_TAGS));
		for (size_t i = 0; i < k.n_tags; i++)
			html(&h, "<li><a class=\"utrecht-link kring-tag\" href=\"%s\">#%s</a></li>",
			     ui_knowledge_tag_url(r, k.tags[i]), k.tags[i]);
		html(&h, "</ul></dd></div>");
	}
	if (k.activity_id && k.activity_title[0])
		html(&h,
		     "<div class=\"kring-fact\"><dt>%s</dt><dd><a class=\"utrecht-link\" "
		     "href=\"/o/%s/activities/%lld\">%s</a>"
		     "</dd></div>",
		     T(KN_FROM_ACTIVITY), r->org_slug, k.activity_id, k.activity_title);
	if (k.conversation_id && k.conversation_subject[0]) {
		if (r->role & ROLES_READ)
			html(&h,
			     "<div class=\"kring-fact\"><dt>%s</dt><dd><a class=\"utrecht-link\" "
			     "href=\"/o/%s/conversations/%lld\">%s</a></dd></div>",
			     T(KN_FROM_CONVERSATION), r->org_slug, k.conversation_id,
			     k.conversation_subject);
		else
			html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>%s</dd></div>",
			     T(KN_FROM_CONVERSATION), k.conversation_subject);
	}
	if (k.n_contributors) {
		html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(KN_CONTRIBUTORS));
		for (size_t i = 0; i < k.n_contributors; i++)
			html(&h, "%s%s", i ? ", " : "", k.contributors[i].name);
		html(&h, "</dd></div>");
	}
	html(&h,
	     "<div class=\"kring-fact\"><dt>%s</dt><dd>%s</dd></div><div "
	     "class=\"kring-fact\"><dt>%s</dt><dd>%s</dd></div></dl>",
	     T(KN_CHANGED), fmt_datetime(&r->arena, k.updated_at), T(KN_SHARING),
	     k.shared ? T(KN_SHARED_YES) : T(KN_SHARED_NO));
	html(&h, "<p class=\"kring-toolbar kring-noprint\">");
	if (edit)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action "
		     "kring-button-link\" "
		     "href=\"%s\">%s</a><a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_knowledge_url(r, k.id, "/edit"), T(KN_EDIT),
		     ui_knowledge_url(r, k.id, "/delete"), T(KN_DELETE));
	html(&h, "</p>");
	if (r->role & ROLES_ADMIN) {
		ui_form(&h, r, ui_knowledge_url(r, k.id, "/share"),
		        "kring-inline-form kring-noprint");
		html(
		    &h,
		    "<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" "
		    "name=\"shared\" value=\"%s\"><p class=\"utrecht-paragraph\">%s</p><button "
		    "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s"
		    "</button></form>",
		    k.version, k.shared ? "0" : "1", T(KN_SHARE_EXPLAIN),
		    k.shared ? T(KN_UNSHARE_BUTTON) : T(KN_SHARE_BUTTON));
	}
	html(&h, "</article>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

static int delete_page(struct req *r, const struct knowledge *k, bool stale, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(KN_DELETE_TITLE));
	html(&h, "<div class=\"kring-narrow\">");
	crumbs(r, &h, k, true);
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1>", T(KN_DELETE_TITLE));
	if (stale)
		page_notice(&h, "warning", T(KN_DELETE_STALE));
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T_printf(&r->arena, KN_DELETE_QUESTION, ui_short(&r->arena, k->title, 200)),
	    T(KN_DELETE_EXPLAIN));
	form_delete_confirm(&h, r, ui_knowledge_url(r, k->id, "/delete"), k->version,
	                    T(KN_DELETE_CONFIRM), ui_knowledge_url(r, k->id, ""),
	                    T(KN_DELETE_CANCEL));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_knowledge_delete_confirm(struct req *r)
{
	struct knowledge k;
	int found = load(r, &k);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	return delete_page(r, &k, false, 200);
}

/* SAVE_CONFLICT of a delete: the confirmation again, as the item is now. */
static int delete_again(struct req *r, void *ctx)
{
	struct knowledge *k = ctx;
	if (load(r, k) != 1)
		return HANDLER_ERROR;
	return delete_page(r, k, true, 409);
}

int page_knowledge_delete(struct req *r)
{
	struct knowledge k;
	int found = load(r, &k);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc =
	    knowledge_delete(r->db, r->org_id, r->person_id, r->only_attached, k.id, version);
	return respond_saved(
	    r, rc,
	    &(struct respond_save){.location = ui_knowledge_url(r, 0, "?klaar=verwijderd"),
	                           .conflict = delete_again,
	                           .ctx = &k});
}

int page_knowledge_share(struct req *r)
{
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	const char *s = req_form(r, "shared");
	if (s == NULL || (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc =
	    knowledge_set_shared(r->db, r->org_id, r->person_id, r->param_id, version, s[0] == '1');
	return respond_save(r, rc, ui_knowledge_url(r, r->param_id, "?klaar=gedeeld"));
}
