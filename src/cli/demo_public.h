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

#endif
