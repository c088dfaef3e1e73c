/*
 * pressure.test.mjs - kring holds up under the pressures of issue 8.
 *
 * Slow clients: kring stays reachable under 1,000 idle connections, and
 * 1,000 slow senders (one header byte every 5 s from ten addresses,
 * reconnecting whenever they are let go). During both, /healthz from a
 * fresh connection answers, and answers in under 100 ms.
 *
 * A full disk (SQLite on a small tmpfs, mounted here; skipped when mounting
 * is not permitted or the suite runs on PostgreSQL): a write answers the
 * Dutch 503 "niet opgeslagen", reads go on, /healthz says "disk full", and
 * once a file is removed kring takes writes again without a restart; a WAL
 * that filled the disk is cut back.
 *
 * The 100 ms bound is the functional property the issue asks for ("kring is
 * reachable", not a speed goal): an unstarved kring answers /healthz on
 * loopback in about a millisecond even in the sanitizer build, while a
 * starved one does not answer until a slot frees (seconds). 100 ms leaves
 * two orders of magnitude for a busy shared machine; the median of the
 * probes is held to it, and every single probe to a second.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { Server, Client, request, sleep, ORG, USERS, ROOT } from './helpers.mjs';
import { BACKEND, sql } from '../lib/database.mjs';

const server = new Server();
const quick = new Server(); // the body deadline shortened to 3 s

before(async () => {
	await Promise.all([server.start(), quick.start({ env: { KRING_BODY_TIMEOUT: '3' } })]);
});
after(() => [server, quick].forEach((s) => s.kill()));

/* One /healthz on a fresh connection: {ok, ms}. */
async function probe(srv, localAddress) {
	const t0 = process.hrtime.bigint();
	try {
		const res = await request(srv, 'GET', '/healthz', { localAddress, timeout: 5000 });
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		return { ok: res.status === 200 && res.body === 'ok', ms };
	} catch {
		return { ok: false, ms: Infinity };
	}
}

/* n probes, spaced by gap ms, each from its own fresh address. */
async function probes(srv, n, gap, addressOf) {
	const out = [];
	for (let i = 0; i < n; i++) {
		out.push(await probe(srv, addressOf(i)));
		await sleep(gap);
	}
	return out;
}

function assertReachable(results, what) {
	const ms = results.map((r) => r.ms).sort((a, b) => a - b);
	const median = ms[Math.floor(ms.length / 2)];
	const shown = ms.map((m) => (m === Infinity ? 'none' : m.toFixed(1))).join(', ');
	assert.ok(results.every((r) => r.ok), `${what}: every probe answered ok (${shown} ms)`);
	assert.ok(median < 100, `${what}: /healthz answers in under 100 ms (median ${median.toFixed(1)} ms; ${shown})`);
	assert.ok(ms[ms.length - 1] < 1000, `${what}: and never waits a second (${shown})`);
	return median;
}

/* Opens a socket from localAddress; resolves it once connected (or closed). */
function connect(srv, localAddress) {
	return new Promise((resolve) => {
		const s = net.connect({ host: '127.0.0.1', port: srv.port, localAddress });
		s.openedAt = Date.now();
		s.closedAt = null;
		s.on('error', () => {});
		s.on('close', () => {
			s.closedAt = Date.now();
			resolve(s);
		});
		s.on('connect', () => resolve(s));
	});
}

test('1,000 idle connections from twenty addresses: /healthz from a fresh connection answers in < 100 ms', async () => {
	const addrs = Array.from({ length: 20 }, (_, i) => `127.0.3.${i + 1}`);
	const socks = (await Promise.all(addrs.map((a) => Promise.all(Array.from({ length: 50 }, () => connect(server, a)))))).flat();
	await sleep(500);
	const held = server.socketCount();
	assert.ok(held <= 1000 + 8, `the server holds at most its 1,000 connections (${held})`);
	const results = await probes(server, 15, 100, (i) => `127.0.4.${i + 1}`);
	const median = assertReachable(results, 'during 1,000 idle connections');
	console.log(`# idle attack: ${socks.length} connections, server holds ${held} sockets, /healthz median ${median.toFixed(1)} ms`);
	// room was made by letting go of the longest-waiting idle connections
	assert.ok(socks.some((s) => s.closedAt !== null), 'the oldest idle connections gave way to the newcomers');
	for (const s of socks) s.destroy();
});

