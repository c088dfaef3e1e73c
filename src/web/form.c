/*
 * form.c - declared forms: reading, validating, rendering (see form.h).
 */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n/text.h"
#include "../util/date.h"

static int spec_index(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n_specs; i++)
		if (strcmp(f->specs[i].name, name) == 0)
			return (int)i;
	return -1;
}

void form_init_(struct form *f, const struct field_spec *specs, size_t n_specs, const char *what,
                const char *file, int line)
{
	if (n_specs > FORM_MAX_FIELDS) {
		/* a cut form would lose fields (a hidden version, say) without a word */
		fprintf(stderr,
		        "kring: form %s (%s:%d) declares %zu fields; a struct form holds %d "
		        "(FORM_MAX_FIELDS in web/form.h)\n",
		        what, file, line, n_specs, FORM_MAX_FIELDS);
		abort();
	}
	memset(f, 0, sizeof(*f));
	f->specs = specs;
	f->n_specs = n_specs;
}

/* Number of characters (code points) in valid UTF-8. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

bool form_read_(struct req *r, struct form *f, const struct field_spec *specs, size_t n_specs,
                const char *what, const char *file, int line)
{
	form_init_(f, specs, n_specs, what, file, line);
	for (size_t i = 0; i < f->n_specs; i++) {
		const struct field_spec *s = &specs[i];
		const char *v = req_form(r, s->name);
		if (v == NULL)
			v = "";
		/* a password is taken as typed, an id strictly as sent */
		if (s->kind != FIELD_PASSWORD && s->kind != FIELD_ID)
			v = trim(&r->arena, v);
		f->values[i] = v;
		size_t max = s->max_len ? s->max_len : 1000;
		if (s->required && v[0] == '\0') {
			f->errors[i] = field_required_msg(s)
			                   ? field_required_msg(s)
			                   : T_printf(&r->arena, FORM_REQUIRED, field_label(s));
		} else if (utf8_chars(v) > max) {
			f->errors[i] =
			    T_printf(&r->arena, FORM_TOO_LONG, field_label(s), max, utf8_chars(v));
		} else if (s->kind == FIELD_EMAIL && v[0] != '\0' &&
		           (strchr(v, '@') == NULL || strchr(v, ' ') != NULL || v[0] == '@' ||
		            strchr(v, '@')[1] == '\0')) {
			f->errors[i] = T(FORM_BAD_EMAIL);
		} else if (s->kind == FIELD_ID && v[0] != '\0' &&
		           !form_parse_id(v, &(long long){0})) {
			f->errors[i] = T_printf(&r->arena, FORM_BAD_ID, field_label(s));
		} else if (s->kind == FIELD_DATE && v[0] != '\0' && !date_valid(v)) {
			f->errors[i] = T_printf(&r->arena, FORM_BAD_DATE, field_label(s));
		} else if ((s->kind == FIELD_SELECT || s->kind == FIELD_RADIO) && v[0] != '\0') {
			bool ok = false;
			for (size_t k = 0; s->options && s->options[k]; k++)
				ok |= strcmp(s->options[k], v) == 0;
			if (!ok)
				f->errors[i] = T_printf(&r->arena, FORM_BAD_CHOICE, field_label(s));
		}
		if (f->errors[i])
			f->n_errors++;
	}
	return f->n_errors == 0;
}

void form_set(struct form *f, const char *name, const char *value)
{
	int i = spec_index(f, name);
	if (i >= 0)
		f->values[i] = value;
}

const char *form_value(const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	return i >= 0 && f->values[i] ? f->values[i] : "";
}

void form_error(struct form *f, const char *name, const char *message)
{
	int i = spec_index(f, name);
	if (i < 0)
		return;
	if (f->errors[i] == NULL)
		f->n_errors++;
	f->errors[i] = message;
}

long long form_id(const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	if (i < 0 || f->specs[i].kind != FIELD_ID) {
		fprintf(stderr, "kring: form_id(\"%s\"): not a declared FIELD_ID\n", name);
		abort();
	}
	long long id = 0;
	return f->values[i] && form_parse_id(f->values[i], &id) ? id : 0;
}

const char *form_label(const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	return i >= 0 ? field_label(&f->specs[i]) : "";
}

/* A group of radio buttons in a fieldset; the legend is the label. */
/* A text of the table (1 + id) when set, else the declared pointer. */
static const char *field_text(int id, const char *declared)
{
	return id > 0 ? TX(id - 1) : declared;
}

const char *field_label(const struct field_spec *s)
{
	const char *l = field_text(s->label_text, s->label);
	return l ? l : "";
}

const char *field_hint(const struct field_spec *s)
{
	return field_text(s->hint_text, s->hint);
}

