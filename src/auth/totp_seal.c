/*
 * totp_seal.c - two-step login secrets sealed at rest (see totp.h): a
 * stolen database file or backup holds no secret that makes codes without
 * the server key.
 */
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "totp.h"

static unsigned char seal_root[crypto_kdf_KEYBYTES]; /* set once at start (auth_init) */
static bool have_key;

#define BOX_BYTES (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES)

void totp_seal_key(const unsigned char server_key[32])
{
	/* a key of its own: the server key also signs CSRF tokens */
	crypto_kdf_derive_from_key(seal_root, sizeof(seal_root), 1, "totpseal", server_key);
	have_key = true;
}

/* The key of one person's secret: a sealed value opens only in its own row. */
static void person_key(long long person, unsigned char key[crypto_secretbox_KEYBYTES])
{
	crypto_kdf_derive_from_key(key, crypto_secretbox_KEYBYTES, (uint64_t)person, "kringtot",
	                           seal_root);
}

char *totp_seal(struct arena *a, long long person, const char *hex)
{
	unsigned char secret[TOTP_SECRET_BYTES], box[BOX_BYTES], key[crypto_secretbox_KEYBYTES];
	size_t n = 0;
	if (!have_key || hex == NULL || strlen(hex) != TOTP_SECRET_HEX ||
	    sodium_hex2bin(secret, sizeof(secret), hex, TOTP_SECRET_HEX, NULL, &n, NULL) != 0 ||
	    n != sizeof(secret))
		return NULL;
	person_key(person, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, sizeof(secret), box, key);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(key, sizeof(key));
	size_t b64 =
	    sodium_base64_ENCODED_LEN(sizeof(box), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	size_t pre = strlen(TOTP_SEALED_PREFIX);
	char *out = arena_alloc(a, pre + b64);
	memcpy(out, TOTP_SEALED_PREFIX, pre);
	sodium_bin2base64(out + pre, b64, box, sizeof(box),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

const char *totp_unseal(struct arena *a, long long person, const char *stored)
{
	if (stored == NULL)
		return NULL;
	size_t pre = strlen(TOTP_SEALED_PREFIX);
	if (strncmp(stored, TOTP_SEALED_PREFIX, pre) != 0) /* "" or not yet sealed */
		return stored[0] == '\0' || strlen(stored) == TOTP_SECRET_HEX ? stored : NULL;
	unsigned char box[BOX_BYTES], secret[TOTP_SECRET_BYTES], key[crypto_secretbox_KEYBYTES];
	size_t n = 0;
	const char *end = NULL;
	if (!have_key ||
	    sodium_base642bin(box, sizeof(box), stored + pre, strlen(stored + pre), NULL, &n, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(box) || *end != '\0')
		return NULL;
	person_key(person, key);
	int rc = crypto_secretbox_open_easy(secret, box + crypto_secretbox_NONCEBYTES,
	                                    sizeof(box) - crypto_secretbox_NONCEBYTES, box, key);
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		return NULL;
	char *hex = arena_alloc(a, TOTP_SECRET_HEX + 1);
	sodium_bin2hex(hex, TOTP_SECRET_HEX + 1, secret, sizeof(secret));
	sodium_memzero(secret, sizeof(secret));
	return hex;
}

struct plain {
	long long id;
	const char *secret;
};

static int read_plain(struct db_stmt *st, void *elem, struct arena *a)
{
	struct plain *p = elem;
	p->id = db_col_int(st, 0);
	p->secret = db_col_text(st, 1, a);
	return 0;
}

long long totp_seal_all(struct db *db)
{
	struct arena a;
	arena_init(&a);
	struct plain *rows = NULL;
	size_t n = 0;
	long long sealed = 0;
	if (db_rows(db, &a,
	            "SELECT id, totp_secret FROM persons"
	            " WHERE totp_secret <> '' AND SUBSTR(totp_secret, 1, 3) <> 's1:' ORDER BY id",
	            DB_NOARGS, sizeof(*rows), read_plain, &rows, &n) != 0)
		sealed = -1;
	for (size_t i = 0; sealed >= 0 && i < n; i++) {
		const char *box = totp_seal(&a, rows[i].id, rows[i].secret);
		if (box == NULL) { /* no secret: seal nothing, keep the row as it is */
			fprintf(stderr, "kring: the two-step secret of person %lld is not hex\n",
			        rows[i].id);
			continue;
		}
		if (db_exec(
		        db,
		        "UPDATE persons SET totp_secret = ?1 WHERE id = ?2 AND totp_secret = ?3",
		        DB_ARGS(DB_TEXT(box), DB_INT(rows[i].id), DB_TEXT(rows[i].secret))) !=
		    DB_OK)
			sealed = -1;
		else
			sealed += db_changes(db);
	}
	for (size_t i = 0; i < n; i++) /* the plain secrets leave memory */
		sodium_memzero((char *)rows[i].secret, strlen(rows[i].secret));
	arena_free(&a);
	return sealed;
}
