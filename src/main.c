/*
 * main.c - the kring command line: serve, migrate, org, user, member, demo,
 * routes, version, help. Exit status: 0 success, 2 usage error, 1 otherwise.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "auth/totp.h"
#include "cli/backup.h"
#include "cli/demo.h"
#include "cli/scale.h"
#include "core/activity.h"
#include "core/inbox.h"
#include "core/instrument.h"
#include "core/org.h"
#include "core/reindex.h"
#include "core/retention.h"
#include "core/signal.h"
#include "db/db.h"
#include "http/page_cache.h"
#include "http/router.h"
#include "http/server.h"
#include "util/clock.h"
#include "i18n/text.h"
#include "web/layout.h"

#ifndef KRING_VERSION
#define KRING_VERSION "0.1.0"
#endif

#define EXIT_USAGE 2

static const char usage[] =
    "kring - community library software (OF/BY/FOR ALL)\n"
    "\n"
    "usage: kring COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  serve [--listen ADDR:PORT] [--db PATH] [--behind-tls] [--max-body BYTES]\n"
    "        [--instruments DIR] [--trusted-proxy ADDR] [--log requests]\n"
    "        serve the web application (env KRING_LISTEN, KRING_DB, KRING_BEHIND_TLS,\n"
    "        KRING_MAX_BODY, KRING_INSTRUMENTS, KRING_TRUSTED_PROXY); creates and\n"
    "        migrates the database when needed; --instruments reads meetlat.json and\n"
    "        readiness.json from DIR instead of the built-in copies (a broken file\n"
    "        stops the start); --trusted-proxy: requests from this address (the TLS\n"
    "        proxy) name the client in X-Forwarded-For; --log requests (or\n"
    "        KRING_LOG=requests) writes one line per request to stderr: time,\n"
    "        route pattern (never the address with ids or query), status,\n"
    "        duration, database time, bytes; KRING_METRICS_ALLOW=ADDR,... lets\n"
    "        those addresses read /metrics (Prometheus text format)\n"
    "  migrate [--db PATH]                  apply database migrations\n"
    "  org add --slug S --name N [--db PATH]\n"
    "  user add --email E --name N [--org S --role R] [--db PATH]\n"
    "        (password: one line on standard input); with --org and --role the\n"
    "        person and the role are added together, or neither\n"
    "  user lock --email E [--db PATH]      refuse all logins of this person\n"
    "  user unlock --email E [--db PATH]\n"
    "  member add --org S --email E --role R [--db PATH]\n"
    "        R is beheerder, medewerker, adviseur or ambassadeur\n"
    "  demo [--db PATH] [--instruments DIR] [--scale N]\n"
    "        add the demo library (idempotent); --scale N also adds N organisations\n"
    "        of realistic size (schaal-001 ...) for the bench\n"
    "  signals [--db PATH] [--check]\n"
    "        refresh the signals of every organisation now (the server does this\n"
    "        once a day); --check recomputes them, writes nothing and reports the\n"
    "        differences with what is kept, and the same for the monthly activity\n"
    "        summaries (exit status 1 when there are any)\n"
    "  retention [--db PATH]\n"
    "        remove residents' details from the public page's submissions whose\n"
    "        retention date has come (the server does this every hour)\n"
    "        and every other kind of personal data past its retention period, in\n"
    "        every organisation (once a day)\n"
    "  backup --to FILE [--db PATH]\n"
    "        copy the database into the new FILE while kring serves: SQLite through\n"
    "        its online backup API, sealed with a checksum of every table;\n"
    "        PostgreSQL with pg_dump (custom format)\n"
    "  restore --from FILE [--db PATH]\n"
    "        restore a backup into an empty (or not yet existing) database; a\n"
    "        damaged, foreign or newer backup is refused and nothing is written\n"
    "  export --org SLUG [--to FILE] [--db PATH]\n"
    "        write one organisation as JSON (standard output without --to), to\n"
    "        move a library to another kring\n"
    "  import --from FILE [--db PATH]\n"
    "        add the organisation of an export, all or nothing (people with an\n"
    "        account here, by e-mail, keep it)\n"
    "  routes                               list every route and its access rule\n"
    "  version                              print the version\n"
    "  help                                 print this text\n"
    "\n"
    "defaults: --listen 127.0.0.1:8080, --db data/kring.db\n"
    "\n"
    "database: --db (or KRING_DB) is a file path for SQLite, or a PostgreSQL URL\n"
    "  (postgres://USER:PASSWORD@HOST:PORT/NAME, any libpq URL); several kring\n"
    "  instances may serve one PostgreSQL database. KRING_SECRET_FILE names a file\n"
    "  of at least 32 secret bytes that every instance is given: it is then the\n"
    "  key of the csrf tokens (otherwise the key is kept in the database).\n";

struct opts {
	const char *db;
	const char *listen;
	const char *slug;
	const char *name;
	const char *email;
	const char *org;
	const char *role;
	const char *max_body;
	const char *instruments;
	const char *trusted_proxy;
	const char *scale;
	int behind_tls;
	const char *to;   /* backup --to */
	const char *from; /* restore --from */
	const char *log;  /* serve --log requests */
	int check;        /* signals --check */
};

