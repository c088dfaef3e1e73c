/*
 * watch.c - slow clients: a deadline per request, and room for newcomers.
 *
 * libmicrohttpd's timeout counts only silence: a client that sends one byte
 * every few seconds keeps its connection for as long as it likes. Every
 * connection is therefore watched here, from libmicrohttpd's connection
 * notifications: while kring waits for a request (a new connection, or a
 * kept-alive one after its last answer) the request head must be complete
 * within head_timeout_s, and then its body within body_timeout_s. A
 * connection past its deadline is shut down (shutdown(2) on its socket;
 * libmicrohttpd sees the end and closes it). And when the connections
 * reach nine tenths of the limit, each newcomer lets go of the connection
 * that has waited longest for its request, so there is always room. A
 * request being answered (or suspended for hashing) is never cut.
 */

#define _GNU_SOURCE
#include "watch.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum watch_state {
	WATCH_HEAD, /* waiting for (the rest of) a request head */
	WATCH_BODY, /* head read, body arriving */
	WATCH_BUSY, /* being answered: no deadline */
};

struct watch {
	int fd;
	enum watch_state state;
	long long deadline;        /* now_ms() by which the head or body must be in */
	bool cut;                  /* shut down already */
	struct watch *prev, *next; /* oldest wait first */
};

static unsigned conn_limit, head_timeout_s, body_timeout_s;
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_cond = PTHREAD_COND_INITIALIZER;
static struct watch *line_first, *line_last;
static size_t n_watched;
static bool watch_stop;
static pthread_t watch_thread;
static atomic_long n_cut_deadline, n_cut_room; /* for the log at the end */

static void watch_unlink(struct watch *w)
{
	if (w->prev)
		w->prev->next = w->next;
	else
		line_first = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		line_last = w->prev;
	w->prev = w->next = NULL;
}

static void watch_append(struct watch *w)
{
	w->prev = line_last;
	w->next = NULL;
	if (line_last)
		line_last->next = w;
	else
		line_first = w;
	line_last = w;
}

/* Shuts the connection's socket down; under watch_lock, so libmicrohttpd
 * cannot have closed (and reused) the descriptor: it does so only after
 * the CLOSED notification, which takes the lock. */
static void watch_cut(struct watch *w)
{
	w->cut = true;
	shutdown(w->fd, SHUT_RDWR);
}

static struct watch *watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Moves the connection to state, with a deadline seconds from now (0: none). */
static void watch_set(struct MHD_Connection *conn, enum watch_state state, unsigned seconds)
{
	struct watch *w = conn ? watch_of(conn) : NULL;
	if (w == NULL)
		return;
	pthread_mutex_lock(&watch_lock);
	w->state = state;
	w->deadline = seconds ? now_ms() + 1000LL * seconds : 0;
	if (state == WATCH_HEAD) { /* a new wait: to the back of the line */
		watch_unlink(w);
		watch_append(w);
	}
	pthread_mutex_unlock(&watch_lock);
}

void watch_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		struct watch *w = calloc(1, sizeof(*w));
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (w == NULL || ci == NULL) {
			free(w);
			return;
		}
		w->fd = ci->connect_fd;
		w->state = WATCH_HEAD;
		w->deadline = now_ms() + 1000LL * head_timeout_s;
		pthread_mutex_lock(&watch_lock);
		watch_append(w);
		n_watched++;
		/* room for newcomers: past nine tenths of the limit, the longest
		 * wait for a request gives way */
		if (n_watched > conn_limit - conn_limit / 10) {
			for (struct watch *v = line_first; v != NULL && v != w; v = v->next)
				if (v->state != WATCH_BUSY && !v->cut) {
					watch_cut(v);
					atomic_fetch_add(&n_cut_room, 1);
					break;
				}
		}
		pthread_mutex_unlock(&watch_lock);
		*socket_context = w;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		struct watch *w = *socket_context;
		if (w == NULL)
			return;
		pthread_mutex_lock(&watch_lock);
		watch_unlink(w);
		n_watched--;
		pthread_mutex_unlock(&watch_lock);
		free(w);
		*socket_context = NULL;
	}
}

/* Cuts every connection past its deadline, four times a second. */
static void *watch_main(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&watch_lock);
	while (!watch_stop) {
		long long now = now_ms();
		for (struct watch *w = line_first; w != NULL; w = w->next)
			if (w->state != WATCH_BUSY && !w->cut && w->deadline != 0 &&
			    now > w->deadline) {
				watch_cut(w);
				atomic_fetch_add(&n_cut_deadline, 1);
			}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&watch_cond, &watch_lock, &until);
	}
	pthread_mutex_unlock(&watch_lock);
	return NULL;
}

void watch_head(struct MHD_Connection *conn)
{
	watch_set(conn, WATCH_HEAD, head_timeout_s);
}

void watch_body(struct MHD_Connection *conn)
{
	watch_set(conn, WATCH_BODY, body_timeout_s);
}

void watch_busy(struct MHD_Connection *conn)
{
	watch_set(conn, WATCH_BUSY, 0);
}

int watch_start(unsigned limit, unsigned head_s, unsigned body_s)
{
	conn_limit = limit;
	head_timeout_s = head_s;
	body_timeout_s = body_s;
	watch_stop = false;
	return pthread_create(&watch_thread, NULL, watch_main, NULL) == 0 ? 0 : -1;
}

void watch_finish(void)
{
	pthread_mutex_lock(&watch_lock);
	watch_stop = true;
	pthread_cond_signal(&watch_cond);
	pthread_mutex_unlock(&watch_lock);
	pthread_join(watch_thread, NULL);
	if (atomic_load(&n_cut_deadline) || atomic_load(&n_cut_room))
		fprintf(
		    stderr,
		    "kring: connections cut: %ld past their request deadline, %ld to make room\n",
		    atomic_load(&n_cut_deadline), atomic_load(&n_cut_room));
}
