/*
 * session_cache.c - the session's row, kept per data generation (see
 * session_cache.h). A direct-mapped table: a key has one slot, and a new
 * key takes it over; a slot's memory is one block.
 */
#include "session_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hash.h"

#define N_SLOTS 512 /* power of two */

struct slot {
	char *block; /* key, then the row's texts; NULL when empty */
	struct session_row row;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[N_SLOTS];

static size_t slot_of(const char *key)
{
	return (size_t)(hash_fnv1a(key, strlen(key)) >> 32) & (N_SLOTS - 1);
}

bool session_cache_get(const char *key, struct session_row *out, struct arena *a)
{
	struct slot *s = &slots[slot_of(key)];
	pthread_mutex_lock(&lock);
	bool hit = s->block != NULL && strcmp(s->block, key) == 0;
	if (hit) {
		*out = s->row;
		out->name = arena_strdup(a, s->row.name);
		out->email = arena_strdup(a, s->row.email);
		out->lang = arena_strdup(a, s->row.lang);
		out->org_name = arena_strdup(a, s->row.org_name);
		out->org_role = arena_strdup(a, s->row.org_role);
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

/* Copies text to *at and moves *at past it; returns the copy. */
static const char *put_text(char **at, const char *text)
{
	size_t n = strlen(text) + 1;
	memcpy(*at, text, n);
	char *copy = *at;
	*at += n;
	return copy;
}

void session_cache_put(const char *key, const struct session_row *row)
{
	const char *texts[] = {key, row->name, row->email, row->lang, row->org_name, row->org_role};
	size_t size = 0;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		size += strlen(texts[i]) + 1;
	char *block = malloc(size);
	if (block == NULL)
		return;
	char *at = block;
	struct session_row copy = *row;
	put_text(&at, key);
	copy.name = put_text(&at, row->name);
	copy.email = put_text(&at, row->email);
	copy.lang = put_text(&at, row->lang);
	copy.org_name = put_text(&at, row->org_name);
	copy.org_role = put_text(&at, row->org_role);
	struct slot *s = &slots[slot_of(key)];
	pthread_mutex_lock(&lock);
	char *old = s->block;
	s->block = block;
	s->row = copy;
	pthread_mutex_unlock(&lock);
	free(old);
}
