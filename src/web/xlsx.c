/*
 * xlsx.c - workbooks with libxlsxwriter and the CSV/XLSX sheet (see xlsx.h).
 */
#include "xlsx.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../http/server.h"
#include "../util/date.h"

#define MIN_WIDTH 8
#define MAX_WIDTH 60
#define MAX_CELL  32767 /* Excel's limit on the characters of a cell */

/* Removes the workbook file and the private directory (libxlsxwriter's own temporary files are gone by now). */
static void cleanup(struct xlsx *x)
{
	if (x->path[0])
		unlink(x->path);
	if (x->dir[0])
		rmdir(x->dir);
	x->path[0] = x->dir[0] = '\0';
}

int xlsx_begin(struct xlsx *x)
{
	memset(x, 0, sizeof(*x));
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !tmp[0] || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(x->dir, sizeof(x->dir), "%s/kring-xlsx-XXXXXX", tmp);
	if (!mkdtemp(x->dir)) { /* mode 0700 */
		x->dir[0] = '\0';
		return -1;
	}
	snprintf(x->path, sizeof(x->path), "%s/book.xlsx", x->dir);
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = x->dir};
	lxw_workbook *wb = workbook_new_opt(x->path, &opt);
	if (!wb) {
		cleanup(x);
		return -1;
	}
	x->wb = wb;
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xE8EEF4);
	format_set_bottom(head, LXW_BORDER_THIN);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "d-m-yyyy");
	format_set_align(date, LXW_ALIGN_LEFT);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	x->f_head = head;
	x->f_date = date;
	x->f_wrap = wrap;
	return 0;
}

/* Sets the widths of the current sheet's columns from what was written, and the filter. */
static void apply_widths(struct xlsx *x)
{
	if (!x->ws)
		return;
	if (x->n_head > 0 && x->row > 1)
		worksheet_autofilter(x->ws, 0, 0, x->row - 1, (lxw_col_t)(x->n_head - 1));
	for (unsigned c = 0; c < XLSX_MAX_COLS; c++) {
		if (x->width[c] == 0)
			continue;
		unsigned w = x->width[c] + 2;
		w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
}

void xlsx_sheet(struct xlsx *x, const char *name)
{
	apply_widths(x);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws)
		x->failed = true;
	x->row = x->col = 0;
	x->n_head = 0;
	memset(x->width, 0, sizeof(x->width));
}

int xlsx_end(struct xlsx *x, struct buf *out)
{
	int ok = !x->failed;
	apply_widths(x);
	if (workbook_close(x->wb) != LXW_NO_ERROR)
		ok = 0;
	x->wb = NULL;
	if (ok) {
		int fd = open(x->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			ok = 0;
		} else {
			char chunk[16384];
			ssize_t got;
			while ((got = read(fd, chunk, sizeof(chunk))) > 0)
				buf_append(out, chunk, (size_t)got);
			if (got < 0)
				ok = 0;
			close(fd);
		}
	}
	cleanup(x);
	return ok ? 0 : -1;
}

void xlsx_abort(struct xlsx *x)
{
	if (x->wb) {
		workbook_close(x->wb); /* frees it; the file is removed below */
		x->wb = NULL;
	}
	cleanup(x);
}

/* Notes the width of a cell of the current column and moves to the next. */
static void advance(struct xlsx *x, unsigned w)
{
	if (x->col < XLSX_MAX_COLS && w > x->width[x->col])
		x->width[x->col] = w;
	x->col++;
}

/* Writes text at the current cell (cut to Excel's limit on a character boundary). */
static void xlsx_text(struct xlsx *x, const char *v, void *fmt)
{
	if (!v)
		v = "";
	if (x->ws && v[0]) {
		size_t n = strlen(v);
		char *cut = NULL;
		if (n > MAX_CELL) {
			n = MAX_CELL;
			while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
				n--;
			cut = strndup(v, n);
			if (!cut) {
				x->failed = true;
				return;
			}
		}
		if (worksheet_write_string(x->ws, x->row, (lxw_col_t)x->col, cut ? cut : v, fmt) !=
		    LXW_NO_ERROR)
			x->failed = true;
		free(cut);
	}
	/* the longest line of a multi-line cell */
	unsigned w = 0, line = 0;
	for (const char *p = v; *p && w <= MAX_WIDTH; p++) {
		if (*p == '\n') {
			line = 0;
			continue;
		}
		if (((unsigned char)*p & 0xC0) != 0x80 && ++line > w)
			w = line;
	}
	advance(x, w);
}

void sheet_header(struct sheet *s, const char *const *names, size_t n)
{
	if (s->csv) {
		for (size_t i = 0; i < n; i++)
			csv_cell(s->csv, names[i]);
		csv_row_end(s->csv);
		return;
	}
	struct xlsx *x = s->xlsx;
	for (size_t i = 0; i < n; i++)
		xlsx_text(x, names[i], x->f_head);
	if (x->ws)
		worksheet_freeze_panes(x->ws, 1, 0);
	x->n_head = (unsigned)n;
	x->row++;
	x->col = 0;
}

void sheet_text(struct sheet *s, const char *v)
{
	if (s->csv)
		csv_cell(s->csv, v);
	else
		xlsx_text(s->xlsx, v, s->xlsx->f_wrap);
}

void sheet_int(struct sheet *s, long long v)
{
	if (s->csv) {
		csv_cell_int(s->csv, v);
		return;
	}
	struct xlsx *x = s->xlsx;
	if (x->ws && worksheet_write_number(x->ws, x->row, (lxw_col_t)x->col, (double)v, NULL) !=
	                 LXW_NO_ERROR)
		x->failed = true;
	char digits[24];
	advance(x, (unsigned)snprintf(digits, sizeof(digits), "%lld", v));
}

void sheet_date(struct sheet *s, const char *ymd)
{
	if (s->csv || !date_valid(ymd)) {
		sheet_text(s, ymd);
		return;
	}
	struct xlsx *x = s->xlsx;
	lxw_datetime dt = {.year = atoi(ymd), .month = atoi(ymd + 5), .day = atoi(ymd + 8)};
	if (x->ws && worksheet_write_datetime(x->ws, x->row, (lxw_col_t)x->col, &dt, x->f_date) !=
	                 LXW_NO_ERROR)
		x->failed = true;
	advance(x, 10);
}

void sheet_row_end(struct sheet *s)
{
	if (s->csv) {
		csv_row_end(s->csv);
		return;
	}
	s->xlsx->row++;
	s->xlsx->col = 0;
}

int xlsx_send(struct req *r, struct xlsx *x, const char *base)
{
	struct buf out;
	buf_init(&out, &r->arena);
	if (xlsx_end(x, &out) != 0)
		return HANDLER_ERROR;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char day[16];
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->resp = out;
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"%s-%s-%s.xlsx\"", base,
	                         r->org_slug, day));
	return HANDLER_OK;
}
