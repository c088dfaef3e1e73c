/*
 * zelftest.h - the zelftest (M10, issue 12): a private self-assessment of
 * the communicative qualities (Fers) and the three roles (bouwer,
 * verbinder, aanjager), defined in instruments/zelftest.json. Each time a
 * person takes it is a dated moment with one score per item.
 *
 * PRIVATE: a moment is read only through its owner's person id, or through
 * zelftest_shared_with(), which names the one beheerder the owner chose;
 * revoking deletes that share. Every query names the organisation.
 * Returned strings and arrays live in the given arena.
 */
#ifndef KRING_ZELFTEST_H
#define KRING_ZELFTEST_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

#define ZT_MAX_SECTIONS 4
#define ZT_MAX_ITEMS    10 /* items per section */
#define ZT_MAX_ALL      20 /* items in the whole instrument */
#define ZT_MAX_SCALE    10

struct zt_item {
	const char *id;         /* stable, stored with every score ("open") */
	const char *short_name; /* for the chart and the table ("Open houding") */
	const char *text;       /* the statement */
};

struct zt_section {
	const char *id;   /* "kwaliteiten" */
	const char *name; /* "Communicatieve kwaliteiten" */
	const char *description;
	struct zt_item items[ZT_MAX_ITEMS];
	size_t n_items;
};

struct zelftest_instrument {
	const char *version;
	const char *title;
	const char *source;
	const char *intro;
	int scale_min, scale_max;
	const char *scale_labels[ZT_MAX_SCALE]; /* one per point, min first */
	struct zt_section sections[ZT_MAX_SECTIONS];
	size_t n_sections;
	size_t n_items; /* over all sections */
};

/*
 * Parses and validates a zelftest instrument (strings into a). On failure
 * -1 and "NAME: PATH: problem" (or "NAME: line L, column C: ...") in err.
 */
int instrument_parse_zelftest(struct arena *a, const char *json, size_t len, const char *name,
                              struct zelftest_instrument *out, char *err, size_t errlen);

/* The current zelftest instrument (instruments_load() reads it), or NULL. */
const struct zelftest_instrument *instrument_zelftest(void);

/* The item with this id: its section and index through s and i; false when unknown. */
bool zt_find_item(const struct zelftest_instrument *in, const char *id, size_t *s, size_t *i);

/* One moment: the scores in the order of the current instrument's items (0 = none). */
struct zt_moment {
	long long id;
	const char *taken_on; /* YYYY-MM-DD */
	const char *version;  /* instrument version it was taken with */
	int scores[ZT_MAX_ALL];
};

/*
 * Stores a moment for person (today by the clock, or taken_on when not
 * NULL: the demo) with values[] in the order of the instrument's items,
 * each within the scale. SAVE_REFUSED for a value off the scale. SAVE_OK
 * and *id_out.
 */
enum save_result zelftest_save(struct db *db, long long org_id, long long person_id,
                               const struct zelftest_instrument *in, const int *values,
                               const char *taken_on, long long *id_out);

/* The person's moments, oldest first. 0, or -1 on error. */
int zelftest_moments(struct db *db, struct arena *a, long long org_id, long long person_id,
                     const struct zelftest_instrument *in, struct zt_moment **out, size_t *n_out);

/* The beheerder the person shares with: 1 and *manager_id, 0 none, -1 error. */
int zelftest_share_of(struct db *db, long long org_id, long long person_id, long long *manager_id);

/*
 * True (1) when person shares their zelftest with viewer; 0 not; -1 error.
 * The owner themselves is not "shared with" (callers check that first).
 */
int zelftest_shared_with(struct db *db, long long org_id, long long person_id, long long viewer);

/*
 * Shares the person's zelftest with manager_id, who must be a beheerder of
 * the organisation other than the person (SAVE_NOT_FOUND otherwise);
 * replaces an earlier share. manager_id 0 revokes. Audit entry written.
 */
enum save_result zelftest_share(struct db *db, long long org_id, long long person_id,
                                long long manager_id);

#endif
