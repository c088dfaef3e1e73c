/*
 * community_items.c - the lists of one community's page: sterktes and
 * behoeften (werkblad 2) and the OF / BY / FOR actions (werkblad 3), shown
 * in order with small forms to add, edit, move and delete an item.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_page.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"

#define ITEM_MAX_CHARS 20000

/* A <select> of the action statuses named name, with id. */
static void status_select(struct html *h, const char *id, const char *name, const char *current)
{
	html(h, "<select class=\"utrecht-select kring-select-small\" id=\"%s\" name=\"%s\">", id,
	     name);
	for (int k = 0; community_action_statuses[k]; k++)
		html(h, "<option value=\"%s\"%s>%s</option>", community_action_statuses[k],
		     strcmp(community_action_statuses[k], current) == 0 ? " selected" : "",
		     TX(TXT_ACTION_IDEE + k));
	html(h, "</select>");
}

/* One item of a list, with its tools when the person may edit. */
static void item_li(struct req *r, struct html *h, const struct community *c,
                    const struct community_item *it, bool first, bool last, bool can_edit,
                    const struct problem *pb)
{
	bool action = vocab_index(community_item_kinds, it->kind) >= 2;
	const char *shorttext = ui_short(&r->arena, it->text, 60);
	const char *base =
	    ui_community_url(r, c->id, arena_printf(&r->arena, "/items/%lld", it->id));
	bool conflict = pb && pb->item_id == it->id;
	html(h, "<li class=\"kring-item%s\" id=\"item-%lld\" tabindex=\"-1\">",
	     action ? " kring-item--action" : "", it->id);
	html(h,
	     "<div class=\"kring-item__main\"><span class=\"kring-item__text kring-pre\">%s</span>",
	     it->text);
	if (action) {
		html(h, " ");
		ui_action_badge(h, it->status);
	}
	html(h, "</div>");
	if (!can_edit) {
		html(h, "</li>");
		return;
	}
	html(h, "<div class=\"kring-item__tools\">");
	/* activities (issue 9): a DOOR action that was done becomes an activity in one step */
	if (strcmp(it->kind, "door") == 0 && strcmp(it->status, "gedaan") == 0)
		html(h,
		     "<a class=\"kring-tool kring-tool--link\" "
		     "href=\"/o/%s/activities/new?community=%lld"
		     "&amp;item=%lld\">%s<span class=\"kring-sr\">: %s</span></a>",
		     r->org_slug, c->id, it->id, T(ACT_FROM_DOOR), shorttext);
	if (!first) {
		ui_form(h, r, arena_printf(&r->arena, "%s/move", base), "kring-tool-form");
		html(h,
		     "<input type=\"hidden\" name=\"richting\" value=\"op\">"
		     "<button class=\"kring-tool\" type=\"submit\" data-kring-focus=\"op-%lld\">"
		     "<span aria-hidden=\"true\">↑</span> %s<span class=\"kring-sr\">: %s</span>"
		     "</button></form>",
		     it->id, T(ITEM_UP), shorttext);
	}
	if (!last) {
		ui_form(h, r, arena_printf(&r->arena, "%s/move", base), "kring-tool-form");
		html(h,
		     "<input type=\"hidden\" name=\"richting\" value=\"neer\">"
		     "<button class=\"kring-tool\" type=\"submit\" data-kring-focus=\"neer-%lld\">"
		     "<span aria-hidden=\"true\">↓</span> %s<span class=\"kring-sr\">: %s</span>"
		     "</button></form>",
		     it->id, T(ITEM_DOWN), shorttext);
	}
	html(h,
	     "<details class=\"kring-details kring-item__edit\"%s><summary>%s<span "
	     "class=\"kring-sr\">: %s</span></summary>",
	     conflict ? " open" : "", T(ITEM_EDIT), shorttext);
	if (conflict && pb->edit_error)
		html(h, "<p class=\"utrecht-form-field-error-message\" role=\"alert\">%s</p>",
		     pb->edit_error);
	if (conflict && pb->theirs) {
		html(
		    h,
		    "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
		    "role=\"alert\">"
		    "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\"><strong>%s"
		    "</strong></p><p class=\"utrecht-paragraph kring-pre\">%s</p></div>",
		    T(ITEM_CONFLICT), T(ITEM_CONFLICT_THEIRS), pb->theirs);
	}
	ui_form(h, r, base, "kring-item-form");
	html(h,
	     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
	     "<label class=\"utrecht-form-label\" for=\"tekst-%lld\">%s</label>"
	     "<textarea class=\"utrecht-textarea\" id=\"tekst-%lld\" name=\"text\" rows=\"3\" "
	     "required>%s</textarea>",
	     conflict ? pb->version : it->version, it->id, T(ITEM_TEXT), it->id,
	     conflict ? pb->mine : it->text);
	if (action) {
		html(h, "<label class=\"utrecht-form-label\" for=\"status-%lld\">%s</label>",
		     it->id, T(ITEM_STATUS));
		status_select(h, arena_printf(&r->arena, "status-%lld", it->id), "status",
		              conflict ? pb->mine_status : it->status);
	}
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\" data-kring-focus=\"save-%lld\">%s"
	     "</button></p></form>",
	     it->id, T(SAVE));
	ui_form(h, r, arena_printf(&r->arena, "%s/delete", base), "kring-tool-form");
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s<span "
	     "class=\"kring-sr\">: %s</span></button></p></form></details></div></li>",
	     T(ITEM_DELETE), shorttext);
}

