/*
 * clock.h - the one clock kring reads for "now" and "today".
 *
 * Tests move it: KRING_NOW="YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (local time)
 * fixes the clock at that moment for the whole process. Without it the real
 * clock is used. Read through these functions, never through time(NULL), in
 * anything a test may want to move past a date (retention, expiry, signals).
 */
#ifndef KRING_CLOCK_H
#define KRING_CLOCK_H

#include <time.h>

/* Seconds since the epoch: KRING_NOW when set and valid, else the real clock. */
time_t clock_now(void);

/* Today in the library's time zone as "YYYY-MM-DD" (out holds at least 11 bytes). */
void clock_today(char out[16]);

/* The date `days` days from today (negative: before), "YYYY-MM-DD". */
void clock_date_from_today(long long days, char out[16]);

#endif
