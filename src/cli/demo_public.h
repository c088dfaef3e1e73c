/*
 * demo_public.h - De Sleutel's public page in the demo (issue 13): on, with
 * two communities open to newcomers, their upcoming activities public, and
 * a few submissions in the inbox. Internal to src/cli.
 */
#ifndef KRING_DEMO_PUBLIC_H
#define KRING_DEMO_PUBLIC_H

#include "../db/db.h"

/* Adds what is missing (idempotent: nothing when the page was set up). 0 or -1. */
int demo_public_load(struct db *db);

/*
 * For `kring demo --scale`: org's public page on, every third of its
 * communities open, its even-numbered planned activities public and a
 * dozen submissions in the inbox. 0 or -1.
 */
int demo_public_scale(struct db *db, long long org, const long long *communities, size_t n);

#endif
