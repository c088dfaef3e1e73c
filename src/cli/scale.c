/*
 * scale.c - scale data (see scale.h). Every organisation is made from the
 * same lists of words with a small deterministic generator seeded by its
 * number, so two runs give the same data.
 *
 * Everything goes through the domain functions, which keep the search
 * index, the status history and the versions right; only the past of the
 * status history and a few dates are written directly, as the demo does.
 * Each organisation is one batch (db_batch_begin(): the functions' own
 * transactions become savepoints), so it costs one commit and appears
 * whole or not at all.
 */
#include "scale.h"

#include <string.h>
#include <time.h>

#include "../auth/password.h"
#include "../auth/roles.h"
#include "../auth/token.h" /* accounts */
#include "../core/action.h"
#include "../core/activity.h"
#include "../core/files.h"     /* knowledge (issue 11) */
#include "../core/knowledge.h" /* knowledge (issue 11) */
#include "demo_knowledge.h"    /* knowledge (issue 11): demo_png */
#include "../core/community.h"
#include "../core/conversation.h"
#include "../core/goal.h"    /* goals */
#include "../core/invite.h"  /* accounts */
#include "../core/goal.h"    /* goals */
#include "../core/privacy.h" /* privacy (issue 14b) */
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../core/signal.h"
#include "../core/org.h"
#include "../core/impact.h" /* route (issue 12a) */
#include "../core/route.h"
#include "../core/partner.h"
#include "../core/power.h"
#include "../core/readiness.h"
#include "../core/scan.h"
#include "../core/vocab.h"
#include "demo_instruments.h"
#include "../core/workshop.h" /* workshops (issue 12) */
#include "demo.h"
#include "demo_public.h" /* public (issue 13) */
#include "demo_work.h"
#include "demo_plan.h" /* plan: cycle, POST-O and project plan (issue 11b) */

#define DAY (24 * 3600LL)

#define N_BRANCHES      3
#define N_STAFF         5 /* one beheerder and four medewerkers */
#define N_AMBASSADORS   3
#define N_ADVISERS      10 /* the pool: each adviser advises every tenth organisation */
#define N_COMMUNITIES   12
#define N_ITEMS         7 /* per community */
#define N_PARTNERS      10
#define N_CONVERSATIONS 20
#define N_SCAN          6
#define N_ACTIVITIES    300 /* a year and a bit, voor/met/door (issue 9) */

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

static const char *const places[] = {
    "Aldenvoort", "Beekhuizen", "Dorrestein",   "Elsendonk",  "Friezenveen",
    "Gansdijk",   "Hallewijk",  "Ijsselborg",   "Kerkhoven",  "Lindeloo",
    "Marrewoude", "Noordbrug",  "Oudelande",    "Papenvoort", "Rietmolen",
    "Schoorlo",   "Terwinkel",  "Ulvenhout",    "Veldhoven",  "Westerhem",
    "Zandwijk",   "Achterberg", "Bosschenhoek", "Dijkmaat",   "Geffenrode",
};

static const char *const first_names[] = {
    "Anne",    "Bram",   "Charlotte", "Daan",  "Esra",  "Femke", "Gijs",   "Hanna",
    "Ilse",    "Jasper", "Karim",     "Lieke", "Milan", "Noor",  "Omar",   "Petra",
    "Quinten", "Roos",   "Sem",       "Tess",  "Umut",  "Vera",  "Wouter", "Yara",
};

static const char *const last_names[] = {
    "de Jong",  "Jansen",      "de Vries", "van den Berg", "Bakker", "Visser",     "Smit",
    "Meijer",   "de Boer",     "Mulder",   "de Groot",     "Bos",    "Vos",        "Peters",
    "Hendriks", "van Leeuwen", "Dekker",   "Brouwer",      "Yilmaz", "El Idrissi",
};

struct theme {
	const char *name;      /* with " in PLACE" after it */
	const char *affinity;  /* what holds them together */
	const char *archetype; /* community_archetypes */
};

