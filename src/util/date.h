/*
 * date.h - calendar dates as kring stores them: "YYYY-MM-DD" text, which
 * sorts correctly and means the same in SQLite and PostgreSQL.
 */
#ifndef KRING_DATE_H
#define KRING_DATE_H

#include <stdbool.h>

/* True for a date "YYYY-MM-DD" that exists, years 1900-2999. "" and NULL are not dates. */
bool date_valid(const char *s);

#endif
