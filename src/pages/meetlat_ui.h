/*
 * meetlat_ui.h - what the meetlat pages (meetlat.c: rounds, opening and
 * closing; meetlat_answer.c: answering, with an account or by link;
 * meetlat_results.c: the results of a closed round) share. Internal to
 * src/pages.
 */
#ifndef KRING_MEETLAT_UI_H
#define KRING_MEETLAT_UI_H

#include <stdbool.h>

#include "../core/meetlat.h"
#include "../http/server.h"
#include "../web/html.h"

/* What a respondent sent, and what is wrong with it. */
struct given {
	struct ml_submission s;
	bool group_missing;
	bool off_scale;
	bool comment_long;
	bool empty;
	bool present[ML_MAX_BOUWSTENEN][ML_MAX_STATEMENTS]; /* a choice was sent */
};

/* x with one decimal and a decimal comma ("3,4"), in the request's arena. */
const char *mlp_fmt1(struct arena *a, double x);

/*
 * Refuses a submission or change plainly with a page of its own (nothing
 * was stored); back, when not NULL, is the address the page links to.
 */
void mlp_refuse(struct req *r, const char *title, const char *message, const char *back,
                unsigned status);

/*
 * Loads the round of the URL (:id of :org): 1; 0 after answering 404; -1
 * on a database error (nothing answered: the caller returns HANDLER_ERROR,
 * which the server logs and answers with 500).
 */
int mlp_load_round(struct req *r, struct ml_round *round);

/*
 * The page of one round for a signed-in person: an open round with its
 * link and the answering form, or the results of a closed one. g holds
 * what was sent before (or NULL); org is unused (the URL's organisation).
 * HANDLER_OK, or HANDLER_ERROR on a database error (nothing answered).
 */
int mlp_round_page(struct req *r, const struct ml_round *round, const struct org *org,
                   const struct given *g, unsigned status);

/*
 * The answering form posting to action; g holds what was sent before
 * (or NULL).
 */
void mlp_answer_form(struct req *r, struct html *h, const struct meetlat_instrument *in,
                     const char *action, long long round_id, const struct given *g);

/*
 * Writes the results of a closed round scored as s against in. 0, or -1
 * on a database error (the caller answers 500).
 */
int mlp_results(struct req *r, struct html *h, const struct ml_round *round,
                const struct meetlat_instrument *in, const struct ml_scores *s);

#endif
