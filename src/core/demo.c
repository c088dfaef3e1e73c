/*
 * demo.c - the demo library (see demo.h).
 */
#include "demo.h"

#include <string.h>

#include "../auth/auth.h"
#include "../auth/roles.h"
#include "org.h"

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
