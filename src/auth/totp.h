/*
 * totp.h - two-step login codes (RFC 6238: HMAC-SHA1, 30-second steps,
 * six digits) with liboath, and recovery codes. The secret is kept
 * sealed in persons.totp_secret (totp_seal(): libsodium's secretbox under a
 * key derived from the server key); the functions below take it as hex,
 * and an authenticator app gets it as base32.
 */
#ifndef KRING_TOTP_H
#define KRING_TOTP_H

#include <stdbool.h>
#include <time.h>

#include "../db/db.h"
#include "../util/arena.h"

#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_HEX   (TOTP_SECRET_BYTES * 2)
#define TOTP_STEP         30
#define TOTP_DIGITS       6
#define RECOVERY_CODES    10
#define RECOVERY_CODE_LEN 11 /* "abcde-fghij" */

/* Prepares liboath. Idempotent. 0 or -1. */
int totp_init(void);

/* A new random secret as hex (TOTP_SECRET_HEX + 1 bytes). */
void totp_secret_new(char hex[TOTP_SECRET_HEX + 1]);

/* The secret as base32 without padding (what an app's "enter a key" asks), or NULL. */
char *totp_secret_base32(struct arena *a, const char *hex);

/* The otpauth:// URI for an app: issuer and account are percent-encoded. NULL on error. */
char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *hex);

/* The code for the moment `now` into out (TOTP_DIGITS + 1 bytes). 0 or -1. */
int totp_code(const char *hex, time_t now, char out[TOTP_DIGITS + 1]);

/*
 * True when code is the code of one step around now (one step either side
 * for clocks that drift) and that step is later than last_step (a code is
 * used once). *step gets the step it matched.
 */
bool totp_check(const char *hex, const char *code, time_t now, long long last_step,
                long long *step);

/* ---- the secret at rest (totp_seal.c) ---- */

/* How a sealed secret starts: version 1, then base64url of nonce and box. */
#define TOTP_SEALED_PREFIX "s1:"

/*
 * Sets the key secrets are sealed with: for each person a key derived
 * (crypto_kdf, context "kringtot", the person's id) from server_key, the
 * server's 32-byte secret (auth_init: KRING_SECRET_FILE or the database).
 */
void totp_seal_key(const unsigned char server_key[32]);

/*
 * The hex secret sealed for person: TOTP_SEALED_PREFIX and base64url of a
 * random nonce and the secretbox. In a. NULL when no key was set.
 */
char *totp_seal(struct arena *a, long long person, const char *hex);

/*
 * The hex secret of a stored value: a sealed one opened, a plain hex one
 * (from before sealing, until totp_seal_all() ran) as it is, "" as "".
 * NULL when it does not open: another server's key, another person's row,
 * or a changed value. The caller then accepts no code (fails closed).
 */
const char *totp_unseal(struct arena *a, long long person, const char *stored);

/*
 * Seals every plain secret in persons, row by row, each only if it is
 * still the value read (two servers starting at once agree). Idempotent.
 * The number sealed, or -1 on a database error.
 */
long long totp_seal_all(struct db *db);

/* A new recovery code (RECOVERY_CODE_LEN + 1 bytes): ten letters and digits in two halves. */
void recovery_code_new(char out[RECOVERY_CODE_LEN + 1]);

/* The stored hash of a recovery code as typed (blanks, dashes and case ignored). */
void recovery_code_hash(const char *code, char hash[65]);

#endif
