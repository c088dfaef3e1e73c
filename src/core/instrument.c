/*
 * instrument.c - reading and validating the instrument files (see instrument.h).
 */
#include "instrument.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/embed.h"
#include "instrument_json.h"
#include "pulse.h"
#include "zelftest.h"

/* ---- meetlat ---- */

static int parse_meetlat(struct ij_ctx *c, json_t *root, struct meetlat_instrument *m)
{
	char p[200];
	json_t *scale, *arr;
	if (ij_check_kind(c, root, "meetlat") || ij_get_str(c, root, "", "version", &m->version) ||
	    ij_get_str(c, root, "", "title", &m->title) ||
	    ij_get_str(c, root, "", "source", &m->source))
		return -1;

	/* scale */
	if (ij_get_object(c, root, "", "scale", &scale) ||
	    ij_get_int(c, scale, "scale", "min", 0, 10, &m->scale_min) ||
	    ij_get_int(c, scale, "scale", "max", 1, 10, &m->scale_max) ||
	    ij_get_str(c, scale, "scale", "dont_know", &m->dont_know))
		return -1;
	int points = m->scale_max - m->scale_min + 1;
	if (points < 2 || points > ML_MAX_SCALE)
		return ij_fail(c, "scale", "max must be above min, with at most %d points",
		               ML_MAX_SCALE);
	if (ij_get_array(c, scale, "scale", "labels", (size_t)points, (size_t)points, &arr))
		return -1;
	for (int i = 0; i < points; i++) {
		json_t *v = json_array_get(arr, (size_t)i);
		snprintf(p, sizeof(p), "scale.labels[%d]", i);
		if (!json_is_string(v) || json_string_length(v) == 0)
			return ij_fail(c, p, "must be a non-empty text");
		m->scale_labels[i] = arena_strdup(c->a, json_string_value(v));
	}

	/* role groups */
	if (ij_get_array(c, root, "", "role_groups", 1, ML_MAX_GROUPS, &arr))
		return -1;
	m->n_groups = json_array_size(arr);
	for (size_t i = 0; i < m->n_groups; i++) {
		json_t *g = json_array_get(arr, i);
		snprintf(p, sizeof(p), "role_groups[%zu]", i);
		if (!json_is_object(g))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, g, p, "id", &m->groups[i].id) ||
		    ij_get_str(c, g, p, "label", &m->groups[i].label) ||
		    ij_check_id(c, p, m->groups[i].id))
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(m->groups[k].id, m->groups[i].id) == 0)
				return ij_dup_id(c, p, m->groups[i].id);
	}

	double weak;
	if (ij_get_num(c, root, "", "weak_below", &weak))
		return -1;
	if (weak < m->scale_min || weak > m->scale_max)
		return ij_fail(c, "weak_below", "must lie on the scale (%d to %d)", m->scale_min,
		               m->scale_max);
	m->weak_below = weak;

	/* the smallest role group shown on its own: optional, default 3 */
	m->min_group = ML_MIN_GROUP_DEFAULT;
	if (json_object_get(root, "min_group") != NULL &&
	    ij_get_int(c, root, "", "min_group", ML_MIN_GROUP_LOWEST, ML_MIN_GROUP_HIGHEST,
	               &m->min_group))
		return -1;

	/* support forms */
	if (ij_get_array(c, root, "", "support", 1, ML_MAX_SUPPORT, &arr))
		return -1;
	m->n_support = json_array_size(arr);
	for (size_t i = 0; i < m->n_support; i++) {
		json_t *s = json_array_get(arr, i);
		snprintf(p, sizeof(p), "support[%zu]", i);
		if (!json_is_object(s))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, s, p, "id", &m->support[i].id) ||
		    ij_get_str(c, s, p, "label", &m->support[i].label) ||
		    ij_get_str(c, s, p, "text", &m->support[i].text) ||
		    ij_check_id(c, p, m->support[i].id))
			return -1;
	}

	/* bouwstenen */
	if (ij_get_array(c, root, "", "bouwstenen", 1, ML_MAX_BOUWSTENEN, &arr))
		return -1;
	m->n_bouwstenen = json_array_size(arr);
	for (size_t i = 0; i < m->n_bouwstenen; i++) {
		struct ml_bouwsteen *b = &m->bouwstenen[i];
		json_t *o = json_array_get(arr, i), *st, *adv, *list;
		snprintf(p, sizeof(p), "bouwstenen[%zu]", i);
		if (!json_is_object(o))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, o, p, "id", &b->id) || ij_check_id(c, p, b->id) ||
		    ij_get_str(c, o, p, "name", &b->name) ||
		    ij_get_str(c, o, p, "short", &b->short_name) ||
		    ij_get_str(c, o, p, "description", &b->description) ||
		    ij_get_array(c, o, p, "statements", 1, ML_MAX_STATEMENTS, &st) ||
		    ij_get_object(c, o, p, "advice", &adv))
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(m->bouwstenen[k].id, b->id) == 0)
				return ij_dup_id(c, p, b->id);
		b->n_statements = json_array_size(st);
		for (size_t s = 0; s < b->n_statements; s++) {
			json_t *so = json_array_get(st, s);
			char sp[240];
			snprintf(sp, sizeof(sp), "%s.statements[%zu]", p, s);
			if (!json_is_object(so))
				return ij_fail(c, sp, "must be an object");
			if (ij_get_str(c, so, sp, "id", &b->statements[s].id) ||
			    ij_check_id(c, sp, b->statements[s].id) ||
			    ij_get_str(c, so, sp, "text", &b->statements[s].text))
				return -1;
			/* statement ids are unique in the whole instrument */
			for (size_t bb = 0; bb <= i; bb++)
				for (size_t ss = 0;
				     ss < (bb == i ? s : m->bouwstenen[bb].n_statements); ss++)
					if (strcmp(m->bouwstenen[bb].statements[ss].id,
					           b->statements[s].id) == 0)
						return ij_dup_id(c, sp, b->statements[s].id);
		}
		char ap[240];
		snprintf(ap, sizeof(ap), "%s.advice", p);
		if (ij_get_array(c, adv, ap, "support", 1, ML_MAX_SUPPORT, &list))
			return -1;
		b->n_support = json_array_size(list);
		for (size_t k = 0; k < b->n_support; k++) {
			json_t *v = json_array_get(list, k);
			char sp[300];
			snprintf(sp, sizeof(sp), "%s.support[%zu]", ap, k);
			if (!json_is_string(v))
				return ij_fail(c, sp, "must be a text (string)");
			b->support[k] = -1;
			for (size_t x = 0; x < m->n_support; x++)
				if (strcmp(m->support[x].id, json_string_value(v)) == 0)
					b->support[k] = (int)x;
			if (b->support[k] < 0)
				return ij_fail(c, sp, "\"%s\" is not one of the ids in support",
				               json_string_value(v));
		}
		if (ij_get_array(c, adv, ap, "steps", 1, ML_MAX_STEPS, &list))
			return -1;
		b->n_steps = json_array_size(list);
		for (size_t k = 0; k < b->n_steps; k++) {
			json_t *v = json_array_get(list, k);
			char sp[300];
			snprintf(sp, sizeof(sp), "%s.steps[%zu]", ap, k);
			if (!json_is_string(v) || json_string_length(v) == 0)
				return ij_fail(c, sp, "must be a non-empty text");
			b->steps[k] = arena_strdup(c->a, json_string_value(v));
		}
	}

	/* phases: ascending, the first one open to everyone */
	if (ij_get_array(c, root, "", "phases", 1, ML_MAX_PHASES, &arr))
		return -1;
	m->n_phases = json_array_size(arr);
	for (size_t i = 0; i < m->n_phases; i++) {
		struct ml_phase_rule *f = &m->phases[i];
		json_t *o = json_array_get(arr, i);
		snprintf(p, sizeof(p), "phases[%zu]", i);
		if (!json_is_object(o))
			return ij_fail(c, p, "must be an object");
		if (ij_get_int(c, o, p, "fase", 1, 9, &f->fase) ||
		    ij_get_str(c, o, p, "title", &f->title) ||
		    ij_get_str(c, o, p, "question", &f->question) ||
		    ij_get_num(c, o, p, "min_each", &f->min_each) ||
		    ij_get_num(c, o, p, "min_mean", &f->min_mean))
			return -1;
		if (f->fase != (int)i + 1)
			return ij_fail(
			    c, p, "fase must be %zu (phases are numbered 1, 2, 3 in order)", i + 1);
		if (i == 0 && (f->min_each > m->scale_min || f->min_mean > m->scale_min))
			return ij_fail(c, p,
			               "the first phase must be open to every score "
			               "(min_each and min_mean at most the scale's min)");
		if (f->min_each > m->scale_max || f->min_mean > m->scale_max)
			return ij_fail(c, p,
			               "min_each and min_mean must not exceed the scale's max (%d)",
			               m->scale_max);
		if (i > 0 && (f->min_each < m->phases[i - 1].min_each ||
		              f->min_mean < m->phases[i - 1].min_mean))
			return ij_fail(c, p,
			               "min_each and min_mean must not be lower than in the "
			               "phase before");
	}
	return 0;
}

