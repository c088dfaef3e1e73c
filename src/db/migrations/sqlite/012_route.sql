-- 012_route: Mijn route (the eight steps of the Routekaart, M10), the
-- Persoonlijk Impact Plan and the personal shares that let one chosen
-- beheerder read a private record (issue 12). Times are Unix seconds (UTC).

-- a step of a person's route ticked (done = 1) or unticked (done = 0) by
-- hand; without a row the step follows what kring sees in the work
CREATE TABLE route_marks (
	org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	step      INTEGER NOT NULL CHECK (step BETWEEN 1 AND 8),
	done      INTEGER NOT NULL CHECK (done IN (0, 1)),
	at        INTEGER NOT NULL,
	PRIMARY KEY (org_id, person_id, step)
);

-- Persoonlijk Impact Plan: every saved version is kept; the highest
-- version is the current plan. Private to the person (personal_shares).
CREATE TABLE impact_plans (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	version    INTEGER NOT NULL CHECK (version >= 1),
	role_text  TEXT NOT NULL DEFAULT '',  -- how I see my role
	situations TEXT NOT NULL DEFAULT '',  -- situations where I can have impact
	people     TEXT NOT NULL DEFAULT '',  -- people
	groups_text TEXT NOT NULL DEFAULT '', -- groups
	learn      TEXT NOT NULL DEFAULT '',  -- what I will learn
	talk_with  TEXT NOT NULL DEFAULT '',  -- with whom I will talk
	due_on     TEXT NOT NULL DEFAULT '',  -- by when, 'YYYY-MM-DD' or ''
	saved_at   INTEGER NOT NULL,
	UNIQUE (org_id, person_id, version)
);

-- a private record of owner_id (what: 'impact', 'zelftest') shared with one
-- chosen viewer (a beheerder of the org) since a moment; deleting the row
-- revokes it. One viewer per record kind.
CREATE TABLE personal_shares (
	org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	owner_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	what      TEXT NOT NULL CHECK (what IN ('impact', 'zelftest')),
	viewer_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	since     INTEGER NOT NULL,
	PRIMARY KEY (org_id, owner_id, what)
);
CREATE INDEX personal_shares_viewer ON personal_shares(org_id, viewer_id);
