/*
 * files.c - checking and storing the file of a knowledge item (see files.h).
 */
#include "files.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../util/clock.h"

/* The types kring takes, by extension. */
static const struct {
	const char *ext;
	const char *type;
} allowed[] = {
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"webp", "image/webp"},
    {"pdf", "application/pdf"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
};

/* What the first bytes are: an image or PDF type, "zip", or NULL. */
static const char *magic(const unsigned char *d, size_t n)
{
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "zip";
	return NULL;
}

const char *files_sniff(const unsigned char *d, size_t n, const char *name, enum file_problem *why)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	const char *by_name = NULL;
	for (size_t i = 0; dot && i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcasecmp(dot + 1, allowed[i].ext) == 0)
			by_name = allowed[i].type;
	const char *by_bytes = magic(d, n);
	if (by_name == NULL) {
		*why = FILE_REFUSED_TYPE;
		return NULL;
	}
	bool zip_name = strncmp(by_name, "application/vnd.", 16) == 0;
	if (by_bytes == NULL || (strcmp(by_bytes, "zip") == 0) != zip_name ||
	    (!zip_name && strcmp(by_bytes, by_name) != 0)) {
		*why = FILE_LYING_TYPE;
		return NULL;
	}
	*why = FILE_OK;
	return by_name;
}

bool files_inline(const char *t)
{
	return t != NULL && strncmp(t, "image/", 6) == 0;
}

enum file_problem files_check(const struct knowledge_file_in *f, const char *kind,
                              const char **type)
{
	*type = NULL;
	/* a photo, or the photo of a story */
	bool photo = strcmp(kind, "foto") == 0 || strcmp(kind, "verhaal") == 0;
	if (f == NULL || f->data == NULL)
		return FILE_MISSING;
	if (f->len == 0)
		return FILE_EMPTY;
	if (f->len > f->max)
		return FILE_TOO_BIG;
	enum file_problem why;
	const char *t = files_sniff(f->data, f->len, f->name, &why);
	if (t == NULL)
		return why;
	if (photo && !files_inline(t))
		return FILE_NOT_IMAGE;
	if (photo && (f->alt == NULL || f->alt[0] == '\0'))
		return FILE_NO_ALT;
	*type = t;
	return FILE_OK;
}

int files_put(struct db *db, long long org_id, long long actor, long long item_id,
              const struct knowledge_file_in *f, const char *type)
{
	size_t b64_len = sodium_base64_ENCODED_LEN(f->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64_len);
	if (b64 == NULL)
		return -1;
	sodium_bin2base64(b64, b64_len, f->data, f->len, sodium_base64_VARIANT_ORIGINAL);
	int rc = -1;
	if (db_exec(db, "DELETE FROM knowledge_files WHERE item_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(item_id), DB_INT(org_id))) == DB_OK &&
	    db_exec(db,
	            "INSERT INTO knowledge_files (org_id, item_id, name, content_type, size, alt,"
	            " data, person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_INT(item_id), DB_TEXT(f->name), DB_TEXT(type),
	                    DB_INT((long long)f->len), DB_TEXT(f->alt ? f->alt : ""), DB_TEXT(b64),
	                    actor ? DB_INT(actor) : DB_NULL, DB_INT((long long)clock_now()))) ==
	        DB_OK)
		rc = 0;
	free(b64);
	return rc;
}

int files_set_alt(struct db *db, long long org_id, long long item_id, const char *alt)
{
	return db_exec(db, "UPDATE knowledge_files SET alt = ? WHERE item_id = ? AND org_id = ?",
	               DB_ARGS(DB_TEXT(alt ? alt : ""), DB_INT(item_id), DB_INT(org_id))) == DB_OK
	           ? 0
	           : -1;
}

int files_get(struct db *db, struct arena *a, long long org_id, long long attached, long long id,
              struct stored_file *out)
{
	struct db_stmt *st;
	memset(out, 0, sizeof(*out));
	if (db_query(db, &st,
	             "SELECT f.id, f.item_id, f.name, f.content_type, f.alt, f.data"
	             " FROM knowledge_files f JOIN knowledge_items k ON k.id = f.item_id"
	             " AND k.org_id = f.org_id WHERE f.id = ?1 AND f.org_id = ?2"
	             " AND (?3 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors ca"
	             " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	             " AND m.role = 'ambassadeur' WHERE ca.community_id = k.community_id"
	             " AND ca.org_id = k.org_id AND ca.person_id = ?3))",
	             DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached))) != DB_OK)
		return -1;
	int step = db_step(st);
	if (step != DB_ROW) {
		db_finish(st);
		return step == DB_DONE ? 0 : -1;
	}
	out->id = db_col_int(st, 0);
	out->item_id = db_col_int(st, 1);
	out->name = db_col_text(st, 2, a);
	out->content_type = db_col_text(st, 3, a);
	out->alt = db_col_text(st, 4, a);
	const char *b64 = db_col_text(st, 5, a);
	db_finish(st);
	size_t n = strlen(b64);
	out->data = arena_alloc(a, n / 4 * 3 + 3);
	if (sodium_base642bin(out->data, n / 4 * 3 + 3, b64, n, NULL, &out->len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	return 1;
}