static const struct theme themes[] = {
    {"Taalcafé", "Nederlands oefenen in een ontspannen sfeer.", "circumstance"},
    {"Repair Café", "Repareren, duurzaamheid en elkaar helpen.", "practice"},
    {"Leesclub", "Samen boeken lezen en erover praten.", "interest"},
    {"Digicafé voor senioren", "Wegwijs worden op de telefoon en de computer.", "circumstance"},
    {"Mantelzorgers", "Zorgen voor een naaste en even op adem komen.", "circumstance"},
    {"Jonge ouders", "Voorlezen, opvoeden en andere ouders ontmoeten.", "circumstance"},
    {"Schaakclub", "Schaken, van beginner tot gevorderde.", "interest"},
    {"Historische kring", "Lokale geschiedenis en verhalen van vroeger.", "location"},
    {"Breiclub", "Breien, haken en borduren, en de koffie erbij.", "practice"},
    {"Jongerenraad", "Jongeren die meebeslissen over hun dorp.", "action"},
    {"Buurtmoestuin", "Samen tuinieren en de oogst delen.", "location"},
    {"Wandelgroep", "Elke week samen wandelen door de omgeving.", "interest"},
    {"Klimaatcafé", "Samen werken aan een duurzame buurt.", "purpose"},
    {"Codeclub", "Kinderen die leren programmeren.", "practice"},
    {"Schrijfgroep", "Verhalen en gedichten schrijven en voorlezen.", "practice"},
    {"Voorleesvrijwilligers", "Voorlezen aan kinderen thuis en in de bibliotheek.", "purpose"},
};

/* partner names around the name of the town */
static const struct {
	const char *before, *after;
} partner_names[] = {
    {"Welzijn ", ""},
    {"Basisschool De Regenboog (", ")"},
    {"Dorpsraad ", ""},
    {"Gemeente ", ""},
    {"Huisartsenpraktijk ", ""},
    {"Muziekschool ", ""},
    {"Bakkerij Van Dam (", ")"},
    {"Vrijwilligerscentrale ", ""},
    {"Taalhuis ", ""},
    {"Historische Vereniging ", ""},
    {"Buurthuis De Ontmoeting (", ")"},
    {"Zorgcentrum De Linde (", ")"},
};

static const char *const item_texts[] = {
    "Mensen die elkaar al jaren kennen en elkaar helpen.",
    "Een vaste groep vrijwilligers met veel vakkennis.",
    "Een plek waar je zonder afspraak binnen kunt lopen.",
    "Meer bekendheid in het dorp, ook bij nieuwe inwoners.",
    "Iemand die het rooster en de contacten bijhoudt.",
    "De groep kiest zelf de boeken en materialen voor de bibliotheek.",
    "Deelnemers organiseren een open avond voor het dorp.",
    "Een vaste ruimte op de avond waarop de groep samenkomt.",
    "Een ambassadeur denkt mee in de programmaraad.",
    "Een workshop door de deelnemers zelf.",
};

/* A small deterministic generator (one per organisation). */
static unsigned next(unsigned *k)
{
	*k = *k * 1103515245u + 12345u;
	return (*k >> 8) & 0xffffffu;
}

static int pick(unsigned *k, int n)
{
	return (int)(next(k) % (unsigned)n);
}

