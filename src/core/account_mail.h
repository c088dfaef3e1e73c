/*
 * account_mail.h - sends one plain-text mail through an SMTP relay with
 * libcurl (KRING_SMTP_URL, e.g. smtp://relay.example:25 or smtps://...).
 * Addresses are checked and no header takes a CR or LF: nothing a visitor
 * types can add a header or a recipient.
 */
#ifndef KRING_ACCOUNT_MAIL_H
#define KRING_ACCOUNT_MAIL_H

#include <stdbool.h>

/* True when s is one plain e-mail address (local@domain, no blanks, no control characters). */
bool mail_address_ok(const char *s);

/*
 * Sends subject and body (UTF-8) from `from` to `to` through url.
 * Returns 0, or -1 when an address or the subject is refused or the relay
 * does not take the mail.
 */
int mail_send(const char *url, const char *from, const char *to, const char *subject,
              const char *body);

/* Sends it on a thread of its own, so the caller's answer never waits for the relay. */
void mail_send_later(const char *url, const char *from, const char *to, const char *subject,
                     const char *body);

#endif
