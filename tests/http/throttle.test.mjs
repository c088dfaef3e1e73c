/*
 * throttle.test.mjs - after 5 failed logins in 15 minutes for one account
 * from one client address, or 20 for one account from anywhere, further
 * tries are refused, without revealing whether the account exists. An
 * address alone is never locked: behind the TLS proxy (--trusted-proxy,
 * the client address from X-Forwarded-For) or a library's shared public
 * address, one person's typos must not lock out everyone else. A login
 * attempt counts from the moment it starts until it succeeds, so a burst of
 * simultaneous attempts cannot get past the limit either, not even with the
 * right password.
 *
 * Every scenario uses its own loopback source address (127.0.0.x), so the
 * counters do not mix; they run side by side on one server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, PASSWORD, TXT, FORM_CT, textOf, csrfFrom } from './helpers.mjs';

const server = new Server();
const PROXY = '127.0.0.50';
const proxied = new Server(); // behind a TLS proxy at PROXY

before(async () => {
	await Promise.all([server.start(), proxied.start({ args: ['--trusted-proxy', PROXY] })]);
});
after(() => [server, proxied].forEach((s) => s.kill()));

const WRONG = 'dit-is-niet-het-wachtwoord';

async function attempt(addr, email, password, srv = server) {
	const c = new Client(srv, { localAddress: addr });
	const res = await c.loginRaw(email, password);
	return { res, c, text: textOf(res.body) };
}

/* A login from addr with an X-Forwarded-For header (on the proxied server). */
async function attemptVia(addr, forwarded, email, password) {
	const c = new Client(proxied, { localAddress: addr });
	const headers = { 'X-Forwarded-For': forwarded };
	const page = await c.get('/login', { headers });
	const csrf = csrfFrom(page.body);
	assert.ok(csrf, 'login page has a csrf token');
	const res = await c.post('/login', { email, password, csrf }, { headers: { ...headers, 'Content-Type': FORM_CT } });
	return { res, c, text: textOf(res.body) };
}

