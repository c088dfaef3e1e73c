/*
 * knowledge_form.c - adding and changing a knowledge item: kind, community,
 * title, text in Markdown, a link, tags, the activity or conversation it
 * came from, who contributed, and for a document or photo its file (a
 * multipart/form-data form; a photo needs a description). Problems with
 * the file stand beside the file field; nothing is stored then.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/files.h"
#include "../core/workshop.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "knowledge_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

enum {
	F_KIND,
	F_COMMUNITY,
	F_TITLE,
	F_BODY,
	F_URL,
	F_TAGS,
	F_SOURCE,
	F_FILE,
	F_ALT,
	F_VERSION,
	N_KN_FIELDS
};

#define KN_MAX_NAMED 32 /* contributors one may name */

/* What the form offers: communities, and for the chosen one its sources and people. */
struct kn_choices {
	struct act_choices c;
	const char **community_values, **community_labels;
	long long community; /* the chosen community, 0 when not yet chosen */
	const char **source_values, **source_labels;
	struct activity_ref *people;
	size_t n_people;
};

static int load_choices(struct req *r, struct kn_choices *k, long long community)
{
	memset(k, 0, sizeof(*k));
	if (ui_act_choices(r, &k->c, true) != 0)
		return -1;
	size_t n = k->c.n_communities;
	k->community_values = arena_alloc(&r->arena, (n + 2) * sizeof(char *));
	k->community_labels = arena_alloc(&r->arena, (n + 2) * sizeof(char *));
	k->community_values[0] = "";
	k->community_labels[0] = T(KN_CHOOSE_COMMUNITY);
	for (size_t i = 0; i < n; i++) {
		k->community_values[i + 1] =
		    arena_printf(&r->arena, "%lld", k->c.communities[i].id);
		k->community_labels[i + 1] = ui_short(&r->arena, k->c.communities[i].name, 80);
		if (k->c.communities[i].id == community)
			k->community = community;
	}
	if (k->community == 0 && n == 1)
		k->community = k->c.communities[0].id;
	struct knowledge_source *acts = NULL, *convs = NULL;
	size_t n_acts = 0, n_convs = 0;
	struct knowledge_person *people = NULL;
	if (k->community && (knowledge_sources(r->db, &r->arena, r->org_id, k->community, 40, &acts,
	                                       &n_acts, &convs, &n_convs) != 0 ||
	                     knowledge_people(r->db, &r->arena, r->org_id, k->community, &people,
	                                      &k->n_people) != 0))
		return -1;
	/* an ambassadeur does not see the library's conversations */
	if (!(r->role & ROLES_READ))
		n_convs = 0;
	k->source_values = arena_alloc(&r->arena, (n_acts + n_convs + 2) * sizeof(char *));
	k->source_labels = arena_alloc(&r->arena, (n_acts + n_convs + 2) * sizeof(char *));
	size_t s = 0;
	k->source_values[s] = "";
	k->source_labels[s++] = T(KN_SOURCE_NONE);
	for (size_t i = 0; i < n_acts; i++) {
		k->source_values[s] = arena_printf(&r->arena, "a%lld", acts[i].id);
		k->source_labels[s++] =
		    T_printf(&r->arena, KN_SOURCE_ACTIVITY, ui_short(&r->arena, acts[i].title, 60),
		             ui_date(&r->arena, acts[i].date));
	}
	for (size_t i = 0; i < n_convs; i++) {
		k->source_values[s] = arena_printf(&r->arena, "c%lld", convs[i].id);
		k->source_labels[s++] = T_printf(&r->arena, KN_SOURCE_CONVERSATION,
		                                 ui_short(&r->arena, convs[i].title, 60),
		                                 ui_date(&r->arena, convs[i].date));
	}
	k->source_values[s] = NULL;
	k->people = arena_alloc(&r->arena, (k->n_people + 1) * sizeof(*k->people));
	for (size_t i = 0; i < k->n_people; i++)
		k->people[i] = (struct activity_ref){.id = people[i].id, .name = people[i].name};
	return 0;
}

