/*
 * public_form.c - "ik doe mee" (/p/<slug>/doe-mee) and "ik heb een idee"
 * (/p/<slug>/idee): a resident's message and, only if they choose, a name
 * and one way to reach them, with plainly why, who sees it and how long it
 * is kept. Spam stays out without any outside service: a hidden field
 * (honeypot), a minimum time to fill in (a signed time stamp in the form),
 * a rate limit per address and per organisation kept in the database, and
 * a size limit. A refused submission gets a friendly Dutch answer and
 * nothing is stored.
 */
#include <stdio.h>
#include <string.h>

#include "../core/inbox.h"
#include "../i18n/text.h"
#include "pages.h"
#include "public_ui.h"
#include "respond.h"

#define FILL_MIN_SECONDS 3        /* faster than this is a machine */
#define CONSENT_VERSION  "2026-1" /* the version of the privacy text shown */

/* What the form needs besides its declared fields. */
struct pub_form {
	bool idea; /* "idee", else "doe-mee" */
	struct public_community *groups;
	size_t n_groups;
	struct field_spec specs[4];
	size_t n_specs;
	bool consent;         /* the box was ticked */
	bool consent_missing; /* a name or contact without the box */
	const char *notice;   /* a refusal shown above the form, or NULL */
};

/* The privacy sentence shown with the form (and stored with the consent). */
static const char *consent_text(struct req *r, const struct public_org *org)
{
	const char *days = arena_printf(&r->arena, "%d", org->retention_days);
	return T_printf(&r->arena, PUB_FORM_CONSENT_TEXT, org->name, days,
	                org->keep_message ? T(PUB_FORM_KEEP_ANON) : T(PUB_FORM_KEEP_NOTHING));
}

/* Declares the fields: the group (doe-mee), the message, name, contact. */
static int pf_init(struct req *r, const struct public_org *org, struct pub_form *pf, bool idea)
{
	memset(pf, 0, sizeof(*pf));
	pf->idea = idea;
	size_t k = 0;
	if (!idea) {
		if (public_communities(r->db, &r->arena, org->id, &pf->groups, &pf->n_groups) != 0)
			return -1;
		const char **opts = arena_alloc(&r->arena, (pf->n_groups + 1) * sizeof(*opts));
		const char **labels = arena_alloc(&r->arena, (pf->n_groups + 1) * sizeof(*labels));
		for (size_t i = 0; i < pf->n_groups; i++) {
			opts[i] = arena_printf(&r->arena, "%lld", pf->groups[i].id);
			labels[i] = pf->groups[i].name;
		}
		opts[pf->n_groups] = labels[pf->n_groups] = NULL;
		pf->specs[k++] = (struct field_spec){.name = "groep",
		                                     .label = T(PUB_FORM_GROUP),
		                                     .kind = FIELD_RADIO,
		                                     .required = true,
		                                     .required_msg = T(PUB_FORM_GROUP_REQUIRED),
		                                     .options = opts,
		                                     .option_labels = labels};
	}
	pf->specs[k++] =
	    (struct field_spec){.name = "bericht",
	                        .label = idea ? T(PUB_FORM_IDEA) : T(PUB_FORM_MESSAGE),
	                        .hint = idea ? T(PUB_FORM_IDEA_HINT) : T(PUB_FORM_MESSAGE_HINT),
	                        .kind = FIELD_TEXTAREA,
	                        .required = true,
	                        .required_msg = T(PUB_FORM_MESSAGE_REQUIRED),
	                        .max_len = INBOX_MESSAGE_MAX,
	                        .rows = 6};
	pf->specs[k++] = (struct field_spec){.name = "naam",
	                                     .label = T(PUB_FORM_NAME),
	                                     .kind = FIELD_TEXT,
	                                     .max_len = INBOX_NAME_MAX,
	                                     .autocomplete = "name",
	                                     .optional_note = T(PUB_FORM_OPTIONAL)};
	pf->specs[k++] = (struct field_spec){.name = "contact",
	                                     .label = T(PUB_FORM_CONTACT),
	                                     .hint = T(PUB_FORM_CONTACT_HINT),
	                                     .kind = FIELD_TEXT,
	                                     .max_len = INBOX_CONTACT_MAX,
	                                     .autocomplete = "email",
	                                     .optional_note = T(PUB_FORM_OPTIONAL)};
	pf->n_specs = k;
	return 0;
}

static const char *kind_path(const struct pub_form *pf)
{
	return pf->idea ? "idee" : "doe-mee";
}

