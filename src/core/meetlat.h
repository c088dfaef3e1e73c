/*
 * meetlat.h - meetlat rounds in the database (M3): opening and closing a
 * round, answers with and without an account, and loading a round's
 * answers for scoring (meetlat_score.h). Every function takes the
 * organisation id from the request context as its first argument after
 * the connection; changes write the audit entry in the same transaction.
 * Returned strings and arrays live in the given arena.
 */
#ifndef KRING_MEETLAT_H
#define KRING_MEETLAT_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "instrument.h"
#include "meetlat_score.h"
#include "org.h"

struct ml_round {
	long long id;
	const char *title;
	bool open;
	const char *instrument;         /* hash of the stored instrument text */
	const char *instrument_version; /* as written in that text */
	const char *token;              /* the anonymous answering link */
	long long opened_at;
	long long closed_at; /* 0 while open */
	long long n_responses;
};

/* The rounds of an organisation, newest first. 0 or -1. */
int meetlat_round_list(struct db *db, struct arena *a, long long org_id, struct ml_round **out,
                       size_t *n_out);
/* 1 found, 0 not in this organisation, -1 error. */
int meetlat_round_get(struct db *db, struct arena *a, long long org_id, long long round_id,
                      struct ml_round *out);
/*
 * The round behind an anonymous link, and its organisation. 1 found, 0 no
 * such link, -1 error. The token is checked for its shape first.
 */
int meetlat_round_by_token(struct db *db, struct arena *a, const char *token, struct ml_round *out,
                           struct org *org);
/* The closed round opened before this one, for comparison. 1, 0 none, -1. */
int meetlat_round_previous(struct db *db, struct arena *a, long long org_id, long long round_id,
                           struct ml_round *out);
/* The newest closed round. 1, 0 none, -1. */
int meetlat_round_last_closed(struct db *db, struct arena *a, long long org_id,
                              struct ml_round *out);

/* The newest open round. 1, 0 none, -1. */
int meetlat_round_current_open(struct db *db, struct arena *a, long long org_id,
                               struct ml_round *out);

/*
 * Opens a round with the current instrument (its text is stored once, by
 * hash, so the round keeps it). SAVE_OK and *id_out, or SAVE_ERROR.
 * opened_at 0 means now (the demo passes dates in the past).
 */
enum save_result meetlat_round_open(struct db *db, long long org_id, long long actor,
                                    const char *title, long long opened_at, long long *id_out);
/* Closes an open round: SAVE_NOT_FOUND, SAVE_REFUSED when closed already. */
enum save_result meetlat_round_close(struct db *db, long long org_id, long long actor,
                                     long long round_id, long long closed_at);

/* Parses the instrument a round was answered with. 0 or -1. */
int meetlat_instrument_of(struct db *db, struct arena *a, const struct ml_round *round,
                          struct meetlat_instrument *out);

/* One filled-in form. */
struct ml_submission {
	long long person_id; /* 0: anonymous, by link */
	const char *group;   /* role group id */
	const char *nonce;   /* the form's one-time number */
	/* value per statement, 0 for "weet ik niet" */
	int values[ML_MAX_BOUWSTENEN][ML_MAX_STATEMENTS];
	const char *comments[ML_MAX_BOUWSTENEN]; /* NULL or "" for none */
	long long at;                            /* 0: now */
};

enum ml_submit {
	ML_SUBMIT_OK = 0,
	ML_SUBMIT_CLOSED = 1,    /* the round is closed */
	ML_SUBMIT_TWICE = 2,     /* this person or this form answered already */
	ML_SUBMIT_NOT_FOUND = 3, /* no such round in this organisation */
	ML_SUBMIT_INVALID = 4,   /* a value off the scale or an unknown role group */
	ML_SUBMIT_EMPTY = 5,     /* not one statement answered */
	ML_SUBMIT_ERROR = -1,
};

/*
 * Stores one response to an open round, checked against the round's own
 * instrument in: all or nothing, in one transaction.
 */
enum ml_submit meetlat_submit(struct db *db, long long org_id, long long round_id,
                              const struct meetlat_instrument *in, const struct ml_submission *s);

/* 1 when person answered this round already, 0 when not, -1 on error. */
int meetlat_has_answered(struct db *db, long long org_id, long long round_id, long long person_id);

/*
 * The answers of a round as scoring input, mapped onto instrument in
 * ("weet ik niet" and statements unknown to in are left out). 0 or -1.
 */
int meetlat_answers(struct db *db, struct arena *a, long long org_id, long long round_id,
                    const struct meetlat_instrument *in, struct ml_answer **out, size_t *n_out);

/*
 * Scores a round from its raw answers with instrument in, small groups
 * hidden (what a closed round stores in its summary). 0 or -1.
 */
int meetlat_round_compute(struct db *db, struct arena *a, long long org_id,
                          const struct ml_round *round, const struct meetlat_instrument *in,
                          struct ml_scores *out);

/*
 * Loads a round's instrument (parsed once per process) and its scores: an
 * open round is scored from its answers, a closed one read from the
 * summary stored when it was closed (meetlat_summary.h; a round closed
 * before summaries existed gets one on its first view). 0 or -1.
 */
int meetlat_round_scores(struct db *db, struct arena *a, long long org_id,
                         const struct ml_round *round, struct meetlat_instrument *in,
                         struct ml_scores *out);

struct ml_comment {
	const char *bouwsteen; /* id */
	const char *group;     /* role group id */
	const char *body;
};

/* The comments of a round, by bouwsteen, without names. 0 or -1. */
int meetlat_comments(struct db *db, struct arena *a, long long org_id, long long round_id,
                     struct ml_comment **out, size_t *n_out);

/* True when s looks like a token kring issued (43 base64url characters). */
bool meetlat_token_plausible(const char *s);
/* A new random token (43 base64url characters) in a. */
char *meetlat_new_token(struct arena *a);

#endif