static void kn_specs(struct field_spec *s, const struct kn_choices *k)
{
	s[F_KIND] = (struct field_spec){.name = "kind",
	                                .label = T(KN_KIND),
	                                .kind = FIELD_RADIO,
	                                .required = true,
	                                .options = knowledge_kinds,
	                                .option_labels = T_ROW(KN_KIND_VERHAAL),
	                                .option_hints = T_ROW(KN_KIND_HINT_VERHAAL),
	                                .required_msg = T(KN_ERR_KIND)};
	s[F_COMMUNITY] = (struct field_spec){.name = "community",
	                                     .label = T(KN_COMMUNITY),
	                                     .kind = FIELD_SELECT,
	                                     .required = true,
	                                     .max_len = 20,
	                                     .options = k->community_values,
	                                     .option_labels = k->community_labels,
	                                     .required_msg = T(KN_ERR_COMMUNITY)};
	s[F_TITLE] = (struct field_spec){.name = "title",
	                                 .label = T(KN_F_TITLE),
	                                 .hint = T(KN_F_TITLE_HINT),
	                                 .kind = FIELD_TEXT,
	                                 .required = true,
	                                 .max_len = KNOWLEDGE_TITLE_MAX,
	                                 .autocomplete = "off"};
	s[F_BODY] = (struct field_spec){.name = "body",
	                                .label = T(KN_F_BODY),
	                                .hint = T(KN_F_BODY_HINT),
	                                .kind = FIELD_TEXTAREA,
	                                .max_len = KNOWLEDGE_BODY_MAX,
	                                .rows = 10};
	s[F_URL] = (struct field_spec){.name = "url",
	                               .label = T(KN_F_URL),
	                               .hint = T(KN_F_URL_HINT),
	                               .kind = FIELD_TEXT,
	                               .max_len = KNOWLEDGE_URL_MAX,
	                               .autocomplete = "url"};
	s[F_TAGS] = (struct field_spec){.name = "tags",
	                                .label = T(KN_TAGS),
	                                .hint = T(KN_F_TAGS_HINT),
	                                .kind = FIELD_TEXT,
	                                .max_len = 600,
	                                .autocomplete = "off"};
	s[F_SOURCE] = (struct field_spec){.name = "source",
	                                  .label = T(KN_F_SOURCE),
	                                  .hint = T(KN_F_SOURCE_HINT),
	                                  .kind = FIELD_SELECT,
	                                  .max_len = 24,
	                                  .options = k->source_values,
	                                  .option_labels = k->source_labels};
	s[F_FILE] = (struct field_spec){.name = "file", .label = T(KN_F_FILE), .kind = FIELD_TEXT};
	s[F_ALT] = (struct field_spec){.name = "alt",
	                               .label = T(KN_F_ALT),
	                               .hint = T(KN_F_ALT_HINT),
	                               .kind = FIELD_TEXT,
	                               .max_len = FILE_ALT_MAX,
	                               .autocomplete = "off"};
	s[F_VERSION] =
	    (struct field_spec){.name = "version",
	                        .label_text = FIELD_TEXTS(F_KNOWLEDGE_FORM_VERSION_LABEL),
	                        .kind = FIELD_ID};
}

/* The file field: label, hint, the error beside it, the input (and the file kept). */
static void file_field(struct html *h, const struct form *f, const struct knowledge *old)
{
	const char *err = f->errors[F_FILE];
	html(h,
	     "<div class=\"utrecht-form-field kring-field%s\"><p class=\"utrecht-form-label\">"
	     "<label class=\"utrecht-form-label\" for=\"f-file\">%s</label></p>"
	     "<p class=\"utrecht-form-field-description\" id=\"f-file-hint\">%s</p>",
	     err ? " utrecht-form-field--invalid" : "", T(KN_F_FILE), T(KN_F_FILE_HINT));
	if (old && old->file_id)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(KN_F_FILE_KEPT));
	if (err)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"f-file-error\">%s</p>",
		     err);
	html(
	    h,
	    "<input class=\"utrecht-textbox kring-file\" type=\"file\" id=\"f-file\" name=\"file\" "
	    "accept=\".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp\" "
	    "aria-describedby=\"f-file-hint%s\"%s></div>",
	    err ? " f-file-error" : "", err ? " aria-invalid=\"true\"" : "");
}

