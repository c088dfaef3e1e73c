/*
 * vision.c - step 2: the frame (kapstok) and werkblad 1, the vision
 * exercise: sessions, individual visions side by side, the shared vision.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/vision.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"
#include "respond.h"

static const struct field_spec frame_fields[] = {
    {.name = "strategy",
     .label_text = FIELD_TEXTS(F_VISION_STRATEGY_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_STRATEGY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 4000},
    {.name = "policy_goals",
     .label_text = FIELD_TEXTS(F_VISION_POLICY_GOALS_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_POLICY_GOALS_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 4000},
    {.name = "stands_for",
     .label_text = FIELD_TEXTS(F_VISION_STANDS_FOR_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_STANDS_FOR_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 4000},
    {.name = "version", .label_text = FIELD_TEXTS(F_VISION_VERSION_LABEL), .kind = FIELD_ID},
};
#define N_FRAME_FIELDS (sizeof(frame_fields) / sizeof(frame_fields[0]))
#define N_FRAME_TEXTS  3 /* the first three fields: the texts of the frame */

/*
 * The frame form as it goes back to the page after a refused save. base
 * holds, per text, a fingerprint of the text the person started from (sent
 * along as "base_<field>"), so a later conflict can tell which texts they
 * changed; theirs is the stored frame after a conflict (else NULL).
 */
struct frame_state {
	struct form *form;
	long long version;
	const char *base[N_FRAME_TEXTS];
	const struct frame *theirs;
};

/* The stored text of frame field i (0 strategy, 1 policy goals, 2 stands for). */
static const char *frame_text(const struct frame *fr, size_t i)
{
	return i == 0 ? fr->strategy : i == 1 ? fr->policy_goals : fr->stands_for;
}

/* A fingerprint of a text (64-bit FNV-1a in hex): tells "unchanged" from "changed". */
static const char *fingerprint(struct arena *a, const char *s)
{
	unsigned long long x = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		x ^= *p;
		x *= 1099511628211ULL;
	}
	return arena_printf(a, "%016llx", x);
}

