// meetlat.test.mjs - HTTP tests of issue 4: readiness (step 1), the frame
// and the vision exercise (step 2), meetlat rounds (answering with an
// account and by anonymous link, closing, results), the adviser overview,
// the role rules, the robustness rules, and the instrument files
// (--instruments DIR / KRING_INSTRUMENTS). Each test talks to a real kring
// on loopback with a fresh demo database. Self-contained: the small
// helpers live in this file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
const PASSWORD = 'welkom-in-de-bieb';

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

/* Starts kring serve on db with extra args/env; resolves once /healthz answers. */
async function serve(db, args = [], env = {}) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args],
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
	let log = '';
	child.stdout.on('data', (d) => { log += d; });
	child.stderr.on('data', (d) => { log += d; });
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`kring serve stopped (exit ${child.exitCode}):\n${log}`);
		try {
			const res = await fetch(`${base}/healthz`);
			if (res.status === 200)
				break;
		} catch { /* not yet */ }
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`kring did not start:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		base,
		log: () => log,
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
		},
	};
}

/* A browser-like client: a cookie jar and the last page's CSRF token. */
class Client {
	constructor(base) {
		this.base = base;
		this.cookies = new Map();
		this.csrf = null;
	}

	async request(method, url, form) {
		const headers = {};
		if (this.cookies.size)
			headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		let body;
		if (form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(form).toString();
		}
		const res = await fetch(this.base + url, { method, headers, body, redirect: 'manual' });
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i), value = pair.slice(i + 1);
			if (/Max-Age=0/i.test(c))
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
		const text = await res.text();
		const m = text.match(/name="csrf" value="([^"]+)"/);
		if (m)
			this.csrf = m[1];
		return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
	}

	get(url) { return this.request('GET', url); }

	/* POSTs form with the current CSRF token (fetching page first when given). */
	async post(url, form, page) {
		if (page)
			await this.get(page);
		return this.request('POST', url, { csrf: this.csrf ?? '', ...form });
	}

	async login(email) {
		await this.get('/login');
		const res = await this.post('/login', { email, password: PASSWORD });
		assert.equal(res.status, 303, `login of ${email}: ${res.status}`);
		assert.ok(this.cookies.has('kring_session'), 'session cookie set');
		await this.get('/');
		return this;
	}
}

async function as(email) {
	return new Client(srv.base).login(email);
}

/* Decodes the few entities the html writer produces. */
function unescape(s) {
	return s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/* The statement ids and the nonce of an answering form. */
function formParts(html) {
	const ids = [...new Set([...html.matchAll(/name="s_([a-z0-9_-]+)"/g)].map((m) => m[1]))];
	const nonce = html.match(/name="nonce" value="([^"]+)"/)?.[1];
	const ronde = html.match(/name="ronde" value="(\d+)"/)?.[1];
	return { ids, nonce, ronde };
}

/* A full answer: every statement value v, for role group g. */
function answers(parts, v, g, extra = {}) {
	const form = { group: g, nonce: parts.nonce, ronde: parts.ronde };
	for (const id of parts.ids)
		form[`s_${id}`] = String(v);
	return { ...form, ...extra };
}

function countOf(html) {
	if (html.includes('Er zijn nog geen antwoorden binnen.'))
		return 0;
	if (html.includes('Er is 1 antwoord binnen.'))
		return 1;
	const m = html.match(/Er zijn (\d+) antwoorden binnen\./);
	return m ? Number(m[1]) : -1;
}

let dir, db, srv;

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'kring-meetlat-'));
	db = path.join(dir, 'kring.db');
	execFileSync(BIN, ['demo', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
	srv = await serve(db);
});

after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

test('the demo holds two closed rounds with a trend, a frame, a shared vision and step 1', async () => {
	const c = await as('sascha@desleutel.nl');
	const list = await c.get('/o/de-sleutel/meetlat');
	assert.equal(list.status, 200);
	const rows = [...list.text.matchAll(/href="\/o\/de-sleutel\/meetlat\/(\d+)">([^<]+)</g)];
	assert.deepEqual(rows.map((m) => m[2]), ['Tweede meting', 'Nulmeting'], 'newest first');
	assert.equal((list.text.match(/Gesloten<\/span>/g) || []).length, 2);
	const res = await c.get(`/o/de-sleutel/meetlat/${rows[0][1]}`);
	assert.equal(res.status, 200);
	assert.match(res.text, /Fase 2: Bereik vergroten en duurzame relaties/);
	assert.match(res.text, /Vorige ronde \(Nulmeting\)/);
	assert.match(res.text, /<svg class="kring-radar"[^>]*role="img"[^>]*aria-labelledby="radar-t radar-d"/);
	assert.match(res.text, /<title id="radar-t">/);
	// the previous round is dashed (the attribute is markup, not escaped text)
	assert.match(res.text, /<polygon class="kring-radar__before"[^>]* stroke-dasharray="8 5"\/>/);
	assert.ok(!res.text.includes('&quot;8 5&quot;'), 'no escaped attribute');
	assert.match(res.text, /<desc id="radar-d">Communicatie en Samenwerking: \d,\d deze ronde, \d,\d vorige ronde/);
	for (const g of ['Directie en management', 'Staf, beleid en programma', 'Frontoffice en vestigingen'])
		assert.ok(res.text.includes(g), `role group ${g} in the results`);
	assert.match(res.text, /Advies en ondersteuning/);
	const v = await c.get('/o/de-sleutel/vision');
	assert.match(v.text, /In 2036 is De Sleutel/);
	assert.match(v.text, /Eerdere versies \(1\)/);
	assert.match(v.text, /Meerjarenstrategie 2025-2028/);
	const r = await c.get('/o/de-sleutel/readiness');
	assert.match(r.text, /5 van de 6 vragen met ja/);
});

test('ambassadeur sees none of it; het-baken cannot see de-sleutel', async () => {
	const f = await as('fatima@voorbeeld.nl');
	for (const p of ['/o/de-sleutel/readiness', '/o/de-sleutel/vision', '/o/de-sleutel/vision/1',
		'/o/de-sleutel/meetlat', '/o/de-sleutel/meetlat/1', '/o/de-sleutel/meetlat/2'])
		assert.equal((await f.get(p)).status, 403, p);
	const home = await f.get('/o/de-sleutel/');
	assert.ok(!home.text.includes('href="/o/de-sleutel/meetlat"'), 'no meetlat in the menu');
	assert.equal((await f.post('/o/de-sleutel/meetlat', { title: 'x' })).status, 403);
	assert.equal((await f.post('/o/de-sleutel/readiness', {})).status, 403);
	const h = await as('henk@hetbaken.nl');
	assert.equal((await h.get('/o/de-sleutel/meetlat')).status, 404);
	assert.equal((await h.get('/o/de-sleutel/meetlat/1')).status, 404);
});

test('medewerker answers and sees results but opens and closes nothing', async () => {
	const c = await as('jeroen@desleutel.nl');
	const list = await c.get('/o/de-sleutel/meetlat');
	assert.ok(!list.text.includes('Ronde openen'));
	assert.ok(list.text.includes('href="/o/de-sleutel/meetlat"'), 'meetlat in the menu');
	assert.equal((await c.post('/o/de-sleutel/meetlat', { title: 'Mag niet' })).status, 403);
	assert.equal((await c.post('/o/de-sleutel/meetlat/1/close', {})).status, 403);
	const after = await c.get('/o/de-sleutel/meetlat');
	assert.ok(!after.text.includes('Mag niet'), 'no round was opened');
});

test('a round: open, answers with accounts and by link, refusals, close, results', async () => {
	const adv = await as('anouk@rijnbrink.nl');
	const opened = await adv.post('/o/de-sleutel/meetlat', { title: 'Derde meting' }, '/o/de-sleutel/meetlat');
	assert.equal(opened.status, 303);
	const url = opened.location.replace(/\?.*/, '');
	assert.match(url, /^\/o\/de-sleutel\/meetlat\/\d+$/);
	const id = Number(url.split('/').pop());
	let page = await adv.get(url);
	assert.equal(countOf(page.text), 0);
	const link = unescape(page.text.match(/id="anon-link"[^>]*value="([^"]+)"/)[1]);
	assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]{43}$/);
	const token = link.split('/m/')[1];

	// the adviser coaches: no form, and an answer is refused (hole 4)
	let parts = formParts(page.text);
	assert.equal(parts.ids.length, 0, 'no answering form for the adviser');
	assert.match(page.text, /je vult de meetlat niet in/);
	const mar = await as('marieke@desleutel.nl');
	page = await mar.get(url);
	parts = formParts(page.text);
	assert.ok(parts.ids.length >= 20 && parts.ids.length <= 30, `statements: ${parts.ids.length}`);
	assert.equal(Number(parts.ronde), id);
	let res = await adv.post(url, answers(parts, 4, 'directie'));
	assert.equal(res.status, 403, 'an adviser does not answer as the library');
	assert.equal(countOf((await adv.get(url)).text), 0, 'nothing stored');

	// the beheerder answers as management
	res = await mar.post(url, answers(parts, 4, 'directie', { c_kennis: 'Meer training nodig.' }));
	assert.equal(res.status, 303);
	assert.equal(res.location, `${url}?klaar=ingevuld`);
	page = await mar.get(url);
	assert.equal(countOf(page.text), 1);
	assert.ok(!page.text.includes('name="s_cs1"'), 'no form after answering');

	// the same person again: refused, nothing stored
	res = await mar.post(url, answers(parts, 2, 'directie'));
	assert.equal(res.status, 409);
	assert.match(res.text, /al ingevuld/);
	assert.equal(countOf((await mar.get(url)).text), 1);

	// a medewerker: off the scale, empty, without group, form of another round
	const med = await as('sascha@desleutel.nl');
	page = await med.get(url);
	parts = formParts(page.text);
	res = await med.post(url, answers(parts, 3, 'staf', { s_cs1: '7' }));
	assert.equal(res.status, 422);
	assert.match(res.text, /buiten de schaal/);
	res = await med.post(url, answers(parts, 3, 'staf', { s_cs2: '-1' }));
	assert.equal(res.status, 422);
	res = await med.post(url, answers(parts, 3, 'staf', { s_cs2: 'drie' }));
	assert.equal(res.status, 422);
	res = await med.post(url, answers(parts, 0, 'staf'));
	assert.equal(res.status, 422);
	assert.match(res.text, /minstens één stelling/);
	res = await med.post(url, answers(parts, 3, 'bestuur'));
	assert.equal(res.status, 422);
	assert.match(res.text, /Kies waar je werkt/);
	res = await med.post(url, answers(parts, 3, 'staf', { ronde: '1' }));
	assert.equal(res.status, 409);
	assert.match(res.text, /hoort bij een andere meetronde/);
	assert.equal(countOf((await med.get(url)).text), 1, 'nothing stored by the refusals');
	// a round of another organisation through this organisation's address
	const baken = await (await as('henk@hetbaken.nl')).get('/o/het-baken/meetlat');
	const bakenId = baken.text.match(/href="\/o\/het-baken\/meetlat\/(\d+)"/)[1];
	assert.equal((await med.get(`/o/de-sleutel/meetlat/${bakenId}`)).status, 404);
	assert.equal((await med.post(`/o/de-sleutel/meetlat/${bakenId}`,
		answers(parts, 3, 'staf', { ronde: bakenId }))).status, 404);
	// now properly, with one "weet ik niet"
	res = await med.post(url, answers(parts, 3, 'staf', { s_sa1: '0' }));
	assert.equal(res.status, 303);

	// anonymous by link, from the front office
	const anon = new Client(srv.base);
	page = await anon.get(`/m/${token}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /Meetlat van Bibliotheek De Sleutel/);
	assert.ok(anon.cookies.has('kring_anon'), 'anonymous cookie for CSRF');
	const aparts = formParts(page.text);
	res = await anon.post(`/m/${token}`, answers(aparts, 2, 'frontoffice'));
	assert.equal(res.status, 303);
	assert.equal(res.location, `/m/${token}?klaar=ingevuld`);
	assert.match((await anon.get(res.location)).text, /Dank je wel/);
	// the same form twice: refused
	res = await anon.post(`/m/${token}`, answers(aparts, 2, 'frontoffice'));
	assert.equal(res.status, 409);
	assert.match(res.text, /al eerder verstuurd/);
	// without the CSRF token
	res = await anon.request('POST', `/m/${token}`, answers(aparts, 2, 'frontoffice'));
	assert.equal(res.status, 403);
	// a link that does not exist, or is malformed
	assert.equal((await anon.get(`/m/${'A'.repeat(43)}`)).status, 404);
	assert.equal((await anon.get('/m/kort')).status, 404);
	// this round's form posted to the link of another organisation's open round
	const bakenOpened = await adv.post('/o/het-baken/meetlat', { title: 'Baken open' }, '/o/het-baken/meetlat');
	assert.equal(bakenOpened.status, 303);
	const bakenUrl = bakenOpened.location.replace(/\?.*/, '');
	const bakenPage = await adv.get(bakenUrl);
	const bakenToken = unescape(bakenPage.text.match(/id="anon-link"[^>]*value="([^"]+)"/)[1]).split('/m/')[1];
	assert.notEqual(bakenToken, token);
	await anon.get(`/m/${bakenToken}`);
	res = await anon.post(`/m/${bakenToken}`, answers(aparts, 2, 'frontoffice', { nonce: 'C'.repeat(43) }));
	assert.equal(res.status, 409);
	assert.match(res.text, /hoort bij een andere meetronde/);
	assert.equal(countOf((await adv.get(bakenUrl)).text), 0, 'nothing stored in the other round');
	page = await adv.get(url);
	assert.equal(countOf(page.text), 3);

	// close: medewerker may not, adviseur may, after a confirmation that says
	// how many answered; the close step is not beside the anonymous link
	assert.equal((await med.post(`${url}/close`, {})).status, 403);
	assert.equal((await med.get(`${url}/close`)).status, 403);
	page = await adv.get(url);
	const linkCard = page.text.match(/<section[^>]*aria-labelledby="h-link"(?:(?!<\/section>).)*<\/section>/s)[0];
	assert.ok(!linkCard.includes('/close'), 'nothing about closing in the link card');
	assert.ok(!page.text.includes(`action="${url}/close"`), 'the round page has no close form');
	assert.ok(page.text.includes(`href="${url}/close"`), 'a way to the confirmation');
	const confirm = await adv.get(`${url}/close`);
	assert.equal(confirm.status, 200);
	assert.match(confirm.text, /Deze ronde sluiten\?/);
	assert.match(confirm.text, /Er zijn 3 antwoorden binnen\./);
	assert.ok(confirm.text.includes(`action="${url}/close"`), 'the confirmation posts the close');
	res = await adv.post(`${url}/close`, {}, `${url}/close`);
	assert.equal(res.status, 303);
	assert.equal((await adv.post(`${url}/close`, {}, url)).status, 409);
	const fresh = new Client(srv.base);
	page = await fresh.get(`/m/${token}`);
	assert.equal(page.status, 410);
	assert.match(page.text, /gesloten/);
	res = await anon.post(`/m/${token}`, answers({ ...aparts, nonce: 'B'.repeat(43) }, 3, 'staf'));
	assert.equal(res.status, 409);
	assert.match(res.text, /gesloten/);
	const jer = await as('jeroen@desleutel.nl');
	await jer.get('/o/de-sleutel/meetlat');
	res = await jer.post(url, answers(parts, 5, 'frontoffice'));
	assert.equal(res.status, 409);
	assert.match(res.text, /gesloten/);

	// results: 3 answers; kennis = (4 + 3 + 2) / 3 = 3,0; strategie: (4 + 3 + 2) / 3 = 3,0
	// (Sascha's "weet ik niet" on sa1 leaves her mean at 3); spread sqrt(2/3) = 0,8
	page = await med.get(url);
	assert.equal(page.status, 200);
	assert.match(page.text, /3 antwoorden/);
	const row = (name) => {
		const m = page.text.match(new RegExp(`scope="row">${name}(?:(?!</tr>).)*</tr>`, 's'));
		return [...m[0].matchAll(/<td class="utrecht-table__cell">([^<]*)</g)].map((x) => x[1]);
	};
	assert.deepEqual(row('Kennis en Competenties').slice(0, 3), ['3,0', '0,8', '3']);
	assert.deepEqual(row('Strategie en Ambitie').slice(0, 3), ['3,0', '0,8', '3']);
	assert.match(page.text, /Vorige ronde \(Tweede meting\)/);
	assert.match(page.text, /Fase 2: /, 'every bouwsteen 3,0 and mean 3,0: fase 2');
	assert.match(page.text, /Meer training nodig\./);
	assert.match(page.text, /Geen enkele bouwsteen scoort zwak/);

	// one person per role group: no group cell, count or comment label shows them
	const groups = page.text.match(/<section aria-labelledby="h-groepen">(?:(?!<\/section>).)*<\/section>/s)[0];
	assert.equal((groups.match(/te weinig antwoorden om te tonen/g) || []).length, 15, '5 bouwstenen x 3 groups');
	assert.ok(!/\d,\d \(\d+\)/.test(groups), 'no group figure');
	assert.ok(!/Directie en management \(\d+\)/.test(groups), 'no group count');
	assert.match(groups, /minder dan 3 antwoorden/);
	assert.match(page.text, /Meer training nodig\.<\/p><p class="kring-muted kring-small"><\/p>/, 'the comment carries no group');
	assert.match(page.text, /Gesloten op [^·]+ · 3 antwoorden · /);
	// the demo rounds have groups of 3 and more: shown
	const demo = await med.get('/o/de-sleutel/meetlat/2');
	assert.match(demo.text, /Directie en management \(3\)/);
	assert.ok(!demo.text.includes('te weinig antwoorden om te tonen'));
});

