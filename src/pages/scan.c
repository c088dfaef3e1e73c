/*
 * scan.c - the community scan of step 3: the two lists (bestaande and
 * gewenste communities, each described specifically, with why), the notes
 * of the themascan and the omgevingsscan, and turning an entry into a
 * community profile in one step.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/scan.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"

static const struct field_spec entry_fields[] = {
    {.name = "list",
     .label_text = FIELD_TEXTS(F_SCAN_LIST_LABEL),
     .kind = FIELD_SELECT,
     .required = true,
     .options = scan_lists,
     .option_text = FIELD_TEXTS(SCAN_LIST_BESTAAND)},
    {.name = "name",
     .label_text = FIELD_TEXTS(F_SCAN_NAME_LABEL),
     .hint_text = FIELD_TEXTS(F_SCAN_NAME_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "description",
     .label_text = FIELD_TEXTS(F_SCAN_DESCRIPTION_LABEL),
     .hint_text = FIELD_TEXTS(F_SCAN_DESCRIPTION_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "why",
     .label_text = FIELD_TEXTS(F_SCAN_WHY_LABEL),
     .hint_text = FIELD_TEXTS(F_SCAN_WHY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
};
#define N_ENTRY_FIELDS (sizeof(entry_fields) / sizeof(entry_fields[0]))

static const struct field_spec note_fields[] = {
    {.name = "kind",
     .label_text = FIELD_TEXTS(F_SCAN_KIND_LABEL),
     .kind = FIELD_SELECT,
     .required = true,
     .options = scan_note_kinds,
     .option_text = FIELD_TEXTS(SCAN_NOTE_THEMA)},
    {.name = "title",
     .label_text = FIELD_TEXTS(F_SCAN_TITLE_LABEL),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "body",
     .label_text = FIELD_TEXTS(F_SCAN_BODY_LABEL),
     .hint_text = FIELD_TEXTS(F_SCAN_BODY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 100000,
     .rows = 3},
};
#define N_NOTE_FIELDS (sizeof(note_fields) / sizeof(note_fields[0]))

/* A form that failed validation, and where on the page it belongs. */
struct bad_form {
	const char *key; /* "add-<list>", "edit-<id>", "note-<kind>", "note-edit-<id>" */
	struct form *f;
	const char *notice; /* an error to show at the top (a stale delete), or NULL */
};

static bool is_key(const struct bad_form *bad, const char *key)
{
	return bad && bad->key && strcmp(bad->key, key) == 0;
}

static void entry_li(struct req *r, struct html *h, const struct scan_entry *e, bool can_edit,
                     const struct bad_form *bad)
{
	html(
	    h,
	    "<li class=\"kring-scan-entry\" id=\"scan-%lld\"><p class=\"kring-scan-entry__name\">%s"
	    "</p>",
	    e->id, e->name);
	if (e->description[0])
		html(h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", e->description);
	if (e->why[0])
		html(h, "<p class=\"utrecht-paragraph kring-pre\"><strong>%s</strong> %s</p>",
		     T(SCAN_WHY), e->why);
	if (e->community_id) {
		html(h,
		     "<p class=\"utrecht-paragraph kring-scan-entry__profile\">%s "
		     "<a class=\"utrecht-link\" href=\"%s\">%s</a></p>",
		     T(SCAN_HAS_PROFILE), ui_community_url(r, e->community_id, ""),
		     e->community_name);
	} else if (can_edit) {
		ui_form(h, r,
		        arena_printf(&r->arena, "/o/%s/scan/%lld/profile", r->org_slug, e->id),
		        "kring-tool-form");
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action "
		     "kring-button-small\" type=\"submit\">%s<span class=\"kring-sr\">: %s</span>"
		     "</button></form>",
		     T(SCAN_TO_PROFILE), ui_short(&r->arena, e->name, 60));
	}
	if (can_edit) {
		const char *key = arena_printf(&r->arena, "edit-%lld", e->id);
		struct form f;
		if (is_key(bad, key)) {
			f = *bad->f;
		} else {
			form_init(&f, entry_fields, N_ENTRY_FIELDS);
			form_set(&f, "list", e->list);
			form_set(&f, "name", e->name);
			form_set(&f, "description", e->description);
			form_set(&f, "why", e->why);
		}
		f.id_prefix = arena_printf(&r->arena, "s%lld-", e->id);
		html(h,
		     "<details class=\"kring-details\"%s><summary>%s<span class=\"kring-sr\">: %s"
		     "</span></summary>",
		     is_key(bad, key) ? " open" : "", T(ITEM_EDIT),
		     ui_short(&r->arena, e->name, 60));
		form_error_summary(h, &f);
		form_begin(h, r, arena_printf(&r->arena, "/o/%s/scan/%lld", r->org_slug, e->id));
		form_field(h, &f, "list");
		form_field(h, &f, "name");
		form_field(h, &f, "description");
		form_field(h, &f, "why");
		form_end(h, T(SAVE));
		form_begin(h, r,
		           arena_printf(&r->arena, "/o/%s/scan/%lld/delete", r->org_slug, e->id));
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", e->version);
		html(h,
		     "<p class=\"utrecht-paragraph kring-small\">%s</p><p class=\"kring-actions\">"
		     "<button class=\"utrecht-button utrecht-button--secondary-action "
		     "kring-danger\" "
		     "type=\"submit\">%s<span class=\"kring-sr\">: %s</span></button></p></form>"
		     "</details>",
		     T(SCAN_DELETE_WARNING), T(ITEM_DELETE), ui_short(&r->arena, e->name, 60));
	}
	html(h, "</li>");
}

