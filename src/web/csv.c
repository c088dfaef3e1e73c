/*
 * csv.c - CSV for Dutch Excel (see csv.h).
 */
#include "csv.h"

#include <string.h>

void csv_begin(struct csv *c, struct buf *out)
{
	c->out = out;
	c->row_open = false;
	buf_puts(out, "\xEF\xBB\xBF");
}

void csv_cell(struct csv *c, const char *s)
{
	if (c->row_open)
		buf_putc(c->out, ';');
	c->row_open = true;
	if (s == NULL || s[0] == '\0')
		return;
	bool formula = strchr("=+-@\t\r", s[0]) != NULL;
	bool quote = strpbrk(s, ";\"\r\n") != NULL;
	if (quote)
		buf_putc(c->out, '"');
	if (formula)
		buf_putc(c->out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(c->out, '"');
		buf_putc(c->out, *p);
	}
	if (quote)
		buf_putc(c->out, '"');
}

void csv_cell_int(struct csv *c, long long v)
{
	/* a number is data, not a formula: no apostrophe before a minus sign */
	if (c->row_open)
		buf_putc(c->out, ';');
	c->row_open = true;
	buf_printf(c->out, "%lld", v);
}

void csv_row_end(struct csv *c)
{
	buf_puts(c->out, "\r\n");
	c->row_open = false;
}
