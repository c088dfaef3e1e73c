/*
 * connections.test.mjs - idle connections cannot starve the server: the
 * connections per address (64) and in total (1000) are capped, others keep
 * being served (past nine tenths of the cap the longest-waiting connection
 * gives way to a newcomer), and the server answers again once the crowd is
 * gone. (The deadlines on slow requests are in pressure.test.mjs.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server, Client, request, sleep } from './helpers.mjs';

const server = new Server();

before(async () => {
	await server.start();
	await sleep(200);
	baseSockets = socketsHeld();
});
after(() => server.kill());

/* Opens n idle connections from localAddress; resolves the sockets once all connected or failed. */
async function openIdle(n, localAddress) {
	const socks = [];
	await Promise.all(
		Array.from(
			{ length: n },
			() =>
				new Promise((resolve) => {
					const s = net.connect({ host: '127.0.0.1', port: server.port, localAddress });
					s.closedByServer = false;
					s.on('connect', resolve);
					s.on('error', () => {
						s.closedByServer = true;
						resolve();
					});
					s.on('end', () => {
						s.closedByServer = true;
					});
					s.on('close', () => {
						s.closedByServer = true;
					});
					socks.push(s);
				}),
		),
	);
	return socks;
}

const openCount = (socks) => socks.filter((s) => !s.closedByServer).length;

const socketsHeld = () => server.socketCount();
let baseSockets = 0;

async function healthz(localAddress, timeout = 5000) {
	const res = await request(server, 'GET', '/healthz', { localAddress, timeout });
	return res.status === 200 && res.body === 'ok';
}

test('300 idle connections from one address: at most 64 are kept, others are still served', async () => {
	const socks = await openIdle(300, '127.0.0.1');
	await sleep(500); // the server closes what is over the limit
	const open = openCount(socks);
	assert.ok(open <= 64, `at most 64 connections from one address stay open (${open})`);
	const held = socketsHeld() - baseSockets;
	assert.ok(held <= 64, `the server holds at most 64 of them (${held})`);
	assert.ok(open >= 60, `the idle connections themselves were accepted (${open})`);
	// another address is served at once
	const t0 = Date.now();
	assert.ok(await healthz('127.0.0.2'), 'healthz from another address');
	assert.ok(Date.now() - t0 < 3000, 'and quickly');
	// the crowded address itself gets no more connections
	let refused = false;
	try {
		refused = !(await healthz('127.0.0.1'));
	} catch {
		refused = true;
	}
	assert.ok(refused, 'a 65th connection from the same address is refused');
	for (const s of socks) s.destroy();
	await sleep(300);
	assert.ok(await healthz('127.0.0.1'), 'after they close, that address is served again');
});

test('connections in total are capped at 1000, a newcomer is still served, and the server recovers', async () => {
	const addrs = Array.from({ length: 20 }, (_, i) => `127.0.0.${i + 30}`);
	const groups = await Promise.all(addrs.map((a) => openIdle(55, a)));
	await sleep(800);
	const all = groups.flat();
	// connections over the cap would wait in the kernel's listen queue, connected
	// as far as the client can tell: count the sockets the server process holds
	const held = socketsHeld() - baseSockets;
	assert.ok(held <= 1000, `at most 1000 connections in total are taken (${held} of ${all.length})`);
	assert.ok(held >= 890, `up to nine tenths of the cap they are taken (${held})`);
	// past nine tenths, the longest-waiting idle connection gives way: a newcomer is served
	assert.ok(await healthz('127.0.0.16', 1000), 'connection 1101 is served while 1100 idle ones were opened');
	assert.ok(socketsHeld() - baseSockets <= 1000, 'and the cap still holds');
	for (const s of all) s.destroy();
	await sleep(500);
	assert.ok(await healthz('127.0.0.16'), 'served again once they are gone');
	assert.ok(await healthz('127.0.0.1'));
});

test('a burst of logins does not starve other pages (password hashing is bounded)', async () => {
	// 12 logins at once, each from its own address (so no throttling), each an
	// argon2id check of ~100 ms or more; meanwhile pages must still be served
	const logins = Array.from({ length: 12 }, (_, i) =>
		(async () => {
			const c = new Client(server, { localAddress: `127.0.1.${i + 1}` });
			const res = await c.loginRaw(`burst${i}@voorbeeld.nl`, 'geen-goed-wachtwoord');
			return { status: res.status, at: Date.now() };
		})(),
	);
	await sleep(150);
	const t0 = Date.now();
	const page = await request(server, 'GET', '/login', { localAddress: '127.0.2.1' });
	const health = await request(server, 'GET', '/healthz', { localAddress: '127.0.2.1' });
	const servedAt = Date.now();
	const done = await Promise.all(logins);
	assert.equal(page.status, 200);
	assert.equal(health.status, 200);
	for (const d of done) assert.ok([401, 503].includes(d.status), `a failed login or "busy" (${d.status})`);
	const lastLogin = Math.max(...done.map((d) => d.at));
	assert.ok(servedAt < lastLogin, `pages were served (${servedAt - t0} ms) while logins were still being checked`);
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
