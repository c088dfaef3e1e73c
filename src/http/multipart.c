/*
 * multipart.c - multipart/form-data decoding (see multipart.h).
 */
#define _GNU_SOURCE /* memmem */
#include "multipart.h"

#include <string.h>
#include <strings.h>

const char *multipart_boundary(struct arena *a, const char *ct)
{
	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	const char *p = ct + 19;
	while (*p) {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0) {
			p += 9;
			size_t len;
			if (*p == '"') {
				p++;
				const char *q = strchr(p, '"');
				if (q == NULL)
					return NULL;
				len = (size_t)(q - p);
			} else {
				len = strcspn(p, "; \t");
			}
			if (len == 0 || len > 70)
				return NULL;
			for (size_t i = 0; i < len; i++)
				if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
					return NULL;
			return arena_strndup(a, p, len);
		}
		p += strcspn(p, ";");
	}
	return NULL;
}

/* The value of parameter key ("name", "filename") in a Content-Disposition
 * header value h[0..n), unquoted, into the arena; NULL when absent. */
static const char *disposition_param(struct arena *a, const char *h, size_t n, const char *key)
{
	size_t klen = strlen(key);
	size_t i = 0;
	while (i < n) {
		/* the start of a parameter: after ';' and spaces */
		if (h[i] != ';') {
			i++;
			continue;
		}
		i++;
		while (i < n && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (n - i > klen && strncasecmp(h + i, key, klen) == 0 && h[i + klen] == '=') {
			i += klen + 1;
			if (i < n && h[i] == '"') {
				i++;
				size_t start = i;
				while (i < n && h[i] != '"')
					i += (h[i] == '\\' && i + 1 < n) ? 2 : 1;
				if (i >= n)
					return NULL;
				return arena_strndup(a, h + start, i - start);
			}
			size_t start = i;
			while (i < n && h[i] != ';')
				i++;
			return arena_strndup(a, h + start, i - start);
		}
	}
	return NULL;
}

/* The last path segment of a file name (some browsers sent "C:\dir\a.jpg"). */
static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/'), *back = strrchr(s, '\\');
	const char *p = slash > back ? slash : back;
	return p ? p + 1 : s;
}

enum decode_err decode_multipart(struct arena *a, const char *boundary, const char *body, size_t n,
                                 struct kv_list *fields, struct upload_list *files)
{
	memset(fields, 0, sizeof(*fields));
	memset(files, 0, sizeof(*files));
	enum decode_err err = DECODE_BAD_ESCAPE;
	size_t blen = strlen(boundary);
	if (blen == 0)
		return err;
	/* "\r\n--boundary": the delimiter before every part but the first */
	char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dlen = blen + 4;
	struct kv *kv = NULL;
	struct upload *up = NULL;
	size_t n_kv = 0, cap_kv = 0, n_up = 0, cap_up = 0;
	/* the first boundary starts the body (no preamble is sent by browsers,
	 * but one is allowed: look for it) */
	size_t pos;
	if (n >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		pos = dlen - 2;
	} else {
		const char *d = memmem(body, n, delim, dlen);
		if (d == NULL)
			return err;
		pos = (size_t)(d - body) + dlen;
	}
	for (;;) {
		/* after a boundary: "--" ends the body, CRLF starts a part */
		if (n - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break;
		if (n - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			goto fail;
		pos += 2;
		const char *head_end = memmem(body + pos, n - pos, "\r\n\r\n", 4);
		if (head_end == NULL || (size_t)(head_end - (body + pos)) > MULTIPART_MAX_HEAD)
			goto fail;
		size_t head_len = (size_t)(head_end - (body + pos));
		const char *name = NULL, *filename = NULL, *ctype = "";
		bool disposition = false;
		/* header lines */
		size_t i = pos, end = pos + head_len;
		while (i < end) {
			const char *eol = memmem(body + i, end - i, "\r\n", 2);
			size_t line_end = eol ? (size_t)(eol - body) : end;
			const char *line = body + i;
			size_t len = line_end - i;
			if (len > 20 && strncasecmp(line, "content-disposition:", 20) == 0) {
				const char *v = line + 20;
				size_t vl = len - 20;
				while (vl && (*v == ' ' || *v == '\t'))
					v++, vl--;
				if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
					goto fail;
				disposition = true;
				name = disposition_param(a, v, vl, "name");
				filename = disposition_param(a, v, vl, "filename");
			} else if (len > 13 && strncasecmp(line, "content-type:", 13) == 0) {
				const char *v = line + 13;
				size_t vl = len - 13;
				while (vl && (*v == ' ' || *v == '\t'))
					v++, vl--;
				ctype = arena_strndup(a, v, vl);
			}
			i = line_end + 2;
		}
		if (!disposition || name == NULL || name[0] == '\0')
			goto fail;
		size_t data_start = (size_t)(head_end - body) + 4;
		const char *d =
		    data_start <= n ? memmem(body + data_start, n - data_start, delim, dlen) : NULL;
		if (d == NULL)
			goto fail;
		size_t data_len = (size_t)(d - body) - data_start;
		if (n_kv + n_up >= DECODE_MAX_FIELDS) {
			err = DECODE_TOO_MANY;
			goto fail;
		}
		if (!utf8_valid(name, strlen(name)) || !utf8_valid(ctype, strlen(ctype))) {
			err = DECODE_BAD_UTF8;
			goto fail;
		}
		if (filename != NULL) {
			if (!utf8_valid(filename, strlen(filename))) {
				err = DECODE_BAD_UTF8;
				goto fail;
			}
			if (filename[0] != '\0' || data_len > 0) {
				up = arena_grow(a, up, n_up, &cap_up, sizeof(*up));
				up[n_up++] = (struct upload){.field = name,
				                             .filename = base_name(filename),
				                             .content_type = ctype,
				                             .data = (const unsigned char *)body +
				                                     data_start,
				                             .len = data_len};
			}
		} else {
			const char *v = body + data_start;
			if (memchr(v, '\0', data_len) != NULL) {
				err = DECODE_NUL;
				goto fail;
			}
			if (!utf8_valid(v, data_len)) {
				err = DECODE_BAD_UTF8;
				goto fail;
			}
			kv = arena_grow(a, kv, n_kv, &cap_kv, sizeof(*kv));
			kv[n_kv++] = (struct kv){.name = name,
			                         .value = arena_strndup(a, v, data_len),
			                         .value_len = data_len};
		}
		pos = (size_t)(d - body) + dlen;
	}
	fields->items = kv;
	fields->n_items = n_kv;
	files->items = up;
	files->n_items = n_up;
	return DECODE_OK;
fail:
	return err;
}

const struct upload *upload_get(const struct upload_list *l, const char *name)
{
	for (size_t i = 0; i < l->n_items; i++)
		if (strcmp(l->items[i].field, name) == 0)
			return &l->items[i];
	return NULL;
}
