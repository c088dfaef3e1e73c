-- 016_public: the organisation's public page for residents (M9, issue 13):
-- the page itself (off by default), the communities open to newcomers with
-- a description written for residents, the "ik doe mee" / "ik heb een
-- idee" submissions in the staff inbox, and the rate limit of the public
-- forms. Times are Unix seconds (UTC); dates 'YYYY-MM-DD' text.
-- Public activities use activities.is_public (migration 008).

-- One row per organisation that touched its public page settings.
-- retention_days: how long a submission keeps the resident's details;
-- keep_message: after that date the message stays, anonymised (1), or the
-- whole submission goes (0).
CREATE TABLE public_pages (
	org_id         INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
	intro          TEXT NOT NULL DEFAULT '',
	retention_days INTEGER NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 7 AND 730),
	keep_message   INTEGER NOT NULL DEFAULT 0 CHECK (keep_message IN (0, 1)),
	version        INTEGER NOT NULL DEFAULT 1,
	updated_at     INTEGER NOT NULL DEFAULT 0
);

-- A community on the public page: open to newcomers, with a description
-- for residents (never the internal profile).
CREATE TABLE public_communities (
	community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	open         INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
	description  TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX public_communities_org ON public_communities(org_id, open);

-- A resident's submission. name and contact only when the resident chose
-- to give them; consent_text is the sentence shown, consent_version its
-- version, consent_on the day. delete_on: the day the details go.
-- status: nieuw, scan (made a scan entry), contact (a conversation of the
-- community), uitnodigen (to be invited as ambassadeur), beantwoord.
CREATE TABLE inbox_items (
	id              INTEGER PRIMARY KEY,
	org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind            TEXT NOT NULL CHECK (kind IN ('doe-mee', 'idee')),
	community_id    INTEGER REFERENCES communities(id) ON DELETE SET NULL,
	message         TEXT NOT NULL DEFAULT '',
	name            TEXT NOT NULL DEFAULT '',
	contact         TEXT NOT NULL DEFAULT '',
	consent_version TEXT NOT NULL DEFAULT '',
	consent_text    TEXT NOT NULL DEFAULT '',
	consent_on      TEXT NOT NULL DEFAULT '',
	received_at     INTEGER NOT NULL,
	delete_on       TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'nieuw' CHECK (status IN
	                ('nieuw', 'scan', 'contact', 'uitnodigen', 'beantwoord')),
	answer          TEXT NOT NULL DEFAULT '',
	handled_by      INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	handled_at      INTEGER NOT NULL DEFAULT 0,
	made_id         INTEGER NOT NULL DEFAULT 0,
	anonymised      INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0, 1)),
	version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inbox_items_org ON inbox_items(org_id, status, received_at);
CREATE INDEX inbox_items_due ON inbox_items(delete_on, anonymised);

-- Accepted public submissions, for the rate limit (per address and per
-- organisation), kept a day: addr is a keyed hash of the address.
CREATE TABLE public_hits (
	id     INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	addr   TEXT NOT NULL,
	at     INTEGER NOT NULL
);
CREATE INDEX public_hits_addr ON public_hits(addr, at);
CREATE INDEX public_hits_org ON public_hits(org_id, at);

-- The key that signs the public forms' time stamps and hashes addresses
-- (core/public.c), made once here so that a page that only reads finds it.
INSERT INTO settings (key, value) VALUES ('public_form_key', lower(hex(randomblob(32))))
	ON CONFLICT (key) DO NOTHING;