int instrument_parse_meetlat(struct arena *a, const char *json, size_t len, const char *name,
                             struct meetlat_instrument *out, char *err, size_t errlen)
{
	struct ij_ctx c = {a, name, err, errlen};
	memset(out, 0, sizeof(*out));
	json_t *root = ij_load(&c, json, len);
	if (root == NULL)
		return -1;
	int rc = parse_meetlat(&c, root, out);
	json_decref(root);
	return rc;
}

/* ---- readiness ---- */

static int parse_readiness(struct ij_ctx *c, json_t *root, struct readiness_instrument *r)
{
	json_t *arr;
	char p[200];
	if (ij_check_kind(c, root, "readiness") ||
	    ij_get_str(c, root, "", "version", &r->version) ||
	    ij_get_str(c, root, "", "title", &r->title) ||
	    ij_get_str(c, root, "", "source", &r->source) ||
	    ij_get_array(c, root, "", "questions", 1, RD_MAX_QUESTIONS, &arr))
		return -1;
	r->n_questions = json_array_size(arr);
	for (size_t i = 0; i < r->n_questions; i++) {
		struct rd_question *q = &r->questions[i];
		json_t *o = json_array_get(arr, i);
		snprintf(p, sizeof(p), "questions[%zu]", i);
		if (!json_is_object(o))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, o, p, "id", &q->id) || ij_check_id(c, p, q->id) ||
		    ij_get_str(c, o, p, "text", &q->text) ||
		    ij_get_str(c, o, p, "if_no", &q->if_no))
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(r->questions[k].id, q->id) == 0)
				return ij_dup_id(c, p, q->id);
	}
	if (ij_get_int(c, root, "", "enough_yes", 1, (int)r->n_questions, &r->enough_yes) ||
	    ij_get_str(c, root, "", "advice_ready", &r->advice_ready) ||
	    ij_get_str(c, root, "", "advice_not_ready", &r->advice_not_ready) ||
	    ij_get_str(c, root, "", "tip", &r->tip))
		return -1;
	return 0;
}

