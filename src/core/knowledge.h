/*
 * knowledge.h - knowledge items (kennis, issue 11, M7): a community's
 * outcomes as a story, a note, a link, a document or a photo, with a body
 * in Markdown (rendered by web/markdown.h), tags, the activity or
 * conversation of the same community it came from, and who contributed
 * (everyone who wrote or changed it, staff and ambassadeurs). A document or
 * photo carries one file (core/files.h). A beheerder may mark an item as
 * shared: advisers of the organisation then see it on their page across
 * every library they coach.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context; every query names it. An ambassadeur passes their
 * person id as `attached` (0 for everyone else): they see and change only
 * items of communities they are attached to. Changes write their audit
 * entry and update the search index in the same transaction. Returned
 * strings and arrays live in the given arena.
 */
#ifndef KRING_KNOWLEDGE_H
#define KRING_KNOWLEDGE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* verhaal, notitie, link, document, foto (as stored, in display order) */
extern const char *const knowledge_kinds[];

#define KNOWLEDGE_TITLE_MAX 200    /* characters */
#define KNOWLEDGE_BODY_MAX  100000 /* characters of Markdown */
#define KNOWLEDGE_URL_MAX   2000   /* bytes */
#define KNOWLEDGE_TAG_MAX   40     /* characters of one tag */
#define KNOWLEDGE_MAX_TAGS  12

struct knowledge_person {
	long long id;
	const char *name;
};

struct knowledge {
	long long id;
	long long version;
	long long community_id;
	const char *community_name; /* read only */
	const char *kind;           /* one of knowledge_kinds */
	const char *title;
	const char *body;  /* Markdown */
	const char *url;   /* a link item's address, or "" */
	const char **tags; /* as typed, trimmed */
	size_t n_tags;
	long long activity_id;                 /* the activity it came from, or 0 */
	const char *activity_title;            /* read only */
	long long conversation_id;             /* the conversation it came from, or 0 */
	const char *conversation_subject;      /* read only */
	bool shared;                           /* advisers see it across libraries */
	struct knowledge_person *contributors; /* read only, by name */
	size_t n_contributors;
	long long file_id;     /* read only: its file, or 0 */
	const char *file_type; /* read only: the checked content type, or "" */
	const char *file_alt;  /* read only: a photo's description */
	const char *org_slug;  /* read only (knowledge_shared_list) */
	const char *org_name;  /* read only (knowledge_shared_list) */
	long long created_at;
	long long updated_at;
};

/* What is wrong with an item (SAVE_REFUSED / SAVE_NOT_FOUND), per field. */
enum knowledge_problem {
	KN_OK = 0,
	KN_BAD_TITLE,            /* empty or longer than KNOWLEDGE_TITLE_MAX */
	KN_BAD_KIND,             /* not one of knowledge_kinds */
	KN_BAD_BODY,             /* longer than KNOWLEDGE_BODY_MAX */
	KN_BAD_URL,              /* a link without an http(s) address, or a bad address */
	KN_BAD_TAGS,             /* too many or too long */
	KN_FOREIGN_COMMUNITY,    /* not of the org (or not the ambassadeur's) */
	KN_FOREIGN_ACTIVITY,     /* not an activity of that community */
	KN_FOREIGN_CONVERSATION, /* not a conversation of that community */
	KN_FOREIGN_PERSON,       /* a named contributor who is no staff or ambassadeur of it */
};

/*
 * Splits typed tags ("wijk, Taal ,koken") into at most KNOWLEDGE_MAX_TAGS+1
 * trimmed, distinct tags (case-insensitive for ASCII letters) in *out.
 */
void knowledge_tags_parse(struct arena *a, const char *typed, const char ***out, size_t *n);

/*
 * 1 and *out (with tags, contributors and its file's id) when item id is
 * the org's and, for an ambassadeur (attached), of one of their
 * communities; 0 when not; -1 on error.
 */
int knowledge_get(struct db *db, struct arena *a, long long org_id, long long attached,
                  long long id, struct knowledge *out);

