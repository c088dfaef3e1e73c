/*
 * watch.h - deadlines for slow clients and room for newcomers: every
 * connection is watched from libmicrohttpd's connection notifications (see
 * watch.c). The server marks where each request stands.
 */
#ifndef KRING_WATCH_H
#define KRING_WATCH_H

#include <microhttpd.h>

/*
 * Starts the watch thread: a request head must be in head_s seconds after
 * kring began to wait for it, its body body_s seconds after the head; past
 * nine tenths of conn_limit connections, each new one lets go of the one
 * that has waited longest. Returns 0, or -1 when no thread could start.
 */
int watch_start(unsigned conn_limit, unsigned head_s, unsigned body_s);
/* Stops the watch thread and logs how many connections were cut. */
void watch_finish(void);

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback (STARTED, CLOSED). */
void watch_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);

/* The connection waits for a request head (new, or kept alive after an answer). */
void watch_head(struct MHD_Connection *conn);
/* Its head is in; its body is arriving. */
void watch_body(struct MHD_Connection *conn);
/* Its request is being answered: no deadline. NULL is fine (tests). */
void watch_busy(struct MHD_Connection *conn);

#endif
