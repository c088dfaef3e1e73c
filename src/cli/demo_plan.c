/*
 * demo_plan.c - issue 11b in the demo: two De Sleutel communities move
 * through Lankes's cycle (the Taalcafé round again), their four conditions
 * are rated and re-rated, each has a POST-O for Sascha's talk with her
 * manager, and a project plan with tasks for staff and for ambassadeur
 * Fatima, one of them past its date and one over its budget; the Boekstart
 * community has just started. Dates are relative to today.
 */
#include "demo_plan.h"

#include "../auth/roles.h"
#include "../core/cycle.h"
#include "../core/plan.h"
#include "../core/posto.h"
#include "../util/clock.h"
#include "demo_work.h"

struct demo_move {
	const char *stage;
	int day; /* relative to today */
	const char *note;
};

struct demo_rating {
	const char *kind, *rating;
	int day;
	const char *note;
};

struct demo_task {
	const char *title, *description;
	int owner; /* 0 staff, 1 ambassadeur, 2 nobody */
	int due_day;
	bool no_due;
	const char *status;
	long long planned_min, spent_min, planned_cents, spent_cents;
	bool serves_goal;
};

static long long id_of(struct db *db, const char *sql_email, const char *value, long long org)
{
	long long id = 0;
	if (sql_email)
		db_query_int(db, "SELECT id FROM persons WHERE email = ?", DB_ARGS(DB_TEXT(value)),
		             &id);
	else
		db_query_int(db, "SELECT id FROM communities WHERE org_id = ? AND name = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(value)), &id);
	return id;
}

static int load_one(struct db *db, long long org, long long cid, long long staff, long long amb,
                    const struct demo_move *moves, size_t n_moves, const struct demo_rating *rates,
                    size_t n_rates, const struct posto *p, const struct demo_task *tasks,
                    size_t n_tasks)
{
	char d[16];
	for (size_t i = 0; i < n_moves; i++) {
		clock_date_from_today(moves[i].day, d);
		if (cycle_move_to(db, org, i % 2 && amb ? amb : staff, cid, moves[i].stage, d,
		                  moves[i].note) != SAVE_OK)
			return -1;
	}
	for (size_t i = 0; i < n_rates; i++) {
		clock_date_from_today(rates[i].day, d);
		if (cycle_rate(db, org, staff, cid, rates[i].kind, rates[i].rating, d,
		               rates[i].note) != SAVE_OK)
			return -1;
	}
	if (p && posto_save(db, org, staff, cid, p, NULL) != SAVE_OK)
		return -1;
	long long goal = 0;
	db_query_int(
	    db,
	    "SELECT id FROM goals WHERE org_id = ? AND community_id = ? AND kind = 'shared'"
	    " ORDER BY id LIMIT 1",
	    DB_ARGS(DB_INT(org), DB_INT(cid)), &goal);
	for (size_t i = 0; i < n_tasks; i++) {
		const struct demo_task *dt = &tasks[i];
		char due[16] = "";
		if (!dt->no_due)
			clock_date_from_today(dt->due_day, due);
		struct plan_task t = {.title = dt->title,
		                      .description = dt->description,
		                      .owner_id = dt->owner == 0   ? staff
		                                  : dt->owner == 1 ? amb
		                                                   : 0,
		                      .due_on = due,
		                      .status = dt->status,
		                      .planned_minutes = dt->planned_min,
		                      .spent_minutes = dt->spent_min,
		                      .planned_cents = dt->planned_cents,
		                      .spent_cents = dt->spent_cents,
		                      .goal_id = dt->serves_goal ? goal : 0};
		if (plan_task_save(db, org, staff, ROLE_MEDEWERKER, cid, &t, NULL) != SAVE_OK)
			return -1;
	}
	return 0;
}

static const struct demo_move taal_moves[] = {
    {"activity", -400, "Elke week een taalcafé in de bibliotheek; steeds dezelfde vaste kern."},
    {"knowledge", -300,
     "De deelnemers maakten samen een woordenlijst voor de huisarts en de school."},
    {"ownership", -200, "Fatima en twee anderen ontvangen nu zelf de nieuwe mensen."},
    {"impact", -90,
     "Het wijkteam verwijst mensen door; de gemeente vroeg om mee te praten over inburgering."},
    {"activity", -20,
     "Door de aandacht kwamen er twintig nieuwe deelnemers: een tweede groep op zaterdag."},
};
static const struct demo_rating taal_rates[] = {
    {"access", "fair", -210, "Boeken in makkelijke taal, maar weinig in het Arabisch."},
    {"knowledge", "strong", -210, "Twee vrijwillige NT2-docenten doen mee."},
    {"environment", "strong", -210, "De leeszaal op woensdag is rustig en vertrouwd."},
    {"motivation", "fair", -210, "Een paar mensen praten veel; anderen haken af."},
    {"access", "strong", -30, "Nieuwe collectie in het Arabisch en Tigrinya erbij."},
    {"motivation", "strong", -30, "Gespreksregels samen gemaakt; iedereen komt aan het woord."},
};
static const struct posto taal_posto = {
    .people = "Nieuwkomers die Nederlands leren, vooral vrouwen tussen 25 en 50. Weinig "
              "digitaal: contact via de groepsapp en persoonlijk in de bibliotheek.",
    .objectives = "De deelnemers verwachten oefening in gewone gesprekken. Fatima en twee "
                  "anderen zijn gastvrouw; de bibliotheek zorgt voor plek, koffie en boeken.",
    .strategy = "Elke woensdag een taalcafé, eens per maand een uitstap in de wijk. Geen "
                "sociale media; mond-tot-mondreclame via het wijkteam.",
    .technology = "Een groepsapp voor afspraken; de leestafel met boeken in makkelijke taal.",
    .organization = "Het taalcafé brengt nieuwe bezoekers naar de vestiging en maakt de "
                    "bibliotheek een partner van het wijkteam en de gemeente."};
/* the first is Fatima's: the route walk (tests/http/routes.test.mjs) opens task 1 as her */
static const struct demo_task taal_tasks[] = {
    {"Welkomstmap voor nieuwe deelnemers", "Een map met de afspraken, in makkelijke taal.", 1, 14,
     false, "open", 360, 60, 4500, 0, true},
    {"Zaal voor de zaterdaggroep regelen", "Overleg met de vestiging en het buurthuis.", 0, -5,
     false, "busy", 240, 180, 0, 0, true},
    {"Boeken in het Arabisch bestellen", "", 0, -40, false, "done", 120, 150, 60000, 64550, false},
    {"Uitstap naar de markt voorbereiden", "Route, tolk en koffie.", 1, 30, false, "open", 180, 0,
     2500, 0, true},
    {"Verslag voor het management", "Wat kost het taalcafé en wat levert het op?", 0, 60, false,
     "open", 240, 0, 0, 0, false},
};

static const struct demo_move heik_moves[] = {
    {"activity", -150, "Eens per maand repareren in het dorpshuis."},
    {"knowledge", -60,
     "Reparateurs schrijven hun tips op; de bibliotheek maakt er een boekje van."},
};
static const struct demo_rating heik_rates[] = {
    {"access", "weak", -60, "Weinig boeken over repareren in deze vestiging."},
    {"knowledge", "strong", -60, "Vijf ervaren reparateurs."},
    {"environment", "fair", -60, "Het dorpshuis is koud in de winter."},
    {"motivation", "strong", -60, "Mensen komen graag terug."},
};
static const struct posto heik_posto = {
    .people = "Dorpsbewoners van alle leeftijden; veel gepensioneerde vakmensen.",
    .strategy = "Een vaste zaterdag per maand, met een tafel van de bibliotheek.",
    .organization = "Laat zien dat de bibliotheek ook buiten de vestiging een plek heeft."};
static const struct demo_task heik_tasks[] = {
    {"Gereedschapskist aanschaffen", "", 0, -10, false, "open", 60, 0, 15000, 0, true},
    {"Tipsboekje opmaken", "", 0, 45, false, "busy", 600, 240, 30000, 12000, true},
    {"Affiche voor het dorpshuis", "", 2, 0, true, "open", 60, 0, 0, 0, false},
};

int demo_plan_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0)
		return -1;
	long long has = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM plan_tasks WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &has) != DB_ROW)
		return -1;
	if (has > 0)
		return 0; /* loaded before */
	long long sascha = id_of(db, "", "sascha@desleutel.nl", 0);
	long long jeroen = id_of(db, "", "jeroen@desleutel.nl", 0);
	long long fatima = id_of(db, "", "fatima@voorbeeld.nl", 0);
	long long taal = id_of(db, NULL, "Taalcafé voor nieuwkomers", org);
	long long heik = id_of(db, NULL, "Repair Café en dorpsnetwerk Heikant", org);
	long long boek = id_of(db, NULL, "Boekstart: jonge ouders in Molenbeek", org);
