/*
 * fuzz_orgimport.c - libFuzzer target for `kring import` (db/org_dump.c): any
 * bytes as an export, into one migrated in-memory SQLite database. An
 * import either adds exactly one organisation or, refused, adds nothing at
 * all and says why. Build with -DKRING_FUZZ=ON (clang).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/org_dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;

/* Rows in a few tables an import writes to. */
static long long rows(void)
{
	long long n = 0, total = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM orgs", DB_NOARGS, &n) != DB_ROW)
		abort();
	total += n * 1000000;
	if (db_query_int(db, "SELECT COUNT(*) FROM persons", DB_NOARGS, &n) != DB_ROW)
		abort();
	total += n * 1000;
	if (db_query_int(db, "SELECT COUNT(*) FROM memberships", DB_NOARGS, &n) != DB_ROW)
		abort();
	return total + n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[768];
	if (db == NULL) {
		if (db_global_init() != DB_OK ||
		    db_open(&db, ":memory:", err, sizeof(err)) != DB_OK ||
		    db_migrate(db, err, sizeof(err)) != DB_OK)
			abort();
	}
	long long before = rows(), org = -1;
	int rc = db_org_import(db, (const char *)data, size, &org, err, sizeof(err));
	long long after = rows();
	if (rc != 0 && (after != before || org != 0 || err[0] == '\0'))
		abort(); /* refused, but something stayed, or no reason given */
	if (rc == 0 && (org <= 0 || after / 1000000 != before / 1000000 + 1))
		abort(); /* accepted, but not exactly one organisation more */
	return 0;
}
