// lang.test.mjs - English as a second language (issue 14): before login the
// Accept-Language header chooses (q-values honoured, Dutch unless English
// ranks above it, nonsense never fails), with Content-Language and Vary; a
// person's own choice on the account page wins over the header until they
// choose 'Automatisch' again; it is theirs alone; and a page rendered after
// work on another thread (the login's password check) keeps the language.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, ORG, csrfFrom, rawRequest, textOf } from './helpers.mjs';

let server;
const ips = { n: 40 };
const client = () => new Client(server, { localAddress: `127.0.0.${ips.n++}` });

before(async () => {
	server = await new Server().start();
});

after(async () => {
	if (server) await server.stop();
});

const EN_GB = 'en-GB,en;q=0.9';

/* The page's language: the lang attribute of <html>. */
function htmlLang(body) {
	const m = /<html lang="([^"]*)"/.exec(body);
	assert.ok(m, `an html element with lang:\n${body.slice(0, 300)}`);
	return m[1];
}

async function getPage(c, path, acceptLanguage) {
	const headers = acceptLanguage === undefined ? {} : { 'Accept-Language': acceptLanguage };
	const res = await c.get(path, { headers });
	assert.equal(res.status, 200, `GET ${path} (${acceptLanguage}): ${res.status}\n${res.body.slice(0, 800)}`);
	return res;
}

async function chooseLang(c, lang, extra = {}) {
	const page = await c.get('/account');
	const csrf = csrfFrom(page.body);
	assert.ok(csrf, 'the account page has a form');
	return c.post('/account/lang', { lang, csrf, ...extra });
}

test('the login page is Dutch by default, with its language said and varying with the header', async () => {
	const res = await getPage(client(), '/login');
	assert.equal(htmlLang(res.body), 'nl');
	assert.ok(res.body.includes('<h1 class="utrecht-heading-1">Inloggen</h1>'), res.body.slice(0, 2000));
	assert.equal(res.headers['content-language'], 'nl');
	assert.match(res.headers.vary || '', /Accept-Language/);
});

test('Accept-Language: en-GB,en;q=0.9 gives the login page in English', async () => {
	const res = await getPage(client(), '/login', EN_GB);
	assert.equal(htmlLang(res.body), 'en');
	assert.ok(res.body.includes('<h1 class="utrecht-heading-1">Log in</h1>'), res.body.slice(0, 2000));
	assert.ok(res.body.includes('Skip to content'));
	assert.ok(res.body.includes('>Email address</label>'), 'the form fields in English too');
	assert.ok(!res.body.includes('E-mailadres'));
	assert.ok(!res.body.includes('Naar de inhoud'));
	assert.equal(res.headers['content-language'], 'en');
	assert.match(res.headers.vary || '', /Accept-Language/);
});

test('Dutch ranked above English (nl,en;q=0.5) stays Dutch; English above Dutch is English', async () => {
	const c = client();
	assert.equal(htmlLang((await getPage(c, '/login', 'nl,en;q=0.5')).body), 'nl');
	assert.equal(htmlLang((await getPage(c, '/login', 'nl-NL,nl;q=0.9,en-US;q=0.8')).body), 'nl');
	assert.equal(htmlLang((await getPage(c, '/login', 'en-US;q=0.8')).body), 'en');
	assert.equal(htmlLang((await getPage(c, '/login', 'nl;q=0.4,en;q=0.6')).body), 'en');
	assert.equal(htmlLang((await getPage(c, '/login', 'de,fr;q=0.9')).body), 'nl');
});

test('an error page follows the header too', async () => {
	const res = await client().get('/geen-pagina', { headers: { 'Accept-Language': EN_GB } });
	assert.equal(res.status, 404);
	assert.equal(htmlLang(res.body), 'en');
	assert.ok(res.body.includes('Page not found'), res.body.slice(0, 1500));
	assert.equal(res.headers['content-language'], 'en');
	const nl = await client().get('/geen-pagina');
	assert.equal(htmlLang(nl.body), 'nl');
	assert.ok(nl.body.includes('Pagina niet gevonden'));
});

test('a garbage Accept-Language never fails: Dutch, 200', async () => {
	const c = client();
	const garbage = [
		'', ',', ';;;;', 'q=1', 'en;q=', 'en;q=2', 'en;q=-1', 'en;q=0.5.5', '*;q=1', 'e'.repeat(8000),
		`${',en'.repeat(2000)}`, 'en-'.repeat(1000), '\t', 'nl;q=abc,en;q=xyz', '=;=;=,=;=',
	];
	for (const g of garbage) {
		const res = await c.get('/login', { headers: { 'Accept-Language': g } });
		assert.equal(res.status, 200, `Accept-Language "${g.slice(0, 40)}": ${res.status}`);
		assert.ok(['nl', 'en'].includes(htmlLang(res.body)));
	}
	// bytes no HTTP client library would send
	for (const bytes of ['\xff\xfe\xfd', 'en\x7f', '\xc3\x28;q=1', 'nl;q=\x80']) {
		const res = await rawRequest(
			server,
			Buffer.from(`GET /login HTTP/1.1\r\nHost: x\r\nAccept-Language: ${bytes}\r\nConnection: close\r\n\r\n`, 'latin1'),
		);
		assert.ok(res.status === 200 || res.status === 400, `raw Accept-Language: ${res.status}`);
		if (res.status === 200) assert.equal(htmlLang(res.body), 'nl');
	}
});

