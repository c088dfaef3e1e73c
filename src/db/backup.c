/*
 * backup.c - online backup and checked restore of a SQLite kring (see
 * backup.h).
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/embed.h"

enum { PATH_MAX_LEN = 4096 };

/* Opens path with flags; on failure writes err and returns NULL. */
static sqlite3 *open_db(const char *path, int flags, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		         db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	return db;
}

/* Feeds one value of a row into the hash, typed, with its length, so that
 * ("ab","c") and ("a","bc") differ. */
static void hash_value(crypto_hash_sha256_state *h, sqlite3_stmt *st, int col)
{
	unsigned char type = (unsigned char)sqlite3_column_type(st, col);
	crypto_hash_sha256_update(h, &type, 1);
	const void *p = NULL;
	unsigned long long n = 0;
	if (type == SQLITE_BLOB) {
		p = sqlite3_column_blob(st, col);
		n = (unsigned long long)sqlite3_column_bytes(st, col);
	} else if (type != SQLITE_NULL) {
		p = sqlite3_column_text(st, col); /* numbers as their text: exact */
		n = (unsigned long long)sqlite3_column_bytes(st, col);
	}
	crypto_hash_sha256_update(h, (const unsigned char *)&n, sizeof(n));
	if (n > 0 && p != NULL)
		crypto_hash_sha256_update(h, p, n);
}

/* Hashes every row of one table in rowid (or primary key) order. */
static int hash_table(sqlite3 *db, crypto_hash_sha256_state *h, const char *table, bool rowid,
                      char *err, size_t errlen)
{
	char *sql =
	    sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY %s", table, rowid ? "rowid" : "1");
	if (sql == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot read table %s: %s", table, sqlite3_errmsg(db));
		return -1;
	}
	crypto_hash_sha256_update(h, (const unsigned char *)table, strlen(table) + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++)
			hash_value(h, st, c);
	if (rc != SQLITE_DONE)
		snprintf(err, errlen, "cannot read table %s: %s", table, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The content hash of an open database (see db_content_hash). */
static int content_hash(sqlite3 *db, char out[65], char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	/* Ordinary tables only: a virtual table's rows live in its shadow
	 * tables, which are ordinary and hashed. */
	if (sqlite3_prepare_v2(db,
	                       "SELECT name, sql NOT LIKE '%WITHOUT ROWID%' FROM sqlite_schema"
	                       " WHERE type = 'table' AND name <> 'kring_backup'"
	                       " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
	                       " ORDER BY name",
	                       -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "not a kring database: %s", sqlite3_errmsg(db));
		return -1;
	}
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char table[256];
		snprintf(table, sizeof(table), "%s", (const char *)sqlite3_column_text(st, 0));
		if (hash_table(db, &h, table, sqlite3_column_int(st, 1) != 0, err, errlen) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "not a kring database: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
	return 0;
}

int db_content_hash(const char *path, char out[65], char *err, size_t errlen)
{
	sqlite3 *db = open_db(path, SQLITE_OPEN_READONLY, err, errlen);
	if (db == NULL)
		return -1;
	int rc = content_hash(db, out, err, errlen);
	sqlite3_close(db);
	return rc;
}

/* Copies every page of src into a new file at path (one read transaction). */
static int copy_pages(sqlite3 *src, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err, errlen);
	if (dst == NULL)
		return -1;
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b != NULL)
		sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "cannot copy the database: %s",
		         b ? sqlite3_errstr(rc) : sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	/* A backup is one plain file: no -wal beside it. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot finish the copy: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	return sqlite3_close(dst) == SQLITE_OK ? 0 : -1;
}

/* Syncs the directory holding path, so a rename survives a crash. */
static void sync_dir_of(const char *path)
{
	char dir[PATH_MAX_LEN];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Renames part to to, or removes part and says why. */
static int publish(const char *part, const char *to, char *err, size_t errlen)
{
	if (rename(part, to) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", to, strerror(errno));
		unlink(part);
		return -1;
	}
	sync_dir_of(to);
	return 0;
}

int db_backup_sqlite(const char *from, const char *to, char *err, size_t errlen)
{
	struct stat sb;
	if (stat(to, &sb) == 0) {
		snprintf(err, errlen, "%s already exists; a backup never overwrites a file", to);
		return -1;
	}
	if (stat(from, &sb) != 0) {
		snprintf(err, errlen, "no database at %s", from);
		return -1;
	}
	char part[PATH_MAX_LEN];
	if ((size_t)snprintf(part, sizeof(part), "%s.part", to) >= sizeof(part)) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	unlink(part); /* left by an earlier, interrupted backup */
	sqlite3 *src = open_db(from, SQLITE_OPEN_READONLY, err, errlen);
	if (src == NULL)
		return -1;
	int rc = copy_pages(src, part, err, errlen);
	sqlite3_close(src);
	if (rc != 0) {
		unlink(part);
		return -1;
	}
	/* Seal: the content hash of the copy, stored in the copy. */
	sqlite3 *dst = open_db(part, SQLITE_OPEN_READWRITE, err, errlen);
	char hash[65];
	rc = dst ? content_hash(dst, hash, err, errlen) : -1;
	if (rc == 0) {
		char *sql = sqlite3_mprintf("CREATE TABLE kring_backup (made_at TEXT NOT NULL, "
		                            "content_sha256 TEXT NOT NULL);"
		                            "INSERT INTO kring_backup VALUES "
		                            "(strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'), %Q);",
		                            hash);
		char *msg = NULL;
		if (sql == NULL || sqlite3_exec(dst, sql, NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(err, errlen, "cannot seal the backup: %s",
			         msg ? msg : "out of memory");
			rc = -1;
		}
		sqlite3_free(msg);
		sqlite3_free(sql);
	}
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK)
		rc = -1;
	if (rc != 0) {
		unlink(part);
		return -1;
	}
	return publish(part, to, err, errlen);
}

/* True when every migration named in the database is one this kring has. */
static int migrations_known(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT name FROM schema_migrations ORDER BY name", -1, &st,
	                       NULL) != SQLITE_OK) {
		snprintf(err, errlen, "it holds no kring database (no schema_migrations)");
		return -1;
	}
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		bool known = false;
		for (size_t i = 0; i < n_embedded_migrations_sqlite && !known; i++)
			known = strcmp(embedded_migrations_sqlite[i].name, name) == 0;
		if (!known) {
			snprintf(err, errlen,
			         "it was made by a newer kring (migration %s is unknown here); "
			         "restore it with that version",
			         name);
			sqlite3_finalize(st);
			return -1;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || n == 0) {
		snprintf(err, errlen, "it holds no kring database");
		return -1;
	}
	return 0;
}

/* Checks a backup file: integrity, seal, migrations. 0 or -1 with err. */
static int check_backup(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	char why[512] = "";
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(why, sizeof(why), "%s", sqlite3_errmsg(db));
	} else {
		const char *res = (const char *)sqlite3_column_text(st, 0);
		if (res == NULL || strcmp(res, "ok") != 0)
			snprintf(why, sizeof(why), "%s", res ? res : "integrity check failed");
	}
	sqlite3_finalize(st);
	if (why[0]) {
		snprintf(err, errlen, "the file is damaged (%s)", why);
		return -1;
	}
	if (migrations_known(db, err, errlen) != 0)
		return -1;
	char sealed[65] = "", now[65];
	if (sqlite3_prepare_v2(db, "SELECT content_sha256 FROM kring_backup", -1, &st, NULL) !=
	        SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		snprintf(err, errlen,
		         "it is not a kring backup (no seal; make one with kring backup)");
		return -1;
	}
	snprintf(sealed, sizeof(sealed), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (content_hash(db, now, err, errlen) != 0)
		return -1;
	if (strcmp(sealed, now) != 0) {
		snprintf(err, errlen,
		         "the file is damaged: its content differs from when it was made");
		return -1;
	}
	return 0;
}

/* True when path does not exist, is empty, or is a database without tables. */
static bool target_empty(const char *path, char *err, size_t errlen)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || sb.st_size == 0)
		return true;
	sqlite3 *db = open_db(path, SQLITE_OPEN_READONLY, err, errlen);
	if (db == NULL)
		return false;
	sqlite3_stmt *st = NULL;
	bool empty = sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sqlite_schema", -1, &st, NULL) ==
	                 SQLITE_OK &&
	             sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!empty)
		snprintf(err, errlen, "%s is not empty; restore only into a new database", path);
	return empty;
}

