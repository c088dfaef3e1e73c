/*
 * demo.h - the demo library: Bibliotheek De Sleutel from the Sascha story
 * (seed 002), with its people, and a second library to show switching.
 * De Sleutel has answered step 1 twice, saved its frame and a shared vision
 * (werkblad 1), and holds two closed meetlat rounds answered by all three
 * role groups, so a new user sees a trend at once; Het Baken holds one
 * closed round, so the adviser overview shows two organisations.
 */
#ifndef KRING_DEMO_H
#define KRING_DEMO_H

#include <stdio.h>

#include "../db/db.h"

/* Password of every demo account (printed by `kring demo`). */
#define DEMO_PASSWORD "welkom-in-de-bieb"

/*
 * Adds what is missing of the demo data; running it twice changes nothing.
 * Prints how to log in to out. Returns 0 or -1.
 */
int demo_load(struct db *db, FILE *out);

#endif
