-- 001_foundation: organisations, branches, people, roles, sessions, audit log.
-- Times are Unix seconds (UTC).

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE orgs (
	id          INTEGER PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  INTEGER NOT NULL
);

CREATE TABLE branches (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	place      TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX branches_org ON branches(org_id, name);

CREATE TABLE persons (
	id         INTEGER PRIMARY KEY,
	email      TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	pw_hash    TEXT NOT NULL,
	locked     INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN ('beheerder', 'medewerker', 'adviseur', 'ambassadeur')),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, person_id)
);
CREATE INDEX memberships_person ON memberships(person_id);

CREATE TABLE sessions (
	id_hash    TEXT PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	seen_at    INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE login_failures (
	id  INTEGER PRIMARY KEY,
	key TEXT NOT NULL,
	at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	org_id    INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
	person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	at        INTEGER NOT NULL,
	action    TEXT NOT NULL,
	object    TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_org ON audit_log(org_id, at);
