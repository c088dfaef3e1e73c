/*
 * backup.h - whole-database copies of a SQLite kring, for `kring backup` and
 * `kring restore` (PostgreSQL is copied with pg_dump/pg_restore by the CLI).
 *
 * A backup is a SQLite file made with SQLite's online backup API while kring
 * keeps serving: one read transaction, so it is the database as it was at one
 * moment, never half a change. kring adds one table to the copy,
 * kring_backup, holding a SHA-256 over the content of every other table; a
 * restore recomputes it and refuses a file whose content or structure has
 * been damaged. The copy never reaches the live database file itself.
 */
#ifndef KRING_DB_BACKUP_H
#define KRING_DB_BACKUP_H

#include <stddef.h>

/*
 * Copies the SQLite database at `from` to a new file `to` (which must not
 * exist), consistently and while others write, then seals it with the
 * checksum. Writes through "to.part" and renames, so `to` appears only
 * complete. 0, or -1 with a plain message in err.
 */
int db_backup_sqlite(const char *from, const char *to, char *err, size_t errlen);

/*
 * Checks that `from` is a sealed kring backup whose checksum, SQLite
 * integrity check and migrations (every one known to this kring) hold, and
 * copies it to `to`, which must not exist or be an empty file or a database
 * without tables. Writes through "to.part" and renames. The target never
 * sees a damaged backup. 0, or -1 with a plain message in err.
 */
int db_restore_sqlite(const char *from, const char *to, char *err, size_t errlen);

/*
 * The SHA-256 (hex, 65 bytes with the NUL) over the names and rows of every
 * table of the SQLite database at path except kring_backup, in a fixed order;
 * tests use it to compare two databases table by table. 0, or -1.
 */
int db_content_hash(const char *path, char out[65], char *err, size_t errlen);

#endif
