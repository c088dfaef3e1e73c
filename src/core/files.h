/*
 * files.h - the file of a document or photo knowledge item (issue 11).
 *
 * Where files live: in the database (table knowledge_files), as base64
 * text, so that the one backup kring asks for (the SQLite file or
 * pg_dump) holds them too, a restore brings them back in step with their
 * items, and deleting an item (or its community) deletes its file in the
 * same transaction. The cost is a third more bytes; files are small (at
 * most KRING_MAX_UPLOAD, 10 MB by default) and few per community.
 *
 * The type is decided by the bytes, never by what the browser says: a
 * small allow-list (JPEG, PNG, WebP; PDF; the Office and OpenDocument
 * formats, which are ZIP files, told apart by their name). A name whose
 * extension promises another type than the bytes hold is refused (a .jpg
 * that is HTML). HTML, SVG and anything else can never be stored.
 */
#ifndef KRING_FILES_H
#define KRING_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"

/* A file as it arrived with a form. */
struct knowledge_file_in {
	const char *name;          /* the browser's file name (valid UTF-8) */
	const unsigned char *data; /* NULL or len 0: no file */
	size_t len;
	size_t max;      /* the largest file accepted (bytes) */
	const char *alt; /* a photo's description ("" for none) */
};

enum file_problem {
	FILE_OK = 0,
	FILE_MISSING,      /* a document or photo item needs a file */
	FILE_EMPTY,        /* zero bytes */
	FILE_TOO_BIG,      /* more than max */
	FILE_REFUSED_TYPE, /* a name or content kring does not take */
	FILE_LYING_TYPE,   /* the name promises another type than the bytes are */
	FILE_NOT_IMAGE,    /* a photo item needs a JPEG, PNG or WebP */
	FILE_NO_ALT,       /* a photo needs a description (accessibility) */
};

#define FILE_NAME_MAX 200 /* characters of a stored file name */
#define FILE_ALT_MAX  300 /* characters of a photo's description */

/*
 * The content type the bytes d[0..n) are, as checked against the name's
 * extension: the type and FILE_OK, or NULL and the problem
 * (FILE_REFUSED_TYPE, FILE_LYING_TYPE).
 */
const char *files_sniff(const unsigned char *d, size_t n, const char *name, enum file_problem *why);

/*
 * Checks f for an item of kind (knowledge_kinds): FILE_OK and *type (the
 * checked content type), or the problem. A "foto" (and a "verhaal", which
 * may have a photo) needs an image and a description; a "document" any
 * allowed type.
 */
enum file_problem files_check(const struct knowledge_file_in *f, const char *kind,
                              const char **type);

/* True for image types (served inline; everything else is an attachment). */
bool files_inline(const char *content_type);

/*
 * Stores f (already checked: type) as the file of item_id, replacing the
 * one it had. Only inside the caller's write transaction. 0 or -1.
 */
int files_put(struct db *db, long long org_id, long long actor, long long item_id,
              const struct knowledge_file_in *f, const char *type);

/* Changes only the description of item_id's file (in the transaction). 0 or -1. */
int files_set_alt(struct db *db, long long org_id, long long item_id, const char *alt);

struct stored_file {
	long long id;
	long long item_id;
	const char *name;
	const char *content_type;
	const char *alt;
	unsigned char *data;
	size_t len;
};

/*
 * 1 and *out (bytes in a) when file id is the org's and, for an
 * ambassadeur (attached), of an item of one of their communities; 0 when
 * not; -1 on error.
 */
int files_get(struct db *db, struct arena *a, long long org_id, long long attached, long long id,
              struct stored_file *out);

#endif
