/*
 * password.h - password hashing and checking, and the one spelling of an
 * e-mail address. Knows no request: used by the login and people pages,
 * the command line and the demo data.
 */
#ifndef KRING_PASSWORD_H
#define KRING_PASSWORD_H

#include <stdbool.h>
#include <sodium.h>

#include "../util/arena.h"

#define AUTH_PASSWORD_MIN 10 /* characters (bytes) in a new password */
#define AUTH_PASSWORD_MAX 1024

/*
 * Initialises libsodium and prepares the dummy hash used to keep unknown
 * e-mail addresses as slow as known ones. Idempotent. Returns 0 or -1.
 */
int auth_password_init(void);

/* Hashes a password with argon2id (slow: ~100 ms, 64 MiB). 0 or -1. */
int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES]);

/* A password to hash off the request thread (req_defer): set password, run
 * auth_password_hash_job(job) on a worker, then read hash and rc. */
struct password_hash_job {
	const char *password;
	char hash[crypto_pwhash_STRBYTES];
	int rc; /* auth_password_hash()'s */
};
void auth_password_hash_job(void *job);
/* True when password matches hash. hash may be NULL (then the dummy is used, and false returned). */
bool auth_password_verify(const char *hash, const char *password);

/* Lower-cases ASCII letters of an e-mail address into arena memory (trimmed). */
char *auth_normalize_email(struct arena *a, const char *email);

#endif
