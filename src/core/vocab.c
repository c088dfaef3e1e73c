/*
 * vocab.c - the fixed vocabularies (see vocab.h).
 */
#include "vocab.h"

#include <string.h>

const char *const community_statuses[] = {"gewenst",     "verkennen", "in-contact", "samenwerken",
                                          "zelfdragend", "gestopt",   NULL};
const char *const community_archetypes[] = {"practice", "interest", "action", "circumstance",
                                            "purpose",  "location", NULL};
const char *const community_bonds[] = {"nauwelijks", "zwak", "sterk", "zeer-sterk", NULL};
const char *const community_item_kinds[] = {"sterkte", "behoefte", "van", "door", "voor", NULL};
const char *const community_action_statuses[] = {"idee", "gepland", "gedaan", NULL};
const char *const community_staff_roles[] = {"bouwer", "verbinder", "aanjager", NULL};
const char *const scan_lists[] = {"bestaand", "gewenst", NULL};
const char *const scan_note_kinds[] = {"thema", "omgeving", NULL};

int vocab_index(const char *const *list, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}
