/*
 * community_csv.c - the communities list as CSV for Dutch Excel: the
 * columns and their Dutch names, written from the rows the core gives
 * (community_export_rows) with web/csv.h, or as an XLSX worksheet
 * (web/xlsx.h): the columns are written once, to a sheet.
 */
#include <string.h>
#include <time.h>

#include "../i18n/text.h"
#include "../web/csv.h"
#include "../web/xlsx.h"
#include "community_ui.h"

/* "a\nb" of the texts of items of kind, in order. */
static const char *join_items(struct arena *a, const struct community_item *items, size_t n,
                              const char *kind, bool with_status)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].kind, kind) != 0)
			continue;
		if (b.len > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, items[i].text);
		if (with_status && items[i].status[0])
			buf_printf(&b, " (%s)", ui_action_status_label(items[i].status));
	}
	return buf_str(&b);
}

/* "Name, Name" of people in role ("" = all). */
static const char *join_people(struct arena *a, const struct community_person *p, size_t n,
                               const char *role)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++) {
		if (role[0] && strcmp(p[i].role, role) != 0)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, p[i].name);
	}
	return buf_str(&b);
}

void community_csv_write(struct buf *out, struct arena *a, const struct community_export *rows,
                         size_t n_rows)
{
	struct csv c;
	csv_begin(&c, out);
	struct sheet s = {.csv = &c};
	community_sheet_write(&s, a, rows, n_rows);
}

void community_sheet_write(struct sheet *s, struct arena *a, const struct community_export *rows,
                           size_t n_rows)
{
	static const int header[] = {
	    TXT_CSV_NAME,        TXT_CSV_STATUS,    TXT_CSV_STATUS_SINCE, TXT_CSV_DESCRIPTION,
	    TXT_CSV_WHY,         TXT_CSV_GEOGRAPHY, TXT_CSV_IDENTITY,     TXT_CSV_AFFINITY,
	    TXT_CSV_ARCHETYPE,   TXT_CSV_BOND,      TXT_CSV_CONTACT,      TXT_CSV_CONTACT_HOW,
	    TXT_CSV_STARTED,     TXT_CSV_BOUWER,    TXT_CSV_VERBINDER,    TXT_CSV_AANJAGER,
	    TXT_CSV_AMBASSADORS, TXT_CSV_STRENGTHS, TXT_CSV_NEEDS,        TXT_CSV_VAN,
	    TXT_CSV_DOOR,        TXT_CSV_VOOR,      TXT_CSV_SIGNALS,      TXT_CSV_UPDATED,
	};
	const size_t n_cols = sizeof(header) / sizeof(header[0]);
	const char *names[sizeof(header) / sizeof(header[0])];
	for (size_t i = 0; i < n_cols; i++)
		names[i] = TX(header[i]);
	sheet_header(s, names, n_cols);
	for (size_t r = 0; r < n_rows; r++) {
		const struct community *cm = &rows[r].c;
		const struct community_item *items = rows[r].items;
		const struct community_person *staff = rows[r].staff, *amb = rows[r].ambassadors;
		size_t n_items = rows[r].n_items, n_staff = rows[r].n_staff,
		       n_amb = rows[r].n_ambassadors;
		const struct community_signals *sig = &rows[r].signals;
		struct buf sigs;
		buf_init(&sigs, a);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			if (sig->missing[k])
				buf_printf(&sigs, "%s%s", sigs.len ? "; " : "",
				           TX(TXT_SIGNAL_SHORT_BOUWER + k));
		if (sig->too_many)
			buf_printf(&sigs, "%s%s", sigs.len ? "; " : "", T(SIGNAL_SHORT_TOO_MANY));
		if (sig->more_needs)
			buf_printf(&sigs, "%s%s", sigs.len ? "; " : "", T(SIGNAL_SHORT_NEEDS));
		struct tm tm;
		time_t since = (time_t)cm->status_since, upd = (time_t)cm->updated_at;
		char since_s[16], upd_s[16];
		localtime_r(&since, &tm);
		strftime(since_s, sizeof(since_s), "%Y-%m-%d", &tm);
		localtime_r(&upd, &tm);
		strftime(upd_s, sizeof(upd_s), "%Y-%m-%d", &tm);

		sheet_text(s, cm->name);
		sheet_text(s, ui_status_label(cm->status));
		sheet_date(s, since_s);
		sheet_text(s, cm->description);
		sheet_text(s, cm->why);
		sheet_text(s, cm->geography);
		sheet_text(s, cm->identity);
		sheet_text(s, cm->affinity);
		sheet_text(s, ui_archetype_label(cm->archetype));
		sheet_text(s, ui_bond_label(cm->bond));
		sheet_text(s, cm->contact_name);
		sheet_text(s, cm->contact_how);
		sheet_date(s, cm->started_on);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			sheet_text(s, join_people(a, staff, n_staff, community_staff_roles[k]));
		sheet_text(s, join_people(a, amb, n_amb, ""));
		sheet_text(s, join_items(a, items, n_items, "sterkte", false));
		sheet_text(s, join_items(a, items, n_items, "behoefte", false));
		sheet_text(s, join_items(a, items, n_items, "van", true));
		sheet_text(s, join_items(a, items, n_items, "door", true));
		sheet_text(s, join_items(a, items, n_items, "voor", true));
		sheet_text(s, buf_str(&sigs));
		sheet_date(s, upd_s);
		sheet_row_end(s);
	}
}
