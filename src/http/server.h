/*
 * server.h - the request context every handler receives, and the response
 * helpers. One struct req per HTTP request; all its memory comes from
 * req->arena, released when libmicrohttpd reports the request complete.
 */
#ifndef KRING_SERVER_H
#define KRING_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "../db/db.h"
#include "decode.h"
#include "multipart.h"

struct MHD_Connection;
struct route;

/* What kring accepts of a request head; libmicrohttpd's own limits lie above
 * these, so that kring answers (with its headers and a Dutch page). */
#define REQ_MAX_URI         (16 * 1024) /* bytes of path and query: more gets 414 */
#define REQ_MAX_HEADER_SIZE (16 * 1024) /* bytes of all request headers: more gets 431 */

struct server_config {
	const char *listen;  /* "127.0.0.1:8080" */
	const char *db_path; /* SQLite file */
	size_t max_body;     /* bytes; larger bodies get 413 */
	/* knowledge (issue 11): bytes of one uploaded file. A multipart/form-data
	 * body may be max_body + max_upload long (larger: 413); the page that
	 * takes the file refuses one over max_upload beside its field. */
	size_t max_upload;
	unsigned threads;        /* server threads (default: cores) */
	unsigned conn_limit;     /* connections in total */
	unsigned per_ip_limit;   /* connections per address */
	unsigned timeout_s;      /* idle connection timeout (silence while answering) */
	unsigned head_timeout_s; /* a request head must be in this long after the wait began */
	unsigned body_timeout_s; /* and its body this long after the head */
	bool behind_tls;         /* mark cookies Secure */
	const char *instruments; /* directory with instrument files, or NULL */
	/* the address of the TLS proxy in front (textual, as the peer shows), or
	 * NULL: only from this peer is X-Forwarded-For read for the client address */
	const char *trusted_proxy;
	const char *metrics_allow; /* KRING_METRICS_ALLOW: who may read /metrics, or NULL */
	bool log_requests;         /* --log requests: one line per request on stderr */
};

enum defer_state {
	DEFER_NONE = 0, /* handler runs for the first time */
	DEFER_QUEUED,   /* connection suspended, job queued */
	DEFER_DONE,     /* job finished: handler runs again to finish */
};

#define REQ_MAX_HEADERS 10 /* a page's own, and Content-Language and Vary (router) */

struct req {
	struct arena arena;          /* owns everything below */
	struct MHD_Connection *conn; /* NULL in tests that call handlers directly */
	struct db *db;               /* this thread's connection */
	const struct server_config *cfg;

	/* what came in */
	char *raw_uri;         /* as sent, with query */
	const char *method;    /* "GET", "POST", ... */
	const char *path;      /* path without query */
	const char *remote_ip; /* the client: the peer, or what the trusted proxy forwarded */
	struct kv_list query;  /* decoded query string */
	struct kv_list form; /* decoded urlencoded body (POST), or a multipart body's text fields */
	struct upload_list files; /* the files of a multipart/form-data body (knowledge) */
	size_t body_limit;        /* bytes this body may have: max_body, or more for multipart */
	struct kv_list cookies;   /* decoded Cookie header */
	struct buf body;          /* raw body bytes (up to max_body) */
	bool started;             /* headers seen */
	long long t_start_ns;     /* when the request began (monotonic), for /metrics */
	long long db_ns;          /* time spent in the database answering it */
	bool body_too_large;      /* more than cfg->max_body bytes */
	bool bad_request;         /* undecodable query, cookie or form */

	/* routing */
	const struct route *route;
	const char *param_org;   /* :org segment */
	long long param_id;      /* :id segment */
	long long param_id2;     /* :id2 segment */
	const char *param_token; /* :token segment (43 base64url characters) */

