/*
 * org_dump.h - one organisation as JSON, out of one kring and into another
 * (`kring export --org SLUG`, `kring import`), so that a library can move
 * between a self-hosted kring and a POI's.
 *
 * The tables are read from the database's own catalogue, so a table added
 * by a later migration travels without a change here, provided it follows
 * the house rule: it has an org_id column, or a foreign key to a table that
 * has one. Ids are renumbered 1, 2, ... per table in the file and every
 * reference follows (declared foreign keys, and the few undeclared ones
 * listed in org_dump.c); an import gives them new ids in the target. People
 * are matched by e-mail address: someone who already has an account there
 * (an adviser of several libraries) keeps it. Sessions, login throttles, the
 * search index, server settings and two-step login (its secret is sealed
 * with this server's key: the person sets it up again, persons.totp_moved)
 * stay behind; the import's caller rebuilds the search index and the signals.
 */
#ifndef KRING_ORG_DUMP_H
#define KRING_ORG_DUMP_H

#include <stddef.h>
#include <stdio.h>

#include "db.h"

/*
 * Writes the organisation with this slug as JSON to out, row by row (it
 * never holds the whole organisation in memory), in one read transaction.
 * 0, or -1 with a plain message in err.
 */
int db_org_export(struct db *db, const char *slug, FILE *out, char *err, size_t errlen);

/*
 * Reads an export (the whole file, len bytes) into db, in one transaction:
 * all of it or nothing. Refuses a file of a newer kring, a slug that exists
 * here, and anything that does not fit the schema. On success *org_id is the
 * new organisation. 0, or -1 with a plain message in err.
 */
int db_org_import(struct db *db, const char *json, size_t len, long long *org_id, char *err,
                  size_t errlen);

#endif
