/*
 * xlsx.h - spreadsheets (.xlsx) written with libxlsxwriter, and the
 * "sheet": one way to write a table that goes to CSV or to an XLSX
 * worksheet, so a list has its columns in one place for both exports.
 *
 * An XLSX workbook gets typed cells (numbers as numbers, calendar dates as
 * dates shown d-m-jjjj), a bold header row with the panes frozen under
 * it and a filter on it, and column widths that fit what was written
 * (capped). Strings are
 * always written as strings, never as formulas. libxlsxwriter writes to a
 * file: the workbook lives in a private directory (mkdtemp, mode 0700)
 * that xlsx_end() or xlsx_abort() removes with everything in it, so no
 * file is left behind on any path.
 */
#ifndef KRING_XLSX_H
#define KRING_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"
#include "csv.h"

#define XLSX_MAX_COLS 40

struct xlsx {
	void *wb;                       /* lxw_workbook */
	void *ws;                       /* the current lxw_worksheet */
	void *f_head, *f_date, *f_wrap; /* lxw_format: header, date, text */
	char dir[64];                   /* the private directory */
	char path[96];                  /* the workbook file in it */
	unsigned row, col;              /* next cell */
	unsigned width[XLSX_MAX_COLS];  /* widest cell per column, in characters */
	unsigned n_head;                /* columns of the header row (0: none yet) */
	bool failed;                    /* a write failed: xlsx_end() reports it */
};

/* Starts a workbook. 0, or -1 (nothing is left behind). */
int xlsx_begin(struct xlsx *x);
/* Adds a worksheet named name (at most 31 characters, kept as is) and makes it current. */
void xlsx_sheet(struct xlsx *x, const char *name);
/* Writes the bytes of the finished workbook to out and removes its files. 0 or -1. */
int xlsx_end(struct xlsx *x, struct buf *out);
/* Removes the workbook's files without finishing it. */
void xlsx_abort(struct xlsx *x);

struct req;
/*
 * Finishes x and sets it as r's response: an attachment named
 * "<base>-<org slug>-<YYYY-MM-DD>.xlsx". HANDLER_OK, or HANDLER_ERROR when
 * the workbook could not be written (its files are gone either way).
 */
int xlsx_send(struct req *r, struct xlsx *x, const char *base);

/* Where a table goes: exactly one of csv and xlsx is set. */
struct sheet {
	struct csv *csv;
	struct xlsx *xlsx;
};

/* The header row: n column names (text); in XLSX bold, with the panes frozen below it. */
void sheet_header(struct sheet *s, const char *const *names, size_t n);
/* A text cell (NULL: empty). */
void sheet_text(struct sheet *s, const char *v);
/* A whole number. */
void sheet_int(struct sheet *s, long long v);
/* A calendar date "YYYY-MM-DD": a date cell in XLSX; anything else is written as text. */
void sheet_date(struct sheet *s, const char *ymd);
/* Ends the row. */
void sheet_row_end(struct sheet *s);

#endif