const char *field_required_msg(const struct field_spec *s)
{
	return field_text(s->required_text, s->required_msg);
}

const char *field_optional_note(const struct field_spec *s)
{
	return field_text(s->optional_text, s->optional_note);
}

const char *field_option_label(const struct field_spec *s, size_t k)
{
	return s->option_text > 0 ? TX(s->option_text - 1 + (int)k) : s->option_labels[k];
}

const char *field_option_hint(const struct field_spec *s, size_t k)
{
	if (s->option_hint_text > 0)
		return TX(s->option_hint_text - 1 + (int)k);
	return s->option_hints ? s->option_hints[k] : NULL;
}

static void radio_field(struct html *h, const struct form *f, const struct field_spec *s,
                        const char *pre)
{
	const char *v = form_value(f, s->name);
	const char *err = f->errors[spec_index(f, s->name)];
	html(h,
	     "<div class=\"utrecht-form-field kring-field%s\">"
	     "<fieldset class=\"utrecht-form-fieldset kring-fieldset\" id=\"%s%s\"",
	     err ? " utrecht-form-field--invalid" : "", pre, s->name);
	if (field_hint(s) && err)
		html(h, " aria-describedby=\"%s%s-hint %s%s-error\"", pre, s->name, pre, s->name);
	else if (field_hint(s))
		html(h, " aria-describedby=\"%s%s-hint\"", pre, s->name);
	else if (err)
		html(h, " aria-describedby=\"%s%s-error\"", pre, s->name);
	html(h, "><legend class=\"utrecht-form-label kring-legend\">%s", field_label(s));
	if (!s->required)
		html(h, " <span class=\"kring-optional\">%s</span>", T(FORM_OPTIONAL));
	html(h, "</legend>");
	if (field_hint(s))
		html(h, "<p class=\"utrecht-form-field-description\" id=\"%s%s-hint\">%s</p>", pre,
		     s->name, field_hint(s));
	if (err)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"%s%s-error\">%s</p>",
		     pre, s->name, err);
	html(h, "<div class=\"kring-options\">");
	size_t n_opts = 0;
	while (s->options && s->options[n_opts])
		n_opts++;
	/* an optional choice can be left open again: "weet ik nog niet" */
	for (size_t k = s->required ? 1 : 0; k <= n_opts; k++) {
		const char *value = k == 0 ? "" : s->options[k - 1];
		const char *label = k == 0 ? T(FORM_NOT_KNOWN) : field_option_label(s, k - 1);
		const char *hint = k > 0 ? field_option_hint(s, k - 1) : NULL;
		html(h,
		     "<div class=\"kring-option\"><input class=\"utrecht-radio-button "
		     "utrecht-radio-button--html-input\" type=\"radio\" "
		     "id=\"%s%s-%zu\" name=\"%s\" value=\"%s\"%s",
		     pre, s->name, k, s->name, value, strcmp(value, v) == 0 ? " checked" : "");
		if (hint)
			html(h, " aria-describedby=\"%s%s-%zu-hint\"", pre, s->name, k);
		html(h, "><label class=\"kring-option__label\" for=\"%s%s-%zu\">%s</label>", pre,
		     s->name, k, label);
		if (hint)
			html(h, "<span class=\"kring-option__hint\" id=\"%s%s-%zu-hint\">%s</span>",
			     pre, s->name, k, hint);
		html(h, "</div>");
	}
	html(h, "</div></fieldset></div>");
}

void form_begin(struct html *h, struct req *r, const char *action)
{
	html(h,
	     "<form class=\"utrecht-form kring-form\" method=\"post\" action=\"%s\" novalidate>"
	     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     action, r->csrf ? r->csrf : "");
}

void form_version_field(struct html *h, long long version)
{
	if (version > 0)
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", version);
}

void form_delete_confirm(struct html *h, struct req *r, const char *action, long long version,
                         const char *confirm, const char *cancel_url, const char *cancel)
{
	form_begin(h, r, action);
	html(h,
	     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button>"
	     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
	     "href=\"%s\">%s</a></p></form>",
	     version, confirm, cancel_url, cancel);
}

void form_error_summary(struct html *h, const struct form *f)
{
	if (f->n_errors == 0)
		return;
	html(h,
	     "<div class=\"utrecht-alert utrecht-alert--error kring-error-summary\" role=\"alert\">"
	     "<h2 class=\"utrecht-heading-3\">%s</h2><ul class=\"utrecht-unordered-list\">",
	     T(FORM_ERRORS_TITLE));
	for (size_t i = 0; i < f->n_specs; i++)
		if (f->errors[i])
			html(h, "<li><a class=\"utrecht-link\" href=\"#%s%s\">%s</a></li>",
			     f->id_prefix ? f->id_prefix : "f-", f->specs[i].name, f->errors[i]);
	html(h, "</ul></div>");
}

