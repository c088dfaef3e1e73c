/*
 * text.h - every sentence a person reads, by id. The Dutch texts live in
 * nl.def (TXT(ID, "tekst")); English can follow as en.def with the same ids.
 */
#ifndef KRING_TEXT_H
#define KRING_TEXT_H

#include "../util/arena.h"
#include "../util/buf.h"
#include "text_lit.h" /* generated: TXTLIT_<ID>, each text as a literal */

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

/*
 * Formatting a text of the table, with its arguments checked by the
 * compiler: each macro hands the text's literal twin (TXTLIT_<ID>) to a
 * printf-like declaration in an unevaluated sizeof, so -Wformat sees the
 * conversions, then formats the table's text. A text used as a format any
 * other way is refused by -Wformat-nonliteral.
 *   T_printf(a, ID, args...)      arena string (util/arena.h)
 *   TN_printf(a, ID, n, args...)  the plural form for n (both forms checked)
 *   T_bufprintf(b, ID, args...)   appended to a buffer (util/buf.h)
 */
int text_format_check_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define T_CHECK_(lit, ...) ((void)sizeof(text_format_check_(lit, ##__VA_ARGS__)))
#define T_printf(a, id, ...)                                                                       \
	(T_CHECK_(TXTLIT_##id, ##__VA_ARGS__), text_aprintf_((a), T(id), ##__VA_ARGS__))
#define TN_printf(a, id, n, ...)                                                                   \
	(T_CHECK_(TXTLIT_##id##_ONE, ##__VA_ARGS__), T_CHECK_(TXTLIT_##id##_OTHER, ##__VA_ARGS__), \
	 text_aprintf_((a), TN(id, n), ##__VA_ARGS__))
#define T_bufprintf(b, id, ...)                                                                    \
	(T_CHECK_(TXTLIT_##id, ##__VA_ARGS__), text_bufprintf_((b), T(id), ##__VA_ARGS__))

/* Behind the macros above only: fmt is a text of the table. */
char *text_aprintf_(struct arena *a, const char *fmt, ...);
void text_bufprintf_(struct buf *b, const char *fmt, ...);

#endif
