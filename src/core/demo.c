/*
 * demo.c - the demo library (see demo.h).
 */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "../auth/password.h"
#include "../auth/roles.h"
#include "instrument.h"
#include "meetlat.h"
#include "community.h"
#include "org.h"
#include "readiness.h"
#include "vision.h"
#include "partner.h"

struct demo_org {
	const char *slug;
	const char *name;
	const char *description;
	const char *branches[4][2]; /* name, place */
};

static const struct demo_org demo_orgs[] = {
    {"de-sleutel",
     "Bibliotheek De Sleutel",
     "Een bibliotheek met een hoofdvestiging in de stad en drie kleinere vestigingen in de "
     "dorpen eromheen. We willen meer samen met inwoners organiseren, in plaats van een "
     "voorgekauwd aanbod te maken.",
     {{"Hoofdvestiging De Sleutel", "Zandhoven"},
      {"Vestiging Heikant", "Heikant"},
      {"Vestiging Molenbeek", "Molenbeek"},
      {"Vestiging Oosterveld", "Oosterveld"}}},
    {"het-baken",
     "Bibliotheek Het Baken",
     "Een bibliotheek aan de kust die net begint met werken met communities.",
     {{"Het Baken Centrum", "Zeewolde aan Zee"}}},
};

struct demo_person {
	const char *email;
	const char *name;
	const char *memberships[2][2]; /* org slug, role */
};

static const struct demo_person demo_people[] = {
    {"marieke@desleutel.nl", "Marieke Jansen", {{"de-sleutel", "beheerder"}}},
    {"sascha@desleutel.nl", "Sascha de Vries", {{"de-sleutel", "medewerker"}}},
    {"jeroen@desleutel.nl", "Jeroen Bakker", {{"de-sleutel", "medewerker"}}},
    {"anouk@rijnbrink.nl",
     "Anouk Verhoeven",
     {{"de-sleutel", "adviseur"}, {"het-baken", "adviseur"}}},
    {"fatima@voorbeeld.nl", "Fatima El Amrani", {{"de-sleutel", "ambassadeur"}}},
    {"henk@hetbaken.nl", "Henk Smit", {{"het-baken", "beheerder"}}},
};

static long long org_id_of(struct db *db, const char *slug)
{
	long long id = 0;
	if (db_query_int(db, "SELECT id FROM orgs WHERE slug = ?", DB_ARGS(DB_TEXT(slug)), &id) !=
	    DB_ROW)
		return 0;
	return id;
}

#define DAY (24 * 3600LL)

/* ---- steps 1 and 2 for De Sleutel ---- */

