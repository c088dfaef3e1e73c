/*
 * throttle.c - failed logins per (address, account) and per account
 * (see throttle.h). Keys in login_failures: "a:<email>" for the account,
 * "p:<ip> <email>" for the pair.
 */
#include "throttle.h"

#include <stdio.h>

struct keys {
	char account[600];
	char pair[700];
};

static void make_keys(struct keys *k, const char *email, const char *ip)
{
	snprintf(k->account, sizeof(k->account), "a:%s", email ? email : "");
	snprintf(k->pair, sizeof(k->pair), "p:%s %s", ip ? ip : "", email ? email : "");
}

bool auth_throttled(struct db *db, const char *email, const char *ip, time_t now)
{
	struct keys k;
	make_keys(&k, email, ip);
	long long since = (long long)now - AUTH_FAILURE_WINDOW;
	long long over = 1;
	if (db_query_int(db,
	                 "SELECT (SELECT COUNT(*) FROM login_failures WHERE key = ?1 AND at > ?3)"
	                 " >= ?4 OR"
	                 " (SELECT COUNT(*) FROM login_failures WHERE key = ?2 AND at > ?3) >= ?5",
	                 DB_ARGS(DB_TEXT(k.pair), DB_TEXT(k.account), DB_INT(since),
	                         DB_INT(AUTH_MAX_FAILURES), DB_INT(AUTH_MAX_ACCOUNT_FAILURES)),
	                 &over) != DB_ROW)
		return true; /* fail closed */
	return over != 0;
}

void auth_record_failure(struct db *db, const char *email, const char *ip, time_t now)
{
	struct keys k;
	make_keys(&k, email, ip);
	if (db_begin(db) != DB_OK)
		return;
	db_exec(db, "DELETE FROM login_failures WHERE at < ?",
	        DB_ARGS(DB_INT((long long)now - AUTH_FAILURE_WINDOW)));
	db_exec(db, "INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?)",
	        DB_ARGS(DB_TEXT(k.pair), DB_INT((long long)now), DB_TEXT(k.account),
	                DB_INT((long long)now)));
	if (db_commit(db) != DB_OK)
		db_rollback(db);
}

int auth_attempt_begin(struct db *db, const char *email, const char *ip, time_t now,
                       long long ids[2])
{
	struct keys k;
	make_keys(&k, email, ip);
	/* one write transaction: simultaneous attempts are counted one by one */
	if (db_begin(db) != DB_OK)
		return -1;
	if (auth_throttled(db, email, ip, now)) {
		db_rollback(db);
		return 1;
	}
	const struct db_sql ins =
	    DB_SQL("INSERT INTO login_failures (key, at) VALUES (?, ?) RETURNING id");
	if (db_exec(db, "DELETE FROM login_failures WHERE at < ?",
	            DB_ARGS(DB_INT((long long)now - AUTH_FAILURE_WINDOW))) != DB_OK ||
	    db_query_int_stmt(db, ins, DB_ARGS(DB_TEXT(k.pair), DB_INT((long long)now)), &ids[0]) !=
	        DB_ROW ||
	    db_query_int_stmt(db, ins, DB_ARGS(DB_TEXT(k.account), DB_INT((long long)now)),
	                      &ids[1]) != DB_ROW ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void auth_attempt_succeeded(struct db *db, const char *email, const long long ids[2])
{
	db_exec(db, "DELETE FROM login_failures WHERE id = ? OR id = ?",
	        DB_ARGS(DB_INT(ids[0]), DB_INT(ids[1])));
	auth_clear_failures(db, email);
}

void auth_clear_failures(struct db *db, const char *email)
{
	struct keys k;
	make_keys(&k, email, "");
	/* the account's own key, and its pair with every address: "p:<ip> <email>" */
	db_exec(db,
	        "DELETE FROM login_failures WHERE key = ?1"
	        " OR (substr(key, 1, 2) = 'p:' AND substr(key, -length(?2)) = ?2)",
	        DB_ARGS(DB_TEXT(k.account), DB_TEXT(k.pair + 2)));
}
