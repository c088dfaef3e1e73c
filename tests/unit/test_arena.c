/*
 * test_arena.c - the region allocator (util/arena.c) and the growable
 * buffer (util/buf.c).
 */
#include <stdalign.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "testutil.h"

#define ALIGN alignof(max_align_t)

static bool aligned(const void *p)
{
	return ((uintptr_t)p % ALIGN) == 0;
}

static void test_init_is_empty(void **state)
{
	(void)state;
	struct arena a;
	a.head = (void *)1;
	a.used = 5;
	arena_init(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	arena_free(&a); /* freeing an empty arena is fine */
	assert_null(a.head);
}

static void test_alloc_zeroed_and_aligned(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	static const size_t sizes[] = {1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000, 4095, 4097};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = arena_alloc(&a, sizes[i]);
		assert_non_null(p);
		assert_true(aligned(p));
		for (size_t k = 0; k < sizes[i]; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, sizes[i]); /* ASan: the whole block is ours */
	}
	arena_free(&a);
}

static void test_used_counts_rounded_sizes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	arena_alloc(&a, 1);
	assert_int_equal(a.used, ALIGN);
	arena_alloc(&a, ALIGN);
	assert_int_equal(a.used, 2 * ALIGN);
	arena_alloc(&a, ALIGN + 1);
	assert_int_equal(a.used, 4 * ALIGN);
	arena_free(&a);
	assert_int_equal(a.used, 0);
}

/* Many allocations of varied sizes: none overlaps another. */
static void test_many_allocations_do_not_overlap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	enum { N = 20000 };
	unsigned char **ptrs = calloc(N, sizeof(*ptrs));
	size_t *lens = calloc(N, sizeof(*lens));
	assert_non_null(ptrs);
	assert_non_null(lens);
	unsigned seed = 12345;
	for (size_t i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		lens[i] = 1 + (seed >> 16) % 300;
		ptrs[i] = arena_alloc(&a, lens[i]);
		assert_true(aligned(ptrs[i]));
		memset(ptrs[i], (int)(i & 0xFF), lens[i]);
	}
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < lens[i]; k++)
			if (ptrs[i][k] != (unsigned char)(i & 0xFF))
				fail_msg("allocation %zu byte %zu was overwritten", i, k);
	free(ptrs);
	free(lens);
	arena_free(&a);
}

static void test_big_allocation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *small = arena_alloc(&a, 10);
	memcpy(small, "before", 7);
	size_t big = 5 * 1024 * 1024; /* far beyond a chunk (16 KiB .. 1 MiB) */
	unsigned char *p = arena_alloc(&a, big);
	assert_true(aligned(p));
	for (size_t i = 0; i < big; i += 4096)
		assert_int_equal(p[i], 0);
	assert_int_equal(p[big - 1], 0);
	memset(p, 0x5A, big);
	char *after = arena_alloc(&a, 10);
	memcpy(after, "after", 6);
	assert_string_equal(small, "before");
	assert_string_equal(after, "after");
	assert_int_equal(p[0], 0x5A);
	assert_int_equal(p[big - 1], 0x5A);
	assert_true(a.used >= big + 20);
	arena_free(&a);
}

static void test_exact_chunk_sizes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	/* fill a first chunk exactly, then one more byte */
	unsigned char *p = arena_alloc(&a, 16 * 1024);
	memset(p, 1, 16 * 1024);
	unsigned char *q = arena_alloc(&a, 1);
	assert_true(aligned(q));
	assert_int_equal(q[0], 0);
	assert_int_equal(p[16 * 1024 - 1], 1);
	arena_free(&a);
}

static void test_zero_size_allocation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	void *p = arena_alloc(&a, 0);
	void *q = arena_alloc(&a, 1);
	assert_non_null(p);
	assert_true(aligned(q));
	arena_free(&a);
}

static void test_strdup_strndup(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *src = "kring bibliotheek";
	char *d = arena_strdup(&a, src);
	assert_ptr_not_equal(d, src);
	assert_string_equal(d, src);
	assert_null(arena_strdup(&a, NULL));
	char *n = arena_strndup(&a, src, 5);
	assert_string_equal(n, "kring");
	char *e = arena_strndup(&a, src, 0);
	assert_string_equal(e, "");
	/* strndup copies exactly n bytes, even past a NUL */
	char *z = arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(z, "a\0b\0", 4);
	arena_free(&a);
}

static void test_printf(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(arena_printf(&a, "%s-%d-%05.1f-%lld", "x", 42, 3.14159, -9LL),
	                    "x-42-003.1--9");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	/* longer than a chunk */
	size_t n = 50000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, 'q', n);
	s[n] = '\0';
	char *p = arena_printf(&a, "[%s]", s);
	assert_int_equal(strlen(p), n + 2);
	assert_int_equal(p[0], '[');
	assert_int_equal(p[n + 1], ']');
	assert_int_equal(p[n], 'q');
	free(s);
	arena_free(&a);
}

static void test_free_then_reuse(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 1000; i++) {
			char *p = arena_printf(&a, "round %d item %d", round, i);
			assert_non_null(p);
		}
		char *big = arena_alloc(&a, 200000);
		assert_int_equal(big[199999], 0);
		assert_non_null(a.head);
		assert_true(a.used > 200000);
		arena_free(&a);
		assert_null(a.head);
		assert_int_equal(a.used, 0);
	}
	char *p = arena_strdup(&a, "again");
	assert_string_equal(p, "again");
	arena_free(&a);
}

