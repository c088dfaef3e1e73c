/*
 * csv.h - CSV that opens correctly in Dutch Excel: UTF-8 with a byte-order
 * mark (else Excel guesses Windows-1252), ';' between cells (the Dutch list
 * separator; ',' is the decimal comma), CRLF between rows, cells quoted when
 * they hold ';', '"', CR or LF, with quotes doubled. A cell that starts
 * with '=', '+', '-', '@', TAB or CR gets a leading apostrophe, so a
 * spreadsheet never runs it as a formula (formula injection).
 */
#ifndef KRING_CSV_H
#define KRING_CSV_H

#include <stdbool.h>

#include "../util/buf.h"

struct csv {
	struct buf *out; /* where the CSV goes */
	bool row_open;   /* a cell was written on the current row */
};

/* Starts a CSV document in out (writes the byte-order mark). */
void csv_begin(struct csv *c, struct buf *out);
/* Writes one cell of the current row (NULL writes an empty cell). */
void csv_cell(struct csv *c, const char *s);
/* Writes an integer cell. */
void csv_cell_int(struct csv *c, long long v);
/* Ends the current row (CRLF). */
void csv_row_end(struct csv *c);

#endif
