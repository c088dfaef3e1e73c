/*
 * test_menu.c - the main menu (web/menu.def) agrees with the route table
 * (http/routes.def): every item leads to a GET route, and the roles that
 * see an item are exactly the roles that route lets in.
 */
#include "auth/roles.h"
#include "http/router.h"
#include "i18n/text.h"
#include "testutil.h"

struct menu_entry {
	const char *group;
	const char *path;
	enum text_id text;
	unsigned roles;
};

static const struct menu_entry menu[] = {
#define MENU(group, path, text, roles) {#group, path, TXT_##text, roles},
#include "web/menu.def"
#undef MENU
};

struct route_entry {
	const char *method;
	const char *pattern;
	enum access access;
	unsigned roles;
};

static const struct route_entry route_table[] = {
#define ROUTE(method, pattern, handler, access, roles) {method, pattern, access, roles},
#include "http/routes.def"
#undef ROUTE
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct route_entry *get_route(const char *pattern)
{
	for (size_t i = 0; i < N(route_table); i++)
		if (strcmp(route_table[i].method, "GET") == 0 &&
		    strcmp(route_table[i].pattern, pattern) == 0)
			return &route_table[i];
	return NULL;
}

static void test_every_item_has_its_route_and_its_roles(void **state)
{
	(void)state;
	assert_true(N(menu) >= 12);
	for (size_t i = 0; i < N(menu); i++) {
		const struct menu_entry *m = &menu[i];
		char pattern[128];
		if (m->path[0] == '/')
			snprintf(pattern, sizeof(pattern), "%s", m->path);
		else
			snprintf(pattern, sizeof(pattern), "/o/:org/%s", m->path);
		const struct route_entry *r = get_route(pattern);
		if (r == NULL)
			fail_msg("menu item %s leads to %s, which has no GET route", TX(m->text),
			         pattern);
		if (r->access == ACCESS_ORG || r->access == ACCESS_COMMUNITY) {
			if (m->roles != r->roles)
				fail_msg("menu item %s is shown to roles %#x, its route allows %#x",
				         TX(m->text), m->roles, r->roles);
		} else {
			/* a page outside the organisation (the adviser overview): shown to
			 * some roles, but it must be open to every logged-in person */
			if (r->access != ACCESS_LOGIN)
				fail_msg("menu item %s leads to a public page", TX(m->text));
			if (m->roles == 0)
				fail_msg("menu item %s is shown to nobody", TX(m->text));
		}
	}
}

static void test_groups_and_texts(void **state)
{
	(void)state;
	static const char *const groups[] = {"TOP", "WORK", "COURSE", "ADMIN"};
	size_t last = 0;
	for (size_t i = 0; i < N(menu); i++) {
		size_t g = N(groups);
		for (size_t k = 0; k < N(groups); k++)
			if (strcmp(menu[i].group, groups[k]) == 0)
				g = k;
		if (g == N(groups))
			fail_msg("menu item %s: unknown group %s", TX(menu[i].text), menu[i].group);
		/* declared group by group, in the order they are shown */
		if (g < last)
			fail_msg("menu item %s: group %s after a later group", TX(menu[i].text),
			         menu[i].group);
		last = g;
		assert_true(TX(menu[i].text)[0] != '\0');
		for (size_t k = 0; k < i; k++)
			if (strcmp(menu[k].path, menu[i].path) == 0)
				fail_msg("menu path %s twice", menu[i].path);
	}
	/* the start page first, for everyone */
	assert_string_equal(menu[0].path, "");
	assert_int_equal(menu[0].roles, ROLES_ALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_item_has_its_route_and_its_roles),
	    cmocka_unit_test(test_groups_and_texts),
	};
	return cmocka_run_group_tests_name("menu", tests, NULL, NULL);
}
