-- 006_meetlat_figures: the results of a closed meetlat round, stored in the
-- transaction that closes it and read on every view (issue 8, P1): one row
-- per role group and bouwsteen, small groups already hidden. role_group ''
-- is everyone; bouwsteen '' holds the number of respondents (n) of that
-- group. mean_bits and sd_bits are the 64 bits of the IEEE 754 double, so
-- the figures read back are exactly those computed (a test recomputes and
-- compares). WITHOUT ROWID: the rows of a round lie together in the key.
CREATE TABLE meetlat_round_figures (
	round_id   INTEGER NOT NULL REFERENCES meetlat_rounds(id) ON DELETE CASCADE,
	role_group TEXT NOT NULL,
	bouwsteen  TEXT NOT NULL,
	n          INTEGER NOT NULL,
	mean_bits  INTEGER NOT NULL,
	sd_bits    INTEGER NOT NULL,
	hidden     INTEGER NOT NULL CHECK (hidden IN (0, 1)),
	PRIMARY KEY (round_id, role_group, bouwsteen)
) WITHOUT ROWID;
