/*
 * signal_ui.h - how a kept signal reads (core/signal.h): its sentence, the
 * lesson or step it comes from, the numbers why, and the link to where it is
 * mended. Used by Aandacht nodig, the start page and the community profile.
 */
#ifndef KRING_SIGNAL_UI_H
#define KRING_SIGNAL_UI_H

#include "../core/signal.h"
#include "../http/server.h"
#include "../web/html.h"

/* The short Dutch name of a kind ("Rol ontbreekt"). */
const char *sig_kind_label(int kind);
/* The plain sentence of signal s. Arena-owned. */
const char *sig_sentence(struct req *r, const struct signal *s);
/* The lesson or step behind a kind. */
const char *sig_lesson(int kind);
/* Where signal s is mended (a local path) and the link text. */
const char *sig_fix_url(struct req *r, const struct signal *s);
const char *sig_fix_label(int kind);
/*
 * One signal as a list item body: the sentence (strong), the lesson, and
 * the link to mend it; with community, the community's name first.
 */
void sig_item(struct req *r, struct html *h, const struct signal *s, bool community);
/* The signals box of a community profile (writes nothing when there are none). */
void sig_community_box(struct req *r, struct html *h, long long community_id);
/*
 * The short signals of one community for a list cell, from v (the current
 * signals of the organisation, as signals_list() gives them); "Geen" when none.
 */
void sig_short_cell(struct req *r, struct html *h, const struct signal *v, size_t n,
                    long long community_id);
/* The "Signalen" section of the settings page (beheerder). */
void sig_settings_section(struct req *r, struct html *h);

#endif
