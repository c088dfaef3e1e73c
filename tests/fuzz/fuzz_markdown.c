/*
 * fuzz_markdown.c - libFuzzer target for Markdown rendering
 * (web/markdown.c): for any input, the HTML holds no <script, no raw
 * HTML element from the input, no javascript:/data:/vbscript: address in
 * an href or src. The first input byte also chooses a multipart boundary
 * check (http/multipart.c) on the rest, so one target covers both parsers
 * of text that people send. Build with -DKRING_FUZZ=ON (clang).
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"
#include "web/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	if (size > 0 && data[0] == 'M') {
		/* multipart: boundary "b" over the rest */
		struct kv_list f;
		struct upload_list u;
		if (decode_multipart(&a, "b", (const char *)data + 1, size - 1, &f, &u) ==
		    DECODE_OK) {
			for (size_t i = 0; i < u.n_items; i++)
				if (u.items[i].data < data + 1 ||
				    u.items[i].data + u.items[i].len > data + size)
					abort();
			for (size_t i = 0; i < f.n_items; i++)
				if (!utf8_valid(f.items[i].value, f.items[i].value_len))
					abort();
		}
	} else {
		const char *out = markdown_render(&a, (const char *)data, size);
		if (out != NULL) {
			static const char *const bad[] = {"<script",
			                                  "href=\"javascript:",
			                                  "src=\"javascript:",
			                                  "href=\"data:",
			                                  "src=\"data:",
			                                  "href=\"vbscript:",
			                                  "<iframe",
			                                  "<object",
			                                  "<svg",
			                                  "<style"};
			for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
				if (strcasestr(out, bad[i]) != NULL)
					abort();
		}
	}
	arena_free(&a);
	return 0;
}