int instrument_parse_readiness(struct arena *a, const char *json, size_t len, const char *name,
                               struct readiness_instrument *out, char *err, size_t errlen)
{
	struct ij_ctx c = {a, name, err, errlen};
	memset(out, 0, sizeof(*out));
	json_t *root = ij_load(&c, json, len);
	if (root == NULL)
		return -1;
	int rc = parse_readiness(&c, root, out);
	json_decref(root);
	return rc;
}

/* ---- the process-wide current instruments ---- */

static struct arena g_arena;
static struct meetlat_instrument g_meetlat;
static struct readiness_instrument g_readiness;
static const char *g_meetlat_json;
static struct zelftest_instrument g_zelftest;
static struct pulse_instrument g_pulse;
static int g_loaded;

/* Reads DIR/NAME into the arena; NULL with a message when it cannot. */
static char *read_file(struct arena *a, const char *dir, const char *name, size_t *len, char *err,
                       size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	struct buf b;
	buf_init(&b, a);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(&b, chunk, n);
		if (b.len > 4 * 1024 * 1024) {
			fclose(f);
			snprintf(err, errlen, "%s: larger than 4 MiB", path);
			return NULL;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: cannot read", path);
		return NULL;
	}
	*len = b.len;
	return (char *)buf_str(&b);
}

