/*
 * conversation_ui.h - pieces shared by the conversation screens
 * (conversations.c, conversation_form.c, conversation_page.c, actions.c):
 * partners, communities and owners as select options, and the page of one
 * conversation, which the action point handlers show again with what went
 * wrong.
 */
#ifndef KRING_CONVERSATION_UI_H
#define KRING_CONVERSATION_UI_H

#include <stdbool.h>

#include "partner_ui.h"

/* Select options: "" first (none), then ids as text; labels beside them. Arena-owned. */
struct choices {
	const char **values; /* NULL-terminated */
	const char **labels;
	size_t n;
};

/* The org's partners, communities and staff (possible owners) as choices. 0 or -1. */
int ui_load_choices(struct req *r, struct choices *partners, struct choices *communities,
                    struct choices *owners);

/*
 * issue 9: who can own an action point of a conversation with community_id
 * (0: none): staff, the ambassadeurs of that community, and the org's
 * partners. Values: "" nobody, "<id>" a person, "p<id>" a partner. 0 or -1.
 */
int ui_owner_choices(struct req *r, long long community_id, struct choices *owners);
/* Reads an owner choice value (ui_owner_choices()) into ap's owner_id or owner_partner_id. */
void ui_owner_parse(const char *value, struct action_new *ap);
/* The owner choice value of an action point ("" when nobody). Arena-owned. */
const char *ui_owner_value(struct req *r, const struct action_point *ap);

/* What went wrong with an action point, to show where it happened. */
struct ap_problem {
	bool add;           /* the add form */
	long long id;       /* or the edit form of this action point */
	const char *text;   /* what was typed */
	const char *owner;  /* the chosen owner id ("" none) */
	const char *due;    /* the chosen date */
	const char *error;  /* what is wrong, or NULL */
	const char *theirs; /* what someone else saved meanwhile, or NULL */
	long long version;  /* the version the next save (or delete) starts from */
	bool deleting;      /* theirs came up when deleting: nothing was deleted */
};

/*
 * The page of conversation r->param_id with status; pb (may be NULL) puts
 * what went wrong with an action point beside its form. A 404 page when the
 * conversation is not the org's. Returns a handler result.
 */
int ui_talk_page(struct req *r, const struct ap_problem *pb, unsigned status);

#endif
