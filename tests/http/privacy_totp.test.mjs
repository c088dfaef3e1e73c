/*
 * privacy_totp.test.mjs - two-step login secrets sealed at rest (issue 14):
 * a plain secret from before is sealed when the server starts and its codes
 * still work; a new enrolment is stored sealed and its codes log in; after
 * the server stopped, the database holds neither secret in the open; a
 * backup restores them sealed (they open with the same key only); and a
 * library that moves to another kring (kring export / import) leaves
 * two-step login behind: the person is told in Dutch to set it up again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Server, Client, KRING_BIN, USERS, ORG, csrfFrom, textOf, kring } from './helpers.mjs';
import { BACKEND, freshDatabase, sql } from '../lib/database.mjs';

const NOW = '2026-11-30T10:00:00'; // the server's clock (KRING_NOW): codes are exact
const NOW_S = Math.floor(new Date(`${NOW}Z`).getTime() / 1000);
const ENV = { KRING_NOW: NOW, TZ: 'UTC' };
const PLAIN = '0123456789abcdef0123456789abcdef01234567'; // sascha's secret from before sealing

let srv, dir;
let ip = 150;
const client = (server) => new Client(server, { localAddress: `127.0.0.${ip++}` });

before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-totp-'));
	srv = new Server();
	kring(['demo', '--db', srv.db]);
	srv.demoLoaded = true;
	sql(srv.db, `UPDATE persons SET totp_secret = '${PLAIN}', totp_on = 1 WHERE email = '${USERS.sascha}'`);
	await srv.start({ env: ENV });
});
after(() => {
	srv && srv.kill();
	dir && fs.rmSync(dir, { recursive: true, force: true });
});

// ---- RFC 6238, as an app computes it ----

function base32(buf) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const b of buf) bits += b.toString(2).padStart(8, '0');
	let out = '';
	for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
	return out;
}

function base32Decode(s) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of s.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
	const out = [];
	for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
	return Buffer.from(out);
}

function totp(secretB32, t, stepOffset = 0) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(Math.floor(t / 30) + stepOffset));
	const h = crypto.createHmac('sha1', base32Decode(secretB32)).update(msg).digest();
	const o = h[h.length - 1] & 15;
	const v = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
	return String(v % 1_000_000).padStart(6, '0');
}

/* Password, then the code of step offset: the response of the code's POST. */
async function loginWithCode(server, email, secretB32, offset) {
	const c = client(server);
	const first = await c.loginRaw(email);
	assert.equal(first.status, 303);
	assert.match(first.headers.location, /^\/login\/code/, 'a code is asked');
	const form = await c.get('/login/code');
	const res = await c.post('/login/code', { code: totp(secretB32, NOW_S, offset), csrf: csrfFrom(form.body) });
	return { c, res };
}

const stored = (db, email) => sql(db, `SELECT totp_secret FROM persons WHERE email = '${email}'`);

let jeroenB32;

test('a plain secret from before is sealed at start, and its codes still log in', async () => {
	assert.match(stored(srv.db, USERS.sascha), /^s1:[A-Za-z0-9_-]{80}$/);
	assert.ok(srv.stderr.includes('sealed 1 two-step secrets'), srv.stderr);
	const { c, res } = await loginWithCode(srv, USERS.sascha, base32(Buffer.from(PLAIN, 'hex')), 0);
	assert.equal(res.status, 303, res.body.slice(0, 500));
	assert.equal((await c.get(`/o/${ORG}/`)).status, 200, 'logged in');
});

test('an enrolment is stored sealed, and its codes log in', async () => {
	const j = client(srv);
	await j.login(USERS.jeroen);
	const start = await j.post('/account/totp/start', { csrf: await j.csrf('/account/totp') });
	assert.equal(start.status, 303);
	const body = (await j.get('/account/totp')).body;
	jeroenB32 = /id="totp-secret">([A-Z2-7 ]+)</.exec(body)[1].replace(/ /g, '');
	assert.match(stored(srv.db, USERS.jeroen), /^s1:/, 'sealed from the first moment');
	const ok = await j.post('/account/totp/confirm', { code: totp(jeroenB32, NOW_S), csrf: await j.csrf('/account/totp') });
	assert.equal(ok.status, 200);
	const { c, res } = await loginWithCode(srv, USERS.jeroen, jeroenB32, 1);
	assert.equal(res.status, 303);
	assert.equal((await c.get(`/o/${ORG}/`)).status, 200, 'logged in');
	// a changed sealed value opens no more: the right code is refused, not a 500
	const good = stored(srv.db, USERS.sascha);
	const bad = good.slice(0, 30) + (good[30] === 'A' ? 'B' : 'A') + good.slice(31);
	sql(srv.db, `UPDATE persons SET totp_secret = '${bad}' WHERE email = '${USERS.sascha}'`);
	const refused = await loginWithCode(srv, USERS.sascha, base32(Buffer.from(PLAIN, 'hex')), 1);
	assert.equal(refused.res.status, 401);
	assert.ok(textOf(refused.res.body).includes('Deze code klopt niet'));
	sql(srv.db, `UPDATE persons SET totp_secret = '${good}' WHERE email = '${USERS.sascha}'`);
});

