/*
 * zelftest_instrument.c - reading and validating instruments/zelftest.json
 * and instruments/pulse.json (see zelftest.h and pulse.h): every problem is
 * named with the file and the path in it, as for the meetlat.
 */
#include <stdio.h>
#include <string.h>

#include "instrument_json.h"
#include "pulse.h"
#include "zelftest.h"

/* scale.min, scale.max and one label per point. */
static int parse_scale(struct ij_ctx *c, json_t *root, int *lo, int *hi, const char **labels,
                       size_t max_points)
{
	json_t *scale, *arr;
	if (ij_get_object(c, root, "", "scale", &scale) ||
	    ij_get_int(c, scale, "scale", "min", 0, 10, lo) ||
	    ij_get_int(c, scale, "scale", "max", 1, 10, hi))
		return -1;
	int points = *hi - *lo + 1;
	if (points < 2 || (size_t)points > max_points)
		return ij_fail(c, "scale", "max must be above min, with at most %zu points",
		               max_points);
	if (ij_get_array(c, scale, "scale", "labels", (size_t)points, (size_t)points, &arr))
		return -1;
	for (int i = 0; i < points; i++) {
		json_t *v = json_array_get(arr, (size_t)i);
		char p[64];
		snprintf(p, sizeof(p), "scale.labels[%d]", i);
		if (!json_is_string(v) || json_string_length(v) == 0)
			return ij_fail(c, p, "must be a text that is not empty");
		labels[i] = arena_strdup(c->a, json_string_value(v));
	}
	return 0;
}

/* ---- zelftest ---- */

static int parse_zelftest(struct ij_ctx *c, json_t *root, struct zelftest_instrument *z)
{
	json_t *secs;
	if (ij_check_kind(c, root, "zelftest") || ij_get_str(c, root, "", "version", &z->version) ||
	    ij_get_str(c, root, "", "title", &z->title) ||
	    ij_get_str(c, root, "", "source", &z->source) ||
	    ij_get_str(c, root, "", "intro", &z->intro) ||
	    parse_scale(c, root, &z->scale_min, &z->scale_max, z->scale_labels, ZT_MAX_SCALE))
		return -1;
	if (z->scale_min < 1)
		return ij_fail(c, "scale.min", "must be at least 1 (0 means no answer)");
	if (ij_get_array(c, root, "", "sections", 1, ZT_MAX_SECTIONS, &secs))
		return -1;
	z->n_sections = json_array_size(secs);
	for (size_t s = 0; s < z->n_sections; s++) {
		struct zt_section *sec = &z->sections[s];
		json_t *o = json_array_get(secs, s), *items;
		char p[64];
		snprintf(p, sizeof(p), "sections[%zu]", s);
		if (!json_is_object(o))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, o, p, "id", &sec->id) || ij_check_id(c, p, sec->id) ||
		    ij_get_str(c, o, p, "name", &sec->name) ||
		    ij_get_str(c, o, p, "description", &sec->description) ||
		    ij_get_array(c, o, p, "items", 1, ZT_MAX_ITEMS, &items))
			return -1;
		for (size_t k = 0; k < s; k++)
			if (strcmp(z->sections[k].id, sec->id) == 0)
				return ij_dup_id(c, p, sec->id);
		size_t n_items = json_array_size(items);
		for (size_t i = 0; i < n_items; i++) {
			struct zt_item *it = &sec->items[i];
			sec->n_items = i; /* the items before this one, for the duplicate check */
			json_t *io = json_array_get(items, i);
			char q[128];
			snprintf(q, sizeof(q), "%s.items[%zu]", p, i);
			if (!json_is_object(io))
				return ij_fail(c, q, "must be an object");
			if (ij_get_str(c, io, q, "id", &it->id) || ij_check_id(c, q, it->id) ||
			    ij_get_str(c, io, q, "short", &it->short_name) ||
			    ij_get_str(c, io, q, "text", &it->text))
				return -1;
			size_t fs, fi;
			if (zt_find_item(z, it->id, &fs, &fi))
				return ij_dup_id(c, q, it->id);
			if (z->n_items == ZT_MAX_ALL)
				return ij_fail(c, q, "more than %d items in all", ZT_MAX_ALL);
			z->n_items++;
		}
		sec->n_items = n_items;
	}
	return 0;
}