	/* who asks */
	long long person_id; /* 0 when logged out */
	const char *person_name;
	const char *person_email;
	const char *person_lang;    /* their choice of language: "", "nl" or "en" */
	const char *session_cookie; /* raw value of a valid session cookie */
	const char *session_hash;   /* its hash: the sessions table key */
	/* the person's role in the :org of the path, read with the session (one
	 * round trip less on every organisation page); the router decides with it */
	bool session_org_read;        /* the three below are the answer */
	long long session_org_id;     /* 0: no such organisation, or no role in it */
	const char *session_org_name; /* its name */
	const char *session_org_role; /* the role's stored name */
	/* the community of the path (the router sets it for a community's
	 * routes, else 0), and whether the person may see it there: read with
	 * the session too (an ambassadeur only the communities they are in) */
	long long session_community_ask;
	bool session_community_visible;
	bool session_seen_stale; /* seen_at is old: update after the request */
	bool session_dead;       /* expired or locked: delete after the request */
	const char *anon_cookie; /* raw value of the anonymous cookie */
	bool new_anon_cookie;    /* send Set-Cookie for anon_cookie */
	const char *csrf;        /* token for forms on this page (set by the router) */
	/* set by a handler, carried out by the router after it returns */
	long long login_person_id; /* not 0: start a session for this person */
	bool logout;               /* end the request's session */
	/* accounts (issue 14): two-step login */
	bool login_pending;          /* the new session still waits for the second step */
	long long pending_person_id; /* a session waiting for its code: whose (else 0) */
	bool totp_setup_needed;      /* staff of an org that requires two-step login, without it */

	/* organisation in the URL, after access was granted */
	long long org_id;
	const char *org_slug;
	const char *org_name;
	unsigned role; /* enum role of the person in this organisation */
	/* 0, or the person (an ambassadeur) who may see only the communities
	 * they are attached to: set by the router, passed on to list queries */
	long long only_attached;

	/* the language of the response (enum text_lang): from the person's
	 * choice, else from Accept-Language (lang_from_header); the server sets
	 * it on the thread that renders, every time the request runs there */
	int lang;
	bool lang_from_header;

	/* response */
	unsigned status;
	const char *content_type;
	struct buf resp;                  /* body built by the handler */
	const unsigned char *resp_static; /* or: static bytes (assets) */
	size_t resp_static_len;
	bool resp_file;       /* or: the file resp_fd (resp_spool), not yet handed over */
	int resp_fd;          /* owned by the request while resp_file is true */
	size_t resp_file_len; /* bytes of that file */
	struct {
		const char *name;
		const char *value;
	} headers[REQ_MAX_HEADERS];
	int n_headers;
	bool headers_overflow; /* resp_header() was refused: the request fails */
	int db_fault;          /* DB_FULL or DB_UNAVAILABLE: why the request failed (503) */
	bool no_store;         /* Cache-Control: no-store (default true) */

	/* work done off the server thread (password hashing) */
	enum defer_state defer;
	int defer_result;
	void *defer_job;
	void *defer_slot; /* the server's queue entry */
};

/*
 * The database's health for /healthz: DB_OK, DB_FULL (disk full or
 * read-only: nothing can be saved) or DB_UNAVAILABLE. After a fault, and
 * otherwise at most every 10 s, it writes a few bytes to see (closing the
 * request's read transaction first); a good write clears the fault.
 */
int server_db_health(struct req *r);

/* Handler return values. */
#define HANDLER_OK    0 /* a response is set */
#define HANDLER_DEFER 1 /* connection suspended; handler runs again later */
#define HANDLER_ERROR                                                                              \
	-1 /* internal error: the server answers 500, or 503 when the
                          * database recorded a fault (disk full, unreachable) */

/* Sets the response to a finished body (its bytes stay in their arena) of
 * the given content type, e.g. "text/html; charset=utf-8". */
void resp_buf(struct req *r, unsigned status, const char *content_type, const struct buf *body);
/* Sets a plain-text response (copied into the arena). */
void resp_text(struct req *r, unsigned status, const char *text);
/* 303 See Other to a local path (must start with '/'). */
void resp_redirect(struct req *r, const char *location);
/*
 * Adds a response header (name and value must outlive the request). Past
 * REQ_MAX_HEADERS it refuses loudly: logs, marks the request failed (the
 * server answers 500) and returns false; in tests (no connection) it aborts.
 */
