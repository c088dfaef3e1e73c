/*
 * inbox.c - the staff inbox (/o/<slug>/inbox): what residents sent through
 * the public page, each turned in one step into a scan entry, a contact
 * with a community (a conversation), an ambassadeur invitation (the
 * community's invite page), or answered and archived. Everything a
 * resident typed is escaped like any other text; the page says when their
 * details go.
 */
#include <string.h>

#include "../core/calendar.h"
#include "../core/inbox.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pager.h"
#include "pages.h"
#include "respond.h"

#define INBOX_PER_PAGE 25

static const char *status_label(const char *s)
{
	if (strcmp(s, "scan") == 0)
		return T(INBOX_STATUS_SCAN);
	if (strcmp(s, "contact") == 0)
		return T(INBOX_STATUS_CONTACT);
	if (strcmp(s, "uitnodigen") == 0)
		return T(INBOX_STATUS_INVITE);
	if (strcmp(s, "beantwoord") == 0)
		return T(INBOX_STATUS_ANSWERED);
	return T(INBOX_STATUS_NEW);
}

static const char *kind_label(const char *k)
{
	return strcmp(k, "idee") == 0 ? T(INBOX_KIND_IDEA) : T(INBOX_KIND_JOIN);
}

/* The resident's part of a submission: message, name, contact, when it goes. */
static void item_body(struct req *r, struct html *h, const struct inbox_item *x, bool full)
{
	html(h, "<p class=\"kring-inbox__meta\"><strong>%s</strong>", kind_label(x->kind));
	if (x->community_name[0])
		html(h, " · %s", x->community_name);
	html(h, " · %s</p>", fmt_datetime(&r->arena, x->received_at));
	const char *msg = full ? x->message : ui_short(&r->arena, x->message, 300);
	html(h, "<p class=\"utrecht-paragraph kring-pre kring-inbox__message\">%s</p>", msg);
	if (x->name[0] || x->contact[0]) {
		html(h, "<dl class=\"kring-inbox__who\">");
		if (x->name[0])
			html(h, "<dt>%s</dt><dd>%s</dd>", T(INBOX_NAME), x->name);
		if (x->contact[0])
			html(h, "<dt>%s</dt><dd>%s</dd>", T(INBOX_CONTACT), x->contact);
		html(h, "</dl>");
	} else if (!x->anonymised) {
		html(h, "<p class=\"kring-muted\">%s</p>", T(INBOX_ANONYMOUS));
	}
	if (x->anonymised)
		html(h, "<p class=\"kring-muted\">%s</p>", T(INBOX_ANONYMISED));
	else
		html(h, "<p class=\"kring-muted\">%s</p>",
		     T_printf(&r->arena, INBOX_DELETE_ON, ui_date(&r->arena, x->delete_on)));
}

int page_inbox(struct req *r)
{
	const char *list = req_query(r, "lijst");
	bool done = list && strcmp(list, "afgehandeld") == 0;
	struct pager p;
	pager_init(&p, r, INBOX_PER_PAGE);
	if (done)
		pager_filter_text(&p, "lijst", "afgehandeld");
	struct inbox_item *items;
	size_t n;
	if (inbox_list(r->db, &r->arena, r->org_id, !done, p.per_page, pager_offset(&p), &items, &n,
	               &p.total) != 0)
		return HANDLER_ERROR;
	long long n_new = inbox_count_new(r->db, r->org_id);
	if (n_new < 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(INBOX_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(INBOX_TITLE), T(INBOX_LEAD));
	const char *klaar = req_query(r, "klaar");
	if (klaar && strcmp(klaar, "1") == 0)
		page_notice(&h, "ok", T(INBOX_HANDLED));
	html(&h,
	     "<nav class=\"kring-tabs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/inbox\"%s>%s</a> <a class=\"utrecht-link\" "
	     "href=\"/o/%s/inbox?lijst=afgehandeld\"%s>%s</a></nav>",
	     T(INBOX_TABS), r->org_slug, done ? "" : " aria-current=\"page\"",
	     T_printf(&r->arena, INBOX_TAB_NEW, arena_printf(&r->arena, "%lld", n_new)),
	     r->org_slug, done ? " aria-current=\"page\"" : "", T(INBOX_TAB_DONE));
	if (n == 0)
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     done ? T(INBOX_EMPTY_DONE) : T(INBOX_EMPTY));
	else
		html(&h, "<ul class=\"kring-inbox\">");
	for (size_t i = 0; i < n; i++) {
		const struct inbox_item *x = &items[i];
		html(&h, "<li class=\"kring-inbox__item\">");
		item_body(r, &h, x, false);
		if (done)
			html(&h, "<p class=\"kring-inbox__status\">%s%s%s</p>",
			     status_label(x->status), x->handled_by[0] ? " · " : "", x->handled_by);
		html(&h,
		     "<p><a class=\"utrecht-link\" href=\"/o/%s/inbox/%lld\">%s<span "
		     "class=\"kring-sr\"> "
		     "#%lld</span></a></p></li>",
		     r->org_slug, x->id, done ? T(INBOX_OPEN) : T(INBOX_HANDLE), x->id);
	}
	if (n > 0)
		html(&h, "</ul>");
	pager_nav(&h, &p);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* A <select> of the organisation's communities, with selected chosen. */
static void community_select(struct html *h, const char *id, const struct cal_community *cs,
                             size_t n, long long selected)
{
	html(h,
	     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"%s\">%s"
	     "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"%s\" "
	     "name=\"community\">",
	     id, T(INBOX_COMMUNITY), id);
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", cs[i].id,
		     cs[i].id == selected ? " selected" : "", cs[i].name);
	html(h, "</select></div>");
}

