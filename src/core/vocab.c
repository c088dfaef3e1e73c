/*
 * vocab.c - the fixed vocabularies (see vocab.h).
 */
#include "vocab.h"

#include <string.h>

#include "../i18n/text.h"

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

/* The labels of each vocabulary are consecutive texts in nl.def, in this order. */
_Static_assert(TXT_STATUS_GESTOPT - TXT_STATUS_GEWENST == 5, "status labels out of order");
_Static_assert(TXT_STATUS_HINT_GESTOPT - TXT_STATUS_HINT_GEWENST == 5, "status hints out of order");
_Static_assert(TXT_ARCHETYPE_LOCATION - TXT_ARCHETYPE_PRACTICE == 5, "archetypes out of order");
_Static_assert(TXT_ARCHETYPE_HINT_LOCATION - TXT_ARCHETYPE_HINT_PRACTICE == 5,
               "archetype hints out of order");
_Static_assert(TXT_ARCHETYPE_SHORT_LOCATION - TXT_ARCHETYPE_SHORT_PRACTICE == 5,
               "archetype short labels out of order");
_Static_assert(TXT_BOND_ZEER_STERK - TXT_BOND_NAUWELIJKS == 3, "bonds out of order");
_Static_assert(TXT_ITEM_KIND_VOOR - TXT_ITEM_KIND_STERKTE == 4, "item kinds out of order");
_Static_assert(TXT_ACTION_GEDAAN - TXT_ACTION_IDEE == 2, "action statuses out of order");
_Static_assert(TXT_STAFF_AANJAGER - TXT_STAFF_BOUWER == 2, "staff roles out of order");
_Static_assert(TXT_STAFF_HINT_AANJAGER - TXT_STAFF_HINT_BOUWER == 2, "role hints out of order");
_Static_assert(TXT_SIGNAL_MISSING_AANJAGER - TXT_SIGNAL_MISSING_BOUWER == 2,
               "role signals out of order");
_Static_assert(TXT_SIGNAL_SHORT_AANJAGER - TXT_SIGNAL_SHORT_BOUWER == 2,
               "short role signals out of order");
_Static_assert(TXT_SCAN_LIST_GEWENST - TXT_SCAN_LIST_BESTAAND == 1, "scan lists out of order");
_Static_assert(TXT_SCAN_NOTE_OMGEVING - TXT_SCAN_NOTE_THEMA == 1, "scan notes out of order");
_Static_assert(TXT_SORT_BY_UPDATED - TXT_SORT_BY_NAME == 2, "sort labels out of order");

int vocab_index(const char *const *list, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

const char *vocab_label(const char *const *list, int first_text, const char *name)
{
	int i = vocab_index(list, name);
	return i < 0 ? "" : text_nl[first_text + i];
}
