/*
 * timeline.h - a community's timeline (M5): status changes, conversations,
 * action points done and due, planned contacts and partners who joined, in
 * one list. Read only; the organisation id comes from the request context.
 * Returned strings and arrays live in the given arena.
 */
#ifndef KRING_TIMELINE_H
#define KRING_TIMELINE_H

#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"

enum timeline_kind {
	TL_STATUS,       /* the community's status changed */
	TL_CONVERSATION, /* a conversation was held */
	TL_ACTION_DONE,  /* an action point was ticked off */
	TL_ACTION_DUE,   /* an open action point is due */
	TL_NEXT_CONTACT, /* a contact is planned */
	TL_PARTNER,      /* a partner joined the community */
	TL_ACTIVITY,     /* an activity (held, planned or cancelled); detail: voor, met or door */
	TL_MEASUREMENT,  /* a measurement of a subgoal; text: the subgoal, detail: the value */
	TL_CYCLE, /* moved in Lankes's cycle (issue 11b); text: the stage, detail: the note */
};

struct timeline_entry {
	const char *date; /* "YYYY-MM-DD" */
	enum timeline_kind kind;
	const char *text;   /* status name, subject, action text or partner name */
	const char *detail; /* conversation kind, owner name, or "" */
	long long ref_id;   /* conversation or partner id, 0 for a status */
	long long at;       /* when it was recorded (epoch seconds), to order one day */
};

/*
 * Everything that happened to a community and what is planned, newest
 * (furthest in the future) first, and within one day the latest recorded
 * first: status changes, conversations, action points done and due,
 * planned contacts, partners who joined, activities and measurements of
 * its subgoals. 0 or -1 (never a partial list).
 */
int community_timeline(struct db *db, struct arena *a, long long org_id, long long community_id,
                       struct timeline_entry **out, size_t *n_out);

#endif