static void note_li(struct req *r, struct html *h, const struct scan_note *n, bool can_edit,
                    const struct bad_form *bad)
{
	html(h,
	     "<li class=\"kring-note\" id=\"notitie-%lld\"><p class=\"kring-note__title\">%s</p>",
	     n->id, n->title);
	if (n->body[0])
		html(h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", n->body);
	html(h, "<p class=\"kring-note__meta\">%s</p>",
	     T_printf(&r->arena, SCAN_NOTE_BY, n->who[0] ? n->who : T(AUDIT_SYSTEM),
	              fmt_date(&r->arena, n->created_at)));
	if (can_edit) {
		const char *key = arena_printf(&r->arena, "note-edit-%lld", n->id);
		struct form f;
		if (is_key(bad, key)) {
			f = *bad->f;
		} else {
			form_init(&f, note_fields, N_NOTE_FIELDS);
			form_set(&f, "title", n->title);
			form_set(&f, "body", n->body);
		}
		f.id_prefix = arena_printf(&r->arena, "n%lld-", n->id);
		html(h,
		     "<details class=\"kring-details\"%s><summary>%s<span class=\"kring-sr\">: %s"
		     "</span></summary>",
		     is_key(bad, key) ? " open" : "", T(ITEM_EDIT),
		     ui_short(&r->arena, n->title, 60));
		form_error_summary(h, &f);
		form_begin(h, r,
		           arena_printf(&r->arena, "/o/%s/scan/notes/%lld", r->org_slug, n->id));
		form_field(h, &f, "title");
		form_field(h, &f, "body");
		form_end(h, T(SAVE));
		form_begin(
		    h, r,
		    arena_printf(&r->arena, "/o/%s/scan/notes/%lld/delete", r->org_slug, n->id));
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", n->version);
		html(h,
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s<span "
		     "class=\"kring-sr\">: %s</span></button></p></form></details>",
		     T(ITEM_DELETE), ui_short(&r->arena, n->title, 60));
	}
	html(h, "</li>");
}

/* Answers with the scan page; a failed read is a logged 500 (HANDLER_ERROR), never empty lists. */
static int scan_page(struct req *r, const struct bad_form *bad, unsigned status)
{
	struct scan_entry *e;
	struct scan_note *notes;
	size_t n_e, n_notes;
	if (scan_entry_list(r->db, &r->arena, r->org_id, &e, &n_e) != 0 ||
	    scan_note_list(r->db, &r->arena, r->org_id, &notes, &n_notes) != 0)
		return HANDLER_ERROR;
	bool can_edit = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, T(SCAN_TITLE));
	html(&h,
	     "<p class=\"kring-eyebrow\">%s</p><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(SCAN_STEP), T(SCAN_TITLE), T(SCAN_INTRO));
	static const struct {
		const char *key;
		int text;
	} done_map[] = {
	    {"toegevoegd", TXT_SCAN_ADDED},
	    {"opgeslagen", TXT_SCAN_SAVED},
	    {"weggehaald", TXT_SCAN_DELETED},
	    {"notitie", TXT_SCAN_NOTE_ADDED},
	    {"notitie-opgeslagen", TXT_SCAN_NOTE_SAVED},
	    {"notitie-weggehaald", TXT_SCAN_NOTE_DELETED},
	};
	const char *done = req_query(r, "klaar");
	for (size_t i = 0; done && i < sizeof(done_map) / sizeof(done_map[0]); i++)
		if (strcmp(done, done_map[i].key) == 0)
			page_notice(&h, "ok", TX(done_map[i].text));
	if (bad && bad->notice)
		page_notice(&h, "error", bad->notice);

	html(&h, "<div class=\"kring-columns kring-columns--2\">");
	for (int l = 0; scan_lists[l]; l++) {
		const char *list = scan_lists[l];
		html(&h,
		     "<section class=\"kring-card kring-scan-list\" id=\"rijtje-%s\" "
		     "aria-labelledby=\"h-%s\"><h2 class=\"utrecht-heading-2\" id=\"h-%s\">%d. "
		     "%s</h2>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     list, list, list, l + 1, TX(TXT_SCAN_LIST_BESTAAND + l),
		     l == 0 ? T(SCAN_Q_BESTAAND) : T(SCAN_Q_GEWENST));
		size_t count = 0;
		for (size_t i = 0; i < n_e; i++)
			count += strcmp(e[i].list, list) == 0;
		if (count == 0) {
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(SCAN_NONE));
		} else {
			html(&h, "<ol class=\"kring-scan-entries\" aria-labelledby=\"h-%s\">",
			     list);
			for (size_t i = 0; i < n_e; i++)
				if (strcmp(e[i].list, list) == 0)
					entry_li(r, &h, &e[i], can_edit, bad);
			html(&h, "</ol>");
		}
		if (can_edit) {
			const char *key = arena_printf(&r->arena, "add-%s", list);
			struct form f;
			if (is_key(bad, key))
				f = *bad->f;
			else
				form_init(&f, entry_fields, N_ENTRY_FIELDS);
			f.id_prefix = arena_printf(&r->arena, "nieuw-%s-", list);
			html(&h,
			     "<details class=\"kring-details kring-add-details\"%s><summary>%s: %s"
			     "</summary>",
			     is_key(bad, key) ? " open" : "", T(SCAN_ADD_TO),
			     TX(TXT_SCAN_LIST_BESTAAND + l));
			form_error_summary(&h, &f);
			form_begin(&h, r, arena_printf(&r->arena, "/o/%s/scan", r->org_slug));
			html(&h, "<input type=\"hidden\" name=\"list\" value=\"%s\">", list);
			form_field(&h, &f, "name");
			form_field(&h, &f, "description");
			form_field(&h, &f, "why");
			form_end(&h, T(SCAN_ADD_BUTTON));
			html(&h, "</details>");
		}
		html(&h, "</section>");
	}
	html(&h, "</div>");
	page_notice(&h, "ok", T(SCAN_CHOOSE_TIP));

	html(&h,
	     "<h2 class=\"utrecht-heading-2\" id=\"h-scans\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><div class=\"kring-columns kring-columns--2\">",
	     T(SCAN_NOTES_TITLE), T(SCAN_NOTES_INTRO));
	for (int k = 0; scan_note_kinds[k]; k++) {
		const char *kind = scan_note_kinds[k];
		html(&h,
		     "<section class=\"kring-card\" id=\"scan-%s\" aria-labelledby=\"h-scan-%s\">"
		     "<h3 class=\"utrecht-heading-3\" id=\"h-scan-%s\">%s</h3>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     kind, kind, kind, TX(TXT_SCAN_NOTE_THEMA + k),
		     k == 0 ? T(SCAN_Q_THEMA) : T(SCAN_Q_OMGEVING));
		size_t count = 0;
		for (size_t i = 0; i < n_notes; i++)
			count += strcmp(notes[i].kind, kind) == 0;
		if (count == 0) {
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(SCAN_NOTES_NONE));
		} else {
			html(&h, "<ul class=\"kring-notes\" aria-labelledby=\"h-scan-%s\">", kind);
			for (size_t i = 0; i < n_notes; i++)
				if (strcmp(notes[i].kind, kind) == 0)
					note_li(r, &h, &notes[i], can_edit, bad);
			html(&h, "</ul>");
		}
		if (can_edit) {
			const char *key = arena_printf(&r->arena, "note-%s", kind);
			struct form f;
			if (is_key(bad, key))
				f = *bad->f;
			else
				form_init(&f, note_fields, N_NOTE_FIELDS);
			f.id_prefix = arena_printf(&r->arena, "nieuw-%s-", kind);
			html(&h,
			     "<details class=\"kring-details kring-add-details\"%s><summary>%s: %s"
			     "</summary>",
			     is_key(bad, key) ? " open" : "", T(SCAN_NOTE_ADD),
			     TX(TXT_SCAN_NOTE_THEMA + k));
			form_error_summary(&h, &f);
			form_begin(&h, r, arena_printf(&r->arena, "/o/%s/scan/notes", r->org_slug));
			html(&h, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", kind);
			form_field(&h, &f, "title");
			form_field(&h, &f, "body");
			form_end(&h, T(SCAN_NOTE_ADD));
			html(&h, "</details>");
		}
		html(&h, "</section>");
	}
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_scan(struct req *r)
{
	return scan_page(r, NULL, 200);
}

/* Back to the scan page, at anchor, with a notice. */
static int back(struct req *r, const char *done, const char *anchor)
{
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/scan?klaar=%s#%s", r->org_slug, done, anchor));
	return HANDLER_OK;
}

/* Maps a domain result to a response; SAVE_OK is handled by the caller. */
static int fail(struct req *r, enum save_result rc)
{
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (rc == SAVE_CONFLICT) { /* a delete of a version that changed since: show the new one */
		struct bad_form stale = {.notice = T(SCAN_DELETE_STALE)};
		return scan_page(r, &stale, 409);
	}
	return HANDLER_ERROR;
}

int page_scan_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, entry_fields, N_ENTRY_FIELDS);
	const char *list = form_value(&f, "list");
	if (vocab_index(scan_lists, list) < 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (!ok) {
		struct bad_form bad = {arena_printf(&r->arena, "add-%s", list), &f, NULL};
		return scan_page(r, &bad, 422);
	}
	enum save_result rc =
	    scan_entry_add(r->db, r->org_id, r->person_id, list, form_value(&f, "name"),
	                   form_value(&f, "description"), form_value(&f, "why"));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "toegevoegd", arena_printf(&r->arena, "rijtje-%s", list));
}