static const struct field_spec session_fields[] = {
    {.name = "title",
     .label_text = FIELD_TEXTS(F_VISION_TITLE_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_TITLE_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200},
};

static const struct field_spec vision_fields[] = {
    {.name = "author",
     .label_text = FIELD_TEXTS(F_VISION_AUTHOR_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_AUTHOR_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200},
    {.name = "body",
     .label_text = FIELD_TEXTS(F_VISION_BODY_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_BODY_HINT),
     .kind = FIELD_TEXTAREA,
     .required = true,
     .max_len = 8000},
};
#define N_VISION_FIELDS (sizeof(vision_fields) / sizeof(vision_fields[0]))

static const struct field_spec shared_fields[] = {
    {.name = "body",
     .label_text = FIELD_TEXTS(F_VISION_BODY_LABEL2),
     .kind = FIELD_TEXTAREA,
     .required = true,
     .max_len = 8000},
    {.name = "authors",
     .label_text = FIELD_TEXTS(F_VISION_AUTHORS_LABEL),
     .hint_text = FIELD_TEXTS(F_VISION_AUTHORS_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 1000},
};
#define N_SHARED_FIELDS (sizeof(shared_fields) / sizeof(shared_fields[0]))

/* The current shared vision and its earlier versions. */
static int shared_block(struct req *r, struct html *h)
{
	struct shared_vision *sv;
	size_t n;
	if (shared_vision_list(r->db, &r->arena, r->org_id, &sv, &n) != 0)
		return -1;
	html(h,
	     "<section class=\"kring-card kring-shared\" id=\"gedeeld\" "
	     "aria-labelledby=\"h-gedeeld\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-gedeeld\">%s</h2>",
	     T(VS_SHARED_TITLE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(VS_SHARED_NONE));
		return 0;
	}
	html(h,
	     "<blockquote class=\"kring-vision-text kring-pre\">%s</blockquote>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
	     sv[0].body,
	     T_printf(&r->arena, VS_SHARED_META, fmt_date(&r->arena, sv[0].created_at),
	              sv[0].authors));
	if (n > 1) {
		html(h, "<details class=\"kring-details kring-history\"><summary>%s</summary>",
		     T_printf(&r->arena, VS_SHARED_EARLIER, n - 1));
		for (size_t i = 1; i < n; i++)
			html(h,
			     "<div class=\"kring-history__item\"><p class=\"utrecht-paragraph "
			     "kring-muted\">%s</p><p class=\"utrecht-paragraph "
			     "kring-pre\">%s</p></div>",
			     T_printf(&r->arena, VS_SHARED_META,
			              fmt_date(&r->arena, sv[i].created_at), sv[i].authors),
			     sv[i].body);
		html(h, "</details>");
	}
	html(h, "</section>");
	return 0;
}

/*
 * After a conflict: per text where the form (mine) and the stored frame
 * (theirs) differ, both side by side.
 */
static void frame_differences(struct html *h, const struct form *mine, const struct frame *theirs)
{
	html(h,
	     "<section class=\"kring-conflict\" aria-labelledby=\"h-conflict\">"
	     "<h3 class=\"utrecht-heading-3\" id=\"h-conflict\">%s</h3>"
	     "<table class=\"utrecht-table kring-table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(CONFLICT_FIELDS_TITLE), T(CONFLICT_FIELDS_TITLE), T(CONFLICT_FIELD),
	     T(CONFLICT_YOURS), T(CONFLICT_SAVED));
	for (size_t i = 0; i < N_FRAME_TEXTS; i++) {
		const char *m = form_value(mine, frame_fields[i].name);
		const char *s = frame_text(theirs, i);
		if (strcmp(m, s) == 0)
			continue;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell kring-pre\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-pre\">%s</td></tr>",
		     field_label(&frame_fields[i]), m, s);
	}
	html(h, "</tbody></table></section>");
}

static int vision_page(struct req *r, const struct frame_state *fs, struct form *session_form,
                       const char *notice, const char *notice_kind, unsigned status)
{
	struct frame fr;
	struct vision_session *sessions;
	size_t n_sessions;
	if (frame_get(r->db, &r->arena, r->org_id, &fr) != 0 ||
	    vision_session_list(r->db, &r->arena, r->org_id, &sessions, &n_sessions) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, T(VS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(VS_TITLE), T(VS_INTRO));
	const char *done = req_query(r, "klaar");
	if (notice)
		page_notice(&h, notice_kind, notice);
	else if (done && strcmp(done, "kader") == 0)
		page_notice(&h, "ok", T(VS_FRAME_SAVED));
	else if (done && strcmp(done, "gedeeld") == 0)
		page_notice(&h, "ok", T(VS_MERGE_SAVED));

	if (shared_block(r, &h) != 0)
		return HANDLER_ERROR;

	/* the frame */
	html(&h,
	     "<section class=\"kring-card\" id=\"kader\" aria-labelledby=\"h-kader\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-kader\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(VS_FRAME_TITLE), T(VS_FRAME_INTRO));
	if (fr.version > 0)
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T_printf(&r->arena, VS_FRAME_SAVED_BY, fmt_datetime(&r->arena, fr.updated_at),
		              fr.updated_by[0] ? fr.updated_by : T(AUDIT_SYSTEM)));
	if (fs && fs->theirs)
		frame_differences(&h, fs->form, fs->theirs);
	if (staff) {
		struct form f;
		long long version;
		const char *base[N_FRAME_TEXTS];
		if (fs) {
			f = *fs->form;
			version = fs->version;
			for (size_t i = 0; i < N_FRAME_TEXTS; i++)
				base[i] = fs->base[i];
		} else {
			form_init(&f, frame_fields, N_FRAME_FIELDS);
			for (size_t i = 0; i < N_FRAME_TEXTS; i++) {
				form_set(&f, frame_fields[i].name, frame_text(&fr, i));
				base[i] = fingerprint(&r->arena, frame_text(&fr, i));
			}
			version = fr.version;
		}
		f.id_prefix = "kader-";
		form_error_summary(&h, &f);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/vision/frame", r->org_slug));
		form_version_field(&h, version);
		for (size_t i = 0; i < N_FRAME_TEXTS; i++)
			if (base[i])
				html(&h, "<input type=\"hidden\" name=\"base_%s\" value=\"%s\">",
				     frame_fields[i].name, base[i]);
		for (size_t i = 0; i < N_FRAME_TEXTS; i++)
			form_field(&h, &f, frame_fields[i].name);
		form_end(&h, T(VS_FRAME_SAVE));
	} else if (fr.version == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(VS_FRAME_EMPTY));
	} else {
		html(&h,
		     "<dl class=\"kring-frame\"><dt>%s</dt><dd "
		     "class=\"kring-pre\">%s</dd><dt>%s</dt>"
		     "<dd class=\"kring-pre\">%s</dd><dt>%s</dt><dd "
		     "class=\"kring-pre\">%s</dd></dl>",
		     field_label(&frame_fields[0]), fr.strategy, field_label(&frame_fields[1]),
		     fr.policy_goals, field_label(&frame_fields[2]), fr.stands_for);
	}
	html(&h, "</section>");

	/* vision sessions */
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-sessies\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-sessies\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(VS_SESSIONS_TITLE), T(VS_SESSIONS_INTRO));
	if (n_sessions == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(VS_SESSIONS_NONE));
	} else {
		html(&h, "<ul class=\"utrecht-unordered-list kring-sessions\">");
		for (size_t i = 0; i < n_sessions; i++)
			html(&h,
			     "<li><a class=\"utrecht-link\" href=\"/o/%s/vision/%lld\">%s</a> "
			     "<span class=\"kring-muted\">(%s, %s)</span></li>",
			     r->org_slug, sessions[i].id, sessions[i].title,
			     fmt_date(&r->arena, sessions[i].created_at),
			     TN_printf(&r->arena, VS_SESSION_VISIONS, sessions[i].n_visions,
			               sessions[i].n_visions));
		html(&h, "</ul>");
	}
	if (staff) {
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(VS_SESSION_NEW));
		struct form f;
		if (session_form)
			f = *session_form;
		else
			form_init(&f, session_fields, 1);
		f.id_prefix = "sessie-";
		form_error_summary(&h, &f);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/vision/sessions", r->org_slug));
		form_field(&h, &f, "title");
		form_end(&h, T(VS_SESSION_START));
	}
	html(&h, "</section>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_vision(struct req *r)
{
	return vision_page(r, NULL, NULL, NULL, NULL, 200);
}

int page_frame_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, frame_fields, N_FRAME_FIELDS);
	struct frame_state fs = {.form = &f, .version = form_value_id(&f, "version")};
	for (size_t i = 0; i < N_FRAME_TEXTS; i++) {
		const char *b =
		    req_form(r, arena_printf(&r->arena, "base_%s", frame_fields[i].name));
		fs.base[i] = b && strlen(b) == 16 && strspn(b, "0123456789abcdef") == 16 ? b : NULL;
	}
	if (!ok)
		return vision_page(r, &fs, NULL, NULL, NULL, 422);
	enum save_result rc =
	    frame_save(r->db, r->org_id, r->person_id, form_value(&f, "strategy"),
	               form_value(&f, "policy_goals"), form_value(&f, "stands_for"), fs.version);
	if (rc == SAVE_CONFLICT) {
		/*
		 * Someone saved in between. The form starts again from the stored
		 * text, with this person's own changes on top: a text they changed
		 * (its fingerprint differs from the one they started from, or
		 * none came) keeps what they wrote; a text they left alone takes
		 * the stored one, so saving again loses nobody's work.
		 */
		struct frame stored;
		if (frame_get(r->db, &r->arena, r->org_id, &stored) != 0)
			return HANDLER_ERROR;
		for (size_t i = 0; i < N_FRAME_TEXTS; i++) {
			const char *mine = form_value(&f, frame_fields[i].name);
			bool changed = fs.base[i] == NULL ||
			               strcmp(fs.base[i], fingerprint(&r->arena, mine)) != 0;
			if (!changed)
				form_set(&f, frame_fields[i].name, frame_text(&stored, i));
			fs.base[i] = fingerprint(&r->arena, frame_text(&stored, i));
		}
		fs.version = stored.version;
		fs.theirs = &stored;
		return vision_page(r, &fs, NULL, T(CONFLICT_FRAME), "warning", 409);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/vision?klaar=kader#kader", r->org_slug));
	return HANDLER_OK;
}

