/*
 * partner.h - partners, partner power and conversations (M5, step 4 of the
 * route): the people and organisations a library works with and the
 * communities they belong to, what a partner finds important (werkblad 4,
 * dated), and the contact moments (gesprekken) with their action points
 * (actiepunten) and the next planned contact. Also a community's timeline.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it, so an
 * id of another organisation's record is simply not found (SAVE_NOT_FOUND,
 * 0). Changes write their audit entry and update the search index
 * (search.h) in the same transaction. Returned strings and arrays live in
 * the given arena. Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_PARTNER_H
#define KRING_PARTNER_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/buf.h"
#include "org.h"

/* ---- the fixed vocabularies, as stored (NULL-terminated, in display order) ---- */

/* vereniging, welzijn, school, gemeente, zorg, cultuur, bedrijf, inwoner, anders */
extern const char *const partner_kinds[];
/* kennismaking, partner-power, groepsgesprek, brainstorm */
extern const char *const conversation_kinds[];

#define PARTNER_N_KINDS      9
#define CONVERSATION_N_KINDS 4

/* ---- partners ---- */

struct partner {
	long long id;
	long long version;        /* for conflict detection */
	const char *name;         /* a person or an organisation */
	const char *kind;         /* one of partner_kinds */
	const char *part_of;      /* werkblad 4: "van (community, organisatie, enz.)" */
	const char *description;  /* what they do, who they work with */
	const char *contact_name; /* one person to talk to */
	const char *contact_how;  /* how to reach them */
	long long created_at;
	long long updated_at;
};

/* 1 and *out when partner id belongs to org; 0 when not; -1 on error. */
int partner_get(struct db *db, struct arena *a, long long org_id, long long id,
                struct partner *out);

/*
 * Creates a partner (id, version and times of p are ignored) and links it
 * to the communities in community_ids (may be NULL when n is 0).
 * SAVE_OK and *id_out; SAVE_REFUSED for an empty name or unknown kind;
 * SAVE_NOT_FOUND when a community is not the org's (nothing is written).
 */
enum save_result partner_create(struct db *db, long long org_id, long long actor,
                                const struct partner *p, const long long *community_ids, size_t n,
                                long long *id_out);

/*
 * Saves every field of p over partner p->id when the stored version is
 * still p->version. SAVE_CONFLICT when someone else saved first (nothing is
 * written), SAVE_NOT_FOUND, SAVE_REFUSED as for partner_create.
 */
enum save_result partner_update(struct db *db, long long org_id, long long actor,
                                const struct partner *p);

/*
 * Deletes a partner with its community links and partner power; the audit
 * log keeps its name. SAVE_REFUSED while conversations name the partner:
 * those are the memory of the cooperation and never vanish with it (the
 * page explains and lists them). SAVE_NOT_FOUND.
 */
enum save_result partner_delete(struct db *db, long long org_id, long long actor, long long id);

/* Number of conversations that name the partner (0 for another org's); -1 on error. */
long long partner_conversation_count(struct db *db, long long org_id, long long partner_id);

/* A community as a partner or conversation refers to it. */
struct community_ref {
	long long id;
	const char *name;
	const char *status;
};

/* The communities a partner works with, by name. 0 or -1. */
int partner_communities(struct db *db, struct arena *a, long long org_id, long long partner_id,
                        struct community_ref **out, size_t *n_out);
/* Every community of the org, by name (for choosing). 0 or -1. */
int partner_community_choices(struct db *db, struct arena *a, long long org_id,
                              struct community_ref **out, size_t *n_out);
/*
 * Links partner and community (SAVE_OK also when they were linked).
 * SAVE_NOT_FOUND when either is not the org's.
 */
enum save_result partner_link(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long community_id);
enum save_result partner_unlink(struct db *db, long long org_id, long long actor,
                                long long partner_id, long long community_id);

/* A partner in a short list (a community's partners, choices in a form). */
struct partner_ref {
	long long id;
	const char *name;
	const char *kind;
};

/* The partners of a community, by name. 0 or -1. */
int community_partner_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                           struct partner_ref **out, size_t *n_out);
/* Every partner of the org, by name (for choosing). 0 or -1. */
int partner_choices(struct db *db, struct arena *a, long long org_id, struct partner_ref **out,
                    size_t *n_out);

