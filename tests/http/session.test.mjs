/*
 * session.test.mjs - logging in and out: the cookie, the messages of an
 * empty form, one message for every failed login, session rotation, logout
 * (and its notice), locking, safe redirects after login, and idle and
 * absolute session expiry.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, request, ORG, USERS, PASSWORD, TXT, sleep, textOf, csrfFrom } from './helpers.mjs';

const server = new Server();
const tls = new Server(); // --behind-tls
const idle = new Server(); // KRING_SESSION_IDLE=3
const absolute = new Server(); // KRING_SESSION_MAX=3

before(async () => {
	await Promise.all([
		server.start(),
		tls.start({ args: ['--behind-tls'] }),
		idle.start({ env: { KRING_SESSION_IDLE: '3' } }),
		absolute.start({ env: { KRING_SESSION_MAX: '3' } }),
	]);
});
after(() => [server, tls, idle, absolute].forEach((s) => s.kill()));

/* The session cookie works when it opens an org page (200), not a redirect to /login. */
async function sessionWorks(srv, cookieValue) {
	const res = await request(srv, 'GET', `/o/${ORG}/`, { cookie: `kring_session=${cookieValue}` });
	if (res.status === 200) return true;
	assert.equal(res.status, 303, `a dead session is sent to the login page (got ${res.status})`);
	assert.match(res.headers.location, /^\/login\?next=/);
	return false;
}

test('a good login: 303 and a kring_session cookie, HttpOnly, SameSite=Lax, Path=/, not Secure', async () => {
	const c = new Client(server);
	const page = await c.get('/login');
	assert.equal(page.status, 200);
	const anon = page.cookies.kring_anon;
	assert.ok(anon, 'the login page sets the anonymous cookie for its CSRF token');
	assert.ok(anon.attrs.includes('HttpOnly') && anon.attrs.includes('SameSite=Lax'), anon.line);
	const res = await c.login(USERS.marieke);
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, '/');
	const ck = res.cookies.kring_session;
	assert.ok(ck, 'Set-Cookie kring_session');
	assert.match(ck.value, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
	assert.ok(ck.attrs.includes('HttpOnly'), `HttpOnly: ${ck.line}`);
	assert.ok(ck.attrs.includes('SameSite=Lax'), `SameSite=Lax: ${ck.line}`);
	assert.ok(ck.attrs.includes('Path=/'), `Path=/: ${ck.line}`);
	assert.ok(!ck.attrs.some((a) => /^secure$/i.test(a)), `no Secure without --behind-tls: ${ck.line}`);
	assert.ok(await sessionWorks(server, ck.value));
	// one-org person: / sends her to her organisation
	const start = await c.get('/');
	assert.equal(start.status, 303);
	assert.equal(start.headers.location, `/o/${ORG}/`);
	const home = await c.get(`/o/${ORG}/`);
	assert.equal(home.status, 200);
	assert.ok(home.body.includes('Marieke Jansen'), 'the header names who is logged in');
});

test('with --behind-tls the cookies are also Secure', async () => {
	const c = new Client(tls);
	const page = await c.get('/login');
	assert.ok(page.cookies.kring_anon.attrs.some((a) => /^secure$/i.test(a)), page.cookies.kring_anon.line);
	const res = await c.login(USERS.sascha);
	const ck = res.cookies.kring_session;
	assert.ok(ck.attrs.some((a) => /^secure$/i.test(a)), `Secure: ${ck.line}`);
	assert.ok(ck.attrs.includes('HttpOnly') && ck.attrs.includes('SameSite=Lax') && ck.attrs.includes('Path=/'));
});

test('an empty login form: a message in plain words at each field, the e-mail kept', async () => {
	const c = new Client(server, { localAddress: '127.0.0.22' });
	const csrf = await c.csrf('/login');
	const empty = await c.post('/login', { email: '', password: '', csrf });
	assert.equal(empty.status, 422);
	assert.match(empty.body, /<p class="utrecht-form-field-error-message" id="f-email-error">Vul je e-mailadres in\.<\/p>/);
	assert.match(empty.body, /<p class="utrecht-form-field-error-message" id="f-password-error">Vul je wachtwoord in\.<\/p>/);
	assert.match(empty.body, /href="#f-email">Vul je e-mailadres in\.<\/a>.*href="#f-password">Vul je wachtwoord in\.<\/a>/s, 'the summary links to both');
	const half = await c.post('/login', { email: USERS.marieke, password: '', csrf });
	assert.equal(half.status, 422);
	assert.match(half.body, /name="email" type="email" value="marieke@desleutel\.nl"/, 'the e-mail is kept');
	assert.match(half.body, /id="f-password-error">Vul je wachtwoord in\.<\/p>/);
	assert.doesNotMatch(half.body, /id="f-email-error"/);
	assert.ok(!c.session && !half.cookies.kring_session, 'no session');
	// an empty form is no login attempt: it does not count toward the throttle
	for (let i = 0; i < 6; i++) assert.equal((await c.post('/login', { email: USERS.marieke, password: '', csrf })).status, 422);
	assert.equal((await c.post('/login', { email: USERS.marieke, password: PASSWORD, csrf })).status, 303);
});

