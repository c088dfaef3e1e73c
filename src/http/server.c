/*
 * server.c - libmicrohttpd glue: one struct req per request, body limits,
 * decoding, the worker pool for slow work, responses with the security
 * headers, and a graceful stop on SIGTERM.
 */
#define _GNU_SOURCE
#include "server.h"
#include "metrics.h"
#include "watch.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* ---- per-thread database connections ---- */

#define MAX_DB_CONNS 64

static const struct server_config *g_cfg;
static const struct server_app *g_app;
static _Thread_local struct db *tls_db;
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *all_dbs[MAX_DB_CONNS];
static size_t n_all_dbs;

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- database faults: a full or read-only disk, an unreachable server ----
 * A driver records DB_FULL or DB_UNAVAILABLE on its connection (db_fault());
 * the server reads it after every request. A failed request then answers
 * the Dutch 503 that says nothing was saved and why (see process()), the
 * fault is remembered for /healthz, and this thread's connection is opened
 * afresh before its next request (after a read-only remount the old one
 * may stay unusable). Nothing waits for a restart. */

static atomic_int g_fault;      /* DB_OK, DB_FULL or DB_UNAVAILABLE: last seen */
static atomic_llong g_probe_at; /* now_ms() of the last write probe (healthz) */
#define PROBE_EVERY_MS 10000    /* while all is well, healthz writes at most this often */
static _Thread_local bool tls_reopen;
static _Thread_local long long tls_reopen_at;

static void note_fault(int fault)
{
	atomic_store(&g_fault, fault);
	tls_reopen = true;
}

/* Opens this thread's connection afresh after a fault, at most once a
 * second; keeps the old one (reads may still work) when that fails. */
static void reopen_thread_db(void)
{
	long long now = now_ms();
	if (now - tls_reopen_at < 1000)
		return;
	tls_reopen_at = now;
	char err[256];
	struct db *fresh;
	if (db_open(&fresh, g_cfg->db_path, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "kring: reopening the database: %s\n", err);
		return;
	}
	pthread_mutex_lock(&dbs_lock);
	for (size_t i = 0; i < n_all_dbs; i++)
		if (all_dbs[i] == tls_db)
			all_dbs[i] = fresh;
	pthread_mutex_unlock(&dbs_lock);
	db_close(tls_db);
	tls_db = fresh;
	tls_reopen = false;
}

int server_db_health(struct req *r)
{
	if (r->db == NULL || !db_ping(r->db))
		return DB_UNAVAILABLE;
	long long now = now_ms();
	long long last = atomic_load(&g_probe_at);
	if (atomic_load(&g_fault) == DB_OK && last != 0 && now - last < PROBE_EVERY_MS)
		return DB_OK;
	atomic_store(&g_probe_at, now);
	db_end_read(r->db); /* the probe writes: not inside the page's read snapshot */
	int rc = db_probe_write(r->db);
	if (rc == DB_FULL || rc == DB_UNAVAILABLE) {
		note_fault(rc);
		return rc;
	}
	if (rc == DB_BUSY) /* others are writing: the disk takes writes */
		return atomic_load(&g_fault) == DB_UNAVAILABLE ? DB_OK : atomic_load(&g_fault);
	atomic_store(&g_fault, DB_OK);
	return rc == DB_OK ? DB_OK : DB_UNAVAILABLE;
}

static struct db *thread_db(void)
{
	if (tls_db != NULL && tls_reopen)
		reopen_thread_db();
	if (tls_db != NULL)
		return tls_db;
	char err[256];
	struct db *db;
	if (db_open(&db, g_cfg->db_path, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "kring: %s\n", err);
		return NULL;
	}
	pthread_mutex_lock(&dbs_lock);
	if (n_all_dbs == MAX_DB_CONNS) {
		pthread_mutex_unlock(&dbs_lock);
		db_close(db);
		return NULL;
	}
	all_dbs[n_all_dbs++] = db;
	pthread_mutex_unlock(&dbs_lock);
	tls_db = db;
	return db;
}