static int usage_error(const char *msg)
{
	fprintf(stderr, "kring: %s\n(run 'kring help' for usage)\n", msg);
	return EXIT_USAGE;
}

/* Parses --name value / --name=value pairs; 0 or EXIT_USAGE. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			fprintf(stderr, "kring: unexpected argument '%s'\n", a);
			return EXIT_USAGE;
		}
		if (strcmp(a, "--behind-tls") == 0) {
			o->behind_tls = 1;
			continue;
		}
		if (strcmp(a, "--check") == 0) {
			o->check = 1;
			continue;
		}
		static const struct {
			const char *name;
			size_t off;
		} known[] = {
		    {"db", offsetof(struct opts, db)},
		    {"listen", offsetof(struct opts, listen)},
		    {"slug", offsetof(struct opts, slug)},
		    {"name", offsetof(struct opts, name)},
		    {"email", offsetof(struct opts, email)},
		    {"org", offsetof(struct opts, org)},
		    {"role", offsetof(struct opts, role)},
		    {"max-body", offsetof(struct opts, max_body)},
		    {"instruments", offsetof(struct opts, instruments)},
		    {"trusted-proxy", offsetof(struct opts, trusted_proxy)},
		    {"scale", offsetof(struct opts, scale)},
		    {"to", offsetof(struct opts, to)},
		    {"from", offsetof(struct opts, from)},
		    {"log", offsetof(struct opts, log)},
		};
		const char *eq = strchr(a, '=');
		size_t nl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const char *val = NULL;
		size_t k;
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (strlen(known[k].name) == nl && strncmp(known[k].name, a + 2, nl) == 0)
				break;
		if (k == sizeof(known) / sizeof(known[0])) {
			fprintf(stderr, "kring: unknown option '%s'\n", a);
			return EXIT_USAGE;
		}
		if (eq) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			fprintf(stderr, "kring: option '%s' needs a value\n", a);
			return EXIT_USAGE;
		}
		*(const char **)((char *)o + known[k].off) = val;
	}
	return 0;
}

/* Creates the directory that will hold path's file, if missing. */
static void make_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL || slash == path)
		return;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	for (char *p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0750);
			*p = '/';
		}
	}
	mkdir(dir, 0750);
}

/* Opens and migrates the database. NULL after printing why. */
static struct db *open_db(const struct opts *o)
{
	const char *path = o->db ? o->db : getenv("KRING_DB");
	if (path == NULL || path[0] == '\0')
		path = "data/kring.db";
	if (db_url_backend(path) == DB_SQLITE)
		make_parent_dir(path);
	char err[512];
	struct db *db;
	int rc = db_open(&db, path, err, sizeof(err));
	if (rc != DB_OK) {
		fprintf(stderr, "kring: %s\n", err);
		if (rc == DB_BADURL) /* a wrong call, not a failure: exit 2 */
			exit(2);
		return NULL;
	}
	if (db_migrate(db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "kring: %s\n", err);
		db_close(db);
		return NULL;
	}
	/* records written before the search index existed are indexed once, here:
	 * a page that only reads must not write */
	if (search_ensure_index(db) != 0) {
		fprintf(stderr, "kring: cannot build the search index: %s\n", db_errmsg(db));
		db_close(db);
		return NULL;
	}
	return db;
}

