// communities.test.mjs - HTTP tests of the communities (issue 3, first half):
// the scan, profiles, werkblad 2 and 3, staff roles and signals, ambassadeurs,
// the list with its filters and CSV, conflicts, deletion, odd input and
// tenant isolation. Runs `$KRING_BIN` (default build/kring) on a fresh demo
// database on a free port. The helper code lives in this file on purpose.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'welkom-in-de-bieb';

// ---- a private kring ----

let base, child, dir, log = '';

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

before(async () => {
	const bin = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
	assert.ok(existsSync(bin), `no kring binary at ${bin}: build first or set KRING_BIN`);
	dir = mkdtempSync(path.join(os.tmpdir(), 'kring-http-communities-'));
	const copy = path.join(dir, 'kring');
	copyFileSync(bin, copy);
	const db = path.join(dir, 'kring.db');
	execFileSync(copy, ['demo', '--db', db], { stdio: 'ignore', timeout: 60_000 });
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	child = spawn(copy, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.on('data', (d) => { log += d; });
	child.stderr.on('data', (d) => { log += d; });
	const deadline = Date.now() + 15_000;
	for (;;) {
		try {
			const res = await fetch(`${base}/healthz`);
			if (res.ok)
				break;
		} catch { /* not yet */ }
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`kring did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
});

after(async () => {
	if (child && child.exitCode === null) {
		child.kill('SIGTERM');
		await new Promise((r) => child.on('exit', r));
	}
	if (dir)
		rmSync(dir, { recursive: true, force: true });
	// sanitizer reports (the ASan build) end up in the log
	assert.doesNotMatch(log, /ERROR: AddressSanitizer|runtime error:/, log);
});

// ---- a browser-like client: cookies, CSRF, forms ----

class Client {
	constructor() {
		this.cookies = new Map();
		this.csrf = null;
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	keep(res) {
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim(), value = pair.slice(i + 1);
			if (attrs.some((a) => /max-age=0/i.test(a)))
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
	}

	async get(p) {
		const res = await fetch(base + p, { redirect: 'manual', headers: { Cookie: this.cookieHeader() } });
		this.keep(res);
		const text = await res.text();
		const m = /name="csrf" value="([^"]+)"/.exec(text);
		if (m)
			this.csrf = m[1];
		return { status: res.status, text, headers: res.headers };
	}

	async post(p, fields = {}) {
		if (!this.csrf)
			await this.get('/');
		const body = new URLSearchParams({ csrf: this.csrf, ...fields });
		const res = await fetch(base + p, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: this.cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
			body,
		});
		this.keep(res);
		const text = await res.text();
		const m = /name="csrf" value="([^"]+)"/.exec(text);
		if (m)
			this.csrf = m[1];
		return { status: res.status, text, headers: res.headers, location: res.headers.get('location') };
	}
}

async function login(email) {
	const c = new Client();
	const form = await c.get('/login');
	assert.equal(form.status, 200);
	assert.ok(c.cookies.has('kring_anon'), 'anonymous cookie for the login form');
	const res = await c.post('/login', { email, password: PASSWORD });
	assert.equal(res.status, 303, `login of ${email}`);
	assert.ok(c.cookies.has('kring_session'), `session for ${email}`);
	await c.get('/o/de-sleutel/'); // a CSRF token bound to the new session
	return c;
}

// The HTML-escaped form of a text, as kring writes it.
function esc(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// Ids of all communities on the list (every page), by name.
async function communityIds(c, slug = 'de-sleutel') {
	const ids = {};
	for (let page = 1; ; page++) {
		const res = await c.get(`/o/${slug}/communities?pagina=${page}`);
		assert.equal(res.status, 200);
		for (const m of res.text.matchAll(/href="\/o\/[a-z-]+\/communities\/(\d+)">([^<]+)<\/a>/g))
			ids[m[2].replace(/&amp;/g, '&')] = Number(m[1]);
		if (!res.text.includes('Volgende pagina'))
			return ids;
	}
}

async function createCommunity(c, fields) {
	const res = await c.post('/o/de-sleutel/communities/new', { status: 'gewenst', ...fields });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	const m = /\/communities\/(\d+)\?klaar=nieuw$/.exec(res.location);
	assert.ok(m, res.location);
	return Number(m[1]);
}

function versionOf(html) {
	const m = /name="version" value="(\d+)"/.exec(html);
	assert.ok(m, 'the form carries the version it started from');
	return m[1];
}

// All fields of the profile form, from the edit page (as a browser would send them).
function profileFields(html) {
	const f = {};
	for (const m of html.matchAll(/<input class="utrecht-textbox" id="f-([a-z_]+)" name="\1" type="[a-z]+" value="([^"]*)"/g))
		f[m[1]] = m[2];
	for (const m of html.matchAll(/<textarea class="utrecht-textarea" id="f-([a-z_]+)" name="\1"[^>]*>([^<]*)<\/textarea>/g))
		f[m[1]] = m[2];
	for (const m of html.matchAll(/name="([a-z_]+)" value="([^"]*)" checked/g))
		f[m[1]] = m[2];
	const unesc = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
	for (const k of Object.keys(f))
		f[k] = unesc(f[k]);
	f.version = versionOf(html);
	return f;
}

// ---- the tests ----

test('the list: every role sees it, an ambassadeur only her own community', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await communityIds(sascha);
	assert.ok(ids['Taalcafé voor nieuwkomers'] && ids['Repair Café en dorpsnetwerk Heikant'], JSON.stringify(ids));
	const anouk = await login('anouk@rijnbrink.nl');
	assert.deepEqual(Object.keys(await communityIds(anouk)).sort(), Object.keys(ids).sort());

	const fatima = await login('fatima@voorbeeld.nl');
	const hers = await communityIds(fatima);
	assert.deepEqual(Object.keys(hers), ['Taalcafé voor nieuwkomers']);
	assert.equal((await fatima.get(`/o/de-sleutel/communities/${ids['Taalcafé voor nieuwkomers']}`)).status, 200);
	assert.equal((await fatima.get(`/o/de-sleutel/communities/${ids['Repair Café en dorpsnetwerk Heikant']}`)).status, 404);
	assert.equal((await fatima.get(`/o/de-sleutel/communities/${ids['Repair Café en dorpsnetwerk Heikant']}/edit`)).status, 404);
	assert.equal((await fatima.get('/o/de-sleutel/scan')).status, 403);
	assert.equal((await fatima.get('/o/de-sleutel/communities/new')).status, 403);
	const csv = await fatima.get('/o/de-sleutel/communities.csv');
	assert.equal(csv.status, 200);
	assert.match(csv.text, /Taalcafé voor nieuwkomers/);
	assert.doesNotMatch(csv.text, /Repair Café/);
	// her menu has no scan
	assert.doesNotMatch((await fatima.get('/o/de-sleutel/communities')).text, /href="\/o\/de-sleutel\/scan"/);
});

test('an ambassadeur edits her own community, and nothing else', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await communityIds(sascha);
	const taal = ids['Taalcafé voor nieuwkomers'], repair = ids['Repair Café en dorpsnetwerk Heikant'];
	const fatima = await login('fatima@voorbeeld.nl');
	let res = await fatima.post(`/o/de-sleutel/communities/${taal}/items`, { kind: 'sterkte', text: 'Iedereen neemt iets lekkers mee' });
	assert.equal(res.status, 303);
	assert.match(res.location, /#lijst-sterkte$/);
	assert.match((await fatima.get(`/o/de-sleutel/communities/${taal}`)).text, /Iedereen neemt iets lekkers mee/);
	const edit = await fatima.get(`/o/de-sleutel/communities/${taal}/edit`);
	assert.equal(edit.status, 200);
	const f = profileFields(edit.text);
	res = await fatima.post(`/o/de-sleutel/communities/${taal}/edit`, { ...f, contact_how: 'Dinsdagochtend, leestafel' });
	assert.equal(res.status, 303);

	// another community: not found, whatever she tries
	assert.equal((await fatima.post(`/o/de-sleutel/communities/${repair}/items`, { kind: 'sterkte', text: 'x' })).status, 404);
	assert.equal((await fatima.post(`/o/de-sleutel/communities/${repair}/edit`, { ...f })).status, 404);
	assert.equal((await fatima.post(`/o/de-sleutel/communities/${repair}/delete`)).status, 404);
	// staff matters of her own community stay with staff
	assert.equal((await fatima.post(`/o/de-sleutel/communities/${taal}/staff`, { person: '1', role: 'bouwer' })).status, 403);
	assert.equal((await fatima.post(`/o/de-sleutel/communities/${taal}/delete`)).status, 403);
	assert.equal((await fatima.get(`/o/de-sleutel/communities/${taal}/delete`)).status, 403);
	assert.equal((await fatima.post('/o/de-sleutel/scan', { list: 'gewenst', name: 'x' })).status, 403);
});

test('an adviseur reads everything and changes nothing (403)', async () => {
	const anouk = await login('anouk@rijnbrink.nl');
	const ids = await communityIds(anouk);
	const taal = ids['Taalcafé voor nieuwkomers'];
	const page = await anouk.get(`/o/de-sleutel/communities/${taal}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /\/items"/, 'no add forms for an adviseur');
	assert.equal((await anouk.get('/o/de-sleutel/scan')).status, 200);
	assert.equal((await anouk.get(`/o/de-sleutel/communities/${taal}/edit`)).status, 403);
	for (const [p, fields] of [
		[`/o/de-sleutel/communities/${taal}/edit`, { name: 'Overgenomen', status: 'gewenst' }],
		[`/o/de-sleutel/communities/${taal}/items`, { kind: 'sterkte', text: 'x' }],
		[`/o/de-sleutel/communities/${taal}/staff`, { person: '2', role: 'bouwer' }],
		[`/o/de-sleutel/communities/${taal}/delete`, {}],
		['/o/de-sleutel/communities/new', { name: 'x', status: 'gewenst' }],
		['/o/de-sleutel/scan', { list: 'gewenst', name: 'x' }],
		['/o/de-sleutel/scan/notes', { kind: 'thema', title: 'x' }],
	])
		assert.equal((await anouk.post(p, fields)).status, 403, p);
	assert.doesNotMatch((await anouk.get(`/o/de-sleutel/communities/${taal}`)).text, /Overgenomen/);
});

test('another organisation: its records answer 404 under any address', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const taal = (await communityIds(sascha))['Taalcafé voor nieuwkomers'];
	const henk = await login('henk@hetbaken.nl');
	await henk.get('/o/het-baken/');
	for (const p of [`/o/de-sleutel/communities/${taal}`, `/o/het-baken/communities/${taal}`,
		`/o/het-baken/communities/${taal}/edit`, '/o/de-sleutel/communities', '/o/de-sleutel/communities.csv',
		'/o/de-sleutel/scan'])
		assert.equal((await henk.get(p)).status, 404, p);
	assert.equal((await henk.post(`/o/het-baken/communities/${taal}/edit`, { name: 'x', status: 'gewenst' })).status, 404);
	assert.equal((await henk.post(`/o/het-baken/communities/${taal}/items`, { kind: 'sterkte', text: 'x' })).status, 404);
	assert.equal((await henk.post(`/o/het-baken/communities/${taal}/delete`)).status, 404);

	// Henk's own community, and its item, typed into De Sleutel's addresses by Sascha
	const res = await henk.post('/o/het-baken/communities/new', { name: 'Strandwacht', status: 'gewenst' });
	assert.equal(res.status, 303);
	const theirs = Number(/communities\/(\d+)/.exec(res.location)[1]);
	assert.equal((await henk.post(`/o/het-baken/communities/${theirs}/items`, { kind: 'van', text: 'Strandwachters in de raad' })).status, 303);
	const item = Number(/id="item-(\d+)"/.exec((await henk.get(`/o/het-baken/communities/${theirs}`)).text)[1]);
	assert.equal((await sascha.get(`/o/de-sleutel/communities/${theirs}`)).status, 404);
	assert.equal((await sascha.post(`/o/de-sleutel/communities/${taal}/items/${item}/move`, { richting: 'op' })).status, 404);
	assert.equal((await sascha.post(`/o/de-sleutel/communities/${taal}/items/${item}/delete`)).status, 404);
	assert.equal((await sascha.post(`/o/de-sleutel/communities/${taal}/items/${item}`, { text: 'x', version: '1' })).status, 404);
	// Henk's person id (from his own staff form) typed into De Sleutel's forms
	const own = (await henk.get(`/o/het-baken/communities/${theirs}`)).text;
	const henkId = /id="koppel-medewerker" name="person"><option value="(\d+)">Henk Smit/.exec(own)[1];
	assert.equal((await sascha.post(`/o/de-sleutel/communities/${taal}/staff`, { person: String(henkId), role: 'bouwer' })).status, 404);
	assert.equal((await sascha.post(`/o/de-sleutel/communities/${taal}/ambassadors`, { person: String(henkId) })).status, 404);
	assert.match((await henk.get(`/o/het-baken/communities/${theirs}`)).text, /Strandwachters in de raad/);
});

test('the scan: two lists with why, notes, and one step to a profile', async () => {
	const sascha = await login('sascha@desleutel.nl');
	let page = await sascha.get('/o/de-sleutel/scan');
	assert.equal(page.status, 200);
	assert.match(page.text, /Bestaande communities/);
	assert.match(page.text, /Gewenste communities/);
	assert.match(page.text, /Themascan/);
	assert.match(page.text, /Omgevingsscan/);

	let res = await sascha.post('/o/de-sleutel/scan', { list: 'gewenst', name: 'Dementievriendelijke wijk Zuid',
		description: 'Mensen met dementie en hun mantelzorgers in Zandhoven-Zuid', why: 'De gemeente wil een dementievriendelijke gemeente worden' });
	assert.equal(res.status, 303);
	assert.match(res.location, /#rijtje-gewenst$/);
	res = await sascha.post('/o/de-sleutel/scan', { list: 'gewenst', name: '' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Vul ‘Naam van de groep’ in\./);
	res = await sascha.post('/o/de-sleutel/scan/notes', { kind: 'omgeving', title: 'Dementie', body: 'Alzheimer Café in het wijkcentrum, elke tweede dinsdag.' });
	assert.equal(res.status, 303);

	page = await sascha.get('/o/de-sleutel/scan');
	assert.match(page.text, /Alzheimer Café in het wijkcentrum/);
	const entry = Number(new RegExp(`id="scan-(\\d+)"><p class="kring-scan-entry__name">Dementievriendelijke wijk Zuid`).exec(page.text)[1]);
	res = await sascha.post(`/o/de-sleutel/scan/${entry}/profile`);
	assert.equal(res.status, 303);
	const m = /\/communities\/(\d+)\/edit\?uit=scan$/.exec(res.location);
	assert.ok(m, res.location);
	const id = Number(m[1]);
	const edit = await sascha.get(res.location);
	assert.match(edit.text, /gemaakt van je scan/);
	assert.match(edit.text, /Mensen met dementie en hun mantelzorgers/);
	assert.match(edit.text, /value="gewenst" checked/);
	// a second click makes no second profile
	res = await sascha.post(`/o/de-sleutel/scan/${entry}/profile`);
	assert.equal(Number(/\/communities\/(\d+)\//.exec(res.location)[1]), id);
	page = await sascha.get('/o/de-sleutel/scan');
	assert.match(page.text, new RegExp(`Communityprofiel: <a class="utrecht-link" href="/o/de-sleutel/communities/${id}">`));
	// a scan entry of another org
	const henk = await login('henk@hetbaken.nl');
	assert.equal((await henk.post(`/o/het-baken/scan/${entry}/profile`)).status, 404);
	assert.equal((await henk.post(`/o/het-baken/scan/${entry}/delete`)).status, 404);
});

test('werkblad 2 and 3: strengths first, ordered lists, OF/BY/FOR with status', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Breiclub De Steek', archetype: 'action', bond: 'sterk' });
	const url = `/o/de-sleutel/communities/${id}`;
	for (const t of ['Veel ervaring', 'Gezellig', 'Trouwe leden'])
		assert.equal((await sascha.post(`${url}/items`, { kind: 'sterkte', text: t })).status, 303);
	assert.equal((await sascha.post(`${url}/items`, { kind: 'behoefte', text: 'Meer ruimte' })).status, 303);
	let res = await sascha.post(`${url}/items`, { kind: 'door', text: 'Breicafé door leden', status: 'gepland' });
	assert.match(res.location, /\?klaar=toegevoegd&bij=door#lijst-door$/);
	assert.equal((await sascha.post(`${url}/items`, { kind: 'voor', text: 'Breihoek met stoelen' })).status, 303);
	res = await sascha.post(`${url}/items`, { kind: 'van', text: '' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Schrijf eerst iets op/);
	res = await sascha.post(`${url}/items`, { kind: 'door', text: 'x', status: 'klaar' });
	assert.equal(res.status, 422);
	assert.equal((await sascha.post(`${url}/items`, { kind: 'anders', text: 'x' })).status, 400);

	let page = (await sascha.get(url)).text;
	// strengths come first on the page, needs after them
	assert.ok(page.indexOf('id="lijst-sterkte"') < page.indexOf('id="lijst-behoefte"'));
	assert.ok(page.indexOf('id="lijst-behoefte"') < page.indexOf('id="lijst-van"'));
	const order = () => [...page.matchAll(/<li class="kring-item" id="item-(\d+)"[^>]*><div class="kring-item__main"><span class="kring-item__text kring-pre">([^<]+)</g)].map((m) => m[2]);
	assert.deepEqual(order(), ['Veel ervaring', 'Gezellig', 'Trouwe leden', 'Meer ruimte']);
	const idOf = (t) => Number(new RegExp(`id="item-(\\d+)"[^>]*><div class="kring-item__main"><span class="kring-item__text kring-pre">${t}<`).exec(page)[1]);
	res = await sascha.post(`${url}/items/${idOf('Trouwe leden')}/move`, { richting: 'op' });
	assert.equal(res.status, 303);
	assert.match(res.location, new RegExp(`#item-${idOf('Trouwe leden')}$`));
	await sascha.post(`${url}/items/${idOf('Trouwe leden')}/move`, { richting: 'op' });
	page = (await sascha.get(url)).text;
	assert.deepEqual(order(), ['Trouwe leden', 'Veel ervaring', 'Gezellig', 'Meer ruimte']);
	assert.equal((await sascha.post(`${url}/items/${idOf('Gezellig')}/move`, { richting: 'zijwaarts' })).status, 400);

	// an action changes status; the badge shows it
	const door = Number(/id="item-(\d+)" tabindex="-1"><div class="kring-item__main"><span class="kring-item__text kring-pre">Breicafé door leden/.exec(page)[1]);
	assert.match(page, /Breicafé door leden<\/span> <span class="kring-badge kring-badge--gepland">Gepland/);
	res = await sascha.post(`${url}/items/${door}`, { text: 'Breicafé door leden', status: 'gedaan', version: '1' });
	assert.equal(res.status, 303);
	page = (await sascha.get(url)).text;
	assert.match(page, /Breicafé door leden<\/span> <span class="kring-badge kring-badge--gedaan">Gedaan/);
	// deleting an item
	assert.equal((await sascha.post(`${url}/items/${idOf('Gezellig')}/delete`)).status, 303);
	page = (await sascha.get(url)).text;
	assert.deepEqual(order(), ['Trouwe leden', 'Veel ervaring', 'Meer ruimte']);
	// the werkblad 3 columns in the worksheet's words
	for (const w of ['VAN de organisatie', 'DOOR de community', 'VOOR de community', 'Werkblad 3: ik wil Breiclub De Steek betrekken door'])
		assert.ok(page.includes(w), w);
});

test('an item edited by two people: the second sees both texts', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const jeroen = await login('jeroen@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Wandelgroep' });
	const url = `/o/de-sleutel/communities/${id}`;
	await sascha.post(`${url}/items`, { kind: 'sterkte', text: 'Kennen de omgeving' });
	const item = Number(/id="item-(\d+)"/.exec((await sascha.get(url)).text)[1]);
	assert.equal((await jeroen.post(`${url}/items/${item}`, { text: 'Kennen elk pad in de omgeving', version: '1' })).status, 303);
	const res = await sascha.post(`${url}/items/${item}`, { text: 'Kennen de natuur', version: '1' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Kennen elk pad in de omgeving/); // theirs
	assert.match(res.text, /Kennen de natuur<\/textarea>/); // mine, still in the form
	assert.match(res.text, /name="version" value="2"/);
});

test('staff roles: the profile says plainly what is missing, and when more than three take part', async () => {
	const marieke = await login('marieke@desleutel.nl');
	const id = await createCommunity(marieke, { name: 'Koor Zandhoven' });
	const url = `/o/de-sleutel/communities/${id}`;
	let page = (await marieke.get(url)).text;
	assert.match(page, /Er is nog geen bouwer/);
	assert.match(page, /Er is nog geen verbinder/);
	assert.match(page, /Er is nog geen aanjager/);
	assert.match(page, /Les 1 uit de pilot Nieuw Delen/);
	const people = /<select class="utrecht-select" id="koppel-medewerker" name="person">([\s\S]*?)<\/select>/.exec(page)[1];
	const ids = Object.fromEntries([...people.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].map((m) => [m[2], m[1]]));
	assert.deepEqual(Object.keys(ids).sort(), ['Jeroen Bakker', 'Marieke Jansen', 'Sascha de Vries']);
	let res = await marieke.post(`${url}/staff`, { person: ids['Sascha de Vries'], role: 'verbinder' });
	assert.equal(res.status, 303);
	assert.match(res.location, /#medewerkers$/);
	page = (await marieke.get(url)).text;
	assert.doesNotMatch(page, /Er is nog geen verbinder/);
	assert.match(page, /Er is nog geen bouwer/);
	await marieke.post(`${url}/staff`, { person: ids['Jeroen Bakker'], role: 'bouwer' });
	await marieke.post(`${url}/staff`, { person: ids['Marieke Jansen'], role: 'aanjager' });
	page = (await marieke.get(url)).text;
	assert.doesNotMatch(page, /Er is nog geen/);
	assert.doesNotMatch(page, /id="h-signalen"/, 'no signals box when all is well');
	assert.equal((await marieke.post(`${url}/staff`, { person: ids['Jeroen Bakker'], role: 'baas' })).status, 422);

	// a fourth staff member: the signal speaks, nothing is blocked
	// accounts (issue 14): a new colleague is invited and chooses her own password
	res = await marieke.post('/o/de-sleutel/people', { name: 'Wim Vierde', email: 'wim@desleutel.nl', role: 'medewerker' });
	assert.equal(res.status, 200);
	const invite = /\/invite\/[A-Za-z0-9_-]{43}/.exec(res.text)[0];
	const wimClient = new Client();
	await wimClient.get(invite);
	res = await wimClient.post(invite, { name: 'Wim Vierde', email: 'wim@desleutel.nl', password: 'een-lang-wachtwoord', password2: 'een-lang-wachtwoord' });
	assert.equal(res.status, 303);
	page = (await marieke.get(url)).text;
	const wim = /<option value="(\d+)">Wim Vierde<\/option>/.exec(page)[1];
	res = await marieke.post(`${url}/staff`, { person: wim, role: 'bouwer' });
	assert.equal(res.status, 303);
	page = (await marieke.get(url)).text;
	assert.match(page, /Er doen 4 medewerkers mee aan deze community/);
	assert.match(page, /Les 6/);
	// the list shows the same, in short
	const list = (await marieke.get('/o/de-sleutel/communities?rol=ontbreekt')).text;
	assert.doesNotMatch(list, />Koor Zandhoven</);
	// removing an attachment
	const att = new RegExp(`/communities/${id}/staff/(\\d+)/remove`).exec(page)[1];
	assert.equal((await marieke.post(`${url}/staff/${att}/remove`)).status, 303);
	assert.doesNotMatch((await marieke.get(url)).text, /Er doen 4 medewerkers/);
});

test('ambassadeurs are attached by staff and then see the community', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Moestuin De Kas' });
	const url = `/o/de-sleutel/communities/${id}`;
	const fatima = await login('fatima@voorbeeld.nl');
	assert.equal((await fatima.get(url)).status, 404);
	const page = (await sascha.get(url)).text;
	const fid = /<select class="utrecht-select" id="koppel-ambassadeur" name="person"><option value="(\d+)">Fatima El Amrani/.exec(page)[1];
	assert.equal((await sascha.post(`${url}/ambassadors`, { person: fid })).status, 303);
	assert.equal((await fatima.get(url)).status, 200);
	assert.ok('Moestuin De Kas' in await communityIds(fatima));
	const att = new RegExp(`/communities/${id}/ambassadors/(\\d+)/remove`).exec((await sascha.get(url)).text)[1];
	assert.equal((await sascha.post(`${url}/ambassadors/${att}/remove`)).status, 303);
	assert.equal((await fatima.get(url)).status, 404);
	// a medewerker is no ambassadeur
	const sid = /<option value="(\d+)">Sascha de Vries/.exec(page)[1];
	assert.equal((await sascha.post(`${url}/ambassadors`, { person: sid })).status, 404);
});

test('two people edit one profile: the stale save shows a conflict with both texts, nothing is lost', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const jeroen = await login('jeroen@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Schrijversgroep', description: 'Begin' });
	const url = `/o/de-sleutel/communities/${id}/edit`;
	const hers = profileFields((await sascha.get(url)).text);
	const his = profileFields((await jeroen.get(url)).text);
	assert.equal(hers.version, his.version);

	let res = await jeroen.post(url, { ...his, description: 'Tekst van Jeroen: ze schrijven samen een boek.', status: 'verkennen' });
	assert.equal(res.status, 303);
	res = await sascha.post(url, { ...hers, description: 'Tekst van Sascha: ze lezen elkaars verhalen voor.' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft dit profiel opgeslagen/);
	assert.match(res.text, /Tekst van Jeroen: ze schrijven samen een boek\./); // theirs, in the comparison
	assert.match(res.text, /Tekst van Sascha: ze lezen elkaars verhalen voor\.<\/textarea>/); // hers, in the form
	assert.match(res.text, /<td class="utrecht-table__cell kring-pre">Verkennen<\/td>/); // his status change, shown
	const newVersion = versionOf(res.text);
	assert.notEqual(newVersion, hers.version);
	// the page still holds Jeroen's save
	let profile = (await sascha.get(`/o/de-sleutel/communities/${id}`)).text;
	assert.match(profile, /Tekst van Jeroen/);
	// saving again from the conflict page goes through
	res = await sascha.post(url, { ...profileFields(res.text) });
	assert.equal(res.status, 303);
	profile = (await sascha.get(`/o/de-sleutel/communities/${id}`)).text;
	assert.match(profile, /Tekst van Sascha/);
	// the status history kept both changes with their dates
	assert.match(profile, /<h2 class="utrecht-heading-2" id="h-verloop">Verloop<\/h2><ol class="kring-timeline"><li><span class="kring-badge kring-badge--gewenst">Gewenst<\/span>[^<]*<span>\d+ [a-z]+ \d{4}<\/span>[\s\S]*kring-badge--verkennen/);
});

test('deleting a community asks first and is kept in the audit log', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Tijdelijke groep' });
	const confirm = await sascha.get(`/o/de-sleutel/communities/${id}/delete`);
	assert.equal(confirm.status, 200);
	assert.match(confirm.text, /Weet je zeker dat je Tijdelijke groep wilt verwijderen\?/);
	assert.match(confirm.text, /Ja, verwijder deze community/);
	assert.match(confirm.text, /Gestopt/); // the gentler alternative is offered
	assert.equal((await sascha.get(`/o/de-sleutel/communities/${id}`)).status, 200, 'the GET deletes nothing');
	const res = await sascha.post(`/o/de-sleutel/communities/${id}/delete`, { version: versionOf(confirm.text) });
	assert.equal(res.status, 303);
	assert.match(res.location, /\/o\/de-sleutel\/communities\?klaar=verwijderd$/);
	assert.equal((await sascha.get(`/o/de-sleutel/communities/${id}`)).status, 404);
	const marieke = await login('marieke@desleutel.nl');
	const audit = (await marieke.get('/o/de-sleutel/audit')).text;
	assert.match(audit, /Sascha de Vries<\/td><td class="utrecht-table__cell" data-label="Wat">Community verwijderd: Tijdelijke groep/);
});

test('a delete confirmation opened before a colleague saved deletes nothing (409), and says why', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const jeroen = await login('jeroen@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Breiclub', description: 'Begin' });
	const confirm = await sascha.get(`/o/de-sleutel/communities/${id}/delete`);
	const seen = versionOf(confirm.text);
	const url = `/o/de-sleutel/communities/${id}/edit`;
	const his = profileFields((await jeroen.get(url)).text);
	assert.equal((await jeroen.post(url, { ...his, description: 'Jeroen vulde dit net aan.' })).status, 303);
	let res = await sascha.post(`/o/de-sleutel/communities/${id}/delete`, { version: seen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Er is niets verwijderd: iemand anders heeft deze community gewijzigd/);
	assert.notEqual(versionOf(res.text), seen, 'the new question names the new version');
	let profile = await sascha.get(`/o/de-sleutel/communities/${id}`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, /Jeroen vulde dit net aan\./);
	// confirming the new question deletes
	res = await sascha.post(`/o/de-sleutel/communities/${id}/delete`, { version: versionOf(res.text) });
	assert.equal(res.status, 303);
	assert.equal((await sascha.get(`/o/de-sleutel/communities/${id}`)).status, 404);
});

test('a scan entry changed after the page was opened is not deleted (409)', async () => {
	const sascha = await login('sascha@desleutel.nl');
	let res = await sascha.post('/o/de-sleutel/scan', { list: 'bestaand', name: 'Wandelgroep Oost' });
	assert.equal(res.status, 303);
	const page = (await sascha.get('/o/de-sleutel/scan')).text;
	const m = /id="scan-(\d+)"><p class="kring-scan-entry__name">Wandelgroep Oost[\s\S]*?\/scan\/\1\/delete"[\s\S]*?name="version" value="(\d+)"/.exec(page);
	assert.ok(m, 'the delete form of the entry carries its version');
	const [, entry, seen] = m;
	res = await sascha.post(`/o/de-sleutel/scan/${entry}`, { list: 'bestaand', name: 'Wandelgroep Oost en West' });
	assert.equal(res.status, 303);
	res = await sascha.post(`/o/de-sleutel/scan/${entry}/delete`, { version: seen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Er is niets weggehaald/);
	assert.match(res.text, /Wandelgroep Oost en West/);
});

test('a form with only a name makes a desired community; the form says so', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const form = await sascha.get('/o/de-sleutel/communities/new');
	assert.match(form.text, /Kies je niets, dan wordt een nieuwe community ‘Gewenst’/);
	const res = await sascha.post('/o/de-sleutel/communities/new', { name: 'Alleen de naam' });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	const page = await sascha.get(res.location.replace(/\?.*$/, ''));
	assert.match(page.text, /kring-badge--gewenst/);
});

test('an ambassadeur who is removed and added again does not get her old communities back', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const marieke = await login('marieke@desleutel.nl');
	const id = await createCommunity(sascha, { name: 'Kookclub Wereldkeuken' });
	const url = `/o/de-sleutel/communities/${id}`;
	const fid = /<select class="utrecht-select" id="koppel-ambassadeur" name="person"><option value="(\d+)">Fatima El Amrani/.exec((await sascha.get(url)).text)[1];
	assert.equal((await sascha.post(`${url}/ambassadors`, { person: fid })).status, 303);
	let fatima = await login('fatima@voorbeeld.nl');
	assert.equal((await fatima.get(url)).status, 200);
	// removed from the organisation, then added again as ambassadeur
	assert.equal((await marieke.post(`/o/de-sleutel/people/${fid}/remove`)).status, 303);
	let res = await marieke.post('/o/de-sleutel/people', { email: 'fatima@voorbeeld.nl', name: 'Fatima El Amrani', role: 'ambassadeur' });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	fatima = await login('fatima@voorbeeld.nl');
	assert.equal((await fatima.get(url)).status, 404);
	assert.ok(!('Kookclub Wereldkeuken' in await communityIds(fatima)));
	// re-roled to medewerker and back: the same
	assert.equal((await sascha.post(`${url}/ambassadors`, { person: fid })).status, 303);
	assert.equal((await fatima.get(url)).status, 200);
	assert.equal((await marieke.post(`/o/de-sleutel/people/${fid}/role`, { role: 'medewerker' })).status, 303);
	assert.equal((await marieke.post(`/o/de-sleutel/people/${fid}/role`, { role: 'ambassadeur' })).status, 303);
	assert.equal((await fatima.get(url)).status, 404);
	const search = await fatima.get('/o/de-sleutel/search?q=Wereldkeuken');
	assert.equal(search.status, 200);
	assert.doesNotMatch(search.text, /Kookclub Wereldkeuken/);
});

test('empty, very long, markup-laden and non-Latin input comes back exactly and safely', async () => {
	const sascha = await login('sascha@desleutel.nl');
	// empty: only a name is needed
	const empty = await createCommunity(sascha, { name: 'Alleen een naam' });
	let page = (await sascha.get(`/o/de-sleutel/communities/${empty}`)).text;
	assert.match(page, /nog niet ingevuld/);
	let res = await sascha.post('/o/de-sleutel/communities/new', { name: '   ', status: 'gewenst' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Vul ‘Naam van de community’ in\./);

	const markup = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quotes' "double"`;
	const nonLatin = 'مرحبا بكم · Добро пожаловать · 欢迎 · Γειά σου · 👋🏽 · ẞ';
	const block = `${markup}\n${nonLatin}\n`;
	let long = '';
	while (long.length < 100000)
		long += block;
	// end on a plain letter: no half surrogate pair, no white space that a form trims
	long = long.slice(0, 99999) + 'x';
	if (/[\ud800-\udbff]x$/.test(long))
		long = long.slice(0, -2) + 'yx';
	assert.equal([...long].length <= 100000, true);
	const name = `${markup} ${nonLatin}`.slice(0, 150);
	const id = await createCommunity(sascha, { name, description: long, identity: nonLatin, why: markup });
	page = (await sascha.get(`/o/de-sleutel/communities/${id}`)).text;
	assert.ok(page.includes(esc(long)), 'the 100 000-character description comes back exactly');
	assert.ok(page.includes(esc(nonLatin)));
	assert.ok(page.includes(esc(markup)));
	assert.ok(!page.includes('<script>alert'), 'no markup of the user is live');
	assert.ok(!page.includes('<img src=x'), 'no markup of the user is live');
	const edit = (await sascha.get(`/o/de-sleutel/communities/${id}/edit`)).text;
	assert.ok(edit.includes(`>${esc(long)}</textarea>`), 'the edit form holds the exact text');
	const csv = await sascha.get('/o/de-sleutel/communities.csv');
	assert.ok(csv.text.includes(nonLatin));
	assert.ok(csv.text.includes(`"${long.replace(/"/g, '""')}"`), 'the CSV holds the exact text');

	// 100 000 characters of non-Latin script (Chinese, then emoji) fit as well
	for (const ch of ['欢', '👋']) {
		const text = ch.repeat(100000);
		const cid = await createCommunity(sascha, { name: `Lang ${ch}`, description: text });
		const back = (await sascha.get(`/o/de-sleutel/communities/${cid}`)).text;
		assert.ok(back.includes(`<dd class="kring-pre">${text}</dd>`), `100 000 × ${ch}`);
	}

	// one character too many is refused with a clear message, nothing stored
	res = await sascha.post('/o/de-sleutel/communities/new', { name: 'Te lang', status: 'gewenst', description: 'a'.repeat(100001) });
	assert.equal(res.status, 422);
	assert.match(res.text, /Beschrijving mag hoogstens 100000 tekens lang zijn \(nu 100001\)/);
	assert.ok(!('Te lang' in await communityIds(sascha)));

	// items too: markup and non-Latin
	res = await sascha.post(`/o/de-sleutel/communities/${id}/items`, { kind: 'voor', text: `${markup} ${nonLatin}` });
	assert.equal(res.status, 303);
	page = (await sascha.get(`/o/de-sleutel/communities/${id}`)).text;
	assert.ok(page.includes(`${esc(markup)} ${esc(nonLatin)}</span>`));
	res = await sascha.post(`/o/de-sleutel/communities/${id}/items`, { kind: 'voor', text: 'x'.repeat(20001) });
	assert.equal(res.status, 422);
	// scan entries and notes
	res = await sascha.post('/o/de-sleutel/scan', { list: 'bestaand', name: markup.slice(0, 190), description: nonLatin });
	assert.equal(res.status, 303);
	page = (await sascha.get('/o/de-sleutel/scan')).text;
	assert.ok(page.includes(esc(markup.slice(0, 190))));
	assert.ok(!page.includes('<script>alert'));
});

test('the list filters by status, type and role, sorts and pages', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const names = async (q) => Object.keys(await communityIdsQ(sascha, q));
	assert.deepEqual(await names('status=samenwerken'), ['Taalcafé voor nieuwkomers']);
	assert.deepEqual(await names('type=practice'), ['Repair Café en dorpsnetwerk Heikant']);
	const missing = await names('rol=ontbreekt');
	assert.ok(missing.includes('Repair Café en dorpsnetwerk Heikant'));
	assert.ok(missing.includes('Boekstart: jonge ouders in Molenbeek'));
	assert.ok(!missing.includes('Taalcafé voor nieuwkomers'));
	const page = (await sascha.get('/o/de-sleutel/communities')).text;
	const sid = /<option value="(\d+)">Sascha de Vries<\/option>/.exec(page)[1];
	// Sascha as verbinder: the Taalcafé, not Boekstart (where she is aanjager)
	const verbinder = await names(`wie=${sid}&rol=verbinder`);
	assert.ok(verbinder.includes('Taalcafé voor nieuwkomers'));
	assert.ok(!verbinder.includes('Boekstart: jonge ouders in Molenbeek'));
	const hers = await names(`wie=${sid}`);
	assert.ok(hers.includes('Boekstart: jonge ouders in Molenbeek') && hers.includes('Taalcafé voor nieuwkomers'));
	assert.ok(!hers.includes('Repair Café en dorpsnetwerk Heikant'));
	// unknown values are ignored, not an error
	assert.equal((await sascha.get('/o/de-sleutel/communities?status=%3Cx%3E&sorteer=drop')).status, 200);
	// sorted by status along the lifecycle: gewenst before samenwerken
	const byStatus = await names('sorteer=status');
	assert.ok(byStatus.indexOf('Samen voor Oosterveld: verhalen van het dorp') < byStatus.indexOf('Taalcafé voor nieuwkomers'));
	// pages of 25; the filters stay in the links
	for (let i = 0; i < 26; i++)
		await createCommunity(sascha, { name: `Leesgroep ${String(i).padStart(2, '0')}`, archetype: 'purpose' });
	const p1 = (await sascha.get('/o/de-sleutel/communities?type=purpose')).text;
	assert.match(p1, /Pagina 1 van 2/);
	assert.match(p1, /href="\?type=purpose&amp;pagina=2"/);
	const p2 = await communityIdsQ(sascha, 'type=purpose&pagina=2');
	assert.equal(Object.keys(p2).length, 1);
});

async function communityIdsQ(c, q) {
	const res = await c.get(`/o/de-sleutel/communities?${q}`);
	assert.equal(res.status, 200);
	const ids = {};
	for (const m of res.text.matchAll(/href="\/o\/[a-z-]+\/communities\/(\d+)">([^<]+)<\/a>/g))
		ids[m[2].replace(/&amp;/g, '&')] = Number(m[1]);
	return ids;
}

test('CSV for Dutch Excel: BOM, semicolons, CRLF, doubled quotes, no formulas', async () => {
	const sascha = await login('sascha@desleutel.nl');
	await createCommunity(sascha, { name: '=HYPERLINK("http://evil.example";"klik")', description: 'regel 1\nregel 2; met "quotes"', contact_name: '@SUM(A1)', contact_how: '+31 6 12345678', why: '-1' });
	const res = await fetch(`${base}/o/de-sleutel/communities.csv?sorteer=naam`, { headers: { Cookie: sascha.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
	assert.match(res.headers.get('content-disposition'), /^attachment; filename="communities-de-sleutel-\d{4}-\d{2}-\d{2}\.csv"$/);
	const bytes = new Uint8Array(await res.arrayBuffer());
	assert.deepEqual([...bytes.slice(0, 3)], [0xEF, 0xBB, 0xBF]);
	const text = new TextDecoder().decode(bytes.slice(3));
	assert.ok(text.startsWith('Naam;Status;Status sinds;Beschrijving;Waarom;Geografie;Identiteit;Affiniteit;Type community;'));
	assert.ok(text.endsWith('\r\n'));
	assert.ok(!/[^\r]\n(?=[^"]*$)/.test(text.split('\r\n')[0]), 'rows end in CRLF');
	assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"";""klik"")"`), 'formula neutralised and quotes doubled');
	assert.ok(text.includes(`"regel 1\nregel 2; met ""quotes"""`));
	assert.ok(text.includes(";'@SUM(A1);'+31 6 12345678;"));
	assert.ok(text.includes(";'-1;"));
	assert.ok(!/(^|;)[=+@-]/m.test(text), 'no cell starts with = + - @');
	// the filters of the list apply to the export
	const only = await sascha.get('/o/de-sleutel/communities.csv?status=samenwerken');
	assert.equal(only.text.trim().split('\r\n').length, 2);
	assert.match(only.text, /Taalcafé voor nieuwkomers;Samenwerken;/);
	assert.match(only.text, /Sascha de Vries/);
	// the list links to the export with the same filters
	assert.match((await sascha.get('/o/de-sleutel/communities?status=samenwerken')).text, /href="\/o\/de-sleutel\/communities\.csv\?status=samenwerken" download/);
});

test('the blank werkblad to print and take along', async () => {
	const fatima = await login('fatima@voorbeeld.nl');
	const res = await fatima.get('/o/de-sleutel/communities/print');
	assert.equal(res.status, 200);
	for (const w of ['Werkblad 2: community in kaart brengen', 'Naam van 1 persoon in de community',
		'Nauwelijks bewust van elkaar', 'Zeer sterke relaties', 'STERKTES'.toLowerCase(), 'Werkblad 3', 'VAN de organisatie'])
		assert.ok(res.text.toLowerCase().includes(w.toLowerCase()), w);
	assert.match(res.text, /data-kring-print hidden/);
});

test('the demo is there and loading it again changes nothing', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await communityIds(sascha);
	const page = (await sascha.get(`/o/de-sleutel/communities/${ids['Repair Café en dorpsnetwerk Heikant']}`)).text;
	assert.match(page, /Er is nog geen verbinder/);
	assert.match(page, /Er staan meer behoeften \(3\) dan sterktes \(2\)/);
	const taal = (await sascha.get(`/o/de-sleutel/communities/${ids['Taalcafé voor nieuwkomers']}`)).text;
	assert.doesNotMatch(taal, /id="h-signalen"/);
	assert.match(taal, /Fatima El Amrani/);
	// run the demo once more on a copy of the database: the same number of rows
	const d = mkdtempSync(path.join(os.tmpdir(), 'kring-demo-twice-'));
	const bin = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
	const db = path.join(d, 'k.db');
	execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore' });
	execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore' });
	const sqlite = (q) => execFileSync('sqlite3', [db, q]).toString().trim();
	try {
		assert.equal(sqlite('SELECT COUNT(*) FROM communities'), '4');
		assert.equal(sqlite('SELECT COUNT(*) FROM scan_entries'), '6');
		assert.equal(sqlite('SELECT COUNT(*) FROM community_items'), '26');
	} catch (e) {
		if (e.code !== 'ENOENT')
			throw e; // no sqlite3 tool: the page checks above still ran
	} finally {
		rmSync(d, { recursive: true, force: true });
	}
});
