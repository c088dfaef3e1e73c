/*
 * backup.c - the backup and restore commands (see backup.h).
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../db/backup.h"
#include "../core/reindex.h"
#include "../core/signal.h"
#include "../db/db.h"
#include "../db/org_dump.h"

extern char **environ;

/* Runs argv (searched on PATH) and waits; its exit status, or -1. */
static int run(char *const argv[])
{
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc != 0) {
		fprintf(stderr, "kring: cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * Runs argv with the rest of fd (from its offset) fed through a pipe as its
 * standard input: a pipe, not the file, because pg_restore seeks in a file
 * by absolute offsets. Its exit status, or -1.
 */
static int run_stdin(char *const argv[], int fd)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0]);
	if (rc != 0) {
		close(p[1]);
		fprintf(stderr, "kring: cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	signal(SIGPIPE, SIG_IGN); /* pg_restore may stop reading early: EPIPE, not death */
	unsigned char buf[65536];
	ssize_t n;
	int fed = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t off = 0;
		while (off < n) {
			ssize_t w = write(p[1], buf + off, (size_t)(n - off));
			if (w < 0) {
				fed = -1;
				break;
			}
			off += w;
		}
		if (fed != 0)
			break;
	}
	close(p[1]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (n < 0 || fed != 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * A PostgreSQL backup is one line "kring-backup postgres sha256=HEX\n"
 * followed by pg_dump's custom-format archive, whose own format has no
 * checksum: the seal lets a restore refuse a damaged file before anything
 * is written.
 */
#define SEAL_PREFIX "kring-backup postgres sha256="
enum { SEAL_LEN = sizeof(SEAL_PREFIX) - 1 + 64 + 1 };

/* SHA-256 (hex) of fd's bytes from its current offset to the end; 0 or -1. */
static int hash_rest(int fd, char hex[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	unsigned char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crypto_hash_sha256_update(&h, buf, (unsigned long long)n);
	if (n < 0)
		return -1;
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(hex, 65, d, sizeof(d));
	return 0;
}

/* Writes the seal line and the dump into to (through to.part). 0 or -1 with err. */
static int seal_dump(const char *dump, const char *to, char *err, size_t errlen)
{
	char hex[65], part[4200];
	int in = open(dump, O_RDONLY);
	if (in < 0 || hash_rest(in, hex) != 0 || lseek(in, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "cannot read the dump %s", dump);
		if (in >= 0)
			close(in);
		return -1;
	}
	snprintf(part, sizeof(part), "%s.part", to);
	int out = open(part, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char line[SEAL_LEN + 1];
	snprintf(line, sizeof(line), SEAL_PREFIX "%s\n", hex);
	int ok = out >= 0 && write(out, line, SEAL_LEN) == (ssize_t)SEAL_LEN;
	unsigned char buf[65536];
	ssize_t n;
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, (size_t)n) == n;
	ok = ok && fsync(out) == 0;
	close(in);
	if (out >= 0 && close(out) != 0)
		ok = 0;
	if (!ok || rename(part, to) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", to, strerror(errno));
		unlink(part);
		return -1;
	}
	return 0;
}

/* Checks the seal of a PostgreSQL backup: the offset of the dump, or -1 with err. */
static long check_seal(const char *from, char *err, size_t errlen)
{
	int fd = open(from, O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open it (%s)", strerror(errno));
		return -1;
	}
	char line[SEAL_LEN + 1] = "", hex[65];
	ssize_t got = read(fd, line, SEAL_LEN);
	if (got != (ssize_t)SEAL_LEN || strncmp(line, SEAL_PREFIX, sizeof(SEAL_PREFIX) - 1) != 0 ||
	    line[SEAL_LEN - 1] != '\n') {
		snprintf(err, errlen, "it is not a kring backup of a PostgreSQL database");
		close(fd);
		return -1;
	}
	line[SEAL_LEN - 1] = '\0';
	int rc = hash_rest(fd, hex);
	close(fd);
	if (rc != 0 || strcmp(hex, line + sizeof(SEAL_PREFIX) - 1) != 0) {
		snprintf(err, errlen,
		         "the file is damaged: its content differs from when it was made");
		return -1;
	}
	return (long)SEAL_LEN;
}

/* The PostgreSQL database at url has no tables of its own: 1, 0 not empty, -1 error. */
static int pg_empty(const char *url)
{
	struct db *db;
	char err[512];
	if (db_open(&db, url, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "kring: %s\n", err);
		return -1;
	}
	long long n = 0;
	int rc = db_query_int(db,
	                      "/* postgres */ SELECT COUNT(*) FROM pg_catalog.pg_tables"
	                      " WHERE schemaname = 'public'",
	                      NULL, &n);
	db_close(db);
	if (rc != DB_ROW)
		return -1;
	return n == 0;
}

int cli_backup(const char *url, const char *to)
{
	char err[768];
	if (db_url_backend(url) == DB_SQLITE) {
		if (db_backup_sqlite(url, to, err, sizeof(err)) != 0) {
			fprintf(stderr, "kring: backup failed: %s\n", err);
			return 1;
		}
		printf("backup written to %s\n", to);
		return 0;
	}
	struct stat sb;
	if (stat(to, &sb) == 0) {
		fprintf(stderr, "kring: backup failed: %s already exists\n", to);
		return 1;
	}
	/* pg_dump takes one snapshot (REPEATABLE READ): consistent while kring serves. */
	char dump[4200];
	snprintf(dump, sizeof(dump), "%s.dump", to);
	char *const argv[] = {"pg_dump", "--format=custom", "--no-owner", "--file",
	                      dump,      "--dbname",        (char *)url,  NULL};
	int rc = run(argv) == 0 ? 0 : -1;
	if (rc != 0)
		fprintf(stderr, "kring: backup failed: pg_dump did not succeed\n");
	else if (seal_dump(dump, to, err, sizeof(err)) != 0) {
		fprintf(stderr, "kring: backup failed: %s\n", err);
		rc = -1;
	}
	unlink(dump);
	if (rc != 0)
		return 1;
	printf("backup written to %s\n", to);
	return 0;
}

int cli_restore(const char *url, const char *from)
{
	char err[1024];
	if (db_url_backend(url) == DB_SQLITE) {
		if (db_restore_sqlite(from, url, err, sizeof(err)) != 0) {
			fprintf(stderr, "kring: restore refused: %s\n", err);
			return 1;
		}
		printf("restored %s into %s\n", from, url);
		return 0;
	}
	int empty = pg_empty(url);
	if (empty != 1) {
		if (empty == 0)
			fprintf(stderr, "kring: restore refused: the target database is not empty; "
			                "restore only into a new database\n");
		return 1;
	}
	long payload = check_seal(from, err, sizeof(err));
	if (payload < 0) {
		fprintf(stderr, "kring: restore refused: %s is not a usable kring backup: %s\n",
		        from, err);
		return 1;
	}
	/* pg_restore reads the dump from its standard input, past the seal. */
	int fd = open(from, O_RDONLY);
	if (fd < 0 || lseek(fd, payload, SEEK_SET) != payload) {
		fprintf(stderr, "kring: restore failed: cannot read %s\n", from);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	char *const argv[] = {
	    "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname",
	    (char *)url,  NULL};
	int rc = run_stdin(argv, fd);
	close(fd);
	if (rc != 0) {
		fprintf(stderr, "kring: restore failed: pg_restore did not succeed; "
		                "nothing was restored (one transaction)\n");
		return 1;
	}
	printf("restored %s into the database\n", from);
	return 0;
}

/* Opens url and applies the migrations; NULL after saying why. */
static struct db *open_migrated(const char *url)
{
	struct db *db;
	char err[512];
	if (db_open(&db, url, err, sizeof(err)) != DB_OK ||
	    db_migrate(db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "kring: %s\n", err);
		return NULL;
	}
	return db;
}

int cli_export(const char *url, const char *slug, const char *to)
{
	bool to_stdout = to == NULL || strcmp(to, "-") == 0;
	struct stat sb;
	if (!to_stdout && stat(to, &sb) == 0) {
		fprintf(stderr, "kring: export failed: %s already exists\n", to);
		return 1;
	}
	struct db *db = open_migrated(url);
	if (db == NULL)
		return 1;
	char part[4200];
	snprintf(part, sizeof(part), "%s.part", to_stdout ? "" : to);
	FILE *out = to_stdout ? stdout : fopen(part, "wx");
	if (out == NULL) {
		fprintf(stderr, "kring: export failed: cannot write %s: %s\n", to, strerror(errno));
		db_close(db);
		return 1;
	}
	char err[768] = "";
	int rc = db_org_export(db, slug, out, err, sizeof(err));
	db_close(db);
	if (!to_stdout) {
		if (fflush(out) != 0 || fsync(fileno(out)) != 0)
			rc = -1;
		if (fclose(out) != 0)
			rc = -1;
		if (rc == 0 && rename(part, to) != 0)
			rc = -1;
		if (rc != 0)
			unlink(part);
	}
	if (rc != 0) {
		fprintf(stderr, "kring: export failed: %s\n", err[0] ? err : "cannot write it");
		return 1;
	}
	if (!to_stdout)
		fprintf(stderr, "kring: organisation %s written to %s\n", slug, to);
	return 0;
}

/* Reads a whole file into a malloc'ed buffer (NUL-terminated); NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	size_t got;
	while (b != NULL && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			char *nb = realloc(b, cap * 2);
			if (nb == NULL) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
	}
	if (b != NULL && ferror(f)) {
		free(b);
		b = NULL;
	}
	fclose(f);
	if (b != NULL) {
		b[n] = '\0';
		*len = n;
	}
	return b;
}

int cli_import(const char *url, const char *from)
{
	size_t len = 0;
	char *json = read_file(from, &len);
	if (json == NULL) {
		fprintf(stderr, "kring: import refused: cannot read %s\n", from);
		return 1;
	}
	struct db *db = open_migrated(url);
	if (db == NULL) {
		free(json);
		return 1;
	}
	char err[768] = "";
	long long org_id = 0;
	int rc = db_org_import(db, json, len, &org_id, err, sizeof(err));
	free(json);
	if (rc != 0) {
		fprintf(stderr, "kring: import refused: %s; nothing was added\n", err);
		db_close(db);
		return 1;
	}
	char today[16];
	signal_today(today);
	if (search_rebuild(db) != 0 || signals_refresh_org(db, org_id, today) != 0)
		fprintf(stderr, "kring: imported, but the search index or signals could not be "
		                "rebuilt: run kring signals\n");
	db_close(db);
	printf("organisation imported from %s\n", from);
	return 0;
}
