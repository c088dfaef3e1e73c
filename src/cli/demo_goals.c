/*
 * demo_goals.c - step 5 and 6 in the demo: De Sleutel's communities with
 * their goals (the library's, the participants' and shared ones, written by
 * staff and by ambassadeur Fatima), SMART subgoals with measurements, some
 * on schedule and some behind, and who does what. Dates are relative to
 * today, so the demo shows the same states whenever it is loaded.
 */
#include "demo_goals.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/goal.h"
#include "demo_work.h"

#define DAY 86400LL

/* today + days as "YYYY-MM-DD" in buf (11 bytes). */
static const char *day(char *buf, long long days)
{
	time_t t = (time_t)(time(NULL) + days * DAY);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return buf;
}

static long long lookup(struct db *db, const char *sql_is_email, const char *value, long long org)
{
	long long id = 0;
	if (sql_is_email)
		db_query_int(db, "SELECT id FROM persons WHERE email = ?", DB_ARGS(DB_TEXT(value)),
		             &id);
	else
		db_query_int(db, "SELECT id FROM communities WHERE org_id = ? AND name = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(value)), &id);
	return id;
}

struct demo_sub {
	const char *title, *measure, *measure_name;
	long long baseline;
	int baseline_day; /* relative to today */
	long long target;
	int deadline_day;
	int owner; /* 0 staff, 1 ambassadeur */
	int n;     /* measurements */
	int days[3];
	long long values[3];
};

static int add_subs(struct db *db, long long org, long long cid, long long goal, long long staff,
                    long long amb, const struct demo_sub *subs, size_t n)
{
	char b1[11], b2[11], b3[11];
	for (size_t i = 0; i < n; i++) {
		const struct demo_sub *d = &subs[i];
		struct subgoal s = {.goal_id = goal,
		                    .title = d->title,
		                    .measure = d->measure,
		                    .measure_name = d->measure_name ? d->measure_name : "",
		                    .has_baseline = true,
		                    .baseline = d->baseline,
		                    .baseline_on = day(b1, d->baseline_day),
		                    .has_target = true,
		                    .target = d->target,
		                    .deadline = day(b2, d->deadline_day),
		                    .owner_id = d->owner ? amb : staff};
		long long id = 0;
		if (subgoal_save(db, org, d->owner ? amb : staff, cid, &s, &id) != SAVE_OK)
			return -1;
		for (int k = 0; k < d->n; k++)
			if (measurement_add(db, org, d->owner ? amb : staff, cid, id,
			                    day(b3, d->days[k]), d->values[k], "") != SAVE_OK)
				return -1;
	}
	return 0;
}

static int add_agreements(struct db *db, long long org, long long cid, long long who,
                          const char *with, const char *const *lib, const char *const *amb)
{
	char b[11];
	for (int side = 0; side < 2; side++)
		for (const char *const *t = side ? amb : lib; *t; t++) {
			struct agreement ag = {.side = agreement_sides[side],
			                       .text = *t,
			                       .agreed_with = with,
			                       .agreed_on = day(b, -60)};
			if (agreement_add(db, org, who, cid, &ag) != SAVE_OK)
				return -1;
		}
	return 0;
}

/* Taalcafé: its shared goal is the community's first goal (the route walk uses it). */
static int taalcafe(struct db *db, long long org, long long cid, long long sascha, long long fatima)
{
	long long shared = 0, part = 0, lib = 0;
	if (goal_add(db, org, fatima, ROLE_AMBASSADEUR, cid, "shared",
	             "Nieuwkomers voelen zich thuis in de bibliotheek en organiseren zelf "
	             "activiteiten voor en met elkaar.",
	             &shared) != SAVE_OK ||
	    goal_add(db, org, sascha, ROLE_MEDEWERKER, cid, "library",
	             "Meer nieuwkomers vinden de weg naar de bibliotheek en naar het aanbod "
	             "basisvaardigheden van het Taalhuis.",
	             &lib) != SAVE_OK ||
	    goal_add(db, org, sascha, ROLE_MEDEWERKER, cid, "participants",
	             "Nederlands oefenen en elkaar helpen.", &part) != SAVE_OK ||
	    goal_update(db, org, fatima, ROLE_AMBASSADEUR, cid, part,
	                "Nederlands oefenen in echte situaties (bij de huisarts, op school, bij de "
	                "gemeente) en elkaar helpen de weg te vinden in de stad.",
	                1) != SAVE_OK)
		return -1;
	static const struct demo_sub subs[] = {
	    {"Meer vaste deelnemers aan het taalcafé",
	     "members",
	     NULL,
	     20,
	     -180,
	     35,
	     180,
	     1,
	     3,
	     {-150, -90, -30},
	     {22, 26, 29}},
	    {"Meer activiteiten door de groep zelf",
	     "made_by",
	     NULL,
	     10,
	     -180,
	     50,
	     185,
	     1,
	     0,
	     {0},
	     {0}},
	    {"Deelnemers nemen een bibliotheekpas",
	     "custom",
	     "nieuwe bibliotheekpassen",
	     0,
	     -200,
	     40,
	     30,
	     0,
	     2,
	     {-120, -40},
	     {6, 11}},
	};
	static const char *const lib_side[] = {
	    "Faciliteert de leestafel op dinsdagochtend, met koffie.",
	    "Verbindt het taalcafé met het Taalhuis en het consultatiebureau.", NULL};
	static const char *const amb_side[] = {
	    "Verzorgen het programma van de verhalenavond.",
	    "Nodigen nieuwe deelnemers uit via hun eigen netwerk.", NULL};
	return add_subs(db, org, cid, shared, sascha, fatima, subs, 3) != 0 ||
	               add_agreements(db, org, cid, fatima, "Fatima El Amrani en Sascha de Vries",
	                              lib_side, amb_side) != 0
	           ? -1
	           : 0;
}

/* Repair Café Heikant: younger than a year, and behind (lesson 9 shows). */
static int heikant(struct db *db, long long org, long long cid, long long jeroen)
{
	long long shared = 0;
	if (goal_add(db, org, jeroen, ROLE_MEDEWERKER, cid, "shared",
	             "Een vaste werkplaats in de vestiging Heikant, waar het dorp elkaar helpt.",
	             &shared) != SAVE_OK ||
	    goal_add(db, org, jeroen, ROLE_MEDEWERKER, cid, "library",
	             "De vestiging Heikant wordt de huiskamer van het dorp.", NULL) != SAVE_OK)
		return -1;
	static const struct demo_sub subs[] = {
	    {"Vaste vrijwilligers in de werkplaats",
	     "members",
	     NULL,
	     4,
	     -120,
	     12,
	     45,
	     0,
	     2,
	     {-90, -20},
	     {4, 5}},
	};
	static const char *const lib_side[] = {"Zoekt een plek met stroom en werkbanken.", NULL};
	static const char *const amb_side[] = {NULL};
	return add_subs(db, org, cid, shared, jeroen, 0, subs, 1) != 0 ||
	               add_agreements(db, org, cid, jeroen, "Kees van Dijk (dorpsraad)", lib_side,
	                              amb_side) != 0
	           ? -1
	           : 0;
}

/* Boekstart: counted from its activities. */
static int boekstart(struct db *db, long long org, long long cid, long long sascha)
{
	long long shared = 0;
	if (goal_add(db, org, sascha, ROLE_MEDEWERKER, cid, "shared",
	             "Jonge ouders in Molenbeek leren elkaar kennen en lezen samen voor.",
	             &shared) != SAVE_OK)
		return -1;
	static const struct demo_sub subs[] = {
	    {"Voorleesochtenden met ouders", "activities", NULL, 0, -90, 10, 200, 0, 0, {0}, {0}},
	};
	return add_subs(db, org, cid, shared, sascha, 0, subs, 1);
}

int demo_goals_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0)
		return -1;
	long long has = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM goals WHERE org_id = ?", DB_ARGS(DB_INT(org)),
	                 &has) != DB_ROW)
		return -1;
	if (has > 0)
		return 0; /* loaded before */
	long long sascha = lookup(db, "", "sascha@desleutel.nl", 0);
	long long jeroen = lookup(db, "", "jeroen@desleutel.nl", 0);
	long long fatima = lookup(db, "", "fatima@voorbeeld.nl", 0);
	long long taal = lookup(db, NULL, "Taalcafé voor nieuwkomers", org);
	long long heik = lookup(db, NULL, "Repair Café en dorpsnetwerk Heikant", org);
	long long boek = lookup(db, NULL, "Boekstart: jonge ouders in Molenbeek", org);
	if (taal && taalcafe(db, org, taal, sascha, fatima) != 0)
		return -1;
	if (heik && heikant(db, org, heik, jeroen) != 0)
		return -1;
	if (boek && boekstart(db, org, boek, sascha) != 0)
		return -1;
	/* the log tells the truth: the demo wrote these, not the people it names */
	return db_exec(db,
	               "UPDATE audit_log SET person_id = NULL WHERE org_id = ? AND action IN"
	               " ('goal.add', 'goal.update', 'subgoal.add', 'measurement.add',"
	               " 'agreement.add')",
	               DB_ARGS(DB_INT(org))) == DB_OK
	           ? 0
	           : -1;
}
