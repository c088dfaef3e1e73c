/*
 * text.c - the Dutch text table (see text.h).
 */
#include "text.h"

const char *const text_nl[TXT__COUNT] = {
#define TXT(id, s) [TXT_##id] = s,
#include "nl.def"
#undef TXT
};