test('1,000 slow senders (one header byte every 5 s, ten addresses): kring stays reachable and cuts them after 10 s', async () => {
	// the attacker runs as its own process, so the probes here measure kring
	const attacker = spawn(process.execPath, [path.join(ROOT, 'tests/http/slow-senders.mjs'), String(server.port), '0', '127.0.5', '10', '100', '14'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	attacker.stdout.on('data', (d) => (out += d));
	const done = new Promise((resolve) => attacker.on('close', resolve));
	await sleep(1000);
	const held = server.socketCount();
	// probe for 13 s: past the 10 s head deadline, while the senders come back
	const results = await probes(server, 26, 500, (i) => `127.0.6.${i + 1}`);
	await done;
	const { connects, cut, longest } = JSON.parse(out);
	const median = assertReachable(results, 'during 1,000 slow senders');
	console.log(
		`# slow senders: ${connects} connects, server held ${held} sockets at first, ${cut} cut at the deadline and back, ` +
			`longest connection ${(longest / 1000).toFixed(1)} s, /healthz median ${median.toFixed(1)} ms`,
	);
	assert.ok(held <= 10 * 64 + 8, `each address holds at most 64 connections (${held} in all)`);
	assert.ok(cut > 0, 'slow senders were cut at their deadline');
	assert.ok(longest < 12000, `a request head must arrive within 10 s (longest connection: ${longest} ms)`);
});

test('a body sent slowly is cut at its deadline (KRING_BODY_TIMEOUT), a normal one is not', async () => {
	const s = await connect(quick, '127.0.7.1');
	s.write('POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n');
	const drip = setInterval(() => s.closedAt === null && s.write('a'), 500);
	for (let t = 0; t < 100 && s.closedAt === null; t++) await sleep(100);
	clearInterval(drip);
	assert.notEqual(s.closedAt, null, 'the slow body was cut');
	const lived = s.closedAt - s.openedAt;
	assert.ok(lived >= 2500 && lived < 6000, `at its 3 s deadline (after ${lived} ms)`);
	s.destroy();
	const ok = await probe(quick, '127.0.7.2');
	assert.ok(ok.ok, 'the server answers as before');
});

test('servers stop cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await Promise.all([server.stop(), quick.stop()]);
});

/* ---- a full disk ---- */

const FULL_TITLE = 'Niet opgeslagen';
const FULL_WHY = 'de schijf van de server is vol of kan alleen nog gelezen worden';

/* Mounts a tmpfs of size at a new directory; null (and why) when not permitted. */
function smallDisk(size) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-disk-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
		return { dir };
	} catch (e) {
		fs.rmSync(dir, { recursive: true, force: true });
		return { dir: null, why: String(e.stderr || e.message).trim() };
	}
}

/* Writes a file until the disk is full; returns its path. */
function fill(dir) {
	const file = path.join(dir, 'filler');
	const fd = fs.openSync(file, 'w');
	for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
		const chunk = Buffer.alloc(size, 1);
		try {
			for (;;) fs.writeSync(fd, chunk);
		} catch (e) {
			if (e.code !== 'ENOSPC') throw e;
		}
	}
	fs.closeSync(fd);
	return file;
}

async function healthz(srv) {
	const res = await request(srv, 'GET', '/healthz');
	return `${res.status} ${res.body}`;
}

function assertNotSaved(res, what) {
	assert.equal(res.status, 503, `${what}: 503, not 500 (got ${res.status})`);
	assert.ok(res.body.includes(FULL_TITLE) && res.body.includes(FULL_WHY), `${what}: the Dutch page says it was not saved, and why`);
	assert.equal(res.headers['retry-after'], '60', `${what}: with Retry-After`);
}