static const char *db_path_of(const struct opts *o)
{
	const char *path = o->db ? o->db : getenv("KRING_DB");
	return path && path[0] ? path : "data/kring.db";
}

/* Loads the instruments (built in, or from --instruments / KRING_INSTRUMENTS). 0 or 1. */
static int load_instruments(const struct opts *o)
{
	const char *dir = o->instruments ? o->instruments : getenv("KRING_INSTRUMENTS");
	char err[600];
	if (dir != NULL && dir[0] == '\0')
		dir = NULL;
	if (instruments_load(dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "kring: instrument file is not valid: %s\n", err);
		return 1;
	}
	return 0;
}

/* The database the signals pass opens (the server's own). */
static char signals_db_url[1024];

/*
 * The periodic pass of the signals (core/signal.h): once an hour it
 * refreshes every organisation not yet refreshed today, on a connection of
 * its own, so the date-based signals (six weeks without contact, late action
 * points, schedules) move without anyone saving anything.
 */
static void *signals_main(void *unused)
{
	(void)unused;
	for (;;) {
		struct db *db = NULL;
		char err[256];
		if (db_open(&db, signals_db_url, err, sizeof(err)) == DB_OK) {
			char today[16];
			signal_today(today);
			int n = 0;
			if (signals_refresh_due(db, today, &n) != 0)
				fprintf(stderr, "kring: the signals pass failed: %s\n",
				        db_errmsg(db));
			/* public (issue 13): residents' details go on their date */
			char day[16];
			clock_today(day);
			if (inbox_retention(db, day, NULL) != 0)
				fprintf(stderr, "kring: the inbox retention pass failed: %s\n",
				        db_errmsg(db));
			/* privacy (issue 14b): retention, once a day per organisation */
			struct privacy_labels l = {T(PRIV_LABEL_STAFF), T(PRIV_LABEL_AMBASSADOR),
			                           T(PRIV_LABEL_CONTACT)};
			if (retention_run_due(db, &l, false, &n) != 0)
				fprintf(stderr, "kring: the retention pass failed: %s\n",
				        db_errmsg(db));
			db_close(db);
		}
		sleep(3600);
	}
	return NULL;
}

