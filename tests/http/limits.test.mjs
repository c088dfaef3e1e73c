/*
 * limits.test.mjs - what arrives from the network is bounded and checked:
 * bodies over the limit get 413 (with Content-Length and chunked),
 * malformed forms, invalid UTF-8 and NUL bytes get a Dutch 400 or a form
 * error, never a 500 or a crash, and the server keeps answering.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Server, Client, KRING_BIN, request, rawRequest, rawUpload, ORG, USERS, TXT, FORM_CT, assertDutchError, textOf, branchIds } from './helpers.mjs';

const server = new Server(); // default limit: 2 MiB
const small = new Server(); // --max-body 2048
let marieke;
const MiB = 1024 * 1024;
const LIMIT = 2 * MiB; // kring serve's default --max-body

before(async () => {
	await Promise.all([server.start(), small.start({ args: ['--max-body', '2048'] })]);
	marieke = new Client(server);
	await marieke.login(USERS.marieke);
});
after(() => [server, small].forEach((s) => s.kill()));

async function alive(srv = server) {
	const res = await request(srv, 'GET', '/healthz');
	assert.equal(res.status, 200, 'the server still answers');
	assert.equal(res.body, 'ok');
}

/* A urlencoded body of exactly n bytes. */
function bodyOf(n, prefix = 'a=') {
	return prefix + 'x'.repeat(n - prefix.length);
}

test('a body over the default limit (2 MiB) gets 413, with Content-Length and with chunked transfer', async () => {
	const anon = new Client(server);
	const csrf = await anon.csrf('/login');
	const over = bodyOf(LIMIT + 1, `csrf=${csrf}&email=a%40b.nl&password=x&pad=`);
	const head = (url, len, cookie) =>
		`POST ${url} HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM_CT}\r\nContent-Length: ${len}\r\nCookie: ${cookie}`;
	const cl = await rawUpload(server, head('/login', over.length, anon.cookieHeader()), over);
	assert.equal(cl.status, 413, `Content-Length over the limit: ${cl.status} (${cl.why})`);
	assert.ok(cl.body.includes(TXT.err413), 'the Dutch 413 page');
	assert.match(cl.head, /\r\ncontent-security-policy: /i, 'with the security headers');
	await alive();
	// chunked: no Content-Length, the limit is found while reading
	const chunks = [];
	for (let sent = 0; sent < LIMIT + 64 * 1024; sent += 64 * 1024) chunks.push('x'.repeat(64 * 1024));
	chunks[0] = `csrf=${csrf}&pad=` + chunks[0];
	const ch = await anon.req('POST', '/login', { headers: { 'Content-Type': FORM_CT }, chunks });
	assertDutchError(ch, 413, TXT.err413);
	await alive();
	// logged in, on an organisation form
	const tok = await marieke.csrf();
	const bigBody = bodyOf(2 * LIMIT, `csrf=${tok}&name=Groot&place=`);
	const big = await rawUpload(server, head(`/o/${ORG}/branches`, bigBody.length, marieke.cookieHeader()), bigBody);
	assert.equal(big.status, 413, `twice the limit: ${big.status} (${big.why})`);
	// a Content-Length far beyond anything: refused before a byte of the body is read
	const huge = await rawUpload(server, head('/login', 10 * 1024 * MiB, anon.cookieHeader()), 'a=b');
	assert.equal(huge.status, 413, `10 GiB announced: ${huge.status} (${huge.why})`);
	assert.ok(!(await marieke.get(`/o/${ORG}/branches`)).body.includes('>Groot<'), 'nothing was added');
	// exactly at the limit is fine (a form error here: the e-mail field is missing)
	const exact = await anon.req('POST', '/login', {
		headers: { 'Content-Type': FORM_CT },
		body: bodyOf(LIMIT, `csrf=${csrf}&pad=`),
	});
	assert.equal(exact.status, 422, `a body of exactly the limit is read (got ${exact.status})`);
	await alive();
});

