/*
 * totp.c - RFC 6238 codes with liboath, recovery codes (see totp.h).
 */
#include "totp.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc = -1;

static void init_once(void)
{
	init_rc = oath_init() == OATH_OK ? 0 : -1;
}

int totp_init(void)
{
	pthread_once(&once, init_once);
	return init_rc;
}

void totp_secret_new(char hex[TOTP_SECRET_HEX + 1])
{
	unsigned char s[TOTP_SECRET_BYTES];
	randombytes_buf(s, sizeof(s));
	sodium_bin2hex(hex, TOTP_SECRET_HEX + 1, s, sizeof(s));
	sodium_memzero(s, sizeof(s));
}

/* The raw secret from hex: its length, or 0 when hex is no secret. */
static size_t secret_bin(const char *hex, unsigned char out[TOTP_SECRET_BYTES])
{
	size_t n = 0;
	if (hex == NULL || strlen(hex) != TOTP_SECRET_HEX ||
	    sodium_hex2bin(out, TOTP_SECRET_BYTES, hex, TOTP_SECRET_HEX, NULL, &n, NULL) != 0)
		return 0;
	return n;
}

char *totp_secret_base32(struct arena *a, const char *hex)
{
	unsigned char s[TOTP_SECRET_BYTES];
	size_t n = secret_bin(hex, s);
	char *b32 = NULL;
	size_t len = 0;
	if (n == 0 || totp_init() != 0 ||
	    oath_base32_encode((const char *)s, n, &b32, &len) != OATH_OK)
		return NULL;
	sodium_memzero(s, sizeof(s));
	/* 20 bytes are 32 characters: no padding to strip, but be sure */
	while (len > 0 && b32[len - 1] == '=')
		len--;
	char *out = arena_strndup(a, b32, len);
	sodium_memzero(b32, len);
	free(b32);
	return out;
}

static char *pct(struct arena *a, const char *s)
{
	static const char hexd[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hexd[*p >> 4];
			*o++ = hexd[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *hex)
{
	char *b32 = totp_secret_base32(a, hex);
	if (b32 == NULL)
		return NULL;
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&digits=%d&period=%d",
	                    pct(a, issuer), pct(a, account), b32, pct(a, issuer), TOTP_DIGITS,
	                    TOTP_STEP);
}

int totp_code(const char *hex, time_t now, char out[TOTP_DIGITS + 1])
{
	unsigned char s[TOTP_SECRET_BYTES];
	size_t n = secret_bin(hex, s);
	if (n == 0 || totp_init() != 0)
		return -1;
	int rc = oath_totp_generate((const char *)s, n, now, TOTP_STEP, 0, TOTP_DIGITS, out);
	sodium_memzero(s, sizeof(s));
	return rc == OATH_OK ? 0 : -1;
}

bool totp_check(const char *hex, const char *code, time_t now, long long last_step, long long *step)
{
	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return false;
	for (const char *p = code; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	unsigned char s[TOTP_SECRET_BYTES];
	size_t n = secret_bin(hex, s);
	if (n == 0 || totp_init() != 0)
		return false;
	int pos = 0;
	uint64_t counter = 0;
	int rc =
	    oath_totp_validate3((const char *)s, n, now, TOTP_STEP, 0, 1, &pos, &counter, code);
	sodium_memzero(s, sizeof(s));
	if (rc < 0 || (long long)counter <= last_step)
		return false;
	if (step)
		*step = (long long)counter;
	return true;
}

void recovery_code_new(char out[RECOVERY_CODE_LEN + 1])
{
	/* no 0/o, 1/l/i: easy to read from paper */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t k = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 5)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

void recovery_code_hash(const char *code, char hash[65])
{
	char norm[64];
	size_t k = 0;
	for (const char *p = code ? code : ""; *p && k < sizeof(norm) - 1; p++)
		if (isalnum((unsigned char)*p))
			norm[k++] = (char)tolower((unsigned char)*p);
	norm[k] = '\0';
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)norm, k,
	                   (const unsigned char *)"kring-recovery-code", 19);
	sodium_bin2hex(hash, 65, h, sizeof(h));
}
