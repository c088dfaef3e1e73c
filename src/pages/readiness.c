/*
 * readiness.c - step 1, "ben je er klaar voor?": the questions, the advice
 * that follows from the latest answers, and earlier answers.
 */
#include <stdbool.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/readiness.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"

static const struct field_spec note_fields[] = {
    {.name = "note",
     .label_text = FIELD_TEXTS(F_READINESS_NOTE_LABEL),
     .hint_text = FIELD_TEXTS(F_READINESS_NOTE_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 2000},
};

#define HISTORY_MAX 20

/* The advice that follows from one set of answers. */
static void advice(struct req *r, struct html *h, const struct readiness_instrument *in,
                   const struct rd_check *c)
{
	(void)r;
	bool ready = readiness_ready(in, c->n_yes);
	html(h,
	     "<div class=\"kring-verdict kring-verdict--%s\"><p class=\"utrecht-paragraph\">%s</p>",
	     ready ? "ok" : "todo", ready ? in->advice_ready : in->advice_not_ready);
	bool any_no = false;
	for (size_t i = 0; i < c->n_answers; i++)
		any_no |= !c->yes[i];
	if (any_no) {
		html(h,
		     "<h3 class=\"utrecht-heading-3\">%s</h3><ul class=\"utrecht-unordered-list\">",
		     ready ? T(RD_ATTENTION) : T(RD_ARRANGE_FIRST));
		for (size_t i = 0; i < c->n_answers; i++) {
			if (c->yes[i])
				continue;
			/* the advice of the current instrument, by question id */
			const char *todo = NULL;
			for (size_t k = 0; k < in->n_questions; k++)
				if (strcmp(in->questions[k].id, c->questions[i]) == 0)
					todo = in->questions[k].if_no;
			html(h, "<li><strong>%s</strong> %s</li>", c->texts[i], todo ? todo : "");
		}
		html(h, "</ul>");
	}
	html(h, "</div>");
}

/* The questions as a form; given (or last, or nothing) fills them in. */
static void questions(struct req *r, struct html *h, const struct readiness_instrument *in,
                      const bool *given, const struct form *note, const struct rd_check *last)
{
	html(h,
	     "<section class=\"kring-card kring-narrow-card\" aria-labelledby=\"h-vragen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-vragen\">%s</h2>",
	     last ? T(RD_FORM_TITLE_AGAIN) : T(RD_FORM_TITLE));
	form_begin(h, r, arena_printf(&r->arena, "/o/%s/readiness", r->org_slug));
	for (size_t i = 0; i < in->n_questions; i++) {
		const struct rd_question *q = &in->questions[i];
		int val = -1; /* -1 none, 0 no, 1 yes */
		if (given) {
			val = given[2 * i] ? 1 : given[2 * i + 1] ? 0 : -1;
		} else if (last) {
			for (size_t k = 0; k < last->n_answers; k++)
				if (strcmp(last->questions[k], q->id) == 0)
					val = last->yes[k];
		}
		bool missing = given && val < 0;
		html(h,
		     "<fieldset class=\"utrecht-form-fieldset kring-choice%s\">"
		     "<legend class=\"utrecht-form-fieldset__legend\">%zu. %s</legend>",
		     missing ? " kring-choice--invalid" : "", i + 1, q->text);
		if (missing)
			html(h, "<p class=\"utrecht-form-field-error-message\">%s</p>",
			     T(RD_MISSING));
		html(h,
		     "<div class=\"kring-choice__options\">"
		     "<label class=\"kring-radio\"><input type=\"radio\" name=\"q_%s\" "
		     "value=\"ja\"%s> %s</label>"
		     "<label class=\"kring-radio\"><input type=\"radio\" name=\"q_%s\" "
		     "value=\"nee\"%s> %s</label>"
		     "</div></fieldset>",
		     q->id, val == 1 ? " checked" : "", T(RD_YES), q->id,
		     val == 0 ? " checked" : "", T(RD_NO));
	}
	struct form f;
	if (note)
		f = *note;
	else
		form_init(&f, note_fields, 1);
	form_field(h, &f, "note");
	form_end(h, T(RD_SAVE));
	html(h, "</section>");
}

/*
 * Says whose answers "waar jullie staan" rests on: the latest set, by one
 * person on one date, not a combination. When the newest answers of
 * someone else differ from it, says who, when and on how many questions,
 * so nobody's answers are replaced without a word.
 */
static void basis(struct req *r, struct html *h, const struct rd_check *checks, size_t n)
{
	html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(RD_BASIS));
	for (size_t i = 1; i < n; i++) {
		const struct rd_check *c = &checks[i];
		if (c->person_id == 0 || c->person_id == checks[0].person_id)
			continue;
		bool newer_of_same = false; /* only each person's newest answers count */
		for (size_t k = 1; k < i; k++)
			newer_of_same |= checks[k].person_id == c->person_id;
		if (newer_of_same)
			continue;
		int differ = 0;
		for (size_t q = 0; q < c->n_answers; q++)
			for (size_t k = 0; k < checks[0].n_answers; k++)
				if (strcmp(c->questions[q], checks[0].questions[k]) == 0)
					differ += c->yes[q] != checks[0].yes[k];
		if (differ > 0)
			page_notice(h, "warning",
			            TN_printf(&r->arena, RD_DIFFERS, differ, c->who,
			                      fmt_date(&r->arena, c->at), differ));
	}
}

