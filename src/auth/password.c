/*
 * password.c - argon2id password hashes and e-mail spelling (see password.h).
 */
#include "password.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;

int auth_password_init(void)
{
	if (sodium_init() < 0)
		return -1;
	pthread_mutex_lock(&dummy_lock);
	if (dummy_hash[0] == '\0') {
		/* A well-formed argon2id string with the interactive cost, a random
		 * salt and a random "hash": verifying against it does all the work of
		 * a real account and never succeeds. Building it costs nothing, so
		 * kring answers its first request at once (hashing took ~0.2 s). */
		unsigned char salt[16], sum[32];
		char salt64[32], sum64[48];
		randombytes_buf(salt, sizeof(salt));
		randombytes_buf(sum, sizeof(sum));
		sodium_bin2base64(salt64, sizeof(salt64), salt, sizeof(salt),
		                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
		sodium_bin2base64(sum64, sizeof(sum64), sum, sizeof(sum),
		                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
		snprintf(dummy_hash, sizeof(dummy_hash), "$argon2id$v=19$m=%zu,t=%llu,p=1$%s$%s",
		         (size_t)(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024),
		         (unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE, salt64, sum64);
	}
	pthread_mutex_unlock(&dummy_lock);
	/* the string must be one libsodium reads with the same cost as ours */
	return crypto_pwhash_str_needs_rehash(dummy_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
	           ? 0
	           : -1;
}

int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str(out, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool auth_password_verify(const char *hash, const char *password)
{
	if (hash == NULL || hash[0] == '\0') {
		/* same work as for a real account, so timing tells nothing */
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			return false; /* nobody knows the dummy's password; still no */
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

char *auth_normalize_email(struct arena *a, const char *email)
{
	char *e = arena_strdup(a, email ? email : "");
	/* trim surrounding blanks */
	char *p = e;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

void auth_password_hash_job(void *job)
{
	struct password_hash_job *j = job;
	j->rc = auth_password_hash(j->password, j->hash);
}
