-- 010_knowledge: a community's outcomes as knowledge items (issue 11, M7,
-- Routekaart step 6 "hoe worden de uitkomsten vastgelegd"): a story, a note,
-- a link, a document or a photo, with a Markdown body, tags, the activity or
-- conversation it came from and who contributed. Times are Unix seconds.

CREATE TABLE knowledge_items (
	id              INTEGER PRIMARY KEY,
	org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	kind            TEXT NOT NULL CHECK (kind IN ('verhaal', 'notitie', 'link', 'document',
	                'foto')),
	title           TEXT NOT NULL,
	body            TEXT NOT NULL DEFAULT '',  -- Markdown
	url             TEXT NOT NULL DEFAULT '',  -- a link item's address
	activity_id     INTEGER REFERENCES activities(id) ON DELETE SET NULL,
	conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
	shared          INTEGER NOT NULL DEFAULT 0,  -- 1: advisers see it across libraries
	person_id       INTEGER REFERENCES persons(id) ON DELETE SET NULL,  -- who added it
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX knowledge_org ON knowledge_items(org_id, created_at);
CREATE INDEX knowledge_community ON knowledge_items(org_id, community_id, created_at);
CREATE INDEX knowledge_shared ON knowledge_items(shared, org_id);

-- Tags as typed (trimmed, at most 40 characters), one row each.
CREATE TABLE knowledge_tags (
	org_id  INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES knowledge_items(id) ON DELETE CASCADE,
	tag     TEXT NOT NULL,
	PRIMARY KEY (item_id, tag)
);
CREATE INDEX knowledge_tags_tag ON knowledge_tags(org_id, tag);

-- Who contributed: everyone who wrote or changed the item (staff and
-- ambassadeurs), and whoever the writer names.
CREATE TABLE knowledge_contributors (
	org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	item_id   INTEGER NOT NULL REFERENCES knowledge_items(id) ON DELETE CASCADE,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	PRIMARY KEY (item_id, person_id)
);

-- The file of a document or photo item, kept IN the database so that its
-- backup holds it: the bytes as base64 text (the same column type on both
-- backends and through the same text parameters; a third larger than the
-- file). content_type was checked on the bytes (never taken from the
-- browser); alt is the description of a photo.
CREATE TABLE knowledge_files (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	item_id      INTEGER NOT NULL UNIQUE REFERENCES knowledge_items(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	alt          TEXT NOT NULL DEFAULT '',
	data         TEXT NOT NULL,
	person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX knowledge_files_org ON knowledge_files(org_id, id);
