/*
 * password.c - argon2id password hashes and e-mail spelling (see password.h).
 */
#include "password.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;

int auth_password_init(void)
{
	if (sodium_init() < 0)
		return -1;
	int rc = 0;
	pthread_mutex_lock(&dummy_lock);
	if (dummy_hash[0] == '\0') {
		unsigned char rnd[16];
		char pw[33];
		randombytes_buf(rnd, sizeof(rnd));
		sodium_bin2hex(pw, sizeof(pw), rnd, sizeof(rnd));
		rc = auth_password_hash(pw, dummy_hash) == 0 ? 0 : -1;
	}
	pthread_mutex_unlock(&dummy_lock);
	return rc;
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