void community_item_list(struct req *r, struct html *h, const struct community *c,
                         const struct community_item *items, size_t n, const char *kind,
                         const char *title, const char *hint, const char *example, const char *none,
                         const char *new_label, bool can_edit, const struct problem *pb)
{
	bool action = vocab_index(community_item_kinds, kind) >= 2;
	html(h,
	     "<div class=\"kring-list kring-list--%s\" id=\"lijst-%s\">"
	     "<h3 class=\"utrecht-heading-3 kring-list__title\" id=\"h-lijst-%s\" "
	     "tabindex=\"-1\">%s</h3><p class=\"kring-list__hint\">%s</p>",
	     kind, kind, kind, title, hint);
	community_done_notice(r, h, kind);
	if (pb && pb->gone && pb->kind && strcmp(pb->kind, kind) == 0)
		html(h,
		     "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
		     "role=\"alert\">"
		     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph "
		     "kring-pre\">%s</p></div>",
		     T(ITEM_GONE), pb->gone);
	size_t count = 0, seen = 0;
	for (size_t i = 0; i < n; i++)
		count += strcmp(items[i].kind, kind) == 0;
	if (count == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted kring-list__none\">%s</p>", none);
	} else {
		html(h, "<ol class=\"kring-items\" aria-labelledby=\"h-lijst-%s\">", kind);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(items[i].kind, kind) != 0)
				continue;
			item_li(r, h, c, &items[i], seen == 0, seen + 1 == count, can_edit, pb);
			seen++;
		}
		html(h, "</ol>");
	}
	if (can_edit) {
		bool err = pb && pb->add_error && pb->kind && strcmp(pb->kind, kind) == 0;
		ui_form(h, r, ui_community_url(r, c->id, "/items"), "kring-add");
		html(h,
		     "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
		     "<div class=\"kring-add__field%s\"><label class=\"utrecht-form-label\" "
		     "for=\"nieuw-%s\">%s</label>",
		     kind, err ? " utrecht-form-field--invalid" : "", kind, new_label);
		if (err)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" "
			     "id=\"nieuw-%s-error\">%s</p>",
			     kind, pb->add_error);
		html(h,
		     "<textarea class=\"utrecht-textarea\" id=\"nieuw-%s\" name=\"text\" "
		     "rows=\"2\"%s",
		     kind, err ? " aria-invalid=\"true\"" : "");
		if (err)
			html(h, " aria-describedby=\"nieuw-%s-error\"", kind);
		html(h, ">%s</textarea></div>", err ? pb->add_text : "");
		if (action) {
			html(h,
			     "<div class=\"kring-add__status\"><label class=\"utrecht-form-label\" "
			     "for=\"nieuw-%s-status\">%s<span class=\"kring-sr\">: "
			     "%s</span></label>",
			     kind, T(ITEM_STATUS), new_label);
			status_select(h, arena_printf(&r->arena, "nieuw-%s-status", kind), "status",
			              err && pb->add_status ? pb->add_status : "idee");
			html(h, "</div>");
		}
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\" data-kring-focus=\"add-%s\">%s<span class=\"kring-sr\">: "
		     "%s</span></button></form>",
		     kind, T(ITEM_ADD), new_label);
	}
	if (example)
		html(h, "<p class=\"kring-list__example\">%s</p>", example);
	html(h, "</div>");
}

/* ---- items ---- */

