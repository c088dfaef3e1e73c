/*
 * public_ui.h - what the pages for residents share (pages/public*.c): the
 * library's own header instead of kring's staff menu, the date line of an
 * activity, and the checkbox "op de openbare pagina" of the activity form.
 */
#ifndef KRING_PUBLIC_UI_H
#define KRING_PUBLIC_UI_H

#include <stdbool.h>

#include "../core/public.h"
#include "../web/layout.h"

/*
 * Starts a page for residents: doctype, head, the library's name as the
 * header (linking to its public page) and opens <main>. title is text.
 */
void public_begin(struct req *r, struct html *h, const struct public_org *org, const char *title);
/* Closes <main>, writes the library's footer and sets the response (status). */
void public_end(struct req *r, struct html *h, const struct public_org *org, unsigned status);

/* "dinsdag 8 december 2026, 10:00 - 12:00" of an activity (in a). */
const char *public_when(struct arena *a, const struct cal_activity *v);

/* Finds the organisation of /p/:org/ with its page on; 1, or 0 after
 * answering 404 (off, or no such organisation), or -1 on error. */
int public_load(struct req *r, struct public_org *org);

/* The activity form's block: the checkbox "op de openbare pagina". */
void public_activity_field(struct html *h, bool checked);

/* After an activity was saved: stores the checkbox (form field "openbaar"). */
enum save_result public_activity_field_save(struct req *r, long long activity_id);

#endif
