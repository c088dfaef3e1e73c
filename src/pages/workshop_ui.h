/*
 * workshop_ui.h - what the workshop pages share (pages/workshop*.c): the
 * addresses, the forms of a workshop's head and of one agenda row, and the
 * agenda page with the problems of a form that was sent back.
 */
#ifndef KRING_WORKSHOP_UI_H
#define KRING_WORKSHOP_UI_H

#include "../core/workshop.h"
#include "../http/server.h"
#include "../web/form.h"

/* "/o/<slug>/workshops/<id><suffix>" (suffix may be ""). Arena-owned. */
const char *ui_workshop_url(struct req *r, long long id, const char *suffix);

/* "09:45" for minutes after midnight. Arena-owned. */
const char *ui_clock(struct arena *a, int minutes);

/* "2 uur en 20 minuten" for a number of minutes. Arena-owned. */
const char *ui_duration(struct arena *a, long long minutes);

/* The Dutch label of a stored werkvorm ("groepen" → "In groepen"). */
const char *ui_work_form_label(const char *name);

/* ---- the head of a workshop: title, date, start, place ---- */
#define WS_N_HEAD_FIELDS 5
void ws_head_specs(struct field_spec *s);
/*
 * Reads and checks a head form (also the start time, strictly); *w gets
 * the values. Returns true when there are no errors.
 */
bool ws_head_read(struct req *r, struct form *f, struct field_spec *s, struct workshop *w);
/* Fills a head form from a workshop. */
void ws_head_fill(struct req *r, struct form *f, const struct workshop *w);

/* ---- one row of the agenda ---- */
#define WS_N_ROW_FIELDS 7
void ws_row_specs(struct field_spec *s);
/* Reads and checks a row form (the minutes strictly); *row gets the values. */
bool ws_row_read(struct req *r, struct form *f, struct field_spec *s, struct workshop_row *row);
/* Fills a row form from a row. */
void ws_row_fill(struct req *r, struct form *f, const struct workshop_row *row);
/* Puts the message for a refusal of core beside the right field. */
void ws_problem_error(struct form *f, enum ws_problem why, const char *field);
/* The fields of a row form, in order (without the version). */
void ws_row_fields(struct html *h, const struct form *f);

/* A form sent back to the agenda page (NULL: the page as it is). */
struct ws_sent {
	struct form *add;         /* the new-row form with its errors */
	struct form *head;        /* the head form with its errors */
	struct form *after;       /* the afterwards form with its errors */
	const long long *present; /* with after: the ticked staff */
	size_t n_present;
	bool bad_present; /* after: a ticked id that is not of the org's staff */
	bool conflict;    /* head or after: someone saved first */
};

/* The agenda page of workshop r->param_id with status; 404 when not of the org. */
int ws_agenda_page(struct req *r, const struct ws_sent *sent, unsigned status);

/* The "Na afloop" section (pages/workshop_after.c). */
void ws_after_section(struct req *r, struct html *h, const struct workshop *w,
                      const struct ws_sent *sent);

#endif
