/*
 * sigterm.test.mjs - SIGTERM finishes the requests in flight, closes the
 * database and exits 0; what those requests saved is there after a restart.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { Server, Client, request, ORG, USERS, PASSWORD, sleep, csrfFrom } from './helpers.mjs';

const server = new Server();
after(() => server.kill());

test('logins in flight when SIGTERM arrives still get their answer, and kring exits 0', async () => {
	await server.start();
	const names = ['marieke', 'sascha', 'jeroen', 'anouk', 'fatima', 'henk'];
	// each from its own address, as different people would be
	const clients = names.map((_, i) => new Client(server, { localAddress: `127.0.0.${71 + i}` }));
	const tokens = [];
	for (const c of clients) tokens.push(csrfFrom((await c.get('/login')).body));
	await sleep(100);
	const base = server.socketCount();
	// password checks take a while (argon2id, as many at once as there are
	// cores): send six, and SIGTERM as soon as the server has taken them
	const answeredAt = [];
	const inFlight = clients.map((c, i) =>
		c.post('/login', { email: USERS[names[i]], password: PASSWORD, csrf: tokens[i] }).then((r) => {
			answeredAt[i] = Date.now();
			return r;
		}),
	);
	for (let i = 0; i < 200 && server.socketCount() < base + names.length; i++) await sleep(5);
	await sleep(30);
	server.term();
	const termAt = Date.now();
	const answers = await Promise.allSettled(inFlight);
	for (const [i, a] of answers.entries()) {
		assert.equal(a.status, 'fulfilled', `${names[i]}: got an answer (${a.reason})`);
		assert.equal(a.value.status, 303, `${names[i]}: logged in (${a.value.status})`);
		assert.ok(clients[i].session, `${names[i]}: session cookie`);
	}
	assert.ok(
		answeredAt.some((t) => t > termAt),
		'at least one login was still being checked when SIGTERM came (else this test shows nothing)',
	);
	const res = await server.stop({ keep: true });
	assert.equal(res.code, 0);
	assert.match(server.stderr, /stopping \(SIGTERM\)/);
	assert.match(server.stderr, /kring: stopped/);
	// the database was closed: SQLite removes the WAL file with the last connection
	assert.ok(!fs.existsSync(`${server.db}-wal`), 'no WAL file left: the database was closed');

	// the sessions made during the shutdown were saved
	await server.start();
	for (const [i, c] of clients.entries()) {
		const org = names[i] === 'henk' ? 'het-baken' : ORG;
		const r = await request(server, 'GET', `/o/${org}/`, { cookie: `kring_session=${c.session}` });
		assert.equal(r.status, 200, `${names[i]}'s session survived the restart (${r.status})`);
	}
});

test('an idle keep-alive connection does not hold up the stop', async () => {
	// a request on a connection that stays open afterwards (HTTP/1.1 keep-alive)
	const sock = net.connect({ host: '127.0.0.1', port: server.port });
	await new Promise((r) => sock.on('connect', r));
	let got = '';
	sock.on('data', (d) => (got += d.toString('latin1')));
	sock.on('error', () => {});
	sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
	for (let i = 0; i < 50 && !got.endsWith('ok'); i++) await sleep(20);
	assert.match(got, /^HTTP\/1\.1 200 /, 'answered, connection kept open');
	const t0 = Date.now();
	await server.stop();
	assert.ok(Date.now() - t0 < 5000, `stopped in ${Date.now() - t0} ms`);
	sock.destroy();
});
