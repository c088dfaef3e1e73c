-- 004_partners: partners and the communities they work with, partner power
-- (werkblad 4), conversations (gesprekken) with their action points (M5), and
-- the search index over communities, partners and conversations.
-- Times are Unix seconds (UTC); calendar dates are 'YYYY-MM-DD' text.
-- Every table carries org_id so that every query can name the organisation.

-- a person or an organisation the library works with
CREATE TABLE partners (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('vereniging', 'welzijn', 'school', 'gemeente',
	             'zorg', 'cultuur', 'bedrijf', 'inwoner', 'anders')),
	part_of      TEXT NOT NULL DEFAULT '',  -- werkblad 4: "van (community, organisatie, enz.)"
	description  TEXT NOT NULL DEFAULT '',
	contact_name TEXT NOT NULL DEFAULT '',
	contact_how  TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX partners_org ON partners(org_id, kind);

-- which communities a partner works with (many to many)
CREATE TABLE partner_communities (
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	partner_id   INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (partner_id, community_id)
);
CREATE INDEX partner_communities_c ON partner_communities(community_id);

-- werkblad 4, dated: what the partner finds important, as learnt in a talk
CREATE TABLE partner_power (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	partner_id   INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	met_on       TEXT NOT NULL,
	challenges   TEXT NOT NULL DEFAULT '',  -- uitdagingen
	core_values  TEXT NOT NULL DEFAULT '',  -- waarden
	goals        TEXT NOT NULL DEFAULT '',  -- doelen
	commitments  TEXT NOT NULL DEFAULT '',  -- afspraken: uren, activiteiten
	success      TEXT NOT NULL DEFAULT '',  -- hoe succes er voor hen uitziet
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX partner_power_p ON partner_power(partner_id, met_on);

-- contact moments. A partner with conversations cannot be deleted (the
-- foreign key has no ON DELETE clause on purpose: kring refuses and explains);
-- a deleted community leaves its conversations in place without it.
CREATE TABLE conversations (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	held_on      TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('kennismaking', 'partner-power', 'groepsgesprek',
	             'brainstorm')),
	partner_id   INTEGER REFERENCES partners(id),
	community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
	subject      TEXT NOT NULL,
	participants TEXT NOT NULL DEFAULT '',
	report       TEXT NOT NULL DEFAULT '',
	report_sent  INTEGER NOT NULL DEFAULT 0 CHECK (report_sent IN (0, 1)),
	next_on      TEXT NOT NULL DEFAULT '',  -- the next planned contact, or ''
	next_note    TEXT NOT NULL DEFAULT '',
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- who wrote it down
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX conversations_org ON conversations(org_id, held_on);
CREATE INDEX conversations_partner ON conversations(partner_id);
CREATE INDEX conversations_community ON conversations(community_id);

-- actiepunten: who does what by when; ticked off when done
CREATE TABLE action_points (
	id              INTEGER PRIMARY KEY,
	org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	text            TEXT NOT NULL,
	owner_id        INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	due_on          TEXT NOT NULL DEFAULT '',
	done_at         INTEGER,  -- NULL while open
	done_by         INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      INTEGER NOT NULL
);
CREATE INDEX action_points_conversation ON action_points(conversation_id);
CREATE INDEX action_points_open ON action_points(org_id, done_at, due_on);

-- ---- search (SQLite FTS5; the only backend-specific part of this schema) ----
-- One row per searchable record; kring's domain code keeps it in step, in the
-- same transaction as the change. With PostgreSQL the same table gets a
-- tsvector column (to_tsvector('simple', unaccent(title || ' ' || body)))
-- with a GIN index, and pg_trgm on unaccent(lower(...)) for parts of words.
CREATE TABLE search_docs (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('community', 'partner', 'conversation')),
	ref_id     INTEGER NOT NULL,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (kind, ref_id)
);
CREATE INDEX search_docs_org ON search_docs(org_id, kind);
-- whole words, accent- and case-insensitive ("cafe" finds "Café")
CREATE VIRTUAL TABLE search_words USING fts5(title, body,
	tokenize = 'unicode61 remove_diacritics 2');
-- parts of words, for Dutch compounds ("cafe" finds "Taalcafé"): the text is
-- folded by kring first (search.c), as this SQLite's trigram tokenizer keeps accents
CREATE VIRTUAL TABLE search_parts USING fts5(title, body, tokenize = 'trigram');