int page_vision_session_add(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, session_fields, 1))
		return vision_page(r, NULL, &f, NULL, NULL, 422);
	long long id = 0;
	if (vision_session_add(r->db, r->org_id, r->person_id, form_value(&f, "title"), 0, &id) !=
	    SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/vision/%lld", r->org_slug, id));
	return HANDLER_OK;
}

/* ---- one session: rules, timer, visions side by side, merge ---- */

static int session_page(struct req *r, const struct vision_session *s, struct form *add,
                        struct form *merge, unsigned status)
{
	struct vision *v;
	size_t n;
	if (vision_list(r->db, &r->arena, r->org_id, s->id, &v, &n) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, s->title);
	html(&h,
	     "<p class=\"utrecht-paragraph kring-crumb\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/vision\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-muted\">%s</p>",
	     r->org_slug, T(VS_BACK), s->title,
	     T_printf(&r->arena, VS_SESSION_DATE, fmt_date(&r->arena, s->created_at)));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "visie") == 0)
		page_notice(&h, "ok", T(VS_ADDED));

	/* the assignment and its rules (werkblad 1) */
	html(&h,
	     "<div class=\"kring-grid\"><section class=\"kring-card\" "
	     "aria-labelledby=\"h-opdracht\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-opdracht\">%s</h2>"
	     "<p class=\"utrecht-paragraph\"><strong>%s</strong></p><p "
	     "class=\"utrecht-paragraph\">%s</p>"
	     "<h3 class=\"utrecht-heading-3\">%s</h3><ul class=\"utrecht-unordered-list "
	     "kring-rules\">",
	     T(VS_ASSIGNMENT_TITLE), T(VS_QUESTION), T(VS_ASSIGNMENT), T(VS_RULES_TITLE));
	static const int rules[] = {TXT_VS_RULE1, TXT_VS_RULE2, TXT_VS_RULE3, TXT_VS_RULE4,
	                            TXT_VS_RULE5, TXT_VS_RULE6, TXT_VS_RULE7};
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		html(&h, "<li>%s</li>", TX(rules[i]));
	html(&h, "</ul></section>");

	/* timer: the script shows it; without JavaScript the advice below stays */
	html(&h,
	     "<section class=\"kring-card kring-timer-card\" aria-labelledby=\"h-timer\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-timer\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-timer__nojs\">%s</p>"
	     "<div class=\"kring-timer\" id=\"kring-timer\" data-seconds=\"600\" "
	     "data-label-start=\"%s\" data-label-pause=\"%s\" data-msg-running=\"%s\" "
	     "data-msg-five=\"%s\" data-msg-one=\"%s\" data-msg-done=\"%s\" hidden>"
	     "<p class=\"kring-timer__time\" role=\"timer\" aria-live=\"off\">10:00</p>"
	     "<p class=\"kring-actions\">"
	     "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"button\" "
	     "data-timer=\"start\">%s</button>"
	     "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"button\" "
	     "data-timer=\"reset\">%s</button></p>"
	     "<p class=\"kring-sr\" aria-live=\"polite\" data-timer=\"status\"></p></div>",
	     T(VS_TIMER_TITLE), T(VS_TIMER_NOJS), T(VS_TIMER_START), T(VS_TIMER_PAUSE),
	     T(VS_TIMER_RUNNING), T(VS_TIMER_FIVE), T(VS_TIMER_ONE), T(VS_TIMER_DONE),
	     T(VS_TIMER_START), T(VS_TIMER_RESET));
	if (staff) {
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(VS_WRITE_TITLE));
		struct form f;
		if (add) {
			f = *add;
		} else {
			form_init(&f, vision_fields, N_VISION_FIELDS);
			form_set(&f, "author", r->person_name);
		}
		f.id_prefix = "visie-";
		form_error_summary(&h, &f);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/vision/%lld", r->org_slug, s->id));
		form_field(&h, &f, "author");
		form_field(&h, &f, "body");
		form_end(&h, T(VS_ADD));
	}
	html(&h, "</section></div>");

	/* the visions side by side */
	html(&h,
	     "<section aria-labelledby=\"h-visies\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-visies\">%s</h2>",
	     T(VS_VISIONS_TITLE));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(VS_VISIONS_NONE));
	} else {
		html(&h, "<ul class=\"kring-visions\">");
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<li class=\"kring-card kring-vision\"><p "
			     "class=\"kring-vision__author\">%s</p>"
			     "<p class=\"utrecht-paragraph kring-pre\">%s</p>"
			     "<p class=\"utrecht-paragraph kring-muted\">%s</p></li>",
			     v[i].author, v[i].body, fmt_datetime(&r->arena, v[i].created_at));
		html(&h, "</ul>");
	}
	html(&h, "</section>");

	/* merge into one shared vision */
	if (staff) {
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-samen\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-samen\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(VS_MERGE_TITLE), T(VS_MERGE_INTRO));
		struct form f;
		if (merge) {
			f = *merge;
		} else {
			form_init(&f, shared_fields, N_SHARED_FIELDS);
			struct buf names;
			buf_init(&names, &r->arena);
			for (size_t i = 0; i < n; i++) {
				bool seen = false;
				for (size_t k = 0; k < i; k++)
					seen |= strcmp(v[k].author, v[i].author) == 0;
				if (seen)
					continue;
				if (names.len)
					buf_puts(&names, ", ");
				buf_puts(&names, v[i].author);
			}
			form_set(&f, "authors", buf_str(&names));
			struct shared_vision *sv;
			size_t n_sv;
			if (shared_vision_list(r->db, &r->arena, r->org_id, &sv, &n_sv) == 0 &&
			    n_sv)
				form_set(&f, "body", sv[0].body);
		}
		f.id_prefix = "samen-";
		form_error_summary(&h, &f);
		form_begin(&h, r,
		           arena_printf(&r->arena, "/o/%s/vision/%lld/shared", r->org_slug, s->id));
		form_field(&h, &f, "body");
		form_field(&h, &f, "authors");
		form_end(&h, T(VS_MERGE_SAVE));
		html(&h, "</section>");
	}
	page_script(&h, "timer.js");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/*
 * Loads the session of the URL: 1; 0 after answering 404; -1 on a database
 * error (nothing answered: the caller returns HANDLER_ERROR, a logged 500).
 */
