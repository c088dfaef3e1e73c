-- 002_communities: the community scan (step 3), community profiles (werkblad 2),
-- OF/BY/FOR actions (werkblad 3), staff roles and ambassadeurs (M4, M8 part).
-- Times are Unix seconds (UTC); calendar dates are 'YYYY-MM-DD' text.
-- Every table carries org_id so that every query can name the organisation.

CREATE TABLE communities (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	name          TEXT NOT NULL,
	description   TEXT NOT NULL DEFAULT '',
	why           TEXT NOT NULL DEFAULT '',
	geography     TEXT NOT NULL DEFAULT '',
	identity      TEXT NOT NULL DEFAULT '',
	affinity      TEXT NOT NULL DEFAULT '',
	archetype     TEXT NOT NULL DEFAULT '' CHECK (archetype IN
	              ('', 'practice', 'interest', 'action', 'circumstance', 'purpose', 'location')),
	bond          TEXT NOT NULL DEFAULT '' CHECK (bond IN
	              ('', 'nauwelijks', 'zwak', 'sterk', 'zeer-sterk')),
	contact_name  TEXT NOT NULL DEFAULT '',
	contact_how   TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'gewenst' CHECK (status IN
	              ('gewenst', 'verkennen', 'in-contact', 'samenwerken', 'zelfdragend', 'gestopt')),
	status_since  INTEGER NOT NULL,
	started_on    TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
CREATE INDEX communities_org ON communities(org_id, status);

-- every status a community had, with the date it changed (the first row is its creation)
CREATE TABLE community_status_changes (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	status       TEXT NOT NULL,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	at           INTEGER NOT NULL
);
CREATE INDEX community_status_changes_c ON community_status_changes(community_id, at);

-- ordered lists on the profile: sterktes and behoeften (werkblad 2) and the
-- actions in the three columns VAN / DOOR / VOOR (werkblad 3)
CREATE TABLE community_items (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('sterkte', 'behoefte', 'van', 'door', 'voor')),
	text         TEXT NOT NULL,
	status       TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'idee', 'gepland', 'gedaan')),
	position     INTEGER NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL
);
CREATE INDEX community_items_c ON community_items(community_id, kind, position);

-- staff (beheerder or medewerker of the org) in a role: lesson 1 and 6 of seed 004
CREATE TABLE community_staff (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	person_id    INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	role         TEXT NOT NULL CHECK (role IN ('bouwer', 'verbinder', 'aanjager')),
	created_at   INTEGER NOT NULL,
	UNIQUE (community_id, person_id, role)
);
CREATE INDEX community_staff_person ON community_staff(org_id, person_id);

-- the staff attachments of people who still are beheerder or medewerker of the org:
-- someone whose role changed no longer counts for the roles signal
CREATE VIEW community_staff_current AS
	SELECT s.id, s.org_id, s.community_id, s.person_id, s.role, s.created_at
	FROM community_staff s
	JOIN memberships m ON m.org_id = s.org_id AND m.person_id = s.person_id
	WHERE m.role IN ('beheerder', 'medewerker');

-- ambassadeurs: residents who co-own a community (and may see and edit only these)
CREATE TABLE community_ambassadors (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	person_id    INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	created_at   INTEGER NOT NULL,
	UNIQUE (community_id, person_id)
);
CREATE INDEX community_ambassadors_person ON community_ambassadors(org_id, person_id);

-- step 3: the two lists, bestaande and gewenste communities
CREATE TABLE scan_entries (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	list         TEXT NOT NULL CHECK (list IN ('bestaand', 'gewenst')),
	name         TEXT NOT NULL,
	description  TEXT NOT NULL DEFAULT '',
	why          TEXT NOT NULL DEFAULT '',
	community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX scan_entries_org ON scan_entries(org_id, list);

-- step 3: notes of the themascan and the omgevingsscan
CREATE TABLE scan_notes (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('thema', 'omgeving')),
	title      TEXT NOT NULL,
	body       TEXT NOT NULL DEFAULT '',
	person_id  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX scan_notes_org ON scan_notes(org_id, kind);