static int cmd_serve(const struct opts *o)
{
	struct server_config cfg = {
	    .listen = o->listen ? o->listen : getenv("KRING_LISTEN"),
	    .db_path = db_path_of(o),
	    /* a 100 000-character text in emoji or Chinese is up to 1.2 MB once the
	     * browser has percent-encoded it: long community texts must fit */
	    .max_body = 2 * 1024 * 1024,
	    .max_upload = 10 * 1024 * 1024, /* knowledge: one file; KRING_MAX_UPLOAD */
	    .conn_limit = 1000,
	    .per_ip_limit = 64,
	    .timeout_s = 30,
	    .head_timeout_s = 10,
	    .body_timeout_s = 60,
	    .behind_tls = o->behind_tls || (getenv("KRING_BEHIND_TLS") &&
	                                    strcmp(getenv("KRING_BEHIND_TLS"), "1") == 0),
	    .instruments = o->instruments ? o->instruments : getenv("KRING_INSTRUMENTS"),
	};
	if (cfg.listen == NULL || cfg.listen[0] == '\0')
		cfg.listen = "127.0.0.1:8080";
	const char *mb = o->max_body ? o->max_body : getenv("KRING_MAX_BODY");
	if (mb) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(mb, &end, 10);
		if (errno || *end || v < 1024)
			return usage_error("--max-body needs a number of bytes (at least 1024)");
		cfg.max_body = (size_t)v;
	}
	/* knowledge: the largest file one may upload (bytes) */
	const char *mu = getenv("KRING_MAX_UPLOAD");
	if (mu && mu[0]) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(mu, &end, 10);
		if (errno || *end || v < 1024 || v > 1024ULL * 1024 * 1024)
			return usage_error(
			    "KRING_MAX_UPLOAD needs a number of bytes (1024 to 1 GiB)");
		cfg.max_upload = (size_t)v;
	}
	/* how long a request head and then its body may take to arrive (s) */
	const char *const timeouts[2] = {getenv("KRING_HEAD_TIMEOUT"),
	                                 getenv("KRING_BODY_TIMEOUT")};
	unsigned *const timeout_of[2] = {&cfg.head_timeout_s, &cfg.body_timeout_s};
	for (int i = 0; i < 2; i++) {
		if (timeouts[i] == NULL || timeouts[i][0] == '\0')
			continue;
		char *end;
		errno = 0;
		unsigned long v = strtoul(timeouts[i], &end, 10);
		if (errno || *end || v < 1 || v > 3600)
			return usage_error("KRING_HEAD_TIMEOUT and KRING_BODY_TIMEOUT need seconds "
			                   "(1 to 3600)");
		*timeout_of[i] = (unsigned)v;
	}
	const char *proxy = o->trusted_proxy ? o->trusted_proxy : getenv("KRING_TRUSTED_PROXY");
	char proxy_text[INET6_ADDRSTRLEN];
	if (proxy != NULL && proxy[0] != '\0') {
		/* the spelling the server compares with: as inet_ntop() writes the peer */
		unsigned char bin[sizeof(struct in6_addr)];
		if (inet_pton(AF_INET, proxy, bin) == 1)
			inet_ntop(AF_INET, bin, proxy_text, sizeof(proxy_text));
		else if (inet_pton(AF_INET6, proxy, bin) == 1)
			inet_ntop(AF_INET6, bin, proxy_text, sizeof(proxy_text));
		else
			return usage_error("--trusted-proxy needs an IP address (e.g. 127.0.0.1)");
		cfg.trusted_proxy = proxy_text;
		/* every connection comes from the proxy: a per-address limit would
		 * be a limit for everyone together */
		cfg.per_ip_limit = cfg.conn_limit;
	}
	/* worker threads: KRING_THREADS, or as many as cores for SQLite (a page
	 * never waits on anything but the CPU) and two per core for PostgreSQL,
	 * whose pages wait on round trips to the server: with one thread a core
	 * the cores would idle through them. Each thread holds a connection:
	 * at most 16 by default, so that a few instances stay below the
	 * server's max_connections (100 unless raised) */
	const char *th = getenv("KRING_THREADS");
	if (th != NULL && th[0] != '\0') {
		char *end;
		errno = 0;
		unsigned long v = strtoul(th, &end, 10);
		if (errno || *end || v < 1 || v > 256)
			return usage_error("KRING_THREADS needs a number of threads (1 to 256)");
		cfg.threads = (unsigned)v;
	} else if (db_url_backend(cfg.db_path) == DB_POSTGRES) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		cfg.threads = 2 * (unsigned)(cores < 1 ? 1 : cores > 8 ? 8 : cores);
	}
	if (page_cache_configure(getenv("KRING_PAGE_CACHE_MB")) != 0)
		return usage_error("KRING_PAGE_CACHE_MB needs a number of megabytes (0 to 1024)");
	if (load_instruments(o) != 0)
		return 1;
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	if (auth_init(db) != 0) {
		fprintf(stderr, "kring: cannot initialise authentication\n");
		db_close(db);
		return 1;
	}
	/* two-step secrets stored before they were sealed are sealed now */
	long long sealed = totp_seal_all(db);
	if (sealed < 0) {
		fprintf(stderr, "kring: cannot seal the two-step secrets: %s\n", db_errmsg(db));
		db_close(db);
		return 1;
	}
	if (sealed > 0)
		fprintf(stderr, "kring: sealed %lld two-step secrets\n", sealed);
	db_close(db);
	snprintf(signals_db_url, sizeof(signals_db_url), "%s", cfg.db_path);
	/* the pass takes no process signals: SIGTERM is for the server's stop */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_t signals_thread;
	if (pthread_create(&signals_thread, NULL, signals_main, NULL) == 0)
		pthread_detach(signals_thread);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* the top of the program puts the request path together: the server
	 * calls the router, and the layout's Dutch page for early errors */
	const char *log = o->log ? o->log : getenv("KRING_LOG");
	if (log != NULL && log[0] != '\0' && strcmp(log, "requests") != 0)
		return usage_error("--log knows one kind: requests");
	cfg.log_requests = log != NULL && strcmp(log, "requests") == 0;
	cfg.metrics_allow = getenv("KRING_METRICS_ALLOW");
	if (router_metrics_init(cfg.metrics_allow, cfg.log_requests) != 0)
		return 1;
	const struct server_app app = {.dispatch = router_dispatch,
	                               .error_page = resp_error,
	                               .route_index = router_route_index,
	                               .takes_files = router_takes_files}; /* knowledge */
	return server_run(&cfg, &app) == 0 ? 0 : 1;
}

