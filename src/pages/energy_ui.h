/*
 * energy_ui.h - the energy mark on the conversation and activity forms
 * (an optional radio group 1-5, "waar zit de energie?") and the trend on a
 * community's page (a small line with a table as its text alternative).
 */
#ifndef KRING_ENERGY_UI_H
#define KRING_ENERGY_UI_H

#include "../core/energy.h"
#include "../http/server.h"
#include "../web/form.h"
#include "../web/html.h"

/* The field spec of the radio group "energy" (optional; bad values refused by form_read). */
struct field_spec energy_field_spec(void);

/* The mark a read form holds: 1-5, or 0 for none. */
int energy_from_form(const struct form *f);

/* Puts a stored mark (0 = none) into the form's "energy" field. */
void energy_to_form(struct req *r, struct form *f, int value);

/*
 * Stores the mark of a record that was just saved (SAVE_OK): after the
 * record's own transaction. Returns the result to hand to respond_save().
 */
enum save_result energy_after_save(struct req *r, enum save_result rc, enum energy_of kind,
                                   long long id, const struct form *f);

/*
 * The section "Waar de energie zit" of a community's page: the marks of
 * the last twelve months per month, as a small chart and a table. A failed
 * query is said in the section (respond_section_failed).
 */
void energy_trend_section(struct req *r, struct html *h, long long community_id);

/*
 * The instruments' part of a community's page: the energy trend, and for
 * staff and the community's ambassadeurs a link to its pulse page.
 */
void instruments_community_sections(struct req *r, struct html *h, long long community_id);

/* A calendar date "YYYY-MM-DD" as Dutch text ("3 juni 2026"); other text as it is. */
const char *instr_day(struct arena *a, const char *iso);

#endif
