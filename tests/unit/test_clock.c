/*
 * test_clock.c - the one clock (util/clock.c): KRING_NOW moves it, a bad
 * KRING_NOW is ignored, and day arithmetic crosses months and years.
 */
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "testutil.h"

static void test_fixed_date(void **state)
{
	(void)state;
	setenv("KRING_NOW", "2031-02-28", 1);
	char d[16];
	clock_today(d);
	assert_string_equal(d, "2031-02-28");
	clock_date_from_today(1, d);
	assert_string_equal(d, "2031-03-01");
	clock_date_from_today(-59, d);
	assert_string_equal(d, "2030-12-31");
	unsetenv("KRING_NOW");
}

static void test_fixed_moment(void **state)
{
	(void)state;
	setenv("KRING_NOW", "2030-06-15T23:30:00", 1);
	time_t t = clock_now();
	struct tm tm;
	localtime_r(&t, &tm);
	assert_int_equal(tm.tm_hour, 23);
	assert_int_equal(tm.tm_min, 30);
	char d[16];
	clock_today(d);
	assert_string_equal(d, "2030-06-15");
	unsetenv("KRING_NOW");
}

static void test_bad_value_uses_real_clock(void **state)
{
	(void)state;
	static const char *const bad[] = {"tomorrow", "2030-13-01x", "2030-06-15 trailing", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("KRING_NOW", bad[i], 1);
		time_t real = time(NULL);
		time_t t = clock_now();
		assert_true(t >= real && t <= real + 2);
	}
	unsetenv("KRING_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixed_date),
	    cmocka_unit_test(test_fixed_moment),
	    cmocka_unit_test(test_bad_value_uses_real_clock),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