static const struct embedded_file *embedded(const char *name)
{
	for (size_t i = 0; i < n_embedded_instruments; i++)
		if (strcmp(embedded_instruments[i].name, name) == 0)
			return &embedded_instruments[i];
	return NULL;
}

/* The text of one instrument file: from dir or built in. */
static const char *source_of(struct arena *a, const char *dir, const char *name, size_t *len,
                             const char **label, char *err, size_t errlen)
{
	if (dir != NULL) {
		*label = arena_printf(a, "%s/%s", dir, name);
		return read_file(a, dir, name, len, err, errlen);
	}
	const struct embedded_file *f = embedded(name);
	*label = arena_printf(a, "instruments/%s (built in)", name);
	if (f == NULL) {
		snprintf(err, errlen, "%s: missing from the build", *label);
		return NULL;
	}
	*len = f->len;
	return (const char *)f->data;
}

/*
 * The directory to read a later-added instrument from: dir when it holds
 * the file, else NULL (the built-in copy), so a directory made for the
 * meetlat alone keeps working.
 */
static const char *dir_with(struct arena *a, const char *dir, const char *name)
{
	if (dir == NULL)
		return NULL;
	const char *path = arena_printf(a, "%s/%s", dir, name);
	return access(path, F_OK) == 0 || errno != ENOENT ? dir : NULL;
}

int instruments_load(const char *dir, char *err, size_t errlen)
{
	struct zelftest_instrument z;
	struct pulse_instrument pu;
	struct arena a;
	struct meetlat_instrument m;
	struct readiness_instrument r;
	const char *label;
	size_t len;
	arena_init(&a);
	const char *mj = source_of(&a, dir, "meetlat.json", &len, &label, err, errlen);
	if (mj == NULL || instrument_parse_meetlat(&a, mj, len, label, &m, err, errlen) != 0)
		goto fail;
	const char *copy = arena_strndup(&a, mj, len);
	const char *rj = source_of(&a, dir, "readiness.json", &len, &label, err, errlen);
	if (rj == NULL || instrument_parse_readiness(&a, rj, len, label, &r, err, errlen) != 0)
		goto fail;
	const char *zdir = dir_with(&a, dir, "zelftest.json");
	const char *zj = source_of(&a, zdir, "zelftest.json", &len, &label, err, errlen);
	if (zj == NULL || instrument_parse_zelftest(&a, zj, len, label, &z, err, errlen) != 0)
		goto fail;
	const char *pdir = dir_with(&a, dir, "pulse.json");
	const char *pj = source_of(&a, pdir, "pulse.json", &len, &label, err, errlen);
	if (pj == NULL || instrument_parse_pulse(&a, pj, len, label, &pu, err, errlen) != 0)
		goto fail;
	instruments_free();
	g_arena = a;
	g_meetlat = m;
	g_readiness = r;
	g_meetlat_json = copy;
	g_zelftest = z;
	g_pulse = pu;
	g_loaded = 1;
	return 0;
fail:
	arena_free(&a);
	return -1;
}

void instruments_free(void)
{
	if (g_loaded)
		arena_free(&g_arena);
	g_loaded = 0;
	g_meetlat_json = NULL;
	instrument_cache_clear();
}

/* ---- the instruments rounds were answered with, parsed once per version ---- */