static int cmd_migrate(const struct opts *o)
{
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	db_close(db);
	printf("database %s is up to date\n", db_path_of(o));
	return 0;
}

static int cmd_org_add(const struct opts *o)
{
	if (!o->slug || !o->name)
		return usage_error("org add needs --slug and --name");
	if (!org_slug_valid(o->slug))
		return usage_error("--slug may hold only a-z, 0-9 and '-' (at most 64)");
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	int rc = org_create(db, o->slug, o->name, NULL);
	db_close(db);
	if (rc == 1) {
		fprintf(stderr, "kring: an organisation with slug '%s' exists already\n", o->slug);
		return 1;
	}
	if (rc != 0) {
		fprintf(stderr, "kring: could not add the organisation\n");
		return 1;
	}
	printf("organisation %s added\n", o->slug);
	return 0;
}

static int cmd_user_add(const struct opts *o)
{
	if (!o->email || !o->name)
		return usage_error(
		    "user add needs --email and --name (password on standard input)");
	if (strchr(o->email, '@') == NULL)
		return usage_error("--email must be an e-mail address");
	if ((o->org == NULL) != (o->role == NULL))
		return usage_error("user add takes --org and --role together");
	unsigned role = o->role ? role_from_name(o->role) : ROLE_NONE;
	if (o->role && role == ROLE_NONE)
		return usage_error("--role must be beheerder, medewerker, adviseur or ambassadeur");
	char line[AUTH_PASSWORD_MAX + 2];
	if (fgets(line, sizeof(line), stdin) == NULL) {
		fprintf(stderr, "kring: no password on standard input\n");
		return 1;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (strlen(line) < AUTH_PASSWORD_MIN) {
		fprintf(stderr, "kring: the password needs at least %d characters\n",
		        AUTH_PASSWORD_MIN);
		return 1;
	}
	if (sodium_init() < 0)
		return 1;
	char hash[crypto_pwhash_STRBYTES];
	if (auth_password_hash(line, hash) != 0) {
		fprintf(stderr, "kring: could not hash the password (out of memory?)\n");
		return 1;
	}
	sodium_memzero(line, sizeof(line));
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	struct arena a;
	arena_init(&a);
	const char *email = auth_normalize_email(&a, o->email);
	long long org = 0;
	int rc;
	if (o->org != NULL && db_query_int(db, "SELECT id FROM orgs WHERE slug = ?",
	                                   DB_ARGS(DB_TEXT(o->org)), &org) != DB_ROW)
		rc = 2;
	else if (o->org != NULL)
		rc = person_create_member(db, org, 0, email, o->name, hash, role, NULL);
	else
		rc = person_create(db, email, o->name, hash, NULL);
	arena_free(&a);
	db_close(db);
	if (rc == 2) {
		fprintf(stderr, "kring: no organisation with slug %s\n", o->org);
		return 1;
	}
	if (rc == 1) {
		fprintf(stderr, "kring: a person with e-mail %s exists already\n", o->email);
		return 1;
	}
	if (rc != 0) {
		fprintf(stderr, "kring: could not add the person\n");
		return 1;
	}
	if (o->org != NULL)
		printf("person %s added as %s in %s\n", o->email, role_name(role), o->org);
	else
		printf("person %s added\n", o->email);
	return 0;
}

static int cmd_user_lock(const struct opts *o, int lock)
{
	if (!o->email)
		return usage_error(lock ? "user lock needs --email" : "user unlock needs --email");
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	struct arena a;
	arena_init(&a);
	const char *email = auth_normalize_email(&a, o->email);
	int rc = db_exec(db, "UPDATE persons SET locked = ? WHERE email = ?",
	                 DB_ARGS(DB_INT(lock), DB_TEXT(email)));
	long long changed = db_changes(db);
	if (rc == DB_OK && lock)
		db_exec(db,
		        "DELETE FROM sessions WHERE person_id IN (SELECT id FROM persons WHERE "
		        "email = ?)",
		        DB_ARGS(DB_TEXT(email)));
	arena_free(&a);
	db_close(db);
	if (rc != DB_OK || changed == 0) {
		fprintf(stderr, "kring: no person with e-mail %s\n", o->email);
		return 1;
	}
	printf("person %s %s\n", o->email, lock ? "locked" : "unlocked");
	return 0;
}

static int cmd_member_add(const struct opts *o)
{
	if (!o->org || !o->email || !o->role)
		return usage_error("member add needs --org, --email and --role");
	unsigned role = role_from_name(o->role);
	if (role == ROLE_NONE)
		return usage_error("--role must be beheerder, medewerker, adviseur or ambassadeur");
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	struct arena a;
	arena_init(&a);
	long long person = 0, org = 0;
	int rc = 1;
	if (person_find(db, &a, auth_normalize_email(&a, o->email), &person, NULL, NULL, NULL) != 1)
		fprintf(stderr, "kring: no person with e-mail %s\n", o->email);
	else if (db_query_int(db, "SELECT id FROM orgs WHERE slug = ?", DB_ARGS(DB_TEXT(o->org)),
	                      &org) != DB_ROW)
		fprintf(stderr, "kring: no organisation with slug %s\n", o->org);
	else if (member_set_role(db, org, 0, person, role) != SAVE_OK)
		fprintf(stderr, "kring: could not give the role (the last beheerder keeps it)\n");
	else
		rc = 0;
	arena_free(&a);
	db_close(db);
	if (rc == 0)
		printf("%s is now %s in %s\n", o->email, role_name(role), o->org);
	return rc;
}

static int cmd_demo(const struct opts *o)
{
	long scale = 0;
	if (o->scale) {
		char *end = NULL;
		errno = 0;
		scale = strtol(o->scale, &end, 10);
		if (errno != 0 || end == o->scale || *end != '\0' || scale < 1 ||
		    scale > SCALE_MAX_ORGS)
			return usage_error(
			    "--scale must be a number of organisations from 1 to 10000");
	}
	if (load_instruments(o) != 0)
		return 1;
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	if (sodium_init() < 0) {
		db_close(db);
		return 1;
	}
	int rc = demo_load(db, stdout);
	if (rc == 0 && scale > 0)
		rc = scale_load(db, (int)scale, stdout);
	if (rc == 0 && db_update_statistics(db) != DB_OK)
		rc = -1;
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "kring: could not load the demo data\n");
		return 1;
	}
	return 0;
}

