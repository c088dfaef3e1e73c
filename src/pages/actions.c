/*
 * actions.c - the handlers of action points: add, change, tick off, delete
 * (naming the version it saw); and handing the open action points of
 * someone without a role over to someone else.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"
#include "conversation_ui.h"

/* ---- action points ---- */

/* Reads text, owner and due of an action point form; the error, or NULL. */
static const char *read_action(struct req *r, struct action_new *ap, const char **owner)
{
	struct field_spec specs[3] = {
	    {.name = "text",
	     .label = T(AF_TEXT),
	     .kind = FIELD_TEXTAREA,
	     .required = true,
	     .max_len = 2000},
	    {.name = "owner", .label = T(AF_OWNER), .kind = FIELD_TEXT, .max_len = 20},
	    {.name = "due", .label = T(AF_DUE), .kind = FIELD_DATE, .max_len = 10},
	};
	struct form f;
	bool ok = form_read(r, &f, specs, 3);
	ap->text = form_value(&f, "text");
	*owner = form_value(&f, "owner");
	ui_owner_parse(*owner, ap); /* a person or a partner (issue 9) */
	ap->due_on = form_value(&f, "due");
	if (ok)
		return NULL;
	if (ap->text[0] == '\0')
		return T(ACTION_EMPTY);
	for (size_t i = 0; i < 3; i++)
		if (f.errors[i])
			return f.errors[i];
	return T(ACTION_EMPTY);
}

/* Back to the conversation of the URL, with a notice and the place to look at. */
static const char *talk_location(struct req *r, const char *done, const char *anchor)
{
	return ui_conversation_url(r, r->param_id,
	                           arena_printf(&r->arena, "?klaar=%s#%s", done, anchor));
}

int page_action_add(struct req *r)
{
	struct action_new ap;
	const char *owner;
	const char *err = read_action(r, &ap, &owner);
	if (err) {
		struct ap_problem pb = {
		    .add = true, .text = ap.text, .owner = owner, .due = ap.due_on, .error = err};
		return ui_talk_page(r, &pb, 422);
	}
	enum save_result rc = action_add(r->db, r->org_id, r->person_id, r->param_id, &ap, NULL);
	if (rc == SAVE_NOT_FOUND) {
		int exists = conversation_get(r->db, &r->arena, r->org_id, r->param_id,
		                              &(struct conversation){0});
		if (exists < 0)
			return HANDLER_ERROR;
		if (exists == 0)
			return respond_not_found(r);
		/* an owner who is not staff of this organisation */
		struct ap_problem pb = {.add = true,
		                        .text = ap.text,
		                        .owner = "",
		                        .due = ap.due_on,
		                        .error = T(ACTION_BAD_OWNER)};
		return ui_talk_page(r, &pb, 422);
	}
	if (rc == SAVE_REFUSED) {
		struct ap_problem pb = {.add = true,
		                        .text = ap.text,
		                        .owner = owner,
		                        .due = ap.due_on,
		                        .error = T(ACTION_EMPTY)};
		return ui_talk_page(r, &pb, 422);
	}
	return respond_save(r, rc, talk_location(r, "ap-nieuw", "actiepunten"));
}

/* What someone else saved: the text, then owner and date on one line. */
static const char *theirs_text(struct req *r, const struct action_point *ap)
{
	struct buf t;
	buf_init(&t, &r->arena);
	buf_puts(&t, ap->text);
	buf_printf(&t, "\n%s · %s", ui_owner_name(r, ap),
	           ap->due_on[0] ? ui_date(&r->arena, ap->due_on) : T(ACTION_NO_DUE));
	return buf_str(&t);
}

int page_action_save(struct req *r)
{
	struct action_new ap;
	const char *owner;
	const char *err = read_action(r, &ap, &owner);
	const char *v = req_form(r, "version");
	long long version = form_id_or_zero(v);
	struct action_point old;
	int found = action_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &old);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct ap_problem pb = {.id = old.id,
	                        .text = ap.text,
	                        .owner = owner,
	                        .due = ap.due_on,
	                        .error = err,
	                        .version = version};
	if (err)
		return ui_talk_page(r, &pb, 422);
	enum save_result rc =
	    action_update(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, &ap, version);
	if (rc == SAVE_CONFLICT) {
		struct action_point now;
		if (action_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &now) != 1)
			return HANDLER_ERROR;
		pb.theirs = theirs_text(r, &now);
		pb.version = now.version;
		return ui_talk_page(r, &pb, 409);
	}
	if (rc == SAVE_NOT_FOUND) {
		pb.error = T(ACTION_BAD_OWNER);
		pb.owner = "";
		return ui_talk_page(r, &pb, 422);
	}
	if (rc == SAVE_REFUSED) {
		pb.error = T(ACTION_EMPTY);
		return ui_talk_page(r, &pb, 422);
	}
	return respond_save(
	    r, rc, talk_location(r, "ap-opgeslagen", arena_printf(&r->arena, "ap-%lld", old.id)));
}