bool resp_header(struct req *r, const char *name, const char *value);

/*
 * A response body too long to hold in memory (the inzage of a person with
 * 10 000 records): written as it is made to an unlinked temporary file (in
 * TMPDIR, else /tmp), then handed to libmicrohttpd as a file descriptor, so
 * memory stays flat however long the body grows. The handler writes into
 * s->b and calls spool_flush() after each piece (a record); it does all its
 * reading before it returns, in the request's own database transaction,
 * since the thread's connection serves other requests afterwards.
 */
struct spool {
	int fd;       /* the unlinked file, -1 when closed or handed over */
	struct buf b; /* bytes not yet written to fd; its room is reused */
	size_t len;   /* bytes written to fd */
	bool failed;  /* a write failed: resp_spool() refuses */
};
/* Bytes spool_flush() lets gather before it writes them. */
#define SPOOL_CHUNK (64 * 1024)

/* Opens s with a new unlinked file; its buffer lives in r->arena. 0, or -1 (s closed). */
int spool_open(struct req *r, struct spool *s);
/* Writes s->b to the file once it holds SPOOL_CHUNK bytes or more. */
void spool_flush(struct spool *s);
/*
 * Writes the rest and makes the file the response (status, content type):
 * the request owns the descriptor from here on and s is closed. 0, or -1
 * when a write failed (s closed, the response unchanged).
 */
int resp_spool(struct req *r, unsigned status, const char *content_type, struct spool *s);
/* Closes s and drops its file (safe to call twice, or after resp_spool()). */
void spool_close(struct spool *s);
/* The server's: closes a file response that was never handed over. */
void resp_file_drop(struct req *r);
/* The server's, in tests without a connection: reads a file response into
 * r->resp and closes the file, so tests inspect every response alike. */
void resp_file_slurp(struct req *r);

/* First value of a form field, or NULL. */
const char *req_form(struct req *r, const char *name);
/* The first file sent in field name of a multipart/form-data body, or NULL. */
const struct upload *req_file(struct req *r, const char *name);
/* First value of a query parameter, or NULL. */
const char *req_query(struct req *r, const char *name);
/* Value of a request header, or NULL (and NULL in tests without a connection). */
const char *req_header(struct req *r, const char *name);
/* Value of a cookie, or NULL. */
const char *req_cookie(struct req *r, const char *name);

/*
 * Runs fn(job) on a worker thread; the connection is suspended until it
 * finishes, then the handler runs again with r->defer == DEFER_DONE and
 * r->defer_job == job. Returns HANDLER_DEFER, or HANDLER_ERROR after setting
 * a 503 response when the queue is full.
 */
int req_defer(struct req *r, void (*fn)(void *job), void *job);

/*
 * What the server calls: given by the program's top (main.c), so that the
 * server knows no route, page or layout.
 *   dispatch:   runs the request; returns a HANDLER_* value (see above).
 *   error_page: sets the Dutch error page for status (400, 403, 404, 405,
 *               413, 414, 431, 500, 503) as the response.
 */
struct server_app {
	int (*dispatch)(struct req *r);
	void (*error_page)(struct req *r, unsigned status);
	/* the number of the route r matched, or -1 (for /metrics and the log) */
	long (*route_index)(const struct req *r);
	/* knowledge (issue 11): true when r (method and path known, body not
	 * yet) goes to a page that takes a file: only then may a multipart body
	 * be max_upload larger than max_body. NULL: no page does. */
	bool (*takes_files)(struct req *r);
};

/* Starts the server and blocks until SIGTERM/SIGINT. Returns 0 or 1. */
int server_run(const struct server_config *cfg, const struct server_app *app);

/*
 * Runs one request without a socket (tests): method, uri (with query),
 * body, Cookie header. The response is left in r. The caller releases
 * r->arena. db must be an open, migrated database.
 */
void server_handle_test(struct req *r, const struct server_config *cfg,
                        const struct server_app *app, struct db *db, const char *method,
                        const char *uri, const char *body, const char *cookie_header);

#endif
