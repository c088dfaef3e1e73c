/*
 * layout.h - the one page layout, the Dutch error pages, forms with their
 * validation messages, and date formatting.
 */
#ifndef KRING_LAYOUT_H
#define KRING_LAYOUT_H

#include <stdbool.h>

#include "../http/server.h"
#include "html.h"

/*
 * Starts a page: doctype, head, skip link, header with navigation for the
 * person's role in r's organisation, and opens <main>. title is text.
 */
void page_begin(struct req *r, struct html *h, const char *title);
/* A script from /assets/ (CSP allows only these; pages work without them). */
void page_script(struct html *h, const char *name);
/* Closes <main>, writes the footer, and sets the response (status). */
void page_end(struct req *r, struct html *h, unsigned status);

/*
 * Sets the Dutch error page for status (400, 403, 404, 405, 413, 414, 431,
 * 503; anything else is a 500) as the response. Shows no organisation. Also
 * the server's error-page callback (struct server_app, given by main.c).
 */
void resp_error(struct req *r, unsigned status);

/* A notice box: kind is "ok", "warning" or "error". */
void page_notice(struct html *h, const char *kind, const char *text);

/* ---- forms ---- */

enum field_kind {
	FIELD_TEXT,
	FIELD_EMAIL,
	FIELD_PASSWORD,
	FIELD_TEXTAREA,
	FIELD_SELECT,
	FIELD_RADIO, /* a fieldset of radio buttons; not required adds "weet ik nog niet" ("") */
	FIELD_DATE,  /* a calendar date "YYYY-MM-DD" (util/date.h) */
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
};

#define FORM_MAX_FIELDS 16

struct form {
	const struct field_spec *specs;
	size_t n_specs;
	const char *values[FORM_MAX_FIELDS]; /* what the user typed (trimmed) */
	const char *errors[FORM_MAX_FIELDS]; /* Dutch message per field, or NULL */
	int n_errors;
	const char *id_prefix; /* makes ids unique when a page has several forms */
};

/* Prepares a form with no values (for a GET). */
void form_init(struct form *f, const struct field_spec *specs, size_t n_specs);
/*
 * Reads the declared fields from the request body and validates them
 * (required, length, UTF-8 already checked, option lists). Undeclared
 * fields are ignored. Returns true when there are no errors.
 */
bool form_read(struct req *r, struct form *f, const struct field_spec *specs, size_t n_specs);
/* Sets a value (e.g. from the database) for rendering. */
void form_set(struct form *f, const char *name, const char *value);
/* Value of a field ("" when empty). */
const char *form_value(const struct form *f, const char *name);
/* Adds an error to a field. */
void form_error(struct form *f, const char *name, const char *message);
/* Opens <form method="post"> with the CSRF field. */
void form_begin(struct html *h, struct req *r, const char *action);
/* The error summary with links to the fields (writes nothing without errors). */
void form_error_summary(struct html *h, const struct form *f);
/* Label, hint, error and input of one declared field. */
void form_field(struct html *h, const struct form *f, const char *name);
/* Label of a declared field ("" when unknown), e.g. to show a conflict. */
const char *form_label(const struct form *f, const char *name);
/* Submit button and </form>. */
void form_end(struct html *h, const char *button_label);

/* ---- formatting ---- */

/* "23 november 2026, 14:05" in Dutch, local time (Europe/Amsterdam). */
const char *fmt_datetime(struct arena *a, long long epoch);
/* "23 november 2026". */
const char *fmt_date(struct arena *a, long long epoch);

#endif
