/*
 * roles.h - the four roles a person can hold in an organisation (M1).
 */
#ifndef KRING_ROLES_H
#define KRING_ROLES_H

enum role {
	ROLE_NONE = 0,
	ROLE_BEHEERDER = 1 << 0,   /* manages the organisation and its people */
	ROLE_MEDEWERKER = 1 << 1,  /* staff */
	ROLE_ADVISEUR = 1 << 2,    /* adviser of a support organisation: reads, advises */
	ROLE_AMBASSADEUR = 1 << 3, /* resident co-owning some communities */
};

#define ROLES_ALL   (ROLE_BEHEERDER | ROLE_MEDEWERKER | ROLE_ADVISEUR | ROLE_AMBASSADEUR)
#define ROLES_STAFF (ROLE_BEHEERDER | ROLE_MEDEWERKER)
#define ROLES_READ  (ROLE_BEHEERDER | ROLE_MEDEWERKER | ROLE_ADVISEUR)
#define ROLES_ADMIN (ROLE_BEHEERDER)
/*
 * The library's own team: who answers the readiness questions and the
 * meetlat as a member of the library. An adviseur coaches (reads, opens and
 * closes rounds, advises) but does not answer for the library.
 */
#define ROLES_TEAM (ROLE_BEHEERDER | ROLE_MEDEWERKER)
/* who opens and closes meetlat rounds: the beheerder and the coaching adviseur */
#define ROLES_ASSESS (ROLE_BEHEERDER | ROLE_ADVISEUR)
/* who may change a community: staff, and ambassadeurs their own (ACCESS_COMMUNITY) */
#define ROLES_EDIT (ROLE_BEHEERDER | ROLE_MEDEWERKER | ROLE_AMBASSADEUR)

/* Role from its stored name ("beheerder", ...); ROLE_NONE when unknown. */
enum role role_from_name(const char *name);
/* Stored name of a single role ("beheerder"); "" for ROLE_NONE. */
const char *role_name(enum role r);
/* Dutch label to show ("Beheerder"). */
const char *role_label(enum role r);
/* One sentence in Dutch on what the role may do. */
const char *role_explain(enum role r);

#endif
