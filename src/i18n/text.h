/*
 * text.h - every sentence a person reads, by id. The Dutch texts live in
 * nl.def (TXT(ID, "tekst")), the English ones in en.def with the same ids.
 * Each thread reads one table, its current language (Dutch unless set):
 * the server sets it per request (text_set_lang()) and back after.
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

/* The languages kring speaks; LANG_NL is the default and the zero value. */
enum text_lang {
	LANG_NL = 0,
	LANG_EN,
};

/* The tables: text_nl is complete; text_en is NULL where en.def lacks an id
 * (tests/unit/test_text.c makes sure it lacks none). */
extern const char *const text_nl[TXT__COUNT];
extern const char *const text_en[TXT__COUNT];

/* This thread's table: text_nl unless text_set_lang() chose another. kring
 * links its code into one executable, so the local-exec model holds: T()
 * costs one load from the thread's block (%fs) more than a static table. */
extern _Thread_local const char *const *text_cur __attribute__((tls_model("local-exec")));

/* Makes lang this thread's language (anything unknown: Dutch). */
void text_set_lang(enum text_lang lang);
/* This thread's language. */
enum text_lang text_lang(void);
/* Its code for lang="" and Content-Language: "nl" or "en". */
const char *text_lang_code(enum text_lang lang);
/* The language a stored choice names: "nl", "en", or -1 for anything else
 * ("" means: follow the browser). */
int text_lang_parse(const char *code);
/*
 * The language an Accept-Language header asks for: LANG_EN when English
 * (en, en-GB, ...) ranks above Dutch by q-value (on a tie, the one named
 * first), LANG_NL otherwise and for NULL or malformed input. Reads at most
 * the first 4 KiB and 64 ranges; never fails.
 */
enum text_lang text_lang_from_accept(const char *header);

/* The text with the numeric id i (an enum text_id) in this thread's language:
 * for ids computed at run time, e.g. TX(TXT_STAFF_BOUWER + k). */
#define TX(i) (text_cur[(i)])
/* The text for id in this thread's language. */
#define T(id) TX(TXT_##id)
/* A run of texts from id on, in this thread's language, as an array
 * (e.g. the option labels of a form field declared in a function). */
#define T_ROW(id) (&text_cur[TXT_##id])

/*
 * A text with a number in it, in the right form for n: the table holds two
 * texts, ID_ONE (for exactly 1) and ID_OTHER (0, 2, 3, ...), both with the
 * same conversions. TN(ACTIONS_LATE, n) picks one; the caller formats it.
 */
#define TN(id, n) ((n) == 1 ? T(id##_ONE) : T(id##_OTHER))

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
