/*
 * decode.c - URL-encoded, cookie and UTF-8 decoding (see decode.h).
 */
#include "decode.h"

#include <string.h>

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return false;
		i += len;
	}
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; sets *len. */
static enum decode_err unescape(struct arena *a, const char *s, size_t n, char **out, size_t *len)
{
	char *p = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (n - i < 3)
				return DECODE_BAD_ESCAPE;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return DECODE_BAD_ESCAPE;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			return DECODE_NUL;
		p[j++] = c;
	}
	p[j] = '\0';
	if (!utf8_valid(p, j))
		return DECODE_BAD_UTF8;
	*out = p;
	*len = j;
	return DECODE_OK;
}

static size_t count_char(const char *s, size_t n, char ch)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == ch;
	return k;
}

enum decode_err decode_urlencoded(struct arena *a, const char *s, size_t n, struct kv_list *out)
{
	out->items = NULL;
	out->n_items = 0;
	if (s == NULL || n == 0)
		return DECODE_OK;
	size_t max = count_char(s, n, '&') + 1;
	if (max > DECODE_MAX_FIELDS)
		return DECODE_TOO_MANY;
	struct kv *items = arena_alloc(a, max * sizeof(*items));
	size_t k = 0, start = 0;
	while (start <= n) {
		const char *amp = memchr(s + start, '&', n - start);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > start) {
			const char *seg = s + start;
			size_t seg_len = end - start;
			const char *eq = memchr(seg, '=', seg_len);
			size_t name_len = eq ? (size_t)(eq - seg) : seg_len;
			char *name, *value;
			size_t nl, vl;
			enum decode_err e = unescape(a, seg, name_len, &name, &nl);
			if (e != DECODE_OK)
				return e;
			if (eq)
				e = unescape(a, eq + 1, seg_len - name_len - 1, &value, &vl);
			else
				e = unescape(a, "", 0, &value, &vl);
			if (e != DECODE_OK)
				return e;
			items[k].name = name;
			items[k].value = value;
			items[k].value_len = vl;
			k++;
		}
		if (amp == NULL)
			break;
		start = end + 1;
	}
	out->items = items;
	out->n_items = k;
	return DECODE_OK;
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

enum decode_err decode_cookies(struct arena *a, const char *s, size_t n, struct kv_list *out)
{
	out->items = NULL;
	out->n_items = 0;
	if (s == NULL || n == 0)
		return DECODE_OK;
	size_t max = count_char(s, n, ';') + 1;
	if (max > DECODE_MAX_FIELDS)
		return DECODE_TOO_MANY;
	struct kv *items = arena_alloc(a, max * sizeof(*items));
	size_t k = 0, start = 0;
	while (start < n) {
		const char *semi = memchr(s + start, ';', n - start);
		size_t end = semi ? (size_t)(semi - s) : n;
		size_t b = start, e = end;
		while (b < e && is_ows(s[b]))
			b++;
		while (e > b && is_ows(s[e - 1]))
			e--;
		const char *eq = b < e ? memchr(s + b, '=', e - b) : NULL;
		if (eq != NULL && eq > s + b) {
			size_t nb = b, ne = (size_t)(eq - s);
			while (ne > nb && is_ows(s[ne - 1]))
				ne--;
			size_t vb = (size_t)(eq - s) + 1;
			while (vb < e && is_ows(s[vb]))
				vb++;
			size_t ve = e;
			if (ve - vb >= 2 && s[vb] == '"' && s[ve - 1] == '"') {
				vb++;
				ve--;
			}
			if (memchr(s + nb, '\0', ne - nb) == NULL &&
			    memchr(s + vb, '\0', ve - vb) == NULL && utf8_valid(s + nb, ne - nb) &&
			    utf8_valid(s + vb, ve - vb)) {
				items[k].name = arena_strndup(a, s + nb, ne - nb);
				items[k].value = arena_strndup(a, s + vb, ve - vb);
				items[k].value_len = ve - vb;
				k++;
			}
		}
		if (semi == NULL)
			break;
		start = end + 1;
	}
	out->items = items;
	out->n_items = k;
	return DECODE_OK;
}

const char *kv_get(const struct kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->n_items; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

char *url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *p = arena_alloc(a, n * 3 + 1), *q = p;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			*q++ = (char)c;
		} else {
			*q++ = '%';
			*q++ = hex[c >> 4];
			*q++ = hex[c & 15];
		}
	}
	*q = '\0';
	return p;
}
