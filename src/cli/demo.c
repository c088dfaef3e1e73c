/*
 * demo.c - the demo library (see demo.h).
 */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "../auth/password.h"
#include "../core/signal.h"
#include "../auth/roles.h"
#include "../auth/token.h"
#include "../core/calendar.h"
#include "../core/invite.h"
#include "../util/clock.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../core/org.h"
#include "../core/readiness.h"
#include "../core/vision.h"
#include "demo_activities.h"
#include "demo_work.h"
#include "demo_goals.h" /* goals: step 5 and 6 */
#include "demo_instruments.h"
#include "demo_knowledge.h" /* knowledge (issue 11) */
#include "demo_public.h"    /* public page (issue 13) */
#include "demo_route.h"     /* route (issue 12a): Sascha's route and impact plan */
#include "demo_privacy.h"   /* privacy (issue 14b) */
#include "demo_plan.h"      /* plan: cycle, POST-O and project plan (issue 11b) */

/* workshops (issue 12) */
#include "demo_workshops.h"

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

long long demo_org_id(struct db *db, const char *slug)
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
	long long org = demo_org_id(db, "de-sleutel"), baken = demo_org_id(db, "het-baken");
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

int demo_load(struct db *db, FILE *out)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	signals_bulk(true); /* signals (issue 10): computed once, at the end */
	for (size_t i = 0; i < sizeof(demo_orgs) / sizeof(demo_orgs[0]); i++) {
		const struct demo_org *o = &demo_orgs[i];
		if (demo_org_id(db, o->slug) != 0)
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
			long long org = demo_org_id(db, p->memberships[k][0]);
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
	/* activities (issue 9): after the communities and partners they name */
	if (demo_activities_load(db) != 0)
		goto out;
	if (demo_goals_load(db) != 0) /* goals: step 5 and 6 */
		goto out;
	if (demo_privacy_load(db) !=
	    0) /* privacy (issue 14b): a colleague who left, the access log */
		goto out;
	if (demo_plan_load(db) != 0) /* plan: cycle, POST-O and project plan (issue 11b) */
		goto out;
	if (demo_instruments_load(db) != 0) /* instruments: zelftest, pulse, energy */
		goto out;
	if (demo_route_load(db) != 0) /* route (issue 12a) */
		goto out;
	if (demo_public_load(db) != 0) /* public page, inbox (issue 13) */
		goto out;
	/* knowledge (issue 11): after the activities its stories come from */
	if (demo_knowledge_load(db) != 0)
		goto out;
	if (demo_workshops_load(db) != 0) /* workshops (issue 12) */
		goto out;
	/* calendar: De Sleutel's feed has a key, made by its beheerder (shown once, here) */
	const char *feed_key = NULL;
	long long sleutel = demo_org_id(db, "de-sleutel"), keys = 0, marieke = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM calendar_keys WHERE org_id = ?1",
	                 DB_ARGS(DB_INT(sleutel)), &keys) != DB_ROW ||
	    person_find(db, &a, "marieke@desleutel.nl", &marieke, NULL, NULL, NULL) < 0)
		goto out;
	if (keys == 0 && calendar_key_renew(db, &a, sleutel, marieke, 0, &feed_key) != SAVE_OK)
		goto out;
	/* accounts (issue 14): an open invitation for a new colleague (its link shown once, here) */
	char invite[TOKEN_LEN + 1] = "";
	long long invitations = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM invitations WHERE org_id = ?",
	                 DB_ARGS(DB_INT(sleutel)), &invitations) != DB_ROW)
		goto out;
	if (invitations == 0) {
		char invite_hash[TOKEN_HASH_LEN + 1];
		long long now = (long long)clock_now();
		token_new(invite, invite_hash);
		if (invite_create(db, sleutel, marieke, ROLE_MEDEWERKER, 0, "Bas Verhoef",
		                  "bas@desleutel.nl", invite_hash, now, now + TOKEN_INVITE_SECONDS,
		                  NULL) != SAVE_OK)
			goto out;
	}
	/* signals (issue 10): computed by the engine from the demo data */
	char today[16];
	signal_today(today);
	signals_bulk(false);
	if (signals_refresh_all(db, today, NULL) != 0)
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
	if (feed_key)
		fprintf(out,
		        "Calendar feed of De Sleutel (Outlook, phones): "
		        "/o/de-sleutel/activities.ics?key=%s\n",
		        feed_key);
	if (invite[0])
		fprintf(out, "Invitation for a new colleague at De Sleutel: /invite/%s\n", invite);
	rc = 0;
out:
	signals_bulk(false);
	arena_free(&a);
	return rc;
}
