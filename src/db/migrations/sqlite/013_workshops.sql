-- 013_workshops: team workshops (M11, issue 12). A workshop is a session of
-- the library's team with an agenda as in seed 004: a start time and rows of
-- minutes, onderwerp, leerdoel, werkvorm, materiaal and facilitator; kring
-- computes each row's clock time and the end (core/workshop_clock.c).
-- Afterwards: who of the staff were there, how many others, and a short
-- evaluation. Times of day are minutes after midnight; dates 'YYYY-MM-DD'.

CREATE TABLE workshops (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	version      INTEGER NOT NULL DEFAULT 1,
	title        TEXT NOT NULL,
	held_on      TEXT NOT NULL,
	start_min    INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
	place        TEXT NOT NULL DEFAULT '',
	others       INTEGER NOT NULL DEFAULT 0 CHECK (others BETWEEN 0 AND 100000),
	went_well    TEXT NOT NULL DEFAULT '',
	to_change    TEXT NOT NULL DEFAULT '',
	score        INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 5),
	evaluated_at INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL,
	created_by   INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX workshops_org ON workshops(org_id, held_on);

-- one row of the agenda, in the order of position (1, 2, ...)
CREATE TABLE workshop_rows (
	id          INTEGER PRIMARY KEY,
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	version     INTEGER NOT NULL DEFAULT 1,
	position    INTEGER NOT NULL,
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	topic       TEXT NOT NULL,
	goal        TEXT NOT NULL DEFAULT '',
	work_form   TEXT NOT NULL DEFAULT 'plenair',
	material    TEXT NOT NULL DEFAULT '',
	facilitator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workshop_rows_workshop ON workshop_rows(workshop_id, position);

-- the staff who were there
CREATE TABLE workshop_attendance (
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	PRIMARY KEY (workshop_id, person_id)
);
CREATE INDEX workshop_attendance_person ON workshop_attendance(person_id);

-- ready-made agendas ("Nieuwe workshop uit sjabloon"), as data
CREATE TABLE workshop_templates (
	name      TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439)
);
CREATE TABLE workshop_template_rows (
	template    TEXT NOT NULL REFERENCES workshop_templates(name) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	topic       TEXT NOT NULL,
	goal        TEXT NOT NULL DEFAULT '',
	work_form   TEXT NOT NULL DEFAULT 'plenair',
	material    TEXT NOT NULL DEFAULT '',
	facilitator TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (template, position)
);

-- the pilot's team session of Nieuw Delen (seed 004), 9.45 to 12.05: the
-- seed ends at "12.00 afsluiting", but its last row (11.55, 10 min) runs to
-- 12.05, which is what kring computes
INSERT INTO workshop_templates (name, title, start_min) VALUES
	('netwerken', 'Teamworkshop werken in netwerken', 585);
INSERT INTO workshop_template_rows
	(template, position, minutes, topic, goal, work_form, material, facilitator) VALUES
	('netwerken', 1, 30, 'Waarom werken in netwerken?',
	 'Inleiding door de manager: het belang en het waarom van werken in netwerken, gekoppeld aan het beleid van de bibliotheek',
	 'plenair', '', 'Manager'),
	('netwerken', 2, 25, 'Bespreken van aansprekende voorbeelden',
	 'Boekenproeverij, Nederland schrijft, Lezers van STAVAST, Lerendoeje.nu, Walk en talk, Platform Erfgoed Heerhugowaard',
	 'interactief', 'PPT', ''),
	('netwerken', 3, 30, 'Brainstorm mogelijke netwerkpartners of bestaande netwerken',
	 'En mogelijke samenwerkingsvormen of activiteiten; brainstorm in themagroepen',
	 'groepen', '', ''),
	('netwerken', 4, 30, 'Welke vragen, belemmeringen of zorgen heb je nog over ondernemen in netwerken?',
	 'Op geeltjes in de pauze (individueel), daarna een berenschietsessie',
	 'plenair', 'Geeltjes, stiften', 'Silvia'),
	('netwerken', 5, 15, 'Opfrissen: voorbereiden en uitvoeren van een netwerkgesprek',
	 '', 'interactief', 'Powerpoint', ''),
	('netwerken', 6, 10, 'Afspraken, open eindjes, vervolg',
	 'Praktijkopdracht: aanscherpen eigen pitch en netwerkgesprek; daarna afsluiting',
	 'groepen', '', 'Katja, Joelle of Anneke');
