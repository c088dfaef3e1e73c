/*
 * demo_knowledge.h - the demo's knowledge items (issue 11): stories,
 * notes, a link and photos of De Sleutel's communities, and a PNG drawn in
 * code for the photos. Internal to src/cli.
 */
#ifndef KRING_DEMO_KNOWLEDGE_H
#define KRING_DEMO_KNOWLEDGE_H

#include <stddef.h>

#include "../db/db.h"
#include "../util/buf.h"

/*
 * Draws a w x h PNG (RGB, stored without compression) of a simple scene in
 * the colours of `seed` into out. For demo photos; no image library.
 */
void demo_png(struct buf *out, int w, int h, unsigned seed);

/* Adds the knowledge items when De Sleutel has none yet. 0 or -1. */
int demo_knowledge_load(struct db *db);

#endif