int page_action_done(struct req *r)
{
	const char *d = req_form(r, "done");
	if (d == NULL || (strcmp(d, "1") != 0 && strcmp(d, "0") != 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	bool done = d[0] == '1';
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? action_set_done(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, done)
	          : SAVE_NOT_FOUND;
	const char *back = req_form(r, "terug");
	const char *key = done ? "ap-gedaan" : "ap-open";
	const char *to;
	if (back && strcmp(back, "lijst") == 0)
		to = arena_printf(&r->arena, "/o/%s/conversations?klaar=%s#open-actiepunten",
		                  r->org_slug, key);
	else if (back && strcmp(back, "partner") == 0 && found && c.partner_id)
		to = ui_partner_url(r, c.partner_id,
		                    arena_printf(&r->arena, "?klaar=%s#gesprekken", key));
	else
		to = talk_location(r, key, arena_printf(&r->arena, "ap-%lld", r->param_id2));
	return respond_save(r, rc, to);
}

/* SAVE_CONFLICT of a delete: the conversation, with the point as it is now beside its form. */
static int delete_again(struct req *r, void *ctx)
{
	struct action_point *ap = ctx;
	if (action_get(r->db, &r->arena, r->org_id, r->param_id, ap->id, ap) != 1)
		return HANDLER_ERROR;
	struct ap_problem pb = {.id = ap->id,
	                        .text = ap->text,
	                        .owner = ui_owner_value(r, ap),
	                        .due = ap->due_on,
	                        .theirs = theirs_text(r, ap),
	                        .version = ap->version,
	                        .deleting = true};
	return ui_talk_page(r, &pb, 409);
}

int page_action_delete(struct req *r)
{
	struct action_point ap;
	int found = action_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &ap);
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
	    action_delete(r->db, r->org_id, r->person_id, r->param_id, ap.id, version);
	return respond_saved(
	    r, rc,
	    &(struct respond_save){
	        .location = ui_conversation_url(r, r->param_id, "?klaar=ap-weg#actiepunten"),
	        .conflict = delete_again,
	        .ctx = &ap});
}

/* ---- handing over the action points of someone without a role ---- */

/* The hand-over page: every owner without a role, with a form to choose who takes over. */
static int owners_page(struct req *r, const char *error, unsigned status)
{
	struct action_owner *gone;
	struct member *ms;
	size_t n, n_ms;
	if (action_gone_owners(r->db, &r->arena, r->org_id, &gone, &n) != 0 ||
	    community_candidates(r->db, &r->arena, r->org_id, false, &ms, &n_ms) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(HANDOVER_TITLE));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK), T(HANDOVER_TITLE), T(HANDOVER_INTRO));
	const char *done = req_query(r, "klaar");
	const char *moved = req_query(r, "n");
	if (done && strcmp(done, "overgedragen") == 0 && moved)
		page_notice(&h, "ok", T(HANDOVER_DONE));
	if (error)
		page_notice(&h, "error", error);
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(HANDOVER_NONE));
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	html(&h, "<ul class=\"kring-plain-list kring-handover\">");
	for (size_t i = 0; i < n; i++) {
		const char *name = gone[i].name[0] ? gone[i].name : T(ACTION_NOBODY);
		html(&h,
		     "<li class=\"kring-card\"><h2 class=\"utrecht-heading-3\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T_printf(&r->arena, ACTION_OWNER_GONE, name),
		     TN_printf(&r->arena, HANDOVER_COUNT, gone[i].n_open, gone[i].n_open));
		ui_form(&h, r,
		        arena_printf(&r->arena, "/o/%s/actions/owners/%lld", r->org_slug,
		                     gone[i].person_id),
		        "kring-add");
		html(&h,
		     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" "
		     "for=\"to-%lld\">%s</label><select class=\"utrecht-select\" id=\"to-%lld\" "
		     "name=\"to\">",
		     gone[i].person_id, T(HANDOVER_TO), gone[i].person_id);
		for (size_t k = 0; k < n_ms; k++)
			html(&h, "<option value=\"%lld\">%s</option>", ms[k].person_id,
			     ui_short(&r->arena, ms[k].name, 80));
		html(&h,
		     "</select></div><button class=\"utrecht-button "
		     "utrecht-button--primary-action\" "
		     "type=\"submit\">%s<span class=\"kring-sr\">: %s</span></button></form></li>",
		     T(HANDOVER_BUTTON), name);
	}
	html(&h, "</ul>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_action_owners(struct req *r)
{
	return owners_page(r, NULL, 200);
}

/* SAVE_NOT_FOUND of a hand-over: the new owner is not staff here, or nothing was open. */
static int handover_refused(struct req *r, void *ctx)
{
	(void)ctx;
	return owners_page(r, T(HANDOVER_BAD), 422);
}

int page_action_handover(struct req *r)
{
	const char *to = req_form(r, "to");
	size_t len = to ? strlen(to) : 0;
	if (len == 0 || len > 18 || strspn(to, "0123456789") != len) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	long long moved = 0;
	enum save_result rc = action_hand_over(r->db, r->org_id, r->person_id, r->param_id,
	                                       form_id_or_zero(to), &moved);
	return respond_saved(
	    r, rc,
	    &(struct respond_save){.location = arena_printf(
	                               &r->arena, "/o/%s/actions/owners?klaar=overgedragen&n=%lld",
	                               r->org_slug, moved),
	                           .refused = handover_refused,
	                           .not_found = handover_refused});
}
