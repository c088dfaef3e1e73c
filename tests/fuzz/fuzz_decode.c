/*
 * fuzz_decode.c - libFuzzer target for everything in http/decode.h (and the
 * HTML escaper that writes decoded values back out).
 *
 * Each input is fed to decode_urlencoded(), decode_cookies(), utf8_valid()
 * and url_encode(); invariants are checked and any violation aborts:
 *  - every decoded name and value is valid UTF-8 without NUL bytes, and
 *    value_len == strlen(value); a failed decode leaves the list empty;
 *  - decode_urlencoded() agrees with a small reference decoder, and
 *    re-encoding its result with url_encode() decodes to the same pairs;
 *  - decode_cookies() only fails with DECODE_TOO_MANY, and its names and
 *    values carry no separators or surrounding blanks;
 *  - utf8_valid() agrees with a reference validator;
 *  - url_encode() output has only unreserved characters and %XX, and
 *    decodes back to its input;
 *  - html_escape_into() output has no markup characters and unescapes back;
 *  - text_lang_from_accept() (Accept-Language) answers Dutch or English,
 *    the same twice, and English only when the header names "en".
 * All memory comes from one arena per run, freed at the end.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/decode.h"
#include "i18n/text.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_decode: invariant failed at line %d: %s\n",          \
			        __LINE__, #cond);                                                  \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* ---- reference implementations, written independently of decode.c ---- */

/* UTF-8 by the table of well-formed byte sequences (Unicode 15, table 3-7). */
static bool ref_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		unsigned char lo = 0x80, hi = 0xBF;
		size_t len;
		if (b <= 0x7F) {
			i++;
			continue;
		} else if (b >= 0xC2 && b <= 0xDF) {
			len = 2;
		} else if (b == 0xE0) {
			len = 3;
			lo = 0xA0;
		} else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
			len = 3;
		} else if (b == 0xED) {
			len = 3;
			hi = 0x9F;
		} else if (b == 0xF0) {
			len = 4;
			lo = 0x90;
		} else if (b >= 0xF1 && b <= 0xF3) {
			len = 4;
		} else if (b == 0xF4) {
			len = 4;
			hi = 0x8F;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return false;
		i += len;
	}
	return true;
}

static int ref_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes s[0..n) of one name or value into out; false on any error. */
static bool ref_unescape(const unsigned char *s, size_t n, unsigned char *out, size_t *len)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n) /* needs two more bytes */
				return false;
			int h = ref_hex(s[i + 1]), l = ref_hex(s[i + 2]);
			if (h < 0 || l < 0)
				return false;
			c = (unsigned)(h * 16 + l);
			i += 2;
		}
		if (c == 0)
			return false;
		out[j++] = (unsigned char)c;
	}
	*len = j;
	return ref_utf8_valid(out, j);
}

/* Compares decode_urlencoded's verdict and pairs with the reference's. */
static void check_against_reference(const unsigned char *s, size_t n, enum decode_err e,
                                    const struct kv_list *l)
{
	size_t amps = 0;
	for (size_t i = 0; i < n; i++)
		amps += s[i] == '&';
	if (n > 0 && amps + 1 > DECODE_MAX_FIELDS) {
		CHECK(e == DECODE_TOO_MANY);
		return;
	}
	CHECK(e != DECODE_TOO_MANY);
	unsigned char *buf = malloc(n + 1);
	CHECK(buf != NULL);
	bool ok = true;
	size_t k = 0, start = 0;
	while (start <= n && ok) {
		size_t end = start;
		while (end < n && s[end] != '&')
			end++;
		if (end > start) {
			size_t eq = start;
			while (eq < end && s[eq] != '=')
				eq++;
			size_t nl, vl;
			ok = ref_unescape(s + start, eq - start, buf, &nl);
			if (ok) {
				CHECK(e != DECODE_OK || k < l->n_items);
				if (e == DECODE_OK) {
					CHECK(strlen(l->items[k].name) == nl);
					CHECK(memcmp(l->items[k].name, buf, nl) == 0);
				}
				vl = 0;
				if (eq < end)
					ok = ref_unescape(s + eq + 1, end - eq - 1, buf, &vl);
			}
			if (ok && e == DECODE_OK) {
				CHECK(l->items[k].value_len == vl);
				CHECK(memcmp(l->items[k].value, buf, vl) == 0);
			}
			k++;
		}
		start = end + 1;
	}
	free(buf);
	if (ok) {
		CHECK(e == DECODE_OK);
		CHECK(l->n_items == k);
	} else {
		CHECK(e == DECODE_BAD_ESCAPE || e == DECODE_BAD_UTF8 || e == DECODE_NUL);
	}
}

/* ---- invariants ---- */

static void check_pairs(const struct kv_list *l, enum decode_err e, size_t input_len)
{
	if (e != DECODE_OK) {
		CHECK(l->items == NULL);
		CHECK(l->n_items == 0);
		return;
	}
	CHECK(l->n_items <= DECODE_MAX_FIELDS);
	CHECK(l->n_items == 0 || l->items != NULL);
	for (size_t i = 0; i < l->n_items; i++) {
		const struct kv *kv = &l->items[i];
		CHECK(kv->name != NULL && kv->value != NULL);
		size_t nl = strlen(kv->name);
		CHECK(kv->value_len == strlen(kv->value));
		CHECK(nl <= input_len && kv->value_len <= input_len);
		CHECK(utf8_valid(kv->name, nl));
		CHECK(utf8_valid(kv->value, kv->value_len));
		CHECK(ref_utf8_valid((const unsigned char *)kv->name, nl));
		CHECK(ref_utf8_valid((const unsigned char *)kv->value, kv->value_len));
	}
}

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

