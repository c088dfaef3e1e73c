/*
 * throttle.test.mjs - after 5 failed logins in 15 minutes, per e-mail address
 * and per client address, further tries are refused, without revealing
 * whether the account exists. A login attempt counts from the moment it
 * starts until it succeeds, so a burst of simultaneous attempts cannot get
 * past the limit either, not even with the right password.
 *
 * Every scenario uses its own loopback source address (127.0.0.x), so the
 * per-address counters do not mix; they run side by side on one server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, PASSWORD, TXT, textOf } from './helpers.mjs';

const server = new Server();

before(async () => {
	await server.start();
});
after(() => server.kill());

const WRONG = 'dit-is-niet-het-wachtwoord';

async function attempt(addr, email, password) {
	const c = new Client(server, { localAddress: addr });
	const res = await c.loginRaw(email, password);
	return { res, c, text: textOf(res.body) };
}

function assertFailed({ res, c, text }, what) {
	assert.ok(res.status >= 400 && res.status < 500, `${what}: refused (${res.status})`);
	assert.ok(!c.session, `${what}: no session`);
	assert.ok(text.includes(TXT.loginFailed), `${what}: the "not logged in" message`);
	assert.ok(!text.includes(TXT.throttled), `${what}: not throttled yet`);
}

function assertThrottled({ res, c, text }, what) {
	assert.ok(res.status >= 400 && res.status < 500, `${what}: refused (${res.status})`);
	assert.notEqual(res.status, 303, `${what}: no login`);
	assert.ok(!c.session && !res.cookies.kring_session, `${what}: no session`);
	assert.ok(text.includes(TXT.throttled), `${what}: the throttle message`);
}

/* The page without what differs by input: typed e-mail and token. */
function normal(res, email) {
	return res.body.replaceAll(email, 'EMAIL').replace(/name="csrf" value="[^"]*"/, '');
}

const throttledPages = {};

test('throttling', { concurrency: true }, async (t) => {
	await Promise.all([
		t.test('per account: after 5 wrong passwords even the right one is refused, from any address', async () => {
			const variants = [USERS.sascha, USERS.sascha.toUpperCase(), ` ${USERS.sascha}`, USERS.sascha, USERS.sascha];
			for (const [i, email] of variants.entries())
				assertFailed(await attempt('127.0.0.41', email, WRONG), `failure ${i + 1}`);
			const right = await attempt('127.0.0.41', USERS.sascha, PASSWORD);
			assertThrottled(right, 'right password after 5 failures');
			throttledPages.known = { res: right.res, email: USERS.sascha };
			// the account is protected, not just the address
			assertThrottled(await attempt('127.0.0.42', USERS.sascha, PASSWORD), 'right password from another address');
		}),
		t.test('unknown e-mail: the same after 5 tries, nothing tells it does not exist', async () => {
			const email = 'niemand@bestaat-niet.nl';
			for (let i = 0; i < 5; i++) assertFailed(await attempt('127.0.0.43', email, WRONG), `failure ${i + 1}`);
			const sixth = await attempt('127.0.0.43', email, PASSWORD);
			assertThrottled(sixth, 'sixth try');
			throttledPages.unknown = { res: sixth.res, email };
		}),
		t.test('per address: 5 failures with different e-mails, then a good login for another account is refused', async () => {
			for (let i = 1; i <= 5; i++)
				assertFailed(await attempt('127.0.0.44', `onbekend${i}@voorbeeld.nl`, WRONG), `failure ${i}`);
			assertThrottled(await attempt('127.0.0.44', USERS.jeroen, PASSWORD), 'jeroen from the throttled address');
			// jeroen himself is fine from elsewhere
			const elsewhere = await attempt('127.0.0.45', USERS.jeroen, PASSWORD);
			assert.equal(elsewhere.res.status, 303, 'jeroen can log in from another address');
			assert.ok(elsewhere.c.session);
		}),
	]);
	// no difference between a known and an unknown account once throttled
	const k = throttledPages.known, u = throttledPages.unknown;
	assert.equal(k.res.status, u.res.status, 'same status for a known and an unknown e-mail');
	assert.equal(normal(k.res, k.email), normal(u.res, u.email), 'same page for a known and an unknown e-mail');
});

test('throttling holds for simultaneous attempts: at most 5 passwords are checked', async () => {
	// 10 wrong passwords at once for one account, from one address. The limit is
	// 5 failures; an attacker who sends a burst must not get more guesses.
	const addr = '127.0.0.46';
	const clients = Array.from({ length: 10 }, () => new Client(server, { localAddress: addr }));
	const tokens = await Promise.all(clients.map((c) => c.csrf('/login')));
	const burst = await Promise.all(
		clients.map(async (c, i) => {
			const res = await c.post('/login', { email: USERS.anouk, password: WRONG, csrf: tokens[i] });
			return { res, c, text: textOf(res.body) };
		}),
	);
	const checked = burst.filter((a) => a.text.includes(TXT.loginFailed)).length;
	const refused = burst.filter((a) => a.text.includes(TXT.throttled)).length;
	assert.equal(checked + refused, 10, 'every attempt got one of the two answers');
	assert.ok(checked <= 5, `only 5 passwords may be tried; ${checked} of 10 simultaneous attempts were checked`);
	assertThrottled(await attempt(addr, USERS.anouk, PASSWORD), 'right password afterwards');
});

test('simultaneous good logins from one address count while in flight: more than 5 at once are throttled', async () => {
	// accounts that no other scenario here has throttled, at most 3 attempts each:
	// only the address reaches the limit
	const emails = [USERS.marieke, USERS.jeroen, USERS.fatima, USERS.henk];
	const fire = async (addrOf) => {
		const clients = Array.from({ length: 10 }, (_, i) => new Client(server, { localAddress: addrOf(i) }));
		const tokens = await Promise.all(clients.map((c) => c.csrf('/login')));
		return Promise.all(
			clients.map(async (c, i) => {
				const res = await c.post('/login', { email: emails[i % emails.length], password: PASSWORD, csrf: tokens[i] });
				return { res, c, text: textOf(res.body) };
			}),
		);
	};
	const burst = await fire(() => '127.0.0.47');
	const ok = burst.filter((a) => a.res.status === 303 && a.c.session);
	const refused = burst.filter((a) => a.text.includes(TXT.throttled));
	for (const a of refused) assertThrottled(a, 'a good login over the limit');
	assert.equal(ok.length + refused.length, 10, `every attempt logged in or was throttled: ${burst.map((a) => a.res.status)}`);
	assert.ok(ok.length >= 5, `the first 5 attempts are let through (${ok.length} logged in)`);
	assert.ok(refused.length >= 1, `10 good logins at once from one address: more than 5 must not all get through (${ok.length} did)`);
	// good logins leave nothing behind: the address may log in again at once
	const after = await attempt('127.0.0.47', USERS.marieke, PASSWORD);
	assert.equal(after.res.status, 303, 'a good login from the same address afterwards');
	// the same burst from ten addresses: all get in
	const spread = await fire((i) => `127.0.3.${i + 1}`);
	assert.deepEqual(spread.map((a) => a.res.status), Array(10).fill(303), 'from ten addresses all ten log in');
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