struct cached_instrument {
	char hash[ML_CACHE_KEY_MAX + 1];
	struct arena arena; /* everything in.* points into */
	struct meetlat_instrument in;
};

/*
 * Entries are added, never changed or removed while threads run, so a
 * copy of an entry's struct stays valid (its strings live in the entry's
 * arena) after the lock is released.
 */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached_instrument *cache[ML_CACHE_MAX];
static size_t cache_n;

int instrument_cache_get(const char *hash, struct meetlat_instrument *out)
{
	int found = 0;
	if (hash == NULL)
		return 0;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < cache_n && !found; i++)
		if (strcmp(cache[i]->hash, hash) == 0) {
			*out = cache[i]->in;
			found = 1;
		}
	pthread_mutex_unlock(&cache_lock);
	return found;
}

int instrument_cache_parse(struct arena *a, const char *hash, const char *json, size_t len,
                           const char *name, struct meetlat_instrument *out, char *err,
                           size_t errlen)
{
	if (hash == NULL || strlen(hash) > ML_CACHE_KEY_MAX)
		return instrument_parse_meetlat(a, json, len, name, out, err, errlen);
	struct cached_instrument *e = calloc(1, sizeof(*e));
	if (e == NULL)
		return instrument_parse_meetlat(a, json, len, name, out, err, errlen);
	arena_init(&e->arena);
	/* parsed outside the lock: two threads may both parse; the first one kept wins */
	if (instrument_parse_meetlat(&e->arena, json, len, name, &e->in, err, errlen) != 0) {
		arena_free(&e->arena);
		free(e);
		return -1;
	}
	memcpy(e->hash, hash, strlen(hash) + 1);
	int kept = 0, other = 0;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < cache_n && !other; i++)
		if (strcmp(cache[i]->hash, hash) == 0) {
			*out = cache[i]->in; /* another thread was first */
			other = 1;
		}
	if (!other && cache_n < ML_CACHE_MAX) {
		cache[cache_n++] = e;
		*out = e->in;
		kept = 1;
	}
	pthread_mutex_unlock(&cache_lock);
	if (kept)
		return 0;
	arena_free(&e->arena);
	free(e);
	if (other)
		return 0;
	/* the cache is full (more versions than ML_CACHE_MAX): parse into a, as before */
	return instrument_parse_meetlat(a, json, len, name, out, err, errlen);
}

size_t instrument_cache_size(void)
{
	pthread_mutex_lock(&cache_lock);
	size_t n = cache_n;
	pthread_mutex_unlock(&cache_lock);
	return n;
}

void instrument_cache_clear(void)
{
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < cache_n; i++) {
		arena_free(&cache[i]->arena);
		free(cache[i]);
	}
	cache_n = 0;
	pthread_mutex_unlock(&cache_lock);
}

const struct meetlat_instrument *instrument_meetlat(void)
{
	return g_loaded ? &g_meetlat : NULL;
}

const struct readiness_instrument *instrument_readiness(void)
{
	return g_loaded ? &g_readiness : NULL;
}

const struct zelftest_instrument *instrument_zelftest(void)
{
	return g_loaded ? &g_zelftest : NULL;
}

const struct pulse_instrument *instrument_pulse(void)
{
	return g_loaded ? &g_pulse : NULL;
}

const char *instrument_meetlat_json(void)
{
	return g_meetlat_json;
}

int ml_find_statement(const struct meetlat_instrument *in, size_t b, const char *id)
{
	if (b >= in->n_bouwstenen)
		return -1;
	for (size_t s = 0; s < in->bouwstenen[b].n_statements; s++)
		if (strcmp(in->bouwstenen[b].statements[s].id, id) == 0)
			return (int)s;
	return -1;
}

int ml_find_group(const struct meetlat_instrument *in, const char *id)
{
	for (size_t g = 0; g < in->n_groups; g++)
		if (strcmp(in->groups[g].id, id) == 0)
			return (int)g;
	return -1;
}