test('--max-body 2048: a 4 KB body gets 413, 2000 bytes do not', async () => {
	const c = new Client(small);
	const csrf = await c.csrf('/login');
	const body4k = bodyOf(4096, `csrf=${csrf}&pad=`);
	const four = await rawUpload(
		small,
		`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM_CT}\r\nContent-Length: 4096\r\nCookie: ${c.cookieHeader()}`,
		body4k,
	);
	assert.equal(four.status, 413, `4 KB: ${four.status} (${four.why})`);
	assert.ok(four.body.includes(TXT.err413));
	const chunked = await c.req('POST', '/login', {
		headers: { 'Content-Type': FORM_CT },
		chunks: [`csrf=${csrf}&pad=`, 'x'.repeat(1500), 'x'.repeat(1500), 'x'.repeat(1000)],
	});
	assertDutchError(chunked, 413, TXT.err413);
	const fine = await c.req('POST', '/login', { headers: { 'Content-Type': FORM_CT }, body: bodyOf(2000, `csrf=${csrf}&pad=`) });
	assert.equal(fine.status, 422, `2000 bytes are read (got ${fine.status})`);
	await alive(small);
});

test('malformed form bodies get a Dutch 400, never a 500, on public and logged-in forms', async () => {
	const anon = new Client(server);
	const csrfAnon = await anon.csrf('/login');
	const csrf = await marieke.csrf();
	const bad = [
		['bad percent escape', 'name=%zz'],
		['cut-off escape', 'name=abc%4'],
		['lone percent', 'name=%'],
		['invalid UTF-8 (escaped)', 'name=%C3%28'],
		['overlong UTF-8', 'name=%C0%AF'],
		['UTF-16 surrogate', 'name=%ED%A0%80'],
		['NUL byte', 'name=a%00b'],
		['NUL in a field name', 'na%00me=x'],
		['raw invalid UTF-8', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe])],
		['raw NUL', Buffer.from('name=a\0b', 'latin1')],
		['too many fields', Array.from({ length: 1200 }, (_, i) => `f${i}=1`).join('&')],
	];
	for (const [what, payload] of bad) {
		for (const [client, url, tok] of [
			[anon, '/login', csrfAnon],
			[marieke, `/o/${ORG}/branches`, csrf],
		]) {
			const body = Buffer.concat([Buffer.from(`csrf=${tok}&place=x&`), Buffer.from(payload)]);
			const res = await client.req('POST', url, { headers: { 'Content-Type': FORM_CT }, body });
			assertDutchError(res, 400, TXT.err400);
			assert.ok(textOf(res.body).includes('Er is niets opgeslagen'), `${what}: says nothing was saved`);
		}
	}
	const branches = await marieke.get(`/o/${ORG}/branches`);
	assert.equal(branchIds(branches.body, ORG).length, 4, 'no branch was added');
	await alive();
});

test('a body that is not urlencoded gets a Dutch 400', async () => {
	const csrf = await marieke.csrf();
	const fields = `csrf=${csrf}&name=Vestiging+X&place=Y`;
	for (const ct of ['text/plain', 'application/json', 'multipart/form-data; boundary=xyz', undefined]) {
		const headers = ct ? { 'Content-Type': ct } : {};
		const body = ct === 'application/json' ? JSON.stringify({ csrf, name: 'Vestiging X' }) : fields;
		const res = await marieke.req('POST', `/o/${ORG}/branches`, { headers, body });
		assertDutchError(res, 400, TXT.err400);
	}
	assert.ok(!(await marieke.get(`/o/${ORG}/branches`)).body.includes('Vestiging X'), 'nothing was added');
	await alive();
});