test('a full disk: writes answer a Dutch 503, reads go on, /healthz says so, and kring recovers when space returns', async (t) => {
	if (BACKEND !== 'sqlite') return t.skip('the full-disk test runs on SQLite (a file on a small tmpfs)');
	if (process.getuid?.() !== 0) return t.skip('mounting a small tmpfs needs root');
	const disk = smallDisk('8m');
	if (!disk.dir) return t.skip(`cannot mount a tmpfs here: ${disk.why}`);
	const srv = new Server();
	try {
		srv.db = path.join(disk.dir, 'kring.db');
		srv.cli(['demo']);
		srv.demoLoaded = true;
		sql(srv.db, 'PRAGMA wal_checkpoint(TRUNCATE)'); // every later write must grow the WAL
		await srv.start();
		const marieke = new Client(srv);
		await marieke.login(USERS.marieke);
		const csrf = await marieke.csrf(`/o/${ORG}/branches`);
		const addBranch = (name) => marieke.post(`/o/${ORG}/branches`, { name, place: 'Hier', csrf });
		assert.equal((await addBranch('Voor de volle schijf')).status, 303, 'a write before the disk is full');
		assert.equal(await healthz(srv), '200 ok');

		const filler = fill(disk.dir);
		// a write: the WAL cannot grow
		assertNotSaved(await addBranch('Op een volle schijf'), 'adding a branch');
		// reads go on
		const list = await marieke.get(`/o/${ORG}/branches`);
		assert.equal(list.status, 200, 'reading the branches still works');
		assert.ok(list.body.includes('Voor de volle schijf') && !list.body.includes('Op een volle schijf'), 'with what was saved, and nothing half-written');
		assert.equal((await marieke.get(`/o/${ORG}/`)).status, 200, 'and the home page');
		// a login saves a session: not possible now, and said so (not a 500)
		assertNotSaved(await new Client(srv, { localAddress: '127.0.8.1' }).loginRaw(USERS.sascha), 'logging in');
		assert.equal(await healthz(srv), '503 disk full', '/healthz reports the full disk');

		// space returns: kring takes writes again, without a restart
		fs.rmSync(filler);
		let health = '';
		for (let i = 0; i < 50 && health !== '200 ok'; i++) {
			health = await healthz(srv);
			if (health !== '200 ok') await sleep(100);
		}
		assert.equal(health, '200 ok', '/healthz recovers once a file is removed');
		assert.equal((await addBranch('Na de volle schijf')).status, 303, 'a write succeeds again');
		assert.ok((await marieke.get(`/o/${ORG}/branches`)).body.includes('Na de volle schijf'), 'and is there');
		const sascha = new Client(srv, { localAddress: '127.0.8.2' });
		await sascha.login(USERS.sascha);
		assert.ok(srv.stderr.includes('not saved, the disk is full or read-only'), 'the log names the cause');
		await srv.stop();
	} finally {
		srv.kill();
		if (srv.exited) await srv.exited; // its files closed before the unmount
		execFileSync('umount', [disk.dir]);
		fs.rmSync(disk.dir, { recursive: true, force: true });
	}
});

