/*
 * fuzz_pg_sql.c - libFuzzer target for the PostgreSQL driver's text work
 * (db/db_pg_sql.c), which sees every statement of the program.
 *
 * Each input, as a statement, goes through db_pg_placeholders(); checked:
 *  - a refused text (NULL) holds a '?' numbered 0 or past PG_MAX_PARAMS;
 *  - the count is 0..PG_MAX_PARAMS, and every "$N" the rewrite wrote is
 *    at most the count;
 *  - the rewrite leaves no placeholder behind: rewriting its output again
 *    changes nothing and counts none.
 * The input as a URL goes through db_pg_url_for_messages(): the result
 * fits its buffer and is NUL-terminated.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_pg_sql: invariant failed at line %d: %s\n",          \
			        __LINE__, #cond);                                                  \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *sql = malloc(size + 1);
	if (sql == NULL)
		return 0;
	memcpy(sql, data, size);
	sql[size] = '\0'; /* a NUL inside ends the statement, as in C */
	int n = -1;
	char *out = db_pg_placeholders(sql, &n);
	if (out == NULL) {
		CHECK(strchr(sql, '?') != NULL);
	} else {
		CHECK(n >= 0 && n <= PG_MAX_PARAMS);
		int again = -1;
		char *twice = db_pg_placeholders(out, &again);
		CHECK(twice != NULL);
		CHECK(again == 0);
		CHECK(strcmp(twice, out) == 0);
		free(twice);
		/* "$N" numbers the rewrite made stay within the count (a '$'
		 * of the input itself is not counted: only when none was there) */
		if (strchr(sql, '$') == NULL)
			for (const char *p = strchr(out, '$'); p != NULL; p = strchr(p + 1, '$'))
				if (p[1] >= '0' && p[1] <= '9')
					CHECK(atoi(p + 1) <= n);
		free(out);
	}
	char shown[96];
	memset(shown, 'x', sizeof(shown));
	db_pg_url_for_messages(sql, shown, sizeof(shown));
	CHECK(memchr(shown, '\0', sizeof(shown)) != NULL);
	free(sql);
	return 0;
}
