/*
 * metrics.c - request counters, the Prometheus text and the request log
 * (see metrics.h).
 */
#include "metrics.h"
#include "page_cache.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The statuses kring answers; anything else counts as "other". */
static const unsigned statuses[] = {200, 303, 304, 400, 403, 404, 405, 409, 413, 429, 500, 503};
#define N_STATUS (sizeof(statuses) / sizeof(statuses[0]) + 1)

/* Upper bounds of the latency buckets, in microseconds (+Inf is implied). */
static const long long bounds_us[] = {1000,   2500,   5000,   10000,   25000,  50000,
                                      100000, 250000, 500000, 1000000, 2500000};
#define N_BUCKET (sizeof(bounds_us) / sizeof(bounds_us[0]))

struct route_counters {
	atomic_ullong by_status[N_STATUS];
	atomic_ullong bucket[N_BUCKET]; /* not cumulative: summed when rendered */
	atomic_ullong count;
	atomic_ullong sum_us;
	atomic_ullong db_ns;
	atomic_ullong bytes;
};

#define MAX_ALLOW 16

static const struct metrics_route *g_routes;
static size_t g_n;
static struct route_counters *g_c; /* g_n + 1: the last counts unmatched requests */
static char g_allow[MAX_ALLOW][64];
static size_t g_n_allow;
static bool g_log;
static atomic_long g_in_flight;

int metrics_init(const struct metrics_route *routes, size_t n, const char *allow, bool log_requests)
{
	g_c = calloc(n + 1, sizeof(*g_c));
	if (g_c == NULL)
		return -1;
	g_routes = routes;
	g_n = n;
	g_log = log_requests;
	g_n_allow = 0;
	for (const char *p = allow ? allow : ""; *p && g_n_allow < MAX_ALLOW;) {
		size_t len = strcspn(p, ", \t");
		if (len > 0 && len < sizeof(g_allow[0])) {
			memcpy(g_allow[g_n_allow], p, len);
			g_allow[g_n_allow++][len] = '\0';
		}
		p += len;
		p += strspn(p, ", \t");
	}
	return 0;
}

bool metrics_allowed(const char *ip)
{
	if (ip == NULL)
		return false;
	/* an IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d */
	const char *v4 = strncmp(ip, "::ffff:", 7) == 0 ? ip + 7 : ip;
	for (size_t i = 0; i < g_n_allow; i++)
		if (strcmp(g_allow[i], ip) == 0 || strcmp(g_allow[i], v4) == 0)
			return true;
	return false;
}

bool metrics_want_db_time(void)
{
	return g_n_allow > 0 || g_log;
}

void metrics_set_in_flight(long n)
{
	atomic_store(&g_in_flight, n);
}

/* The index of status in statuses, or the "other" slot. */
static size_t status_slot(unsigned status)
{
	for (size_t i = 0; i < N_STATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return N_STATUS - 1;
}

/* One request log line, written with one write() so lines never mix. */
static void log_line(long route, const char *method, unsigned status, long long us, long long db_ns,
                     size_t bytes)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *pattern = route >= 0 ? g_routes[route].pattern : "-";
	char line[512];
	int n = snprintf(
	    line, sizeof(line), "kring: request %s %s %s %u %lld.%03lldms db %lld.%03lldms %zuB\n",
	    when, route >= 0 ? g_routes[route].method : (method ? method : "-"), pattern, status,
	    us / 1000, us % 1000, db_ns / 1000000, (db_ns / 1000) % 1000, bytes);
	if (n > 0) {
		size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
		ssize_t w = write(STDERR_FILENO, line, len);
		(void)w; /* a log line that cannot be written is not worth failing a request */
	}
}

void metrics_observe(long route, const char *method, unsigned status, long long us, long long db_ns,
                     size_t bytes)
{
	if (g_c == NULL)
		return;
	if (us < 0)
		us = 0;
	struct route_counters *c = &g_c[route >= 0 && (size_t)route < g_n ? (size_t)route : g_n];
	atomic_fetch_add_explicit(&c->by_status[status_slot(status)], 1, memory_order_relaxed);
	size_t b = 0;
	while (b < N_BUCKET && us > bounds_us[b])
		b++;
	if (b < N_BUCKET)
		atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us, (unsigned long long)us, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->db_ns, (unsigned long long)(db_ns > 0 ? db_ns : 0),
	                          memory_order_relaxed);
	atomic_fetch_add_explicit(&c->bytes, bytes, memory_order_relaxed);
	if (g_log)
		log_line(route, method, status, us, db_ns, bytes);
}

