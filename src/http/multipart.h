/*
 * multipart.h - multipart/form-data bodies (RFC 7578): the text fields of a
 * form that carries a file, and its files. Written by hand (libmicrohttpd's
 * post processor streams, and kring keeps the whole body anyway, see
 * server.c); fuzzed by tests/fuzz/fuzz_multipart.c.
 */
#ifndef KRING_MULTIPART_H
#define KRING_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "decode.h"

/* One file part. Strings are NUL-terminated and arena-owned. */
struct upload {
	const char *field;         /* the form field's name */
	const char *filename;      /* as the browser sent it (valid UTF-8), without any path */
	const char *content_type;  /* as the browser sent it: never trusted, only shown */
	const unsigned char *data; /* the bytes: points into the body given */
	size_t len;
};

struct upload_list {
	struct upload *items;
	size_t n_items;
};

#define MULTIPART_MAX_HEAD 8192 /* bytes of the headers of one part */

/*
 * The boundary of a "multipart/form-data; boundary=..." Content-Type (1 to
 * 70 characters, quotes removed) into a new arena string, or NULL when
 * content_type is no multipart/form-data or has no valid boundary.
 */
const char *multipart_boundary(struct arena *a, const char *content_type);

/*
 * Decodes body[0..n) with boundary: text parts (no filename) become fields
 * (valid UTF-8 without NUL, else DECODE_BAD_UTF8 / DECODE_NUL), parts with a
 * filename become files (a part with an empty filename and no bytes, what a
 * browser sends when no file was chosen, is skipped). More than
 * DECODE_MAX_FIELDS parts: DECODE_TOO_MANY. A body that does not follow the
 * format (no closing boundary, a part without Content-Disposition or name,
 * headers over MULTIPART_MAX_HEAD): DECODE_BAD_ESCAPE. On failure both lists
 * are left empty. File bytes point into body, which must outlive them.
 */
enum decode_err decode_multipart(struct arena *a, const char *boundary, const char *body, size_t n,
                                 struct kv_list *fields, struct upload_list *files);

/* The first file of field name in l, or NULL. */
const struct upload *upload_get(const struct upload_list *l, const char *name);

#endif
