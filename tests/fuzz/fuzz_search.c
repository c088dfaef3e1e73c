/*
 * fuzz_search.c - libFuzzer target for what a person types into the search
 * box: search_query_build() and search_fold(). For any valid UTF-8 input,
 * every term is a non-empty run of letters and digits of at most
 * SEARCH_MAX_TERM_LEN bytes and valid UTF-8, both FTS expressions consist
 * only of quoted strings (balanced quotes, nothing outside them but spaces
 * and the prefix star), and folding keeps text valid UTF-8 with a map that
 * only moves forward. Build with -DKRING_FUZZ=ON (clang).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/search_index.h"
#include "http/decode.h"

/* True when expr is a sequence of "..." strings (with "" inside), each maybe followed by '*'. */
static int only_quoted(const char *expr)
{
	const char *p = expr;
	while (*p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p != '"')
			return 0;
		p++;
		for (;;) {
			if (*p == '\0')
				return 0;
			if (p[0] == '"' && p[1] == '"') {
				p += 2;
				continue;
			}
			if (*p == '"')
				break;
			p++;
		}
		p++;
		if (*p == '*')
			p++;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	struct arena a;
	arena_init(&a);
	char *s = arena_strndup(&a, (const char *)data, size);
	size_t n = strlen(s);
	if (!utf8_valid(s, n)) {
		arena_free(&a);
		return 0;
	}
	struct search_query q;
	search_query_build(&a, s, &q);
	if (q.n_terms < 0 || q.n_terms > SEARCH_MAX_TERMS)
		abort();
	for (int i = 0; i < q.n_terms; i++) {
		size_t len = strlen(q.terms[i]);
		if (len == 0 || len > SEARCH_MAX_TERM_LEN || !utf8_valid(q.terms[i], len))
			abort();
		for (const char *p = q.terms[i]; *p; p++)
			if ((unsigned char)*p < 0x80 && strchr("\"*^:()-+ \t\r\n", *p))
				abort();
	}
	if (!only_quoted(q.words) || !only_quoted(q.parts))
		abort();
	if (q.n_terms == 0 && (q.words[0] || q.parts[0]))
		abort();
	size_t *map = arena_alloc(&a, (2 * n + 1) * sizeof(*map));
	struct buf b;
	buf_init(&b, &a);
	size_t out = search_fold(&b, s, map);
	if (!utf8_valid(buf_str(&b), out) || map[out] != n)
		abort();
	for (size_t i = 1; i <= out; i++)
		if (map[i] < map[i - 1])
			abort();
	arena_free(&a);
	return 0;
}
