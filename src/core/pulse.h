/*
 * pulse.h - the sense-of-community pulse (M9, issue 13): a short anonymous
 * questionnaire per community over the four ingredients of McMillan
 * (bezieling, vertrouwen, handel, kunst) and one open question, defined in
 * instruments/pulse.json. Staff open a round; anyone with its link
 * (/s/<token>) answers without an account; rounds close.
 *
 * Small groups identify people: pulse_result() fills the figures per
 * ingredient and the open answers ONLY when at least min_answers people
 * answered; below that it gives the count alone, so no page, export or
 * search can show more. An answer stores no person, time or address.
 * Every query names the organisation and the community. Returned strings
 * and arrays live in the given arena.
 */
#ifndef KRING_PULSE_H
#define KRING_PULSE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

#define PU_MAX_INGREDIENTS       6
#define PU_MAX_STATEMENTS        4 /* per ingredient */
#define PU_MIN_TOTAL             6 /* statements in all */
#define PU_MAX_TOTAL             10
#define PU_MAX_SCALE             10
#define PULSE_MIN_ANSWERS_LOWEST 5    /* a file may not show results for fewer */
#define PULSE_OPEN_MAX           2000 /* characters of the open answer */

struct pu_statement {
	const char *id; /* stable, stored with every answer ("be1") */
	const char *text;
};

struct pu_ingredient {
	const char *id;   /* "bezieling" */
	const char *name; /* "Bezieling" */
	const char *description;
	struct pu_statement statements[PU_MAX_STATEMENTS];
	size_t n_statements;
};

struct pulse_instrument {
	const char *version;
	const char *title;
	const char *source;
	const char *intro;
	int min_answers; /* results only from this many answers (>= 5) */
	int scale_min, scale_max;
	const char *scale_labels[PU_MAX_SCALE];
	struct pu_ingredient ingredients[PU_MAX_INGREDIENTS];
	size_t n_ingredients;
	const char *open_question;
};

/* Parses and validates a pulse instrument, as instrument_parse_zelftest(). */
int instrument_parse_pulse(struct arena *a, const char *json, size_t len, const char *name,
                           struct pulse_instrument *out, char *err, size_t errlen);

/* The current pulse instrument (instruments_load() reads it), or NULL. */
const struct pulse_instrument *instrument_pulse(void);

struct pulse_round {
	long long id;
	long long community_id;
	const char *community_name;
	const char *token;     /* the answering link */
	const char *opened_on; /* YYYY-MM-DD */
	const char *closed_on; /* "" while open */
	const char *version;   /* instrument version */
	bool open;
	long long n_answers;
};

/* The rounds of a community, newest first. 0 or -1. */
int pulse_round_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct pulse_round **out, size_t *n_out);
/* One round of the community: 1, 0 not found there, -1 error. */
int pulse_round_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                    long long round_id, struct pulse_round *out);
/*
 * The round behind a link and its organisation (org may be NULL): 1, 0 no
 * such link (or not shaped like one), -1 error.
 */
int pulse_round_by_token(struct db *db, struct arena *a, const char *token, struct pulse_round *out,
                         struct org *org);

/*
 * Opens a round for a community of the organisation with the current
 * instrument (opened_on NULL: today). SAVE_NOT_FOUND for another
 * organisation's community; SAVE_OK and *id_out.
 */
enum save_result pulse_round_open(struct db *db, long long org_id, long long community_id,
                                  long long actor, const char *opened_on, long long *id_out);
/* Closes an open round (closed_on NULL: today). SAVE_NOT_FOUND; SAVE_OK. */
enum save_result pulse_round_close(struct db *db, long long org_id, long long community_id,
                                   long long round_id, long long actor, const char *closed_on);

enum pulse_submit {
	PULSE_OK = 0,
	PULSE_CLOSED,  /* the round is closed */
	PULSE_TWICE,   /* this form (its nonce) was sent before */
	PULSE_INVALID, /* a value off the scale, or no answer at all */
	PULSE_ERROR = -1,
};

/*
 * Stores one anonymous answer: values[] per statement in the instrument's
 * order (0 = not answered), the open answer (may be "" or NULL), the
 * form's nonce. At least one statement must be answered.
 */
enum pulse_submit pulse_submit(struct db *db, long long round_id, const struct pulse_instrument *in,
                               const int *values, const char *open_answer, const char *nonce);

struct pulse_result {
	long long n_answers;             /* always filled */
	bool shown;                      /* n_answers >= in->min_answers: the rest is filled */
	double mean[PU_MAX_INGREDIENTS]; /* per ingredient; NAN when nobody answered it */
	const char **open_answers;       /* the non-empty open answers, sorted */
	size_t n_open;
};

/*
 * The result of a round of the organisation. Figures and open answers only
 * when shown (see above). 0 or -1.
 */
int pulse_result(struct db *db, struct arena *a, long long org_id, long long round_id,
                 const struct pulse_instrument *in, struct pulse_result *out);

#endif