/* ---- the list ---- */

enum partner_sort {
	PSORT_NAME = 0,    /* A to Z */
	PSORT_KIND = 1,    /* by kind, then name */
	PSORT_CONTACT = 2, /* most recent conversation first; never-met last */
	PSORT_UPDATED = 3, /* most recently changed first */
};

struct partner_filter {
	const char *kind;    /* "" for all */
	long long community; /* 0 for all, or only partners of this community */
	enum partner_sort sort;
};

struct partner_row {
	long long id;
	const char *name;
	const char *kind;
	const char *part_of;
	long long updated_at;
	const char *last_contact; /* date of the latest conversation, or "" */
	const char *next_contact; /* the earliest planned contact from today, or "" */
	int n_conversations;
	int n_open_actions;
	int n_overdue; /* open action points past their due date */
};

/*
 * One page of partners matching f (limit rows from offset; 0 means all)
 * and the number matching in total. today is "YYYY-MM-DD". 0 or -1.
 */
int partner_list(struct db *db, struct arena *a, long long org_id, const struct partner_filter *f,
                 const char *today, long long limit, long long offset, struct partner_row **out,
                 size_t *n_out, long long *total);

/*
 * Writes every partner matching f as CSV for Dutch Excel (csv.h): a header
 * row, then one row per partner with its details, communities, latest
 * partner power and contact moments. 0 or -1.
 */
int partner_export_csv(struct db *db, struct arena *a, long long org_id,
                       const struct partner_filter *f, const char *today, struct buf *out);

/* ---- partner power (werkblad 4) ---- */

struct partner_power {
	long long id;
	long long version;
	long long partner_id;
	const char *met_on;      /* when it was talked about */
	const char *challenges;  /* uitdagingen */
	const char *core_values; /* waarden */
	const char *goals;       /* doelen */
	const char *commitments; /* afspraken: uren, activiteiten */
	const char *success;     /* hoe succes er voor hen uitziet */
	const char *who;         /* who wrote it down, or "" */
	long long updated_at;
};

/* A partner's records, newest first. 0 or -1. */
int power_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
               struct partner_power **out, size_t *n_out);
/* One record of the partner (1, 0 or -1). */
int power_get(struct db *db, struct arena *a, long long org_id, long long partner_id, long long id,
              struct partner_power *out);
/*
 * Adds a record for p->partner_id. SAVE_REFUSED for a missing or impossible
 * date or when all five fields are empty; SAVE_NOT_FOUND for a partner of
 * another org.
 */
enum save_result power_create(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p, long long *id_out);
/* Saves record p->id when its version is still p->version (SAVE_CONFLICT if not). */
enum save_result power_update(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p);
enum save_result power_delete(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long id);

/* ---- conversations and action points ---- */

struct conversation {
	long long id;
	long long version;
	const char *held_on;        /* date of the talk */
	const char *kind;           /* one of conversation_kinds */
	long long partner_id;       /* 0 when none */
	const char *partner_name;   /* "" when none (read only) */
	long long community_id;     /* 0 when none */
	const char *community_name; /* "" when none (read only) */
	const char *subject;        /* a short title */
	const char *participants;   /* who were there */
	const char *report;         /* the short report */
	bool report_sent;           /* the report went back to the partner */
	const char *next_on;        /* the next planned contact, or "" */
	const char *next_note;      /* what that contact is for */
	const char *who;            /* who wrote it down (read only) */
	long long created_at;
	long long updated_at;
};

/* 1 and *out when conversation id belongs to org; 0 when not; -1 on error. */
int conversation_get(struct db *db, struct arena *a, long long org_id, long long id,
                     struct conversation *out);

/* A new action point, as typed with a new conversation. */
struct action_new {
	const char *text;
	long long owner_id; /* 0: nobody yet */
	const char *due_on; /* "" or a date */
};

/*
 * Records a conversation with its first action points (entries with an
 * empty text are skipped). SAVE_REFUSED when neither partner nor community
 * is given, for an empty subject, an unknown kind or an impossible date;
 * SAVE_NOT_FOUND when the partner, the community or an owner is not of the
 * org (nothing is written). SAVE_OK and *id_out.
 */