/* The labels of route i: method and pattern (patterns hold no quote or backslash). */
static void labels(struct buf *b, size_t i)
{
	if (i < g_n)
		buf_printf(b, "method=\"%s\",route=\"%s\"", g_routes[i].method,
		           g_routes[i].pattern);
	else
		buf_puts(b, "method=\"\",route=\"(geen)\"");
}

void metrics_render(struct buf *b)
{
	if (g_c == NULL)
		return;
	buf_puts(b, "# HELP kring_requests_total Requests answered, by route and status.\n"
	            "# TYPE kring_requests_total counter\n");
	for (size_t i = 0; i <= g_n; i++)
		for (size_t s = 0; s < N_STATUS; s++) {
			unsigned long long v = atomic_load(&g_c[i].by_status[s]);
			if (v == 0)
				continue;
			buf_puts(b, "kring_requests_total{");
			labels(b, i);
			if (s < N_STATUS - 1)
				buf_printf(b, ",status=\"%u\"} %llu\n", statuses[s], v);
			else
				buf_printf(b, ",status=\"other\"} %llu\n", v);
		}
	buf_puts(b, "# HELP kring_request_duration_seconds Time to answer a request, by route.\n"
	            "# TYPE kring_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= g_n; i++) {
		unsigned long long count = atomic_load(&g_c[i].count);
		if (count == 0)
			continue;
		unsigned long long cum = 0;
		for (size_t k = 0; k < N_BUCKET; k++) {
			cum += atomic_load(&g_c[i].bucket[k]);
			buf_puts(b, "kring_request_duration_seconds_bucket{");
			labels(b, i);
			buf_printf(b, ",le=\"%lld.%06lld\"} %llu\n", bounds_us[k] / 1000000,
			           bounds_us[k] % 1000000, cum);
		}
		buf_puts(b, "kring_request_duration_seconds_bucket{");
		labels(b, i);
		buf_printf(b, ",le=\"+Inf\"} %llu\n", count);
		unsigned long long sum = atomic_load(&g_c[i].sum_us);
		buf_puts(b, "kring_request_duration_seconds_sum{");
		labels(b, i);
		buf_printf(b, "} %llu.%06llu\n", sum / 1000000, sum % 1000000);
		buf_puts(b, "kring_request_duration_seconds_count{");
		labels(b, i);
		buf_printf(b, "} %llu\n", count);
	}
	buf_puts(b, "# HELP kring_db_seconds_total Time spent in the database while answering, "
	            "by route.\n# TYPE kring_db_seconds_total counter\n");
	for (size_t i = 0; i <= g_n; i++) {
		if (atomic_load(&g_c[i].count) == 0)
			continue;
		unsigned long long ns = atomic_load(&g_c[i].db_ns);
		buf_puts(b, "kring_db_seconds_total{");
		labels(b, i);
		buf_printf(b, "} %llu.%09llu\n", ns / 1000000000ULL, ns % 1000000000ULL);
	}
	buf_puts(b, "# HELP kring_response_bytes_total Bytes of response bodies, by route.\n"
	            "# TYPE kring_response_bytes_total counter\n");
	for (size_t i = 0; i <= g_n; i++) {
		if (atomic_load(&g_c[i].count) == 0)
			continue;
		buf_puts(b, "kring_response_bytes_total{");
		labels(b, i);
		buf_printf(b, "} %llu\n", atomic_load(&g_c[i].bytes));
	}
	buf_printf(b,
	           "# HELP kring_requests_in_flight Requests being answered now.\n"
	           "# TYPE kring_requests_in_flight gauge\nkring_requests_in_flight %ld\n",
	           atomic_load(&g_in_flight));
	struct page_cache_stats pc;
	page_cache_stats(&pc);
	buf_printf(b,
	           "# HELP kring_page_cache_hits_total Pages answered from the page cache.\n"
	           "# TYPE kring_page_cache_hits_total counter\nkring_page_cache_hits_total %llu\n"
	           "# HELP kring_page_cache_misses_total Pages looked up and made anew.\n"
	           "# TYPE kring_page_cache_misses_total counter\n"
	           "kring_page_cache_misses_total %llu\n"
	           "# HELP kring_page_cache_evicted_total Pages dropped for room.\n"
	           "# TYPE kring_page_cache_evicted_total counter\n"
	           "kring_page_cache_evicted_total %llu\n"
	           "# HELP kring_page_cache_bytes Bytes the page cache holds.\n"
	           "# TYPE kring_page_cache_bytes gauge\nkring_page_cache_bytes %zu\n",
	           pc.hits, pc.misses, pc.evicted, pc.bytes);
}