/* Sizes near SIZE_MAX must abort, not wrap around into a small block. */
static void alloc_size_max(void *arg)
{
	struct arena a;
	arena_init(&a);
	arena_alloc(&a, *(size_t *)arg);
}

static void test_huge_allocation_aborts(void **state)
{
	(void)state;
	size_t n = SIZE_MAX;
	assert_true(t_aborted(t_run_child(alloc_size_max, &n)));
	n = SIZE_MAX - 8;
	assert_true(t_aborted(t_run_child(alloc_size_max, &n)));
	/*
	 * need + sizeof(struct arena_chunk) overflows size_t: malloc gets a
	 * tiny size and the memset runs off the end. It must abort cleanly.
	 */
	n = SIZE_MAX - 40;
	assert_true(t_aborted(t_run_child(alloc_size_max, &n)));
}

/* ---- buf ---- */

static void test_buf_empty(void **state)
{
	(void)state;
	struct arena a;
	struct buf b;
	arena_init(&a);
	buf_init(&b, &a);
	assert_string_equal(buf_str(&b), "");
	buf_append(&b, "x", 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "");
	assert_int_equal(b.len, 0);
	arena_free(&a);
}

static void test_buf_growth_putc(void **state)
{
	(void)state;
	struct arena a;
	struct buf b;
	arena_init(&a);
	buf_init(&b, &a);
	for (int i = 0; i < 100000; i++) {
		buf_putc(&b, (char)('a' + i % 26));
		assert_true(b.cap > b.len);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_int_equal(b.len, 100000);
	assert_int_equal(strlen(buf_str(&b)), 100000);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	arena_free(&a);
}

static void test_buf_append_and_puts(void **state)
{
	(void)state;
	struct arena a;
	struct buf b;
	arena_init(&a);
	buf_init(&b, &a);
	buf_puts(&b, "hallo");
	buf_append(&b, " wereld!!!", 7);
	assert_string_equal(buf_str(&b), "hallo wereld");
	assert_int_equal(b.len, 12);
	/* exactly filling the first capacity, then past it */
	struct buf c;
	buf_init(&c, &a);
	char block[300];
	memset(block, 'z', sizeof(block));
	buf_append(&c, block, 255);
	assert_int_equal(c.len, 255);
	assert_int_equal(c.data[255], '\0');
	buf_append(&c, block, 1);
	buf_append(&c, block, 44);
	assert_int_equal(c.len, 300);
	assert_memory_equal(c.data, block, 300);
	assert_int_equal(c.data[300], '\0');
	/* embedded NUL bytes are kept */
	struct buf d;
	buf_init(&d, &a);
	buf_append(&d, "a\0b", 3);
	assert_int_equal(d.len, 3);
	assert_memory_equal(d.data, "a\0b", 4);
	arena_free(&a);
}

static void test_buf_big_append(void **state)
{
	(void)state;
	struct arena a;
	struct buf b;
	arena_init(&a);
	buf_init(&b, &a);
	size_t n = 3 * 1024 * 1024 + 7;
	char *src = malloc(n);
	assert_non_null(src);
	for (size_t i = 0; i < n; i++)
		src[i] = (char)(i * 31);
	buf_puts(&b, "<");
	buf_append(&b, src, n);
	buf_puts(&b, ">");
	assert_int_equal(b.len, n + 2);
	assert_int_equal(b.data[0], '<');
	assert_memory_equal(b.data + 1, src, n);
	assert_int_equal(b.data[n + 1], '>');
	assert_int_equal(b.data[n + 2], '\0');
	free(src);
	arena_free(&a);
}

static void test_buf_printf(void **state)
{
	(void)state;
	struct arena a;
	struct buf b;
	arena_init(&a);
	buf_init(&b, &a);
	buf_printf(&b, "%d-%s", 12, "ab");
	buf_printf(&b, "%s", "");
	buf_printf(&b, "|%5d|", 3);
	assert_string_equal(buf_str(&b), "12-ab|    3|");
	assert_int_equal(b.len, 12);
	/* a long printf forces growth in the middle */
	char big[1000];
	memset(big, 'w', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_printf(&b, "<%s>", big);
	assert_int_equal(b.len, 12 + 1001);
	assert_int_equal(strlen(buf_str(&b)), 12 + 1001);
	assert_int_equal(b.data[12], '<');
	assert_int_equal(b.data[12 + 1000], '>');
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_is_empty),
	    cmocka_unit_test(test_alloc_zeroed_and_aligned),
	    cmocka_unit_test(test_used_counts_rounded_sizes),
	    cmocka_unit_test(test_many_allocations_do_not_overlap),
	    cmocka_unit_test(test_big_allocation),
	    cmocka_unit_test(test_exact_chunk_sizes),
	    cmocka_unit_test(test_zero_size_allocation),
	    cmocka_unit_test(test_strdup_strndup),
	    cmocka_unit_test(test_printf),
	    cmocka_unit_test(test_free_then_reuse),
	    cmocka_unit_test(test_huge_allocation_aborts),
	    cmocka_unit_test(test_buf_empty),
	    cmocka_unit_test(test_buf_growth_putc),
	    cmocka_unit_test(test_buf_append_and_puts),
	    cmocka_unit_test(test_buf_big_append),
	    cmocka_unit_test(test_buf_printf),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