enum save_result conversation_create(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c, const struct action_new *actions,
                                     size_t n_actions, long long *id_out);
/* Saves c over conversation c->id when its version is still c->version. */
enum save_result conversation_update(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c);
/* Deletes a conversation and its action points; the audit log keeps its subject. */
enum save_result conversation_delete(struct db *db, long long org_id, long long actor,
                                     long long id);

struct conversation_filter {
	const char *kind;    /* "" for all */
	long long partner;   /* 0 for all */
	long long community; /* 0 for all */
};

/* One page of conversations matching f, newest first, and the total. 0 or -1. */
int conversation_list(struct db *db, struct arena *a, long long org_id,
                      const struct conversation_filter *f, long long limit, long long offset,
                      struct conversation **out, size_t *n_out, long long *total);

/* Conversations whose next planned contact is today or later, soonest first. 0 or -1. */
int conversation_upcoming(struct db *db, struct arena *a, long long org_id, const char *today,
                          struct conversation **out, size_t *n_out);

struct action_point {
	long long id;
	long long version;
	long long conversation_id;
	const char *text;
	long long owner_id;     /* 0 when nobody */
	const char *owner_name; /* "" when nobody */
	const char *due_on;     /* "" when no date */
	bool done;
	long long done_at; /* when ticked off, or 0 */
	/* the conversation it came from (read only) */
	const char *held_on;
	const char *subject;
	const char *partner_name;
};

/* The action points of a conversation, in the order they were added. 0 or -1. */
int action_list(struct db *db, struct arena *a, long long org_id, long long conversation_id,
                struct action_point **out, size_t *n_out);
/*
 * Open action points of the org, those with the earliest due date first and
 * those without a date last; only of one partner or one community when
 * partner_id or community_id is not 0. 0 or -1.
 */
int action_open_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
                     long long community_id, struct action_point **out, size_t *n_out);
/* One action point of a conversation (1, 0 or -1). */
int action_get(struct db *db, struct arena *a, long long org_id, long long conversation_id,
               long long id, struct action_point *out);
/*
 * Adds an action point. SAVE_REFUSED for an empty text or impossible date;
 * SAVE_NOT_FOUND when the conversation or the owner (a beheerder or
 * medewerker) is not of the org.
 */
enum save_result action_add(struct db *db, long long org_id, long long actor,
                            long long conversation_id, const struct action_new *ap,
                            long long *id_out);
/* Changes text, owner and date when the version is still `version` (SAVE_CONFLICT if not). */
enum save_result action_update(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, const struct action_new *ap,
                               long long version);
/* Ticks an action point off (done) or opens it again; saying it twice changes nothing. */
enum save_result action_set_done(struct db *db, long long org_id, long long actor,
                                 long long conversation_id, long long id, bool done);
enum save_result action_delete(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id);

/* 1 when person is beheerder or medewerker of the org (an owner of action points), 0, -1. */
int partner_owner_valid(struct db *db, long long org_id, long long person_id);

/* ---- a community's timeline ---- */

enum timeline_kind {
	TL_STATUS,       /* the community's status changed */
	TL_CONVERSATION, /* a conversation was held */
	TL_ACTION_DONE,  /* an action point was ticked off */
	TL_ACTION_DUE,   /* an open action point is due */
	TL_NEXT_CONTACT, /* a contact is planned */
	TL_PARTNER,      /* a partner joined the community */
};

struct timeline_entry {
	const char *date; /* "YYYY-MM-DD" */
	enum timeline_kind kind;
	const char *text;   /* status name, subject, action text or partner name */
	const char *detail; /* conversation kind, owner name, or "" */
	long long ref_id;   /* conversation or partner id, 0 for a status */
};

/*
 * Everything that happened to a community and what is planned, newest
 * (furthest in the future) first: status changes, conversations, action
 * points done and due, planned contacts, partners who joined. 0 or -1.
 */
int community_timeline(struct db *db, struct arena *a, long long org_id, long long community_id,
                       struct timeline_entry **out, size_t *n_out);

/* Today in Europe/Amsterdam (local time) as "YYYY-MM-DD", in a. */
const char *partner_today(struct arena *a);

#endif
