/*
 * vision.h - step 2 (M2): the organisation's frame (strategy, policy goals,
 * what it stands for), and werkblad 1: vision sessions with individual
 * visions and the shared vision, whose every version is kept with its date
 * and authors. Returned memory lives in the arena.
 */
#ifndef KRING_VISION_H
#define KRING_VISION_H

#include <stddef.h>

#include "../db/db.h"
#include "org.h"

struct frame {
	const char *strategy;
	const char *policy_goals;
	const char *stands_for;
	long long version; /* 0 when nothing was saved yet */
	long long updated_at;
	const char *updated_by; /* name or "" */
};

/* Always fills out (empty texts and version 0 when none). 0 or -1. */
int frame_get(struct db *db, struct arena *a, long long org_id, struct frame *out);
/*
 * Saves the frame if the stored version is still version (0: none saved
 * yet). SAVE_CONFLICT when someone saved in between.
 */
enum save_result frame_save(struct db *db, long long org_id, long long actor, const char *strategy,
                            const char *policy_goals, const char *stands_for, long long version);

struct vision_session {
	long long id;
	const char *title;
	long long created_at;
	long long n_visions;
};

struct vision {
	long long id;
	const char *author;
	const char *body;
	long long created_at;
};

struct shared_vision {
	long long id;
	long long session_id; /* 0 when not tied to a session */
	const char *body;
	const char *authors;
	long long created_at;
	const char *saved_by; /* name or "" */
};

/* Sessions, newest first. 0 or -1. */
int vision_session_list(struct db *db, struct arena *a, long long org_id,
                        struct vision_session **out, size_t *n_out);
/* 1 found, 0 not in this organisation, -1 error. */
int vision_session_get(struct db *db, struct arena *a, long long org_id, long long id,
                       struct vision_session *out);
/* Starts a session. SAVE_OK with *id_out, or SAVE_ERROR. at 0: now. */
enum save_result vision_session_add(struct db *db, long long org_id, long long actor,
                                    const char *title, long long at, long long *id_out);
/* The visions written in a session, in the order written. 0 or -1. */
int vision_list(struct db *db, struct arena *a, long long org_id, long long session_id,
                struct vision **out, size_t *n_out);
/* Adds one participant's vision. SAVE_NOT_FOUND when the session is not this org's. */
enum save_result vision_add(struct db *db, long long org_id, long long actor, long long session_id,
                            const char *author, const char *body, long long at);
/*
 * Saves a new version of the shared vision (earlier versions stay).
 * session_id 0 for none; SAVE_NOT_FOUND when it is not this org's.
 */
enum save_result shared_vision_save(struct db *db, long long org_id, long long actor,
                                    long long session_id, const char *body, const char *authors,
                                    long long at);
/* Every version of the shared vision, newest first. 0 or -1. */
int shared_vision_list(struct db *db, struct arena *a, long long org_id, struct shared_vision **out,
                       size_t *n_out);

#endif