test('a WAL that fills the disk (a reader holds back the checkpoint) does not wedge kring: once a file is removed, it is cut back', async (t) => {
	if (BACKEND !== 'sqlite') return t.skip('the WAL test runs on SQLite (a file on a small tmpfs)');
	if (process.getuid?.() !== 0) return t.skip('mounting a small tmpfs needs root');
	const disk = smallDisk('8m');
	if (!disk.dir) return t.skip(`cannot mount a tmpfs here: ${disk.why}`);
	const srv = new Server();
	let reader = null;
	try {
		srv.db = path.join(disk.dir, 'kring.db');
		srv.cli(['demo']);
		srv.demoLoaded = true;
		sql(srv.db, 'PRAGMA wal_checkpoint(TRUNCATE)');
		await srv.start();
		const marieke = new Client(srv);
		await marieke.login(USERS.marieke);
		const csrf = await marieke.csrf(`/o/${ORG}/branches`);
		const addBranch = (name) => marieke.post(`/o/${ORG}/branches`, { name, place: 'Hier', csrf });
		// a reader that keeps its snapshot: no checkpoint gets past it, the WAL only grows
		reader = spawn('sqlite3', [srv.db], { stdio: ['pipe', 'pipe', 'inherit'] });
		const readerGone = new Promise((resolve) => reader.on('close', resolve));
		const started = new Promise((resolve) => reader.stdout.once('data', resolve));
		reader.stdin.write('BEGIN;\nSELECT count(*) FROM branches;\n');
		await started;
		// a small file the operator will remove, and 2 MiB for the WAL to fill
		fs.writeFileSync(path.join(disk.dir, 'spare'), Buffer.alloc(512 * 1024, 1));
		const st = fs.statfsSync(disk.dir);
		fs.writeFileSync(path.join(disk.dir, 'other'), Buffer.alloc(st.bavail * st.bsize - 2 * 1024 * 1024, 1));
		let res;
		let n = 0;
		do res = await addBranch(`Vestiging ${n++} ${'x'.repeat(150)}`);
		while (res.status === 303 && n < 3000);
		assertNotSaved(res, `write ${n}, once the WAL has filled the disk`);
		const walFull = fs.statSync(`${srv.db}-wal`).size;
		assert.equal(await healthz(srv), '503 disk full');
		// the reader ends, and a small file is removed: kring copies the WAL into
		// the database (which needs room to grow: without any, nothing can) and
		// cuts it back, by itself
		reader.stdin.end('COMMIT;\n');
		await readerGone;
		reader = null;
		fs.rmSync(path.join(disk.dir, 'spare'));
		let health = '';
		for (let i = 0; i < 50 && health !== '200 ok'; i++) {
			health = await healthz(srv);
			if (health !== '200 ok') await sleep(100);
		}
		assert.equal(health, '200 ok', '/healthz recovers once the reader is gone and a file removed');
		const walAfter = fs.statSync(`${srv.db}-wal`).size;
		const free = fs.statfsSync(disk.dir).bavail * fs.statfsSync(disk.dir).bsize;
		console.log(`# WAL: ${n - 1} writes filled the disk with a WAL of ${(walFull / 1024).toFixed(0)} KiB; cut back to ${(walAfter / 1024).toFixed(0)} KiB, ${(free / 1024).toFixed(0)} KiB free`);
		assert.ok(walAfter < walFull / 4, `the WAL was cut back (${walFull} -> ${walAfter} bytes)`);
		assert.ok(free > 1024 * 1024, `it gave back more than the removed 512 KiB (${free} bytes free)`);
		assert.equal((await addBranch('Na de volle WAL')).status, 303, 'a write succeeds again');
		await srv.stop();
	} finally {
		if (reader) reader.kill('SIGKILL');
		srv.kill();
		if (srv.exited) await srv.exited;
		execFileSync('umount', [disk.dir]);
		fs.rmSync(disk.dir, { recursive: true, force: true });
	}
});

test('a read-only remount: writes answer the same 503 and kring recovers after rw, without a restart', async (t) => {
	if (BACKEND !== 'sqlite') return t.skip('the read-only test runs on SQLite (a file on a small tmpfs)');
	if (process.getuid?.() !== 0) return t.skip('mounting a small tmpfs needs root');
	const disk = smallDisk('8m');
	if (!disk.dir) return t.skip(`cannot mount a tmpfs here: ${disk.why}`);
	const srv = new Server();
	try {
		srv.db = path.join(disk.dir, 'kring.db');
		srv.cli(['demo']);
		srv.demoLoaded = true;
		await srv.start();
		const marieke = new Client(srv);
		await marieke.login(USERS.marieke);
		const csrf = await marieke.csrf(`/o/${ORG}/branches`);
		const addBranch = (name) => marieke.post(`/o/${ORG}/branches`, { name, place: 'Hier', csrf });
		try {
			execFileSync('mount', ['-o', 'remount,ro', disk.dir], { stdio: 'pipe' });
		} catch (e) {
			// Linux refuses to remount read-only while a file is open for
			// writing (kring's database is): an operator's remount cannot
			// happen under a running kring; only the kernel forces one
			// (errors=remount-ro after an I/O error), which tmpfs cannot.
			return t.skip(`remount,ro refused while kring holds the database open: ${String(e.stderr).trim()}`);
		}
		assertNotSaved(await addBranch('Op een alleen-lezen schijf'), 'adding a branch');
		assert.equal((await marieke.get(`/o/${ORG}/branches`)).status, 200, 'reads go on');
		assert.equal(await healthz(srv), '503 disk full');
		execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
		let health = '';
		for (let i = 0; i < 50 && health !== '200 ok'; i++) {
			health = await healthz(srv);
			if (health !== '200 ok') await sleep(100);
		}
		assert.equal(health, '200 ok', '/healthz recovers after rw');
		assert.equal((await addBranch('Na alleen-lezen')).status, 303, 'a write succeeds again');
		await srv.stop();
	} finally {
		srv.kill();
		if (srv.exited) await srv.exited;
		try {
			execFileSync('mount', ['-o', 'remount,rw', disk.dir], { stdio: 'pipe' });
		} catch {
			/* rw already */
		}
		execFileSync('umount', [disk.dir]);
		fs.rmSync(disk.dir, { recursive: true, force: true });
	}
});