int db_restore_sqlite(const char *from, const char *to, char *err, size_t errlen)
{
	char why[512] = "";
	struct stat sb;
	if (stat(from, &sb) != 0) {
		snprintf(err, errlen, "no backup at %s", from);
		return -1;
	}
	if (!target_empty(to, err, errlen))
		return -1;
	char part[PATH_MAX_LEN];
	if ((size_t)snprintf(part, sizeof(part), "%s.part", to) >= sizeof(part)) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	sqlite3 *src = open_db(from, SQLITE_OPEN_READONLY, why, sizeof(why));
	if (src == NULL || check_backup(src, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s is not a usable kring backup: %s", from, why);
		sqlite3_close(src);
		return -1;
	}
	unlink(part);
	int rc = copy_pages(src, part, err, errlen);
	sqlite3_close(src);
	if (rc == 0) {
		sqlite3 *dst = open_db(part, SQLITE_OPEN_READWRITE, err, errlen);
		rc = dst && sqlite3_exec(dst, "DROP TABLE kring_backup", NULL, NULL, NULL) ==
		                 SQLITE_OK
		         ? 0
		         : -1;
		if (rc != 0 && dst != NULL)
			snprintf(err, errlen, "cannot finish the restore: %s", sqlite3_errmsg(dst));
		if (dst != NULL && sqlite3_close(dst) != SQLITE_OK)
			rc = -1;
	}
	if (rc != 0) {
		unlink(part);
		return -1;
	}
	/* The WAL of an empty database that was there must not be replayed
	 * onto the restored file. */
	char side[PATH_MAX_LEN + 8];
	snprintf(side, sizeof(side), "%s-wal", to);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", to);
	unlink(side);
	return publish(part, to, err, errlen);
}
