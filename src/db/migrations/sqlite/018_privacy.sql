-- 018_privacy: privacy by construction (M13, issue 14). Times are Unix
-- seconds (UTC). The register of personal columns is src/db/personal.def.

-- How long an organisation keeps a category of data (days). A missing row
-- means the default of core/retention.c.
CREATE TABLE retention_settings (
	org_id   INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	category TEXT NOT NULL CHECK (category IN ('contact', 'links', 'access_log')),
	days     INTEGER NOT NULL CHECK (days BETWEEN 1 AND 3650),
	PRIMARY KEY (org_id, category)
);

-- The day the daily pass last enforced an organisation's retention.
CREATE TABLE retention_runs (
	org_id INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	ran_on TEXT NOT NULL DEFAULT ''
);

-- Who opened whose personal data. subject_kind names the kind of person
-- ('person', 'partner', 'community': a contact person), the one of
-- person_id, partner_id, community_id its id; never a name, so the log
-- itself holds no more than ids.
CREATE TABLE access_log (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	viewer_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'partner', 'community')),
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,       -- the person seen, or
	partner_id   INTEGER REFERENCES partners(id) ON DELETE SET NULL,      -- a partner's contact, or
	community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,   -- a community's contact
	what         TEXT NOT NULL CHECK (what IN ('detail', 'inzage', 'download', 'erase')),
	at           INTEGER NOT NULL
);
CREATE INDEX access_log_org ON access_log(org_id, at);

-- When a person lost their role in an organisation: the start of the
-- retention period of their contact details (written by the trigger below,
-- removed when they get a role there again).
CREATE TABLE privacy_departures (
	org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	left_at   INTEGER NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, person_id)
);

CREATE TRIGGER privacy_departure_note AFTER DELETE ON memberships
BEGIN
	INSERT INTO privacy_departures (org_id, person_id, left_at, role)
	SELECT OLD.org_id, OLD.person_id, CAST(strftime('%s', 'now') AS INTEGER), OLD.role
	WHERE EXISTS (SELECT 1 FROM persons WHERE id = OLD.person_id)
	  AND EXISTS (SELECT 1 FROM orgs WHERE id = OLD.org_id)
	ON CONFLICT (org_id, person_id) DO UPDATE SET left_at = excluded.left_at, role = excluded.role;
END;

CREATE TRIGGER privacy_departure_back AFTER INSERT ON memberships
BEGIN
	DELETE FROM privacy_departures WHERE org_id = NEW.org_id AND person_id = NEW.person_id;
END;
