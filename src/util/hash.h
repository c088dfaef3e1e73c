/*
 * hash.h - FNV-1a over bytes, for the in-memory tables keyed by text (the
 * page cache, the session cache).
 */
#ifndef KRING_HASH_H
#define KRING_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits, of the n bytes at s. */
static inline uint64_t hash_fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

#endif
