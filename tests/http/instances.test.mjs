/*
 * instances.test.mjs - several kring instances on one PostgreSQL database
 * (issue 8): they start at once on an empty database and agree on the
 * server key; a session made on one works on the other; a version conflict
 * is seen across them; the login throttle counts across them; with
 * KRING_SECRET_FILE the shared file is the key; a page one instance keeps
 * (the page cache) is made anew after a change on the other. And the errors
 * a user can meet: the database unreachable at start (exit 1, the URL named without
 * its password), the connection lost while serving (the request in flight
 * answers a Dutch 503 and writes nothing; the next one is served).
 *
 * PostgreSQL only (KRING_TEST_PG, as scripts/test runs it): on SQLite the
 * multi-instance tests are skipped with a message; the unreachable-database
 * test runs on both (it needs no cluster).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Server, Client, KRING_BIN, USERS, PASSWORD, TXT, ORG, kring, csrfFrom, textOf, assertDutchError, sleep } from './helpers.mjs';
import { BACKEND, sql } from '../lib/database.mjs';

const PG = BACKEND === 'postgres';
const SKIP = PG ? false : 'PostgreSQL only: set KRING_TEST_PG (scripts/test does) to run several instances on one database';

let a, b;

before(async () => {
	if (!PG) return;
	// two instances start at the same moment on an empty database: both
	// migrate it and create the server key; the key must come out as one
	a = new Server();
	b = new Server({ db: a.db });
	await Promise.all([a.start({ demo: false }), b.start({ demo: false })]);
	kring(['demo', '--db', a.db]);
});
after(() => [a, b].forEach((s) => s && s.kill()));

/* c's cookies on another instance: a client of srv with the same jar. */
function on(srv, c) {
	const other = new Client(srv, { localAddress: c.localAddress });
	other.jar = new Map(c.jar);
	return other;
}

/* POSTs fields to urlPath with the csrf token of formPage (fetched on c's instance). */
async function postForm(c, formPage, urlPath, fields) {
	const page = await c.get(formPage);
	const csrf = csrfFrom(page.body);
	assert.ok(csrf, `a csrf token on ${formPage} (${page.status})`);
	return c.post(urlPath, { csrf, ...fields });
}

test('a session made on one instance works on the other, and its csrf token too', { skip: SKIP }, async () => {
	assert.equal(sql(a.db, "SELECT COUNT(*) FROM settings WHERE key = 'server_key'"), '1');
	const onA = new Client(a);
	await onA.login(USERS.sascha);
	const onB = on(b, onA);
	const page = await onB.get(`/o/${ORG}/communities`);
	assert.equal(page.status, 200, 'logged in on b with a session made on a');
	assert.match(page.body, /Taalcafé voor nieuwkomers/);
	// a form page from a, sent to b: the same key signs the token
	const csrf = csrfFrom((await onA.get(`/o/${ORG}/communities/new`)).body);
	const made = await onB.post(`/o/${ORG}/communities/new`, { csrf, name: 'Gemaakt op b', status: 'gewenst' });
	assert.equal(made.status, 303, textOf(made.body).slice(0, 300));
	// logging out on b ends the session on a
	const out = await postForm(onB, `/o/${ORG}/communities`, '/logout', {});
	assert.equal(out.status, 303);
	const after = await new Client(a, {}).get(`/o/${ORG}/communities`, { cookie: `kring_session=${onA.session}` });
	assert.equal(after.status, 303, 'the session is gone on a too');
});

test('a version conflict is detected across instances', { skip: SKIP }, async () => {
	const sascha = new Client(a);
	await sascha.login(USERS.sascha);
	const jeroen = new Client(b);
	await jeroen.login(USERS.jeroen);
	const made = await postForm(sascha, `/o/${ORG}/communities/new`, `/o/${ORG}/communities/new`, { name: 'Leesclub over twee', status: 'gewenst' });
	assert.equal(made.status, 303);
	const id = /\/communities\/(\d+)/.exec(made.headers.location)[1];
	const url = `/o/${ORG}/communities/${id}/edit`;
	const hers = (await sascha.get(url)).body;
	const his = (await jeroen.get(url)).body;
	const version = (html) => /name="version" value="(\d+)"/.exec(html)[1];
	assert.equal(version(hers), version(his));
	const fields = { name: 'Leesclub over twee', status: 'gewenst', version: version(his) };
	let res = await jeroen.post(url, { ...fields, csrf: csrfFrom(his), description: 'Van Jeroen, op b' });
	assert.equal(res.status, 303, 'the first save (on b) goes through');
	res = await sascha.post(url, { ...fields, csrf: csrfFrom(hers), description: 'Van Sascha, op a' });
	assert.equal(res.status, 409, 'the stale save on a is a conflict');
	assert.match(res.body, /Van Jeroen, op b/);
});

test('a page kept on one instance is made anew after a change on the other', { skip: SKIP }, async () => {
	const sascha = new Client(a);
	await sascha.login(USERS.sascha);
	const jeroen = new Client(b);
	await jeroen.login(USERS.jeroen);
	const list = `/o/${ORG}/communities`;
	await sascha.get(list);
	await sascha.get(list); // kept on a (the page cache)
	const made = await postForm(jeroen, `/o/${ORG}/communities/new`, `/o/${ORG}/communities/new`, { name: 'Gemaakt op b, gezien op a', status: 'gewenst' });
	assert.equal(made.status, 303);
	assert.match((await sascha.get(list)).body, /Gemaakt op b, gezien op a/);
});

