/*
 * activity_ui.c - pieces shared by the activity screens (see activity_ui.h).
 */
#include "activity_ui.h"

#include <string.h>

#include "../core/community.h"
#include "../core/org.h"
#include "../core/partner.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "community_ui.h"

const char *ui_activity_url(struct req *r, long long id, const char *suffix)
{
	if (id == 0)
		return arena_printf(&r->arena, "/o/%s/activities%s", r->org_slug, suffix);
	return arena_printf(&r->arena, "/o/%s/activities/%lld%s", r->org_slug, id, suffix);
}

const char *ui_made_label(const char *made)
{
	int i = vocab_index(activity_mades, made);
	return i < 0 ? "" : TX(TXT_MADE_VOOR + i);
}

const char *ui_made_hint(const char *made)
{
	int i = vocab_index(activity_mades, made);
	return i < 0 ? "" : TX(TXT_MADE_HINT_VOOR + i);
}

const char *ui_act_status_label(const char *status)
{
	int i = vocab_index(activity_statuses, status);
	return i < 0 ? "" : TX(TXT_ACT_STATUS_PLANNED + i);
}

void ui_made_badge(struct html *h, const struct activity *act)
{
	html(h, "<span class=\"kring-badge kring-badge--made-%s\">%s</span>", act->made,
	     ui_made_label(act->made));
	if (strcmp(act->status, "held") != 0)
		html(h, " <span class=\"kring-badge kring-badge--%s\">%s</span>",
		     strcmp(act->status, "planned") == 0 ? "gepland" : "gestopt",
		     ui_act_status_label(act->status));
}

const char *ui_act_when(struct arena *a, const struct activity *act)
{
	const char *d = ui_date(a, act->held_on);
	if (act->starts_at[0] && act->ends_at[0])
		return arena_printf(a, "%s, %s–%s", d, act->starts_at, act->ends_at);
	if (act->starts_at[0])
		return arena_printf(a, "%s, %s", d, act->starts_at);
	return d;
}

const char *ui_act_where(const struct activity *act)
{
	return act->branch_id ? act->branch_name : act->place;
}

const char *ui_act_count(struct arena *a, const struct activity *act)
{
	if (act->participants < 0)
		return T(ACT_NOT_COUNTED);
	return TN_printf(a, ACT_N_PARTICIPANTS, act->participants, act->participants);
}

const char *ui_act_communities(struct arena *a, const struct activity *act)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < act->n_communities; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", act->communities[i].name);
	return buf_str(&b);
}

bool ui_act_confirmable(const struct activity *act, const char *today)
{
	return strcmp(act->status, "planned") == 0 && strcmp(act->held_on, today) <= 0;
}

static int read_member_ref(struct req *r, struct activity_ref **out, size_t *n_out)
{
	struct member *ms;
	size_t n;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &ms, &n) != 0)
		return -1;
	*out = arena_alloc(&r->arena, (n + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = (struct activity_ref){.id = ms[i].person_id, .name = ms[i].name};
	*n_out = n;
	return 0;
}

int ui_act_choices(struct req *r, struct act_choices *c, bool form)
{
	memset(c, 0, sizeof(*c));
	struct branch *bs;
	size_t n_bs;
	struct partner_ref *ps = NULL;
	size_t n_ps = 0;
	if (activity_community_choices(r->db, &r->arena, r->org_id, r->only_attached,
	                               &c->communities, &c->n_communities) != 0 ||
	    branch_list(r->db, &r->arena, r->org_id, &bs, &n_bs) != 0 ||
	    (form && (read_member_ref(r, &c->staff, &c->n_staff) != 0 ||
	              partner_choices(r->db, &r->arena, r->org_id, &ps, &n_ps) != 0)))
		return -1;
	c->branch_values = arena_alloc(&r->arena, (n_bs + 2) * sizeof(*c->branch_values));
	c->branch_labels = arena_alloc(&r->arena, (n_bs + 2) * sizeof(*c->branch_labels));
	c->branch_values[0] = "";
	c->branch_labels[0] = T(AF_ELSEWHERE);
	for (size_t i = 0; i < n_bs; i++) {
		c->branch_values[i + 1] = arena_printf(&r->arena, "%lld", bs[i].id);
		c->branch_labels[i + 1] = ui_short(&r->arena, bs[i].name, 80);
	}
	c->branch_values[n_bs + 1] = NULL;
	c->branch_labels[n_bs + 1] = NULL;
	c->n_branches = n_bs + 1;
	c->partners = arena_alloc(&r->arena, (n_ps + 1) * sizeof(*c->partners));
	for (size_t i = 0; i < n_ps; i++)
		c->partners[i] = (struct activity_ref){.id = ps[i].id, .name = ps[i].name};
	c->n_partners = n_ps;
	return 0;
}

void ui_id_checks(struct req *r, struct html *h, const char *name, const char *legend,
                  const char *hint, const char *error, bool optional,
                  const struct activity_ref *refs, size_t n, const long long *checked,
                  size_t n_checked)
{
	if (n == 0 && !error)
		return;
	html(h,
	     "<div class=\"utrecht-form-field kring-field%s\" id=\"field-%s\"><fieldset "
	     "class=\"utrecht-form-fieldset kring-fieldset\" aria-describedby=\"f-%s-hint%s\">"
	     "<legend class=\"utrecht-form-label kring-legend\">%s",
	     error ? " utrecht-form-field--invalid" : "", name, name,
	     error ? arena_printf(&r->arena, " f-%s-error", name) : "", legend);
	if (optional)
		html(h, " <span class=\"kring-optional\">%s</span>", T(FORM_OPTIONAL));
	html(h, "</legend><p class=\"utrecht-form-field-description\" id=\"f-%s-hint\">%s</p>",
	     name, hint ? hint : "");
	if (error)
		html(h,
		     "<p class=\"utrecht-form-field-error-message\" id=\"f-%s-error\">%s"
		     "</p>",
		     name, error);
	html(h, "<div class=\"kring-options kring-options--columns\">");
	for (size_t i = 0; i < n; i++) {
		bool on = false;
		for (size_t k = 0; k < n_checked; k++)
			on |= checked[k] == refs[i].id;
		html(
		    h,
		    "<div class=\"kring-option\"><input class=\"utrecht-checkbox "
		    "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"f-%s-%lld\" name=\"%s\" "
		    "value=\"%lld\"%s><label class=\"kring-option__label\" for=\"f-%s-%lld\">%s"
		    "</label></div>",
		    name, refs[i].id, name, refs[i].id, on ? " checked" : "", name, refs[i].id,
		    ui_short(&r->arena, refs[i].name, 100));
	}
	html(h, "</div></fieldset></div>");
}

size_t ui_form_ids(struct req *r, const char *name, long long *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->form.n_items && n < max; i++)
		if (strcmp(r->form.items[i].name, name) == 0) {
			long long v = form_id_or_zero(r->form.items[i].value);
			bool dup = v == 0;
			for (size_t k = 0; k < n && !dup; k++)
				dup = out[k] == v;
			if (!dup)
				out[n++] = v;
		}
	return n;
}
