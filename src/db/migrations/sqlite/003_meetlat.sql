-- 003_meetlat: readiness (step 1), the frame (step 2), the vision exercise
-- (werkblad 1) and meetlat rounds (M2, M3). Times are Unix seconds (UTC).

-- Step 1: each time the six questions are answered is kept, dated.
CREATE TABLE readiness_checks (
	id                 INTEGER PRIMARY KEY,
	org_id             INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id          INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	instrument_version TEXT NOT NULL,
	note               TEXT NOT NULL DEFAULT '',
	created_at         INTEGER NOT NULL
);
CREATE INDEX readiness_checks_org ON readiness_checks(org_id, created_at);

CREATE TABLE readiness_answers (
	check_id INTEGER NOT NULL REFERENCES readiness_checks(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	position INTEGER NOT NULL, -- order in the instrument
	text     TEXT NOT NULL,    -- the question as it was asked
	yes      INTEGER NOT NULL CHECK (yes IN (0, 1)),
	PRIMARY KEY (check_id, question)
);

-- Step 2: the frame (kapstok); one per organisation, versioned against lost updates.
CREATE TABLE org_frames (
	org_id       INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	strategy     TEXT NOT NULL DEFAULT '',
	policy_goals TEXT NOT NULL DEFAULT '',
	stands_for   TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1,
	updated_at   INTEGER NOT NULL,
	updated_by   INTEGER REFERENCES persons(id) ON DELETE SET NULL
);

-- Werkblad 1: a session, the individual visions written in it, and every
-- version of the shared vision (the newest is the current one).
CREATE TABLE vision_sessions (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	title      TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX vision_sessions_org ON vision_sessions(org_id, created_at);

CREATE TABLE visions (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	session_id INTEGER NOT NULL REFERENCES vision_sessions(id) ON DELETE CASCADE,
	author     TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX visions_session ON visions(session_id);

CREATE TABLE shared_visions (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	session_id INTEGER REFERENCES vision_sessions(id) ON DELETE SET NULL,
	body       TEXT NOT NULL,
	authors    TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX shared_visions_org ON shared_visions(org_id, created_at);

-- The meetlat: every instrument text a round was answered with, by content hash.
CREATE TABLE meetlat_instruments (
	hash       TEXT PRIMARY KEY,
	version    TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at INTEGER NOT NULL
);

CREATE TABLE meetlat_rounds (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	title      TEXT NOT NULL,
	instrument TEXT NOT NULL REFERENCES meetlat_instruments(hash),
	token      TEXT NOT NULL UNIQUE, -- the anonymous answering link
	status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	opened_at  INTEGER NOT NULL,
	opened_by  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	closed_at  INTEGER,
	closed_by  INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX meetlat_rounds_org ON meetlat_rounds(org_id, opened_at);

-- One filled-in form. person_id is NULL for an anonymous answer by link;
-- nonce is the form's one-time number, so a double submission is refused.
CREATE TABLE meetlat_responses (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES meetlat_rounds(id) ON DELETE CASCADE,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	role_group   TEXT NOT NULL,
	nonce        TEXT NOT NULL,
	submitted_at INTEGER NOT NULL,
	UNIQUE (round_id, person_id),
	UNIQUE (round_id, nonce)
);
CREATE INDEX meetlat_responses_org ON meetlat_responses(org_id);

CREATE TABLE meetlat_answers (
	response_id INTEGER NOT NULL REFERENCES meetlat_responses(id) ON DELETE CASCADE,
	bouwsteen   TEXT NOT NULL,
	statement   TEXT NOT NULL,
	value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
	PRIMARY KEY (response_id, statement)
);

-- The optional comment a respondent writes with a bouwsteen.
CREATE TABLE meetlat_comments (
	response_id INTEGER NOT NULL REFERENCES meetlat_responses(id) ON DELETE CASCADE,
	bouwsteen   TEXT NOT NULL,
	body        TEXT NOT NULL,
	PRIMARY KEY (response_id, bouwsteen)
);
