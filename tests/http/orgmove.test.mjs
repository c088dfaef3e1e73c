/*
 * orgmove.test.mjs - `kring export --org SLUG` and `kring import` (issue 14):
 * one library moves from one kring to another, exactly. The round trip
 * export → import → export gives the same file byte for byte (ids are
 * renumbered in the file, so a target with other libraries in it changes
 * nothing); the moved library works there (logins, pages, search); someone
 * with an account in both (an adviser) stays one person; and a file that is
 * damaged, from a newer kring, or for a slug that exists is refused whole:
 * nothing is added. Runs on the backend of KRING_TEST_PG.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Server, Client, KRING_BIN, USERS, ORG, OTHER_ORG } from './helpers.mjs';
import { BACKEND, freshDatabase, sql } from '../lib/database.mjs';

let srv, dir;
before(async () => {
	srv = await new Server().start();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-orgmove-'));
});
after(() => {
	srv && srv.kill();
	dir && fs.rmSync(dir, { recursive: true, force: true });
});

/* A new, empty database: a new file, or a new PostgreSQL database. */
let n = 0;
function fresh() {
	return BACKEND === 'postgres' ? freshDatabase(dir) : path.join(dir, `target-${++n}.db`);
}

function run(args) {
	const r = spawnSync(KRING_BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function exportOrg(db, slug, name) {
	const file = path.join(dir, name);
	const r = run(['export', '--db', db, '--org', slug, '--to', file]);
	assert.equal(r.status, 0, r.stderr);
	return file;
}

/* Every table's row count, to see that a refused import added nothing. */
function counts(db) {
	return ['orgs', 'persons', 'memberships', 'communities', 'activities', 'audit_log', 'meetlat_answers']
		.map((t) => `${t}=${sql(db, `SELECT COUNT(*) FROM ${t}`)}`)
		.join(' ');
}

test('export, import into another kring, export again: the same file, byte for byte', async () => {
	const first = exportOrg(srv.db, ORG, 'first.json');
	const doc = JSON.parse(fs.readFileSync(first, 'utf8'));
	const tables = Object.fromEntries(doc.tables.map((t) => [t.table, t.rows.length]));
	for (const t of ['orgs', 'persons', 'communities', 'partners', 'conversations', 'activities', 'goals', 'meetlat_answers'])
		assert.ok(tables[t] > 0, `the export holds ${t}`);
	assert.equal(tables.orgs, 1);
	assert.equal(tables.sessions, undefined, 'sessions stay behind');
	assert.equal(tables.link_tokens, undefined, 'one-time links stay behind');
	assert.equal(tables.public_hits, undefined, 'rate-limit rows stay behind');
	assert.doesNotMatch(fs.readFileSync(first, 'utf8'), /Het Baken/, 'nothing of the other library');
	// a target that already serves another library: every id there is different
	const target = fresh();
	assert.equal(run(['org', 'add', '--db', target, '--slug', 'eerder-hier', '--name', 'Eerder hier']).status, 0);
	const imp = run(['import', '--db', target, '--from', first]);
	assert.equal(imp.status, 0, imp.stderr);
	const again = exportOrg(target, ORG, 'again.json');
	assert.ok(fs.readFileSync(again).equals(fs.readFileSync(first)), 'the round trip is exact');

	// the moved library works there: its people log in with their own password, pages and search answer
	const there = await new Server({ db: target }).start({ demo: false });
	try {
		const c = new Client(there);
		await c.login(USERS.sascha);
		const list = await c.get(`/o/${ORG}/communities`);
		assert.equal(list.status, 200);
		const names = sql(srv.db, `SELECT name FROM communities WHERE org_id = (SELECT id FROM orgs WHERE slug = '${ORG}') ORDER BY name`).split('\n');
		for (const n of names) assert.ok(list.body.includes(n.replace(/&/g, '&amp;')), `community ${n} is there`);
		const found = await c.get(`/o/${ORG}/search?q=${encodeURIComponent(names[0].split(' ')[0])}`);
		assert.equal(found.status, 200);
		assert.ok(found.body.includes(names[0].split(' ')[0]), 'the search index was rebuilt');
	} finally {
		there.kill();
	}
});

test('someone with an account in both libraries stays one person', () => {
	const a = exportOrg(srv.db, ORG, 'a.json');
	const b = exportOrg(srv.db, OTHER_ORG, 'b.json');
	const target = fresh();
	assert.equal(run(['import', '--db', target, '--from', a]).status, 0);
	const r = run(['import', '--db', target, '--from', b]);
	assert.equal(r.status, 0, r.stderr);
	assert.equal(sql(target, `SELECT COUNT(*) FROM persons WHERE email = '${USERS.anouk}'`), '1');
	assert.equal(sql(target, `SELECT COUNT(*) FROM memberships m JOIN persons p ON p.id = m.person_id WHERE p.email = '${USERS.anouk}'`), '2');
	assert.equal(sql(target, 'SELECT COUNT(*) FROM orgs'), '2');
});

test('a damaged file, one of a newer kring, or a slug that exists is refused whole', () => {
	const good = exportOrg(srv.db, ORG, 'good.json');
	const text = fs.readFileSync(good, 'utf8');
	const target = fresh();
	assert.equal(run(['import', '--db', target, '--from', good]).status, 0);
	const before = counts(target);
	const refuse = (name, content, why) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, content);
		const r = run(['import', '--db', target, '--from', file]);
		assert.equal(r.status, 1, `${name}: refused`);
		assert.match(r.stderr, why, `${name}: ${r.stderr}`);
		assert.match(r.stderr, /nothing was added/);
		assert.equal(counts(target), before, `${name}: nothing added`);
	};
	refuse('same.json', text, /exists here already/);
	const other = text.replace(`"${ORG}"`, '"een-andere-slug"');
	assert.notEqual(other, text);
	refuse('cut.json', other.slice(0, Math.floor(other.length / 2)), /not JSON/);
	refuse('newer.json', other.replace('"001_foundation.sql"', '"001_foundation.sql","999_toekomst.sql"'), /newer kring/);
	// a copy under another name collides with the links (meetlat, calendar) of the one here,
	// half-way through the file: what was added before goes too
	refuse('copy.json', other, /cannot add a row to/);
	refuse('garbage.json', 'dit is geen export', /not JSON/);
	refuse('other.json', '{"iets": 1}', /not a kring export/);
	// into an empty kring: the last row refers to a community the file does not hold
	const empty = fresh();
	assert.equal(run(['migrate', '--db', empty]).status, 0);
	const doc = JSON.parse(text);
	const ac = doc.tables.find((t) => t.table === 'activity_communities');
	ac.rows[ac.rows.length - 1][ac.columns.indexOf('community_id')] = 9999;
	const file = path.join(dir, 'dangling.json');
	fs.writeFileSync(file, JSON.stringify(doc));
	const r = run(['import', '--db', empty, '--from', file]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /activity_communities\.community_id refers to a row the file does not hold; nothing was added/);
	assert.equal(sql(empty, 'SELECT COUNT(*) FROM orgs') + sql(empty, 'SELECT COUNT(*) FROM persons'), '00');
	const none = run(['export', '--db', target, '--org', 'bestaat-niet', '--to', path.join(dir, 'none.json')]);
	assert.equal(none.status, 1);
	assert.match(none.stderr, /no organisation 'bestaat-niet'/);
	assert.ok(!fs.existsSync(path.join(dir, 'none.json')));
});