static void check_url_encode(struct arena *a, const char *s)
{
	size_t n = strlen(s), want = 0;
	for (size_t i = 0; i < n; i++)
		want += unreserved((unsigned char)s[i]) ? 1 : 3;
	const char *enc = url_encode(a, s);
	CHECK(enc != NULL);
	CHECK(strlen(enc) == want);
	for (size_t i = 0; enc[i]; i++) {
		unsigned char c = (unsigned char)enc[i];
		if (c == '%') {
			CHECK(strchr("0123456789ABCDEF", enc[i + 1]) && enc[i + 1]);
			CHECK(strchr("0123456789ABCDEF", enc[i + 2]) && enc[i + 2]);
			i += 2;
		} else {
			CHECK(unreserved(c));
		}
	}
	/* decoding gives the input back (when the input is text at all) */
	const char *q = arena_printf(a, "v=%s", enc);
	struct kv_list l;
	enum decode_err e = decode_urlencoded(a, q, strlen(q), &l);
	if (utf8_valid(s, n)) {
		CHECK(e == DECODE_OK);
		CHECK(l.n_items == 1);
		CHECK(strcmp(l.items[0].value, s) == 0);
	} else {
		CHECK(e == DECODE_BAD_UTF8);
	}
}

/* Re-encodes decoded pairs; they must decode to the same list. */
static void check_round_trip(struct arena *a, const struct kv_list *l)
{
	if (l->n_items == 0)
		return;
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < l->n_items; i++) {
		if (i)
			buf_putc(&b, '&');
		buf_puts(&b, url_encode(a, l->items[i].name));
		buf_putc(&b, '=');
		buf_puts(&b, url_encode(a, l->items[i].value));
	}
	struct kv_list l2;
	CHECK(decode_urlencoded(a, b.data, b.len, &l2) == DECODE_OK);
	CHECK(l2.n_items == l->n_items);
	for (size_t i = 0; i < l->n_items; i++) {
		CHECK(strcmp(l2.items[i].name, l->items[i].name) == 0);
		CHECK(strcmp(l2.items[i].value, l->items[i].value) == 0);
	}
}

static void check_cookies(const char *s, size_t n, enum decode_err e, const struct kv_list *l)
{
	size_t semis = 0;
	for (size_t i = 0; i < n; i++)
		semis += s[i] == ';';
	CHECK(e == DECODE_OK || e == DECODE_TOO_MANY);
	CHECK((e == DECODE_TOO_MANY) == (n > 0 && semis + 1 > DECODE_MAX_FIELDS));
	check_pairs(l, e, n);
	if (e != DECODE_OK)
		return;
	CHECK(l->n_items <= semis + 1);
	for (size_t i = 0; i < l->n_items; i++) {
		const char *name = l->items[i].name, *value = l->items[i].value;
		size_t nl = strlen(name);
		CHECK(nl > 0);
		CHECK(strchr(name, ';') == NULL && strchr(value, ';') == NULL);
		CHECK(strchr(name, '=') == NULL);
		CHECK(name[0] != ' ' && name[0] != '\t');
		CHECK(name[nl - 1] != ' ' && name[nl - 1] != '\t');
		/* the pair is really in the input */
		CHECK(memmem(s, n, name, nl) != NULL);
		CHECK(memmem(s, n, value, l->items[i].value_len) != NULL);
	}
}

static void check_escape(struct arena *a, const char *s, size_t n)
{
	struct buf b;
	buf_init(&b, a);
	html_escape_into(&b, s, n);
	/* no markup character survives; unescaping gives back the input */
	static const struct {
		const char *ent;
		char c;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
	size_t j = 0;
	for (size_t i = 0; i < b.len;) {
		char c = b.data[i];
		CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
		if (c == '&') {
			size_t k = 0;
			while (k < 5 && strncmp(b.data + i, ents[k].ent, strlen(ents[k].ent)) != 0)
				k++;
			CHECK(k < 5);
			CHECK(j < n && s[j] == ents[k].c);
			i += strlen(ents[k].ent);
		} else {
			CHECK(j < n && s[j] == c);
			i++;
		}
		j++;
	}
	CHECK(j == n);
}

/* Accept-Language is attacker input: any header gives one of the two
 * languages, deterministically, and English only when "en" is in it. */
static void check_accept_language(const char *header)
{
	enum text_lang l = text_lang_from_accept(header);
	CHECK(l == LANG_NL || l == LANG_EN);
	CHECK(text_lang_from_accept(header) == l);
	if (l == LANG_EN)
		CHECK(strcasestr(header, "en") != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	const char *s = (const char *)data;

	/* the input as it comes, without a terminating NUL (ASan sees over-reads) */
	struct kv_list l;
	enum decode_err e = decode_urlencoded(&a, s, size, &l);
	check_pairs(&l, e, size);
	check_against_reference(data, size, e, &l);
	if (e == DECODE_OK)
		check_round_trip(&a, &l);
	for (size_t i = 0; e == DECODE_OK && i < l.n_items; i++)
		CHECK(kv_get(&l, l.items[i].name) != NULL);

	e = decode_cookies(&a, s, size, &l);
	check_cookies(s, size, e, &l);

	CHECK(utf8_valid(s, size) == ref_utf8_valid(data, size));

	/* url_encode takes a C string: the input up to its first NUL */
	size_t cut = strnlen(s, size);
	char *str = arena_strndup(&a, s, cut);
	check_url_encode(&a, str);

	check_escape(&a, s, size);

	check_accept_language(str);

	arena_free(&a);
	return 0;
}