int page_scan_save(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, entry_fields, N_ENTRY_FIELDS)) {
		struct bad_form bad = {arena_printf(&r->arena, "edit-%lld", r->param_id), &f, NULL};
		return scan_page(r, &bad, 422);
	}
	enum save_result rc = scan_entry_update(
	    r->db, r->org_id, r->person_id, r->param_id, form_value(&f, "list"),
	    form_value(&f, "name"), form_value(&f, "description"), form_value(&f, "why"));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "opgeslagen", arena_printf(&r->arena, "scan-%lld", r->param_id));
}

int page_scan_delete(struct req *r)
{
	enum save_result rc = scan_entry_delete(r->db, r->org_id, r->person_id, r->param_id,
	                                        form_id_or_zero(req_form(r, "version")));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "weggehaald", "h-bestaand");
}

int page_scan_to_profile(struct req *r)
{
	long long cid = 0;
	enum save_result rc =
	    scan_entry_to_community(r->db, r->org_id, r->person_id, r->param_id, &cid);
	if (rc != SAVE_OK)
		return fail(r, rc);
	resp_redirect(r, ui_community_url(r, cid, "/edit?uit=scan"));
	return HANDLER_OK;
}

int page_scan_note_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, note_fields, N_NOTE_FIELDS);
	const char *kind = form_value(&f, "kind");
	if (vocab_index(scan_note_kinds, kind) < 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (!ok) {
		struct bad_form bad = {arena_printf(&r->arena, "note-%s", kind), &f, NULL};
		return scan_page(r, &bad, 422);
	}
	enum save_result rc = scan_note_add(r->db, r->org_id, r->person_id, kind,
	                                    form_value(&f, "title"), form_value(&f, "body"));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "notitie", arena_printf(&r->arena, "scan-%s", kind));
}

int page_scan_note_save(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, note_fields + 1, N_NOTE_FIELDS - 1)) {
		struct bad_form bad = {arena_printf(&r->arena, "note-edit-%lld", r->param_id), &f,
		                       NULL};
		return scan_page(r, &bad, 422);
	}
	enum save_result rc = scan_note_update(r->db, r->org_id, r->person_id, r->param_id,
	                                       form_value(&f, "title"), form_value(&f, "body"));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "notitie-opgeslagen", arena_printf(&r->arena, "notitie-%lld", r->param_id));
}

int page_scan_note_delete(struct req *r)
{
	enum save_result rc = scan_note_delete(r->db, r->org_id, r->person_id, r->param_id,
	                                       form_id_or_zero(req_form(r, "version")));
	if (rc != SAVE_OK)
		return fail(r, rc);
	return back(r, "notitie-weggehaald", "h-scans");
}
