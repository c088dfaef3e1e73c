/*
 * text.h - every sentence a person reads, by id. The Dutch texts live in
 * nl.def (TXT(ID, "tekst")); English can follow as en.def with the same ids.
 */
#ifndef KRING_TEXT_H
#define KRING_TEXT_H

enum text_id {
#define TXT(id, s) TXT_##id,
#include "nl.def"
#undef TXT
	TXT__COUNT
};

extern const char *const text_nl[TXT__COUNT];

/* The text for id in the interface language (Dutch for now). */
#define T(id) (text_nl[TXT_##id])

/*
 * A text with a number in it, in the right form for n: the table holds two
 * texts, ID_ONE (for exactly 1) and ID_OTHER (0, 2, 3, ...), both with the
 * same conversions. TN(ACTIONS_LATE, n) picks one; the caller formats it.
 */
#define TN(id, n) ((n) == 1 ? text_nl[TXT_##id##_ONE] : text_nl[TXT_##id##_OTHER])

#endif
