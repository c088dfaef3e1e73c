-- 009_signals: signals from the lessons learned (M8, issue 10). A signal is
-- one plain sentence about a community, a person or the organisation; kring
-- keeps the current ones here, refreshed in the same transaction as the
-- change that moves them (core/signal.c) and by a daily pass for the
-- time-based kinds. Times are Unix seconds (UTC); dates 'YYYY-MM-DD' text.

-- One current signal. kind names the rule (core/signal.h); community_id or
-- person_id or neither (the organisation) says what it is about; n1..n3 and
-- note are the numbers behind it. Set aside ("later") until aside_until
-- (inclusive) with a reason; it shows again after that date while it holds.
CREATE TABLE signals (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	person_id    INTEGER REFERENCES persons(id) ON DELETE CASCADE,
	n1           INTEGER NOT NULL DEFAULT 0,
	n2           INTEGER NOT NULL DEFAULT 0,
	n3           INTEGER NOT NULL DEFAULT 0,
	note         TEXT NOT NULL DEFAULT '',
	first_seen   INTEGER NOT NULL,
	aside_until  TEXT NOT NULL DEFAULT '',
	aside_reason TEXT NOT NULL DEFAULT '',
	aside_by     INTEGER REFERENCES persons(id) ON DELETE SET NULL,
	aside_at     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX signals_key ON signals(org_id, kind, community_id, person_id);
CREATE INDEX signals_community ON signals(org_id, community_id);

-- per organisation: the most communities one staff member should carry, and
-- the day the periodic pass last refreshed the time-based signals
CREATE TABLE signal_settings (
	org_id          INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	max_communities INTEGER NOT NULL DEFAULT 3 CHECK (max_communities BETWEEN 1 AND 50),
	refreshed_on    TEXT NOT NULL DEFAULT ''
);

-- the kinds an organisation's beheerder switched off
CREATE TABLE signal_kinds_off (
	org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	kind   TEXT NOT NULL,
	PRIMARY KEY (org_id, kind)
);

-- the start page reads a person's own work narrowly: their open action
-- points and the next contacts they planned
CREATE INDEX action_points_owner ON action_points(org_id, owner_id, done_at, due_on);
CREATE INDEX conversations_next ON conversations(org_id, person_id, next_on);