/*
 * kring signals [--check]: the periodic pass by hand, or the comparison of
 * what is kept (the signals and the monthly activity summaries) with a
 * recomputation from the raw rows, as after a restore from a backup.
 */
static int cmd_signals(const struct opts *o)
{
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	char today[16];
	signal_today(today);
	int rc = 0;
	if (o->check) {
		long long diff = 0, sums = 0;
		if (signals_check(db, today, &diff) != 0 ||
		    activity_summaries_check(db, 0, &sums) != 0) {
			fprintf(stderr, "kring: could not check the signals\n");
			rc = 1;
		} else {
			printf("signals: %lld differences\n", diff);
			printf("activity summaries: %lld differences\n", sums);
			rc = diff == 0 && sums == 0 ? 0 : 1;
		}
	} else {
		int n = 0;
		/* forget the day of the last pass, so every organisation is refreshed */
		if (db_exec(db, "UPDATE signal_settings SET refreshed_on = ''", DB_NOARGS) !=
		        DB_OK ||
		    signals_refresh_due(db, today, &n) != 0) {
			fprintf(stderr, "kring: could not refresh the signals\n");
			rc = 1;
		} else {
			printf("signals: %d organisations refreshed\n", n);
		}
	}
	db_close(db);
	return rc;
}

/*
 * kring retention: the residents' details of the public page's submissions
 * whose date has come go now (public, issue 13; core/inbox.h), and the daily
 * retention pass by hand for every organisation (privacy, issue 14b); the
 * server does both by itself.
 */
