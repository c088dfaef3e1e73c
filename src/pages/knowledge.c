/*
 * knowledge.c - the kennisbank (issue 11, M7): every knowledge item of the
 * organisation (an ambassadeur: of their communities), newest first,
 * filtered by community, kind and tag, a page at a time; the "Kennis"
 * section of a community's page; and the advisers' page of the items the
 * libraries they coach have shared.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "knowledge_ui.h"
#include "pager.h"
#include "pages.h"
#include "respond.h"

#define KN_PER_PAGE      20 /* items on one page of the kennisbank */
#define KN_SECTION_ITEMS 3  /* latest items on a community's page */

const char *ui_knowledge_url(struct req *r, long long id, const char *suffix)
{
	if (id == 0)
		return arena_printf(&r->arena, "/o/%s/knowledge%s", r->org_slug, suffix);
	return arena_printf(&r->arena, "/o/%s/knowledge/%lld%s", r->org_slug, id, suffix);
}

const char *ui_knowledge_kind(const char *kind)
{
	return vocab_label(knowledge_kinds, TXT_KN_KIND_VERHAAL, kind);
}

const char *ui_knowledge_tag_url(struct req *r, const char *tag)
{
	return arena_printf(&r->arena, "/o/%s/knowledge?tag=%s", r->org_slug,
	                    url_encode(&r->arena, tag));
}

/* The Markdown of s as plain text for an excerpt: marks left out. */
static const char *plain(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (strchr("#*_>`[]|~", c) != NULL)
			continue;
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c == ' ' && k > 0 && out[k - 1] == ' ')
			continue;
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

void ui_knowledge_card(struct req *r, struct html *h, const struct knowledge *k, const char *href,
                       bool org, bool tag_links)
{
	html(h,
	     "<li class=\"kring-knowledge\"><h3 class=\"utrecht-heading-3 kring-knowledge__title\">"
	     "<a class=\"utrecht-link kring-strong-link\" href=\"%s\">%s</a></h3>"
	     "<p class=\"kring-knowledge__meta\"><span class=\"kring-badge kring-badge--kind\">%s"
	     "</span> ",
	     href, ui_short(&r->arena, k->title, 120), ui_knowledge_kind(k->kind));
	if (org)
		html(h, "%s · ", k->org_name);
	html(h, "%s · %s", ui_short(&r->arena, k->community_name, 60),
	     fmt_date(&r->arena, k->created_at));
	if (k->shared)
		html(h, " · %s", T(KN_SHARED_BADGE));
	html(h, "</p>");
	const char *ex = plain(&r->arena, k->body);
	if (ex[0])
		html(h, "<p class=\"utrecht-paragraph kring-knowledge__text\">%s</p>",
		     ui_short(&r->arena, ex, 220));
	if (k->n_tags) {
		html(h, "<ul class=\"kring-tags\" aria-label=\"%s\">", T(KN_TAGS));
		for (size_t i = 0; i < k->n_tags; i++) {
			if (tag_links)
				html(h,
				     "<li><a class=\"utrecht-link kring-tag\" "
				     "href=\"%s\">#%s</a></li>",
				     ui_knowledge_tag_url(r, k->tags[i]), k->tags[i]);
			else
				html(h, "<li><span class=\"kring-tag\">#%s</span></li>",
				     k->tags[i]);
		}
		html(h, "</ul>");
	}
	html(h, "</li>");
}

void knowledge_section(struct req *r, struct html *h, long long community_id)
{
	struct knowledge_filter f = {.community = community_id, .kind = "", .tag = ""};
	struct knowledge *v;
	size_t n;
	long long total;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-kennis\" id=\"kennis\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-kennis\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(KN_SECTION_TITLE), T(KN_SECTION_INTRO));
	if (knowledge_list(r->db, &r->arena, r->org_id, r->only_attached, &f, KN_SECTION_ITEMS, 0,
	                   &v, &n, &total) != 0) {
		respond_section_failed(r, h, "knowledge");
		html(h, "</section>");
		return;
	}
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(KN_SECTION_NONE));
	} else {
		html(h, "<ul class=\"kring-knowledge-list\">");
		for (size_t i = 0; i < n; i++)
			ui_knowledge_card(r, h, &v[i], ui_knowledge_url(r, v[i].id, ""), false,
			                  true);
		html(h, "</ul>");
	}
	html(h, "<p class=\"kring-toolbar kring-noprint\">");
	if (r->role & ROLES_EDIT)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action "
		     "kring-button-link\" "
		     "href=\"/o/%s/knowledge/new?community=%lld\">%s</a>",
		     r->org_slug, community_id, T(KN_ADD));
	if (total > 0)
		html(h, "<a class=\"utrecht-link\" href=\"/o/%s/knowledge?community=%lld\">%s</a>",
		     r->org_slug, community_id, TN_printf(&r->arena, KN_SECTION_ALL, total, total));
	html(h, "</p></section>");
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
}

