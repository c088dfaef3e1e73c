/*
 * workshop.h - team workshops (M11, issue 12): a session of the library's
 * team with an agenda as in seed 004. A workshop has a title, a date, a
 * start time and a place, and rows of minutes, onderwerp, leerdoel,
 * werkvorm, materiaal and facilitator; kring computes each row's clock time
 * and the end (workshop_schedule(), exact integer minutes). Afterwards the
 * staff who were there, a count of others and a short evaluation.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context; every query names it, so another organisation's id
 * is simply not found (SAVE_NOT_FOUND, 0). Changes write their audit entry
 * in the same transaction. Returned strings and arrays live in the given
 * arena. Times of day are minutes after midnight (0..1439), dates
 * "YYYY-MM-DD".
 */
#ifndef KRING_WORKSHOP_H
#define KRING_WORKSHOP_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

#define WS_DAY_MIN    1440        /* an agenda ends at midnight at the latest */
#define WS_ROW_MAX    720         /* the most minutes one row may take */
#define WS_MAX_ROWS   40          /* rows one agenda holds */
#define WS_MAX_OTHERS 10000       /* others present, at most */
#define WS_TEMPLATE   "netwerken" /* the pilot's agenda (seed 004), migration 013 */

/* The werkvormen, stored names (pages show their labels), NULL-terminated. */
extern const char *const workshop_work_forms[];

/* ---- clock arithmetic (workshop_clock.c; no database) ---- */

/*
 * A time of day typed as "H:MM", "HH:MM" or with a dot ("9.45"): minutes
 * after midnight 0..1439, or -1 when s is no time (empty, letters, 24:00,
 * 9:60, seconds, spaces inside).
 */
int workshop_parse_time(const char *s);

/* Why a typed number of minutes was refused. */
enum ws_minutes {
	WSM_OK = 0,
	WSM_EMPTY,    /* nothing typed */
	WSM_LETTERS,  /* not a whole number ("tien", "1.5", "10 min") */
	WSM_ZERO,     /* 0 */
	WSM_NEGATIVE, /* below 0 */
	WSM_TOO_LONG, /* more than WS_ROW_MAX */
};

/* Reads a row's minutes strictly (digits, an optional leading '-'); *out on WSM_OK. */
enum ws_minutes workshop_parse_minutes(const char *s, int *out);

/* Writes minutes after midnight as "HH:MM" (1440 as "24:00"); out holds 6 bytes. */
void workshop_format_time(int minutes, char out[8]);

/*
 * Computes the clock time of each of n rows from start: starts[i] (may be
 * NULL) gets the minute row i begins, *end (may be NULL) the minute the
 * last ends. Returns -1 when the agenda runs past midnight (the end is
 * after WS_DAY_MIN) or a duration is outside 1..WS_ROW_MAX or start
 * outside 0..1439, else 0. Exact: whole minutes in 64-bit integers.
 */
int workshop_schedule(int start, const int *minutes, size_t n, int *starts, int *end);

/* ---- records ---- */

struct workshop {
	long long id;
	long long version;
	const char *title;
	const char *held_on; /* "YYYY-MM-DD" */
	int start_min;       /* minutes after midnight */
	const char *place;
	/* afterwards */
	long long others;      /* people present besides the staff ticked */
	const char *went_well; /* what went well */
	const char *to_change; /* what to change next time */
	int score;             /* 1-5, 0 = not given */
	long long evaluated_at;
	/* read only, from the rows and attendance */
	long long n_rows;
	long long total_min;
	long long n_present; /* staff ticked as present */
};

struct workshop_row {
	long long id;
	long long version;
	int position;
	int minutes;
	const char *topic; /* onderwerp */
	const char *goal;  /* leerdoel */
	const char *work_form;
	const char *material;
	const char *facilitator;
};

/* Why a change was refused (SAVE_REFUSED), for the message beside the field. */
enum ws_problem {
	WSP_NONE = 0,
	WSP_PAST_MIDNIGHT, /* the agenda would end after midnight */
	WSP_TOO_MANY_ROWS, /* WS_MAX_ROWS reached */
	WSP_INVALID,       /* a value outside its range (the pages check these first) */
};

