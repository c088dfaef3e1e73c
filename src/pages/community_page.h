/*
 * community_page.h - what the handler files of one community's page share
 * (community.c: the page and its people; community_items.c: its lists).
 * Internal to src/pages.
 */
#ifndef KRING_COMMUNITY_PAGE_H
#define KRING_COMMUNITY_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/community.h"
#include "../http/server.h"
#include "../web/html.h"

/* What went wrong with a change, to show beside the list it concerns. */
struct problem {
	const char *kind;       /* the list whose add form has an error, or NULL */
	const char *add_text;   /* what was typed there */
	const char *add_status; /* and the chosen status */
	const char *add_error;
	long long item_id; /* an item whose edit form has a conflict, or 0 */
	const char *mine;  /* the text this person saved */
	const char *mine_status;
	const char *theirs;     /* what the other saved (a conflict), or NULL */
	const char *edit_error; /* or what is wrong with the text, or NULL */
	long long version;      /* the version the next save starts from */
	const char *gone;       /* text of an item that no longer exists, with its kind in kind */
	const char *section;    /* "medewerkers" or "ambassadeurs": notice there */
	const char *message;    /* that notice */
};

/* The notice of a redirect (?klaar=...&bij=where), when it concerns where. */
void community_done_notice(struct req *r, struct html *h, const char *where);

/*
 * One list (sterktes, behoeften, or a column of werkblad 3): a heading, the
 * items of kind in order and, for editors, a one-line form to add one.
 */
void community_item_list(struct req *r, struct html *h, const struct community *c,
                         const struct community_item *items, size_t n, const char *kind,
                         const char *title, const char *hint, const char *example, const char *none,
                         const char *new_label, bool can_edit, const struct problem *pb);

/*
 * Answers with the whole page of community r->param_id and status; pb (may
 * be NULL) says what to show about a failed change. A failed read answers a
 * logged 500 (HANDLER_ERROR), never a page with an empty section.
 */
int community_profile_page(struct req *r, const struct problem *pb, unsigned status);

/* Redirects back to the profile at anchor, with the notice done shown at where. */
int community_back_to(struct req *r, const char *done, const char *where, const char *anchor);

#endif