function assertLoggedIn({ res, c }, what) {
	assert.equal(res.status, 303, `${what}: logged in (${res.status})`);
	assert.ok(c.session, `${what}: a session`);
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
		t.test('per account and address: after 5 wrong passwords even the right one is refused from there', async () => {
			const variants = [USERS.sascha, USERS.sascha.toUpperCase(), ` ${USERS.sascha}`, USERS.sascha, USERS.sascha];
			for (const [i, email] of variants.entries())
				assertFailed(await attempt('127.0.0.41', email, WRONG), `failure ${i + 1}`);
			const right = await attempt('127.0.0.41', USERS.sascha, PASSWORD);
			assertThrottled(right, 'right password after 5 failures');
			throttledPages.known = { res: right.res, email: USERS.sascha };
			// five guesses from one address do not lock the account for everyone
			assertLoggedIn(await attempt('127.0.0.42', USERS.sascha, PASSWORD), 'right password from another address');
		}),
		t.test('per account: after 20 wrong passwords from many addresses the right one is refused everywhere', async () => {
			const email = 'iedereen@bestaat-niet.nl';
			for (let a = 0; a < 4; a++)
				for (let i = 0; i < 5; i++)
					assertFailed(await attempt(`127.0.1.${a + 1}`, email, WRONG), `failure ${i + 1} from address ${a + 1}`);
			assertThrottled(await attempt('127.0.1.9', email, PASSWORD), 'from a fifth address');
		}),
		t.test('unknown e-mail: the same after 5 tries, nothing tells it does not exist', async () => {
			const email = 'niemand@bestaat-niet.nl';
			for (let i = 0; i < 5; i++) assertFailed(await attempt('127.0.0.43', email, WRONG), `failure ${i + 1}`);
			const sixth = await attempt('127.0.0.43', email, PASSWORD);
			assertThrottled(sixth, 'sixth try');
			throttledPages.unknown = { res: sixth.res, email };
		}),
		t.test('no address lock: after 5 failures for other accounts from one address, a good login from there works', async () => {
			for (let i = 1; i <= 5; i++)
				assertFailed(await attempt('127.0.0.44', `onbekend${i}@voorbeeld.nl`, WRONG), `failure ${i}`);
			for (let i = 1; i <= 5; i++)
				assertFailed(await attempt('127.0.0.44', USERS.fatima, WRONG), `fatima failure ${i}`);
			assertThrottled(await attempt('127.0.0.44', USERS.fatima, PASSWORD), 'fatima from that address');
			assertLoggedIn(await attempt('127.0.0.44', USERS.jeroen, PASSWORD), 'jeroen from the same address');
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

test('simultaneous good logins for one account from one address count while in flight: more than 5 at once are throttled', async () => {
	const fire = async (addrOf, emails) => {
		const clients = Array.from({ length: 10 }, (_, i) => new Client(server, { localAddress: addrOf(i) }));
		const tokens = await Promise.all(clients.map((c) => c.csrf('/login')));
		return Promise.all(
			clients.map(async (c, i) => {
				const res = await c.post('/login', { email: emails[i % emails.length], password: PASSWORD, csrf: tokens[i] });
				return { res, c, text: textOf(res.body) };
			}),
		);
	};
	const burst = await fire(() => '127.0.0.47', [USERS.henk]);
	const ok = burst.filter((a) => a.res.status === 303 && a.c.session);
	const refused = burst.filter((a) => a.text.includes(TXT.throttled));
	for (const a of refused) assertThrottled(a, 'a good login over the limit');
	assert.equal(ok.length + refused.length, 10, `every attempt logged in or was throttled: ${burst.map((a) => a.res.status)}`);
	assert.ok(ok.length >= 5, `the first 5 attempts are let through (${ok.length} logged in)`);
	assert.ok(refused.length >= 1, `10 good logins at once for one account from one address: more than 5 must not all get through (${ok.length} did)`);
	// good logins leave nothing behind: the account may log in again at once from there
	const after = await attempt('127.0.0.47', USERS.henk, PASSWORD);
	assert.equal(after.res.status, 303, 'a good login from the same address afterwards');
	// ten accounts at once from one address (a library's public network): all get in
	const many = [USERS.marieke, USERS.jeroen, USERS.anouk, USERS.henk, USERS.sascha];
	const shared = await fire(() => '127.0.0.48', many);
	assert.deepEqual(shared.map((a) => a.res.status), Array(10).fill(303), 'ten logins of five accounts from one address all get in');
	// the same burst for one account from ten addresses: all get in
	const spread = await fire((i) => `127.0.3.${i + 1}`, [USERS.marieke]);
	assert.deepEqual(spread.map((a) => a.res.status), Array(10).fill(303), 'from ten addresses all ten log in');
});

test('behind the trusted proxy: five bad logins by one user do not lock another user out', async () => {
	// everyone comes from the proxy's address; the proxy names the client last
	for (let i = 1; i <= 5; i++)
		assertFailed(await attemptVia(PROXY, '198.51.100.7', USERS.sascha, WRONG), `sascha failure ${i}`);
	assertThrottled(await attemptVia(PROXY, '198.51.100.7', USERS.sascha, PASSWORD), 'sascha again from her address');
	assertLoggedIn(await attemptVia(PROXY, '198.51.100.8', USERS.jeroen, PASSWORD), 'jeroen behind the same proxy');
	assertLoggedIn(await attemptVia(PROXY, '198.51.100.7', USERS.marieke, PASSWORD), 'marieke from the very same client address');
	// only the last hop counts: what the client itself put in front proves nothing
	for (let i = 1; i <= 5; i++)
		assertFailed(await attemptVia(PROXY, `10.9.9.${i}, 198.51.100.20`, USERS.fatima, WRONG), `fatima failure ${i}`);
	assertThrottled(await attemptVia(PROXY, '10.9.9.99, 198.51.100.20', USERS.fatima, PASSWORD), 'fatima with a made-up first hop');
	// sascha from another client address behind the proxy is let in
	assertLoggedIn(await attemptVia(PROXY, '198.51.100.9', USERS.sascha, PASSWORD), 'sascha from another client address');
});

test('a forwarded address from a peer that is not the trusted proxy is ignored', async () => {
	// a client that forges X-Forwarded-For, a new address each time: still one address
	for (let i = 1; i <= 5; i++)
		assertFailed(await attemptVia('127.0.0.51', `203.0.113.${i}`, USERS.anouk, WRONG), `failure ${i}`);
	assertThrottled(await attemptVia('127.0.0.51', '203.0.113.77', USERS.anouk, PASSWORD), 'a sixth forged address');
	// and without a header from there: the same counter
	assertThrottled(await attempt('127.0.0.51', USERS.anouk, PASSWORD, proxied), 'no header at all');
});

test('servers stop cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await Promise.all([server.stop(), proxied.stop()]);
});
