/*
 * instrument_json.h - the checks shared by every instrument file reader
 * (meetlat, readiness, zelftest, pulse): typed members with exact messages
 * "NAME: PATH: problem" in the caller's error buffer, strings copied into
 * the caller's arena. Each function returns 0, or -1 with the message
 * written (ij_load returns NULL instead).
 */
#ifndef KRING_INSTRUMENT_JSON_H
#define KRING_INSTRUMENT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "../util/arena.h"

struct ij_ctx {
	struct arena *a;  /* strings are copied here */
	const char *name; /* file name for messages */
	char *err;        /* the message of the first failure */
	size_t errlen;
};

/* Writes "name: path: message" to c->err and returns -1. */
int ij_fail(struct ij_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A non-empty string member (no NUL), copied into the arena. */
int ij_get_str(struct ij_ctx *c, json_t *obj, const char *path, const char *key, const char **out);
/* A number member. */
int ij_get_num(struct ij_ctx *c, json_t *obj, const char *path, const char *key, double *out);
/* A whole number member within lo..hi. */
int ij_get_int(struct ij_ctx *c, json_t *obj, const char *path, const char *key, int lo, int hi,
               int *out);
/* An array member with lo..hi elements. */
int ij_get_array(struct ij_ctx *c, json_t *obj, const char *path, const char *key, size_t lo,
                 size_t hi, json_t **out);
/* An object member. */
int ij_get_object(struct ij_ctx *c, json_t *obj, const char *path, const char *key, json_t **out);
/* The failure "PATH.id: id "X" is used twice". */
int ij_dup_id(struct ij_ctx *c, const char *path, const char *id);
/* An id at PATH.id: 1-40 of [a-z0-9_-]. */
int ij_check_id(struct ij_ctx *c, const char *path, const char *id);
/*
 * Parses the text (duplicate keys refused) into a JSON object the caller
 * releases with json_decref, or NULL with "NAME: line L, column C: ..." or
 * "NAME: (top): must be an object".
 */
json_t *ij_load(struct ij_ctx *c, const char *json, size_t len);
/* The member "instrument" must be the text want. */
int ij_check_kind(struct ij_ctx *c, json_t *root, const char *want);

#endif
