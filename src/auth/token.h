/*
 * token.h - one-time links (password reset, invitation): 32 random bytes
 * shown once as 43 base64url characters; only their BLAKE2b hash is
 * stored (link_tokens.token_hash), so a copy of the database opens
 * nothing. Knows no request and no table: core/account.c and
 * core/invite.c keep the rows.
 */
#ifndef KRING_TOKEN_H
#define KRING_TOKEN_H

#include <stdbool.h>

#define TOKEN_LEN      43 /* characters of a link token */
#define TOKEN_HASH_LEN 64 /* hex characters of its stored hash */

#define TOKEN_INVITE_SECONDS (14 * 24 * 3600) /* an invitation: two weeks */
#define TOKEN_RESET_SECONDS  (2 * 24 * 3600)  /* a reset link: two days */

/* A new random token (TOKEN_LEN + 1 bytes) and its hash (TOKEN_HASH_LEN + 1 bytes). */
void token_new(char token[TOKEN_LEN + 1], char hash[TOKEN_HASH_LEN + 1]);

/* The stored hash of a token (any string: a guess is hashed the same way). */
void token_hash(const char *token, char hash[TOKEN_HASH_LEN + 1]);

/* How many token hashes this process computed: tests compare the work of two paths. */
unsigned long token_hashes_done(void);

#endif
