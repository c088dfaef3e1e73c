/*
 * metrics.h - what kring counts about the requests it answers, for
 * Prometheus (/metrics) and for the request log.
 *
 * Every request is counted by its route pattern ("/o/:org/communities/:id"),
 * never by its URL: no id, no query, no personal data reaches a label or a
 * log line. Counters are atomics, so counting costs no lock.
 */
#ifndef KRING_METRICS_H
#define KRING_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

struct metrics_route {
	const char *method;
	const char *pattern;
};

/*
 * Sets up the counters for n routes (their index is the route's number;
 * -1 counts requests that matched none). allow: the addresses that may read
 * /metrics, separated by commas or spaces (KRING_METRICS_ALLOW), or NULL for
 * none. log_requests: write one line per request to stderr. Call once,
 * before serving. 0, or -1 when out of memory.
 */
int metrics_init(const struct metrics_route *routes, size_t n, const char *allow,
                 bool log_requests);

/* True when ip is one of the addresses KRING_METRICS_ALLOW names. */
bool metrics_allowed(const char *ip);

/* True when a metrics reader or the request log wants database time. */
bool metrics_want_db_time(void);

/*
 * Counts one answered request: its route index (or -1), method, status,
 * duration in microseconds, database time in nanoseconds, and body bytes;
 * writes its log line when the request log is on.
 */
void metrics_observe(long route, const char *method, unsigned status, long long us, long long db_ns,
                     size_t bytes);

/* Appends the counters in the Prometheus text format (version 0.0.4). */
void metrics_render(struct buf *b);

/* Requests being answered now (the server keeps it). */
void metrics_set_in_flight(long n);

#endif
