/*
 * reindex.h - rebuilds the search index from the records of every kind. It
 * sits above the domain modules (each of which keeps its own document in
 * step as it changes) and is used only by the command line and tests.
 */
#ifndef KRING_REINDEX_H
#define KRING_REINDEX_H

#include "../db/db.h"

/*
 * Builds the whole index from the records when it was never built (a
 * database from before the search existed). Cheap after the first time.
 * Called when the database is opened (kring serve, migrate, demo), never
 * from a page that only reads.
 * Runs its own transaction. 0 or -1.
 */
int search_ensure_index(struct db *db);

/* Rebuilds the whole index of every organisation in its own transaction. 0 or -1. */
int search_rebuild(struct db *db);

#endif
