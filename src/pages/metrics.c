/*
 * metrics.c - /metrics for Prometheus (issue 14): the request counters of
 * http/metrics.h and what the database holds now (core/ops.h). Reachable
 * only from the addresses KRING_METRICS_ALLOW names (ACCESS_OPERATOR).
 */
#include <time.h>

#include "../core/ops.h"
#include "../http/metrics.h"
#include "../util/clock.h"
#include "pages.h"

int page_metrics(struct req *r)
{
	struct ops_gauges g;
	if (ops_gauges(r->db, (long long)clock_now(), &g) != 0)
		return HANDLER_ERROR;
	metrics_render(&r->resp);
	buf_printf(&r->resp,
	           "# HELP kring_organisations Organisations (libraries) served.\n"
	           "# TYPE kring_organisations gauge\nkring_organisations %lld\n"
	           "# HELP kring_sessions Login sessions kept.\n"
	           "# TYPE kring_sessions gauge\nkring_sessions %lld\n"
	           "# HELP kring_sessions_recent Sessions used in the last hour.\n"
	           "# TYPE kring_sessions_recent gauge\nkring_sessions_recent %lld\n"
	           "# HELP kring_signals Signals (Aandacht nodig) by kind, all organisations.\n"
	           "# TYPE kring_signals gauge\n",
	           g.orgs, g.sessions, g.sessions_recent);
	for (int k = 0; k < SIG_N; k++)
		buf_printf(&r->resp, "kring_signals{kind=\"%s\"} %lld\n", signal_kind_names[k],
		           g.signals[k]);
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return HANDLER_OK;
}