bool zt_find_item(const struct zelftest_instrument *in, const char *id, size_t *s, size_t *i)
{
	for (size_t a = 0; a < in->n_sections; a++)
		for (size_t b = 0; b < in->sections[a].n_items; b++)
			if (in->sections[a].items[b].id &&
			    strcmp(in->sections[a].items[b].id, id) == 0) {
				*s = a;
				*i = b;
				return true;
			}
	return false;
}

int instrument_parse_zelftest(struct arena *a, const char *json, size_t len, const char *name,
                              struct zelftest_instrument *out, char *err, size_t errlen)
{
	struct ij_ctx c = {a, name, err, errlen};
	memset(out, 0, sizeof(*out));
	json_t *root = ij_load(&c, json, len);
	if (root == NULL)
		return -1;
	int rc = parse_zelftest(&c, root, out);
	json_decref(root);
	return rc;
}

/* ---- pulse ---- */

static int parse_pulse(struct ij_ctx *c, json_t *root, struct pulse_instrument *pi)
{
	json_t *ings;
	if (ij_check_kind(c, root, "pulse") || ij_get_str(c, root, "", "version", &pi->version) ||
	    ij_get_str(c, root, "", "title", &pi->title) ||
	    ij_get_str(c, root, "", "source", &pi->source) ||
	    ij_get_str(c, root, "", "intro", &pi->intro) ||
	    ij_get_int(c, root, "", "min_answers", PULSE_MIN_ANSWERS_LOWEST, 100,
	               &pi->min_answers) ||
	    parse_scale(c, root, &pi->scale_min, &pi->scale_max, pi->scale_labels, PU_MAX_SCALE))
		return -1;
	if (pi->scale_min < 1)
		return ij_fail(c, "scale.min", "must be at least 1");
	if (ij_get_array(c, root, "", "ingredients", 2, PU_MAX_INGREDIENTS, &ings))
		return -1;
	pi->n_ingredients = json_array_size(ings);
	size_t total = 0;
	for (size_t g = 0; g < pi->n_ingredients; g++) {
		struct pu_ingredient *ing = &pi->ingredients[g];
		json_t *o = json_array_get(ings, g), *sts;
		char p[64];
		snprintf(p, sizeof(p), "ingredients[%zu]", g);
		if (!json_is_object(o))
			return ij_fail(c, p, "must be an object");
		if (ij_get_str(c, o, p, "id", &ing->id) || ij_check_id(c, p, ing->id) ||
		    ij_get_str(c, o, p, "name", &ing->name) ||
		    ij_get_str(c, o, p, "description", &ing->description) ||
		    ij_get_array(c, o, p, "statements", 1, PU_MAX_STATEMENTS, &sts))
			return -1;
		for (size_t k = 0; k < g; k++)
			if (strcmp(pi->ingredients[k].id, ing->id) == 0)
				return ij_dup_id(c, p, ing->id);
		ing->n_statements = json_array_size(sts);
		for (size_t i = 0; i < ing->n_statements; i++) {
			struct pu_statement *st = &ing->statements[i];
			json_t *so = json_array_get(sts, i);
			char q[128];
			snprintf(q, sizeof(q), "%s.statements[%zu]", p, i);
			if (!json_is_object(so))
				return ij_fail(c, q, "must be an object");
			if (ij_get_str(c, so, q, "id", &st->id) || ij_check_id(c, q, st->id) ||
			    ij_get_str(c, so, q, "text", &st->text))
				return -1;
			for (size_t h = 0; h <= g; h++)
				for (size_t k = 0;
				     k < (h == g ? i : pi->ingredients[h].n_statements); k++)
					if (strcmp(pi->ingredients[h].statements[k].id, st->id) ==
					    0)
						return ij_dup_id(c, q, st->id);
		}
		total += ing->n_statements;
	}
	if (total < PU_MIN_TOTAL || total > PU_MAX_TOTAL)
		return ij_fail(c, "ingredients", "must hold %d to %d statements in all (has %zu)",
		               PU_MIN_TOTAL, PU_MAX_TOTAL, total);
	return ij_get_str(c, root, "", "open_question", &pi->open_question);
}

int instrument_parse_pulse(struct arena *a, const char *json, size_t len, const char *name,
                           struct pulse_instrument *out, char *err, size_t errlen)
{
	struct ij_ctx c = {a, name, err, errlen};
	memset(out, 0, sizeof(*out));
	json_t *root = ij_load(&c, json, len);
	if (root == NULL)
		return -1;
	int rc = parse_pulse(&c, root, out);
	json_decref(root);
	return rc;
}
