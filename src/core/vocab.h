/*
 * vocab.h - the fixed vocabularies of communities and the scan, as stored
 * (NULL-terminated lists of names, in display order), and the two helpers
 * every vocabulary uses: the index of a stored name. Their Dutch labels are
 * the pages' business (vocab_label() in pages/community_ui.h).
 */
#ifndef KRING_VOCAB_H
#define KRING_VOCAB_H

/* gewenst, verkennen, in-contact, samenwerken, zelfdragend, gestopt */
extern const char *const community_statuses[];
/* practice, interest, action, circumstance, purpose, location (Wagenaar & Staal) */
extern const char *const community_archetypes[];
/* nauwelijks, zwak, sterk, zeer-sterk (werkblad 2, question 4) */
extern const char *const community_bonds[];
/* sterkte, behoefte (werkblad 2), van, door, voor (werkblad 3) */
extern const char *const community_item_kinds[];
/* idee, gepland, gedaan: the status of an OF / BY / FOR action */
extern const char *const community_action_statuses[];
/* bouwer, verbinder, aanjager */
extern const char *const community_staff_roles[];
/* bestaand, gewenst: the two lists of the scan */
extern const char *const scan_lists[];
/* thema, omgeving: themascan and omgevingsscan */
extern const char *const scan_note_kinds[];

#define COMMUNITY_N_STATUSES 6
#define COMMUNITY_N_ROLES    3

/* Index of name in a NULL-terminated list, or -1 (also for NULL). */
int vocab_index(const char *const *list, const char *name);

#endif
