/*
 * db_pg_sql.c - PostgreSQL's form of kring's statement text (see
 * db_driver.h): '?N' placeholders become '$N', parameters become texts
 * with their types, and a URL becomes fit for messages.
 * Pure text work, without libpq, so it is tested and fuzzed in every build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_driver.h"

char *db_pg_placeholders(const char *sql, int *n_params)
{
	size_t len = strlen(sql);
	/* each '?' grows to at most "$64" plus digits: 4 bytes per byte is plenty */
	char *out = malloc(len * 4 + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	int highest = 0;
	for (size_t i = 0; i < len; i++) {
		char c = sql[i];
		if (c == '\'' || c == '"') { /* literal or quoted identifier: copy whole */
			out[o++] = c;
			for (i++; i < len; i++) {
				out[o++] = sql[i];
				if (sql[i] == c) {
					if (i + 1 < len && sql[i + 1] == c) { /* doubled quote */
						out[o++] = sql[++i];
						continue;
					}
					break;
				}
			}
			continue;
		}
		if (c == '-' && i + 1 < len && sql[i + 1] == '-') { /* comment to end of line */
			while (i < len && sql[i] != '\n')
				out[o++] = sql[i++];
			if (i < len)
				out[o++] = sql[i];
			continue;
		}
		if (c != '?') {
			out[o++] = c;
			continue;
		}
		int num = 0;
		size_t j = i + 1;
		while (j < len && sql[j] >= '0' && sql[j] <= '9' && num <= PG_MAX_PARAMS)
			num = num * 10 + (sql[j++] - '0');
		if (j == i + 1)
			num = highest + 1;
		if (num < 1 || num > PG_MAX_PARAMS) {
			free(out);
			return NULL;
		}
		if (num > highest)
			highest = num;
		o += (size_t)sprintf(out + o, "$%d", num);
		i = j - 1;
	}
	out[o] = '\0';
	*n_params = highest;
	return out;
}

void db_pg_url_for_messages(const char *url, char *out, size_t n)
{
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && colon && colon < at)
		snprintf(out, n, "%.*s:***%s", (int)(colon - url), url, at);
	else
		snprintf(out, n, "%s", url);
}

int db_pg_params(const struct db_param *params, const char **values, unsigned int *types,
                 char (*ints)[24])
{
	int n = 0;
	for (; params != NULL && params[n].type != DBP_END; n++) {
		if (n >= PG_MAX_PARAMS)
			return -1;
		const struct db_param *pa = &params[n];
		switch (pa->type) {
		case DBP_INT:
			snprintf(ints[n], sizeof(ints[n]), "%lld", pa->i);
			values[n] = ints[n];
			types[n] = PG_OID_INT8;
			break;
		case DBP_TEXT:
			values[n] = pa->s;
			types[n] = pa->s ? PG_OID_TEXT : 0;
			break;
		default:
			values[n] = NULL;
			types[n] = 0;
			break;
		}
	}
	return n;
}