test('readiness: every question answered, dated, re-answerable', async () => {
	const c = await as('marieke@desleutel.nl');
	const page = await c.get('/o/de-sleutel/readiness');
	const ids = [...new Set([...page.text.matchAll(/name="q_([a-z_]+)"/g)].map((m) => m[1]))];
	assert.equal(ids.length, 6);
	const form = Object.fromEntries(ids.map((q) => [`q_${q}`, 'ja']));
	let res = await c.post('/o/de-sleutel/readiness', { ...form, [`q_${ids[2]}`]: '' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Beantwoord elke vraag met ja of nee/);
	res = await c.post('/o/de-sleutel/readiness', { ...form, [`q_${ids[2]}`]: 'misschien' });
	assert.equal(res.status, 422);
	res = await c.post('/o/de-sleutel/readiness', { ...form, [`q_${ids[0]}`]: 'nee', note: 'Teamoverleg' });
	assert.equal(res.status, 303);
	const after = await c.get('/o/de-sleutel/readiness');
	assert.match(after.text, /Marieke Jansen: 5 van de 6 vragen met ja/);
	assert.match(after.text, /Teamoverleg/);
	assert.equal((after.text.match(/<td class="utrecht-table__cell">\d+ van 6<\/td>/g) || []).length, 3);
	assert.match(after.text, /Zoek eerst twee of drie collega/, 'advice for the no');
	// the adviseur reads along but does not answer for the library (hole 4); the
	// ambassadeur may not either (tested above)
	const adv = await as('anouk@rijnbrink.nl');
	const advPage = await adv.get('/o/de-sleutel/readiness');
	assert.equal(advPage.status, 200);
	assert.ok(!advPage.text.includes('name="q_'), 'no questions form for the adviser');
	assert.match(advPage.text, /beantwoordt het team van de bibliotheek zelf/);
	res = await adv.post('/o/de-sleutel/readiness', Object.fromEntries(ids.map((q) => [`q_${q}`, 'nee'])));
	assert.equal(res.status, 403);
	assert.match((await c.get('/o/de-sleutel/readiness')).text, /Marieke Jansen: 5 van de 6 vragen met ja/, 'nothing changed');
});

test('readiness: the page says whose answers count and who answered differently', async () => {
	const m = await as('marieke@desleutel.nl');
	const s = await as('sascha@desleutel.nl');
	const page = await m.get('/o/de-sleutel/readiness');
	const ids = [...new Set([...page.text.matchAll(/name="q_([a-z_]+)"/g)].map((x) => x[1]))];
	let res = await m.post('/o/de-sleutel/readiness', Object.fromEntries(ids.map((q) => [`q_${q}`, 'ja'])));
	assert.equal(res.status, 303);
	await s.get('/o/de-sleutel/readiness');
	res = await s.post('/o/de-sleutel/readiness',
		{ ...Object.fromEntries(ids.map((q) => [`q_${q}`, 'ja'])), [`q_${ids[0]}`]: 'nee', [`q_${ids[1]}`]: 'nee' });
	assert.equal(res.status, 303);
	const text = unescape((await m.get('/o/de-sleutel/readiness')).text);
	const stand = text.match(/<section[^>]*aria-labelledby="h-stand">(?:(?!<\/section>).)*<\/section>/s)[0];
	assert.match(stand, /door Sascha [^:]+: 4 van de 6 vragen met ja/, 'whose answers, with the date');
	assert.match(stand, /volgt alleen uit deze laatste antwoorden: ze zijn niet gecombineerd/);
	assert.match(stand, /Let op: Marieke Jansen beantwoordde de vragen op [^,]+ anders, bij 2 vragen\./);
	// one difference: the singular
	res = await m.post('/o/de-sleutel/readiness',
		{ ...Object.fromEntries(ids.map((q) => [`q_${q}`, 'ja'])), [`q_${ids[0]}`]: 'nee' }, '/o/de-sleutel/readiness');
	assert.equal(res.status, 303);
	const again = unescape((await s.get('/o/de-sleutel/readiness')).text);
	assert.match(again, /Let op: Sascha de Vries beantwoordde de vragen op [^,]+ anders, bij 1 vraag\./);
});

test('frame: a stale version is a conflict, never a silent overwrite', async () => {
	const a = await as('marieke@desleutel.nl');
	const b = await as('sascha@desleutel.nl');
	const pa = await a.get('/o/de-sleutel/vision');
	await b.get('/o/de-sleutel/vision');
	const version = pa.text.match(/name="version" value="(\d+)"/)[1];
	const form = { strategy: 'S', policy_goals: 'P', stands_for: 'Wij zijn van het dorp', version };
	let res = await b.request('POST', '/o/de-sleutel/vision/frame', { csrf: b.csrf, ...form });
	assert.equal(res.status, 303);
	res = await a.request('POST', '/o/de-sleutel/vision/frame', { csrf: a.csrf, ...form, stands_for: 'Anders' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft het kader intussen ook opgeslagen/);
	assert.match(res.text, /Wij zijn van het dorp/);
	const adv = await as('anouk@rijnbrink.nl');
	assert.equal((await adv.post('/o/de-sleutel/vision/frame', form)).status, 403, 'adviseur reads only');
	assert.match((await adv.get('/o/de-sleutel/vision')).text, /Wij zijn van het dorp/);
});

/* The frame form of a page: its texts, version and fingerprints, as a browser would send it. */
function frameForm(html) {
	const form = {};
	for (const name of ['strategy', 'policy_goals', 'stands_for']) {
		const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`));
		assert.ok(m, `textarea ${name} on the page`);
		form[name] = unescape(m[1]);
		const b = html.match(new RegExp(`name="base_${name}" value="([0-9a-f]{16})"`));
		assert.ok(b, `fingerprint of ${name} on the page`);
		form[`base_${name}`] = b[1];
	}
	form.version = html.match(/name="version" value="(\d+)"/)[1];
	return form;
}

test('frame conflict: the form starts from the stored text with my change; saving again keeps both', async () => {
	const a = await as('marieke@desleutel.nl');
	const b = await as('sascha@desleutel.nl');
	const fa = frameForm((await a.get('/o/de-sleutel/vision')).text);
	const fb = frameForm((await b.get('/o/de-sleutel/vision')).text);
	const csrfB = b.csrf;
	// A changes the strategy, B (from the same version) what the library stands for
	let res = await a.post('/o/de-sleutel/vision/frame', { ...fa, strategy: 'Strategie van A' });
	assert.equal(res.status, 303);
	res = await b.request('POST', '/o/de-sleutel/vision/frame', { csrf: csrfB, ...fb, stands_for: 'Waar B voor staat' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft het kader intussen ook opgeslagen/);
	const conflict = frameForm(res.text);
	assert.equal(conflict.strategy, 'Strategie van A', 'the form starts from the stored text');
	assert.equal(conflict.stands_for, 'Waar B voor staat', 'with my own change in it');
	assert.equal(conflict.policy_goals, fb.policy_goals);
	// the difference per field: only where mine and theirs differ
	const diff = res.text.match(/<section class="kring-conflict"(?:(?!<\/section>).)*<\/section>/s)[0];
	assert.match(diff, /scope="row">Waar zijn wij van\?<\/th><td[^>]*>Waar B voor staat<\/td><td[^>]*>[^<]*<\/td>/);
	assert.ok(!diff.includes('scope="row">Strategie<'), 'no difference left on the strategy');
	assert.ok(!diff.includes('scope="row">Beleids- en organisatiedoelen<'), 'none on the goals');
	// B saves the conflict form as it stands: both changes are kept
	res = await b.request('POST', '/o/de-sleutel/vision/frame', { csrf: b.csrf, ...conflict });
	assert.equal(res.status, 303);
	const now = frameForm((await a.get('/o/de-sleutel/vision')).text);
	assert.equal(now.strategy, 'Strategie van A');
	assert.equal(now.stands_for, 'Waar B voor staat');
	assert.equal(now.policy_goals, fb.policy_goals);
});

test('vision exercise: visions side by side, a shared vision with date and authors, versions kept', async () => {
	const c = await as('sascha@desleutel.nl');
	let res = await c.post('/o/de-sleutel/vision/sessions', { title: '' }, '/o/de-sleutel/vision');
	assert.equal(res.status, 422);
	res = await c.post('/o/de-sleutel/vision/sessions', { title: 'Sessie met de vestigingen' });
	assert.equal(res.status, 303);
	const url = res.location;
	let page = await c.get(url);
	assert.match(page.text, /Schrijf in de tegenwoordige tijd/);
	assert.match(page.text, /<script src="\/assets\/timer\.js\?v=[0-9a-f]+" defer><\/script>/);
	assert.match(page.text, /id="kring-timer"[^>]*hidden/);
	assert.match(page.text, /Zet een wekker op tien minuten/);
	for (const [author, body] of [['Sascha de Vries', 'Visie <één>'], ['Ahmed', 'Visie twee']])
		assert.equal((await c.post(url, { author, body })).status, 303);
	page = await c.get(url);
	assert.match(page.text, /Visie &lt;één&gt;/, 'escaped');
	assert.match(page.text, /value="Sascha de Vries, Ahmed"/, 'authors suggested');
	res = await c.post(`${url}/shared`, { body: 'Samen: de bibliotheek van iedereen.', authors: 'Sascha de Vries, Ahmed' });
	assert.equal(res.status, 303);
	page = await c.get('/o/de-sleutel/vision');
	assert.match(page.text, /Samen: de bibliotheek van iedereen\./);
	assert.match(page.text, /Geschreven door: Sascha de Vries, Ahmed/);
	assert.match(page.text, /Eerdere versies \(2\)/);
	assert.equal((await c.get('/o/het-baken/vision/1')).status, 404);
	const js = await fetch(`${srv.base}/assets/timer.js`);
	assert.equal(js.status, 200);
	assert.match(js.headers.get('content-type'), /javascript/);
});

test('adviser overview shows only organisations where the person is adviseur', async () => {
	const adv = await as('anouk@rijnbrink.nl');
	const page = await adv.get('/adviser');
	assert.equal(page.status, 200);
	assert.match(page.text, /Bibliotheek De Sleutel/);
	assert.match(page.text, /Bibliotheek Het Baken/);
	assert.match(page.text, /<strong>1<\/strong> Eerste stappen/);
	assert.match(page.text, /\((gestegen|gedaald)\)/, 'trend at De Sleutel');
	assert.match(page.text, /Baken open/, 'the open round of Het Baken');
	for (const who of ['marieke@desleutel.nl', 'henk@hetbaken.nl', 'fatima@voorbeeld.nl']) {
		const p = await (await as(who)).get('/adviser');
		assert.equal(p.status, 200);
		assert.match(p.text, /Je bent bij geen enkele bibliotheek adviseur/);
		assert.ok(!p.text.includes('Bibliotheek Het Baken') && !p.text.includes('Tweede meting'), who);
	}
	const anon = await new Client(srv.base).get('/adviser');
	assert.equal(anon.status, 303);
	assert.match(anon.location, /^\/login/);
});

test('instrument files from a directory; a broken file stops the start with its name and problem', async () => {
	const idir = path.join(dir, 'instr');
	mkdirSync(idir);
	const meetlat = JSON.parse(readFileSync(path.join(ROOT, 'instruments', 'meetlat.json'), 'utf8'));
	const readiness = readFileSync(path.join(ROOT, 'instruments', 'readiness.json'), 'utf8');
	writeFileSync(path.join(idir, 'readiness.json'), readiness);

	// broken: a syntax error, and a statement without text
	writeFileSync(path.join(idir, 'meetlat.json'), '{"instrument": "meetlat",');
	let r = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:1', '--instruments', idir], { encoding: 'utf8' });
	assert.equal(r.status, 1);
	assert.match(r.stderr, new RegExp(`${idir}/meetlat\\.json: line 1, column \\d+: `));
	const bad = structuredClone(meetlat);
	delete bad.bouwstenen[1].statements[2].text;
	writeFileSync(path.join(idir, 'meetlat.json'), JSON.stringify(bad));
	r = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:1'],
		{ encoding: 'utf8', env: { ...process.env, KRING_INSTRUMENTS: idir } });
	assert.equal(r.status, 1);
	assert.ok(r.stderr.includes(`${idir}/meetlat.json: bouwstenen[1].statements[2].text: missing`), r.stderr);

	// a new version with a changed statement: new rounds use it, old rounds keep theirs
	const next = structuredClone(meetlat);
	next.version = '2027.test';
	next.bouwstenen[0].statements[0].text = 'Een aangepaste stelling over samenwerking.';
	writeFileSync(path.join(idir, 'meetlat.json'), JSON.stringify(next));
	await srv.stop();
	srv = await serve(db, ['--instruments', idir]);
	const adv = await as('anouk@rijnbrink.nl');
	const opened = await adv.post('/o/het-baken/meetlat', { title: 'Met de nieuwe meetlat' }, '/o/het-baken/meetlat');
	assert.equal(opened.status, 303);
	const url = opened.location.replace(/\?.*/, '');
	// the library's beheerder answers (an adviser does not: hole 4)
	const henk = await as('henk@hetbaken.nl');
	const page = await henk.get(url);
	assert.match(page.text, /Een aangepaste stelling over samenwerking\./);
	assert.equal((await henk.post(url, answers(formParts(page.text), 3, 'staf'))).status, 303);
	assert.equal((await adv.post(`${url}/close`, {}, `${url}/close`)).status, 303);
	assert.match((await adv.get(url)).text, /meetlat versie 2027\.test/);
	const list = await adv.get('/o/het-baken/meetlat');
	const old = list.text.match(/href="(\/o\/het-baken\/meetlat\/\d+)">Nulmeting</)[1];
	assert.match((await adv.get(old)).text, /meetlat versie 2026\.1/);
	await srv.stop();
	srv = await serve(db);
});

test('an adviser of many libraries sees them ten at a time, each once', async () => {
	// eleven more libraries coached by Anouk: thirteen in all, ordered by name
	const names = [];
	for (let i = 1; i <= 11; i++) {
		const slug = `kloon-${String(i).padStart(2, '0')}`;
		names.push(`Kloon ${String(i).padStart(2, '0')}`);
		execFileSync(BIN, ['org', 'add', '--slug', slug, '--name', names.at(-1), '--db', db], { stdio: 'ignore' });
		execFileSync(BIN, ['member', 'add', '--org', slug, '--email', 'anouk@rijnbrink.nl', '--role', 'adviseur', '--db', db], { stdio: 'ignore' });
	}
	const adv = await as('anouk@rijnbrink.nl');
	const columns = (html) => [...html.matchAll(/scope="col"><a class="utrecht-link" href="\/o\/([a-z0-9-]+)\/meetlat"/g)].map((m) => m[1]);
	const first = await adv.get('/adviser');
	assert.equal(first.status, 200);
	assert.equal(columns(first.text).length, 10, 'ten libraries on the first page');
	assert.match(first.text, /Pagina 1 van 2/);
	assert.match(first.text, /href="\?pagina=2"/);
	const second = await adv.get('/adviser?pagina=2');
	assert.equal(second.status, 200);
	assert.deepEqual(columns(second.text), ['kloon-09', 'kloon-10', 'kloon-11']);
	const all = [...columns(first.text), ...columns(second.text)];
	assert.equal(new Set(all).size, 13, 'every coached library once');
	assert.ok(all.includes('de-sleutel') && all.includes('het-baken'));
	// a page past the end shows the first page
	assert.deepEqual(columns((await adv.get('/adviser?pagina=9')).text), columns(first.text));
	// a library without rounds says so
	assert.match(second.text, /nog geen gesloten ronde/);
});
