-- 015_zelftest_pulse: issues 12 and 13 (M9, M10). The zelftest of each staff
-- member (private until shared with one chosen beheerder), the anonymous
-- sense-of-community pulse per community, and the energy mark (1-5) on
-- conversations and activities. Times are Unix seconds; dates 'YYYY-MM-DD'.

-- One time a person took the zelftest; the instrument version it was taken
-- with (instruments/zelftest.json) so old moments stay readable.
CREATE TABLE zelftest_moments (
	id                 INTEGER PRIMARY KEY,
	org_id             INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id          INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	taken_on           TEXT NOT NULL,
	instrument_version TEXT NOT NULL,
	created_at         INTEGER NOT NULL
);
CREATE INDEX zelftest_moments_person ON zelftest_moments(org_id, person_id, taken_on);

-- The score given to one item (a quality or a role) at one moment.
CREATE TABLE zelftest_scores (
	moment_id INTEGER NOT NULL REFERENCES zelftest_moments(id) ON DELETE CASCADE,
	item      TEXT NOT NULL,
	value     INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
	PRIMARY KEY (moment_id, item)
);

-- A person shares their zelftest with one beheerder of the organisation;
-- deleting the row revokes it.
CREATE TABLE zelftest_shares (
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	manager_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	shared_at  INTEGER NOT NULL,
	PRIMARY KEY (org_id, person_id)
);

-- A pulse round of one community: answered anonymously by its link
-- (/s/<token>) until closed_on is set.
CREATE TABLE pulse_rounds (
	id                 INTEGER PRIMARY KEY,
	org_id             INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id       INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	token              TEXT NOT NULL UNIQUE,
	opened_on          TEXT NOT NULL,
	closed_on          TEXT NOT NULL DEFAULT '',
	instrument_version TEXT NOT NULL,
	opened_by          INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at         INTEGER NOT NULL
);
CREATE INDEX pulse_rounds_community ON pulse_rounds(org_id, community_id, opened_on);

-- One anonymous answer: no person, no time, no address. nonce is the
-- answering form's one-time number, so a form sent twice counts once.
-- org_id (the round's) lets the scores below travel with an export.
CREATE TABLE pulse_responses (
	id          INTEGER PRIMARY KEY,
	round_id    INTEGER NOT NULL REFERENCES pulse_rounds(id) ON DELETE CASCADE,
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	nonce       TEXT NOT NULL,
	open_answer TEXT NOT NULL DEFAULT '',
	UNIQUE (round_id, nonce)
);

CREATE TABLE pulse_scores (
	response_id INTEGER NOT NULL REFERENCES pulse_responses(id) ON DELETE CASCADE,
	item        TEXT NOT NULL,
	value       INTEGER NOT NULL CHECK (value BETWEEN 1 AND 10),
	PRIMARY KEY (response_id, item)
);

-- "waar de energie zit": an optional mark 1-5 per conversation and activity
ALTER TABLE conversations ADD COLUMN energy INTEGER CHECK (energy IS NULL OR energy BETWEEN 1 AND 5);
ALTER TABLE activities ADD COLUMN energy INTEGER CHECK (energy IS NULL OR energy BETWEEN 1 AND 5);