test('after the server stopped, the database holds no secret in the open', async () => {
	await srv.stop({ keep: true });
	const jeroenHex = base32Decode(jeroenB32).toString('hex');
	assert.equal(jeroenHex.length, 40);
	for (const email of [USERS.jeroen, USERS.sascha]) assert.match(stored(srv.db, email), /^s1:/);
	if (BACKEND !== 'sqlite') return; // the file's bytes: SQLite only
	for (const f of [srv.db, `${srv.db}-wal`]) {
		if (!fs.existsSync(f)) continue;
		const bytes = fs.readFileSync(f);
		for (const secret of [jeroenHex, PLAIN, jeroenB32])
			assert.equal(bytes.indexOf(secret), -1, `${path.basename(f)} does not hold ${secret.slice(0, 6)}…`);
	}
});

test('a backup keeps the sealed secrets: restored with the same key they log in, with another they fail closed', async () => {
	const file = path.join(dir, 'backup.kring');
	const b = spawnSync(KRING_BIN, ['backup', '--db', srv.db, '--to', file], { encoding: 'utf8' });
	assert.equal(b.status, 0, b.stderr);
	const restored = BACKEND === 'postgres' ? freshDatabase(dir) : path.join(dir, 'restored.db');
	const r = spawnSync(KRING_BIN, ['restore', '--db', restored, '--from', file], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	assert.match(stored(restored, USERS.jeroen), /^s1:/);
	// five minutes later: codes of steps not used yet
	const later = { ...ENV, KRING_NOW: new Date((NOW_S + 300) * 1000).toISOString().slice(0, 19) };
	const code = (secretB32) => totp(secretB32, NOW_S + 300);
	const secretFile = path.join(dir, 'other-secret');
	fs.writeFileSync(secretFile, crypto.randomBytes(48), { mode: 0o600 });
	for (const [env, want] of [[{ ...later, KRING_SECRET_FILE: secretFile }, 401], [later, 303]]) {
		const there = await new Server({ db: restored }).start({ demo: false, env });
		try {
			const c = client(there);
			assert.equal((await c.loginRaw(USERS.jeroen)).status, 303);
			const form = await c.get('/login/code');
			const res = await c.post('/login/code', { code: code(jeroenB32), csrf: csrfFrom(form.body) });
			assert.equal(res.status, want, env.KRING_SECRET_FILE ? 'another key: refused' : 'the same key: in');
			await there.stop();
		} finally {
			there.kill();
		}
	}
});

test('a library that moves to another kring leaves two-step login behind, and says so in Dutch', async () => {
	const file = path.join(dir, 'move.json');
	const exp = spawnSync(KRING_BIN, ['export', '--db', srv.db, '--org', ORG, '--to', file], { encoding: 'utf8' });
	assert.equal(exp.status, 0, exp.stderr);
	const text = fs.readFileSync(file, 'utf8');
	assert.doesNotMatch(text, /"s1:/, 'no sealed secret in the file');
	assert.ok(!text.includes(PLAIN) && !text.includes(base32Decode(jeroenB32).toString('hex')), 'nor an open one');
	const target = BACKEND === 'postgres' ? freshDatabase(dir) : path.join(dir, 'target.db');
	const imp = spawnSync(KRING_BIN, ['import', '--db', target, '--from', file], { encoding: 'utf8' });
	assert.equal(imp.status, 0, imp.stderr);
	assert.equal(sql(target, `SELECT totp_on || ' ' || totp_moved || ' ' || CASE WHEN totp_secret = '' THEN 'leeg' ELSE totp_secret END FROM persons WHERE email = '${USERS.jeroen}'`), '0 1 leeg');
	assert.equal(sql(target, `SELECT totp_on || ' ' || totp_moved FROM persons WHERE email = '${USERS.marieke}'`), '0 0', 'who had none has nothing to redo');
	const there = await new Server({ db: target }).start({ demo: false, env: ENV });
	try {
		const j = client(there);
		const res = await j.login(USERS.jeroen);
		assert.equal(res.headers.location, '/account/totp', 'the password alone, then the news');
		const page = textOf((await j.get('/account/totp')).body);
		assert.ok(page.includes('Je organisatie is verhuisd naar deze kring.'), page.slice(0, 800));
		// set up again: sealed with this kring's key, and the note is gone
		const start = await j.post('/account/totp/start', { csrf: await j.csrf('/account/totp') });
		assert.equal(start.status, 303);
		assert.ok(!textOf((await j.get('/account/totp')).body).includes('verhuisd'));
		assert.match(stored(target, USERS.jeroen), /^s1:/);
		assert.equal(sql(target, `SELECT totp_moved FROM persons WHERE email = '${USERS.jeroen}'`), '0');
		await there.stop();
	} finally {
		there.kill();
	}
});