static int demo_steps(struct db *db, long long org, long long marieke, long long sascha,
                      long long jeroen, long long now)
{
	long long n = 0;
	const struct readiness_instrument *rd = instrument_readiness();
	if (db_query_int(db, "SELECT COUNT(*) FROM readiness_checks WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &n) != DB_ROW)
		return -1;
	if (n == 0) {
		/* first no team, no money, no skills yet; half a year later ready */
		bool first[RD_MAX_QUESTIONS] = {false, true, true, false, true, false};
		bool later[RD_MAX_QUESTIONS] = {true, true, true, true, true, false};
		if (readiness_save(db, org, marieke, rd, first,
		                   "Eerste verkenning met het managementteam.",
		                   now - 300 * DAY) != SAVE_OK ||
		    readiness_save(db, org, marieke, rd, later,
		                   "Met het kernteam community: Marieke, Sascha en Jeroen. Budget "
		                   "voor 2026 is toegezegd.",
		                   now - 120 * DAY) != SAVE_OK)
			return -1;
	}
	struct arena a;
	arena_init(&a);
	struct frame fr;
	int rc = frame_get(db, &a, org, &fr);
	arena_free(&a);
	if (rc != 0)
		return -1;
	if (fr.version == 0 &&
	    frame_save(
	        db, org, marieke,
	        "Meerjarenstrategie 2025-2028: De Sleutel is de huiskamer van Zandhoven en de "
	        "dorpen. We werken samen met inwoners en partners aan een leven lang leren, "
	        "meedoen en ontmoeten.",
	        "Iedereen kan meedoen (basisvaardigheden, digitale inclusie). Meer activiteiten "
	        "die inwoners zelf organiseren: in 2026 een kwart van het programma. Afspraak "
	        "met de gemeente: de vestigingen in de dorpen blijven ontmoetingsplekken.",
	        "Wij zijn van de dorpen en de stad samen: van lezen, leren en elkaar ontmoeten. "
	        "Communities die passen: mensen die samen iets willen leren of maken, en "
	        "groepen die een plek zoeken in hun dorp.",
	        0) != SAVE_OK)
		return -1;
	if (db_query_int(db, "SELECT COUNT(*) FROM vision_sessions WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &n) != DB_ROW)
		return -1;
	if (n == 0) {
		long long sid = 0;
		long long at = now - 100 * DAY;
		if (vision_session_add(db, org, marieke, "Teamdag visie", at, &sid) != SAVE_OK ||
		    vision_add(
		        db, org, marieke, sid, "Marieke Jansen",
		        "De Sleutel is in 2036 de plek waar de dorpen elkaar vinden. Inwoners "
		        "lopen binnen met een idee en gaan naar buiten met een groep mensen die "
		        "er samen aan werkt. Wij zorgen voor de ruimte, de verbinding en de "
		        "kennis.",
		        at + 600) != SAVE_OK ||
		    vision_add(
		        db, org, sascha, sid, "Sascha de Vries",
		        "In elke vestiging komt elke week een groep samen die zelf haar programma "
		        "maakt: de handwerkclub in Heikant, de taalcafés in Molenbeek, de jonge "
		        "makers in Oosterveld. Ik ken ze bij naam en zij kennen elkaar.",
		        at + 660) != SAVE_OK ||
		    vision_add(
		        db, org, jeroen, sid, "Jeroen Bakker",
		        "Aan de balie vragen we niet alleen naar boeken maar ook naar wat mensen "
		        "kunnen en willen delen. Die kennis staat in de bibliotheek, van en voor "
		        "iedereen.",
		        at + 720) != SAVE_OK ||
		    shared_vision_save(
		        db, org, marieke, sid,
		        "De Sleutel is de plek waar de dorpen en de stad elkaar vinden.",
		        "Marieke Jansen, Sascha de Vries, Jeroen Bakker", at + 3600) != SAVE_OK ||
		    shared_vision_save(
		        db, org, marieke, sid,
		        "In 2036 is De Sleutel de plek waar de dorpen en de stad elkaar "
		        "vinden. In elke vestiging maken groepen inwoners hun eigen "
		        "programma; wij kennen hen bij naam en bieden ruimte, verbinding en "
		        "kennis. Aan de balie vragen we wat mensen kunnen en willen delen, "
		        "en die kennis is van en voor iedereen.",
		        "Marieke Jansen, Sascha de Vries, Jeroen Bakker", at + 7 * DAY) != SAVE_OK)
			return -1;
	}
	return 0;
}

/* ---- meetlat rounds ---- */

/* Target mean per bouwsteen (x10) and per role group an offset (x10). */
struct demo_round {
	const char *title;
	long long opened_days_ago, closed_days_ago;
	int target[5];    /* communicatie, gebouw, kennis, cultuur, strategie */
	int offset[3][5]; /* directie, staf, frontoffice */
	int n_per_group[3];
};

/* A small deterministic spread: -1, 0, 0 or +1 point. */
static int wobble(unsigned x)
{
	x ^= x >> 13;
	x *= 0x5bd1e995u;
	x ^= x >> 15;
	static const int steps[4] = {-1, 0, 0, 1};
	return steps[x % 4];
}

static int demo_round(struct db *db, long long org, const struct demo_round *d,
                      const long long *people, size_t n_people, long long actor, long long now,
                      unsigned seed)
{
	const struct meetlat_instrument *in = instrument_meetlat();
	long long id = 0;
	if (meetlat_round_open(db, org, actor, d->title, now - d->opened_days_ago * DAY, &id) !=
	    SAVE_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc = 0;
	unsigned k = seed;
	size_t person = 0;
	for (size_t g = 0; g < 3 && rc == 0; g++)
		for (int i = 0; i < d->n_per_group[g] && rc == 0; i++) {
			struct ml_submission s;
			memset(&s, 0, sizeof(s));
			s.group = in->groups[g].id;
			s.nonce = meetlat_new_token(&a);
			/* the first respondent of each group answers with an account */
			s.person_id = i == 0 && person < n_people ? people[person++] : 0;
			s.at = now - d->opened_days_ago * DAY +
			       (long long)(g * 5 + (size_t)i + 1) * 3600;
			for (size_t b = 0; b < in->n_bouwstenen && b < 5; b++) {
				int base = d->target[b] + d->offset[g][b];
				for (size_t st = 0; st < in->bouwstenen[b].n_statements; st++) {
					k = k * 1103515245u + 12345u;
					if (k % 17 == 0) /* now and then: weet ik niet */
						continue;
					int v = (base + 5) / 10 + wobble(k);
					s.values[b][st] = v < 1 ? 1 : v > 5 ? 5 : v;
				}
			}
			if (g == 2 && i == 0)
				s.comments[3] =
				    "Aan de balie merken we weinig van de plannen; we horen het "
				    "vaak als laatste.";
			if (g == 0 && i == 0)
				s.comments[1] =
				    "Er is budget, maar de uren van medewerkers zitten vol.";
			if (meetlat_submit(db, org, id, in, &s) != ML_SUBMIT_OK)
				rc = -1;
		}
	arena_free(&a);
	if (rc == 0 &&
	    meetlat_round_close(db, org, actor, id, now - d->closed_days_ago * DAY) != SAVE_OK)
		rc = -1;
	return rc;
}

static const struct demo_round sleutel_rounds[] = {
    {"Nulmeting",
     240,
     220,
     {30, 24, 22, 28, 25},
     {{3, 4, 2, 8, 8}, {0, -2, 0, 0, 0}, {-3, -2, -2, -8, -8}},
     {3, 3, 4}},
    {"Tweede meting",
     45,
     25,
     {35, 28, 27, 33, 35},
     {{3, 3, 2, 6, 6}, {0, -1, 0, 2, 0}, {-3, -2, -2, -9, -6}},
     {3, 4, 5}},
};

static const struct demo_round baken_round = {
    "Nulmeting",
    60,
    45,
    {26, 22, 20, 24, 20},
    {{4, 2, 2, 6, 6}, {0, 0, 0, 0, 0}, {-4, -2, -2, -6, -6}},
    {2, 2, 3}};

static int demo_meetlat(struct db *db, long long now)
{
	struct arena a;
	arena_init(&a);
	long long org = org_id_of(db, "de-sleutel"), baken = org_id_of(db, "het-baken");
	long long marieke = 0, sascha = 0, jeroen = 0, henk = 0, anouk = 0, n = 0;
	int rc = -1;
	if (org == 0 || baken == 0 ||
	    person_find(db, &a, "marieke@desleutel.nl", &marieke, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "sascha@desleutel.nl", &sascha, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "jeroen@desleutel.nl", &jeroen, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "henk@hetbaken.nl", &henk, NULL, NULL, NULL) != 1 ||
	    person_find(db, &a, "anouk@rijnbrink.nl", &anouk, NULL, NULL, NULL) != 1)
		goto out;
	if (demo_steps(db, org, marieke, sascha, jeroen, now) != 0)
		goto out;
	if (db_query_int(db, "SELECT COUNT(*) FROM meetlat_rounds WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &n) != DB_ROW)
		goto out;
	if (n == 0) {
		const long long people[] = {marieke, sascha, jeroen};
		for (size_t i = 0; i < 2; i++)
			if (demo_round(db, org, &sleutel_rounds[i], people, 3, anouk, now,
			               17u + (unsigned)i) != 0)
				goto out;
	}
	if (db_query_int(db, "SELECT COUNT(*) FROM meetlat_rounds WHERE org_id = ?",
	                 DB_ARGS(DB_INT(baken)), &n) != DB_ROW)
		goto out;
	if (n == 0) {
		const long long people[] = {henk};
		if (demo_round(db, baken, &baken_round, people, 1, anouk, now, 99u) != 0)
			goto out;
	}
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* ---- communities of De Sleutel: a living example for a new user ---- */

struct demo_item {
	const char *kind; /* community_item_kinds */
	const char *text;
	const char *status; /* actions only */
};

struct demo_staff {
	const char *email;
	const char *role; /* community_staff_roles */
};

struct demo_history {
	const char *status;
	const char *date; /* "YYYY-MM-DD" */
};

struct demo_community {
	const char *name, *description, *why, *geography, *identity, *affinity;
	const char *archetype, *bond, *contact_name, *contact_how, *status, *started_on;
	struct demo_history history[5];
	struct demo_item items[12];
	struct demo_staff staff[4];
	const char *ambassadors[2];
};

static const struct demo_community demo_communities[] = {
    {"Taalcafé voor nieuwkomers",
     "Elke dinsdagochtend oefenen nieuwkomers hun Nederlands aan de leestafel van de "
     "hoofdvestiging, met koffie en vrijwilligers van het Taalhuis. Er komen zo'n twintig "
     "mensen, van statushouders tot arbeidsmigranten.",
     "Meedoen begint met taal. Het taalcafé past bij ons beleidsplan (basisvaardigheden) en de "
     "groep wil zelf meer doen dan alleen oefenen.",
     "Hoofdvestiging De Sleutel in Zandhoven; deelnemers komen uit de hele stad.",
     "Nieuwkomers uit onder meer Syrië, Eritrea, Oekraïne en Polen.",
     "Nederlands leren in een ontspannen sfeer; elkaar helpen de weg te vinden.",
     "circumstance",
     "zwak",
     "Fatima El Amrani",
     "Op dinsdagochtend in het taalcafé, of via het Taalhuis.",
     "samenwerken",
     "2025-09-02",
     {{"gewenst", "2025-06-10"},
      {"verkennen", "2025-07-01"},
      {"in-contact", "2025-08-19"},
      {"samenwerken", "2025-10-07"}},
     {{"sterkte", "Samen spreken de deelnemers meer dan tien talen.", NULL},
      {"sterkte", "Veel deelnemers hebben een vak en ervaring die ze graag delen.", NULL},
      {"sterkte", "Een vaste groep betrokken vrijwilligers van het Taalhuis.", NULL},
      {"behoefte", "Oefenen in echte situaties: bij de huisarts, op school, bij de gemeente.",
       NULL},
      {"behoefte", "Opvang voor jonge kinderen tijdens het taalcafé.", NULL},
      {"van", "Fatima denkt als ambassadeur mee in de programmaraad.", "gedaan"},
      {"van", "Vacature voor taalvrijwilligers delen via de groep zelf.", "gepland"},
      {"door", "Deelnemers organiseren een avond met verhalen en eten uit hun land.", "gepland"},
      {"door", "Meertalige voorleesochtend, voorgelezen door ouders uit de groep.", "idee"},
      {"voor", "Welkomstbord in het Arabisch, Tigrinya, Oekraïens en Pools bij de ingang.",
       "gedaan"},
      {"voor", "De leestafel staat op dinsdagochtend vast gereserveerd voor het taalcafé.",
       "gedaan"}},
     {{"sascha@desleutel.nl", "verbinder"},
      {"jeroen@desleutel.nl", "bouwer"},
      {"marieke@desleutel.nl", "aanjager"}},
     {"fatima@voorbeeld.nl"}},
    {"Repair Café en dorpsnetwerk Heikant",
     "Handige dorpsgenoten repareren elke eerste zaterdag van de maand spullen in het "
     "dorpshuis. Rond het Repair Café is een netwerk ontstaan van mensen die elkaar helpen.",
     "De vestiging Heikant wil een huiskamer van het dorp zijn; het Repair Café zoekt een "
     "vaste plek en trekt mensen die de bibliotheek nu niet bezoeken.",
     "Het dorp Heikant, rond de vestiging en het dorpshuis.",
     "",
     "Repareren, duurzaamheid en elkaar helpen.",
     "practice",
     "sterk",
     "Kees van Dijk (dorpsraad)",
     "Via de dorpsraad, of op zaterdag in de werkplaats.",
     "in-contact",
     "2026-01-15",
     {{"gewenst", "2025-11-03"}, {"in-contact", "2026-01-15"}},
     {{"sterkte", "Vrijwilligers met veel vakkennis: elektra, naaien, fietsen.", NULL},
      {"sterkte", "Iedereen kent elkaar; korte lijnen met de dorpsraad.", NULL},
      {"behoefte", "Een vaste plek met stroom en werkbanken.", NULL},
      {"behoefte", "Jongere vrijwilligers die het werk kunnen overnemen.", NULL},
      {"behoefte", "Reparatieboeken en handleidingen bij de hand.", NULL},
      {"van", "Een reparateur in de programmaraad van de vestiging.", "idee"},
      {"door", "Vrijwilligers geven een workshop fietsband plakken.", "idee"},
      {"voor", "Repair Café elke eerste zaterdag in de vestiging Heikant.", "gepland"}},
     {{"jeroen@desleutel.nl", "bouwer"}},
     {NULL}},
    {"Boekstart: jonge ouders in Molenbeek",
     "Ouders van baby's en peuters die naar het consultatiebureau naast de vestiging "
     "Molenbeek komen. Ze kennen elkaar nog nauwelijks.",
     "Voorlezen vanaf de wieg is de basis van taal. Het consultatiebureau wil samenwerken en "
     "ouders zoeken contact met andere ouders.",
     "Molenbeek; het consultatiebureau naast de vestiging.",
     "Ouders en verzorgers van kinderen van 0 tot 4 jaar.",
     "Voorlezen, opvoeden en andere ouders ontmoeten.",
     "circumstance",
     "nauwelijks",
     "Lotte Verbeek (jeugdverpleegkundige)",
     "Via het consultatiebureau Molenbeek.",
     "verkennen",
     "",
     {{"gewenst", "2026-02-02"}, {"verkennen", "2026-03-09"}},
     {{"sterkte", "Ouders willen graag andere ouders ontmoeten.", NULL},
      {"sterkte", "Het consultatiebureau ziet alle ouders en wil samenwerken.", NULL},
      {"behoefte", "Een plek waar je met kleine kinderen en een kinderwagen terecht kunt.", NULL},
      {"behoefte", "Tips over voorlezen aan baby's.", NULL},
      {"voor", "Boekstartkoffer uitdelen bij het consultatiebureau.", "gepland"},
      {"door", "Ouders kiezen zelf de boeken voor de voorleeshoek.", "idee"}},
     {{"sascha@desleutel.nl", "aanjager"}, {"jeroen@desleutel.nl", "bouwer"}},
     {NULL}},
    {"Samen voor Oosterveld: verhalen van het dorp",
     "Oudere dorpsbewoners, de historische kring en nieuwe inwoners die verhalen over het dorp "
     "willen verzamelen en delen, zoals Samen voor Someren dat deed.",
     "In het dorp leeft veel kennis over vroeger. Ouderen willen hun verhalen kwijt en de "
     "historische kring zoekt jongere leden: de bibliotheek kan die verbinden.",
     "Het dorp Oosterveld.",
     "",
     "Lokale geschiedenis en verhalen.",
     "location",
     "sterk",
     "",
     "",
     "gewenst",
     "",
     {{"gewenst", "2026-03-20"}},
     {{"sterkte", "De historische kring heeft een groot archief met foto's.", NULL}},
     {{NULL, NULL}},
     {NULL}},
};

struct demo_scan {
	const char *list, *name, *description, *why;
	const char *community; /* name of the demo community made from it, or NULL */
};

static const struct demo_scan demo_scan_entries[] = {
    {"bestaand", "Leesclub De Zandhovense Lezers",
     "Twaalf vaste leden, elke derde donderdag in de hoofdvestiging.",
     "Trouwe bezoekers die nieuwe leesclubs op weg kunnen helpen.", NULL},
    {"bestaand", "Taalcafé voor nieuwkomers", "Twintig deelnemers, dinsdagochtend.",
     "Wil zelf meer doen dan oefenen.", "Taalcafé voor nieuwkomers"},
    {"bestaand", "Schaakclub Heikant", "Speelt op woensdagavond in het dorpshuis.",
     "Zoekt jeugdleden; de vestiging Heikant ligt ernaast.", NULL},
    {"gewenst", "Mantelzorgers in Zandhoven",
     "Mensen die zorgen voor een naaste, vaak met weinig tijd voor zichzelf.",
     "Past bij onze doelen rond gezondheid en meedoen; het steunpunt mantelzorg zoekt een "
     "plek.",
     NULL},
    {"gewenst", "Jongeren van 16 tot 23 in Oosterveld",
     "Komen samen bij het dorpshuis; er is weinig voor hen te doen.",
     "We bereiken ze nu nauwelijks en de jongerenwerker wil samenwerken.", NULL},
    {"gewenst", "Samen voor Oosterveld: verhalen van het dorp",
     "Ouderen met verhalen, de historische kring en nieuwe inwoners.",
     "Verhalen verbinden oud en nieuw in het dorp.",
     "Samen voor Oosterveld: verhalen van het dorp"},
};

static const struct {
	const char *kind, *title, *body;
} demo_notes[] = {
    {"thema", "Gezondheid en meedoen",
     "Beleidsplan 2025-2028: de bibliotheek als plek voor basisvaardigheden (taal, digitaal, "
     "gezondheid). De gemeente zet in op eenzaamheid en mantelzorg."},
    {"thema", "Duurzaamheid",
     "De gemeente wil dat inwoners minder weggooien. In Heikant en Molenbeek zijn repair cafés."},
    {"omgeving", "Mantelzorg",
     "Steunpunt Mantelzorg (Welzijn De Brug) houdt elke maand een mantelzorgcafé. "
     "Facebookgroep 'Mantelzorgers Zandhoven' heeft ruim 400 leden."},
    {"omgeving", "Lokale geschiedenis",
     "De Historische Kring Oosterveld geeft elk kwartaal een blad uit en zoekt verhalen en "
     "jongere leden. De Oosterbode heeft een vaste rubriek 'Toen'."},
};

/* A demo date as Unix seconds (noon, local time). */
static long long demo_time(const char *ymd)
{
	struct tm tm = {0};
	tm.tm_year = atoi(ymd) - 1900;
	tm.tm_mon = atoi(ymd + 5) - 1;
	tm.tm_mday = atoi(ymd + 8);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static long long person_id_of(struct db *db, const char *email)
{
	long long id = 0;
	if (db_query_int(db, "SELECT id FROM persons WHERE email = ?", DB_ARGS(DB_TEXT(email)),
	                 &id) != DB_ROW)
		return 0;
	return id;
}

static long long community_id_of(struct db *db, long long org, const char *name)
{
	long long id = 0;
	if (db_query_int(db, "SELECT id FROM communities WHERE org_id = ? AND name = ?",
	                 DB_ARGS(DB_INT(org), DB_TEXT(name)), &id) != DB_ROW)
		return 0;
	return id;
}

/* Adds one demo community with its history, lists and people. 0 or -1. */
static int demo_community_add(struct db *db, long long org, const struct demo_community *d)
{
	struct community c = {
	    .name = d->name,
	    .description = d->description,
	    .why = d->why,
	    .geography = d->geography,
	    .identity = d->identity,
	    .affinity = d->affinity,
	    .archetype = d->archetype,
	    .bond = d->bond,
	    .contact_name = d->contact_name,
	    .contact_how = d->contact_how,
	    .status = d->status,
	    .started_on = d->started_on,
	};
	long long id = 0;
	if (community_create(db, org, 0, &c, &id) != SAVE_OK)
		return -1;
	/* the story so far: the status history as it happened */
	if (db_exec(db, "DELETE FROM community_status_changes WHERE community_id = ?",
	            DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	long long first = 0, last = 0;
	for (size_t k = 0; k < 5 && d->history[k].status; k++) {
		long long at = demo_time(d->history[k].date);
		if (k == 0)
			first = at;
		last = at;
		if (db_exec(
		        db,
		        "INSERT INTO community_status_changes (org_id, community_id, status, at)"
		        " VALUES (?, ?, ?, ?)",
		        DB_ARGS(DB_INT(org), DB_INT(id), DB_TEXT(d->history[k].status),
		                DB_INT(at))) != DB_OK)
			return -1;
	}
	if (db_exec(db,
	            "UPDATE communities SET created_at = ?, status_since = ? WHERE id = ? AND "
	            "org_id = ?",
	            DB_ARGS(DB_INT(first), DB_INT(last), DB_INT(id), DB_INT(org))) != DB_OK)
		return -1;
	for (size_t k = 0; k < 12 && d->items[k].kind; k++)
		if (community_item_add(db, org, 0, id, d->items[k].kind, d->items[k].text,
		                       d->items[k].status, NULL) != SAVE_OK)
			return -1;
	for (size_t k = 0; k < 4 && d->staff[k].email; k++)
		if (community_staff_add(db, org, 0, id, person_id_of(db, d->staff[k].email),
		                        d->staff[k].role) != SAVE_OK)
			return -1;
	for (size_t k = 0; k < 2 && d->ambassadors[k]; k++)
		if (community_ambassador_add(db, org, 0, id, person_id_of(db, d->ambassadors[k])) !=
		    SAVE_OK)
			return -1;
	return 0;
}

/* Adds what is missing of De Sleutel's communities, scan and notes. 0 or -1. */
static int demo_communities_load(struct db *db)
{
	long long org = org_id_of(db, "de-sleutel");
	long long sascha = person_id_of(db, "sascha@desleutel.nl"); /* she did the scan */
	if (org == 0)
		return -1;
	for (size_t i = 0; i < sizeof(demo_communities) / sizeof(demo_communities[0]); i++)
		if (community_id_of(db, org, demo_communities[i].name) == 0 &&
		    demo_community_add(db, org, &demo_communities[i]) != 0)
			return -1;
	for (size_t i = 0; i < sizeof(demo_scan_entries) / sizeof(demo_scan_entries[0]); i++) {
		const struct demo_scan *e = &demo_scan_entries[i];
		long long has = 0;
		db_query_int(db, "SELECT COUNT(*) FROM scan_entries WHERE org_id = ? AND name = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(e->name)), &has);
		if (has)
			continue;
		if (scan_entry_add(db, org, sascha, e->list, e->name, e->description, e->why) !=
		    SAVE_OK)
			return -1;
		long long cid = e->community ? community_id_of(db, org, e->community) : 0;
		if (cid &&
		    db_exec(
		        db,
		        "UPDATE scan_entries SET community_id = ? WHERE org_id = ? AND name = ?",
		        DB_ARGS(DB_INT(cid), DB_INT(org), DB_TEXT(e->name))) != DB_OK)
			return -1;
	}
	for (size_t i = 0; i < sizeof(demo_notes) / sizeof(demo_notes[0]); i++) {
		long long has = 0;
		db_query_int(db, "SELECT COUNT(*) FROM scan_notes WHERE org_id = ? AND title = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(demo_notes[i].title)), &has);
		if (!has && scan_note_add(db, org, sascha, demo_notes[i].kind, demo_notes[i].title,
		                          demo_notes[i].body) != SAVE_OK)
			return -1;
	}
	return 0;
}

/* ---- partners and conversations of De Sleutel (step 4) ---- */

struct demo_partner {
	const char *name, *kind, *part_of, *description, *contact_name, *contact_how;
	const char *communities[2]; /* names of demo communities */
};

static const struct demo_partner demo_partners[] = {
    {"VluchtelingenWerk Zandhoven",
     "welzijn",
     "VluchtelingenWerk Nederland, regio Zandhoven",
     "Begeleidt statushouders in hun eerste jaren in Zandhoven. Heeft een groep van dertig "
     "taalmaatjes die één op één Nederlands oefenen met nieuwkomers.",
     "Samira Haddad (coördinator taalmaatjes)",
     "Via het kantoor aan de Marktstraat, op maandag en donderdag.",
     {"Taalcafé voor nieuwkomers"}},
    {"Welzijn De Brug",
     "welzijn",
     "",
     "Welzijnsorganisatie van de gemeente: ouderenwerk, het steunpunt mantelzorg en "
     "opbouwwerk in de dorpen. Kent veel oudere inwoners van Oosterveld persoonlijk.",
     "Ruud Hendriks (opbouwwerker Oosterveld)",
     "Via de receptie van De Brug.",
     {"Samen voor Oosterveld: verhalen van het dorp"}},
    {"Basisschool De Regenboog",
     "school",
     "Molenbeek",
     "Basisschool naast de vestiging Molenbeek, met een peuterspeelzaal in hetzelfde gebouw. "
     "Veel ouders van peuters kennen elkaar via het schoolplein.",
     "Inge de Wit (intern begeleider)",
     "Via de administratie van de school.",
     {"Boekstart: jonge ouders in Molenbeek"}},
    {"Dorpsraad Heikant",
     "vereniging",
     "",
     "Praat mee over alles wat het dorp aangaat en beheert het dorpshuis, waar het Repair "
     "Café nu nog zit.",
     "Kees van Dijk (voorzitter)",
     "Via het dorpshuis, of op zaterdag in de werkplaats.",
     {"Repair Café en dorpsnetwerk Heikant"}},
    {"Consultatiebureau Molenbeek",
     "zorg",
     "Jeugdgezondheidszorg Zandhoven",
     "Ziet alle ouders van baby's en peuters in Molenbeek en wil voorlezen vanaf de wieg "
     "stimuleren.",
     "Lotte Verbeek (jeugdverpleegkundige)",
     "Via het consultatiebureau Molenbeek.",
     {"Boekstart: jonge ouders in Molenbeek"}},
    {"Historische Kring Oosterveld",
     "cultuur",
     "",
     "Vereniging met een groot archief van foto's en verhalen over het dorp. Geeft elk "
     "kwartaal een blad uit en zoekt jongere leden.",
     "Wim Kuipers (secretaris)",
     "Via de website van de kring.",
     {"Samen voor Oosterveld: verhalen van het dorp"}},
};

struct demo_action {
	const char *text;
	const char *owner; /* e-mail */
	int due;           /* days from today */
	bool done;
};

struct demo_talk {
	int held; /* days from today (negative: in the past) */
	const char *kind;
	const char *partner;   /* name, or NULL */
	const char *community; /* name, or NULL */
	const char *subject, *participants, *report;
	bool report_sent;
	int next; /* days from today, or 0 for none */
	const char *next_note;
	struct demo_action actions[3];
};

static const struct demo_talk demo_talks[] = {
    {-40,
     "kennismaking",
     "VluchtelingenWerk Zandhoven",
     "Taalcafé voor nieuwkomers",
     "Kop koffie met Samira van VluchtelingenWerk",
     "Samira Haddad, Sascha de Vries",
     "Samira kende het taalcafé van horen zeggen. Ze vertelde dat veel nieuwkomers die werken "
     "overdag niet naar de taalles kunnen, en dat ze een plek zoekt die niet ‘van de "
     "instantie’ is. Ze wil graag samenwerken, maar eerst zien hoe het taalcafé loopt. "
     "Afgesproken: twee taalmaatjes kijken een keer mee.",
     true,
     -12,
     "Partner power: wat vindt VluchtelingenWerk belangrijk?",
     {{"Flyer van het taalcafé mailen naar Samira", "sascha@desleutel.nl", -35, true}}},
    {-12,
     "partner-power",
     "VluchtelingenWerk Zandhoven",
     "Taalcafé voor nieuwkomers",
     "Partner power met VluchtelingenWerk",
     "Samira Haddad, Fatima El Amrani (ambassadeur), Sascha de Vries",
     "Een open gesprek in het taalcafé zelf. Samira wil dat nieuwkomers buren zijn, geen "
     "cliënten. Fatima stelde voor om een verhalenavond te organiseren met eten uit eigen "
     "land; Samira helpt met de voorbereiding en twee taalmaatjes komen vast op dinsdag. "
     "Lange stilte na de vraag wat succes is; toen: ‘als ze ons niet meer nodig hebben’.",
     false,
     16,
     "Evaluatie van de verhalenavond en het rooster van de taalmaatjes",
     {{"Zaal vastleggen voor de verhalenavond", "jeroen@desleutel.nl", -3, false},
      {"Verslag terugsturen naar Samira", "sascha@desleutel.nl", 2, false}}},
    {-25,
     "kennismaking",
     "Dorpsraad Heikant",
     "Repair Café en dorpsnetwerk Heikant",
     "Koffie met Kees van de dorpsraad",
     "Kees van Dijk, Jeroen Bakker",
     "Het Repair Café zoekt een vaste plek met stroom en werkbanken; het dorpshuis wordt te "
     "klein. De dorpsraad ziet de vestiging Heikant graag als huiskamer van het dorp. Kees "
     "vraagt of jongere vrijwilligers via de bibliotheek kunnen instromen.",
     true,
     7,
     "Samen de werkplaats in de vestiging bekijken",
     {{"Afspraak maken met facilitair over werkbanken en stroom", "jeroen@desleutel.nl", 10,
       false}}},
    {-5,
     "brainstorm",
     NULL,
     "Taalcafé voor nieuwkomers",
     "Brainstorm met de deelnemers: wat willen jullie zelf doen?",
     "Twaalf deelnemers van het taalcafé, Fatima El Amrani, Sascha de Vries",
     "Ideeën van de groep zelf: een verhalenavond met eten uit eigen land, een wandeling door "
     "Zandhoven met uitleg in eenvoudig Nederlands, en een meertalige voorleesochtend voor "
     "kinderen.",
     false,
     0,
     "",
     {{"De ideeën op het prikbord bij de leestafel hangen", "sascha@desleutel.nl", -3, true}}},
};

/* Today plus days, as "YYYY-MM-DD" (local time), in a. */
static const char *demo_day(struct arena *a, int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

static long long partner_id_of(struct db *db, long long org, const char *name)
{
	long long id = 0;
	if (name == NULL ||
	    db_query_int(db, "SELECT id FROM partners WHERE org_id = ? AND name = ?",
	                 DB_ARGS(DB_INT(org), DB_TEXT(name)), &id) != DB_ROW)
		return 0;
	return id;
}

/* Adds what is missing of De Sleutel's partners, partner power and conversations. 0 or -1. */
static int demo_partners_load(struct db *db, struct arena *a)
{
	long long org = org_id_of(db, "de-sleutel");
	long long sascha = person_id_of(db, "sascha@desleutel.nl");
	if (org == 0)
		return -1;
	for (size_t i = 0; i < sizeof(demo_partners) / sizeof(demo_partners[0]); i++) {
		const struct demo_partner *d = &demo_partners[i];
		if (partner_id_of(db, org, d->name) != 0)
			continue;
		struct partner p = {.name = d->name,
		                    .kind = d->kind,
		                    .part_of = d->part_of,
		                    .description = d->description,
		                    .contact_name = d->contact_name,
		                    .contact_how = d->contact_how};
		long long links[2];
		size_t n = 0;
		for (size_t k = 0; k < 2 && d->communities[k]; k++)
			if ((links[n] = community_id_of(db, org, d->communities[k])) != 0)
				n++;
		long long pid = 0;
		if (partner_create(db, org, sascha, &p, links, n, &pid) != SAVE_OK)
			return -1;
		/* they have worked with these communities for a while */
		if (db_exec(
		        db, "UPDATE partner_communities SET created_at = ? WHERE partner_id = ?",
		        DB_ARGS(DB_INT((long long)time(NULL) - 45 * 86400), DB_INT(pid))) != DB_OK)
			return -1;
	}
	/* what VluchtelingenWerk finds important, as heard twelve days ago */
	long long vw = partner_id_of(db, org, "VluchtelingenWerk Zandhoven");
	long long has = 0;
	db_query_int(db, "SELECT COUNT(*) FROM partner_power WHERE partner_id = ?",
	             DB_ARGS(DB_INT(vw)), &has);
	struct partner_power pw = {
	    .partner_id = vw,
	    .met_on = demo_day(a, -12),
	    .challenges = "Er zijn meer aanmeldingen dan taalmaatjes. Nieuwkomers die werken, "
	                  "kunnen overdag niet naar de taalles. Ze zoeken een plek in de wijk die "
	                  "niet ‘van de instantie’ is.",
	    .core_values = "Gelijkwaardigheid: nieuwkomers zijn buren, geen cliënten. Samira: ‘Ik "
	                   "word blij als iemand mij na een jaar de weg wijst in zijn eigen "
	                   "straat.’",
	    .goals = "Dat nieuwkomers binnen twee jaar zelf iets organiseren in de wijk. "
	             "Praktisch: tien nieuwe taalmaatjes dit jaar.",
	    .commitments = "Twee taalmaatjes komen elke dinsdagochtend naar het taalcafé. Samira "
	                   "helpt met de verhalenavond (ongeveer 8 uur voorbereiding). Ze delen "
	                   "onze activiteiten in hun nieuwsbrief.",
	    .success = "Deelnemers van het taalcafé zijn zelf gastvrouw of gastheer. Samira: "
	               "‘Succes is als ze ons niet meer nodig hebben.’",
	};
	if (vw && !has && power_create(db, org, sascha, &pw, NULL) != SAVE_OK)
		return -1;
	for (size_t i = 0; i < sizeof(demo_talks) / sizeof(demo_talks[0]); i++) {
		const struct demo_talk *d = &demo_talks[i];
		has = 0;
		db_query_int(db,
		             "SELECT COUNT(*) FROM conversations WHERE org_id = ? AND subject = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(d->subject)), &has);
		if (has)
			continue;
		struct conversation c = {
		    .held_on = demo_day(a, d->held),
		    .kind = d->kind,
		    .partner_id = partner_id_of(db, org, d->partner),
		    .community_id = d->community ? community_id_of(db, org, d->community) : 0,
		    .subject = d->subject,
		    .participants = d->participants,
		    .report = d->report,
		    .report_sent = d->report_sent,
		    .next_on = d->next ? demo_day(a, d->next) : "",
		    .next_note = d->next_note,
		};
		struct action_new aps[3];
		size_t n = 0;
		for (; n < 3 && d->actions[n].text; n++)
			aps[n] =
			    (struct action_new){.text = d->actions[n].text,
			                        .owner_id = person_id_of(db, d->actions[n].owner),
			                        .due_on = demo_day(a, d->actions[n].due)};
		long long id = 0;
		if (conversation_create(db, org, sascha, &c, aps, n, &id) != SAVE_OK)
			return -1;
		struct action_point *list;
		size_t n_list;
		if (action_list(db, a, org, id, &list, &n_list) != 0)
			return -1;
		for (size_t k = 0; k < n_list && k < n; k++)
			if (d->actions[k].done &&
			    (action_set_done(db, org, person_id_of(db, d->actions[k].owner), id,
			                     list[k].id, true) != SAVE_OK ||
			     db_exec(db, "UPDATE action_points SET done_at = ? WHERE id = ?",
			             DB_ARGS(DB_INT(demo_time(demo_day(a, d->actions[k].due))),
			                     DB_INT(list[k].id))) != DB_OK))
				return -1; /* ticked off on the day it was due */
	}
	return 0;
}

int demo_load(struct db *db, FILE *out)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	for (size_t i = 0; i < sizeof(demo_orgs) / sizeof(demo_orgs[0]); i++) {
		const struct demo_org *o = &demo_orgs[i];
		if (org_id_of(db, o->slug) != 0)
			continue;
		long long id;
		if (org_create(db, o->slug, o->name, &id) != 0)
			goto out;
		if (db_exec(db, "UPDATE orgs SET description = ? WHERE id = ?",
		            DB_ARGS(DB_TEXT(o->description), DB_INT(id))) != DB_OK)
			goto out;
		for (size_t k = 0; k < 4 && o->branches[k][0]; k++)
			if (branch_add(db, id, 0, o->branches[k][0], o->branches[k][1]) != SAVE_OK)
				goto out;
	}
	char hash[crypto_pwhash_STRBYTES] = "";
	for (size_t i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]); i++) {
		const struct demo_person *p = &demo_people[i];
		long long person = 0;
		int found = person_find(db, &a, p->email, &person, NULL, NULL, NULL);
		if (found < 0)
			goto out;
		if (!found) {
			if (hash[0] == '\0' && auth_password_hash(DEMO_PASSWORD, hash) != 0)
				goto out;
			if (person_create(db, p->email, p->name, hash, &person) != 0)
				goto out;
		}
		for (size_t k = 0; k < 2 && p->memberships[k][0]; k++) {
			long long org = org_id_of(db, p->memberships[k][0]);
			long long has = 0;
			if (org == 0)
				goto out;
			db_query_int(
			    db,
			    "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND person_id = ?",
			    DB_ARGS(DB_INT(org), DB_INT(person)), &has);
			if (!has &&
			    member_set_role(db, org, 0, person,
			                    role_from_name(p->memberships[k][1])) != SAVE_OK)
				goto out;
		}
	}
	if (instrument_meetlat() != NULL && demo_meetlat(db, (long long)time(NULL)) != 0)
		goto out;
	if (demo_communities_load(db) != 0)
		goto out;
	if (demo_partners_load(db, &a) != 0)
		goto out;
	fprintf(out,
	        "Demo: Bibliotheek De Sleutel (and Bibliotheek Het Baken) are ready.\n"
	        "Log in at /login with one of these accounts, password '%s':\n",
	        DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]); i++) {
		const struct demo_person *p = &demo_people[i];
		fprintf(out, "  %-22s %s (%s%s%s)\n", p->email, p->name, p->memberships[0][1],
		        p->memberships[1][0] ? ", also in " : "",
		        p->memberships[1][0] ? p->memberships[1][0] : "");
	}
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