/*
 * The new/edit page. old is the item being changed (NULL: a new one);
 * theirs is what someone else saved meanwhile (conflict).
 */
static int form_page(struct req *r, const struct kn_choices *k, struct form *f,
                     const long long *named, size_t n_named, const char *named_error,
                     const struct knowledge *old, const struct form *theirs, unsigned status)
{
	struct html h;
	const char *title = old ? T(KN_EDIT_TITLE) : T(KN_NEW_TITLE);
	page_begin(r, &h, title);
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\"><a "
	     "class=\"utrecht-link\" href=\"%s\">%s</a>",
	     T(CRUMBS_LABEL), ui_knowledge_url(r, 0, ""), T(KN_TITLE));
	if (old)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_knowledge_url(r, old->id, ""), ui_short(&r->arena, old->title, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, T(KN_FORM_INTRO));
	if (theirs) {
		page_notice(&h, "warning", T(CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	form_error_summary(&h, f);
	if (named_error)
		page_notice(&h, "error", named_error);
	html(&h,
	     "<form class=\"utrecht-form kring-form\" method=\"post\" action=\"%s\" "
	     "enctype=\"multipart/form-data\" novalidate><input type=\"hidden\" name=\"csrf\" "
	     "value=\"%s\">",
	     old ? ui_knowledge_url(r, old->id, "/edit")
	         : (k->community ? arena_printf(&r->arena, "/o/%s/knowledge/new?community=%lld",
	                                        r->org_slug, k->community)
	                         : ui_knowledge_url(r, 0, "/new")),
	     r->csrf ? r->csrf : "");
	form_version_field(&h, old ? form_value_id(theirs ? theirs : f, "version") : 0);
	form_field(&h, f, "kind");
	form_field(&h, f, "community");
	form_field(&h, f, "title");
	form_field(&h, f, "body");
	html(&h,
	     "<fieldset class=\"utrecht-form-fieldset kring-fieldset\"><legend "
	     "class=\"utrecht-form-fieldset__legend\">%s</legend>",
	     T(KN_FILE_LEGEND));
	file_field(&h, f, old);
	form_field(&h, f, "alt");
	html(&h, "</fieldset>");
	form_field(&h, f, "url");
	form_field(&h, f, "tags");
	if (k->community) {
		form_field(&h, f, "source");
		ui_id_checks(r, &h, "contributor", T(KN_F_CONTRIBUTORS), T(KN_F_CONTRIBUTORS_HINT),
		             NULL, true, k->people, k->n_people, named, n_named);
	}
	form_end(&h, old ? T(SAVE) : T(KN_CREATE_BUTTON));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* The item the form describes (tags parsed; ids from the selects). */
static struct knowledge from_form(struct req *r, const struct form *f)
{
	struct knowledge k = {0};
	k.kind = form_value(f, "kind");
	k.community_id = form_id_or_zero(form_value(f, "community"));
	k.title = form_value(f, "title");
	k.body = form_value(f, "body");
	k.url = form_value(f, "url");
	knowledge_tags_parse(&r->arena, form_value(f, "tags"), &k.tags, &k.n_tags);
	const char *src = form_value(f, "source");
	if (src[0] == 'a')
		k.activity_id = form_id_or_zero(src + 1);
	else if (src[0] == 'c')
		k.conversation_id = form_id_or_zero(src + 1);
	k.version = form_value_id(f, "version");
	return k;
}

static void to_form(struct req *r, struct form *f, const struct knowledge *k)
{
	form_set(f, "kind", k->kind);
	form_set(f, "community", arena_printf(&r->arena, "%lld", k->community_id));
	form_set(f, "title", k->title);
	form_set(f, "body", k->body);
	form_set(f, "url", k->url);
	struct buf b;
	buf_init(&b, &r->arena);
	for (size_t i = 0; i < k->n_tags; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", k->tags[i]);
	form_set(f, "tags", buf_str(&b));
	form_set(f, "source",
	         k->activity_id       ? arena_printf(&r->arena, "a%lld", k->activity_id)
	         : k->conversation_id ? arena_printf(&r->arena, "c%lld", k->conversation_id)
	                              : "");
	form_set(f, "alt", k->file_alt);
	form_set(f, "version", arena_printf(&r->arena, "%lld", k->version));
}

/* Puts a problem core found beside its field. */
static void problem_to_form(struct form *f, enum knowledge_problem why, int file_why,
                            const char **named_error)
{
	switch (why) {
	case KN_BAD_TITLE:
		form_error(f, "title", T(KN_ERR_TITLE));
		break;
	case KN_BAD_KIND:
		form_error(f, "kind", T(KN_ERR_KIND));
		break;
	case KN_BAD_BODY:
		form_error(f, "body", T(KN_ERR_BODY));
		break;
	case KN_BAD_URL:
		form_error(f, "url", T(KN_ERR_URL));
		break;
	case KN_BAD_TAGS:
		form_error(f, "tags", T(KN_ERR_TAGS));
		break;
	case KN_FOREIGN_COMMUNITY:
		form_error(f, "community", T(KN_ERR_COMMUNITY));
		break;
	case KN_FOREIGN_ACTIVITY:
	case KN_FOREIGN_CONVERSATION:
		form_error(f, "source", T(KN_ERR_SOURCE));
		break;
	case KN_FOREIGN_PERSON:
		*named_error = T(KN_ERR_PERSON);
		break;
	case KN_OK:
		break;
	}
	static const int file_texts[] = {
	    [FILE_MISSING] = TXT_KN_ERR_FILE_MISSING,  [FILE_EMPTY] = TXT_KN_ERR_FILE_EMPTY,
	    [FILE_TOO_BIG] = TXT_KN_ERR_FILE_TOO_BIG,  [FILE_REFUSED_TYPE] = TXT_KN_ERR_FILE_TYPE,
	    [FILE_LYING_TYPE] = TXT_KN_ERR_FILE_LYING, [FILE_NOT_IMAGE] = TXT_KN_ERR_FILE_IMAGE,
	    [FILE_NO_ALT] = TXT_KN_ERR_FILE_ALT,
	};
	if (file_why == FILE_NO_ALT)
		form_error(f, "alt", T(KN_ERR_FILE_ALT));
	else if (file_why > FILE_OK && file_why <= FILE_NO_ALT)
		form_error(f, "file", TX(file_texts[file_why]));
}

/* The file that came with the form, as core takes it. */
static struct knowledge_file_in file_of(struct req *r, const struct form *f)
{
	const struct upload *u = req_file(r, "file");
	struct knowledge_file_in in = {.max = r->cfg ? r->cfg->max_upload : 0,
	                               .alt = form_value(f, "alt")};
	if (in.max == 0)
		in.max = 10 * 1024 * 1024;
	if (u != NULL) {
		in.name = ui_short(&r->arena, u->filename, FILE_NAME_MAX);
		in.data = u->data;
		in.len = u->len;
	}
	return in;
}

int page_knowledge_new(struct req *r)
{
	struct kn_choices k;
	if (load_choices(r, &k, req_query_id(r, "community")) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_KN_FIELDS];
	kn_specs(specs, &k);
	struct form f;
	form_init(&f, specs, N_KN_FIELDS);
	if (k.community)
		form_set(&f, "community", arena_printf(&r->arena, "%lld", k.community));
	const char *kind = req_query(r, "soort");
	form_set(&f, "kind", kind && vocab_index(knowledge_kinds, kind) >= 0 ? kind : "verhaal");
	/* from a held workshop (?workshop=<id>, of this organisation): its title */
	long long ws_id = req_query_id(r, "workshop");
	if (ws_id > 0) {
		struct workshop w;
		int got = workshop_get(r->db, &r->arena, r->org_id, ws_id, &w);
		if (got < 0)
			return HANDLER_ERROR;
		if (got == 1)
			form_set(&f, "title", T_printf(&r->arena, KN_FROM_WORKSHOP, w.title));
	}
	long long me = r->person_id;
	return form_page(r, &k, &f, &me, 1, NULL, NULL, NULL, 200);
}

int page_knowledge_create(struct req *r)
{
	struct kn_choices k;
	long long cid = req_form_id(r, "community");
	if (load_choices(r, &k, cid) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_KN_FIELDS];
	kn_specs(specs, &k);
	struct form f;
	bool ok = form_read(r, &f, specs, N_KN_FIELDS);
	long long named[KN_MAX_NAMED];
	size_t n_named = ui_form_ids(r, "contributor", named, KN_MAX_NAMED);
	if (!ok)
		return form_page(r, &k, &f, named, n_named, NULL, NULL, NULL, 422);
	struct knowledge item = from_form(r, &f);
	struct knowledge_file_in file = file_of(r, &f);
	enum knowledge_problem why = KN_OK;
	int file_why = FILE_OK;
	long long id = 0;
	enum save_result rc = knowledge_create(r->db, r->org_id, r->person_id, r->only_attached,
	                                       &item, named, n_named, &file, &id, &why, &file_why);
	if (rc == SAVE_REFUSED || rc == SAVE_NOT_FOUND) {
		const char *named_error = NULL;
		problem_to_form(&f, why, file_why, &named_error);
		return form_page(r, &k, &f, named, n_named, named_error, NULL, NULL, 422);
	}
	return respond_save(r, rc, ui_knowledge_url(r, id, "?klaar=nieuw"));
}

int page_knowledge_edit(struct req *r)
{
	struct knowledge old;
	int found = knowledge_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &old);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct kn_choices k;
	if (load_choices(r, &k, old.community_id) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_KN_FIELDS];
	kn_specs(specs, &k);
	struct form f;
	form_init(&f, specs, N_KN_FIELDS);
	to_form(r, &f, &old);
	long long named[KN_MAX_NAMED];
	size_t n_named = 0;
	for (size_t i = 0; i < old.n_contributors && n_named < KN_MAX_NAMED; i++)
		named[n_named++] = old.contributors[i].id;
	return form_page(r, &k, &f, named, n_named, NULL, &old, NULL, 200);
}

int page_knowledge_save(struct req *r)
{
	struct knowledge old;
	int found = knowledge_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &old);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct kn_choices k;
	long long cid = req_form_id(r, "community");
	if (load_choices(r, &k, cid ? cid : old.community_id) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_KN_FIELDS];
	kn_specs(specs, &k);
	struct form f;
	bool ok = form_read(r, &f, specs, N_KN_FIELDS);
	long long named[KN_MAX_NAMED];
	size_t n_named = ui_form_ids(r, "contributor", named, KN_MAX_NAMED);
	if (form_value_id(&f, "version") == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (!ok)
		return form_page(r, &k, &f, named, n_named, NULL, &old, NULL, 422);
	struct knowledge item = from_form(r, &f);
	item.id = old.id;
	struct knowledge_file_in file = file_of(r, &f);
	enum knowledge_problem why = KN_OK;
	int file_why = FILE_OK;
	enum save_result rc =
	    knowledge_update(r->db, r->org_id, r->person_id, r->only_attached, &item, named,
	                     n_named, &file, false, &why, &file_why);
	if (rc == SAVE_REFUSED || (rc == SAVE_NOT_FOUND && why != KN_OK)) {
		const char *named_error = NULL;
		problem_to_form(&f, why, file_why, &named_error);
		return form_page(r, &k, &f, named, n_named, named_error, &old, NULL, 422);
	}
	if (rc == SAVE_CONFLICT) {
		struct knowledge now;
		int again =
		    knowledge_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &now);
		if (again < 0)
			return HANDLER_ERROR;
		if (again == 0)
			return respond_not_found(r);
		struct form theirs;
		form_init(&theirs, specs, N_KN_FIELDS);
		to_form(r, &theirs, &now);
		return form_page(r, &k, &f, named, n_named, NULL, &now, &theirs, 409);
	}
	return respond_save(r, rc, ui_knowledge_url(r, old.id, "?klaar=opgeslagen"));
}
