/*
 * goal_ui.h - the pieces the goal pages share (pages/goals.c,
 * pages/goal_forms.c, pages/goal_section.c): the progress of a subgoal as a
 * small accessible bar with its numbers, its SMART notes, who wrote what,
 * and the problem a failed change leaves on the goals page.
 */
#ifndef KRING_GOAL_UI_H
#define KRING_GOAL_UI_H

#include <stdbool.h>

#include "../core/goal.h"
#include "../http/server.h"
#include "../web/form.h"
#include "../web/html.h"

/* What went wrong with one form of the goals page, to show beside it. */
struct goal_problem {
	const char *where;   /* "doel-<id>", "nieuw-<kind>", "meting-<subgoal id>", "afspraken" */
	struct form *form;   /* the form as typed, with its errors */
	const char *message; /* a notice above it, or NULL */
	const char *theirs;  /* a conflict: the text saved meanwhile, or NULL */
	long long version;   /* a conflict: the version to save over next */
};

/* "/o/<slug>/communities/<id>/goals<suffix>" in the request's arena. */
const char *goal_url(struct req *r, long long community_id, const char *suffix);

/* "door Sascha" or "door Fatima, ambassadeur"; "" when nobody is known. */
const char *goal_who(struct req *r, const char *who, bool is_amb);

/* Dutch label of a subgoal's measure (its custom name for "custom"). */
const char *goal_measure_label(const struct subgoal *s);

/* Dutch label of a progress state ("Op schema", ...). */
const char *goal_state_label(enum goal_state st);

/*
 * The progress of s on today: a state badge, a bar (role="img" with the
 * numbers in words) and the numbers beside it, where the value comes from,
 * and lesson 9 beside a disappointing number of a community younger than a
 * year. compact leaves out the SMART notes.
 */
void goal_progress_view(struct req *r, struct html *h, const struct subgoal *s, const char *today,
                        bool compact);

/* The SMART notes of s in plain Dutch (nothing when it is SMART). */
void goal_smart_notes(struct req *r, struct html *h, const struct subgoal *s, const char *today);

/*
 * The "Doelen" section of a community's profile: its goals with the
 * progress of their subgoals and a link to the goals page. A failed read
 * shows a notice in its place (never "no goals").
 */
void goal_profile_section(struct req *r, struct html *h, long long community_id);

/* The goals page of the community in the URL; pb (may be NULL) shows a failed change. */
int goals_page(struct req *r, const struct goal_problem *pb, unsigned status);

/*
 * Reads a whole number field of f: true with *has false when empty, true
 * and *v when it is 0..max, else false with a Dutch error beside the field
 * (no number, negative, too large).
 */
bool goal_read_number(struct form *f, const char *name, long long max, bool *has, long long *v);

#endif
