/*
 * demo_route.c - Sascha's route and impact plan in the demo (demo_route.h).
 */
#include "demo_route.h"

#include "../core/impact.h"
#include "../core/org.h"
#include "../core/route.h"

int demo_route_load(struct db *db)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	long long org = 0, sascha = 0;
	struct impact_plan p;
	if (db_query_int(db, "SELECT id FROM orgs WHERE slug = ?1", DB_ARGS(DB_TEXT("de-sleutel")),
	                 &org) != DB_ROW ||
	    person_find(db, &a, "sascha@desleutel.nl", &sascha, NULL, NULL, NULL) != 1)
		goto out;
	int has = impact_get(db, &a, org, sascha, 0, &p);
	if (has != 0) {
		rc = has < 0 ? -1 : 0; /* loaded before */
		goto out;
	}
	struct impact_plan v1 = {
	    .text = {[IMPACT_ROLE] = "Ik verbind collega's en inwoners rond taal en ontmoeting.",
	             [IMPACT_SITUATIONS] = "Het taalcafé op dinsdag.",
	             [IMPACT_PEOPLE] = "Collega's van de uitleenbalie.",
	             [IMPACT_GROUPS] = "Nieuwkomers in de wijk.",
	             [IMPACT_LEARN] = "Doorvragen in een gesprek.",
	             [IMPACT_TALK_WITH] = "Marieke, mijn leidinggevende."},
	    .due_on = "2026-03-01"};
	struct impact_plan v2 = {
	    .text = {[IMPACT_ROLE] =
	                 "Ik verbind collega's en inwoners rond taal en ontmoeting. Ik organiseer "
	                 "niet alles zelf: de community maakt mee.",
	             [IMPACT_SITUATIONS] = "Het taalcafé op dinsdag; het overleg met het wijkteam "
	                                   "Noord; de programmaraad van de hoofdvestiging.",
	             [IMPACT_PEOPLE] = "Collega's van de uitleenbalie en de vrijwilligers van het "
	                               "taalcafé.",
	             [IMPACT_GROUPS] = "Nieuwkomers in de wijk; ouders van jonge kinderen.",
	             [IMPACT_LEARN] = "Doorvragen in een gesprek; een brainstorm begeleiden.",
	             [IMPACT_TALK_WITH] = "Marieke (leidinggevende), Jeroen en de adviseur van "
	                                  "Rijnbrink."},
	    .due_on = "2026-06-15"};
	long long v = 0;
	if (impact_save(db, org, sascha, &v1, 0, &v) != SAVE_OK ||
	    impact_save(db, org, sascha, &v2, v, &v) != SAVE_OK)
		goto out;
	/* steps 1-7 follow the work; step 8 opened again by hand: the Taalcafé
	 * works together, but Sascha does not find it carries itself yet */
	if (route_mark(db, org, sascha, 8, false) != SAVE_OK)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