/*
 * The workshops of the org: held (before today, "YYYY-MM-DD") the latest
 * first, or planned (today and later) the nearest first; at most limit from
 * offset. 0 or -1.
 */
int workshop_list(struct db *db, struct arena *a, long long org_id, const char *today, bool held,
                  long long limit, long long offset, struct workshop **out, size_t *n_out);
/* How many workshops of the org are held (before today) or planned; -1 on error. */
long long workshop_count(struct db *db, long long org_id, const char *today, bool held);
/* One workshop (1, 0 when not of the org, -1 on error). */
int workshop_get(struct db *db, struct arena *a, long long org_id, long long id,
                 struct workshop *out);
/* The rows of a workshop of the org, in order. 0 or -1. */
int workshop_rows(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                  struct workshop_row **out, size_t *n_out);
/* One row of a workshop of the org (1, 0, -1). */
int workshop_row_get(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                     long long id, struct workshop_row *out);

/*
 * Creates a workshop without rows. SAVE_REFUSED for an empty title, a date
 * that is not one or a start outside 0..1439.
 */
enum save_result workshop_create(struct db *db, long long org_id, long long actor,
                                 const struct workshop *w, long long *id_out);
/*
 * Creates a workshop on held_on (or "" for today) with the rows and start
 * time of the ready-made agenda `template` (WS_TEMPLATE). SAVE_NOT_FOUND
 * when there is no such template.
 */
enum save_result workshop_create_from_template(struct db *db, long long org_id, long long actor,
                                               const char *template, const char *held_on,
                                               long long *id_out);
/*
 * Changes title, date, start and place when the version is still
 * w->version (SAVE_CONFLICT). SAVE_REFUSED with *why WSP_PAST_MIDNIGHT when
 * the rows would then end after midnight (nothing saved).
 */
enum save_result workshop_update(struct db *db, long long org_id, long long actor,
                                 const struct workshop *w, enum ws_problem *why);
/* Deletes a workshop with its rows and attendance, at the version seen. */
enum save_result workshop_delete(struct db *db, long long org_id, long long actor, long long id,
                                 long long version);

/*
 * Adds a row at the end. SAVE_REFUSED with *why WSP_PAST_MIDNIGHT when the
 * agenda would end after midnight, WSP_TOO_MANY_ROWS, or WSP_INVALID.
 */
enum save_result workshop_row_add(struct db *db, long long org_id, long long actor,
                                  long long workshop_id, const struct workshop_row *row,
                                  enum ws_problem *why, long long *id_out);
/* Changes a row at row->version (SAVE_CONFLICT); refusals as workshop_row_add(). */
enum save_result workshop_row_update(struct db *db, long long org_id, long long actor,
                                     long long workshop_id, const struct workshop_row *row,
                                     enum ws_problem *why);
/* Deletes a row at the version seen; the rows after it move up. */
enum save_result workshop_row_delete(struct db *db, long long org_id, long long actor,
                                     long long workshop_id, long long id, long long version);
/*
 * Moves a row one place up (up) or down, swapping with its neighbour, at
 * the version seen (SAVE_CONFLICT when it changed). Moving the first row up
 * or the last down changes nothing (SAVE_OK).
 */
enum save_result workshop_row_move(struct db *db, long long org_id, long long actor,
                                   long long workshop_id, long long id, long long version, bool up);

/* ---- afterwards (workshop_after.c) ---- */

/* A beheerder or medewerker of the org, and whether they were there. */
struct workshop_staff {
	long long person_id;
	const char *name;
	bool present;
};

/*
 * The org's staff (beheerders and medewerkers) by name, each marked
 * present or not, followed by people ticked earlier who have no staff role
 * any more. 0 or -1.
 */
int workshop_staff(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                   struct workshop_staff **out, size_t *n_out);

/*
 * Saves attendance and evaluation at the version seen (SAVE_CONFLICT):
 * present[0..n_present) are person ids that must be beheerder or medewerker
 * of the org (or already ticked) — any other id is SAVE_NOT_FOUND and
 * nothing is saved. others 0..WS_MAX_OTHERS, score 0..5 (SAVE_REFUSED).
 */
enum save_result workshop_evaluate(struct db *db, long long org_id, long long actor,
                                   const struct workshop *ev, const long long *present,
                                   size_t n_present);

#endif
