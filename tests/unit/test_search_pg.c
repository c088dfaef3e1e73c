/*
 * test_search_pg.c - the same search tests as test_search.c, on PostgreSQL:
 * every fixture database is a fresh one in the cluster named by
 * KRING_TEST_PG (scripts/test sets it). Without it, says so and runs
 * nothing but a check that the tests are there.
 */
int test_search_sqlite_main(void);
#define main test_search_sqlite_main
#include "test_search.c"
#undef main

static void test_skipped_without_a_cluster(void **state)
{
	(void)state;
	fprintf(stderr, "KRING_TEST_PG is not set: the search tests did not run on PostgreSQL\n");
	skip();
}

int main(void)
{
	const char *base = pgtest_base();
	if (base == NULL) {
		const struct CMUnitTest tests[] = {
		    cmocka_unit_test(test_skipped_without_a_cluster)};
		return cmocka_run_group_tests(tests, NULL, NULL);
	}
	setenv("KRING_FX_PG", base, 1);
	return test_search_sqlite_main();
}