/* The first words of a message, as a name for a scan entry. */
static const char *first_words(struct arena *a, const char *s)
{
	return ui_short(a, s, 60);
}

static int item_page(struct req *r, const struct inbox_item *x, const char *notice, unsigned status)
{
	struct cal_community *cs;
	size_t n;
	if (calendar_communities(r->db, &r->arena, r->org_id, 0, &cs, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	const char *title = T_printf(&r->arena, INBOX_ITEM_TITLE, kind_label(x->kind),
	                             arena_printf(&r->arena, "%lld", x->id));
	page_begin(r, &h, title);
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/inbox\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, T(INBOX_TITLE), title);
	if (notice)
		page_notice(&h, "warning", notice);
	html(&h, "<section class=\"kring-inbox__item\">");
	item_body(r, &h, x, true);
	if (x->consent_on[0] && x->consent_version[0])
		html(&h, "<p class=\"kring-muted\">%s</p>",
		     T_printf(&r->arena, INBOX_CONSENT, ui_date(&r->arena, x->consent_on),
		              x->consent_version));
	html(&h, "</section>");
	if (strcmp(x->status, "nieuw") != 0) {
		html(&h, "<p class=\"utrecht-paragraph\"><strong>%s</strong>",
		     status_label(x->status));
		if (x->handled_by[0])
			html(&h, " · %s", x->handled_by);
		if (x->handled_at)
			html(&h, " · %s", fmt_datetime(&r->arena, x->handled_at));
		html(&h, "</p>");
		if (x->answer[0])
			html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", x->answer);
		if (strcmp(x->status, "uitnodigen") == 0 && x->community_id)
			html(&h,
			     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
			     "href=\"/o/%s/communities/%lld/invite?inbox=%lld\">%s</a></p>",
			     r->org_slug, x->community_id, x->id, T(INBOX_INVITE_GO));
		html(&h, "</div>");
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2><p class=\"utrecht-paragraph\">%s</p>",
	     T(INBOX_STEPS_TITLE), T(INBOX_STEPS_INTRO));
	const char *base = arena_printf(&r->arena, "/o/%s/inbox/%lld", r->org_slug, x->id);
	/* 1: a scan entry */
	html(&h,
	     "<section class=\"kring-inbox__step\" aria-labelledby=\"h-scan\"><h3 "
	     "class=\"utrecht-heading-3\" id=\"h-scan\">%s</h3><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(INBOX_SCAN_TITLE), T(INBOX_SCAN_TEXT));
	form_begin(&h, r, arena_printf(&r->arena, "%s/scan", base));
	form_version_field(&h, x->version);
	html(&h,
	     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
	     "for=\"f-scan-name\">%s</label><input class=\"utrecht-textbox "
	     "utrecht-textbox--html-input\" id=\"f-scan-name\" name=\"name\" maxlength=\"200\" "
	     "value=\"%s\"></div>"
	     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
	     "for=\"f-scan-list\">%s</label><select class=\"utrecht-select "
	     "utrecht-select--html-select\" id=\"f-scan-list\" name=\"list\"><option "
	     "value=\"gewenst\">%s</option><option value=\"bestaand\">%s</option></select></div>",
	     T(INBOX_SCAN_NAME), first_words(&r->arena, x->message), T(INBOX_SCAN_LIST),
	     T(INBOX_SCAN_WANTED), T(INBOX_SCAN_EXISTING));
	form_end(&h, T(INBOX_SCAN_BUTTON));
	html(&h, "</section>");
	if (n > 0) {
		/* 2: a contact with a community */
		html(&h,
		     "<section class=\"kring-inbox__step\" aria-labelledby=\"h-contact\"><h3 "
		     "class=\"utrecht-heading-3\" id=\"h-contact\">%s</h3><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(INBOX_CONTACT_TITLE), T(INBOX_CONTACT_TEXT));
		form_begin(&h, r, arena_printf(&r->arena, "%s/contact", base));
		form_version_field(&h, x->version);
		community_select(&h, "f-contact-community", cs, n, x->community_id);
		html(&h,
		     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
		     "for=\"f-contact-subject\">%s</label><input class=\"utrecht-textbox "
		     "utrecht-textbox--html-input\" id=\"f-contact-subject\" name=\"subject\" "
		     "maxlength=\"200\" value=\"%s\"></div>",
		     T(INBOX_CONTACT_SUBJECT), T(INBOX_CONTACT_SUBJECT_DEFAULT));
		form_end(&h, T(INBOX_CONTACT_BUTTON));
		html(&h, "</section>");
		/* 3: invite as ambassadeur */
		html(&h,
		     "<section class=\"kring-inbox__step\" aria-labelledby=\"h-invite\"><h3 "
		     "class=\"utrecht-heading-3\" id=\"h-invite\">%s</h3><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(INBOX_INVITE_TITLE), T(INBOX_INVITE_TEXT));
		form_begin(&h, r, arena_printf(&r->arena, "%s/invite", base));
		form_version_field(&h, x->version);
		community_select(&h, "f-invite-community", cs, n, x->community_id);
		form_end(&h, T(INBOX_INVITE_BUTTON));
		html(&h, "</section>");
	}
	/* 4: answered and archived */
	html(&h,
	     "<section class=\"kring-inbox__step\" aria-labelledby=\"h-answer\"><h3 "
	     "class=\"utrecht-heading-3\" id=\"h-answer\">%s</h3><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(INBOX_ANSWER_TITLE), T(INBOX_ANSWER_TEXT));
	form_begin(&h, r, arena_printf(&r->arena, "%s/answer", base));
	form_version_field(&h, x->version);
	html(&h,
	     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
	     "for=\"f-answer\">%s <span class=\"kring-optional\">%s</span></label><textarea "
	     "class=\"utrecht-textarea utrecht-textarea--html-textarea\" id=\"f-answer\" "
	     "name=\"answer\" rows=\"3\" maxlength=\"2000\"></textarea></div>",
	     T(INBOX_ANSWER_NOTE), T(FORM_OPTIONAL));
	form_end(&h, T(INBOX_ANSWER_BUTTON));
	html(&h, "</section></div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* Loads :id of the organisation; 1, or 0 after answering 404, or -1. */
static int load(struct req *r, struct inbox_item *x)
{
	int found = inbox_get(r->db, &r->arena, r->org_id, r->param_id, x);
	if (found == 0)
		respond_not_found(r);
	return found;
}

int page_inbox_item(struct req *r)
{
	struct inbox_item x;
	int found = load(r, &x);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return item_page(r, &x, NULL, 200);
}

/* After a step that did not go through: the item again with why, or the plain pages. */
static int not_done(struct req *r, enum save_result rc)
{
	if (rc != SAVE_CONFLICT && rc != SAVE_REFUSED)
		return respond_failed(r, rc);
	struct inbox_item x;
	int found = load(r, &x);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return item_page(r, &x,
	                 rc == SAVE_CONFLICT         ? T(INBOX_CONFLICT)
	                 : strcmp(x.status, "nieuw") ? T(INBOX_ALREADY)
	                                             : T(INBOX_REFUSED),
	                 rc == SAVE_CONFLICT ? 409 : 422);
}

static const char *done_url(struct req *r)
{
	return arena_printf(&r->arena, "/o/%s/inbox?klaar=1", r->org_slug);
}

int page_inbox_scan(struct req *r)
{
	const char *name = req_form(r, "name"), *list = req_form(r, "list");
	if (name && strlen(name) > 800)
		return not_done(r, SAVE_REFUSED);
	long long made = 0;
	enum save_result rc =
	    inbox_to_scan(r->db, r->org_id, r->person_id, r->param_id, req_form_id(r, "version"),
	                  list ? list : "", name ? name : "", T(INBOX_SCAN_WHY), &made);
	if (rc != SAVE_OK)
		return not_done(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/scan", r->org_slug));
	return HANDLER_OK;
}

int page_inbox_contact(struct req *r)
{
	const char *subject = req_form(r, "subject");
	if (subject && strlen(subject) > 800)
		return not_done(r, SAVE_REFUSED);
	long long made = 0;
	enum save_result rc =
	    inbox_to_contact(r->db, r->org_id, r->person_id, r->param_id, req_form_id(r, "version"),
	                     req_form_id(r, "community"), subject ? subject : "", &made);
	if (rc != SAVE_OK)
		return not_done(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/conversations/%lld", r->org_slug, made));
	return HANDLER_OK;
}

int page_inbox_invite(struct req *r)
{
	long long community = req_form_id(r, "community");
	enum save_result rc = inbox_mark_invite(r->db, r->org_id, r->person_id, r->param_id,
	                                        req_form_id(r, "version"), community);
	if (rc != SAVE_OK)
		return not_done(r, rc);
	/* the invitation itself is made on the community's invite page */
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/communities/%lld/invite?inbox=%lld",
	                              r->org_slug, community, r->param_id));
	return HANDLER_OK;
}

int page_inbox_answer(struct req *r)
{
	const char *answer = req_form(r, "answer");
	if (answer && strlen(answer) > 8000)
		return not_done(r, SAVE_REFUSED);
	enum save_result rc = inbox_answer(r->db, r->org_id, r->person_id, r->param_id,
	                                   req_form_id(r, "version"), answer ? answer : "");
	if (rc != SAVE_OK)
		return not_done(r, rc);
	resp_redirect(r, done_url(r));
	return HANDLER_OK;
}