/* Today plus days as "YYYY-MM-DD" (local time), in a. */
static const char *day_text(struct arena *a, long long now, int days)
{
	time_t t = (time_t)(now + days * DAY);
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/* The person with email, made when missing (with hash) and given role in org. 0 on error. */
static long long scale_person(struct db *db, struct arena *a, long long org, const char *email,
                              const char *name, const char *hash, unsigned role)
{
	long long id = 0;
	int found = person_find(db, a, email, &id, NULL, NULL, NULL);
	if (found < 0 || (!found && person_create(db, email, name, hash, &id) != 0))
		return 0;
	if (member_set_role(db, org, 0, id, role) != SAVE_OK)
		return 0;
	return id;
}

/*
 * goals: step 5 and 6 of one community: the library's goal, a shared goal
 * with two SMART subgoals (members, measured twice; activities, counted)
 * and an agreement. 0 or -1.
 */
static int scale_goals(struct db *db, struct arena *a, long long org, long long community,
                       long long actor, long long now, int c)
{
	long long shared = 0, sub = 0;
	if (goal_add(db, org, actor, ROLE_MEDEWERKER, community, "library",
	             "Meer inwoners vinden de weg naar de bibliotheek.", NULL) != SAVE_OK ||
	    goal_add(db, org, actor, ROLE_MEDEWERKER, community, "shared",
	             "Samen een plek maken waar de groep zelf activiteiten organiseert.",
	             &shared) != SAVE_OK)
		return -1;
	struct subgoal s = {.goal_id = shared,
	                    .title = "Meer vaste deelnemers",
	                    .measure = "members",
	                    .has_baseline = true,
	                    .baseline = 10 + c % 7,
	                    .baseline_on = day_text(a, now, -150),
	                    .has_target = true,
	                    .target = 30,
	                    .deadline = day_text(a, now, 200),
	                    .owner_id = actor};
	if (subgoal_save(db, org, actor, community, &s, &sub) != SAVE_OK ||
	    measurement_add(db, org, actor, community, sub, day_text(a, now, -90), 12 + c % 9,
	                    "") != SAVE_OK ||
	    measurement_add(db, org, actor, community, sub, day_text(a, now, -10), 14 + c % 13,
	                    "") != SAVE_OK)
		return -1;
	s.title = "Activiteiten door de groep";
	s.measure = "activities";
	s.baseline = 0;
	s.target = 12;
	struct agreement ag = {.side = "library",
	                       .text = "Faciliteert de ruimte en de koffie.",
	                       .agreed_with = "de contactpersoon",
	                       .agreed_on = day_text(a, now, -60)};
	return subgoal_save(db, org, actor, community, &s, NULL) != SAVE_OK ||
	               agreement_add(db, org, actor, community, &ag) != SAVE_OK
	           ? -1
	           : 0;
}

/* One community with its history, lists and people. 0 or -1. */
static int scale_community(struct db *db, struct arena *a, long long org, const char *place, int i,
                           const long long *staff, const long long *ambassadors, long long now,
                           unsigned *k, long long *id_out)
{
	const struct theme *t = &themes[(size_t)i % COUNT(themes)];
	/* statuses spread as they are in practice: most early, some working, a few stopped */
	static const int status_of[N_COMMUNITIES] = {0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 1};
	int st = status_of[i];
	const char *bond = community_bonds[pick(k, 4)];
	struct community c = {
	    .name = arena_printf(a, "%s %s", t->name, place),
	    .description = arena_printf(
	        a,
	        "%s in %s: zo'n %d mensen komen elke %s samen in de bibliotheek of het "
	        "buurthuis. %s",
	        t->name, place, 8 + pick(k, 30),
	        (const char *[]){"week", "twee weken", "maand"}[pick(k, 3)], t->affinity),
	    .why = "Past bij ons beleidsplan: meer activiteiten die inwoners zelf organiseren, en "
	           "de groep zoekt een plek.",
	    .geography = arena_printf(a, "Het dorp %s en omgeving.", place),
	    .identity = pick(k, 2) ? "" : "Inwoners van alle leeftijden.",
	    .affinity = t->affinity,
	    .archetype = t->archetype,
	    .bond = bond,
	    .contact_name = arena_printf(a, "%s %s", first_names[pick(k, COUNT(first_names))],
	                                 last_names[pick(k, COUNT(last_names))]),
	    .contact_how = "Via de balie van de vestiging, of op de avond zelf.",
	    .status = community_statuses[st],
	    .started_on = st >= 3 ? day_text(a, now, -200 - pick(k, 400)) : "",
	};
	long long id = 0;
	if (community_create(db, org, 0, &c, &id) != SAVE_OK)
		return -1;
	/* the story so far: every step up to the status, a few weeks apart */
	if (db_exec(db, "DELETE FROM community_status_changes WHERE community_id = ?",
	            DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int path[6], n_path = 0;
	for (int s = 0; s <= (st == 5 ? 3 : st); s++)
		path[n_path++] = s;
	if (st == 5)
		path[n_path++] = 5;
	long long at = now - (long long)(60 + pick(k, 600)) * DAY, first = at;
	for (int s = 0; s < n_path; s++) {
		if (db_exec(
		        db,
		        "INSERT INTO community_status_changes (org_id, community_id, status, at)"
		        " VALUES (?, ?, ?, ?)",
		        DB_ARGS(DB_INT(org), DB_INT(id), DB_TEXT(community_statuses[path[s]]),
		                DB_INT(at))) != DB_OK)
			return -1;
		if (s + 1 < n_path)
			at += (long long)(14 + pick(k, 40)) * DAY;
	}
	if (db_exec(db,
	            "UPDATE communities SET created_at = ?, status_since = ? WHERE id = ? AND "
	            "org_id = ?",
	            DB_ARGS(DB_INT(first), DB_INT(at), DB_INT(id), DB_INT(org))) != DB_OK)
		return -1;
	for (int j = 0; j < N_ITEMS; j++) {
		const char *kind = community_item_kinds[j % 5];
		const char *status =
		    j >= 2 && j % 5 >= 2 ? community_action_statuses[pick(k, 3)] : NULL;
		if (community_item_add(db, org, 0, id, kind,
		                       item_texts[(size_t)(i + j) % COUNT(item_texts)], status,
		                       NULL) != SAVE_OK)
			return -1;
	}
	for (int j = 0; j < 2; j++)
		if (community_staff_add(db, org, 0, id, staff[(i + j) % N_STAFF],
		                        community_staff_roles[(i + j) % 3]) != SAVE_OK)
			return -1;
	if (i % 3 == 0 && community_ambassador_add(db, org, 0, id,
	                                           ambassadors[(i / 3) % N_AMBASSADORS]) != SAVE_OK)
		return -1;
	*id_out = id;
	return 0;
}

/* A meetlat round with answers of every role group; closed when closed_days >= 0. 0 or -1. */
static int scale_round(struct db *db, struct arena *a, long long org, long long actor,
                       const char *title, int opened_days, int closed_days, int n_answers,
                       const long long *people, long long now, unsigned *k)
{
	const struct meetlat_instrument *in = instrument_meetlat();
	long long id = 0;
	long long opened = now - opened_days * DAY;
	if (meetlat_round_open(db, org, actor, title, opened, &id) != SAVE_OK)
		return -1;
	int base[5];
	for (int b = 0; b < 5; b++)
		base[b] = 2 + pick(k, 3);
	for (int r = 0; r < n_answers; r++) {
		struct ml_submission s;
		memset(&s, 0, sizeof(s));
		size_t g = (size_t)r % in->n_groups;
		s.group = in->groups[g].id;
		s.nonce = meetlat_new_token(a);
		s.person_id = r < N_STAFF ? people[r] : 0;
		s.at = opened + (long long)(r + 1) * 3600;
		for (size_t b = 0; b < in->n_bouwstenen && b < ML_MAX_BOUWSTENEN; b++)
			for (size_t st = 0; st < in->bouwstenen[b].n_statements; st++) {
				if (next(k) % 17 == 0) /* now and then: weet ik niet */
					continue;
				int v = base[b % 5] + (g == 0) - (g + 1 == in->n_groups) +
				        pick(k, 3) - 1;
				s.values[b][st] = v < in->scale_min   ? in->scale_min
				                  : v > in->scale_max ? in->scale_max
				                                      : v;
			}
		if (r % 4 == 0)
			s.comments[(size_t)r % in->n_bouwstenen] =
			    "We merken dat er meer kan als we de tijd ervoor krijgen.";
		if (meetlat_submit(db, org, id, in, &s) != ML_SUBMIT_OK)
			return -1;
	}
	if (closed_days >= 0 &&
	    meetlat_round_close(db, org, actor, id, now - closed_days * DAY) != SAVE_OK)
		return -1;
	return 0;
}

/* Adds organisation number i (from 1) when it is missing. 0 or -1. */
static int scale_org(struct db *db, int i, const char *hash, const long long *advisers,
                     long long now)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	unsigned k = 7919u * (unsigned)i + 17u;
	const char *slug = arena_printf(&a, "schaal-%03d", i);
	const char *place = places[(size_t)(i - 1) % COUNT(places)];
	int round = (i - 1) / (int)COUNT(places);
	const char *town = round ? arena_printf(&a, "%s-%d", place, round + 1) : place;
	long long org = 0;
	if (demo_org_id(db, slug) != 0) {
		arena_free(&a);
		return 0;
	}
	if (db_batch_begin(db) != DB_OK) {
		arena_free(&a);
		return -1;
	}
	if (org_create(db, slug, arena_printf(&a, "Bibliotheek %s", town), &org) != 0 ||
	    db_exec(
	        db, "UPDATE orgs SET description = ? WHERE id = ?",
	        DB_ARGS(DB_TEXT(arena_printf(
	                    &a, "De bibliotheek van %s en de dorpen eromheen, met %d vestigingen.",
	                    town, N_BRANCHES)),
	                DB_INT(org))) != DB_OK)
		goto out;
	for (int b = 0; b < N_BRANCHES; b++) {
		const char *bplace = b == 0 ? town : places[(size_t)(i + b * 7) % COUNT(places)];
		if (branch_add(
		        db, org, 0,
		        arena_printf(&a, "%s %s", b == 0 ? "Hoofdvestiging" : "Vestiging", bplace),
		        bplace) != SAVE_OK)
			goto out;
	}

	/* people: a beheerder, medewerkers, ambassadeurs and an adviser of the pool */
	long long staff[N_STAFF], ambassadors[N_AMBASSADORS];
	for (int p = 0; p < N_STAFF + N_AMBASSADORS; p++) {
		bool amb = p >= N_STAFF;
		const char *email =
		    p == 0 ? arena_printf(&a, "beheerder@%s.bieb.test", slug)
		    : amb  ? arena_printf(&a, "ambassadeur%d@%s.bieb.test", p - N_STAFF + 1, slug)
		           : arena_printf(&a, "medewerker%d@%s.bieb.test", p, slug);
		const char *name =
		    arena_printf(&a, "%s %s", first_names[pick(&k, COUNT(first_names))],
		                 last_names[pick(&k, COUNT(last_names))]);
		unsigned role = p == 0 ? ROLE_BEHEERDER : amb ? ROLE_AMBASSADEUR : ROLE_MEDEWERKER;
		long long id = scale_person(db, &a, org, email, name, hash, role);
		if (id == 0)
			goto out;
		if (amb)
			ambassadors[p - N_STAFF] = id;
		else
			staff[p] = id;
	}
	if (member_set_role(db, org, 0, advisers[(i - 1) % N_ADVISERS], ROLE_ADVISEUR) != SAVE_OK)
		goto out;

	/* steps 1 and 2: two readiness checks */
	const struct readiness_instrument *rd = instrument_readiness();
	bool first[RD_MAX_QUESTIONS], later[RD_MAX_QUESTIONS];
	for (size_t q = 0; q < RD_MAX_QUESTIONS; q++) {
		first[q] = pick(&k, 2);
		later[q] = first[q] || pick(&k, 3) != 0;
	}
	if (readiness_save(db, org, staff[0], rd, first, "Eerste verkenning met het team.",
	                   now - 300 * DAY) != SAVE_OK ||
	    readiness_save(db, org, staff[0], rd, later, "Na een half jaar opnieuw bekeken.",
	                   now - 120 * DAY) != SAVE_OK)
		goto out;

	/* communities */
	long long communities[N_COMMUNITIES];
	for (int c = 0; c < N_COMMUNITIES; c++)
		if (scale_community(db, &a, org,
		                    c % 2 ? town : places[(size_t)(i + c) % COUNT(places)], c,
		                    staff, ambassadors, now, &k, &communities[c]) != 0 ||
		    scale_goals(db, &a, org, communities[c], staff[c % N_STAFF], now, c) != 0 ||
		    /* plan (issue 11b): cycle, conditions, POST-O and six tasks */
		    demo_plan_scale(db, org, communities[c], staff[c % N_STAFF], c) != 0)
			goto out;

	/* accounts (issue 14): two open invitations, a colleague and an ambassadeur */
	for (int v = 0; v < 2; v++) {
		char tok[TOKEN_LEN + 1], th[TOKEN_HASH_LEN + 1];
		token_new(tok, th);
		if (invite_create(db, org, staff[0], v ? ROLE_AMBASSADEUR : ROLE_MEDEWERKER,
		                  v ? communities[0] : 0,
		                  v ? "Nieuwe ambassadeur" : "Nieuwe collega", "", th, now,
		                  now + TOKEN_INVITE_SECONDS, NULL) != SAVE_OK)
			goto out;
	}

	/* the scan: existing groups (some became communities) and wished-for ones */
	for (int s = 0; s < N_SCAN; s++) {
		const struct theme *t = &themes[(size_t)(i + s + 5) % COUNT(themes)];
		const char *name = arena_printf(&a, "%s %s (scan)", t->name, town);
		if (scan_entry_add(db, org, staff[1], scan_lists[s % 2], name, t->affinity,
		                   "Past bij onze doelen en zoekt een plek.") != SAVE_OK)
			goto out;
		if (s < 2 &&
		    db_exec(
		        db,
		        "UPDATE scan_entries SET community_id = ? WHERE org_id = ? AND name = ?",
		        DB_ARGS(DB_INT(communities[s]), DB_INT(org), DB_TEXT(name))) != DB_OK)
			goto out;
	}
	if (scan_note_add(
	        db, org, staff[1], "thema", "Meedoen en basisvaardigheden",
	        "Beleidsplan: de bibliotheek als plek voor taal, digitale vaardigheden en "
	        "ontmoeting.") != SAVE_OK ||
	    scan_note_add(db, org, staff[1], "omgeving", "Verenigingen in de dorpen",
	                  "Veel verenigingen zoeken jongere leden en een vaste plek.") != SAVE_OK)
		goto out;

	/* partners, each linked to one or two communities; partner power for some */
	long long partners[N_PARTNERS];
	for (int p = 0; p < N_PARTNERS; p++) {
		size_t which = (size_t)(i + p) % COUNT(partner_names);
		struct partner pr = {
		    .name = arena_printf(&a, "%s%s%s", partner_names[which].before, town,
		                         partner_names[which].after),
		    .kind = partner_kinds[(size_t)p % PARTNER_N_KINDS],
		    .part_of = p % 3 == 0 ? "Regionale koepel" : "",
		    .description = "Werkt al jaren in de dorpen en kent veel inwoners persoonlijk. "
		                   "Zoekt een plek en mensen om samen iets te organiseren.",
		    .contact_name =
		        arena_printf(&a, "%s %s", first_names[pick(&k, COUNT(first_names))],
		                     last_names[pick(&k, COUNT(last_names))]),
		    .contact_how = "Per e-mail of op het kantoor, op werkdagen.",
		};
		long long links[2] = {communities[p % N_COMMUNITIES],
		                      communities[(p + 5) % N_COMMUNITIES]};
		if (partner_create(db, org, staff[1 + p % (N_STAFF - 1)], &pr, links,
		                   (size_t)(1 + p % 2), &partners[p]) != SAVE_OK)
			goto out;
		struct partner_power pw = {
		    .partner_id = partners[p],
		    .met_on = day_text(&a, now, -10 - p * 7),
		    .challenges = "Meer vragen dan vrijwilligers; weinig bereik onder jongeren.",
		    .core_values = "Gelijkwaardigheid en iedereen doet mee.",
		    .goals = "Dat inwoners binnen twee jaar zelf iets organiseren.",
		    .commitments =
		        "Twee vrijwilligers per week en een vermelding in de nieuwsbrief.",
		    .success = "Als de groep ons niet meer nodig heeft.",
		};
		if (p < 3 && power_create(db, org, staff[1], &pw, NULL) != SAVE_OK)
			goto out;
	}

	/* conversations with action points, some ticked off */
	for (int c = 0; c < N_CONVERSATIONS; c++) {
		int held = -(c * 15 + pick(&k, 10));
		long long owner = staff[1 + pick(&k, N_STAFF - 1)];
		struct conversation cv = {
		    .held_on = day_text(&a, now, held),
		    .kind = conversation_kinds[(size_t)c % CONVERSATION_N_KINDS],
		    .partner_id = c % 4 == 3 ? 0 : partners[c % N_PARTNERS],
		    .community_id = c % 2 ? communities[c % N_COMMUNITIES] : 0,
		    .subject =
		        arena_printf(&a, "Gesprek %d: %s", c + 1,
		                     (const char *[]){"kennismaken", "plannen voor het najaar",
		                                      "terugblik", "een nieuwe ruimte"}[c % 4]),
		    .participants = "Twee medewerkers en de contactpersoon van de partner",
		    .report =
		        "We spraken over wat de groep zelf wil organiseren en wat de bibliotheek "
		        "daarbij kan doen. Afgesproken: eerst een proefavond, daarna evalueren.",
		    .report_sent = c % 3 != 0,
		    .next_on = c < 3 ? day_text(&a, now, 7 + c * 5) : "",
		    .next_note = c < 3 ? "Proefavond evalueren" : "",
		};
		struct action_new aps[2] = {
		    {.text = "Zaal vastleggen",
		     .owner_id = owner,
		     .due_on = day_text(&a, now, held + 14)},
		    {.text = "Verslag terugsturen",
		     .owner_id = staff[0],
		     .due_on = day_text(&a, now, held + 7)},
		};
		long long cid = 0;
		if (conversation_create(db, org, owner, &cv, aps, (size_t)(c % 3), &cid) != SAVE_OK)
			goto out;
		if (c >= 4 && c % 3 != 0) { /* the older ones: the first point is done */
			struct action_point *list;
			size_t n_list;
			if (action_list(db, &a, org, cid, &list, &n_list) != 0 ||
			    (n_list > 0 &&
			     action_set_done(db, org, owner, cid, list[0].id, true) != SAVE_OK))
				goto out;
		}
	}

	/* activities (issue 9): about one a day over the last year, some planned ahead */
	long long branches[N_BRANCHES] = {0};
	struct branch *bl;
	size_t n_bl;
	if (branch_list(db, &a, org, &bl, &n_bl) != 0)
		goto out;
	for (size_t b = 0; b < n_bl && b < N_BRANCHES; b++)
		branches[b] = bl[b].id;
	static const char *const act_titles[] = {
	    "Taalcafé",           "Repair Café",          "Voorlezen voor peuters",
	    "Digitaal spreekuur", "Verhalenmiddag",       "Kookavond uit eigen land",
	    "Huiswerkklas",       "Wandeling met uitleg", "Boekenruil"};
	for (int t = 0; t < N_ACTIVITIES; t++) {
		int days = -380 + t * 420 / N_ACTIVITIES + pick(&k, 3);
		bool ahead = days > 0;
		struct activity_ref comm = {.id = communities[(t * 7) % N_COMMUNITIES]};
		struct activity_ref who = {.id = staff[1 + t % (N_STAFF - 1)]};
		struct activity_ref partner = {.id = partners[t % N_PARTNERS]};
		struct activity act = {
		    .title = act_titles[(size_t)t % COUNT(act_titles)],
		    .held_on = day_text(&a, now, days),
		    .starts_at = t % 2 ? "19:30" : "10:00",
		    .ends_at = t % 2 ? "21:30" : "12:00",
		    .branch_id = t % 4 == 3 ? 0 : branches[t % N_BRANCHES],
		    .place = t % 4 == 3 ? "Buurthuis" : "",
		    .made = activity_mades[(size_t)pick(&k, 3)],
		    .status = ahead ? "planned" : "held",
		    .participants = ahead ? -1 : 5 + pick(&k, 40),
		    .outcome = ahead ? "" : "Goed bezocht; de groep wil een vervolg.",
		    .communities = &comm,
		    .n_communities = 1,
		    .staff = &who,
		    .n_staff = 1,
		    .partners = &partner,
		    .n_partners = t % 5 == 0 ? 1 : 0,
		};
		enum activity_problem why;
		if (activity_create(db, org, who.id, 0, &act, NULL, &why) != SAVE_OK)
			goto out;
	}

	/* public (issue 13): the public page, open communities, public activities, an inbox */
	if (demo_public_scale(db, org, communities, N_COMMUNITIES) != 0)
		goto out;
	/* knowledge (issue 11): a few items per community, every tenth with a photo */
	{
		static const char *const kn_kinds[] = {"verhaal", "notitie", "verhaal", "link"};
		struct buf png;
		buf_init(&png, &a);
		demo_png(&png, 96, 64, (unsigned)i);
		for (int t = 0; t < N_COMMUNITIES * 3; t++) {
			struct knowledge kn = {
			    .community_id = communities[t % N_COMMUNITIES],
			    .kind = kn_kinds[t % 4],
			    .title = act_titles[(size_t)t % COUNT(act_titles)],
			    .body =
			        "Wat de groep **leerde**: samen plannen werkt beter dan alleen.\n\n"
			        "- de groep nodigt zelf mensen uit\n- de bibliotheek zorgt voor de "
			        "ruimte",
			    .url = t % 4 == 3 ? "https://www.example.org/" : "",
			};
			knowledge_tags_parse(&a, t % 2 ? "taal, ontmoeting" : "wijk", &kn.tags,
			                     &kn.n_tags);
			struct knowledge_file_in photo = {.name = "foto.png",
			                                  .data = (const unsigned char *)png.data,
			                                  .len = png.len,
			                                  .max = png.len,
			                                  .alt = "Deelnemers aan tafel"};
			enum knowledge_problem why;
			int file_why;
			if (knowledge_create(db, org, staff[1 + t % (N_STAFF - 1)], 0, &kn, NULL, 0,
			                     t % 10 == 0 ? &photo : NULL, NULL, &why,
			                     &file_why) != SAVE_OK)
				goto out;
		}
	}
	/* privacy (issue 14b): the access log holds the views of the partners' contact persons */
	for (int p = 0; p < N_PARTNERS; p++)
		if (privacy_log_view(db, org, staff[p % N_STAFF], "partner", partners[p],
		                     "detail") != 0)
			goto out;
	/* workshops (issue 12): the pilot's agenda three times last year, evaluated, one ahead */
	for (int w = 0; w < 4; w++) {
		long long wid = 0;
		struct workshop ws;
		if (workshop_create_from_template(db, org, staff[0], WS_TEMPLATE,
		                                  day_text(&a, now, -300 + w * 110),
		                                  &wid) != SAVE_OK ||
		    workshop_get(db, &a, org, wid, &ws) != 1)
			goto out;
		ws.others = w < 3 ? 2 + pick(&k, 8) : 0;
		ws.went_well = w < 3 ? "De voorbeelden maakten het concreet." : "";
		ws.score = w < 3 ? 3 + pick(&k, 3) : 0;
		if (w < 3 &&
		    workshop_evaluate(db, org, staff[0], &ws, staff, N_STAFF - 1) != SAVE_OK)
			goto out;
	}

	/* meetlat: a closed round last year and an open one now */
	long long people[N_STAFF];
	memcpy(people, staff, sizeof(people));
	if (scale_round(db, &a, org, advisers[(i - 1) % N_ADVISERS], "Nulmeting", 240, 220, 12,
	                people, now, &k) != 0 ||
	    scale_round(db, &a, org, staff[0], "Tweede meting", 20, -1, 5, people, now, &k) != 0)
		goto out;
	/* instruments (issue 13): energy marks, and a pulse round per community */
	if (demo_instruments_scale(db, org) != 0)
		goto out;
	/* route (issue 12a): each staff member an impact plan and a step ticked by hand */
	for (int p = 0; p < N_STAFF; p++) {
		struct impact_plan plan = {
		    .text = {[IMPACT_ROLE] = "Verbinden rond taal en ontmoeting.",
		             [IMPACT_SITUATIONS] = "Het taalcafé; het wijkoverleg.",
		             [IMPACT_GROUPS] = "Nieuwkomers; ouders van jonge kinderen.",
		             [IMPACT_LEARN] = "Doorvragen in een gesprek."},
		    .due_on = ""};
		long long v;
		if (impact_save(db, org, staff[p], &plan, 0, &v) != SAVE_OK ||
		    route_mark(db, org, staff[p], 5 + p % 3, true) != SAVE_OK)
			goto out;
	}
	rc = db_batch_commit(db) == DB_OK ? 0 : -1;
out:
	if (rc != 0)
		db_batch_rollback(db);
	arena_free(&a);
	return rc;
}

int scale_load(struct db *db, int n, FILE *out)
{
	if (n <= 0 || n > SCALE_MAX_ORGS || instrument_meetlat() == NULL ||
	    instrument_readiness() == NULL)
		return -1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct arena a;
	arena_init(&a);
	int rc = -1;
	signals_bulk(true); /* signals (issue 10): computed once, at the end */
	char hash[crypto_pwhash_STRBYTES] = "";
	if (auth_password_hash(DEMO_PASSWORD, hash) != 0)
		goto out;
	long long now = (long long)time(NULL);
	long long advisers[N_ADVISERS];
	for (int v = 0; v < N_ADVISERS; v++) {
		const char *email = arena_printf(&a, "adviseur%02d@poi.bieb.test", v + 1);
		advisers[v] = 0;
		int found = person_find(db, &a, email, &advisers[v], NULL, NULL, NULL);
		if (found < 0 ||
		    (!found &&
		     person_create(db, email,
		                   arena_printf(&a, "%s %s (adviseur)",
		                                first_names[(size_t)v * 5 % COUNT(first_names)],
		                                last_names[(size_t)v * 3 % COUNT(last_names)]),
		                   hash, &advisers[v]) != 0))
			goto out;
	}
	int added = 0;
	for (int i = 1; i <= n; i++) {
		long long had = 0;
		if (db_query_int(db, "SELECT COUNT(*) FROM orgs WHERE slug = ?",
		                 DB_ARGS(DB_TEXT(arena_printf(&a, "schaal-%03d", i))),
		                 &had) != DB_ROW)
			goto out;
		if (scale_org(db, i, hash, advisers, now) != 0) {
			fprintf(stderr, "kring: could not add organisation schaal-%03d\n", i);
			goto out;
		}
		added += had == 0;
	}
	/* signals (issue 10): computed by the engine from what was added */
	char today[16];
	signal_today(today);
	signals_bulk(false);
	if (signals_refresh_all(db, today, NULL) != 0)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(out,
	        "Scale: %d organisations schaal-001 .. schaal-%03d (%d added) in %.1f s.\n"
	        "  each: %d branches, %d staff, %d ambassadeurs, %d communities, %d partners,\n"
	        "  %d conversations, 2 meetlat rounds (one closed), %d scan entries,\n"
	        "  and per community its goals with two SMART subgoals.\n"
	        "  Log in as beheerder@schaal-001.bieb.test or adviseur01@poi.bieb.test\n"
	        "  (advises every tenth organisation), password '%s'.\n",
	        n, n, added, secs, N_BRANCHES, N_STAFF, N_AMBASSADORS, N_COMMUNITIES, N_PARTNERS,
	        N_CONVERSATIONS, N_SCAN, DEMO_PASSWORD);
	rc = 0;
out:
	signals_bulk(false);
	arena_free(&a);
	return rc;
}
