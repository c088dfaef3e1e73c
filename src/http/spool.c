/*
 * spool.c - response bodies written to an unlinked temporary file and
 * handed to libmicrohttpd by descriptor (see server.h, struct spool).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

/* A new file nobody can open by name: O_TMPFILE, else mkstemp() and unlink(). -1 on failure. */
static int unlinked_file(void)
{
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || dir[0] == '\0' || strlen(dir) > 200)
		dir = "/tmp";
	int fd;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	char path[256];
	snprintf(path, sizeof(path), "%s/kring-spool-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

int spool_open(struct req *r, struct spool *s)
{
	s->len = 0;
	s->failed = false;
	buf_init(&s->b, &r->arena);
	s->fd = unlinked_file();
	if (s->fd < 0) {
		fprintf(stderr, "kring: cannot make a temporary file: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Writes all of s->b to the file and empties it (keeping its room). */
static void write_out(struct spool *s)
{
	size_t off = 0;
	while (!s->failed && s->fd >= 0 && off < s->b.len) {
		ssize_t n = write(s->fd, s->b.data + off, s->b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "kring: cannot write a temporary file: %s\n",
			        n < 0 ? strerror(errno) : "no room");
			s->failed = true;
			break;
		}
		off += (size_t)n;
	}
	s->len += off;
	s->b.len = 0;
}

void spool_flush(struct spool *s)
{
	if (s->b.len >= SPOOL_CHUNK)
		write_out(s);
}

void spool_close(struct spool *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->b.len = 0;
}

int resp_spool(struct req *r, unsigned status, const char *content_type, struct spool *s)
{
	write_out(s);
	if (s->failed || s->fd < 0) {
		spool_close(s);
		return -1;
	}
	resp_file_drop(r); /* a second spooled answer replaces the first */
	r->status = status;
	r->content_type = content_type;
	buf_init(&r->resp, &r->arena);
	r->resp_file = true;
	r->resp_fd = s->fd;
	r->resp_file_len = s->len;
	s->fd = -1;
	return 0;
}

void resp_file_drop(struct req *r)
{
	if (r->resp_file)
		close(r->resp_fd);
	r->resp_file = false;
	r->resp_file_len = 0;
}

void resp_file_slurp(struct req *r)
{
	if (!r->resp_file)
		return;
	buf_init(&r->resp, &r->arena);
	char chunk[16384];
	off_t off = 0;
	ssize_t n;
	while ((n = pread(r->resp_fd, chunk, sizeof(chunk), off)) > 0) {
		buf_append(&r->resp, chunk, (size_t)n);
		off += n;
	}
	if (n < 0 || (size_t)off != r->resp_file_len)
		r->status = 500; /* the file lost bytes: a test sees it */
	close(r->resp_fd);
	r->resp_file = false;
}
