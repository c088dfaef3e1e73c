/*
 * instrument_json.c - the checks every instrument file shares (see
 * instrument_json.h): each failure names the file and the path in it.
 */
#include "instrument_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ij_fail(struct ij_ctx *c, const char *path, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s: %s: %s", c->name, path, msg);
	return -1;
}

/* A non-empty string member, copied into the arena. */
int ij_get_str(struct ij_ctx *c, json_t *obj, const char *path, const char *key, const char **out)
{
	json_t *v = json_object_get(obj, key);
	char p[200];
	snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", key);
	if (v == NULL)
		return ij_fail(c, p, "missing");
	if (!json_is_string(v))
		return ij_fail(c, p, "must be a text (string)");
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	while (n > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t')) {
		s++;
		n--;
	}
	if (n == 0)
		return ij_fail(c, p, "must not be empty");
	if (strlen(s) != n)
		return ij_fail(c, p, "must not contain a NUL character");
	*out = arena_strdup(c->a, json_string_value(v));
	return 0;
}

int ij_get_num(struct ij_ctx *c, json_t *obj, const char *path, const char *key, double *out)
{
	json_t *v = json_object_get(obj, key);
	char p[200];
	snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", key);
	if (v == NULL)
		return ij_fail(c, p, "missing");
	if (!json_is_number(v))
		return ij_fail(c, p, "must be a number");
	*out = json_number_value(v);
	return 0;
}

int ij_get_int(struct ij_ctx *c, json_t *obj, const char *path, const char *key, int lo, int hi,
               int *out)
{
	json_t *v = json_object_get(obj, key);
	char p[200];
	snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", key);
	if (v == NULL)
		return ij_fail(c, p, "missing");
	if (!json_is_integer(v))
		return ij_fail(c, p, "must be a whole number");
	json_int_t i = json_integer_value(v);
	if (i < lo || i > hi)
		return ij_fail(c, p, "must be between %d and %d (is %lld)", lo, hi, (long long)i);
	*out = (int)i;
	return 0;
}

/* An array member with lo..hi elements. */
int ij_get_array(struct ij_ctx *c, json_t *obj, const char *path, const char *key, size_t lo,
                 size_t hi, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	char p[200];
	snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", key);
	if (v == NULL)
		return ij_fail(c, p, "missing");
	if (!json_is_array(v))
		return ij_fail(c, p, "must be a list (array)");
	size_t n = json_array_size(v);
	if (n < lo || n > hi)
		return ij_fail(c, p, "must have %zu to %zu entries (has %zu)", lo, hi, n);
	*out = v;
	return 0;
}

int ij_get_object(struct ij_ctx *c, json_t *obj, const char *path, const char *key, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	char p[200];
	snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", key);
	if (v == NULL)
		return ij_fail(c, p, "missing");
	if (!json_is_object(v))
		return ij_fail(c, p, "must be an object");
	*out = v;
	return 0;
}

/* An id: 1-40 of [a-z0-9_-]. */
/* The failure "PATH.id: id "X" is used twice". */
int ij_dup_id(struct ij_ctx *c, const char *path, const char *id)
{
	char p[260];
	snprintf(p, sizeof(p), "%s.id", path);
	return ij_fail(c, p, "id \"%s\" is used twice", id);
}

int ij_check_id(struct ij_ctx *c, const char *path, const char *id)
{
	size_t n = strlen(id);
	char p[260];
	snprintf(p, sizeof(p), "%s.id", path);
	path = p;
	if (n > 40)
		return ij_fail(c, path, "\"%s\" is longer than 40 characters", id);
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '_' || id[i] == '-'))
			return ij_fail(c, path, "\"%s\" may hold only a-z, 0-9, '_' and '-'", id);
	return 0;
}

/* Parses the text, or reports the syntax error with line and column. */
json_t *ij_load(struct ij_ctx *c, const char *json, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		snprintf(c->err, c->errlen, "%s: line %d, column %d: %s", c->name, je.line,
		         je.column, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		ij_fail(c, "(top)", "must be an object");
		json_decref(root);
		return NULL;
	}
	return root;
}

int ij_check_kind(struct ij_ctx *c, json_t *root, const char *want)
{
	const char *kind;
	if (ij_get_str(c, root, "", "instrument", &kind) != 0)
		return -1;
	if (strcmp(kind, want) != 0)
		return ij_fail(c, "instrument", "must be \"%s\" (is \"%s\")", want, kind);
	return 0;
}