static void close_all_dbs(void)
{
	pthread_mutex_lock(&dbs_lock);
	for (size_t i = 0; i < n_all_dbs; i++)
		db_close(all_dbs[i]);
	n_all_dbs = 0;
	pthread_mutex_unlock(&dbs_lock);
}

/* ---- worker pool for deferred jobs (password hashing) ---- */

#define JOB_QUEUE_MAX 64
#define JOB_NICE      5 /* below the page threads (0) */

struct job {
	void (*fn)(void *arg);
	void *arg;
	struct req *r;
	struct job *next;
};

static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jobs_cond = PTHREAD_COND_INITIALIZER;
static struct job *jobs_head, *jobs_tail;
static size_t n_jobs;
static bool jobs_stop;
static pthread_t *workers;
static size_t n_workers;

static void *worker_main(void *unused)
{
	(void)unused;
	/* password hashing (argon2id, deliberately slow) yields to the pages:
	 * on Linux a thread has its own nice value, so a storm of logins slows
	 * the logins rather than every other page (P6) */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), JOB_NICE);
	for (;;) {
		pthread_mutex_lock(&jobs_lock);
		while (jobs_head == NULL && !jobs_stop)
			pthread_cond_wait(&jobs_cond, &jobs_lock);
		if (jobs_head == NULL) {
			pthread_mutex_unlock(&jobs_lock);
			return NULL;
		}
		struct job *j = jobs_head;
		jobs_head = j->next;
		if (jobs_head == NULL)
			jobs_tail = NULL;
		n_jobs--;
		pthread_mutex_unlock(&jobs_lock);

		j->fn(j->arg);
		j->r->defer = DEFER_DONE;
		MHD_resume_connection(j->r->conn);
	}
}

static int jobs_start(unsigned n)
{
	workers = calloc(n, sizeof(*workers));
	if (workers == NULL)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		if (pthread_create(&workers[i], NULL, worker_main, NULL) != 0)
			return -1;
		n_workers++;
	}
	return 0;
}

static void jobs_finish(void)
{
	pthread_mutex_lock(&jobs_lock);
	jobs_stop = true;
	pthread_cond_broadcast(&jobs_cond);
	pthread_mutex_unlock(&jobs_lock);
	for (size_t i = 0; i < n_workers; i++)
		pthread_join(workers[i], NULL);
	free(workers);
	workers = NULL;
	n_workers = 0;
}

int req_defer(struct req *r, void (*fn)(void *job), void *job)
{
	r->defer_job = job;
	if (r->conn == NULL) { /* test mode: run it here */
		fn(job);
		r->defer = DEFER_DONE;
		return HANDLER_DEFER;
	}
	pthread_mutex_lock(&jobs_lock);
	bool full = n_jobs >= JOB_QUEUE_MAX;
	pthread_mutex_unlock(&jobs_lock);
	if (full) {
		g_app->error_page(r, 503);
		return HANDLER_OK;
	}
	struct job *j = arena_alloc(&r->arena, sizeof(*j));
	j->fn = fn;
	j->arg = job;
	j->r = r;
	r->defer_slot = j;
	r->defer = DEFER_QUEUED;
	/* queued by enqueue_deferred() once the connection is suspended */
	return HANDLER_DEFER;
}

static void enqueue_deferred(struct job *j)
{
	pthread_mutex_lock(&jobs_lock);
	if (jobs_tail)
		jobs_tail->next = j;
	else
		jobs_head = j;
	jobs_tail = j;
	n_jobs++;
	pthread_cond_signal(&jobs_cond);
	pthread_mutex_unlock(&jobs_lock);
}

/* ---- responses ---- */

bool resp_header(struct req *r, const char *name, const char *value)
{
	if (r->n_headers >= REQ_MAX_HEADERS) {
		/* a dropped header could be a session cookie or a Location: never silently */
		fprintf(stderr, "kring: %s %s: more than %d response headers, '%s' refused\n",
		        r->method ? r->method : "-", r->path ? r->path : "-", REQ_MAX_HEADERS,
		        name);
		if (r->conn == NULL)
			abort(); /* tests: a programming error, found at once */
		r->headers_overflow = true;
		return false;
	}
	r->headers[r->n_headers].name = name;
	r->headers[r->n_headers].value = value;
	r->n_headers++;
	return true;
}

