/*
 * decode.h - decoders for what arrives from the network: URL-encoded form
 * bodies and query strings, Cookie headers, and UTF-8 validation.
 * Everything here is fuzzed (tests/fuzz/fuzz_decode.c).
 */
#ifndef KRING_DECODE_H
#define KRING_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

/* One name=value pair; both NUL-terminated, arena-owned. */
struct kv {
	const char *name;
	const char *value;
	size_t value_len; /* bytes in value, excluding the NUL */
};

struct kv_list {
	struct kv *items;
	size_t n_items;
};

enum decode_err {
	DECODE_OK = 0,
	DECODE_BAD_ESCAPE, /* '%' not followed by two hex digits */
	DECODE_BAD_UTF8,   /* a name or value is not valid UTF-8 */
	DECODE_NUL,        /* a name or value contains a NUL byte */
	DECODE_TOO_MANY,   /* more than DECODE_MAX_FIELDS pairs */
};

#define DECODE_MAX_FIELDS 1000

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);

/*
 * Decodes application/x-www-form-urlencoded data (also used for query
 * strings): pairs separated by '&', '+' means space, %XX escapes. Empty
 * segments are skipped; a segment without '=' has an empty value.
 * On success fills out (arena-owned) and returns DECODE_OK; on failure out
 * is left empty.
 */
enum decode_err decode_urlencoded(struct arena *a, const char *s, size_t n, struct kv_list *out);

/*
 * Decodes a Cookie header ("a=b; c=d"). Values are taken literally (no
 * percent-decoding); surrounding double quotes are removed. Malformed
 * pieces are skipped, never fatal. Returns DECODE_OK or DECODE_TOO_MANY.
 */
enum decode_err decode_cookies(struct arena *a, const char *s, size_t n, struct kv_list *out);

/* First value named name in l, or NULL. */
const char *kv_get(const struct kv_list *l, const char *name);

/*
 * Percent-encodes s for use in a URL path segment or query value
 * (unreserved characters stay). Arena-owned result.
 */
char *url_encode(struct arena *a, const char *s);

#endif
