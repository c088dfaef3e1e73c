/*
 * roles.c - role names and labels (see roles.h).
 */
#include "roles.h"

#include <string.h>

#include "../i18n/text.h"

enum role role_from_name(const char *name)
{
	if (name == NULL)
		return ROLE_NONE;
	if (strcmp(name, "beheerder") == 0)
		return ROLE_BEHEERDER;
	if (strcmp(name, "medewerker") == 0)
		return ROLE_MEDEWERKER;
	if (strcmp(name, "adviseur") == 0)
		return ROLE_ADVISEUR;
	if (strcmp(name, "ambassadeur") == 0)
		return ROLE_AMBASSADEUR;
	return ROLE_NONE;
}

const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_BEHEERDER:
		return "beheerder";
	case ROLE_MEDEWERKER:
		return "medewerker";
	case ROLE_ADVISEUR:
		return "adviseur";
	case ROLE_AMBASSADEUR:
		return "ambassadeur";
	default:
		return "";
	}
}

const char *role_label(enum role r)
{
	switch (r) {
	case ROLE_BEHEERDER:
		return T(ROLE_BEHEERDER);
	case ROLE_MEDEWERKER:
		return T(ROLE_MEDEWERKER);
	case ROLE_ADVISEUR:
		return T(ROLE_ADVISEUR);
	case ROLE_AMBASSADEUR:
		return T(ROLE_AMBASSADEUR);
	default:
		return "";
	}
}

const char *role_explain(enum role r)
{
	switch (r) {
	case ROLE_BEHEERDER:
		return T(ROLE_BEHEERDER_UITLEG);
	case ROLE_MEDEWERKER:
		return T(ROLE_MEDEWERKER_UITLEG);
	case ROLE_ADVISEUR:
		return T(ROLE_ADVISEUR_UITLEG);
	case ROLE_AMBASSADEUR:
		return T(ROLE_AMBASSADEUR_UITLEG);
	default:
		return "";
	}
}