#define N(x) (sizeof(x) / sizeof((x)[0]))
	if (taal && load_one(db, org, taal, sascha, fatima, taal_moves, N(taal_moves), taal_rates,
	                     N(taal_rates), &taal_posto, taal_tasks, N(taal_tasks)) != 0)
		return -1;
	if (heik && load_one(db, org, heik, jeroen, 0, heik_moves, N(heik_moves), heik_rates,
	                     N(heik_rates), &heik_posto, heik_tasks, N(heik_tasks)) != 0)
		return -1;
	static const struct demo_move boek_moves[] = {
	    {"activity", -14, "Eerste voorleesochtend met tien ouders en hun baby's."}};
	if (boek && load_one(db, org, boek, sascha, 0, boek_moves, 1, NULL, 0, NULL, NULL, 0) != 0)
		return -1;
#undef N
	/* the log tells the truth: the demo wrote these, not the people it names */
	return db_exec(db,
	               "UPDATE audit_log SET person_id = NULL WHERE org_id = ? AND action IN"
	               " ('cycle.move', 'cycle.rate', 'posto.save', 'plan.add')",
	               DB_ARGS(DB_INT(org))) == DB_OK
	           ? 0
	           : -1;
}

int demo_plan_scale(struct db *db, long long org, long long community, long long staff, int c)
{
	static const char *const stages[] = {"activity", "knowledge", "ownership", "impact"};
	static const char *const ratings[] = {"weak", "fair", "strong"};
	char d[16];
	for (int i = 0; i <= c % 4; i++) {
		clock_date_from_today(-300 + i * 70, d);
		if (cycle_move_to(db, org, staff, community, stages[i], d,
		                  "Samen vastgesteld in het overleg met de groep.") != SAVE_OK)
			return -1;
	}
	clock_date_from_today(-30, d);
	for (int k = 0; cycle_conditions[k]; k++)
		if (cycle_rate(db, org, staff, community, cycle_conditions[k], ratings[(c + k) % 3],
		               d, "") != SAVE_OK)
			return -1;
	struct posto p = {.people = "Inwoners van het dorp; veel contact via de vestiging.",
	                  .strategy = "Een vaste avond per maand, afwisselend binnen en buiten.",
	                  .organization = "De vestiging wordt een plek van en voor het dorp."};
	if (posto_save(db, org, staff, community, &p, NULL) != SAVE_OK)
		return -1;
	static const char *const titles[] = {"Zaal reserveren",     "Affiche maken",
	                                     "Koffie en thee",      "Verslag schrijven",
	                                     "Partners uitnodigen", "Evaluatie met de groep"};
	for (int i = 0; i < 6; i++) {
		char due[16];
		clock_date_from_today(-20 + i * 15 + c % 5, due);
		struct plan_task t = {.title = titles[i],
		                      .description = "",
		                      .owner_id = i % 2 ? staff : 0,
		                      .due_on = due,
		                      .status = i < 2   ? "done"
		                                : i < 4 ? "busy"
		                                        : "open",
		                      .planned_minutes = 60 * (i + 1),
		                      .spent_minutes = i < 4 ? 45 * (i + 1) : 0,
		                      .planned_cents = 2500 * i,
		                      .spent_cents = i < 2 ? 2250 * i + (c % 3) * 100 : 0};
		if (plan_task_save(db, org, staff, ROLE_MEDEWERKER, community, &t, NULL) != SAVE_OK)
			return -1;
	}
	return 0;
}