test('a page rendered after the password check (deferred) keeps the header\'s language', async () => {
	const c = client();
	const page = await getPage(c, '/login', EN_GB);
	const res = await c.post(
		'/login',
		{ email: USERS.jeroen, password: 'niet-het-goede-wachtwoord', csrf: csrfFrom(page.body) },
		{ headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': EN_GB } },
	);
	assert.equal(res.status, 401, res.body.slice(0, 1500));
	assert.equal(htmlLang(res.body), 'en');
	assert.ok(res.body.includes('Logging in did not work.'), textOf(res.body).slice(0, 1500));
	assert.ok(!res.body.includes('Inloggen is niet gelukt.'));
});

test('the account page offers the choice; English wins over the header; Automatisch follows it again', async () => {
	const sascha = client();
	await sascha.login(USERS.sascha);
	const account = (await getPage(sascha, '/account')).body;
	assert.ok(account.includes('Taal / Language'));
	for (const [value, label] of [['auto', 'Automatisch (taal van de browser)'], ['nl', 'Nederlands'], ['en', 'English']]) {
		assert.ok(account.includes(`name="lang" value="${value}"`), `option ${value}`);
		assert.ok(account.includes(label), `label ${label}`);
	}
	assert.match(account, /name="lang" value="auto" checked/);

	const saved = await chooseLang(sascha, 'en');
	assert.equal(saved.status, 303, saved.body.slice(0, 1500));
	assert.equal(saved.headers.location, '/account?taal=1');
	const after = await getPage(sascha, '/account?taal=1', 'nl');
	assert.equal(htmlLang(after.body), 'en');
	assert.ok(after.body.includes('Your language has been saved.'));
	assert.match(after.body, /name="lang" value="en" checked/);

	for (const header of [undefined, 'nl', 'nl-NL,nl;q=0.9', EN_GB]) {
		const res = await getPage(sascha, `/o/${ORG}/`, header);
		assert.equal(htmlLang(res.body), 'en', `start page with Accept-Language ${header}`);
		assert.equal(res.headers['content-language'], 'en');
		assert.doesNotMatch(res.headers.vary || '', /Accept-Language/, 'the person chose: no Vary');
		assert.ok(res.body.includes('>Log out</button>'), 'the header in English');
	}
	const communities = await getPage(sascha, `/o/${ORG}/communities`, 'nl');
	assert.equal(htmlLang(communities.body), 'en');
	assert.ok(communities.body.includes('>Log out</button>'));
	assert.ok(!communities.body.includes('>Uitloggen</button>'));

	const back = await chooseLang(sascha, 'auto');
	assert.equal(back.status, 303);
	assert.equal(htmlLang((await getPage(sascha, `/o/${ORG}/`, 'nl')).body), 'nl');
	assert.equal(htmlLang((await getPage(sascha, `/o/${ORG}/`)).body), 'nl');
	const en = await getPage(sascha, `/o/${ORG}/`, EN_GB);
	assert.equal(htmlLang(en.body), 'en');
	assert.match(en.headers.vary || '', /Accept-Language/);

	const nl = await chooseLang(sascha, 'nl');
	assert.equal(nl.status, 303);
	assert.equal(htmlLang((await getPage(sascha, `/o/${ORG}/`, EN_GB)).body), 'nl');
	await chooseLang(sascha, 'auto');
});

test('a choice is the person\'s own: another cannot change it, nonsense is refused, a visitor is refused', async () => {
	const marieke = client();
	await marieke.login(USERS.marieke);
	const jeroen = client();
	await jeroen.login(USERS.jeroen);
	// marieke (beheerder) posts English with person ids in every field name a
	// page might read: only her own choice changes
	const ids = { person: '3', person_id: '3', id: '3', email: USERS.jeroen };
	const res = await chooseLang(marieke, 'en', ids);
	assert.equal(res.status, 303);
	assert.equal(htmlLang((await getPage(marieke, `/o/${ORG}/`, 'nl')).body), 'en');
	assert.equal(htmlLang((await getPage(jeroen, `/o/${ORG}/`, 'nl')).body), 'nl', 'jeroen keeps his own');
	assert.match((await getPage(jeroen, '/account')).body, /name="lang" value="auto" checked/);

	// a value that is no choice: 400 with the form, nothing saved
	const bad = await chooseLang(jeroen, 'fr');
	assert.equal(bad.status, 400, bad.body.slice(0, 1500));
	assert.match((await getPage(jeroen, '/account')).body, /name="lang" value="auto" checked/);

	// logged out: refused, whatever the token
	const visitor = client();
	const login = await visitor.get('/login');
	const anon = await visitor.post('/account/lang', { lang: 'en', csrf: csrfFrom(login.body) });
	assert.equal(anon.status, 403);

	// a POST without the token of the person's own session
	const forged = await jeroen.post('/account/lang', { lang: 'en', csrf: 'x'.repeat(43) });
	assert.equal(forged.status, 403);
	assert.equal(htmlLang((await getPage(jeroen, `/o/${ORG}/`)).body), 'nl');
	await chooseLang(marieke, 'auto');
});