test('the login throttle counts failures made on both instances', { skip: SKIP }, async () => {
	const addr = '127.0.0.61';
	for (let i = 0; i < 5; i++) {
		const c = new Client(i % 2 ? b : a, { localAddress: addr });
		const res = await c.loginRaw(USERS.fatima, 'niet-het-goede-wachtwoord');
		assert.ok(textOf(res.body).includes(TXT.loginFailed), `failure ${i + 1} on ${i % 2 ? 'b' : 'a'}`);
	}
	for (const srv of [a, b]) {
		const c = new Client(srv, { localAddress: addr });
		const res = await c.loginRaw(USERS.fatima, PASSWORD);
		assert.notEqual(res.status, 303, 'no login after 5 failures spread over two instances');
		assert.ok(textOf(res.body).includes(TXT.throttled), 'the throttle message');
	}
});

test('KRING_SECRET_FILE: instances given the same file share the key, and the file is the key', { skip: SKIP }, async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-secret-'));
	const file = path.join(dir, 'secret');
	fs.writeFileSync(file, 'een gedeeld geheim van minstens tweeëndertig bytes lang\n', { mode: 0o600 });
	const c = new Server({ db: a.db });
	const d = new Server({ db: a.db });
	try {
		await Promise.all([c.start({ env: { KRING_SECRET_FILE: file } }), d.start({ env: { KRING_SECRET_FILE: file } })]);
		const onC = new Client(c);
		await onC.login(USERS.sascha);
		const onD = on(d, onC);
		const csrf = csrfFrom((await onC.get(`/o/${ORG}/communities/new`)).body);
		let res = await onD.post(`/o/${ORG}/communities/new`, { csrf, name: 'Met het gedeelde geheim', status: 'gewenst' });
		assert.equal(res.status, 303, 'a token from c works on d');
		// a's key is the database's, not the file's: its tokens are refused on c
		const onA = on(a, onC);
		const fromA = csrfFrom((await onA.get(`/o/${ORG}/communities/new`)).body);
		res = await onC.post(`/o/${ORG}/communities/new`, { csrf: fromA, name: 'Met de sleutel van a', status: 'gewenst' });
		assert.equal(res.status, 403, 'a token signed with the database key is refused where the file is the key');
		// a file too short to be a secret: the server refuses to start
		fs.writeFileSync(file, 'kort');
		const short = spawnSync(KRING_BIN, ['serve', '--db', a.db, '--listen', '127.0.0.1:0'], { env: { ...process.env, KRING_SECRET_FILE: file }, encoding: 'utf8', timeout: 20000 });
		assert.equal(short.status, 1);
		assert.match(short.stderr, /KRING_SECRET_FILE/);
	} finally {
		c.kill();
		d.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('the connection lost while serving: the request in flight gets a Dutch 503 and writes nothing, the next is served', { skip: SKIP }, async () => {
	const sascha = new Client(a);
	await sascha.login(USERS.sascha);
	const form = (await sascha.get(`/o/${ORG}/communities/new`)).body;
	const before = sql(a.db, 'SELECT COUNT(*) FROM communities');
	// hold the search index locked from outside, so that creating a community
	// writes its row and then waits at the index
	const locker = spawn('psql', ['-qX', a.db, '-c', 'BEGIN; LOCK TABLE search_docs IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(30); COMMIT;'], {
		env: { ...process.env, PGAPPNAME: 'kring-test-locker' },
		stdio: 'ignore',
	});
	try {
		for (let i = 0; i < 100 && sql(a.db, "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'search_docs' AND l.mode = 'AccessExclusiveLock' AND l.granted") !== '1'; i++)
			await sleep(50);
		const inFlight = sascha.post(`/o/${ORG}/communities/new`, { csrf: csrfFrom(form), name: 'Half geschreven', status: 'gewenst' });
		// wait until kring waits for the lock, then end kring's connections
		const waiting = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name <> 'kring-test-locker'";
		for (let i = 0; i < 200 && sql(a.db, waiting) === '0'; i++) await sleep(50);
		assert.equal(sql(a.db, waiting), '1', 'the create waits for the lock');
		sql(a.db, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'kring-test-locker'");
		const res = await inFlight;
		assertDutchError(res, 503, 'Niet opgeslagen');
		assert.match(res.body, /kring kan de database op dit moment niet bereiken/);
	} finally {
		locker.kill();
	}
	// nothing half-written: no community row without its index entry
	assert.equal(sql(a.db, 'SELECT COUNT(*) FROM communities'), before);
	assert.equal(sql(a.db, "SELECT COUNT(*) FROM communities WHERE name = 'Half geschreven'"), '0');
	// the next requests are served, on fresh connections
	const page = await sascha.get(`/o/${ORG}/communities`);
	assert.equal(page.status, 200);
	const made = await postForm(sascha, `/o/${ORG}/communities/new`, `/o/${ORG}/communities/new`, { name: 'Na het herstel', status: 'gewenst' });
	assert.equal(made.status, 303);
	assert.equal(sql(a.db, "SELECT COUNT(*) FROM search_docs WHERE title = 'Na het herstel'"), '1');
});

test('a database that cannot be reached at start: exit 1, the URL named without its password', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-nodb-'));
	try {
		const url = `postgresql://kring:geheim-wachtwoord@/kring?host=${encodeURIComponent(dir)}&connect_timeout=2`;
		const res = spawnSync(KRING_BIN, ['serve', '--db', url, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 20000 });
		assert.equal(res.status, 1, res.stderr);
		assert.match(res.stderr, /cannot connect to postgresql:\/\/kring:\*\*\*@\/kring/);
		assert.ok(!res.stderr.includes('geheim-wachtwoord'), 'the password is not shown');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