static int readiness_page(struct req *r, const bool *given, const struct form *note,
                          const char *error, unsigned status)
{
	const struct readiness_instrument *in = instrument_readiness();
	struct rd_check *checks;
	size_t n;
	if (readiness_list(r->db, &r->arena, r->org_id, HISTORY_MAX, &checks, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, in->title);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     in->title, T(RD_INTRO));
	if (req_query(r, "opgeslagen") && !error)
		page_notice(&h, "ok", T(RD_SAVED));
	if (error)
		page_notice(&h, "error", error);

	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-stand\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-stand\">%s</h2>",
	     T(RD_RESULT_TITLE));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(RD_NONE));
	} else {
		const char *when = fmt_date(&r->arena, checks[0].at);
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     checks[0].who[0] ? T_printf(&r->arena, RD_LAST, when, checks[0].who,
		                                 checks[0].n_yes, checks[0].n_answers)
		                      : T_printf(&r->arena, RD_LAST_NOBODY, when, checks[0].n_yes,
		                                 checks[0].n_answers));
		basis(r, &h, checks, n);
		advice(r, &h, in, &checks[0]);
		html(&h,
		     "<p class=\"utrecht-paragraph\"><strong>%s:</strong> %s</p>"
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/vision\">%s</a></p>",
		     T(RD_TIP_TITLE), in->tip, r->org_slug, T(RD_NEXT));
	}
	html(&h, "</section>");

	/*
	 * The form, filled in with what was given or the latest answers. Only
	 * the library's team answers (routes.def: ROLES_TEAM); an adviseur
	 * reads along and is told why there is no form.
	 */
	if (r->role & ROLES_TEAM)
		questions(r, &h, in, given, note, n ? &checks[0] : NULL);
	else
		html(&h,
		     "<section class=\"kring-card kring-narrow-card\" aria-labelledby=\"h-vragen\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-vragen\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p></section>",
		     T(RD_FORM_TITLE), T(RD_ADVISER_NO_FORM));

	if (n > 0) {
		html(&h,
		     "<section aria-labelledby=\"h-eerder\"><h2 class=\"utrecht-heading-2\" "
		     "id=\"h-eerder\">%s</h2>"
		     "<table class=\"utrecht-table kring-table\"><caption "
		     "class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T(RD_HISTORY_TITLE), T(RD_HISTORY_CAPTION), T(RD_WHEN), T(RD_WHO), T(RD_COUNT),
		     T(RD_NOTE));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td "
			     "class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell kring-pre\">%s</td></tr>",
			     fmt_datetime(&r->arena, checks[i].at), checks[i].who,
			     T_printf(&r->arena, RD_OF, checks[i].n_yes, checks[i].n_answers),
			     checks[i].note);
		html(&h, "</tbody></table></section>");
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_readiness(struct req *r)
{
	return readiness_page(r, NULL, NULL, NULL, 200);
}

int page_readiness_save(struct req *r)
{
	const struct readiness_instrument *in = instrument_readiness();
	bool given[2 * RD_MAX_QUESTIONS] = {0}; /* [2i] yes, [2i+1] no */
	bool yes[RD_MAX_QUESTIONS] = {0};
	bool complete = true;
	for (size_t i = 0; i < in->n_questions; i++) {
		const char *v = req_form(r, arena_printf(&r->arena, "q_%s", in->questions[i].id));
		given[2 * i] = v && strcmp(v, "ja") == 0;
		given[2 * i + 1] = v && strcmp(v, "nee") == 0;
		yes[i] = given[2 * i];
		complete &= given[2 * i] || given[2 * i + 1];
	}
	struct form f;
	bool ok = form_read(r, &f, note_fields, 1);
	if (!complete || !ok)
		return readiness_page(r, given, &f, complete ? NULL : T(RD_MISSING), 422);
	if (readiness_save(r->db, r->org_id, r->person_id, in, yes, form_value(&f, "note"), 0) !=
	    SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/readiness?opgeslagen=1", r->org_slug));
	return HANDLER_OK;
}
