/*
 * plan_ui.h - the pieces the pages of issue 11b share (pages/cycle.c,
 * pages/posto.c, pages/plan*.c, and the community page, the timeline and
 * the signals that show them): Dutch labels of stages, conditions, ratings
 * and statuses, hours and money as people read them, reading hours and
 * money from a form with a Dutch message beside the field, and the block
 * on a community's page.
 */
#ifndef KRING_PLAN_UI_H
#define KRING_PLAN_UI_H

#include <stdbool.h>

#include "../http/server.h"
#include "../util/arena.h"
#include "../web/form.h"
#include "../web/html.h"

/* Dutch label of a stored cycle stage ("Kenniscreatie"); "" when unknown. */
const char *cycle_stage_label(const char *stage);
/* Dutch label of a stored condition ("Toegang"); "" when unknown. */
const char *cycle_condition_label(const char *kind);
/* Dutch label of a stored rating ("Redelijk"); "" when unknown. */
const char *cycle_rating_label(const char *rating);
/* Dutch label of a stored task status ("Bezig"); "" when unknown. */
const char *plan_status_label(const char *status);

/* Cents as "€ 1.234,56" (exact, in a). */
const char *plan_money(struct arena *a, long long cents);
/* Minutes as hours: "12" or "1,5" when that is exact, else "1:20" (in a). */
const char *plan_hours(struct arena *a, long long minutes);
/* Cents as typed in a form ("1234,56"; "" for 0). */
const char *plan_money_input(struct arena *a, long long cents);
/* Minutes as typed in a form ("1,5" or "1:20"; "" for 0). */
const char *plan_hours_input(struct arena *a, long long minutes);

/*
 * Reads a money field of f into *cents (0 when empty): true, or false with
 * a Dutch message beside the field (not a number, negative, too large).
 */
bool plan_read_money(struct form *f, const char *name, long long *cents);
/* Reads an hours field of f into *minutes (0 when empty), as plan_read_money. */
bool plan_read_hours(struct form *f, const char *name, long long *minutes);

/* "/o/<slug>/communities/<id><suffix>" in the request's arena. */
const char *plan_community_url(struct req *r, long long community_id, const char *suffix);

/*
 * The block on a community's page: its stage in the cycle, the plan's
 * tasks in numbers, and links to the cycle, the POST-O and the plan. A
 * failed read shows a notice in its place.
 */
void plan_profile_section(struct req *r, struct html *h, long long community_id);

#endif