void resp_buf(struct req *r, unsigned status, const char *content_type, const struct buf *body)
{
	r->status = status;
	r->content_type = content_type;
	r->resp = *body;
}

void resp_text(struct req *r, unsigned status, const char *text)
{
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	buf_init(&r->resp, &r->arena);
	buf_puts(&r->resp, text);
}

void resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
	buf_init(&r->resp, &r->arena);
	/* only local paths, without control characters or backslashes */
	bool ok = location[0] == '/' && location[1] != '/';
	for (const char *p = location; ok && *p; p++)
		ok = (unsigned char)*p >= 0x20 && *p != 0x7f && *p != '\\';
	resp_header(r, "Location", ok ? location : "/");
}

const char *req_form(struct req *r, const char *name)
{
	return kv_get(&r->form, name);
}

const struct upload *req_file(struct req *r, const char *name)
{
	return upload_get(&r->files, name);
}

const char *req_query(struct req *r, const char *name)
{
	return kv_get(&r->query, name);
}

const char *req_header(struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *req_cookie(struct req *r, const char *name)
{
	return kv_get(&r->cookies, name);
}

/* ---- request processing ---- */

static const char *header_value(struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

static bool is_urlencoded(const char *ct)
{
	return ct != NULL && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

/* Decodes query, cookies and form once. Returns false on malformed input. */
static bool decode_request(struct req *r, const char *cookie_header, const char *content_type)
{
	const char *q = strchr(r->raw_uri, '?');
	if (q != NULL && decode_urlencoded(&r->arena, q + 1, strlen(q + 1), &r->query) != DECODE_OK)
		return false;
	if (cookie_header != NULL && decode_cookies(&r->arena, cookie_header, strlen(cookie_header),
	                                            &r->cookies) != DECODE_OK)
		return false;
	if (r->body.len > 0) {
		/* knowledge: a form with a file */
		const char *boundary = multipart_boundary(&r->arena, content_type);
		if (boundary != NULL)
			return decode_multipart(&r->arena, boundary, r->body.data, r->body.len,
			                        &r->form, &r->files) == DECODE_OK;
		if (!is_urlencoded(content_type))
			return false;
		if (decode_urlencoded(&r->arena, r->body.data, r->body.len, &r->form) != DECODE_OK)
			return false;
	}
	return true;
}

static void process(struct req *r, const char *cookie_header, const char *content_type)
{
	if (r->defer == DEFER_NONE) {
		r->no_store = true;
		if (r->db != NULL)
			db_fault_clear(r->db);
		if (r->body_too_large) {
			g_app->error_page(r, 413);
			return;
		}
		if (r->bad_request || !utf8_valid(r->path, strlen(r->path)) ||
		    !decode_request(r, cookie_header, content_type)) {
			g_app->error_page(r, 400);
			return;
		}
	}
	long long db0 = db_thread_ns();
	int rc = g_app->dispatch(r);
	if (rc == HANDLER_DEFER && r->conn == NULL) /* test mode: job already ran */
		rc = g_app->dispatch(r);
	r->db_ns += db_thread_ns() - db0;
	if (rc != HANDLER_DEFER && r->headers_overflow)
		rc = HANDLER_ERROR;
	int fault = r->db != NULL ? db_fault(r->db) : DB_OK;
	if (fault != DB_OK && r->conn != NULL)
		note_fault(fault);
	if (rc == HANDLER_ERROR) {
		fprintf(stderr, "kring: %s %s: %s (%s)\n", r->method, r->path,
		        fault == DB_FULL          ? "not saved, the disk is full or read-only"
		        : fault == DB_UNAVAILABLE ? "not saved, the database is unreachable"
		                                  : "internal error",
		        r->db ? db_errmsg(r->db) : "no database");
		db_rollback(r->db);
		resp_file_drop(r);
		r->n_headers = 0;
		r->headers_overflow = false;
		/* one place maps a database fault to its answer: the Dutch 503
		 * saying the change was not saved, and why (r->db_fault) */
		r->db_fault = fault;
		g_app->error_page(r, fault != DB_OK ? 503 : 500);
		if (fault != DB_OK)
			resp_header(r, "Retry-After", "60");
		/* a WAL that filled the disk is cut back here too, not only when
		 * /healthz is asked (at most every 10 s) */
		long long now = now_ms();
		if (fault == DB_FULL && r->conn != NULL &&
		    now - atomic_load(&g_probe_at) >= PROBE_EVERY_MS) {
			atomic_store(&g_probe_at, now);
			int probe = db_probe_write(r->db);
			atomic_store(&g_fault, probe == DB_OK ? DB_OK : fault);
		}
	}
}

static const char CSP[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'; object-src 'none'";

static enum MHD_Result queue(struct req *r)
{
	struct MHD_Response *resp;
	if (r->resp_file) { /* libmicrohttpd closes the file when it is sent */
		resp = MHD_create_response_from_fd(r->resp_file_len, r->resp_fd);
		r->resp_file = resp == NULL; /* else on_completed() closes it */
	} else if (r->resp_static != NULL)
		resp = MHD_create_response_from_buffer(r->resp_static_len, (void *)r->resp_static,
		                                       MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(r->resp.len, r->resp.data,
		                                       MHD_RESPMEM_PERSISTENT);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
	                        r->content_type ? r->content_type : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (r->no_store)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->n_headers; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(r->conn, r->status ? r->status : 500, resp);
	MHD_destroy_response(resp);
	return ret;
}

static atomic_long in_flight;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct req *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	arena_init(&r->arena);
	buf_init(&r->body, &r->arena);
	buf_init(&r->resp, &r->arena);
	r->raw_uri = arena_strdup(&r->arena, uri ? uri : "/");
	r->cfg = g_cfg;
	r->t_start_ns = now_ns();
	metrics_set_in_flight(atomic_fetch_add(&in_flight, 1) + 1);
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	/* kept alive: the next request has its own deadline */
	watch_head(conn);
	struct req *r = *con_cls;
	if (r == NULL)
		return;
	if (r->status != 0 && g_app->route_index != NULL)
		metrics_observe(
		    g_app->route_index(r), r->method, r->status, (now_ns() - r->t_start_ns) / 1000,
		    r->db_ns, r->resp_static ? r->resp_static_len : r->resp.len + r->resp_file_len);
	resp_file_drop(r);
	arena_free(&r->arena);
	free(r);
	*con_cls = NULL;
	metrics_set_in_flight(atomic_fetch_sub(&in_flight, 1) - 1);
}

/* Bytes of one request header line, summed by MHD_get_connection_values(). */
static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind, const char *key,
                                       const char *value)
{
	(void)kind;
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/* Answers at once, before the body and without a database: the Dutch error
 * page with the same headers as every other response. */
static enum MHD_Result answer_early(struct req *r, unsigned status)
{
	watch_busy(r->conn);
	r->db = NULL;
	r->no_store = true;
	g_app->error_page(r, status);
	return queue(r);
}

/*
 * The client's address as the trusted proxy forwarded it: the last entry
 * of X-Forwarded-For (the one the proxy itself added; earlier ones come
 * from the client and prove nothing), normalised. NULL when there is none
 * or it is not an address.
 */
static const char *forwarded_ip(struct req *r)
{
	const char *xff = header_value(r, "X-Forwarded-For");
	if (xff == NULL)
		return NULL;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	size_t n = strcspn(last, " \t");
	if (n == 0 || n >= INET6_ADDRSTRLEN)
		return NULL;
	char text[INET6_ADDRSTRLEN], out[INET6_ADDRSTRLEN];
	memcpy(text, last, n);
	text[n] = '\0';
	unsigned char bin[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, text, bin) == 1)
		inet_ntop(AF_INET, bin, out, sizeof(out));
	else if (inet_pton(AF_INET6, text, bin) == 1)
		inet_ntop(AF_INET6, bin, out, sizeof(out));
	else
		return NULL;
	return arena_strdup(&r->arena, out);
}

static const char *peer_ip(struct req *r);

/* The peer's address; when it is the trusted proxy, the client it forwarded. */
static const char *client_ip(struct req *r)
{
	const char *peer = peer_ip(r);
	if (g_cfg->trusted_proxy == NULL || strcmp(peer, g_cfg->trusted_proxy) != 0)
		return peer;
	const char *fwd = forwarded_ip(r);
	return fwd ? fwd : peer;
}

static const char *peer_ip(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";
	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
			          sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
			          sizeof(buf));
	}
	return arena_strdup(&r->arena, buf);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct req *r = *con_cls;
	if (r == NULL)
		return MHD_NO;
	if (!r->started) {
		/* headers only: answer later, or keep-alive is lost */
		r->started = true;
		r->conn = conn;
		r->method = arena_strdup(&r->arena, method);
		r->path = arena_strdup(&r->arena, url ? url : "/");
		r->remote_ip = client_ip(r);
		/* libmicrohttpd decodes %00 in the path to a NUL, which would cut
		 * the path short: such a request is refused as a whole */
		size_t raw_path = strcspn(r->raw_uri, "?");
		const char *nul = memmem(r->raw_uri, raw_path, "%00", 3);
		if (nul != NULL)
			r->bad_request = true;
		const char *cl = header_value(r, "Content-Length");
		unsigned long long announced = cl ? strtoull(cl, NULL, 10) : 0;
		/* a form with a file (knowledge), to a page that takes one, may
		 * carry one file more */
		r->body_limit = g_cfg->max_body;
		if (multipart_boundary(&r->arena, header_value(r, "Content-Type")) != NULL &&
		    g_app->takes_files != NULL && g_app->takes_files(r))
			r->body_limit += g_cfg->max_upload;
		if (announced > r->body_limit) {
			r->body_too_large = true;
			/* A browser sends its whole body before it reads the answer: read
			 * and drop a moderately large one, so it sees the Dutch page and
			 * not a reset connection. Anything huge is answered at once. */
			if (announced > 16 * (unsigned long long)r->body_limit)
				return answer_early(r, 413);
		}
		/* kring's own limits on the request head, below libmicrohttpd's */
		if (strlen(r->raw_uri) > REQ_MAX_URI)
			return answer_early(r, 414);
		size_t head = 0;
		MHD_get_connection_values(conn, MHD_HEADER_KIND, add_header_size, &head);
		if (head > REQ_MAX_HEADER_SIZE)
			return answer_early(r, 431);
		watch_body(conn);
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (!r->body_too_large) {
			if (r->body.len + *upload_data_size > r->body_limit)
				r->body_too_large = true;
			else
				buf_append(&r->body, upload_data, *upload_data_size);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->defer == DEFER_QUEUED) /* spurious call while suspended */
		return MHD_YES;
	watch_busy(conn);
	r->db = thread_db();
	if (r->db == NULL)
		return answer_early(r, 503);
	process(r, header_value(r, "Cookie"), header_value(r, "Content-Type"));
	if (r->defer == DEFER_QUEUED) {
		MHD_suspend_connection(conn);
		enqueue_deferred(r->defer_slot);
		return MHD_YES;
	}
	return queue(r);
}

/* ---- start and stop ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	if (colon == NULL || colon[1] == '\0')
		return -1;
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof(host))
		return -1;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *h = host;
	if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
		h[hl - 1] = '\0';
		h++;
	}
	struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
	                         .ai_socktype = SOCK_STREAM};
	struct addrinfo *res = NULL;
	if (getaddrinfo(h[0] ? h : "0.0.0.0", colon + 1, &hints, &res) != 0 || res == NULL)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int server_run(const struct server_config *cfg, const struct server_app *app)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	g_cfg = cfg;
	g_app = app;
	if (parse_listen(cfg->listen, &ss, &sslen) != 0) {
		fprintf(stderr, "kring: cannot use listen address '%s' (expected ADDR:PORT)\n",
		        cfg->listen);
		return 1;
	}
	/* each connection holds a descriptor; leave room for the database files */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rlim_t want = (rlim_t)cfg->conn_limit + 64;
		if (rl.rlim_cur < want) {
			rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
		if (rl.rlim_cur < (rlim_t)cfg->conn_limit + 64)
			fprintf(stderr,
			        "kring: warning: file limit %llu is below the connection limit\n",
			        (unsigned long long)rl.rlim_cur);
	}
	/* SIGTERM and SIGINT are taken by sigwait() below; threads inherit the mask */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	/* password hashing gets every core but one, so that a storm of logins
	 * always leaves a core to the pages (P6); logins wait in the queue */
	if (jobs_start(cores > 1 ? (unsigned)cores - 1 : 1) != 0) {
		fprintf(stderr, "kring: cannot start worker threads\n");
		return 1;
	}
	if (watch_start(cfg->conn_limit, cfg->head_timeout_s, cfg->body_timeout_s) != 0) {
		fprintf(stderr, "kring: cannot start the connection watch\n");
		jobs_finish();
		return 1;
	}
	unsigned threads = cfg->threads ? cfg->threads : (unsigned)cores;
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
	        MHD_USE_ITC | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, &on_access, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned int)cfg->timeout_s, MHD_OPTION_CONNECTION_LIMIT, cfg->conn_limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit, MHD_OPTION_LISTEN_BACKLOG_SIZE,
	    (unsigned int)1024,
	    /* room for kring's limits on the request head (REQ_MAX_URI and
	     * REQ_MAX_HEADER_SIZE, 32 KiB together) with a margin, so that kring
	     * answers 414 and 431 itself, with its headers. libmicrohttpd clears
	     * the whole pool after every request, and 256 connections hold 256
	     * pools: 48 KiB keeps both cheap (512 KiB cost 80% of a page's
	     * instructions and 130 MB; 64 KiB held 34.6 MB under 256 connections
	     * on the home page, 48 KiB 30.4 MB: issue 8, P3). A head of thousands
	     * of tiny cookies that overflows the pool gets libmicrohttpd's own
	     * 431; the documented nginx in front refuses such heads first
	     * (README, "Onder druk"). */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(48 * 1024), MHD_OPTION_URI_LOG_CALLBACK,
	    &on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, &watch_notify, NULL, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "kring: cannot listen on %s (in use, or not allowed)\n",
		        cfg->listen);
		watch_finish();
		jobs_finish();
		return 1;
	}
	fprintf(stderr, "kring: listening on http://%s/ (database %s)\n", cfg->listen,
	        cfg->db_path);
	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "kring: stopping (%s); finishing requests in flight\n",
	        sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 100 && atomic_load(&in_flight) > 0; i++) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	watch_finish();
	jobs_finish();
	close_all_dbs();
	fprintf(stderr, "kring: stopped\n");
	return 0;
}

void server_handle_test(struct req *r, const struct server_config *cfg,
                        const struct server_app *app, struct db *db, const char *method,
                        const char *uri, const char *body, const char *cookie_header)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
	buf_init(&r->body, &r->arena);
	buf_init(&r->resp, &r->arena);
	g_cfg = cfg;
	g_app = app;
	r->cfg = cfg;
	r->db = db;
	r->started = true;
	r->raw_uri = arena_strdup(&r->arena, uri);
	char *q = strchr(r->raw_uri, '?');
	r->path = q ? arena_strndup(&r->arena, r->raw_uri, (size_t)(q - r->raw_uri)) : r->raw_uri;
	r->method = method;
	r->remote_ip = "127.0.0.1";
	if (body != NULL) {
		if (strlen(body) > cfg->max_body)
			r->body_too_large = true;
		else
			buf_append(&r->body, body, strlen(body));
	}
	process(r, cookie_header, body ? "application/x-www-form-urlencoded" : NULL);
	resp_file_slurp(r);
}
