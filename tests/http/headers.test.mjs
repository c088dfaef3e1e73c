/*
 * headers.test.mjs - /healthz, and the security headers on every kind of
 * response: pages, errors, redirects, assets, refused POSTs, 400/405/413,
 * and a request head over kring's limits (414/431), which kring answers
 * itself instead of libmicrohttpd.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, request, rawRequest, rawUpload, assertDutchError, ORG, USERS, FORM_CT } from './helpers.mjs';

const server = new Server();
let marieke;

before(async () => {
	await server.start();
	marieke = new Client(server);
	await marieke.login(USERS.marieke);
});
after(() => server.kill());

function directives(csp) {
	const d = {};
	for (const part of csp.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) d[name.toLowerCase()] = values;
	}
	return d;
}

function assertSecurityHeaders(res, what) {
	const h = res.headers;
	const csp = h['content-security-policy'];
	assert.ok(csp, `${what}: Content-Security-Policy is present`);
	const d = directives(csp);
	const scripts = d['script-src'] || d['default-src'];
	assert.ok(scripts, `${what}: CSP restricts scripts (script-src or default-src)`);
	assert.ok(!scripts.includes("'unsafe-inline'"), `${what}: no 'unsafe-inline' for scripts`);
	assert.ok(!scripts.includes("'unsafe-eval'"), `${what}: no 'unsafe-eval' for scripts`);
	assert.ok(!scripts.includes('*') && !scripts.includes('data:'), `${what}: scripts only from self`);
	assert.deepEqual(d['frame-ancestors'], ["'none'"], `${what}: frame-ancestors 'none'`);
	assert.equal(h['x-content-type-options'], 'nosniff', `${what}: nosniff`);
	assert.equal(h['x-frame-options'], 'DENY', `${what}: X-Frame-Options DENY`);
	const rp = h['referrer-policy'];
	assert.ok(rp, `${what}: Referrer-Policy is present`);
	assert.ok(
		['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(rp),
		`${what}: Referrer-Policy ${rp} does not leak URLs to other sites`,
	);
}

/* Pages must work under that CSP: no inline script, no event handler attributes. */
function assertNoInlineScript(res, what) {
	assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/i, `${what}: no inline <script>`);
	assert.doesNotMatch(res.body, /<[^>]+\son[a-z]+\s*=/i, `${what}: no on* event handler attributes`);
	assert.doesNotMatch(res.body, /href\s*=\s*"javascript:/i, `${what}: no javascript: links`);
}

test('GET /healthz answers 200 "ok" as plain text', async () => {
	const res = await request(server, 'GET', '/healthz');
	assert.equal(res.status, 200);
	assert.equal(res.body, 'ok');
	assert.match(res.headers['content-type'], /^text\/plain/);
	assertSecurityHeaders(res, '/healthz');
});

test('every kind of response carries CSP, nosniff, frame protection and Referrer-Policy', async (t) => {
	const anon = new Client(server);
	const cases = [
		['login page', () => anon.get('/login'), 200],
		['404 page', () => anon.get('/bestaat-niet'), 404],
		['redirect to login', () => anon.get(`/o/${ORG}/`), 303],
		['stylesheet', () => anon.get('/assets/kring.css'), 200],
		['missing asset', () => anon.get('/assets/bestaat-niet.css'), 404],
		['POST without csrf', () => anon.post('/login', { email: 'a@b.nl', password: 'x' }), 403],
		['wrong method', () => anon.post('/healthz', {}), 405],
		['bad form encoding', () => anon.post('/login', {}, { body: 'email=%zz' }), 400],
		[
			'body too large',
			() =>
				rawUpload(
					server,
					`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM_CT}\r\nContent-Length: 2200000`,
					'a='.padEnd(2200000, 'x'),
				),
			413,
		],
		['HEAD', () => request(server, 'HEAD', '/login'), 200],
		['logged-in org home', () => marieke.get(`/o/${ORG}/`), 200],
		['branch page', () => marieke.get(`/o/${ORG}/branches/1`), 200],
		['person page', () => marieke.get(`/o/${ORG}/people/2`), 200],
		['branch rename with an error', async () => marieke.post(`/o/${ORG}/branches/1`, { name: '', place: '', csrf: await marieke.csrf() }), 422],
		['logged-in 403', () => marieke.post(`/o/${ORG}/branches`, { name: 'x' }), 403],
		['organisation not found', () => marieke.get('/o/bestaat-niet/'), 404],
	];
	for (const [what, run, status] of cases) {
		await t.test(what, async () => {
			const res = await run();
			assert.equal(res.status, status, `${what}: status ${res.status}\n${res.body.slice(0, 500)}`);
			assertSecurityHeaders(res, what);
			if (/^text\/html/.test(res.headers['content-type'] || '')) assertNoInlineScript(res, what);
		});
	}
});

