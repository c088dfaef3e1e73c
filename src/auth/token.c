/*
 * token.c - one-time link tokens (see token.h).
 */
#include "token.h"

#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

static atomic_ulong hashes_done;

void token_hash(const char *token, char hash[TOKEN_HASH_LEN + 1])
{
	unsigned char h[32];
	/* a personalisation keeps these hashes apart from the session hashes */
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token),
	                   (const unsigned char *)"kring-link-token", 16);
	sodium_bin2hex(hash, TOKEN_HASH_LEN + 1, h, sizeof(h));
	atomic_fetch_add(&hashes_done, 1);
}

void token_new(char token[TOKEN_LEN + 1], char hash[TOKEN_HASH_LEN + 1])
{
	unsigned char rnd[32];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(token, TOKEN_LEN + 1, rnd, sizeof(rnd),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	token_hash(token, hash);
}

unsigned long token_hashes_done(void)
{
	return atomic_load(&hashes_done);
}
