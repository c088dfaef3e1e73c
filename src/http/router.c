/*
 * router.c - the route table and the access gate (see router.h).
 */
#include "router.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../auth/session.h"
#include "../core/community.h"
#include "../core/org.h"
#include "../db/db.h"
#include "../i18n/text.h"
#include "../pages/pages.h"
#include "../web/layout.h"
#include "../util/clock.h"
#include "metrics.h"
#include "page_cache.h"

const struct route routes[] = {
#define ROUTE(method, pattern, handler, access, roles)                                             \
	{method, pattern, handler, access, roles, #handler},
#include "routes.def"
#undef ROUTE
};
const size_t n_routes = sizeof(routes) / sizeof(routes[0]);

const char *access_name(enum access a)
{
	switch (a) {
	case ACCESS_PUBLIC:
		return "public";
	case ACCESS_LOGIN:
		return "login";
	case ACCESS_ORG:
		return "org";
	case ACCESS_COMMUNITY:
		return "community";
	case ACCESS_OPERATOR:
		return "operator";
	}
	return "?";
}

int router_metrics_init(const char *allow, bool log_requests)
{
	static struct metrics_route *list;
	list = calloc(n_routes, sizeof(*list));
	if (list == NULL)
		return -1;
	for (size_t i = 0; i < n_routes; i++)
		list[i] = (struct metrics_route){routes[i].method, routes[i].pattern};
	if (metrics_init(list, n_routes, allow, log_requests) != 0)
		return -1;
	db_timing(metrics_want_db_time());
	return 0;
}

long router_route_index(const struct req *r)
{
	return r->route != NULL ? (long)(r->route - routes) : -1;
}

/* A slug: 1-64 of [a-z0-9-]. */
static bool valid_slug(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* A positive decimal id without leading zeros, below 2^53. */
static bool parse_id(const char *s, size_t n, long long *out)
{
	if (n == 0 || n > 15 || s[0] == '0')
		return false;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* A link token: 43 base64url characters (32 random bytes). */
static bool valid_token(const char *s, size_t n)
{
	if (n != 43)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Matches path against pattern, filling r->param_* on success. */
static bool match(struct req *r, const char *pattern, const char *path)
{
	const char *p = pattern, *u = path;
	const char *org = NULL, *token = NULL;
	size_t org_len = 0;
	long long id = 0, id2 = 0;
	while (*p && *u) {
		if (*p == ':') {
			const char *pe = strchr(p, '/');
			size_t pl = pe ? (size_t)(pe - p) : strlen(p);
			const char *ue = strchr(u, '/');
			size_t ul = ue ? (size_t)(ue - u) : strlen(u);
			if (pl == 4 && strncmp(p, ":org", 4) == 0) {
				if (!valid_slug(u, ul))
					return false;
				org = u;
				org_len = ul;
			} else if (pl == 3 && strncmp(p, ":id", 3) == 0) {
				if (!parse_id(u, ul, &id))
					return false;
			} else if (pl == 6 && strncmp(p, ":token", 6) == 0) {
				if (!valid_token(u, ul))
					return false;
				token = u;
			} else if (pl == 4 && strncmp(p, ":id2", 4) == 0) {
				if (!parse_id(u, ul, &id2))
					return false;
			} else {
				return false;
			}
			p += pl;
			u += ul;
			continue;
		}
		if (*p != *u)
			return false;
		p++;
		u++;
	}
	if (*p || *u)
		return false;
	r->param_org = org ? arena_strndup(&r->arena, org, org_len) : NULL;
	r->param_id = id;
	r->param_id2 = id2;
	r->param_token = token ? arena_strndup(&r->arena, token, 43) : NULL;
	return true;
}

bool router_takes_files(struct req *r)
{
	/* knowledge (issue 11): the pages whose form carries a file */
	int (*const takes[])(struct req *) = {page_knowledge_create, page_knowledge_save};
	if (r->method == NULL || r->path == NULL || strcmp(r->method, "POST") != 0)
		return false;
	for (size_t i = 0; i < n_routes; i++)
		for (size_t k = 0; k < sizeof(takes) / sizeof(takes[0]); k++)
			if (routes[i].handler == takes[k] &&
			    strcmp(routes[i].method, "POST") == 0 &&
			    match(r, routes[i].pattern, r->path))
				return true;
	return false;
}

static void refuse(struct req *r, unsigned status);

static void refuse_logged_out(struct req *r)
{
	if (strcmp(r->method, "GET") == 0) {
		const char *next = url_encode(&r->arena, r->path);
		resp_redirect(r, arena_printf(&r->arena, "/login?next=%s", next));
	} else {
		refuse(r, 403);
	}
}

static int dispatch(struct req *r);

/* "GET, HEAD, POST" or a part of it: the methods routes offer for r->path. */
static const char *allowed_methods(struct req *r)
{
	bool get = false, post = false;
	for (size_t i = 0; i < n_routes; i++) {
		if (!match(r, routes[i].pattern, r->path))
			continue;
		get |= strcmp(routes[i].method, "GET") == 0;
		post |= strcmp(routes[i].method, "POST") == 0;
	}
	return get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
}

/*
 * Runs the handler, then what it asked of the session: a new one after a
 * good login (r->login_person_id), none after logging out (r->logout); and
 * the anonymous cookie when the page handed out a token bound to it.
 */
static int run_handler(struct req *r)
{
	int rc = r->route->handler(r);
	if (rc != HANDLER_OK)
		return rc;
	if (r->login_person_id != 0) {
		long long person = r->login_person_id;
		r->login_person_id = 0;
		if (auth_session_create(r, person) != 0)
			return HANDLER_ERROR;
	}
	if (r->logout) {
		r->logout = false;
		if (auth_session_destroy(r) != 0)
			return HANDLER_ERROR;
	}
	auth_csrf_finish(r);
	return HANDLER_OK;
}

/* Loads the session and sets r->csrf: before any page is rendered. -1 on a database error. */
static int load_visitor(struct req *r)
{
	if (auth_load_session(r) != 0)
		return -1;
	/* a person's own choice of language goes before the browser's */
	int chosen = r->person_id != 0 ? text_lang_parse(r->person_lang) : -1;
	if (chosen >= 0) {
		r->lang = chosen;
		r->lang_from_header = false;
		text_set_lang((enum text_lang)chosen);
	}
	auth_csrf_prepare(r);
	return 0;
}

/* An error page, with the anonymous cookie its logout form may need. */
static void refuse(struct req *r, unsigned status)
{
	resp_error(r, status);
	auth_csrf_finish(r);
}

/*
 * After the page (issue 14): an HTML page says its language, and one the
 * browser's header chose varies with it; then the thread is Dutch again.
 * Returns rc.
 */
static int lang_finish(struct req *r, int rc)
{
	if (rc == HANDLER_OK && r->content_type != NULL &&
	    strncmp(r->content_type, "text/html", 9) == 0) {
		resp_header(r, "Content-Language", text_lang_code((enum text_lang)r->lang));
		if (r->lang_from_header)
			resp_header(r, "Vary", "Accept-Language");
	}
	text_set_lang(LANG_NL);
	return rc;
}

int router_dispatch(struct req *r)
{
	/* the request's language, on the thread that renders it: the second run
	 * of a deferred page (after a password was hashed) keeps the first's */
	if (r->defer != DEFER_DONE) {
		r->lang = (int)text_lang_from_accept(req_header(r, "Accept-Language"));
		r->lang_from_header = true;
	}
	text_set_lang((enum text_lang)r->lang);
	if (r->defer == DEFER_DONE && r->route != NULL)
		return lang_finish(r, run_handler(r));
	/* A page that only reads does all its reading in one read transaction:
	 * one snapshot, and far less locking work than a transaction per query. */
	bool reading = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	if (reading && db_begin_read(r->db) != DB_OK)
		return lang_finish(r, HANDLER_ERROR);
	int rc = dispatch(r);
	if (reading)
		db_end_read(r->db);
	if (r->session_seen_stale || r->session_dead)
		auth_session_touch(r);
	return lang_finish(r, rc);
}

/*
 * The key under which r's page may be kept (page_cache.h), or NULL when it
 * may not: only a page read (GET or HEAD) by a logged-in person behind the
 * gate of an organisation or a login, not the account's own pages (the
 * two-step set-up shows a new secret each time). Everything the page is
 * made of is in it: the data (db_generation()), the hour (the real one and
 * kring's clock, which tests move), the language, the session (the person,
 * their roles, the forms' token), the Host (absolute links) and the URL.
 */
static const char *cache_key(struct req *r)
{
	if (!page_cache_on() || r->person_id == 0 || r->session_hash == NULL ||
	    (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) ||
	    (r->route->access != ACCESS_ORG && r->route->access != ACCESS_COMMUNITY &&
	     r->route->access != ACCESS_LOGIN) ||
	    strncmp(r->path, "/account", 8) == 0)
		return NULL;
	const char *gen = db_generation(r->db, &r->arena);
	if (gen == NULL)
		return NULL;
	const char *host = req_header(r, "Host");
	host = host ? host : "";
	return arena_printf(&r->arena, "%s %lld.%lld %d %s %zu:%s %s", gen,
	                    (long long)time(NULL) / 3600, (long long)clock_now() / 3600, r->lang,
	                    r->session_hash, strlen(host), host, r->raw_uri);
}

/* Runs the handler, or answers with the page kept for the same key. */
static int run_or_reuse(struct req *r)
{
	const char *key = cache_key(r);
	if (key != NULL && page_cache_get(r, key))
		return HANDLER_OK;
	int rc = run_handler(r);
	if (key != NULL && rc == HANDLER_OK && r->db_fault == 0)
		page_cache_put(r, key);
	return rc;
}

static int dispatch(struct req *r)
{
	const struct route *found = NULL;
	bool path_known = false;
	for (size_t i = 0; i < n_routes; i++) {
		if (!match(r, routes[i].pattern, r->path))
			continue;
		path_known = true;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			found = &routes[i];
			break;
		}
	}
	/* static assets: public and session-free */
	if (found == NULL && strncmp(r->path, "/assets/", 8) == 0 &&
	    (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0))
		return page_asset(r, r->path + 8);
	if (found == NULL) {
		/* "/o/slug" without the final slash */
		size_t n = strlen(r->path);
		if (!path_known && strcmp(r->method, "GET") == 0 && n > 0 &&
		    r->path[n - 1] != '/') {
			const char *with = arena_printf(&r->arena, "%s/", r->path);
			for (size_t i = 0; i < n_routes; i++)
				if (strcmp(routes[i].method, "GET") == 0 &&
				    match(r, routes[i].pattern, with)) {
					resp_redirect(r, with);
					return HANDLER_OK;
				}
		}
		if (load_visitor(r) != 0)
			return HANDLER_ERROR;
		refuse(r, path_known ? 405 : 404);
		if (path_known)
			resp_header(r, "Allow", allowed_methods(r));
		return HANDLER_OK;
	}
	r->route = found;
	/* a community's page: the session's read answers whether it may be seen */
	r->session_community_ask = found->access == ACCESS_COMMUNITY ? r->param_id : 0;
	if (load_visitor(r) != 0)
		return HANDLER_ERROR;

	/* every POST carries a valid CSRF token, checked before anything else */
	if (strcmp(r->method, "POST") == 0 && !auth_csrf_valid(r, req_form(r, AUTH_CSRF_FIELD))) {
		refuse(r, 403);
		return HANDLER_OK;
	}

	/* accounts (issue 14): staff of an organisation that requires two-step
	 * login set it up before anything else */
	if (r->totp_setup_needed && found->access != ACCESS_PUBLIC &&
	    strncmp(r->path, "/account/", 9) != 0 && strcmp(r->path, "/logout") != 0) {
		resp_redirect(r, "/account/totp?nodig=1");
		auth_csrf_finish(r);
		return HANDLER_OK;
	}

	switch (found->access) {
	case ACCESS_PUBLIC:
		break;
	case ACCESS_OPERATOR:
		if (!metrics_allowed(r->remote_ip)) { /* as if there were nothing here */
			refuse(r, 404);
			return HANDLER_OK;
		}
		break;
	case ACCESS_LOGIN:
		if (r->person_id == 0) {
			refuse_logged_out(r);
			return HANDLER_OK;
		}
		break;
	case ACCESS_ORG:
	case ACCESS_COMMUNITY: {
		if (r->person_id == 0) {
			refuse_logged_out(r);
			return HANDLER_OK;
		}
		struct org_access oa;
		int rc;
		if (r->session_org_read) { /* read with the session: the same question */
			rc = r->session_org_id != 0;
			oa = (struct org_access){.org_id = r->session_org_id,
			                         .slug = r->param_org,
			                         .name = r->session_org_name,
			                         .role = role_from_name(r->session_org_role)};
		} else {
			rc = org_access_lookup(r->db, &r->arena, r->param_org, r->person_id, &oa);
		}
		if (rc < 0)
			return HANDLER_ERROR;
		if (rc == 0) { /* no such organisation, or no role in it: the same 404 */
			refuse(r, 404);
			return HANDLER_OK;
		}
		r->org_id = oa.org_id;
		r->org_slug = oa.slug;
		r->org_name = oa.name;
		r->role = oa.role;
		/* an ambassadeur sees only the communities they are attached to */
		r->only_attached = oa.role == ROLE_AMBASSADEUR ? r->person_id : 0;
		if (found->access == ACCESS_COMMUNITY) {
			int vis = r->session_org_read
			              ? r->session_community_visible
			              : community_visible(r->db, r->org_id, r->param_id,
			                                  r->only_attached);
			if (vis < 0)
				return HANDLER_ERROR;
			if (vis == 0) { /* another org's, or not theirs: as if it did not exist */
				refuse(r, 404);
				return HANDLER_OK;
			}
		}
		if ((found->roles & oa.role) == 0) {
			refuse(r, 403);
			return HANDLER_OK;
		}
		break;
	}
	}
	return run_or_reuse(r);
}