void form_field(struct html *h, const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	if (i < 0)
		return;
	const struct field_spec *s = &f->specs[i];
	const char *pre = f->id_prefix ? f->id_prefix : "f-";
	const char *v = f->values[i] ? f->values[i] : "";
	if (s->kind == FIELD_RADIO) {
		radio_field(h, f, s, pre);
		return;
	}
	if (s->kind == FIELD_ID) {
		html(h, "<input type=\"hidden\" id=\"%s%s\" name=\"%s\" value=\"%s\">", pre,
		     s->name, s->name, v);
		return;
	}
	const char *err = f->errors[i];
	html(h, "<div class=\"utrecht-form-field kring-field%s\">",
	     err ? " utrecht-form-field--invalid" : "");
	html(h,
	     "<p class=\"utrecht-form-label\"><label class=\"utrecht-form-label\" for=\"%s%s\">%s",
	     pre, s->name, field_label(s));
	if (!s->required)
		html(h, " <span class=\"kring-optional\">%s</span>",
		     field_optional_note(s) ? field_optional_note(s) : T(FORM_OPTIONAL));
	html(h, "</label></p>");
	if (field_hint(s))
		html(h, "<p class=\"utrecht-form-field-description\" id=\"%s%s-hint\">%s</p>", pre,
		     s->name, field_hint(s));
	if (err)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"%s%s-error\">%s</p>",
		     pre, s->name, err);
	/* aria-describedby lists the hint and error that exist */
	const char *desc = "";
	if (field_hint(s) && err)
		desc = "both";
	else if (field_hint(s))
		desc = "hint";
	else if (err)
		desc = "error";
	const char *ac = s->autocomplete;
	switch (s->kind) {
	case FIELD_TEXTAREA:
		html(h, "<textarea class=\"utrecht-textarea\" id=\"%s%s\" name=\"%s\" rows=\"%d\"",
		     pre, s->name, s->name, s->rows > 0 ? s->rows : 5);
		break;
	case FIELD_SELECT:
		html(h, "<select class=\"utrecht-select\" id=\"%s%s\" name=\"%s\"", pre, s->name,
		     s->name);
		break;
	default:
		html(h, "<input class=\"utrecht-textbox\" id=\"%s%s\" name=\"%s\" type=\"%s\"", pre,
		     s->name, s->name,
		     s->kind == FIELD_EMAIL      ? "email"
		     : s->kind == FIELD_PASSWORD ? "password"
		     : s->kind == FIELD_DATE     ? "date"
		                                 : "text");
		if (s->kind != FIELD_PASSWORD)
			html(h, " value=\"%s\"", v);
		break;
	}
	if (s->required)
		html(h, " required aria-required=\"true\"");
	if (err)
		html(h, " aria-invalid=\"true\"");
	if (ac)
		html(h, " autocomplete=\"%s\"", ac);
	if (strcmp(desc, "both") == 0)
		html(h, " aria-describedby=\"%s%s-hint %s%s-error\"", pre, s->name, pre, s->name);
	else if (strcmp(desc, "hint") == 0)
		html(h, " aria-describedby=\"%s%s-hint\"", pre, s->name);
	else if (strcmp(desc, "error") == 0)
		html(h, " aria-describedby=\"%s%s-error\"", pre, s->name);
	if (s->kind == FIELD_TEXTAREA) {
		html(h, ">%s</textarea>", v);
	} else if (s->kind == FIELD_SELECT) {
		html(h, ">");
		for (size_t k = 0; s->options && s->options[k]; k++)
			html(h, "<option value=\"%s\"%s>%s</option>", s->options[k],
			     strcmp(s->options[k], v) == 0 ? " selected" : "",
			     field_option_label(s, k));
		html(h, "</select>");
	} else {
		html(h, ">");
	}
	html(h, "</div>");
}

void form_end(struct html *h, const char *button_label)
{
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\">%s</button></p></form>",
	     button_label);
}

/* ---- ids from request input ---- */

bool form_parse_id(const char *s, long long *out)
{
	if (s == NULL || s[0] < '1' || s[0] > '9')
		return false;
	long long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v > (FORM_ID_MAX - (*p - '0')) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

long long form_id_or_zero(const char *s)
{
	long long id = 0;
	return form_parse_id(s, &id) ? id : 0;
}

long long form_value_id(const struct form *f, const char *name)
{
	return form_id_or_zero(form_value(f, name));
}

long long req_query_id(struct req *r, const char *name)
{
	long long id = 0;
	return form_parse_id(req_query(r, name), &id) ? id : 0;
}

long long req_form_id(struct req *r, const char *name)
{
	long long id = 0;
	return form_parse_id(req_form(r, name), &id) ? id : 0;
}
