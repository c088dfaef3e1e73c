/*
 * backup.test.mjs - `kring backup` and `kring restore` (issue 14, operations).
 *
 * A backup taken while kring serves and writers are busy restores to a
 * consistent database; a backup taken when the writers have stopped restores
 * to a database equal to the original in every table; a damaged, truncated,
 * foreign or unsealed file is refused with a clear message and nothing is
 * written; a restore never goes into a database that holds data.
 * Runs on the backend of KRING_TEST_PG (SQLite: the online backup API and a
 * sealed checksum; PostgreSQL: pg_dump and pg_restore).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Server, Client, KRING_BIN, USERS, ORG } from './helpers.mjs';
import { BACKEND, freshDatabase, sql } from '../lib/database.mjs';

const PG = BACKEND === 'postgres';
let srv, dir;

before(async () => {
	srv = await new Server().start();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-backup-'));
});
after(() => {
	srv && srv.kill();
	dir && fs.rmSync(dir, { recursive: true, force: true });
});

/* Runs kring; {status, stdout, stderr}. */
function run(args) {
	const r = spawnSync(KRING_BIN, args, { encoding: 'utf8' });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* The tables of a database, sorted (SQLite: ordinary tables; PostgreSQL: public schema). */
function tables(db) {
	const q = PG
		? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
		: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY 1";
	return sql(db, q).split('\n').filter(Boolean);
}

/* Every row of one table as text, in a fixed order (some tables have no rowid). */
function rows(db, table) {
	const out = sql(db, PG ? `SELECT t::text FROM "${table}" t` : `SELECT * FROM "${table}"`);
	return out.split('\n').sort().join('\n');
}

/* A place for a restored database: a new file, or a new PostgreSQL database. */
function target(name) {
	return PG ? freshDatabase(dir) : path.join(dir, name);
}

async function newCommunity(c, name) {
	const csrf = await c.csrf(`/o/${ORG}/communities/new`);
	const res = await c.post(`/o/${ORG}/communities/new`, { csrf, name, status: 'gewenst' });
	assert.equal(res.status, 303, res.body.slice(0, 300));
}

test('a backup taken while writers are busy restores to a consistent database', async () => {
	const c = new Client(srv);
	await c.login(USERS.sascha);
	let writing = true;
	let written = 0;
	const writer = (async () => {
		while (writing) {
			await newCommunity(c, `Tijdens de back-up ${written}`);
			written++;
		}
	})();
	while (written < 3) await new Promise((r) => setTimeout(r, 20));
	const file = path.join(dir, 'busy.bak');
	const b = run(['backup', '--db', srv.db, '--to', file]);
	writing = false;
	await writer;
	assert.equal(b.status, 0, b.stderr);
	assert.ok(written > 3, 'the writers went on while the backup ran');
	const db = target('busy.db');
	const r = run(['restore', '--db', db, '--from', file]);
	assert.equal(r.status, 0, r.stderr);
	if (!PG) assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
	if (!PG) assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');
	// each community was written with its audit entry in one transaction:
	// the copy holds both or neither
	const made = Number(sql(db, "SELECT COUNT(*) FROM communities WHERE name LIKE 'Tijdens de back-up %'"));
	assert.ok(made >= 3, `communities made before the backup are in it (${made})`);
	assert.equal(
		sql(db, "SELECT COUNT(*) FROM communities c WHERE c.name LIKE 'Tijdens de back-up %' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.org_id = c.org_id AND a.action LIKE 'community.%')"),
		'0',
	);
	// the restored database serves
	const again = await new Server({ db }).start({ demo: false });
	try {
		const c2 = new Client(again);
		await c2.login(USERS.sascha);
		const page = await c2.get(`/o/${ORG}/communities?zoek=${encodeURIComponent('Tijdens de back-up 0')}`);
		assert.equal(page.status, 200);
	} finally {
		again.kill();
	}
});

test('a backup restores to a database equal to the original in every table', () => {
	const file = path.join(dir, 'still.bak');
	const b = run(['backup', '--db', srv.db, '--to', file]);
	assert.equal(b.status, 0, b.stderr);
	const db = target('still.db');
	const r = run(['restore', '--db', db, '--from', file]);
	assert.equal(r.status, 0, r.stderr);
	const names = tables(srv.db);
	assert.ok(names.length > 40, `every table (${names.length})`);
	assert.deepEqual(tables(db), names);
	for (const t of names) assert.equal(rows(db, t), rows(srv.db, t), `table ${t} is equal after the restore`);
	assert.ok(Number(sql(db, 'SELECT COUNT(*) FROM communities')) > 0);
});

test('a backup never overwrites a file, and a restore never goes into a database with data', () => {
	const file = path.join(dir, 'once.bak');
	assert.equal(run(['backup', '--db', srv.db, '--to', file]).status, 0);
	const size = fs.statSync(file).size;
	const again = run(['backup', '--db', srv.db, '--to', file]);
	assert.equal(again.status, 1);
	assert.match(again.stderr, /already exists/);
	assert.equal(fs.statSync(file).size, size);
	const into = run(['restore', '--db', srv.db, '--from', file]);
	assert.equal(into.status, 1);
	assert.match(into.stderr, /not empty/);
	assert.equal(run(['backup']).status, 2, 'backup without --to is a usage error');
	assert.equal(run(['restore']).status, 2, 'restore without --from is a usage error');
});

test('a damaged, truncated or foreign backup is refused with a clear message and writes nothing', () => {
	const file = path.join(dir, 'good.bak');
	assert.equal(run(['backup', '--db', srv.db, '--to', file]).status, 0);
	const good = fs.readFileSync(file);
	const cases = {};
	// one letter of a name changed inside a row: the structure is fine, the content not
	const flipped = Buffer.from(good);
	const at = flipped.indexOf(PG ? Buffer.from('PGDMP') : Buffer.from('Sascha'));
	assert.ok(at >= 0);
	if (PG) flipped.fill(0x41, 64, Math.min(flipped.length, 4096));
	else flipped[at] = 'Z'.charCodeAt(0);
	cases.flipped = flipped;
	cases.truncated = good.subarray(0, Math.floor(good.length / 3));
	cases.text = Buffer.from('dit is geen back-up\n'.repeat(100));
	cases.empty = Buffer.alloc(0);
	for (const [name, bytes] of Object.entries(cases)) {
		const bad = path.join(dir, `${name}.bak`);
		fs.writeFileSync(bad, bytes);
		const db = target(`${name}.db`);
		const r = run(['restore', '--db', db, '--from', bad]);
		assert.equal(r.status, 1, `${name}: refused (${r.stderr})`);
		assert.match(r.stderr, /restore refused: .*(not a usable kring backup|damaged)/, name);
		if (PG) assert.equal(tables(db).length, 0, `${name}: nothing restored`);
		else assert.ok(!fs.existsSync(db) && !fs.existsSync(`${db}.part`), `${name}: no database written`);
	}
	if (!PG) {
		// a kring database that is not a sealed backup
		const r = run(['restore', '--db', path.join(dir, 'raw.db'), '--from', srv.db]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /not a kring backup/);
	}
});