test('a URL or request headers over the limits: a Dutch 414 or 431 from kring, with the security headers', async (t) => {
	const cases = [
		// 40 KB: more than libmicrohttpd's default 32 KB, which it used to answer itself, bare
		['long URL (40 KB)', `GET /${'a'.repeat(40000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414, 'Dit webadres is te lang'],
		['long query (20 KB)', `GET /login?q=${'b'.repeat(20000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414, 'Dit webadres is te lang'],
		// (a flood of thousands of tiny cookies overflows libmicrohttpd's 64 KiB
		// connection pool first and gets its own bare 431: README, "Onder druk")
		['20 KB of cookies', `GET /login HTTP/1.1\r\nHost: x\r\nCookie: ${Array.from({ length: 5 }, (_, i) => `c${i}=${'v'.repeat(4000)}`).join('; ')}\r\nConnection: close\r\n\r\n`, 431, 'Te veel gegevens meegestuurd'],
		['40 KB in many headers', `GET /login HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 40 }, (_, i) => `X-Pad-${i}: ${'p'.repeat(1000)}\r\n`).join('')}Connection: close\r\n\r\n`, 431, 'Te veel gegevens meegestuurd'],
	];
	for (const [what, bytes, status, title] of cases) {
		await t.test(what, async () => {
			const res = await rawRequest(server, bytes);
			assertDutchError(res, status, title);
			assertSecurityHeaders(res, what);
			assertNoInlineScript(res, what);
		});
	}
	// just under the limits it is an ordinary request
	const near = await request(server, 'GET', `/login?q=${'b'.repeat(15000)}`);
	assert.equal(near.status, 200, 'a 15 KB query string is still served');
	assert.equal((await request(server, 'GET', '/healthz')).status, 200, 'the server still answers');
});

test('the stylesheet is served as CSS and cacheable; pages are not cached', async () => {
	const css = await request(server, 'GET', '/assets/kring.css');
	assert.equal(css.status, 200);
	assert.match(css.headers['content-type'], /^text\/css/);
	assert.ok(css.raw.length > 1000, 'the bundled stylesheet has content');
	assert.match(css.headers['cache-control'] || '', /max-age=\d+/);
	const page = await marieke.get(`/o/${ORG}/`);
	assert.equal(page.headers['cache-control'], 'no-store', 'personal pages are not stored by caches');
	assert.match(page.body, /<link rel="stylesheet" href="\/assets\/kring\.css\?v=[0-9a-f]+">/);
});

test('405 answers name only the methods the address allows (Allow header)', async () => {
	// /healthz is GET only: POST there is refused, so Allow must not offer POST
	const post = await request(server, 'POST', '/healthz', { headers: { 'Content-Type': FORM_CT }, body: '' });
	assert.equal(post.status, 405);
	const allowPost = (post.headers.allow || '').split(/\s*,\s*/);
	assert.ok(allowPost.includes('GET'), `Allow lists GET (got "${post.headers.allow}")`);
	assert.ok(!allowPost.includes('POST'), `Allow for /healthz must not list POST (got "${post.headers.allow}")`);
	// /logout is POST only
	const get = await request(server, 'GET', '/logout');
	assert.equal(get.status, 405);
	const allowGet = (get.headers.allow || '').split(/\s*,\s*/);
	assert.ok(allowGet.includes('POST'), `Allow lists POST (got "${get.headers.allow}")`);
	assert.ok(!allowGet.includes('GET'), `Allow for /logout must not list GET (got "${get.headers.allow}")`);
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