/* The page with the form (f holds what was typed, or the defaults). */
static int form_page(struct req *r, const struct public_org *org, struct pub_form *pf,
                     struct form *f, unsigned status)
{
	struct arena *a = &r->arena;
	struct html h;
	const char *title = pf->idea ? T(PUB_IDEA_PAGE_TITLE) : T(PUB_JOIN_PAGE_TITLE);
	public_begin(r, &h, org, title);
	html(&h,
	     "<div class=\"kring-narrow\"><p class=\"kring-pub__back\"><a class=\"utrecht-link\" "
	     "href=\"/p/%s/\">%s</a></p><h1 class=\"utrecht-heading-1\">%s</h1>",
	     org->slug, T(PUB_BACK), title);
	const char *sent = req_query(r, "verstuurd");
	if (status == 200 && sent && strcmp(sent, "1") == 0) {
		page_notice(&h, "ok", pf->idea ? T(PUB_FORM_THANKS_IDEA) : T(PUB_FORM_THANKS_JOIN));
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"/p/%s/\">%s</a>"
		     "</p></div>",
		     org->slug, T(PUB_BACK));
		public_end(r, &h, org, 200);
		return HANDLER_OK;
	}
	html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     pf->idea ? T(PUB_IDEA_PAGE_INTRO) : T(PUB_JOIN_PAGE_INTRO));
	if (!pf->idea && pf->n_groups == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(PUB_GROUPS_EMPTY));
		public_end(r, &h, org, status);
		return HANDLER_OK;
	}
	if (pf->notice)
		page_notice(&h, "error", pf->notice);
	form_error_summary(&h, f);
	if (pf->consent_missing && f->n_errors == 0)
		html(&h,
		     "<div class=\"utrecht-alert utrecht-alert--error kring-error-summary\" "
		     "role=\"alert\"><ul class=\"utrecht-unordered-list\"><li><a "
		     "class=\"utrecht-link\" "
		     "href=\"#f-toestemming\">%s</a></li></ul></div>",
		     T(PUB_FORM_CONSENT_MISSING));
	const char *stamp = public_stamp_make(r->db, a, org->id);
	if (stamp == NULL)
		return HANDLER_ERROR;
	form_begin(&h, r, arena_printf(a, "/p/%s/%s", org->slug, kind_path(pf)));
	html(&h, "<input type=\"hidden\" name=\"t\" value=\"%s\">", stamp);
	/* the honeypot: people never see it (nor do screen readers); machines fill it in */
	html(&h,
	     "<div class=\"kring-pub__hp\" aria-hidden=\"true\"><label for=\"f-website\">%s</label>"
	     "<input type=\"text\" id=\"f-website\" name=\"website\" value=\"\" tabindex=\"-1\" "
	     "autocomplete=\"off\"></div>",
	     T(PUB_FORM_HONEYPOT));
	if (!pf->idea)
		form_field(&h, f, "groep");
	form_field(&h, f, "bericht");
	html(&h,
	     "<fieldset class=\"kring-pub__you utrecht-form-fieldset\"><legend "
	     "class=\"utrecht-form-fieldset__legend\">%s</legend>"
	     "<div class=\"kring-pub__why\"><p class=\"utrecht-paragraph\">%s</p></div>",
	     T(PUB_FORM_YOU_LEGEND), consent_text(r, org));
	form_field(&h, f, "naam");
	form_field(&h, f, "contact");
	html(&h, "<div class=\"utrecht-form-field kring-option%s\">",
	     pf->consent_missing ? " utrecht-form-field--invalid" : "");
	if (pf->consent_missing)
		html(&h,
		     "<p class=\"utrecht-form-field-error-message\" "
		     "id=\"f-toestemming-error\">%s</p>",
		     T(PUB_FORM_CONSENT_MISSING));
	html(&h,
	     "<input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" "
	     "id=\"f-toestemming\" name=\"toestemming\" value=\"1\"%s%s><label "
	     "class=\"kring-option__label\" for=\"f-toestemming\">%s</label></div></fieldset>",
	     pf->consent ? " checked" : "",
	     pf->consent_missing ? " aria-describedby=\"f-toestemming-error\" aria-invalid=\"true\""
	                         : "",
	     T(PUB_FORM_CONSENT_LABEL));
	form_end(&h, pf->idea ? T(PUB_FORM_SEND_IDEA) : T(PUB_FORM_SEND_JOIN));
	html(&h, "</div>");
	public_end(r, &h, org, status);
	return HANDLER_OK;
}

