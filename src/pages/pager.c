/*
 * pager.c - one pager for the list pages (see pager.h).
 */
#include "pager.h"

#include <stdlib.h>

#include "../http/decode.h"
#include "../i18n/text.h"

void pager_init(struct pager *p, struct req *r, long long per_page)
{
	p->page = 1;
	p->per_page = per_page > 0 ? per_page : 1;
	p->total = 0;
	buf_init(&p->filter, &r->arena);
	const char *v = req_query(r, "pagina");
	if (v) {
		char *end;
		long long n = strtoll(v, &end, 10);
		if (end != v && *end == '\0' && n >= 1 && n <= PAGER_MAX_PAGE)
			p->page = n;
	}
}

void pager_filter_text(struct pager *p, const char *key, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_printf(&p->filter, "%s%s=%s", p->filter.len ? "&" : "", key,
	           url_encode(p->filter.arena, value));
}

void pager_filter_int(struct pager *p, const char *key, long long value)
{
	if (value != 0)
		buf_printf(&p->filter, "%s%s=%lld", p->filter.len ? "&" : "", key, value);
}

const char *pager_filter(struct pager *p)
{
	return p->filter.len ? buf_str(&p->filter) : "";
}

long long pager_offset(const struct pager *p)
{
	return (p->page - 1) * p->per_page;
}

void pager_nav(struct html *h, struct pager *p)
{
	if (p->total <= p->per_page)
		return;
	long long pages = (p->total + p->per_page - 1) / p->per_page;
	const char *q = pager_filter(p);
	const char *sep = q[0] ? "&" : "";
	html(h, "<nav class=\"kring-pager\" aria-label=\"%s\"><p class=\"utrecht-paragraph\">",
	     T(PAGER_LABEL));
	if (p->page > 1)
		html(h, "<a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a> ", q, sep,
		     p->page - 1, T(PAGER_PREV));
	html(h, "%s", T_printf(p->filter.arena, PAGER_OF, p->page, pages));
	if (p->page < pages)
		html(h, " <a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a>", q, sep,
		     p->page + 1, T(PAGER_NEXT));
	html(h, "</p></nav>");
}