/*
 * Records a new item k (id, version and read-only fields ignored), with the
 * people named in `named` (n_named) as contributors besides the actor.
 * SAVE_REFUSED / SAVE_NOT_FOUND with *why (nothing written); SAVE_OK and
 * *id_out. The file of a document or photo is added by files_put() in the
 * same transaction: pass `file` (may be NULL) and its problem comes back in
 * *file_why (see files.h).
 */
struct knowledge_file_in;
enum save_result knowledge_create(struct db *db, long long org_id, long long actor,
                                  long long attached, const struct knowledge *k,
                                  const long long *named, size_t n_named,
                                  const struct knowledge_file_in *file, long long *id_out,
                                  enum knowledge_problem *why, int *file_why);
/*
 * Saves k over item k->id when its version is still k->version
 * (SAVE_CONFLICT if not). A file given replaces the item's file. The
 * shared mark is kept unless set_shared (only a beheerder may change it).
 */
enum save_result knowledge_update(struct db *db, long long org_id, long long actor,
                                  long long attached, const struct knowledge *k,
                                  const long long *named, size_t n_named,
                                  const struct knowledge_file_in *file, bool set_shared,
                                  enum knowledge_problem *why, int *file_why);
/*
 * Marks item id as shared with the org's advisers (or not) when its
 * version is still `version` (SAVE_CONFLICT if not). Only a beheerder may:
 * the route decides that.
 */
enum save_result knowledge_set_shared(struct db *db, long long org_id, long long actor,
                                      long long id, long long version, bool shared);
/* Deletes item id (and its file) when its version is still `version`. */
enum save_result knowledge_delete(struct db *db, long long org_id, long long actor,
                                  long long attached, long long id, long long version);

struct knowledge_filter {
	long long community; /* 0 for all */
	const char *kind;    /* "" for all */
	const char *tag;     /* "" for all */
};

/*
 * One page of items matching f, newest first (limit 0: all), with their
 * tags and community name, and the total. Ambassadeurs (attached) see only
 * their communities' items. 0 or -1.
 */
int knowledge_list(struct db *db, struct arena *a, long long org_id, long long attached,
                   const struct knowledge_filter *f, long long limit, long long offset,
                   struct knowledge **out, size_t *n_out, long long *total);

/* The tags in use in org (for an ambassadeur: in their communities), by name. 0 or -1. */
int knowledge_tags_in_use(struct db *db, struct arena *a, long long org_id, long long attached,
                          const char ***out, size_t *n_out);

/*
 * The shared items of every organisation where person is adviseur, newest
 * first (with org_slug and org_name), one page, and the total. Unshared
 * items never. 0 or -1.
 */
int knowledge_shared_list(struct db *db, struct arena *a, long long person, long long limit,
                          long long offset, struct knowledge **out, size_t *n_out,
                          long long *total);

/* An activity or conversation a new item may come from. */
struct knowledge_source {
	long long id;
	const char *title;
	const char *date;
};

/* The latest activities and conversations of one community (at most max each). 0 or -1. */
int knowledge_sources(struct db *db, struct arena *a, long long org_id, long long community_id,
                      size_t max, struct knowledge_source **acts, size_t *n_acts,
                      struct knowledge_source **convs, size_t *n_convs);

/*
 * The people who may be named as contributors to items of a community:
 * the org's beheerders and medewerkers and the community's ambassadeurs. 0 or -1.
 */
int knowledge_people(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct knowledge_person **out, size_t *n_out);

/*
 * Puts item id of org in the search index again (title; kind, body, link,
 * tags and community name as body), or removes it when it is gone. Only
 * inside the caller's write transaction. 0 or -1.
 */
int search_sync_knowledge(struct db *db, long long org_id, long long id);

/*
 * The ids of the items of org an ambassadeur (person) may find, for the
 * search scope. 0 or -1.
 */
int knowledge_ids_attached(struct db *db, struct arena *a, long long org_id, long long person,
                           long long **out, size_t *n_out);

#endif
