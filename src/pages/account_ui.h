/*
 * account_ui.h - what the account and invitation pages share: the full
 * address of a one-time link, the box that hands it over, the page for a
 * link that does not work, and the password rules.
 */
#ifndef KRING_ACCOUNT_UI_H
#define KRING_ACCOUNT_UI_H

#include "../core/invite.h"
#include "../http/server.h"
#include "../web/html.h"
#include "respond.h"

/* "https://host/path" for a link to hand over: KRING_BASE_URL, else this request's host. */
const char *account_link_url(struct req *r, const char *path);

/* The box with a new one-time link to copy, what it is for and until when. */
void account_link_box(struct html *h, struct req *r, const char *url, const char *what,
                      long long expires_at);

/* The calm Dutch page for a link that does not work (unknown, expired, used, gone). */
int account_link_refused(struct req *r, enum link_state st);

/*
 * The page that hands over a new invitation link (token shown once): title,
 * what it is for, until when, and the way back. Returns HANDLER_OK.
 */
int invite_link_page(struct req *r, const char *token, const char *title, const char *what,
                     long long expires_at, const char *back_url, const char *back_text);

/* The start of every page below /account: its navigation, title and one-line intro. */
void account_page_begin(struct req *r, struct html *h, const char *here, const char *title,
                        const char *intro);

struct session_info;
/* A table of sessions (the current one marked), with an end button per row posting to end_action. */
void account_sessions_table(struct req *r, struct html *h, const struct session_info *s, size_t n,
                            const char *current_hash, const char *end_action);

/* NULL when a new password is good enough, else the Dutch reason. */
const char *account_password_problem(const char *pw, const char *repeat);

#endif