static int load_session(struct req *r, struct vision_session *s)
{
	int found = vision_session_get(r->db, &r->arena, r->org_id, r->param_id, s);
	if (found == 0)
		resp_error(r, 404);
	return found < 0 ? -1 : found;
}

int page_vision_session(struct req *r)
{
	struct vision_session s;
	int found = load_session(r, &s);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return session_page(r, &s, NULL, NULL, 200);
}

int page_vision_add(struct req *r)
{
	struct vision_session s;
	int found = load_session(r, &s);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct form f;
	if (!form_read(r, &f, vision_fields, N_VISION_FIELDS))
		return session_page(r, &s, &f, NULL, 422);
	enum save_result rc = vision_add(r->db, r->org_id, r->person_id, s.id,
	                                 form_value(&f, "author"), form_value(&f, "body"), 0);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/vision/%lld?klaar=visie", r->org_slug, s.id));
	return HANDLER_OK;
}

int page_shared_vision_save(struct req *r)
{
	struct vision_session s;
	int found = load_session(r, &s);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct form f;
	if (!form_read(r, &f, shared_fields, N_SHARED_FIELDS))
		return session_page(r, &s, NULL, &f, 422);
	enum save_result rc =
	    shared_vision_save(r->db, r->org_id, r->person_id, s.id, form_value(&f, "body"),
	                       form_value(&f, "authors"), 0);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/vision?klaar=gedeeld#gedeeld", r->org_slug));
	return HANDLER_OK;
}
