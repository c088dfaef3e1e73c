/*
 * instrument.h - the instruments as data (M2, M3): the meetlat (statements
 * per bouwsteen, scale, role groups, support forms, advice, phase rules)
 * and the readiness questions of step 1. They live in versioned JSON files
 * (instruments/meetlat.json, instruments/readiness.json), built into the
 * binary and optionally read from a directory at start, and are validated
 * when loaded: a broken file is named with its exact problem.
 *
 * A meetlat round keeps the exact instrument it was answered with (the
 * JSON text is stored with the round), so old results stay meaningful
 * after a support organisation changes the file.
 */
#ifndef KRING_INSTRUMENT_H
#define KRING_INSTRUMENT_H

#include <stddef.h>

#include "../util/arena.h"

#define ML_MAX_BOUWSTENEN    8  /* bouwstenen in one instrument */
#define ML_MAX_STATEMENTS    12 /* statements per bouwsteen */
#define ML_MAX_GROUPS        6  /* role groups */
#define ML_MAX_PHASES        5
#define ML_MAX_SCALE         10 /* points on the scale */
#define ML_MAX_STEPS         8  /* next steps per bouwsteen */
#define ML_MAX_SUPPORT       8  /* support forms */
#define ML_MIN_GROUP_DEFAULT 3  /* smallest role group shown when the file names none */
#define ML_MIN_GROUP_LOWEST  2  /* a file may not ask for less */
#define ML_MIN_GROUP_HIGHEST 50

struct ml_statement {
	const char *id;   /* stable id, stored with every answer ("cs1") */
	const char *text; /* the statement in Dutch */
};

struct ml_bouwsteen {
	const char *id;          /* "communicatie" */
	const char *name;        /* "Communicatie en Samenwerking" */
	const char *short_name;  /* for the chart's axis: "Communicatie" */
	const char *description; /* what the bouwsteen is about */
	struct ml_statement statements[ML_MAX_STATEMENTS];
	size_t n_statements;
	int support[ML_MAX_SUPPORT]; /* indexes into instrument->support */
	size_t n_support;
	const char *steps[ML_MAX_STEPS]; /* concrete next steps */
	size_t n_steps;
};

struct ml_group {
	const char *id;    /* "directie" */
	const char *label; /* "Directie en management" */
};

struct ml_support {
	const char *id;    /* "intervisie" */
	const char *label; /* "Intervisie" */
	const char *text;  /* what it is */
};

struct ml_phase_rule {
	int fase;             /* 1, 2, 3 in ascending order */
	const char *title;    /* "Eerste stappen" */
	const char *question; /* the questions of this phase (seed 003) */
	double min_each;      /* every bouwsteen at least this mean ... */
	double min_mean;      /* ... and the mean of the bouwstenen at least this */
};

struct meetlat_instrument {
	const char *version; /* as written in the file ("2026.1") */
	const char *title;
	const char *source;
	int scale_min, scale_max;               /* e.g. 1 and 5 */
	const char *scale_labels[ML_MAX_SCALE]; /* one per point, min first */
	const char *dont_know;                  /* label of "no answer" */
	struct ml_group groups[ML_MAX_GROUPS];
	size_t n_groups;
	double weak_below; /* a bouwsteen with a lower mean is weak */
	/*
	 * Smallest role group shown on its own ("min_group", default
	 * ML_MIN_GROUP_DEFAULT): a group cell answered by fewer people is hidden
	 * and their comments carry no group, so nobody can be recognised.
	 */
	int min_group;
	struct ml_support support[ML_MAX_SUPPORT];
	size_t n_support;
	struct ml_bouwsteen bouwstenen[ML_MAX_BOUWSTENEN];
	size_t n_bouwstenen;
	struct ml_phase_rule phases[ML_MAX_PHASES];
	size_t n_phases;
};

#define RD_MAX_QUESTIONS 12

struct rd_question {
	const char *id;
	const char *text;
	const char *if_no; /* what to arrange first when the answer is no */
};

struct readiness_instrument {
	const char *version;
	const char *title;
	const char *source;
	int enough_yes; /* this many "ja" answers: go ahead */
	struct rd_question questions[RD_MAX_QUESTIONS];
	size_t n_questions;
	const char *advice_ready;
	const char *advice_not_ready;
	const char *tip;
};

/*
 * Parses and validates a meetlat instrument from JSON text. Strings and
 * arrays are copied into a. name is the file name used in messages. On
 * failure returns -1 and writes "NAME: PATH: problem" (or "NAME: line L,
 * column C: problem" for a syntax error) to err. Returns 0 on success.
 */
int instrument_parse_meetlat(struct arena *a, const char *json, size_t len, const char *name,
                             struct meetlat_instrument *out, char *err, size_t errlen);

/* The same for the readiness questions. */
int instrument_parse_readiness(struct arena *a, const char *json, size_t len, const char *name,
                               struct readiness_instrument *out, char *err, size_t errlen);

/*
 * Loads the current instruments for the whole process: from dir (files
 * meetlat.json and readiness.json; zelftest.json and pulse.json when dir
 * holds them, else the built-in copies of those two) when dir is not NULL,
 * else the copies built into the binary. Call once at start, before threads; calling again
 * replaces them (tests). Returns 0, or -1 with the message in err.
 */
int instruments_load(const char *dir, char *err, size_t errlen);

/* The current instruments (after instruments_load; NULL before). */
const struct meetlat_instrument *instrument_meetlat(void);
const struct readiness_instrument *instrument_readiness(void);
/* The JSON text the current meetlat instrument was read from (stored with a round). */
const char *instrument_meetlat_json(void);

/* Releases what instruments_load() holds (tests, exit). */
void instruments_free(void);

/*
 * The instruments of meetlat rounds, parsed once per process: a round
 * stores the hash of the exact text it was answered with, and every view
 * of it needs that text parsed. The cache is keyed by that hash (at most
 * ML_CACHE_KEY_MAX characters), thread-safe, and holds at most
 * ML_CACHE_MAX versions; beyond that a text is parsed on every call, as
 * before. Entries stay until instrument_cache_clear(), so what a lookup
 * copies into *out stays valid.
 */
#define ML_CACHE_MAX     16
#define ML_CACHE_KEY_MAX 64

/* Copies the cached instrument with this hash into *out: 1, or 0 when not cached. */
int instrument_cache_get(const char *hash, struct meetlat_instrument *out);
/*
 * Parses json like instrument_parse_meetlat() and keeps the result under
 * hash (when there is room; else the strings live in a). 0 or -1 with err.
 */
int instrument_cache_parse(struct arena *a, const char *hash, const char *json, size_t len,
                           const char *name, struct meetlat_instrument *out, char *err,
                           size_t errlen);
/* How many versions are cached (tests). */
size_t instrument_cache_size(void);
/* Empties the cache (tests, exit): only while no other thread uses it. */
void instrument_cache_clear(void);

/* Index of the statement with id in bouwsteen b of in, or -1. */
int ml_find_statement(const struct meetlat_instrument *in, size_t b, const char *id);
/* Index of a role group by id, or -1. */
int ml_find_group(const struct meetlat_instrument *in, const char *id);

#endif
