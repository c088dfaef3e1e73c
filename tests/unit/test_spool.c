/*
 * test_spool.c - response bodies spooled to an unlinked temporary file
 * (http/server.h, struct spool): the bytes arrive whole, the buffer stays
 * small however much is written, a failed request closes the file, and a
 * failed write refuses the response.
 */
#include <errno.h>
#include <fcntl.h>

#include "http/server.h"
#include "testutil.h"

static struct tdb *t;
static int last_fd = -1; /* the file descriptor the handler's spool had */
static size_t max_cap;   /* the largest the spool's buffer grew */
static bool fail_after;  /* the handler returns HANDLER_ERROR after spooling */
static size_t used;      /* bytes the request's arena had handed out when spooled */

enum { LINES = 40000 }; /* some 1.2 MB: many times SPOOL_CHUNK */

static int spool_handler(struct req *r)
{
	struct spool s;
	if (spool_open(r, &s) != 0)
		return HANDLER_ERROR;
	last_fd = s.fd;
	for (int i = 0; i < LINES; i++) {
		buf_printf(&s.b, "line %06d of the spool\n", i);
		spool_flush(&s);
		if (s.b.cap > max_cap)
			max_cap = s.b.cap;
	}
	used = r->arena.used;
	if (resp_spool(r, 200, "text/plain; charset=utf-8", &s) != 0)
		return HANDLER_ERROR;
	assert_int_equal(s.fd, -1); /* the request owns it now */
	assert_true(r->resp_file);
	return fail_after ? HANDLER_ERROR : HANDLER_OK;
}

static void error_page(struct req *r, unsigned status)
{
	resp_text(r, status, "fout");
}

static const struct server_app app = {.dispatch = spool_handler, .error_page = error_page};

static int setup(void **state)
{
	(void)state;
	t = tdb_open_migrated();
	last_fd = -1;
	max_cap = 0;
	fail_after = false;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tdb_close(t);
	return 0;
}

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

static void test_spooled_body_arrives_whole(void **state)
{
	(void)state;
	struct req r;
	server_handle_test(&r, t_cfg(), &app, t->db, "GET", "/spool", NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/plain; charset=utf-8");
	assert_false(r.resp_file); /* read back into r.resp for the test, and closed */
	assert_true(last_fd >= 0);
	assert_false(fd_open(last_fd));
	assert_int_equal(r.resp.len, (size_t)LINES * strlen("line 000000 of the spool\n"));
	char line[64];
	for (int i = 0; i < LINES; i += 997) {
		snprintf(line, sizeof(line), "line %06d of the spool\n", i);
		assert_memory_equal(r.resp.data + (size_t)i * strlen(line), line, strlen(line));
	}
	assert_memory_equal(r.resp.data + r.resp.len - 25, "line 039999 of the spool\n", 25);
	/* flat memory: the buffer never held much more than one chunk */
	assert_true(max_cap <= 2 * SPOOL_CHUNK);
	assert_true(used < 4 * SPOOL_CHUNK);
	t_done(&r);
}

static void test_failed_request_closes_the_file(void **state)
{
	(void)state;
	fail_after = true;
	struct req r;
	server_handle_test(&r, t_cfg(), &app, t->db, "GET", "/spool", NULL, NULL);
	assert_int_equal(r.status, 500);
	assert_string_equal(t_body(&r), "fout");
	assert_false(r.resp_file);
	assert_true(last_fd >= 0);
	assert_false(fd_open(last_fd));
	t_done(&r);
}

static void test_failed_write_refuses(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.resp, &r.arena);
	struct spool s;
	assert_int_equal(spool_open(&r, &s), 0);
	close(s.fd);
	s.fd = open("/dev/null", O_RDONLY); /* every write fails */
	assert_true(s.fd >= 0);
	int fd = s.fd;
	buf_puts(&s.b, "{\"records\":[]}");
	assert_int_equal(resp_spool(&r, 200, "application/json", &s), -1);
	assert_int_equal(s.fd, -1);
	assert_false(fd_open(fd));
	assert_false(r.resp_file);
	assert_int_equal(r.status, 0); /* the response was not touched */
	spool_close(&s);               /* twice is harmless */
	arena_free(&r.arena);
}

static void test_no_temporary_directory(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	const char *old = getenv("TMPDIR");
	char *keep = old ? strdup(old) : NULL;
	setenv("TMPDIR", "/nonexistent/kring-spool", 1);
	struct spool s;
	assert_int_equal(spool_open(&r, &s), -1);
	assert_int_equal(s.fd, -1);
	spool_close(&s);
	if (keep) {
		setenv("TMPDIR", keep, 1);
		free(keep);
	} else {
		unsetenv("TMPDIR");
	}
	arena_free(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_spooled_body_arrives_whole, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_request_closes_the_file, setup, teardown),
	    cmocka_unit_test(test_failed_write_refuses),
	    cmocka_unit_test(test_no_temporary_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
