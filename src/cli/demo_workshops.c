/*
 * demo_workshops.c - De Sleutel's team workshops in the demo (see
 * demo_workshops.h).
 */
#include "demo_workshops.h"

#include "../core/org.h"
#include "../core/workshop.h"
#include "../util/clock.h"
#include "demo_work.h"

/* The rows of the planned follow-up session. */
static const struct workshop_row follow_up[] = {
    {.minutes = 15,
     .topic = "Terugblik: wat deden we met de praktijkopdracht?",
     .goal = "Iedereen vertelt in twee minuten hoe de eigen pitch nu klinkt.",
     .work_form = "plenair",
     .facilitator = "Marieke Jansen"},
    {.minutes = 45,
     .topic = "Het netwerkgesprek oefenen",
     .goal = "In tweetallen een kennismakingsgesprek met een partner voeren en elkaar tips geven.",
     .work_form = "groepen",
     .material = "Gesprekskaarten, de tips van stap 4",
     .facilitator = "Sascha de Vries"},
    {.minutes = 20, .topic = "Pauze", .work_form = "anders"},
    {.minutes = 30,
     .topic = "Wie is bouwer, verbinder of aanjager?",
     .goal = "Per community is duidelijk wie welke rol heeft (les 1).",
     .work_form = "interactief",
     .material = "Overzicht van de communities",
     .facilitator = "Jeroen Bakker"},
    {.minutes = 10,
     .topic = "Afspraken en vervolg",
     .work_form = "plenair",
     .facilitator = "Marieke Jansen"},
};

int demo_workshops_load(struct db *db)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	long long org = demo_org_id(db, "de-sleutel"), n = 0;
	long long marieke = 0, sascha = 0, jeroen = 0;
	if (org == 0 ||
	    db_query_int(db, "SELECT COUNT(*) FROM workshops WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &n) != DB_ROW ||
	    person_find(db, &a, "marieke@desleutel.nl", &marieke, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "sascha@desleutel.nl", &sascha, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "jeroen@desleutel.nl", &jeroen, NULL, NULL, NULL) != 1)
		goto out;
	if (n > 0) {
		rc = 0;
		goto out;
	}
	/* the pilot's session, held two months ago, in the agenda of seed 004 */
	char held[16], planned[16];
	clock_date_from_today(-60, held);
	clock_date_from_today(21, planned);
	long long id = 0;
	struct workshop w;
	enum ws_problem why;
	if (workshop_create_from_template(db, org, marieke, WS_TEMPLATE, held, &id) != SAVE_OK ||
	    workshop_get(db, &a, org, id, &w) != 1)
		goto out;
	w.place = "Centrale Bibliotheek, zaal De Kring";
	if (workshop_update(db, org, marieke, &w, &why) != SAVE_OK ||
	    workshop_get(db, &a, org, id, &w) != 1)
		goto out;
	const long long present[] = {marieke, sascha, jeroen};
	w.others = 9;
	w.went_well = "De voorbeelden maakten het concreet: iedereen had daarna een idee voor een "
	              "eigen netwerk. De berenschietsessie haalde de zorgen over tijd op tafel.";
	w.to_change = "Meer tijd voor de brainstorm in themagroepen; de inleiding kan korter.";
	w.score = 4;
	if (workshop_evaluate(db, org, marieke, &w, present, 3) != SAVE_OK)
		goto out;
	/* the follow-up, planned */
	struct workshop next = {.title = "Teamworkshop het netwerkgesprek",
	                        .held_on = planned,
	                        .start_min = 13 * 60 + 30,
	                        .place = "Vestiging Oosterveld"};
	if (workshop_create(db, org, marieke, &next, &id) != SAVE_OK)
		goto out;
	for (size_t i = 0; i < sizeof(follow_up) / sizeof(follow_up[0]); i++)
		if (workshop_row_add(db, org, marieke, id, &follow_up[i], &why, NULL) != SAVE_OK)
			goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