static const struct field_spec item_fields[] = {
    {.name = "kind",
     .label_text = FIELD_TEXTS(F_COMMUNITY_ITEMS_KIND_LABEL),
     .kind = FIELD_SELECT,
     .required = true,
     .options = community_item_kinds,
     .option_text = FIELD_TEXTS(ITEM_KIND_STERKTE)},
    {.name = "text",
     .label_text = FIELD_TEXTS(F_COMMUNITY_ITEMS_TEXT_LABEL),
     .kind = FIELD_TEXTAREA,
     .required = true,
     .max_len = ITEM_MAX_CHARS},
    {.name = "status",
     .label_text = FIELD_TEXTS(F_COMMUNITY_ITEMS_STATUS_LABEL),
     .kind = FIELD_SELECT,
     .options = community_action_statuses,
     .option_text = FIELD_TEXTS(ACTION_IDEE)},
    {.name = "version",
     .label_text = FIELD_TEXTS(F_COMMUNITY_ITEMS_VERSION_LABEL),
     .kind = FIELD_ID},
};
#define N_ITEM_FIELDS (sizeof(item_fields) / sizeof(item_fields[0]))

/* The error to show for a bad item text (empty or too long). */
static const char *item_error(const char *text)
{
	return text[0] == '\0' ? T(ITEM_EMPTY) : T(ITEM_TOO_LONG);
}

int page_community_item_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, item_fields, N_ITEM_FIELDS);
	const char *kind = form_value(&f, "kind");
	if (vocab_index(community_item_kinds, kind) < 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (!ok) {
		struct problem pb = {.kind = kind,
		                     .add_text = form_value(&f, "text"),
		                     .add_status = form_value(&f, "status"),
		                     .add_error = item_error(form_value(&f, "text"))};
		return community_profile_page(r, &pb, 422);
	}
	long long id = 0;
	enum save_result rc =
	    community_item_add(r->db, r->org_id, r->person_id, r->param_id, kind,
	                       form_value(&f, "text"), form_value(&f, "status"), &id);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "toegevoegd", kind, arena_printf(&r->arena, "lijst-%s", kind));
}

int page_community_item_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, item_fields + 1, N_ITEM_FIELDS - 1);
	struct community_item old;
	int found =
	    community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &old);
	if (found < 0)
		return HANDLER_ERROR;
	const char *text = form_value(&f, "text");
	if (found == 0) {
		/* not (or no longer) here: answer 404, but keep the text in view */
		struct problem pb = {.kind = NULL, .gone = text};
		if (text[0] == '\0') {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		/* show it under the first list, where the person looks */
		pb.kind = "sterkte";
		return community_profile_page(r, &pb, 404);
	}
	if (!ok) {
		struct problem pb = {.item_id = old.id,
		                     .mine = text,
		                     .mine_status = form_value(&f, "status"),
		                     .edit_error = item_error(text),
		                     .version = form_value_id(&f, "version")};
		return community_profile_page(r, &pb, 422);
	}
	enum save_result rc =
	    community_item_update(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, text,
	                          form_value(&f, "status"), form_value_id(&f, "version"));
	if (rc == SAVE_CONFLICT) {
		struct community_item now;
		if (community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2,
		                       &now) != 1)
			return HANDLER_ERROR;
		struct problem pb = {
		    .item_id = now.id,
		    .mine = text,
		    .mine_status = form_value(&f, "status"),
		    .theirs = now.status[0] ? arena_printf(&r->arena, "%s (%s)", now.text,
		                                           ui_action_status_label(now.status))
		                            : now.text,
		    .version = now.version};
		return community_profile_page(r, &pb, 409);
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "opgeslagen", old.kind,
	                         arena_printf(&r->arena, "item-%lld", old.id));
}

int page_community_item_move(struct req *r)
{
	const char *dir = req_form(r, "richting");
	int delta = dir && strcmp(dir, "op") == 0 ? -1 : dir && strcmp(dir, "neer") == 0 ? 1 : 0;
	if (delta == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	struct community_item it;
	int found = community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &it);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? community_item_move(r->db, r->org_id, r->param_id, r->param_id2, delta)
	          : SAVE_NOT_FOUND;
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "verplaatst", it.kind,
	                         arena_printf(&r->arena, "item-%lld", it.id));
}

int page_community_item_delete(struct req *r)
{
	struct community_item it;
	int found = community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &it);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? community_item_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2)
	          : SAVE_NOT_FOUND;
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "weggehaald", it.kind,
	                         arena_printf(&r->arena, "lijst-%s", it.kind));
}
