/*
 * conversation_ui.c - choices for the conversation screens (see
 * conversation_ui.h).
 */
#include "conversation_ui.h"

#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "community_ui.h"

/* ---- choices: partners, communities and owners as select options ---- */

static void choices_init(struct req *r, struct choices *c, size_t n, const char *none)
{
	c->values = arena_alloc(&r->arena, (n + 2) * sizeof(*c->values));
	c->labels = arena_alloc(&r->arena, (n + 2) * sizeof(*c->labels));
	c->values[0] = "";
	c->labels[0] = none;
	c->n = 1;
}

static void choices_add(struct req *r, struct choices *c, long long id, const char *label)
{
	c->values[c->n] = arena_printf(&r->arena, "%lld", id);
	c->labels[c->n] = ui_short(&r->arena, label, 80);
	c->n++;
}

int ui_owner_choices(struct req *r, long long community_id, struct choices *owners)
{
	struct member *ms;
	struct community_person *amb = NULL;
	struct partner_ref *ps;
	size_t n_ms, n_amb = 0, n_ps;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &ms, &n_ms) != 0 ||
	    (community_id && community_ambassador_list(r->db, &r->arena, r->org_id, community_id,
	                                               &amb, &n_amb) != 0) ||
	    partner_choices(r->db, &r->arena, r->org_id, &ps, &n_ps) != 0)
		return -1;
	choices_init(r, owners, n_ms + n_amb + n_ps, T(ACTION_NOBODY));
	for (size_t i = 0; i < n_ms; i++)
		choices_add(r, owners, ms[i].person_id, ms[i].name);
	for (size_t i = 0; i < n_amb; i++)
		choices_add(r, owners, amb[i].person_id,
		            T_printf(&r->arena, OWNER_AMBASSADOR, amb[i].name));
	for (size_t i = 0; i < n_ps; i++) {
		owners->values[owners->n] = arena_printf(&r->arena, "p%lld", ps[i].id);
		owners->labels[owners->n] =
		    T_printf(&r->arena, OWNER_PARTNER, ui_short(&r->arena, ps[i].name, 80));
		owners->n++;
	}
	owners->values[owners->n] = NULL;
	owners->labels[owners->n] = NULL;
	return 0;
}

void ui_owner_parse(const char *value, struct action_new *ap)
{
	ap->owner_id = 0;
	ap->owner_partner_id = 0;
	if (value && value[0] == 'p')
		ap->owner_partner_id = form_id_or_zero(value + 1);
	else
		ap->owner_id = form_id_or_zero(value);
}

const char *ui_owner_value(struct req *r, const struct action_point *ap)
{
	if (ap->owner_partner_id)
		return arena_printf(&r->arena, "p%lld", ap->owner_partner_id);
	return ap->owner_id ? arena_printf(&r->arena, "%lld", ap->owner_id) : "";
}

int ui_load_choices(struct req *r, struct choices *partners, struct choices *communities,
                    struct choices *owners)
{
	struct partner_ref *ps;
	struct community_ref *cs;
	struct member *ms;
	size_t n_ps, n_cs, n_ms;
	if (partner_choices(r->db, &r->arena, r->org_id, &ps, &n_ps) != 0 ||
	    partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0 ||
	    community_candidates(r->db, &r->arena, r->org_id, false, &ms, &n_ms) != 0)
		return -1;
	choices_init(r, partners, n_ps, T(TALK_NO_PARTNER));
	for (size_t i = 0; i < n_ps; i++)
		choices_add(r, partners, ps[i].id, ps[i].name);
	choices_init(r, communities, n_cs, T(TALK_NO_COMMUNITY));
	for (size_t i = 0; i < n_cs; i++)
		choices_add(r, communities, cs[i].id, cs[i].name);
	choices_init(r, owners, n_ms, T(ACTION_NOBODY));
	for (size_t i = 0; i < n_ms; i++)
		choices_add(r, owners, ms[i].person_id, ms[i].name);
	return 0;
}