test('wrong password, unknown e-mail and locked account give the very same answer', async () => {
	// jeroen has a session before he is locked; locking ends it
	const jeroen = new Client(server);
	await jeroen.login(USERS.jeroen);
	const before = jeroen.session;
	assert.ok(await sessionWorks(server, before));
	server.cli(['user', 'lock', '--email', USERS.jeroen]);
	assert.equal(await sessionWorks(server, before), false, 'a locked person loses the session');

	// on their own address, so these failures do not throttle other tests
	const addr = '127.0.0.21';
	const tries = [
		['wrong password', USERS.sascha, 'niet-het-goede-wachtwoord'],
		['unknown e-mail', 'niemand@desleutel.nl', PASSWORD],
		['locked account', USERS.jeroen, PASSWORD],
	];
	const answers = [];
	for (const [what, email, password] of tries) {
		const c = new Client(server, { localAddress: addr });
		const res = await c.loginRaw(email, password);
		assert.ok(!c.session, `${what}: no session`);
		assert.ok(!res.cookies.kring_session, `${what}: no session cookie`);
		const notice = /<div class="utrecht-alert[^"]*" role="alert">.*?<\/div>/s.exec(res.body);
		assert.ok(notice, `${what}: an alert on the page`);
		assert.ok(textOf(notice[0]).includes(TXT.loginFailed), `${what}: the Dutch failure message`);
		// the page is the same but for the typed e-mail address and the token
		const normal = res.body
			.replaceAll(email, 'EMAIL')
			.replace(/name="csrf" value="[^"]*"/, 'name="csrf" value=""');
		answers.push({ what, status: res.status, notice: notice[0], normal });
	}
	for (const a of answers.slice(1)) {
		assert.equal(a.status, answers[0].status, `${a.what}: same status as ${answers[0].what}`);
		assert.equal(a.notice, answers[0].notice, `${a.what}: same message as ${answers[0].what}`);
		assert.equal(a.normal, answers[0].normal, `${a.what}: same page as ${answers[0].what}`);
	}
	assert.ok(answers[0].status >= 400 && answers[0].status < 500, `a 4xx status (${answers[0].status})`);
	assert.ok(answers[0].normal.includes('value="EMAIL"'), 'the typed e-mail address is kept');
	assert.ok(!/type="password"[^>]*value="[^"]/.test(answers[0].normal), 'the password is not sent back');
	server.cli(['user', 'unlock', '--email', USERS.jeroen]);
});

test('login rotates the session: a new id, and the old cookie stops working', async () => {
	const c = new Client(server);
	await c.login(USERS.sascha);
	const first = c.session;
	// log in again from the same browser, which still carries the first session
	const csrf = await c.csrf();
	const res = await c.post('/login', { email: USERS.sascha, password: PASSWORD, csrf });
	assert.equal(res.status, 303);
	const second = res.cookies.kring_session?.value;
	assert.ok(second, 'a new session cookie');
	assert.notEqual(second, first, 'the session id changed');
	assert.equal(await sessionWorks(server, first), false, 'the old session is gone');
	assert.ok(await sessionWorks(server, second), 'the new session works');
});

test('logout needs the csrf token, removes the session and clears the cookie', async () => {
	const c = new Client(server);
	await c.login(USERS.fatima);
	const sid = c.session;
	// without a token: 403, still logged in
	const refused = await c.post('/logout', {});
	assert.equal(refused.status, 403);
	assert.ok(await sessionWorks(server, sid), 'a refused logout keeps the session');
	const csrf = await c.csrf();
	const res = await c.post('/logout', { csrf });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, '/login?uitgelogd=1');
	const cleared = res.cookies.kring_session;
	assert.ok(cleared, 'Set-Cookie clears kring_session');
	assert.ok(cleared.value === '' && cleared.attrs.some((a) => /^max-age=0$/i.test(a)), cleared.line);
	// the server forgot it: the old cookie value, sent again, leads to /login
	assert.equal(await sessionWorks(server, sid), false, 'the old cookie no longer works');
	const again = await request(server, 'GET', `/o/${ORG}/branches`, { cookie: `kring_session=${sid}` });
	assert.equal(again.status, 303);
	assert.equal(again.headers.location, `/login?next=${encodeURIComponent(`/o/${ORG}/branches`)}`);
	// the login page after logging out says so, calmly (a status, not an alert)
	const bye = await c.get(res.headers.location);
	assert.equal(bye.status, 200);
	assert.match(bye.body, /<div class="utrecht-alert utrecht-alert--ok kring-notice" role="status"><p class="utrecht-paragraph">Je bent uitgelogd\. Tot de volgende keer!<\/p><\/div>/);
	assert.ok(csrfFrom(bye.body), 'with the login form');
	assert.ok(!textOf((await c.get('/login')).body).includes(TXT.loggedOut), 'the plain login page does not say it');
});

