/*
 * backup.h - `kring backup --to FILE` and `kring restore --from FILE`.
 */
#ifndef KRING_CLI_BACKUP_H
#define KRING_CLI_BACKUP_H

/*
 * Backs up the database at url into the new file `to`: SQLite through the
 * online backup API (db/backup.h), PostgreSQL with pg_dump in its custom
 * format. Exit status: 0, 1 on failure (message on stderr).
 */
int cli_backup(const char *url, const char *to);

/*
 * Restores the backup `from` into the empty database at url: SQLite after
 * checking the backup's seal and integrity, PostgreSQL with pg_restore after
 * checking that the target holds no tables. Exit status: 0 or 1.
 */
int cli_restore(const char *url, const char *from);

/*
 * Writes one organisation as JSON (db/org_dump.h) to the new file `to`, or
 * to standard output when to is NULL or "-". Exit status 0 or 1.
 */
int cli_export(const char *url, const char *slug, const char *to);

/*
 * Adds the organisation in the export `from` to the database at url, all or
 * nothing, then rebuilds the search index and its signals. Exit status 0 or 1.
 */
int cli_import(const char *url, const char *from);

#endif
