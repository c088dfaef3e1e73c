-- 008_goals_activities: step 5 (goals, SMART subgoals, measurements) and
-- step 6 (activities, the agreed roles of library and ambassadeurs) of
-- werkblad/Routekaart, M6, M7 and M9 (issue 9). Times are Unix seconds (UTC);
-- calendar dates are 'YYYY-MM-DD' text, times of day 'HH:MM' text.

-- Goals of a community (step 5): the library's goal, the participants' goal
-- and the shared goal(s). The current text is here; every version is kept in
-- goal_versions with who wrote it.
CREATE TABLE goals (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('library', 'participants', 'shared')),
	text         TEXT NOT NULL,
	position     INTEGER NOT NULL DEFAULT 0,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- last writer
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX goals_community ON goals(org_id, community_id, kind, position);

CREATE TABLE goal_versions (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	version    INTEGER NOT NULL,
	text       TEXT NOT NULL,
	person_id  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (goal_id, version)
);

-- SMART subgoals under a shared goal ("zodat het meetbaar wordt"). measure:
-- members, activities, participants, made_by (share of activities made met
-- or door the community, in percent) are counted by kring from activities
-- and the community; custom is a measure the user names (measure_name) and
-- enters by hand. baseline and target may be NULL: kring then says so.
CREATE TABLE subgoals (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	goal_id      INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	measure      TEXT NOT NULL CHECK (measure IN ('members', 'activities', 'participants',
	             'made_by', 'custom')),
	measure_name TEXT NOT NULL DEFAULT '',
	baseline     INTEGER,
	baseline_on  TEXT NOT NULL DEFAULT '',
	target       INTEGER,
	deadline     TEXT NOT NULL DEFAULT '',
	owner_id     INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- last writer
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX subgoals_goal ON subgoals(org_id, goal_id);
CREATE INDEX subgoals_community ON subgoals(org_id, community_id);

-- dated values of a subgoal entered by hand
CREATE TABLE measurements (
	id          INTEGER PRIMARY KEY,
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	subgoal_id  INTEGER NOT NULL REFERENCES subgoals(id) ON DELETE CASCADE,
	measured_on TEXT NOT NULL,
	value       INTEGER NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	person_id   INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX measurements_subgoal ON measurements(org_id, subgoal_id, measured_on);

-- Step 6: who does what, agreed per community: side 'library' (what the
-- library does) or 'ambassadors' (what the ambassadeurs do).
CREATE TABLE community_agreements (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	side         TEXT NOT NULL CHECK (side IN ('library', 'ambassadors')),
	text         TEXT NOT NULL,
	agreed_with  TEXT NOT NULL DEFAULT '',  -- who agreed, in words
	agreed_on    TEXT NOT NULL DEFAULT '',
	position     INTEGER NOT NULL DEFAULT 0,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL
);
CREATE INDEX community_agreements_c ON community_agreements(org_id, community_id, side, position);

-- Activities (step 6). made: voor (the library organises), met (together),
-- door (the community organises, the library facilitates). status planned
-- until confirmed afterwards ('held', with the real count) or 'cancelled'.
-- participants: a count, never names; NULL until counted.
CREATE TABLE activities (
	id             INTEGER PRIMARY KEY,
	org_id         INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	title          TEXT NOT NULL,
	held_on        TEXT NOT NULL,
	starts_at      TEXT NOT NULL DEFAULT '',
	ends_at        TEXT NOT NULL DEFAULT '',
	branch_id      INTEGER REFERENCES branches(id) ON DELETE SET NULL,
	place          TEXT NOT NULL DEFAULT '',  -- elsewhere, when no branch
	made           TEXT NOT NULL CHECK (made IN ('voor', 'met', 'door')),
	status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held',
	               'cancelled')),
	participants   INTEGER CHECK (participants IS NULL OR participants >= 0),
	outcome        TEXT NOT NULL DEFAULT '',
	follow_up      TEXT NOT NULL DEFAULT '',
	is_public      INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
	source_item_id INTEGER REFERENCES community_items(id) ON DELETE SET NULL,  -- a DOOR action
	person_id      INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- who wrote it down
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
);
CREATE INDEX activities_org ON activities(org_id, held_on, id);
CREATE INDEX activities_org_branch ON activities(org_id, branch_id, held_on);

CREATE TABLE activity_communities (
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, community_id)
);
CREATE INDEX activity_communities_c ON activity_communities(org_id, community_id);

-- who from the library took part
CREATE TABLE activity_staff (
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_staff_p ON activity_staff(org_id, person_id);

CREATE TABLE activity_partners (
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
	partner_id  INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, partner_id)
);
CREATE INDEX activity_partners_p ON activity_partners(org_id, partner_id);

-- Summaries kept on write (never aggregated over raw rows per page view):
-- held activities and their participants per month and way of making, for
-- the organisation (per branch; branch_id 0 = no branch) and per community.
-- core/activity.c keeps them in the same transaction as the change; a
-- recompute compares them with the raw rows.
CREATE TABLE activity_months (
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	branch_id    INTEGER NOT NULL,
	month        TEXT NOT NULL,  -- 'YYYY-MM'
	made         TEXT NOT NULL,
	activities   INTEGER NOT NULL DEFAULT 0,
	participants INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, branch_id, month, made)
);
CREATE TABLE community_activity_months (
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	month        TEXT NOT NULL,
	made         TEXT NOT NULL,
	activities   INTEGER NOT NULL DEFAULT 0,
	participants INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, community_id, month, made)
);

-- Calendar feeds (.ics) per organisation (community_id NULL) or community:
-- an unguessable key, stored as its hash; renewing replaces the row.
CREATE TABLE calendar_keys (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	key_hash     TEXT NOT NULL UNIQUE,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX calendar_keys_org ON calendar_keys(org_id, community_id);

-- Action points can be owned by an ambassadeur (a person, as before) or by a
-- partner ("de wijkvereniging regelt de zaal").
ALTER TABLE action_points ADD COLUMN owner_partner_id INTEGER REFERENCES partners(id)
	ON DELETE SET NULL;

-- Search learns activities, goals and (later) knowledge. SQLite cannot
-- change a CHECK in place: the table is rebuilt with the same ids (the FTS5
-- tables refer to them by rowid only).
CREATE TABLE search_docs_new (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('community', 'partner', 'conversation', 'activity',
	           'goal', 'knowledge')),
	ref_id     INTEGER NOT NULL,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (kind, ref_id)
);
INSERT INTO search_docs_new (id, org_id, kind, ref_id, title, body, updated_at)
	SELECT id, org_id, kind, ref_id, title, body, updated_at FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_new RENAME TO search_docs;
CREATE INDEX search_docs_org ON search_docs(org_id, kind);