test('made-up or malformed session cookies are ignored, not errors', async () => {
	for (const value of ['x', 'A'.repeat(43), '"' + 'B'.repeat(43) + '"', '%00'.repeat(20), 'é'.repeat(43)]) {
		const res = await request(server, 'GET', `/o/${ORG}/`, { cookie: `kring_session=${value}` });
		assert.equal(res.status, 303, `cookie ${value}: redirect to login (got ${res.status})`);
	}
});

test('a page asked for while logged out opens after login (next)', async () => {
	const c = new Client(server);
	const want = '/o/het-baken/branches';
	const first = await c.get(want);
	assert.equal(first.status, 303);
	assert.equal(first.headers.location, `/login?next=${encodeURIComponent(want)}`);
	const form = await c.get(first.headers.location);
	assert.match(form.body, /<input type="hidden" name="next" value="\/o\/het-baken\/branches">/);
	const res = await c.post('/login', { email: USERS.henk, password: PASSWORD, csrf: csrfFrom(form.body), next: want });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, want);
	assert.equal((await c.get(want)).status, 200);
});

test('after login only local paths are followed (no open redirect)', async () => {
	const c = new Client(server);
	await c.login(USERS.anouk);
	const base = new URL(server.base + '/');
	// GET /login?next=... of someone logged in redirects at once (same check as after POST /login)
	const good = await c.get(`/login?next=${encodeURIComponent(`/o/${ORG}/branches`)}`);
	assert.equal(good.status, 303);
	assert.equal(good.headers.location, `/o/${ORG}/branches`);
	for (const next of [
		'//evil.example/',
		'/\\evil.example/',
		'https://evil.example/',
		'/\t/evil.example/',
		'/\t\\evil.example/',
		'\t//evil.example/',
		' //evil.example/',
		'/\r\n/evil.example/',
	]) {
		const res = await c.get(`/login?next=${encodeURIComponent(next)}`);
		assert.equal(res.status, 303, JSON.stringify(next));
		const loc = res.headers.location;
		// as a browser resolves it (WHATWG URL: tabs and newlines are dropped)
		const target = new URL(loc, base);
		assert.equal(target.origin, base.origin, `next=${JSON.stringify(next)} redirects off-site: Location ${JSON.stringify(loc)}`);
	}
});

/* the two expiry tests wait for the clock: they run side by side on their own servers */
test('session expiry', { concurrency: true }, async (t) => {
	await Promise.all([
		t.test('idle expiry: an idle session ends, an active one does not', idleExpiry),
		t.test('absolute expiry: even an active session ends after KRING_SESSION_MAX', absoluteExpiry),
	]);
});

async function idleExpiry() {
	// KRING_SESSION_IDLE=3 on this server
	const lazy = new Client(idle);
	const busy = new Client(idle);
	await Promise.all([lazy.login(USERS.marieke), busy.login(USERS.sascha)]);
	assert.ok(await sessionWorks(idle, lazy.session), 'works right after login');
	const lazySid = lazy.session;
	const busyLog = [];
	const busyRun = (async () => {
		// a click every second for 7 seconds: never idle for 3 seconds
		for (let i = 0; i < 7; i++) {
			await sleep(1000);
			busyLog.push(await sessionWorks(idle, busy.session));
		}
	})();
	await sleep(5200);
	assert.equal(await sessionWorks(idle, lazySid), false, 'idle for more than 3 s: the session is gone');
	await busyRun;
	assert.deepEqual(
		busyLog,
		Array(7).fill(true),
		'a session in use every second must not expire with KRING_SESSION_IDLE=3 ' +
			`(true = still logged in, per second): ${JSON.stringify(busyLog)}`,
	);
}

async function absoluteExpiry() {
	// KRING_SESSION_MAX=3 on this server (idle timeout is the default 4 hours)
	const c = new Client(absolute);
	await c.login(USERS.marieke);
	const sid = c.session;
	assert.ok(await sessionWorks(absolute, sid), 'works right after login');
	await sleep(1000);
	assert.ok(await sessionWorks(absolute, sid), 'works after a second');
	await sleep(4200);
	assert.equal(await sessionWorks(absolute, sid), false, 'gone after more than 3 s, though in use');
}

test('servers stop cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await Promise.all([server.stop(), tls.stop(), idle.stop(), absolute.stop()]);
});