test('invalid UTF-8 and NUL in the query string or the path: 400 or 404, not 500', async () => {
	for (const q of ['next=%C3%28', 'next=%FF', 'x=%00', 'x=%zz', 'x=%']) {
		const res = await marieke.get(`/login?${q}`);
		assertDutchError(res, 400, TXT.err400);
		const org = await marieke.get(`/o/${ORG}/?${q}`);
		assertDutchError(org, 400, TXT.err400);
	}
	for (const p of ['/%C3%28', '/o/de-sleutel/%FF', '/%ED%A0%80', '/o/%C3%28/', '/assets/%FF.css']) {
		const res = await marieke.get(p);
		assert.ok([400, 404].includes(res.status), `${p}: 400 or 404 (got ${res.status})`);
		assert.ok(res.body.includes('<html lang="nl"'), `${p}: a Dutch page`);
	}
	// raw bytes on the wire
	for (const line of ['GET /\xff\xfe HTTP/1.1', 'GET /login?next=\xc3\x28 HTTP/1.1', 'GET /o/de-sleutel/\xc0\xaf HTTP/1.1']) {
		const res = await rawRequest(server, Buffer.from(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1'));
		assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(line)}: 4xx (got ${res.status})`);
	}
	await alive();
});

test('a NUL byte in the path is refused, not cut off (/o/de-sleutel/branches%00x is no page)', async () => {
	for (const p of [`/o/${ORG}/branches%00x`, `/o/${ORG}/%00/people`, '/healthz%00.css']) {
		const res = await marieke.get(p);
		assert.ok([400, 404].includes(res.status), `GET ${p} must be 400 or 404, got ${res.status}`);
	}
});

test('a POST with %00 in the path does not land on another route (branches%00/1/delete adds no branch)', async () => {
	const csrf = await marieke.csrf();
	const res = await marieke.post(`/o/${ORG}/branches%00/1/delete`, { csrf, name: 'Via NUL', place: 'x' });
	assert.ok([400, 404].includes(res.status), `POST with %00 in the path must be 400 or 404, got ${res.status}`);
	assert.ok(!(await marieke.get(`/o/${ORG}/branches`)).body.includes('Via NUL'), 'no branch added through a cut path');
});

test('a very long branch name gives a Dutch form error about the length', async () => {
	const csrf = await marieke.csrf();
	const res = await marieke.post(`/o/${ORG}/branches`, { csrf, name: 'L'.repeat(100000), place: 'Lang' });
	assert.equal(res.status, 422, `got ${res.status}`);
	assert.match(res.body, /id="f-name-error">Naam van de vestiging mag hoogstens 200 tekens lang zijn \(nu 100000\)\.<\/p>/);
	assert.match(res.body, /value="Lang"/, 'the place is kept');
	// characters, not bytes: 200 two-byte letters are fine, 201 are not
	const ok = await marieke.post(`/o/${ORG}/branches`, { csrf, name: 'é'.repeat(200), place: 'Tweebytes' });
	assert.equal(ok.status, 303, '200 characters of 2 bytes each are allowed');
	const tooLong = await marieke.post(`/o/${ORG}/branches`, { csrf, name: 'é'.repeat(201), place: 'x' });
	assert.equal(tooLong.status, 422);
	assert.match(tooLong.body, /\(nu 201\)/);
	// renaming on the branch's own page: the same check, and nothing is renamed
	const id = branchIds((await marieke.get(`/o/${ORG}/branches`)).body, ORG)[0];
	const ren = await marieke.post(`/o/${ORG}/branches/${id}`, { csrf, name: 'R'.repeat(100000), place: 'Lang' });
	assert.equal(ren.status, 422, `rename: got ${ren.status}`);
	assert.match(ren.body, /id="f-name-error">Naam van de vestiging mag hoogstens 200 tekens lang zijn \(nu 100000\)\.<\/p>/);
	assert.ok(!(await marieke.get(`/o/${ORG}/branches`)).body.includes('RRRR'), 'not renamed');
	await alive();
});

test('odd numbers in addresses and fields: no 500', async () => {
	for (const q of ['pagina=0', 'pagina=-5', 'pagina=abc', 'pagina=1000000', 'pagina=99999999999999999999999', 'pagina=2&pagina=3']) {
		const res = await marieke.get(`/o/${ORG}/audit?${q}`);
		assert.equal(res.status, 200, `audit?${q}: ${res.status}`);
	}
	const csrf = await marieke.csrf();
	for (const id of ['999999999999999', '0', '01', '1234567890123456', '-1', '1e3', '9223372036854775808']) {
		const page = await marieke.get(`/o/${ORG}/branches/${id}`);
		assert.equal(page.status, 404, `page of branch ${id}: ${page.status}`);
		const person = await marieke.get(`/o/${ORG}/people/${id}`);
		assert.equal(person.status, 404, `page of person ${id}: ${person.status}`);
		const ren = await marieke.post(`/o/${ORG}/branches/${id}`, { csrf, name: 'Nergens', place: '' });
		assert.equal(ren.status, 404, `rename of branch ${id}: ${ren.status}`);
		const res = await marieke.post(`/o/${ORG}/branches/${id}/delete`, { csrf });
		assert.equal(res.status, 404, `branch ${id}: ${res.status}`);
		const role = await marieke.post(`/o/${ORG}/people/${id}/role`, { csrf, role: 'medewerker' });
		assert.equal(role.status, 404, `person ${id}: ${role.status}`);
	}
	const settings = await marieke.get(`/o/${ORG}/settings`);
	for (const version of ['99999999999999999999999', '-1', 'abc', '']) {
		const res = await marieke.post(`/o/${ORG}/settings`, { csrf, name: 'Bibliotheek De Sleutel', description: '', version });
		assert.ok([409, 422].includes(res.status), `version ${JSON.stringify(version)}: ${res.status}`);
	}
	assert.equal((await marieke.get(`/o/${ORG}/settings`)).body.match(/name="version" value="(\d+)"/)[1], settings.body.match(/name="version" value="(\d+)"/)[1], 'not saved');
	const role = await marieke.post(`/o/${ORG}/people/1/role`, { csrf, role: 'koning' });
	assert.equal(role.status, 422, `unknown role: ${role.status}`);
	await alive();
});

test('oddities at the HTTP level do not hurt: long URL, many cookies, unknown method', async () => {
	const longUrl = await rawRequest(server, `GET /${'a'.repeat(100000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
	assert.ok(longUrl.status === 0 || (longUrl.status >= 400 && longUrl.status < 500), `long URL: ${longUrl.status}`);
	await alive();
	// a browser's worth of cookies is fine
	const cookies = Array.from({ length: 30 }, (_, i) => `c${i}=${'v'.repeat(300)}`).join('; ');
	assert.equal((await request(server, 'GET', '/login', { cookie: cookies })).status, 200, '9 KB of cookies');
	// more cookies or header bytes than libmicrohttpd keeps: it answers 431 itself
	// (or closes); the server lives on
	const many = await rawRequest(server, `GET /login HTTP/1.1\r\nHost: x\r\nCookie: ${Array(1100).fill('a=1').join(';')}\r\n\r\n`);
	assert.ok(many.status === 0 || (many.status >= 400 && many.status < 500), `many cookies: ${many.status}`);
	const huge = await rawRequest(server, `GET /login HTTP/1.1\r\nHost: x\r\nCookie: ${'c=1; '.repeat(4000)}\r\n\r\n`);
	assert.ok(huge.status === 0 || (huge.status >= 400 && huge.status < 500), `huge header: ${huge.status}`);
	const weird = await rawRequest(server, 'BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
	assert.ok(weird.status >= 400 && weird.status < 500, `unknown method: ${weird.status}`);
	const lying = await rawRequest(server, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc', {
		timeoutMs: 1500,
	});
	assert.ok(lying.status === 0 || lying.status < 500, `short body: ${lying.status}`);
	const negative = await rawRequest(server, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n');
	assert.ok(negative.status >= 400 && negative.status < 500, `negative Content-Length: ${negative.status}`);
	await alive();
});

test('servers stop cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await Promise.all([server.stop(), small.stop()]);
});

test('KRING_THREADS: a number of worker threads from 1 to 256, anything else a wrong call (exit 2)', async () => {
	for (const bad of ['0', '257', 'vier', '2x', '-1']) {
		const res = spawnSync(KRING_BIN, ['serve', '--db', server.db, '--listen', '127.0.0.1:0'], {
			env: { ...process.env, KRING_THREADS: bad },
			encoding: 'utf8',
			timeout: 20000,
		});
		assert.equal(res.status, 2, `KRING_THREADS=${bad}: ${res.stderr}`);
		assert.match(res.stderr, /KRING_THREADS/);
	}
	// one thread serves, logged in, as many do (a database of its own: the
	// tests above leave marieke's logins throttled)
	const one = new Server();
	try {
		await one.start({ env: { KRING_THREADS: '1' } });
		const c = new Client(one);
		await c.login(USERS.marieke);
		assert.equal((await c.get(`/o/${ORG}/communities`)).status, 200);
	} finally {
		one.kill();
	}
});
