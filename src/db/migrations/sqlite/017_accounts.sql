-- 017_accounts: issue 14 (accounts people manage themselves) and issue 13
-- (invitations). One-time links are stored only as a hash; an invitation is
-- a role (and for an ambassadeur one community) waiting for its person.
-- Times are Unix seconds (UTC).

CREATE TABLE invitations (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	role         TEXT NOT NULL CHECK (role IN ('beheerder', 'medewerker', 'adviseur', 'ambassadeur')),
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	label        TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	created_by   INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL,
	accepted_by  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	accepted_at  INTEGER
);
CREATE INDEX invitations_org ON invitations(org_id, created_at);

CREATE TABLE link_tokens (
	id            INTEGER PRIMARY KEY,
	token_hash    TEXT NOT NULL UNIQUE,
	purpose       TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
	org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id     INTEGER REFERENCES persons(id) ON DELETE CASCADE,
	invitation_id INTEGER REFERENCES invitations(id) ON DELETE CASCADE,
	created_by    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at    INTEGER NOT NULL,
	expires_at    INTEGER NOT NULL,
	used_at       INTEGER,
	CHECK ((purpose = 'reset' AND person_id IS NOT NULL AND invitation_id IS NULL)
	    OR (purpose = 'invite' AND invitation_id IS NOT NULL AND person_id IS NULL))
);
CREATE INDEX link_tokens_person ON link_tokens(person_id);
CREATE INDEX link_tokens_invitation ON link_tokens(invitation_id);

-- a session shows where it was opened; a pending one still waits for the code
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;

-- two-step login (RFC 6238): the secret, whether it is confirmed, the last step used
ALTER TABLE persons ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN totp_on INTEGER NOT NULL DEFAULT 0;
ALTER TABLE persons ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
	id        INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at   INTEGER
);
CREATE INDEX recovery_codes_person ON recovery_codes(person_id);

ALTER TABLE orgs ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0;