/* The friendly answer to a flood: 429, nothing stored. */
static int too_many(struct req *r, const struct public_org *org)
{
	struct html h;
	public_begin(r, &h, org, T(PUB_LIMIT_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\"><a "
	     "class=\"utrecht-link\" href=\"/p/%s/\">%s</a></p></div>",
	     T(PUB_LIMIT_TITLE), T(PUB_LIMIT_TEXT), org->slug, T(PUB_BACK));
	resp_header(r, "Retry-After", "3600");
	public_end(r, &h, org, 429);
	return HANDLER_OK;
}

static int show(struct req *r, bool idea)
{
	struct public_org org;
	int found = public_load(r, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct pub_form pf;
	if (pf_init(r, &org, &pf, idea) != 0)
		return HANDLER_ERROR;
	struct form f;
	form_init(&f, pf.specs, pf.n_specs);
	long long group = req_query_id(r, "groep");
	if (!idea && group)
		for (size_t i = 0; i < pf.n_groups; i++)
			if (pf.groups[i].id == group)
				form_set(&f, "groep", arena_printf(&r->arena, "%lld", group));
	return form_page(r, &org, &pf, &f, 200);
}

static int submit(struct req *r, bool idea)
{
	struct public_org org;
	int found = public_load(r, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	const char *addr = public_addr_hash(r->db, &r->arena, r->remote_ip);
	if (addr == NULL)
		return HANDLER_ERROR;
	/* a flood is refused first, reading only */
	int lim = inbox_limited(r->db, org.id, addr);
	if (lim < 0)
		return HANDLER_ERROR;
	if (lim > 0)
		return too_many(r, &org);
	struct pub_form pf;
	if (pf_init(r, &org, &pf, idea) != 0)
		return HANDLER_ERROR;
	struct form f;
	bool ok = form_read(r, &f, pf.specs, pf.n_specs);
	const char *tick = req_form(r, "toestemming");
	pf.consent = tick && strcmp(tick, "1") == 0;
	const char *hp = req_form(r, "website");
	if (hp && hp[0]) {
		pf.notice = T(PUB_FORM_REFUSED);
		return form_page(r, &org, &pf, &f, 422);
	}
	switch (public_stamp_check(r->db, req_form(r, "t"), org.id, FILL_MIN_SECONDS)) {
	case PUBLIC_STAMP_OK:
		break;
	case PUBLIC_STAMP_FAST:
		pf.notice = T(PUB_FORM_TOO_FAST);
		return form_page(r, &org, &pf, &f, 422);
	case PUBLIC_STAMP_BAD:
		pf.notice = T(PUB_FORM_STALE);
		return form_page(r, &org, &pf, &f, 422);
	default:
		return HANDLER_ERROR;
	}
	const char *name = form_value(&f, "naam"), *contact = form_value(&f, "contact");
	/* one line each: no line breaks that could ever reach a mail header */
	if (strpbrk(name, "\r\n\t") != NULL) {
		form_error(&f, "naam", T(PUB_FORM_ONE_LINE));
		ok = false;
	}
	if (strpbrk(contact, "\r\n\t") != NULL) {
		form_error(&f, "contact", T(PUB_FORM_ONE_LINE));
		ok = false;
	}
	pf.consent_missing = (name[0] || contact[0]) && !pf.consent;
	if (!ok || pf.consent_missing)
		return form_page(r, &org, &pf, &f, 422);
	bool personal = name[0] || contact[0];
	struct inbox_new in = {.kind = idea ? "idee" : "doe-mee",
	                       .community_id = idea ? 0 : form_value_id(&f, "groep"),
	                       .message = form_value(&f, "bericht"),
	                       .name = name,
	                       .contact = contact,
	                       .consent_version = personal ? CONSENT_VERSION : "",
	                       .consent_text = personal ? consent_text(r, &org) : ""};
	switch (inbox_submit(r->db, org.id, addr, &in, org.retention_days, NULL)) {
	case INBOX_OK:
		resp_redirect(
		    r, arena_printf(&r->arena, "/p/%s/%s?verstuurd=1", org.slug, kind_path(&pf)));
		return HANDLER_OK;
	case INBOX_LIMIT:
		return too_many(r, &org);
	case INBOX_NOT_OPEN:
		form_error(&f, "groep", T(PUB_FORM_GROUP_REQUIRED));
		return form_page(r, &org, &pf, &f, 422);
	case INBOX_INVALID:
		pf.notice = T(PUB_FORM_REFUSED);
		return form_page(r, &org, &pf, &f, 422);
	default:
		return HANDLER_ERROR;
	}
}

int page_public_join(struct req *r)
{
	return show(r, false);
}

int page_public_join_submit(struct req *r)
{
	return submit(r, false);
}

int page_public_idea(struct req *r)
{
	return show(r, true);
}

int page_public_idea_submit(struct req *r)
{
	return submit(r, true);
}