int page_knowledge(struct req *r)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, false) != 0)
		return HANDLER_ERROR;
	struct knowledge_filter f = {.kind = "", .tag = ""};
	long long cid = req_query_id(r, "community");
	for (size_t i = 0; cid && i < c.n_communities; i++)
		if (c.communities[i].id == cid)
			f.community = cid;
	const char *s = req_query(r, "soort");
	if (vocab_index(knowledge_kinds, s) >= 0)
		f.kind = s;
	s = req_query(r, "tag");
	if (s && s[0])
		f.tag = ui_short(&r->arena, s, KNOWLEDGE_TAG_MAX);
	const char **tags;
	size_t n_tags;
	if (knowledge_tags_in_use(r->db, &r->arena, r->org_id, r->only_attached, &tags, &n_tags) !=
	    0)
		return HANDLER_ERROR;
	struct pager pg;
	pager_init(&pg, r, KN_PER_PAGE);
	pager_filter_int(&pg, "community", f.community);
	pager_filter_text(&pg, "soort", f.kind);
	pager_filter_text(&pg, "tag", f.tag);
	struct knowledge *v;
	size_t n;
	long long total;
	if (knowledge_list(r->db, &r->arena, r->org_id, r->only_attached, &f, pg.per_page,
	                   pager_offset(&pg), &v, &n, &total) != 0)
		return HANDLER_ERROR;
	pg.total = total;

	struct html h;
	page_begin(r, &h, T(KN_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(KN_TITLE), T(KN_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(KN_DELETED));
	if (r->role & ROLES_EDIT)
		html(&h,
		     "<p class=\"kring-toolbar kring-noprint\"><a class=\"utrecht-button "
		     "utrecht-button--primary-action kring-button-link\" href=\"%s\">%s</a></p>",
		     f.community ? arena_printf(&r->arena, "/o/%s/knowledge/new?community=%lld",
		                                r->org_slug, f.community)
		                 : ui_knowledge_url(r, 0, "/new"),
		     T(KN_ADD));
	bool any = f.community || f.kind[0] || f.tag[0];
	html(&h,
	     "<form class=\"kring-filters kring-noprint\" method=\"get\" action=\"%s\" "
	     "aria-label=\"%s\">",
	     ui_knowledge_url(r, 0, ""), T(KN_FILTER));
	select_open(&h, "community", T(KN_COMMUNITY));
	html(&h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (size_t i = 0; i < c.n_communities; i++)
		html(&h, "<option value=\"%lld\"%s>%s</option>", c.communities[i].id,
		     c.communities[i].id == f.community ? " selected" : "",
		     ui_short(&r->arena, c.communities[i].name, 60));
	html(&h, "</select></div>");
	select_open(&h, "soort", T(KN_KIND));
	html(&h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (int i = 0; knowledge_kinds[i]; i++)
		html(&h, "<option value=\"%s\"%s>%s</option>", knowledge_kinds[i],
		     strcmp(knowledge_kinds[i], f.kind) == 0 ? " selected" : "",
		     ui_knowledge_kind(knowledge_kinds[i]));
	html(&h, "</select></div>");
	select_open(&h, "tag", T(KN_TAG));
	html(&h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	bool tag_known = false;
	for (size_t i = 0; i < n_tags; i++) {
		bool sel = strcmp(tags[i], f.tag) == 0;
		tag_known = tag_known || sel;
		html(&h, "<option value=\"%s\"%s>%s</option>", tags[i], sel ? " selected" : "",
		     tags[i]);
	}
	if (f.tag[0] && !tag_known)
		html(&h, "<option value=\"%s\" selected>%s</option>", f.tag, f.tag);
	html(&h,
	     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	     "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s"
	     "</button>",
	     T(FILTER_APPLY));
	if (any)
		html(&h, " <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_knowledge_url(r, 0, ""), T(FILTER_RESET));
	html(&h, "</div></form>");
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any ? T(KN_NONE_FILTER) : T(KN_NONE));
	} else {
		html(&h,
		     "<section aria-labelledby=\"h-items\"><h2 class=\"utrecht-heading-2\" "
		     "id=\"h-items\">%s</h2><ul class=\"kring-knowledge-list\">",
		     TN_printf(&r->arena, KN_COUNT, total, total));
		for (size_t i = 0; i < n; i++)
			ui_knowledge_card(r, &h, &v[i], ui_knowledge_url(r, v[i].id, ""), false,
			                  true);
		html(&h, "</ul></section>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_adviser_knowledge(struct req *r)
{
	struct pager pg;
	pager_init(&pg, r, KN_PER_PAGE);
	struct knowledge *v;
	size_t n;
	long long total;
	if (knowledge_shared_list(r->db, &r->arena, r->person_id, pg.per_page, pager_offset(&pg),
	                          &v, &n, &total) != 0)
		return HANDLER_ERROR;
	pg.total = total;
	struct html h;
	page_begin(r, &h, T(KN_ADVISER_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(KN_ADVISER_TITLE), T(KN_ADVISER_INTRO));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(KN_ADVISER_NONE));
	} else {
		html(&h,
		     "<section aria-labelledby=\"h-items\"><h2 class=\"utrecht-heading-2\" "
		     "id=\"h-items\">%s</h2><ul class=\"kring-knowledge-list\">",
		     TN_printf(&r->arena, KN_COUNT, total, total));
		for (size_t i = 0; i < n; i++)
			ui_knowledge_card(
			    r, &h, &v[i],
			    arena_printf(&r->arena, "/o/%s/knowledge/%lld", v[i].org_slug, v[i].id),
			    true, false);
		html(&h, "</ul></section>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}
