/*
 * privacy_people.c - inzage: pick a person, see everything kring holds
 * about them in this organisation, download it as JSON (issue 14b, M13).
 * Both answers are written record by record as the database hands them
 * over (core/privacy.h), and each opening is written in the access log. The
 * page shows the first INZAGE_PAGE_MAX records and says so; the download
 * holds all of them and streams through a temporary file (struct spool).
 */
#include <stdio.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/privacy.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "pages.h"
#include "privacy_ui.h"

/* The heading of the records of one (table, column), from db/personal.def. */
static const struct rec_label {
	const char *table, *column;
	int text;
} rec_labels[] = {
#define PERSON_REF(table, column, label, sql) {table, column, TXT_PRIV_REF_##label},
#include "../db/personal.def"
#define PERSONAL(table, column, label, category, purpose, keep, who)                               \
	{table, column, TXT_PRIV_COL_##label},
#include "../db/personal.def"
    {"conversations", "partner_id", TXT_PRIV_REF_CONTACT_CONVERSATIONS},
};

static const char *rec_label(const char *table, const char *column)
{
	for (size_t i = 0; i < sizeof(rec_labels) / sizeof(rec_labels[0]); i++)
		if (strcmp(rec_labels[i].table, table) == 0 &&
		    strcmp(rec_labels[i].column, column) == 0)
			return TX(rec_labels[i].text);
	return T(PRIV_INZAGE_TEXT);
}

/* "people", "partners" or "communities": the URL segment of a kind. */
static const char *kind_segment(const char *kind)
{
	return kind; /* /privacy/person/:id, /privacy/partner/:id, /privacy/community/:id */
}

/* Who the person is, in words: role, or whose contact person. */
static const char *person_what(struct req *r, const struct privacy_person *p)
{
	if (strcmp(p->kind, "partner") == 0)
		return T_printf(&r->arena, PRIV_PEOPLE_PARTNER_OF, p->detail);
	if (strcmp(p->kind, "community") == 0)
		return T_printf(&r->arena, PRIV_PEOPLE_COMMUNITY_OF, p->detail);
	const char *role = role_label(role_from_name(p->role));
	return p->former ? T_printf(&r->arena, PRIV_PEOPLE_FORMER, role) : role;
}

static const char *shown_name(const struct privacy_person *p)
{
	return p->name[0] ? p->name : T(PRIV_PEOPLE_NO_NAME);
}

static void people_table(struct req *r, struct html *h, const struct privacy_person *p, size_t n,
                         bool logins, const char *caption)
{
	html(h,
	     "<table class=\"utrecht-table kring-table kring-table--stack\">"
	     "<caption class=\"kring-sr\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell kring-col-action\" scope=\"col\">%s</th>"
	     "</tr></thead><tbody class=\"utrecht-table__body\">",
	     caption, T(PRIV_PEOPLE_NAME), T(PRIV_PEOPLE_WHAT), T(ACTIONS));
	for (size_t i = 0; i < n; i++) {
		if ((strcmp(p[i].kind, "person") == 0) != logins)
			continue;
		html(h,
		     "<tr class=\"utrecht-table__row\">"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-col-action\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/privacy/%s/%lld\">%s<span class=\"kring-sr\"> %s</span></a></td>"
		     "</tr>",
		     T(PRIV_PEOPLE_NAME), shown_name(&p[i]), T(PRIV_PEOPLE_WHAT),
		     person_what(r, &p[i]), r->org_slug, kind_segment(p[i].kind), p[i].id,
		     T(PRIV_PEOPLE_OPEN), shown_name(&p[i]));
	}
	html(h, "</tbody></table>");
}

int page_privacy_people(struct req *r)
{
	struct privacy_person *p;
	size_t n;
	if (privacy_people(r->db, &r->arena, r->org_id, &p, &n) != 0)
		return HANDLER_ERROR;
	size_t n_contacts = 0;
	for (size_t i = 0; i < n; i++)
		n_contacts += strcmp(p[i].kind, "person") != 0;
	struct html h;
	page_begin(r, &h, T(PRIV_PEOPLE_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/privacy\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     r->org_slug, T(PRIV_TITLE), T(PRIV_PEOPLE_TITLE), T(PRIV_PEOPLE_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(PRIV_PEOPLE_ERASED));
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(PRIV_PEOPLE_LOGINS));
	people_table(r, &h, p, n, true, T(PRIV_PEOPLE_CAPTION_LOGINS));
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(PRIV_PEOPLE_CONTACTS));
	if (n_contacts == 0)
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(PRIV_PEOPLE_NONE));
	else
		people_table(r, &h, p, n, false, T(PRIV_PEOPLE_CAPTION_CONTACTS));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int privacy_page_logged(struct req *r, const char *kind, long long id, const char *what)
{
	if (strcmp(what, "detail") == 0) {
		/* a detail page seen again within the day is logged once */
		long long since = (long long)clock_now() - 86400;
		int seen =
		    privacy_log_seen_since(r->db, r->org_id, r->person_id, kind, id, what, since);
		if (seen != 0)
			return seen < 0 ? -1 : 0;
	}
	bool reading = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	if (reading)
		db_end_read(r->db);
	int rc = privacy_log_view(r->db, r->org_id, r->person_id, kind, id, what);
	if (reading && db_begin_read(r->db) != DB_OK)
		rc = -1;
	return rc;
}

/* ---- the inzage as a page ---- */

/* Records the page shows; past them it counts on and points to the download. */
#define INZAGE_PAGE_MAX 1000

struct html_ctx {
	struct req *r;
	struct html *h;
	const char *table, *column; /* of the open list, or NULL */
	long long count;            /* records seen */
};

static int html_record(void *vctx, const char *table, const char *column, long long id,
                       long long at, const char *text)
{
	(void)id;
	struct html_ctx *c = vctx;
	if (c->count++ >= INZAGE_PAGE_MAX)
		return 0; /* counted, not shown: the page stays small */
	if (c->table == NULL || strcmp(c->table, table) != 0 || strcmp(c->column, column) != 0) {
		if (c->table)
			html(c->h, "</tbody></table></section>");
		c->table = arena_strdup(&c->r->arena, table);
		c->column = arena_strdup(&c->r->arena, column);
		html(
		    c->h,
		    "<section class=\"kring-privacy-group\"><h2 class=\"utrecht-heading-3\">%s</h2>"
		    "<table class=\"utrecht-table kring-table kring-table--stack\">"
		    "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">",
		    rec_label(table, column), T(PRIV_INZAGE_WHEN), T(PRIV_INZAGE_TEXT));
	}
	html(c->h,
	     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" "
	     "data-label=\"%s\">%s</td><td class=\"utrecht-table__cell kring-break\" "
	     "data-label=\"%s\">%s</td></tr>",
	     T(PRIV_INZAGE_WHEN), at > 0 ? fmt_datetime(&c->r->arena, at) : "", T(PRIV_INZAGE_TEXT),
	     text);
	return 0;
}

/* Looks the person up; 1 found, 0 answered (404), -1 error. */
static int find_person(struct req *r, const char *kind, struct privacy_person *p)
{
	int found = privacy_person_get(r->db, &r->arena, r->org_id, kind, r->param_id, p);
	if (found == 0)
		resp_error(r, 404);
	return found;
}

static int inzage_page(struct req *r, const char *kind)
{
	struct privacy_person p;
	int found = find_person(r, kind, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	if (privacy_page_logged(r, kind, p.id, "inzage") != 0)
		return HANDLER_ERROR;
	struct html h;
	const char *title = T_printf(&r->arena, PRIV_INZAGE_TITLE, shown_name(&p));
	page_begin(r, &h, title);
	const char *base =
	    arena_printf(&r->arena, "/o/%s/privacy/%s/%lld", r->org_slug, kind_segment(kind), p.id);
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	    "href=\"/o/%s/privacy/people\">%s</a></p>"
	    "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph kring-lead\">%s"
	    "</p><p class=\"utrecht-paragraph\">%s</p>"
	    "<p class=\"kring-actions\"><a class=\"utrecht-button utrecht-button--primary-action\" "
	    "href=\"%s/json\" download>%s</a> <a class=\"utrecht-button "
	    "utrecht-button--secondary-action kring-danger\" href=\"%s/erase\">%s</a></p>"
	    "<p class=\"utrecht-paragraph kring-noprint\">%s</p>",
	    r->org_slug, T(PRIV_PEOPLE_BACK), title, person_what(r, &p),
	    strcmp(kind, "person") == 0 ? p.detail : "", base, T(PRIV_INZAGE_DOWNLOAD), base,
	    T(PRIV_INZAGE_ERASE), T(PRIV_INZAGE_PRINT));
	struct html_ctx c = {.r = r, .h = &h};
	if (privacy_each_record(r->db, r->org_id, kind, p.id, html_record, &c) != 0)
		return HANDLER_ERROR;
	if (c.table)
		html(&h, "</tbody></table></section>");
	html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
	     c.count ? TN_printf(&r->arena, PRIV_INZAGE_TOTAL, c.count, c.count)
	             : T(PRIV_INZAGE_NOTHING));
	if (c.count > INZAGE_PAGE_MAX) /* only part shown: say so, and where the rest is */
		html(&h,
		     "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
		     "role=\"status\" "
		     "id=\"inzage-partial\"><p class=\"utrecht-paragraph\">%s <a "
		     "class=\"utrecht-link\" href=\"%s/json\" download>%s</a></p></div>",
		     T_printf(&r->arena, PRIV_INZAGE_PARTIAL, (long long)INZAGE_PAGE_MAX, c.count),
		     base, T(PRIV_INZAGE_DOWNLOAD));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_privacy_person(struct req *r)
{
	return inzage_page(r, "person");
}

int page_privacy_partner(struct req *r)
{
	return inzage_page(r, "partner");
}

int page_privacy_community(struct req *r)
{
	return inzage_page(r, "community");
}

/* ---- the inzage as a file ---- */

/* Appends s as a JSON string (quotes, escapes; UTF-8 passes through). */
static void json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p < 0x20) {
			buf_printf(b, "\\u%04x", *p);
		} else {
			buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

struct json_ctx {
	struct spool *s;
	long long count;
};

static int json_record(void *vctx, const char *table, const char *column, long long id,
                       long long at, const char *text)
{
	struct json_ctx *c = vctx;
	struct buf *b = &c->s->b;
	buf_puts(b, c->count ? ",\n{\"table\":" : "\n{\"table\":");
	json_str(b, table);
	buf_puts(b, ",\"column\":");
	json_str(b, column);
	buf_printf(b, ",\"id\":%lld,\"at\":%lld,\"text\":", id, at);
	json_str(b, text);
	buf_putc(b, '}');
	c->count++;
	spool_flush(c->s);
	return c->s->failed ? -1 : 0;
}

/*
 * The download streams: every record is read in this request's read
 * transaction and written at once to an unlinked temporary file, which
 * libmicrohttpd sends after the handler returned; memory stays flat for
 * 10 000 records as for ten.
 */
static int inzage_json(struct req *r, const char *kind)
{
	struct privacy_person p;
	int found = find_person(r, kind, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	if (privacy_page_logged(r, kind, p.id, "download") != 0)
		return HANDLER_ERROR;
	struct spool s;
	if (spool_open(r, &s) != 0)
		return HANDLER_ERROR;
	struct buf *b = &s.b;
	buf_puts(b, "{\"kring\":\"inzage\",\"organisation\":");
	json_str(b, r->org_slug);
	buf_puts(b, ",\"subject\":{\"kind\":");
	json_str(b, kind);
	buf_printf(b, ",\"id\":%lld,\"name\":", p.id);
	json_str(b, p.name);
	buf_puts(b, ",\"detail\":");
	json_str(b, p.detail);
	buf_puts(b, ",\"role\":");
	json_str(b, p.role);
	buf_puts(b, "},\"records\":[");
	struct json_ctx c = {.s = &s};
	if (privacy_each_record(r->db, r->org_id, kind, p.id, json_record, &c) != 0) {
		spool_close(&s);
		return HANDLER_ERROR;
	}
	buf_printf(b, "\n],\"count\":%lld}\n", c.count);
	if (resp_spool(r, 200, "application/json; charset=utf-8", &s) != 0)
		return HANDLER_ERROR;
	/* the file name holds a number, never the name */
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"inzage-%s-%s-%lld.json\"",
	                         r->org_slug, kind, p.id));
	return HANDLER_OK;
}

int page_privacy_person_json(struct req *r)
{
	return inzage_json(r, "person");
}

int page_privacy_partner_json(struct req *r)
{
	return inzage_json(r, "partner");
}

int page_privacy_community_json(struct req *r)
{
	return inzage_json(r, "community");
}
