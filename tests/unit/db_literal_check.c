/*
 * db_literal_check.c - compiled, not run, by CTest (CMakeLists.txt): as is
 * it compiles; with -DKRING_PASS_VARIABLE it passes a variable as SQL text
 * and must not compile (db.h accepts only string literals).
 */
#include "db/db.h"

int db_literal_check(struct db *db);

int db_literal_check(struct db *db)
{
#ifdef KRING_PASS_VARIABLE
	const char *sql = "SELECT 1";
	return db_exec(db, sql, DB_NOARGS);
#else
	return db_exec(db, "SELECT 1", DB_NOARGS);
#endif
}
