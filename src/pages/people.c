/*
 * people.c - the people of an organisation, their roles, and the audit log.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/auth.h"
#include "../auth/roles.h"
#include "../core/org.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"

static const char *const role_values[] = {"medewerker", "beheerder", "adviseur", "ambassadeur",
                                          NULL};
static const char *const role_labels[] = {"Medewerker", "Beheerder", "Adviseur", "Ambassadeur",
                                          NULL};

static const struct field_spec person_fields[] = {
    {.name = "name",
     .label = "Naam",
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "email",
     .label = "E-mailadres",
     .kind = FIELD_EMAIL,
     .required = true,
     .max_len = 254,
     .autocomplete = "off"},
    {.name = "role",
     .label = "Rol",
     .kind = FIELD_SELECT,
     .required = true,
     .options = role_values,
     .option_labels = role_labels,
     .hint = "Beheerder: beheert de organisatie en de mensen. Medewerker: werkt met "
             "communities en partners. Adviseur: leest mee en adviseert. Ambassadeur: een "
             "bewoner die de eigen community mee vormgeeft."},
    {.name = "password",
     .label = "Eerste wachtwoord",
     .hint = "Alleen nodig voor iemand die nog geen account in kring heeft. Minstens 10 "
             "tekens. Geef het wachtwoord persoonlijk door, niet per e-mail.",
     .kind = FIELD_PASSWORD,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password"},
};
#define N_PERSON_FIELDS (sizeof(person_fields) / sizeof(person_fields[0]))

static const struct field_spec role_fields[] = {
    {.name = "role",
     .label = "Rol",
     .kind = FIELD_SELECT,
     .required = true,
     .options = role_values,
     .option_labels = role_labels},
};

static void people_page(struct req *r, struct form *add, const char *notice,
                        const char *notice_kind, unsigned status)
{
	struct member *m;
	size_t n;
	if (member_list(r->db, &r->arena, r->org_id, &m, &n) != 0) {
		resp_error(r, 500);
		return;
	}
	struct html h;
	page_begin(r, &h, T(PEOPLE_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(PEOPLE_TITLE), T(PEOPLE_INTRO));
	const char *done = req_query(r, "klaar");
	if (notice)
		page_notice(&h, notice_kind, notice);
	else if (done && strcmp(done, "toegevoegd") == 0)
		page_notice(&h, "ok", T(PERSON_ADDED));
	else if (done && strcmp(done, "rol") == 0)
		page_notice(&h, "ok", T(PERSON_ROLE_CHANGED));
	else if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(PERSON_REMOVED));

	html(&h,
	     "<table class=\"utrecht-table kring-table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(PEOPLE_CAPTION), T(PERSON_NAME), T(PERSON_EMAIL), T(PERSON_ROLE), T(ACTIONS));
	for (size_t i = 0; i < n; i++) {
		html(&h,
		     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">%s</td>"
		     "<td class=\"utrecht-table__cell\">%s</td>"
		     "<td class=\"utrecht-table__cell\">%s</td><td class=\"utrecht-table__cell\">",
		     m[i].name, m[i].email, role_label(m[i].role));
		/* change role */
		struct form f;
		form_init(&f, role_fields, 1);
		form_set(&f, "role", role_name(m[i].role));
		f.id_prefix = arena_printf(&r->arena, "p%lld-", m[i].person_id);
		html(&h,
		     "<details class=\"kring-details\"><summary>%s <span "
		     "class=\"kring-sr\">%s</span></summary>",
		     T(CHANGE), m[i].name);
		form_begin(
		    &h, r,
		    arena_printf(&r->arena, "/o/%s/people/%lld/role", r->org_slug, m[i].person_id));
		form_field(&h, &f, "role");
		form_end(&h, T(PERSON_ROLE_SAVE));
		form_begin(&h, r,
		           arena_printf(&r->arena, "/o/%s/people/%lld/remove", r->org_slug,
		                        m[i].person_id));
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(PERSON_REMOVE_WARNING));
		html(&h,
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s "
		     "<span class=\"kring-sr\">%s</span></button></p></form></details></td></tr>",
		     T(PERSON_REMOVE), m[i].name);
	}
	html(&h, "</tbody></table>");

	html(&h,
	     "<section class=\"kring-card kring-narrow\" aria-labelledby=\"h-nieuw\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-nieuw\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(PERSON_ADD_TITLE), T(PERSON_ADD_INTRO));
	struct form f;
	if (add)
		f = *add;
	else
		form_init(&f, person_fields, N_PERSON_FIELDS);
	form_error_summary(&h, &f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/people", r->org_slug));
	form_field(&h, &f, "name");
	form_field(&h, &f, "email");
	form_field(&h, &f, "role");
	form_field(&h, &f, "password");
	form_end(&h, T(PERSON_ADD_BUTTON));
	html(&h, "</section>");
	page_end(r, &h, status);
}

int page_people(struct req *r)
{
	people_page(r, NULL, NULL, NULL, 200);
	return HANDLER_OK;
}

/* Hashing a new person's password runs on a worker thread. */
struct hash_job {
	const char *password;
	char hash[crypto_pwhash_STRBYTES];
	int rc;
};

static void hash_password(void *arg)
{
	struct hash_job *j = arg;
	j->rc = auth_password_hash(j->password, j->hash);
}

int page_person_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, person_fields, N_PERSON_FIELDS);
	const char *email = auth_normalize_email(&r->arena, form_value(&f, "email"));
	long long person = 0;
	int found = ok ? person_find(r->db, &r->arena, email, &person, NULL, NULL, NULL) : 0;
	if (found < 0)
		return HANDLER_ERROR;
	const char *pw = form_value(&f, "password");
	if (ok && !found && strlen(pw) < AUTH_PASSWORD_MIN) {
		form_error(&f, "password", T(PASSWORD_TOO_SHORT));
		ok = false;
	}
	if (!ok) {
		form_set(&f, "password", "");
		people_page(r, &f, NULL, NULL, 422);
		return HANDLER_OK;
	}
	if (!found) {
		if (r->defer == DEFER_NONE) {
			struct hash_job *j = arena_alloc(&r->arena, sizeof(*j));
			j->password = pw;
			return req_defer(r, hash_password, j);
		}
		struct hash_job *j = r->defer_job;
		if (j->rc != 0)
			return HANDLER_ERROR;
		int rc = person_create(r->db, email, form_value(&f, "name"), j->hash, &person);
		if (rc < 0)
			return HANDLER_ERROR;
		if (rc == 1 && person_find(r->db, &r->arena, email, &person, NULL, NULL, NULL) != 1)
			return HANDLER_ERROR;
	}
	enum save_result rc = member_set_role(r->db, r->org_id, r->person_id, person,
	                                      role_from_name(form_value(&f, "role")));
	if (rc == SAVE_REFUSED) {
		people_page(r, NULL, T(LAST_ADMIN), "error", 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/people?klaar=toegevoegd", r->org_slug));
	return HANDLER_OK;
}

/* The person must already hold a role here: ids of others are not found. */
static int is_member(struct req *r, long long person)
{
	long long n = 0;
	if (db_query_int(r->db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(r->org_id), DB_INT(person)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

int page_person_role(struct req *r)
{
	struct form f;
	int mem = is_member(r, r->param_id);
	if (mem < 0)
		return HANDLER_ERROR;
	if (mem == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (!form_read(r, &f, role_fields, 1)) {
		people_page(r, NULL, T(FORM_BAD_ROLE), "error", 422);
		return HANDLER_OK;
	}
	enum save_result rc = member_set_role(r->db, r->org_id, r->person_id, r->param_id,
	                                      role_from_name(form_value(&f, "role")));
	if (rc == SAVE_REFUSED) {
		people_page(r, NULL, T(LAST_ADMIN), "error", 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	/* someone who took away their own beheerder role can no longer see this page */
	if (r->param_id == r->person_id && role_from_name(form_value(&f, "role")) != ROLE_BEHEERDER)
		resp_redirect(r, arena_printf(&r->arena, "/o/%s/", r->org_slug));
	else
		resp_redirect(r, arena_printf(&r->arena, "/o/%s/people?klaar=rol", r->org_slug));
	return HANDLER_OK;
}

int page_person_remove(struct req *r)
{
	enum save_result rc = member_remove(r->db, r->org_id, r->person_id, r->param_id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		people_page(r, NULL, T(LAST_ADMIN), "error", 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	if (r->param_id == r->person_id)
		resp_redirect(r, "/");
	else
		resp_redirect(
		    r, arena_printf(&r->arena, "/o/%s/people?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- audit log ---- */

static const char *action_label(const char *action)
{
	static const struct {
		const char *action;
		int text;
	} map[] = {
	    {"org.create", TXT_AUDIT_ORG_CREATE},
	    {"org.update", TXT_AUDIT_ORG_UPDATE},
	    {"branch.add", TXT_AUDIT_BRANCH_ADD},
	    {"branch.rename", TXT_AUDIT_BRANCH_RENAME},
	    {"branch.delete", TXT_AUDIT_BRANCH_DELETE},
	    {"member.role", TXT_AUDIT_MEMBER_ROLE},
	    {"member.remove", TXT_AUDIT_MEMBER_REMOVE},
	    {"community.create", TXT_AUDIT_COMMUNITY_CREATE},
	    {"community.update", TXT_AUDIT_COMMUNITY_UPDATE},
	    {"community.delete", TXT_AUDIT_COMMUNITY_DELETE},
	    {"community.item.add", TXT_AUDIT_COMMUNITY_ITEM_ADD},
	    {"community.item.update", TXT_AUDIT_COMMUNITY_ITEM_UPDATE},
	    {"community.item.delete", TXT_AUDIT_COMMUNITY_ITEM_DELETE},
	    {"community.staff.add", TXT_AUDIT_COMMUNITY_STAFF_ADD},
	    {"community.staff.remove", TXT_AUDIT_COMMUNITY_STAFF_REMOVE},
	    {"community.ambassador.add", TXT_AUDIT_COMMUNITY_AMB_ADD},
	    {"community.ambassador.remove", TXT_AUDIT_COMMUNITY_AMB_REMOVE},
	    {"scan.add", TXT_AUDIT_SCAN_ADD},
	    {"scan.update", TXT_AUDIT_SCAN_UPDATE},
	    {"scan.delete", TXT_AUDIT_SCAN_DELETE},
	    {"scan.note.add", TXT_AUDIT_SCAN_NOTE_ADD},
	    {"scan.note.update", TXT_AUDIT_SCAN_NOTE_UPDATE},
	    {"scan.note.delete", TXT_AUDIT_SCAN_NOTE_DELETE},
	    /* partners and conversations */
	    {"partner.create", TXT_AUDIT_PARTNER_CREATE},
	    {"partner.update", TXT_AUDIT_PARTNER_UPDATE},
	    {"partner.delete", TXT_AUDIT_PARTNER_DELETE},
	    {"partner.link", TXT_AUDIT_PARTNER_LINK},
	    {"partner.unlink", TXT_AUDIT_PARTNER_UNLINK},
	    {"power.create", TXT_AUDIT_POWER_CREATE},
	    {"power.update", TXT_AUDIT_POWER_UPDATE},
	    {"power.delete", TXT_AUDIT_POWER_DELETE},
	    {"conversation.create", TXT_AUDIT_TALK_CREATE},
	    {"conversation.update", TXT_AUDIT_TALK_UPDATE},
	    {"conversation.delete", TXT_AUDIT_TALK_DELETE},
	    {"action.add", TXT_AUDIT_ACTION_ADD},
	    {"action.update", TXT_AUDIT_ACTION_UPDATE},
	    {"action.done", TXT_AUDIT_ACTION_DONE},
	    {"action.reopen", TXT_AUDIT_ACTION_REOPEN},
	    {"action.delete", TXT_AUDIT_ACTION_DELETE},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].action, action) == 0)
			return text_nl[map[i].text];
	return action;
}

#define AUDIT_PAGE 50

int page_audit(struct req *r)
{
	long long page = 1;
	const char *p = req_query(r, "pagina");
	if (p != NULL) {
		page = atoll(p);
		if (page < 1 || page > 1000000)
			page = 1;
	}
	long long total = audit_count(r->db, r->org_id);
	struct audit_entry *e;
	size_t n;
	if (audit_list(r->db, &r->arena, r->org_id, AUDIT_PAGE, (page - 1) * AUDIT_PAGE, &e, &n) !=
	    0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(AUDIT_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(AUDIT_TITLE), T(AUDIT_INTRO));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(AUDIT_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table\"><caption "
		     "class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T(AUDIT_CAPTION), T(AUDIT_WHEN), T(AUDIT_WHO), T(AUDIT_WHAT), T(AUDIT_DETAIL));
		for (size_t i = 0; i < n; i++) {
			const char *detail = e[i].detail;
			if (strcmp(e[i].action, "member.role") == 0)
				detail = role_label(role_from_name(detail));
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td "
			     "class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%s: %s</td>"
			     "<td class=\"utrecht-table__cell\">%s</td></tr>",
			     fmt_datetime(&r->arena, e[i].at),
			     e[i].who[0] ? e[i].who : T(AUDIT_SYSTEM), action_label(e[i].action),
			     e[i].object, detail);
		}
		html(&h, "</tbody></table>");
	}
	if (total > AUDIT_PAGE) {
		long long pages = (total + AUDIT_PAGE - 1) / AUDIT_PAGE;
		html(&h,
		     "<nav class=\"kring-pager\" aria-label=\"%s\"><p class=\"utrecht-paragraph\">",
		     T(PAGER_LABEL));
		if (page > 1)
			html(&h, "<a class=\"utrecht-link\" href=\"?pagina=%lld\">%s</a> ",
			     page - 1, T(PAGER_PREV));
		html(&h, "%s", arena_printf(&r->arena, T(PAGER_OF), page, pages));
		if (page < pages)
			html(&h, " <a class=\"utrecht-link\" href=\"?pagina=%lld\">%s</a>",
			     page + 1, T(PAGER_NEXT));
		html(&h, "</p></nav>");
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}
