-- 011_cycle_plan: Lankes's knowledge cycle with its four conditions, the
-- POST-O and the project plan of a community (issue 11b, Routekaart steps
-- 5-7, M7). Times are Unix seconds (UTC); calendar dates 'YYYY-MM-DD' text.

-- Every move of a community through the cycle, kept as history; the newest
-- (by since_on, then id) is the current stage. round counts the times round.
CREATE TABLE cycle_stages (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	stage        TEXT NOT NULL CHECK (stage IN ('activity', 'knowledge', 'ownership',
	             'impact')),
	round        INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
	since_on     TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',  -- the evidence for the stage
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX cycle_stages_c ON cycle_stages(org_id, community_id, since_on, id);

-- Every rating of one of the four conditions; the newest per condition is current.
CREATE TABLE cycle_conditions (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('access', 'knowledge', 'environment',
	             'motivation')),
	rating       TEXT NOT NULL CHECK (rating IN ('weak', 'fair', 'strong')),
	rated_on     TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX cycle_conditions_c ON cycle_conditions(org_id, community_id, kind, rated_on, id);

-- The POST-O of a community (one), its fields free text, none required;
-- Objectives are the community's goals (goals), with a note here. Every
-- saved version is kept in posto_versions.
CREATE TABLE postos (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	people       TEXT NOT NULL DEFAULT '',
	objectives   TEXT NOT NULL DEFAULT '',
	strategy     TEXT NOT NULL DEFAULT '',
	technology   TEXT NOT NULL DEFAULT '',
	organization TEXT NOT NULL DEFAULT '',
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- last writer
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	UNIQUE (org_id, community_id)
);

CREATE TABLE posto_versions (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	posto_id     INTEGER NOT NULL REFERENCES postos(id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	people       TEXT NOT NULL DEFAULT '',
	objectives   TEXT NOT NULL DEFAULT '',
	strategy     TEXT NOT NULL DEFAULT '',
	technology   TEXT NOT NULL DEFAULT '',
	organization TEXT NOT NULL DEFAULT '',
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL,
	UNIQUE (posto_id, version)
);

-- The tasks of a community's project plan. Hours are kept as whole minutes,
-- money as whole euro cents (never floating point). owner: a staff member of
-- the organisation or an ambassadeur of the community (core/plan.c checks).
CREATE TABLE plan_tasks (
	id              INTEGER PRIMARY KEY,
	org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	title           TEXT NOT NULL,
	description     TEXT NOT NULL DEFAULT '',
	owner_id        INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	due_on          TEXT NOT NULL DEFAULT '',
	planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes >= 0),
	spent_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (spent_minutes >= 0),
	planned_cents   INTEGER NOT NULL DEFAULT 0 CHECK (planned_cents >= 0),
	spent_cents     INTEGER NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
	status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'busy', 'done')),
	goal_id         INTEGER REFERENCES goals(id) ON DELETE SET NULL,
	subgoal_id      INTEGER REFERENCES subgoals(id) ON DELETE SET NULL,
	person_id       INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- last writer
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX plan_tasks_c ON plan_tasks(org_id, community_id, due_on, id);
CREATE INDEX plan_tasks_owner ON plan_tasks(org_id, owner_id);