static int cmd_retention(const struct opts *o)
{
	struct db *db = open_db(o);
	if (db == NULL)
		return 1;
	char today[16];
	clock_today(today);
	long long cleared = 0;
	int rc = inbox_retention(db, today, &cleared);
	struct privacy_labels l = {T(PRIV_LABEL_STAFF), T(PRIV_LABEL_AMBASSADOR),
	                           T(PRIV_LABEL_CONTACT)};
	int n = 0;
	if (rc == 0)
		rc = retention_run_due(db, &l, true, &n);
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "kring: the retention pass failed\n");
		return 1;
	}
	printf("retention: %lld submissions cleared, %d organisations done\n", cleared, n);
	return 0;
}

static int cmd_routes(void)
{
	for (size_t i = 0; i < n_routes; i++) {
		printf("%s\t%s\t%s\t", routes[i].method, routes[i].pattern,
		       access_name(routes[i].access));
		const char *sep = "";
		for (unsigned bit = 1; bit <= ROLE_AMBASSADEUR; bit <<= 1)
			if (routes[i].roles & bit) {
				printf("%s%s", sep, role_name(bit));
				sep = ",";
			}
		printf("%s\n", sep[0] ? "" : "-");
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("kring %s\n", KRING_VERSION);
		return 0;
	}
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes();
	if (db_global_init() != DB_OK) {
		fprintf(stderr, "kring: cannot initialise SQLite\n");
		return 1;
	}
	if (getenv("TZ") == NULL)
		setenv("TZ", "Europe/Amsterdam", 1);
	struct opts o = {0};
	int sub = 2;
	const char *what = NULL;
	if (strcmp(cmd, "org") == 0 || strcmp(cmd, "user") == 0 || strcmp(cmd, "member") == 0) {
		if (argc < 3)
			return usage_error("missing subcommand");
		what = argv[2];
		sub = 3;
	}
	if (parse_opts(argc - sub, argv + sub, &o) != 0)
		return EXIT_USAGE;
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(&o);
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(&o);
	if (strcmp(cmd, "demo") == 0)
		return cmd_demo(&o);
	if (strcmp(cmd, "signals") == 0)
		return cmd_signals(&o);
	if (strcmp(cmd, "retention") == 0) /* public (issue 13) */
		return cmd_retention(&o);
	if (strcmp(cmd, "backup") == 0)
		return o.to ? cli_backup(db_path_of(&o), o.to)
		            : usage_error("backup needs --to FILE");
	if (strcmp(cmd, "export") == 0)
		return o.org ? cli_export(db_path_of(&o), o.org, o.to)
		             : usage_error("export needs --org SLUG");
	if (strcmp(cmd, "import") == 0)
		return o.from ? cli_import(db_path_of(&o), o.from)
		              : usage_error("import needs --from FILE");
	if (strcmp(cmd, "restore") == 0)
		return o.from ? cli_restore(db_path_of(&o), o.from)
		              : usage_error("restore needs --from FILE");
	if (strcmp(cmd, "org") == 0 && strcmp(what, "add") == 0)
		return cmd_org_add(&o);
	if (strcmp(cmd, "user") == 0 && strcmp(what, "add") == 0)
		return cmd_user_add(&o);
	if (strcmp(cmd, "user") == 0 && strcmp(what, "lock") == 0)
		return cmd_user_lock(&o, 1);
	if (strcmp(cmd, "user") == 0 && strcmp(what, "unlock") == 0)
		return cmd_user_lock(&o, 0);
	if (strcmp(cmd, "member") == 0 && strcmp(what, "add") == 0)
		return cmd_member_add(&o);
	return usage_error("unknown command");
}
