/*
 * totp.h - two-step login codes (RFC 6238: HMAC-SHA1, 30-second steps,
 * six digits) with liboath, and recovery codes. The secret is kept as
 * hex in persons.totp_secret; an authenticator app gets it as base32.
 */
#ifndef KRING_TOTP_H
#define KRING_TOTP_H

#include <stdbool.h>
#include <time.h>

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

/* A new recovery code (RECOVERY_CODE_LEN + 1 bytes): ten letters and digits in two halves. */
void recovery_code_new(char out[RECOVERY_CODE_LEN + 1]);

/* The stored hash of a recovery code as typed (blanks, dashes and case ignored). */
void recovery_code_hash(const char *code, char hash[65]);

#endif
