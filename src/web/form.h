/*
 * form.h - forms: declared fields, reading and validating a request body,
 * rendering with Dutch labels, hints and error messages.
 *
 * A form is declared as an array of struct field_spec. The form layer
 * refuses what it cannot hold: a declaration with more fields than a
 * struct form has room for aborts with a message naming the declaration
 * (it would otherwise lose fields, such as a hidden version). Ids and
 * versions are FIELD_ID: a strict positive decimal, read with form_id().
 */
#ifndef KRING_FORM_H
#define KRING_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "../http/server.h"
#include "html.h"

enum field_kind {
	FIELD_TEXT,
	FIELD_EMAIL,
	FIELD_PASSWORD,
	FIELD_TEXTAREA,
	FIELD_SELECT,
	FIELD_RADIO, /* a fieldset of radio buttons; not required adds "weet ik nog niet" ("") */
	FIELD_DATE,  /* a calendar date "YYYY-MM-DD" (util/date.h) */
	FIELD_ID,    /* an id or version (form_parse_id()); rendered as a hidden input */
};

struct field_spec {
	const char *name;  /* form field name */
	const char *label; /* Dutch label */
	const char *hint;  /* Dutch help text or NULL */
	enum field_kind kind;
	bool required;
	size_t max_len;                   /* characters; 0 means 1000 */
	const char *const *options;       /* FIELD_SELECT: values, NULL-terminated */
	const char *const *option_labels; /* FIELD_SELECT: labels, same order */
	const char *autocomplete;         /* autocomplete attribute or NULL */
	const char *required_msg;        /* Dutch message when a required field is empty, or NULL */
	const char *optional_note;       /* replaces "(niet verplicht)" for an optional field */
	const char *const *option_hints; /* FIELD_RADIO: a Dutch explanation per option, or NULL */
	int rows;                        /* FIELD_TEXTAREA: visible lines; 0 means 5 */
	/* instead of option_labels / option_hints in a declaration outside a
	 * function (which cannot name a language): the texts from an id on,
	 * read in the request's language: .option_text = FIELD_TEXTS(ID) */
	int option_text;      /* 1 + the enum text_id of the first label, or 0 */
	int option_hint_text; /* 1 + the enum text_id of the first hint, or 0 */
	/* the same for label, hint, required_msg and optional_note: a text of
	 * the table (FIELD_TEXTS(ID)) instead of a pointer; 0 means the pointer */
	int label_text;
	int hint_text;
	int required_text;
	int optional_text;
};

/* The value of option_text / option_hint_text for the texts from TXT_<id> on. */
#define FIELD_TEXTS(id) (1 + TXT_##id)

/* A field's label, hint, required message and optional note, in the
 * request's language; NULL where the field has none (the label: ""). */
const char *field_label(const struct field_spec *s);
const char *field_hint(const struct field_spec *s);
const char *field_required_msg(const struct field_spec *s);
const char *field_optional_note(const struct field_spec *s);

/* The label of option k (0-based) of a FIELD_SELECT or FIELD_RADIO field. */
const char *field_option_label(const struct field_spec *s, size_t k);
/* The hint of option k, or NULL when the field has none. */
const char *field_option_hint(const struct field_spec *s, size_t k);

/* Fields one struct form holds; a longer declaration aborts (see form_init()). */
#define FORM_MAX_FIELDS 32

struct form {
	const struct field_spec *specs;
	size_t n_specs;
	const char *values[FORM_MAX_FIELDS]; /* what the user typed (trimmed) */
	const char *errors[FORM_MAX_FIELDS]; /* Dutch message per field, or NULL */
	int n_errors;
	const char *id_prefix; /* makes ids unique when a page has several forms */
};

/*
 * Prepares a form with no values (for a GET). More than FORM_MAX_FIELDS
 * specs is a programming error: aborts, naming the declaration (the specs
 * expression as written at the call) and the place.
 */
#define form_init(f, specs, n_specs) form_init_((f), (specs), (n_specs), #specs, __FILE__, __LINE__)
void form_init_(struct form *f, const struct field_spec *specs, size_t n_specs, const char *what,
                const char *file, int line);
/*
 * Reads the declared fields from the request body and validates them
 * (required, length, UTF-8 already checked, option lists, dates, ids).
 * Undeclared fields are ignored. Returns true when there are no errors.
 * Aborts like form_init() on too many specs.
 */
#define form_read(r, f, specs, n_specs)                                                            \
	form_read_((r), (f), (specs), (n_specs), #specs, __FILE__, __LINE__)
bool form_read_(struct req *r, struct form *f, const struct field_spec *specs, size_t n_specs,
                const char *what, const char *file, int line);
/* Sets a value (e.g. from the database) for rendering. */
void form_set(struct form *f, const char *name, const char *value);
/* Value of a field ("" when empty). */
const char *form_value(const struct form *f, const char *name);
/*
 * The number in a FIELD_ID field: 0 when it is empty. form_read() already
 * refused anything but a strict id. Asking for a field that is not a
 * declared FIELD_ID is a programming error and aborts.
 */
long long form_id(const struct form *f, const char *name);
/* Adds an error to a field. */
void form_error(struct form *f, const char *name, const char *message);
/* Opens <form method="post"> with the CSRF field. */
void form_begin(struct html *h, struct req *r, const char *action);
/* The error summary with links to the fields (writes nothing without errors). */
void form_error_summary(struct html *h, const struct form *f);
/* Label, hint, error and input of one declared field (a FIELD_ID: a hidden input). */
void form_field(struct html *h, const struct form *f, const char *name);
/* Label of a declared field ("" when unknown), e.g. to show a conflict. */
const char *form_label(const struct form *f, const char *name);
/*
 * A whole delete confirmation form: posts to action with the version the
 * person saw (a delete names it, like every change), a danger button
 * labelled confirm, and a link back to cancel_url labelled cancel.
 */
void form_delete_confirm(struct html *h, struct req *r, const char *action, long long version,
                         const char *confirm, const char *cancel_url, const char *cancel);
/*
 * The hidden version field of a form that changes a record: the version
 * the person started from. Nothing for a new record (version 0): a
 * FIELD_ID is a positive number, and an absent one reads as 0.
 */
void form_version_field(struct html *h, long long version);
/* Submit button and </form>. */
void form_end(struct html *h, const char *button_label);

/* ---- ids from request input ---- */

/* Largest id or version accepted: 2^53 - 1 (exact in a double, in JSON). */
#define FORM_ID_MAX 9007199254740991LL

/*
 * Parses an id or version strictly: decimal digits only, the first not 0,
 * no sign, space or other character, at most FORM_ID_MAX. Returns true and
 * sets *out, or false (and leaves *out alone). NULL gives false.
 */
bool form_parse_id(const char *s, long long *out);
/* s as an id (form_parse_id()), or 0 when NULL or not an id: request input
 * that names a record, a choice or a version (0 names nothing). */
long long form_id_or_zero(const char *s);
/* The declared field name of f as an id, or 0 (form_id_or_zero()). */
long long form_value_id(const struct form *f, const char *name);
/* The query parameter name as an id (form_parse_id()), or 0 when absent or not an id. */
long long req_query_id(struct req *r, const char *name);
/* The body field name as an id (form_parse_id()), or 0 when absent or not an id. */
long long req_form_id(struct req *r, const char *name);

#endif
