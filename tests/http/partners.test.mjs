// partners.test.mjs - HTTP tests of partners, partner power, conversations and
// search (issue 3, second half): roles, tenant isolation including another
// organisation's ids typed into addresses and forms, conflicts, the delete
// rule, odd input, CSV for Dutch Excel and search. Runs `$KRING_BIN` (default
// build/kring) on a fresh demo database on a free port. The helper code lives
// in this file on purpose.

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
const ORG = '/o/de-sleutel';

// ---- a private kring ----

let base, child, dir, bin, log = '';

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
	const src = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
	assert.ok(existsSync(src), `no kring binary at ${src}: build first or set KRING_BIN`);
	dir = mkdtempSync(path.join(os.tmpdir(), 'kring-http-partners-'));
	bin = path.join(dir, 'kring');
	copyFileSync(src, bin);
	const db = path.join(dir, 'kring.db');
	execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore', timeout: 60_000 });
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
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
		return { status: res.status, text, headers: res.headers, location: res.headers.get('location') };
	}

	// fields: an object, or an array of [name, value] pairs (for repeated names)
	async post(p, fields = {}) {
		if (!this.csrf)
			await this.get('/');
		const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
		body.set('csrf', this.csrf);
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
	assert.equal((await c.get('/login')).status, 200);
	const res = await c.post('/login', { email, password: PASSWORD });
	assert.equal(res.status, 303, `login of ${email}`);
	await c.get('/o/de-sleutel/'); // a CSRF token bound to the new session
	return c;
}

// The version a form carries (the hidden field of a confirmation or edit form).
function versionIn(html) {
	const m = /name="version" value="(\d+)"/.exec(html);
	assert.ok(m, 'the form names the version it shows');
	return m[1];
}

// The HTML-escaped form of a text, as kring writes it.
function esc(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function unesc(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

// The fields of the form posting to action, as a browser would send them.
function formFields(html, action) {
	const forms = [...html.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
	const form = forms.find((m) => unesc(m[1]) === action);
	assert.ok(form, `a form posting to ${action}`);
	const f = {};
	for (const m of form[2].matchAll(/<input\b([^>]*)>/g)) {
		const attrs = Object.fromEntries([...m[1].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
		if (!attrs.name || attrs.name === 'csrf')
			continue;
		if ((attrs.type === 'radio' || attrs.type === 'checkbox') && !/\schecked\b/.test(m[1]))
			continue;
		f[attrs.name] = unesc(attrs.value ?? '');
	}
	for (const m of form[2].matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
		f[m[1]] = unesc(m[2]);
	for (const m of form[2].matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
		const sel = /<option value="([^"]*)" selected>/.exec(m[2]) || /<option value="([^"]*)"/.exec(m[2]);
		f[m[1]] = sel ? unesc(sel[1]) : '';
	}
	return f;
}

// Ids of the partners on the list, by name.
async function partnerIds(c, slug = 'de-sleutel') {
	const res = await c.get(`/o/${slug}/partners`);
	assert.equal(res.status, 200);
	const ids = {};
	for (const m of res.text.matchAll(/href="\/o\/[a-z-]+\/partners\/(\d+)">([^<]+)<\/a>/g))
		ids[unesc(m[2])] = Number(m[1]);
	return ids;
}

async function conversationIds(c) {
	const res = await c.get(`${ORG}/conversations`);
	assert.equal(res.status, 200);
	const ids = {};
	for (const m of res.text.matchAll(/<a class="utrecht-link kring-strong-link" href="\/o\/de-sleutel\/conversations\/(\d+)">([^<]+)<\/a>/g))
		ids[unesc(m[2])] = Number(m[1]);
	return ids;
}

async function communityIds(c) {
	const res = await c.get(`${ORG}/communities`);
	const ids = {};
	for (const m of res.text.matchAll(/href="\/o\/[a-z-]+\/communities\/(\d+)">([^<]+)<\/a>/g))
		ids[unesc(m[2])] = Number(m[1]);
	return ids;
}

async function createPartner(c, fields, slug = 'de-sleutel') {
	const res = await c.post(`/o/${slug}/partners/new`, fields);
	assert.equal(res.status, 303, res.text.slice(0, 600));
	const m = /\/partners\/(\d+)\?klaar=nieuw$/.exec(res.location);
	assert.ok(m, res.location);
	return Number(m[1]);
}

async function createTalk(c, fields) {
	const res = await c.post(`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'kennismaking', report_sent: 'nee', ...fields });
	assert.equal(res.status, 303, res.text.slice(0, 2000));
	const m = /\/conversations\/(\d+)\?klaar=nieuw$/.exec(res.location);
	assert.ok(m, res.location);
	return Number(m[1]);
}

// The person ids offered as owners of action points, by name.
function ownerIds(html) {
	const sel = /<select class="utrecht-select" id="f-a1_owner" name="a1_owner"[^>]*>([\s\S]*?)<\/select>/.exec(html);
	assert.ok(sel, 'an owner choice');
	return Object.fromEntries([...sel[1].matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].map((m) => [m[2], Number(m[1])]));
}

// ---- roles ----

test('staff work with partners and conversations; the menu shows them', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const page = await sascha.get(`${ORG}/partners`);
	assert.equal(page.status, 200);
	assert.match(page.text, /href="\/o\/de-sleutel\/partners" aria-current="page">Partners</);
	assert.match(page.text, /href="\/o\/de-sleutel\/conversations">Gesprekken</);
	assert.match(page.text, /role="search"/);
	const ids = await partnerIds(sascha);
	for (const name of ['VluchtelingenWerk Zandhoven', 'Welzijn De Brug', 'Basisschool De Regenboog', 'Dorpsraad Heikant'])
		assert.ok(ids[name], `demo partner ${name}`);
	const vw = await sascha.get(`${ORG}/partners/${ids['VluchtelingenWerk Zandhoven']}`);
	assert.match(vw.text, /Partner power \(werkblad 4\)/);
	assert.match(vw.text, /Welke afspraken kunnen ze waarmaken\?/);
	assert.match(vw.text, /Gesprek vastleggen/);
	assert.equal((await sascha.get(`${ORG}/partners/new`)).status, 200);
	assert.equal((await sascha.get(`${ORG}/conversations/new`)).status, 200);
	const marieke = await login('marieke@desleutel.nl');
	assert.equal((await marieke.get(`${ORG}/partners/${ids['Welzijn De Brug']}/edit`)).status, 200);
});

test('an adviseur reads partners and conversations, and changes nothing (403)', async () => {
	const anouk = await login('anouk@rijnbrink.nl');
	const ids = await partnerIds(anouk);
	const vw = ids['VluchtelingenWerk Zandhoven'];
	const page = await anouk.get(`${ORG}/partners/${vw}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /Partner power vastleggen/);
	assert.doesNotMatch(page.text, /\/links"/);
	const talks = await conversationIds(anouk);
	const pp = talks['Partner power met VluchtelingenWerk'];
	const talk = await anouk.get(`${ORG}/conversations/${pp}`);
	assert.equal(talk.status, 200);
	assert.doesNotMatch(talk.text, /\/actions"/, 'no add form for an adviseur');
	assert.doesNotMatch(talk.text, /Afvinken/);
	for (const p of [`${ORG}/conversations`, `${ORG}/conversations/prepare?partner=${vw}`, `${ORG}/partners.csv`, `${ORG}/partners/print`])
		assert.equal((await anouk.get(p)).status, 200, p);
	for (const p of [`${ORG}/partners/new`, `${ORG}/partners/${vw}/edit`, `${ORG}/partners/${vw}/delete`,
		`${ORG}/partners/${vw}/power/new`, `${ORG}/conversations/new`, `${ORG}/conversations/${pp}/edit`])
		assert.equal((await anouk.get(p)).status, 403, p);
	const action = Number(/id="ap-(\d+)"/.exec(talk.text)[1]);
	for (const [p, fields] of [
		[`${ORG}/partners/new`, { name: 'Overgenomen', kind: 'welzijn' }],
		[`${ORG}/partners/${vw}/edit`, { name: 'Overgenomen', kind: 'welzijn', version: '1' }],
		[`${ORG}/partners/${vw}/delete`, {}],
		[`${ORG}/partners/${vw}/power/new`, { met_on: '2026-03-01', goals: 'x' }],
		[`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'brainstorm', partner: String(vw), subject: 'x', report_sent: 'nee' }],
		[`${ORG}/conversations/${pp}/actions`, { text: 'x' }],
		[`${ORG}/conversations/${pp}/actions/${action}/done`, { done: '1' }],
		[`${ORG}/conversations/${pp}/delete`, {}],
	])
		assert.equal((await anouk.post(p, fields)).status, 403, p);
	assert.doesNotMatch((await anouk.get(`${ORG}/partners`)).text, /Overgenomen/);
});

test('an ambassadeur gets 403 on partners and conversations, and searches only her own communities', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await partnerIds(sascha);
	const talks = await conversationIds(sascha);
	const fatima = await login('fatima@voorbeeld.nl');
	const vw = ids['VluchtelingenWerk Zandhoven'];
	const pp = talks['Partner power met VluchtelingenWerk'];
	for (const p of [`${ORG}/partners`, `${ORG}/partners.csv`, `${ORG}/partners/print`, `${ORG}/partners/${vw}`,
		`${ORG}/partners/new`, `${ORG}/conversations`, `${ORG}/conversations/${pp}`, `${ORG}/conversations/prepare`,
		`${ORG}/conversations/new`])
		assert.equal((await fatima.get(p)).status, 403, p);
	assert.equal((await fatima.post(`${ORG}/conversations/${pp}/actions`, { text: 'x' })).status, 403);
	const home = await fatima.get(`${ORG}/`);
	assert.doesNotMatch(home.text, /href="\/o\/de-sleutel\/partners"/);
	assert.doesNotMatch(home.text, /href="\/o\/de-sleutel\/conversations"/);
	// her community's page shows no partners or timeline
	const taal = (await communityIds(sascha))['Taalcafé voor nieuwkomers'];
	const own = await fatima.get(`${ORG}/communities/${taal}`);
	assert.equal(own.status, 200);
	assert.doesNotMatch(own.text, /id="tijdlijn"/);
	assert.doesNotMatch(own.text, /VluchtelingenWerk Zandhoven/);
	assert.match((await sascha.get(`${ORG}/communities/${taal}`)).text, /id="tijdlijn"/);
	// search: her Taalcafé, not the Repair Café, no partners, no conversations
	const found = await fatima.get(`${ORG}/search?q=cafe`);
	assert.equal(found.status, 200);
	assert.match(found.text, />Taalcafé voor nieuwkomers</);
	assert.doesNotMatch(found.text, /Repair Café en dorpsnetwerk Heikant/);
	assert.doesNotMatch(found.text, /\/partners\/\d+/);
	assert.doesNotMatch(found.text, /\/conversations\/\d+/);
	assert.doesNotMatch(found.text, /VluchtelingenWerk/);
	assert.equal((await fatima.get(`${ORG}/search?q=VluchtelingenWerk`)).text.includes('Niets gevonden'), true);
});

// ---- tenant isolation ----

test('another organisation: its records answer 404, and its ids in forms are refused', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await partnerIds(sascha);
	const talks = await conversationIds(sascha);
	const vw = ids['VluchtelingenWerk Zandhoven'];
	const pp = talks['Partner power met VluchtelingenWerk'];
	const henk = await login('henk@hetbaken.nl');
	await henk.get('/o/het-baken/');
	for (const p of [`${ORG}/partners`, `${ORG}/partners/${vw}`, `/o/het-baken/partners/${vw}`,
		`/o/het-baken/partners/${vw}/edit`, `/o/het-baken/conversations/${pp}`, `/o/het-baken/conversations/${pp}/edit`,
		`/o/het-baken/partners/print?partner=${vw}`, `/o/het-baken/conversations/prepare?partner=${vw}`])
		assert.equal((await henk.get(p)).status, 404, p);
	assert.equal((await henk.post(`/o/het-baken/partners/${vw}/edit`, { name: 'x', kind: 'welzijn', version: '1' })).status, 404);
	assert.equal((await henk.post(`/o/het-baken/partners/${vw}/delete`)).status, 404);
	assert.equal((await henk.post(`/o/het-baken/conversations/${pp}/delete`)).status, 404);

	// Henk's own partner, community and person, typed into De Sleutel's forms by Sascha
	const strand = await createPartner(henk, { name: 'Reddingsbrigade Strandwacht', kind: 'vereniging' }, 'het-baken');
	let res = await henk.post('/o/het-baken/communities/new', { name: 'Strandjutters', status: 'gewenst' });
	const theirCommunity = Number(/communities\/(\d+)/.exec(res.location)[1]);
	const henkId = ownerIds((await henk.get('/o/het-baken/conversations/new')).text)['Henk Smit'];
	assert.ok(henkId);
	assert.equal((await sascha.get(`${ORG}/partners/${strand}`)).status, 404);
	res = await sascha.post(`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'kennismaking', partner: String(strand), subject: 'Stiekem', report_sent: 'nee' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Kies een van de mogelijkheden bij Partner/);
	res = await sascha.post(`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'kennismaking', community: String(theirCommunity), subject: 'Stiekem', report_sent: 'nee' });
	assert.equal(res.status, 422);
	res = await sascha.post(`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'kennismaking', partner: String(vw), subject: 'Stiekem', report_sent: 'nee', a1_text: 'Bellen', a1_owner: String(henkId) });
	assert.equal(res.status, 422);
	assert.doesNotMatch((await sascha.get(`${ORG}/conversations`)).text, /Stiekem/);
	assert.equal((await sascha.post(`${ORG}/conversations/${pp}/actions`, { text: 'Henk belt', owner: String(henkId) })).status, 422);
	assert.equal((await sascha.post(`${ORG}/partners/${vw}/links`, { community: String(theirCommunity) })).status, 404);
	const taal = (await communityIds(sascha))['Taalcafé voor nieuwkomers'];
	assert.equal((await sascha.post(`${ORG}/communities/${taal}/partners`, { partner: String(strand) })).status, 404);
	res = await sascha.post(`${ORG}/partners/new`, [['name', 'Met vreemde community'], ['kind', 'anders'], ['community', String(theirCommunity)]]);
	assert.equal(res.status, 422);
	assert.ok(!('Met vreemde community' in await partnerIds(sascha)));
	// and Henk's things are untouched, and neither finds the other's
	assert.equal((await henk.get(`/o/het-baken/partners/${strand}`)).status, 200);
	assert.match((await henk.get('/o/het-baken/search?q=vluchtelingenwerk')).text, /Niets gevonden/);
	assert.match((await sascha.get(`${ORG}/search?q=strandwacht`)).text, /Niets gevonden/);
	assert.match((await henk.get('/o/het-baken/search?q=strandwacht')).text, /Reddingsbrigade Strandwacht/);
});

// ---- Sascha's week ----

test('a partner, partner power, a conversation with two action points ticked off without JavaScript', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const taal = (await communityIds(sascha))['Taalcafé voor nieuwkomers'];
	// a new partner, linked to the Taalcafé at once
	const form = await sascha.get(`${ORG}/partners/new?community=${taal}`);
	assert.match(form.text, new RegExp(`name="community" value="${taal}" checked`));
	const id = await createPartner(sascha, [['name', 'Moskee Al Nour'], ['kind', 'vereniging'], ['contact_name', 'Yusuf'], ['community', String(taal)]]);
	let page = await sascha.get(`${ORG}/partners/${id}?klaar=nieuw`);
	assert.match(page.text, /De partner is opgeslagen/);
	assert.match(page.text, /Taalcafé voor nieuwkomers/);
	// partner power, with werkblad 5's questions beside the fields
	const pf = await sascha.get(`${ORG}/partners/${id}/power/new`);
	assert.match(pf.text, /Welke dingen\/mensen inspireren je\?/);
	assert.match(pf.text, /Hoe ziet jouw week\/dag\/planning er uit\?/);
	let res = await sascha.post(`${ORG}/partners/${id}/power/new`, { met_on: '2026-03-02' });
	assert.equal(res.status, 422, 'an empty partner power says nothing');
	res = await sascha.post(`${ORG}/partners/${id}/power/new`, { met_on: '2026-03-02', challenges: 'Weinig ruimte', core_values: 'Gastvrijheid', goals: 'Jongeren bereiken', commitments: 'Twee vrijwilligers, zaterdag', success: 'Samen een iftar in de bibliotheek' });
	assert.equal(res.status, 303);
	assert.match(res.location, /#partner-power$/);
	page = await sascha.get(`${ORG}/partners/${id}`);
	assert.match(page.text, /Partner power van 2 maart 2026/);
	assert.match(page.text, /Samen een iftar in de bibliotheek/);
	// the conversation, with two action points and the next contact
	const owners = ownerIds((await sascha.get(`${ORG}/conversations/new?partner=${id}`)).text);
	res = await sascha.post(`${ORG}/conversations/new`, { held_on: '2026-03-02', kind: 'partner-power', partner: String(id), community: String(taal), subject: 'Partner power met de moskee', report: 'Yusuf wil graag meedoen.', report_sent: 'ja', next_on: '2099-04-01', next_note: 'Iftar voorbereiden', a1_text: 'Zaal reserveren', a1_owner: String(owners['Jeroen Bakker']), a1_due: '2026-03-10', a2_text: 'Flyer maken', a2_owner: String(owners['Sascha de Vries']), a3_text: '' });
	assert.equal(res.status, 303, res.text.slice(0, 2000));
	const talk = Number(/conversations\/(\d+)/.exec(res.location)[1]);
	page = await sascha.get(res.location);
	assert.match(page.text, /Het gesprek is vastgelegd/);
	assert.match(page.text, /Zaal reserveren/);
	assert.match(page.text, /Flyer maken/);
	assert.match(page.text, /te laat/); // 10 March 2026 has passed
	assert.match(page.text, /1 april 2099/);
	assert.match(page.text, /Iftar voorbereiden/);
	// tick one off: a plain form post, back to where it was
	const aps = [...page.text.matchAll(/id="ap-(\d+)"/g)].map((m) => Number(m[1]));
	assert.equal(aps.length, 2);
	res = await sascha.post(`${ORG}/conversations/${talk}/actions/${aps[0]}/done`, { done: '1', terug: 'gesprek' });
	assert.equal(res.status, 303);
	assert.match(res.location, new RegExp(`\\?klaar=ap-gedaan#ap-${aps[0]}$`));
	page = await sascha.get(res.location.replace(/#.*/, ''));
	assert.match(page.text, /Afgevinkt\. Goed gedaan!/);
	assert.match(page.text, new RegExp(`<li class="kring-ap kring-ap--done" id="ap-${aps[0]}"`));
	// ticking again changes nothing; opening it again works
	assert.equal((await sascha.post(`${ORG}/conversations/${talk}/actions/${aps[0]}/done`, { done: '1' })).status, 303);
	assert.equal((await sascha.post(`${ORG}/conversations/${talk}/actions/${aps[0]}/done`, { done: 'ja' })).status, 400);
	res = await sascha.post(`${ORG}/conversations/${talk}/actions/${aps[1]}/done`, { done: '1', terug: 'lijst' });
	assert.match(res.location, /\/conversations\?klaar=ap-gedaan#open-actiepunten$/);
	// the community's timeline shows it all: the latest 25 past events on the
	// profile (the talk, dated earlier than the demo's recent activities, is not
	// among them), every event behind "Toon de hele tijdlijn"
	page = await sascha.get(`${ORG}/communities/${taal}`);
	assert.match(page.text, /De laatste 25 van \d+\. <a class="utrecht-link" href="\?tijdlijn=alles#tijdlijn">Toon de hele tijdlijn<\/a>/);
	const past = page.text.split('>Wat er gebeurde<')[1].split('</ol>')[0];
	assert.equal((past.match(/<li class="kring-tl__item/g) || []).length, 25, 'the latest 25 past events');
	page = await sascha.get(`${ORG}/communities/${taal}?tijdlijn=alles`);
	assert.doesNotMatch(page.text, /Toon de hele tijdlijn/);
	assert.match(page.text, /Partner power met de moskee/);
	assert.match(page.text, /Actiepunt gedaan/);
	assert.match(page.text, /Iftar voorbereiden/);
	assert.match(page.text, />Moskee Al Nour</);
	// and the partner list counts it
	const list = (await sascha.get(`${ORG}/partners?community=${taal}`)).text;
	assert.match(list, />Moskee Al Nour</);
	assert.doesNotMatch(list, />Dorpsraad Heikant</);
	// the audit log keeps every step
	const audit = (await (await login('marieke@desleutel.nl')).get(`${ORG}/audit`)).text;
	for (const w of ['Partner toegevoegd', 'Partner power vastgelegd', 'Gesprek vastgelegd', 'Actiepunt afgevinkt'])
		assert.ok(audit.includes(w), w);
});

// ---- conflicts ----

test('two people edit a partner, a partner power, a conversation, an action point: both texts, nothing lost', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const jeroen = await login('jeroen@desleutel.nl');
	const id = await createPartner(sascha, { name: 'Seniorenraad', kind: 'vereniging', description: 'Begin' });
	const editUrl = `${ORG}/partners/${id}/edit`;
	const hers = formFields((await sascha.get(editUrl)).text, editUrl);
	const his = formFields((await jeroen.get(editUrl)).text, editUrl);
	assert.equal(hers.version, his.version);
	assert.equal((await jeroen.post(editUrl, { ...his, description: 'Tekst van Jeroen' })).status, 303);
	let res = await sascha.post(editUrl, { ...hers, description: 'Tekst van Sascha' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft deze partner opgeslagen/);
	assert.match(res.text, /<td class="utrecht-table__cell kring-pre">Tekst van Jeroen<\/td>/);
	assert.match(res.text, /Tekst van Sascha<\/textarea>/);
	res = await sascha.post(editUrl, formFields(res.text, editUrl));
	assert.equal(res.status, 303);
	assert.match((await sascha.get(`${ORG}/partners/${id}`)).text, /Tekst van Sascha/);

	// partner power
	res = await sascha.post(`${ORG}/partners/${id}/power/new`, { met_on: '2026-03-03', goals: 'Eerste doel' });
	const power = Number(/\/power\/(\d+)"/.exec((await sascha.get(`${ORG}/partners/${id}`)).text)[1]);
	const pUrl = `${ORG}/partners/${id}/power/${power}`;
	const p1 = formFields((await sascha.get(pUrl)).text, pUrl);
	const p2 = formFields((await jeroen.get(pUrl)).text, pUrl);
	assert.equal((await jeroen.post(pUrl, { ...p2, goals: 'Doel van Jeroen' })).status, 303);
	res = await sascha.post(pUrl, { ...p1, goals: 'Doel van Sascha' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Doel van Jeroen/);
	assert.match(res.text, /Doel van Sascha<\/textarea>/);

	// a conversation
	const talk = await createTalk(sascha, { partner: String(id), subject: 'Kennismaking seniorenraad', report: 'Begin' });
	const tUrl = `${ORG}/conversations/${talk}/edit`;
	const t1 = formFields((await sascha.get(tUrl)).text, tUrl);
	const t2 = formFields((await jeroen.get(tUrl)).text, tUrl);
	assert.equal((await jeroen.post(tUrl, { ...t2, report: 'Verslag van Jeroen', report_sent: 'ja' })).status, 303);
	res = await sascha.post(tUrl, { ...t1, report: 'Verslag van Sascha' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft dit gesprek opgeslagen/);
	assert.match(res.text, /Verslag van Jeroen/);
	assert.match(res.text, /Ja, het verslag is teruggestuurd/); // his choice, by its label
	assert.match(res.text, /Verslag van Sascha<\/textarea>/);

	// an action point
	assert.equal((await sascha.post(`${ORG}/conversations/${talk}/actions`, { text: 'Bellen' })).status, 303);
	const page = (await sascha.get(`${ORG}/conversations/${talk}`)).text;
	const ap = Number(/id="ap-(\d+)"/.exec(page)[1]);
	const aUrl = `${ORG}/conversations/${talk}/actions/${ap}`;
	const a1 = formFields(page, aUrl);
	assert.equal((await jeroen.post(aUrl, { ...a1, text: 'Bellen met de voorzitter' })).status, 303);
	res = await sascha.post(aUrl, { ...a1, text: 'Mailen' });
	assert.equal(res.status, 409);
	assert.match(res.text, /Bellen met de voorzitter/);
	assert.match(res.text, /Mailen<\/textarea>/);
});

// ---- delete rules ----

test('a partner named by conversations cannot vanish; one without can, after a confirmation, audited', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const ids = await partnerIds(sascha);
	const vw = ids['VluchtelingenWerk Zandhoven'];
	let page = await sascha.get(`${ORG}/partners/${vw}/delete`);
	assert.equal(page.status, 200);
	assert.match(page.text, /kan niet verwijderd worden: de partner komt voor in 2 gesprekken\./);
	assert.match(page.text, /Kop koffie met Samira van VluchtelingenWerk/);
	assert.doesNotMatch(page.text, /Ja, verwijder deze partner/);
	const res409 = await sascha.post(`${ORG}/partners/${vw}/delete`, { version: '1' });
	assert.equal(res409.status, 409);
	assert.equal((await sascha.get(`${ORG}/partners/${vw}`)).status, 200);

	const id = await createPartner(sascha, { name: 'Tijdelijke partner', kind: 'anders' });
	page = await sascha.get(`${ORG}/partners/${id}/delete`);
	assert.match(page.text, /Weet je zeker dat je Tijdelijke partner wilt verwijderen\?/);
	assert.match(page.text, /Ja, verwijder deze partner/);
	assert.equal((await sascha.get(`${ORG}/partners/${id}`)).status, 200, 'the GET deletes nothing');
	const res = await sascha.post(`${ORG}/partners/${id}/delete`, { version: versionIn(page.text) });
	assert.equal(res.status, 303);
	assert.match(res.location, /\/partners\?klaar=verwijderd$/);
	assert.equal((await sascha.get(`${ORG}/partners/${id}`)).status, 404);
	assert.match((await sascha.get(`${ORG}/search?q=tijdelijke`)).text, /Niets gevonden/);

	// a conversation: confirmation, then gone with its action points
	const talk = await createTalk(sascha, { partner: String(ids['Welzijn De Brug']), subject: 'Even bellen', a1_text: 'Terugbellen' });
	page = await sascha.get(`${ORG}/conversations/${talk}/delete`);
	assert.match(page.text, /Weet je zeker dat je het gesprek ‘Even bellen’ van 1 maart 2026 wilt verwijderen\?/);
	assert.equal((await sascha.post(`${ORG}/conversations/${talk}/delete`, { version: versionIn(page.text) })).status, 303);
	assert.equal((await sascha.get(`${ORG}/conversations/${talk}`)).status, 404);
	const audit = (await (await login('marieke@desleutel.nl')).get(`${ORG}/audit`)).text;
	assert.match(audit, /Sascha de Vries<\/td><td class="utrecht-table__cell" data-label="Wat">Partner verwijderd: Tijdelijke partner/);
	assert.match(audit, /Gesprek verwijderd: Even bellen/);
});

// ---- odd input ----

test('empty, very long, markup-laden and non-Latin input comes back exactly and safely', async () => {
	const sascha = await login('sascha@desleutel.nl');
	let res = await sascha.post(`${ORG}/partners/new`, { name: '  ', kind: 'welzijn' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Vul ‘Naam van de partner’ in\./);
	res = await sascha.post(`${ORG}/conversations/new`, { held_on: '2026-03-01', kind: 'kennismaking', subject: 'Met niemand', report_sent: 'nee' });
	assert.equal(res.status, 422);
	assert.match(res.text, /Kies met wie je sprak/);

	const markup = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quotes' "double"`;
	const nonLatin = 'مرحبا بكم · Добро пожаловать · 欢迎 · Γειά σου · 👋🏽 · ẞ';
	let long = '';
	while (long.length < 100000)
		long += `${markup}\n${nonLatin}\n`;
	long = long.slice(0, 99999) + 'x';
	if (/[\ud800-\udbff]x$/.test(long))
		long = long.slice(0, -2) + 'yx';
	const name = `${markup} ${nonLatin}`.slice(0, 150);
	const id = await createPartner(sascha, { name, kind: 'inwoner', description: long, contact_name: nonLatin });
	let page = (await sascha.get(`${ORG}/partners/${id}`)).text;
	assert.ok(page.includes(esc(long)), 'the 100 000-character description comes back exactly');
	assert.ok(page.includes(esc(nonLatin)));
	assert.ok(!page.includes('<script>alert'), 'no markup of the user is live');
	assert.ok(!page.includes('<img src=x'), 'no markup of the user is live');
	const editUrl = `${ORG}/partners/${id}/edit`;
	const edit = (await sascha.get(editUrl)).text;
	assert.ok(edit.includes(`>${esc(long)}</textarea>`), 'the edit form holds the exact text');
	assert.equal(formFields(edit, editUrl).name, name);

	const talk = await createTalk(sascha, { partner: String(id), subject: markup.slice(0, 190), report: long, participants: nonLatin, a1_text: `${markup} ${nonLatin}` });
	page = (await sascha.get(`${ORG}/conversations/${talk}`)).text;
	assert.ok(page.includes(`<div class="kring-report kring-pre">${esc(long)}</div>`));
	assert.ok(page.includes(esc(`${markup} ${nonLatin}`)));
	assert.ok(!page.includes('<script>alert'));
	res = await sascha.post(`${ORG}/partners/${id}/power/new`, { met_on: '2026-03-01', success: nonLatin, goals: markup });
	assert.equal(res.status, 303);
	page = (await sascha.get(`${ORG}/partners/${id}`)).text;
	assert.ok(page.includes(`<dd class="kring-pre">${esc(nonLatin)}</dd>`));

	// the CSV holds the exact text
	const csv = await sascha.get(`${ORG}/partners.csv?soort=inwoner`);
	assert.ok(csv.text.includes(`"${long.replace(/"/g, '""')}"`));
	assert.ok(csv.text.includes(nonLatin));
	// one character too many is refused with a clear message, nothing stored
	res = await sascha.post(`${ORG}/partners/new`, { name: 'Te lang', kind: 'anders', description: 'a'.repeat(100001) });
	assert.equal(res.status, 422);
	assert.match(res.text, /Wat doen ze\? mag hoogstens 100000 tekens lang zijn \(nu 100001\)/);
	assert.ok(!('Te lang' in await partnerIds(sascha)));
	// search finds non-Latin text, and shows markup as text
	const found = await sascha.get(`${ORG}/search?q=${encodeURIComponent('Добро')}`);
	assert.match(found.text, /Gesprekken/);
	assert.ok(found.text.includes(`<mark>Добро</mark>`));
	const marked = await sascha.get(`${ORG}/search?q=onerror`);
	assert.ok(!marked.text.includes('<img src=x'));
	assert.ok(marked.text.includes('&lt;img src=x '));
});

// ---- CSV ----

test('the partner list as CSV for Dutch Excel: BOM, semicolons, CRLF, doubled quotes, no formulas, filters', async () => {
	const sascha = await login('sascha@desleutel.nl');
	await createPartner(sascha, { name: '=HYPERLINK("http://evil.example";"klik")', kind: 'bedrijf', description: 'regel 1\nregel 2; met "quotes"', contact_name: '@SUM(A1)', contact_how: '+31 6 12345678', part_of: '-1' });
	const res = await fetch(`${base}${ORG}/partners.csv`, { headers: { Cookie: sascha.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
	assert.match(res.headers.get('content-disposition'), /^attachment; filename="partners-de-sleutel-\d{4}-\d{2}-\d{2}\.csv"$/);
	const bytes = new Uint8Array(await res.arrayBuffer());
	assert.deepEqual([...bytes.slice(0, 3)], [0xEF, 0xBB, 0xBF]);
	const text = new TextDecoder().decode(bytes.slice(3));
	assert.ok(text.startsWith('Naam;Soort;Van;Wat doen ze;Contactpersoon;Bereikbaar via;Communities;Partner power op;Uitdagingen;Waarden;Doelen;Afspraken (uren, activiteiten);Succes;Gesprekken;Laatste gesprek;Volgend contact;Open actiepunten;Waarvan te laat;Bijgewerkt\r\n'));
	assert.ok(text.endsWith('\r\n'));
	assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"";""klik"")";Bedrijf of ondernemer;'-1;"regel 1\nregel 2; met ""quotes""";'@SUM(A1);'+31 6 12345678;`));
	assert.ok(!/(^|;)[=+@-]/m.test(text), 'no cell starts with = + - @');
	assert.match(text, /VluchtelingenWerk Zandhoven;Welzijnsorganisatie;VluchtelingenWerk Nederland, regio Zandhoven;[^\r]*Taalcafé voor nieuwkomers;\d{4}-\d{2}-\d{2};Er zijn meer aanmeldingen/);
	// the filters of the list apply; the list links to the export with them
	const only = await sascha.get(`${ORG}/partners.csv?soort=school`);
	assert.equal(only.text.trim().split('\r\n').length, 2);
	assert.match(only.text, /Basisschool De Regenboog;School of kinderopvang;/);
	assert.match((await sascha.get(`${ORG}/partners?soort=school`)).text, /href="\/o\/de-sleutel\/partners\.csv\?soort=school" download/);
	// unknown filter values are ignored, not an error
	assert.equal((await sascha.get(`${ORG}/partners?soort=%3Cx%3E&community=999999&sorteer=drop`)).status, 200);
});

// ---- search ----

test('search: accents and case do not matter, parts of words count, and FTS syntax is just text', async () => {
	const sascha = await login('sascha@desleutel.nl');
	let res = await sascha.get(`${ORG}/search?q=cafe`);
	assert.equal(res.status, 200);
	assert.match(res.text, />Taalcafé voor nieuwkomers</);
	assert.match(res.text, />Repair Café en dorpsnetwerk Heikant</);
	assert.match(res.text, /<h2 class="utrecht-heading-2" id="h-partner">Partners/);
	assert.match(res.text, /<h2 class="utrecht-heading-2" id="h-conversation">Gesprekken/);
	assert.match(res.text, /<mark>Café<\/mark>/);
	res = await sascha.get(`${ORG}/search?q=${encodeURIComponent('TAALCAFÉ')}`);
	assert.match(res.text, />Taalcafé voor nieuwkomers</);
	res = await sascha.get(`${ORG}/search?q=${encodeURIComponent('cliënten')}`);
	assert.match(res.text, />Partner power met VluchtelingenWerk</);
	res = await sascha.get(`${ORG}/search?q=clienten`);
	assert.match(res.text, />Partner power met VluchtelingenWerk</);
	for (const q of ['"', '""', '*', 'cafe*', 'title:cafe', 'NEAR(a b)', 'a OR', 'OR', 'NOT x', '(cafe', '^cafe', '-cafe', "'; DROP TABLE partners; --", '\\', '%', '👋'])
		assert.equal((await sascha.get(`${ORG}/search?q=${encodeURIComponent(q)}`)).status, 200, q);
	assert.match((await sascha.get(`${ORG}/search?q=${encodeURIComponent('"*()')}`)).text, /Typ een woord om naar te zoeken/);
	assert.ok('VluchtelingenWerk Zandhoven' in await partnerIds(sascha));
	// a change is found at once
	const id = await createPartner(sascha, { name: 'Zwemvereniging De Spetters', kind: 'vereniging' });
	assert.match((await sascha.get(`${ORG}/search?q=spetters`)).text, />Zwemvereniging De Spetters</);
	const editUrl = `${ORG}/partners/${id}/edit`;
	const f = formFields((await sascha.get(editUrl)).text, editUrl);
	assert.equal((await sascha.post(editUrl, { ...f, name: 'Zwemclub De Dolfijnen' })).status, 303);
	assert.match((await sascha.get(`${ORG}/search?q=spetters`)).text, /Niets gevonden/);
	assert.match((await sascha.get(`${ORG}/search?q=dolfijn`)).text, />Zwemclub De Dolfijnen</);
	// the box in the menu sends there
	assert.match((await sascha.get(`${ORG}/partners`)).text, /<form class="kring-search" role="search" method="get" action="\/o\/de-sleutel\/search"/);
});

test('preparing a talk: what kring knows, the tips of step 4b and 4d, and the blank form to print', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const vw = (await partnerIds(sascha))['VluchtelingenWerk Zandhoven'];
	const prep = await sascha.get(`${ORG}/conversations/prepare?partner=${vw}`);
	assert.equal(prep.status, 200);
	for (const w of ['Gesprek voorbereiden met VluchtelingenWerk Zandhoven', 'Partner power van', 'Koester stiltes',
		'NIVEA: Niet Invullen Voor Een Ander', 'Gebruik open vragen', 'Stel neutrale vragen', 'Benader een partner die al met de doelgroep werkt',
		'Zaal vastleggen voor de verhalenavond', 'Welke dingen/mensen inspireren je?'])
		assert.ok(prep.text.includes(esc(w)), w);
	const form = await sascha.get(`${ORG}/conversations/new`);
	assert.match(form.text, /Gesprek voorbereiden/);
	assert.match(form.text, /Koester stiltes/);
	const blank = await sascha.get(`${ORG}/partners/print?partner=${vw}`);
	assert.equal(blank.status, 200);
	for (const w of ['Werkblad 4: partner power (1/2)', 'Naam partner:', 'VluchtelingenWerk Zandhoven', 'Wat zijn hun uitdagingen?',
		'Welke afspraken kunnen ze waarmaken? (uren, activiteiten)', 'Werkblad 5: partner power (2/2)', 'Vragen over succes'])
		assert.ok(blank.text.includes(esc(w)), w);
	assert.match(blank.text, /data-kring-print hidden/);
});

test('the demo is there and loading it again changes nothing', async () => {
	const d = mkdtempSync(path.join(os.tmpdir(), 'kring-demo-twice-'));
	const db = path.join(d, 'k.db');
	execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore' });
	execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore' });
	try {
		const sqlite = (q) => execFileSync('sqlite3', [db, q]).toString().trim();
		assert.equal(sqlite('SELECT COUNT(*) FROM partners'), '6');
		assert.equal(sqlite('SELECT COUNT(*) FROM partner_power'), '1');
		assert.equal(sqlite('SELECT COUNT(*) FROM conversations'), '4');
		assert.equal(sqlite('SELECT COUNT(*) FROM action_points'), '5');
		assert.equal(sqlite("SELECT COUNT(*) FROM action_points WHERE done_at IS NULL AND due_on < date('now')"), '1');
		assert.equal(sqlite("SELECT COUNT(*) FROM conversations WHERE next_on > date('now')"), '2');
		// 14, the 3 shared goals of the demo (goals), one per activity (issue 9) and one per
		// knowledge item (issue 11)
		assert.equal(sqlite("SELECT COUNT(*) FROM search_docs WHERE kind NOT IN ('activity', 'knowledge')"), '17');
		assert.equal(sqlite("SELECT COUNT(*) FROM search_docs WHERE kind = 'knowledge'"),
			sqlite('SELECT COUNT(*) FROM knowledge_items'));
		assert.equal(sqlite('SELECT COUNT(*) FROM knowledge_items'), '6');
		assert.equal(sqlite("SELECT COUNT(*) FROM search_docs WHERE kind = 'activity'"),
			sqlite('SELECT COUNT(*) FROM activities'));
	} catch (e) {
		if (e.code !== 'ENOENT')
			throw e; // no sqlite3 tool: the checks below still run
	} finally {
		rmSync(d, { recursive: true, force: true });
	}
	const sascha = await login('sascha@desleutel.nl');
	const page = (await sascha.get(`${ORG}/conversations`)).text;
	assert.match(page, /(1 actiepunt staat open na zijn datum|\d+ actiepunten staan open na hun datum)\./);
	assert.match(page, /Gepland contact/);
});

// ---- deleting names the version it saw (hole 7) ----

test('a stale delete confirmation answers 409 with what changed and deletes nothing (partner, partner power, conversation, action point)', async () => {
	const sascha = await login('sascha@desleutel.nl');
	const jeroen = await login('jeroen@desleutel.nl');

	// a partner: Sascha opens the confirmation, Jeroen saves, Sascha confirms
	const id = await createPartner(sascha, { name: 'Stale partner', kind: 'anders' });
	const confirm = await sascha.get(`${ORG}/partners/${id}/delete`);
	const seen = versionIn(confirm.text);
	const eUrl = `${ORG}/partners/${id}/edit`;
	const f = formFields((await jeroen.get(eUrl)).text, eUrl);
	assert.equal((await jeroen.post(eUrl, { ...f, description: 'Door Jeroen aangevuld' })).status, 303);
	let res = await sascha.post(`${ORG}/partners/${id}/delete`, { version: seen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft deze partner gewijzigd nadat jij om verwijderen vroeg\. Er is niets verwijderd\./);
	assert.match(res.text, /Zo ziet het er nu uit/);
	assert.match(res.text, /Door Jeroen aangevuld/);
	assert.equal((await sascha.get(`${ORG}/partners/${id}`)).status, 200, 'nothing deleted');
	// the page asks again, with the version it shows now
	assert.notEqual(versionIn(res.text), seen);
	assert.equal((await sascha.post(`${ORG}/partners/${id}/delete`, {})).status, 400, 'a delete must name a version');
	assert.equal((await sascha.post(`${ORG}/partners/${id}/delete`, { version: '1x' })).status, 400);

	// partner power
	const pNew = await sascha.post(`${ORG}/partners/${id}/power/new`, { met_on: '2026-03-02', goals: 'Samen lezen' });
	assert.equal(pNew.status, 303);
	const partnerPage = (await sascha.get(`${ORG}/partners/${id}`)).text;
	const w = Number(/\/partners\/\d+\/power\/(\d+)"/.exec(partnerPage)[1]);
	const wUrl = `${ORG}/partners/${id}/power/${w}`;
	const wForm = (await sascha.get(wUrl)).text;
	const wSeen = formFields(wForm, `${wUrl}/delete`).version;
	const wf = formFields((await jeroen.get(wUrl)).text, wUrl);
	assert.equal((await jeroen.post(wUrl, { ...wf, goals: 'Samen schrijven' })).status, 303);
	res = await sascha.post(`${wUrl}/delete`, { version: wSeen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft deze partner power gewijzigd nadat jij hem opende\. Er is niets verwijderd\./);
	assert.match(res.text, /Samen schrijven/);
	assert.equal((await sascha.get(wUrl)).status, 200, 'nothing deleted');
	res = await sascha.post(`${wUrl}/delete`, { version: formFields(res.text, `${wUrl}/delete`).version });
	assert.equal(res.status, 303);
	assert.equal((await sascha.get(wUrl)).status, 404);

	// a conversation with an action point
	const talk = await createTalk(sascha, { partner: String(id), subject: 'Stale gesprek', a1_text: 'Stale punt' });
	const tConfirm = await sascha.get(`${ORG}/conversations/${talk}/delete`);
	const tSeen = versionIn(tConfirm.text);
	const tUrl = `${ORG}/conversations/${talk}/edit`;
	const tf = formFields((await jeroen.get(tUrl)).text, tUrl);
	assert.equal((await jeroen.post(tUrl, { ...tf, report: 'Verslag van Jeroen' })).status, 303);
	res = await sascha.post(`${ORG}/conversations/${talk}/delete`, { version: tSeen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft dit gesprek gewijzigd nadat jij om verwijderen vroeg\. Er is niets verwijderd\./);
	assert.match(res.text, /Verslag van Jeroen/);
	assert.equal((await sascha.get(`${ORG}/conversations/${talk}`)).status, 200, 'nothing deleted');

	// the action point: Sascha's page shows version n, Jeroen ticks it off (n+1)
	const talkPage = (await sascha.get(`${ORG}/conversations/${talk}`)).text;
	const ap = Number(/id="ap-(\d+)"/.exec(talkPage)[1]);
	const aUrl = `/o/de-sleutel/conversations/${talk}/actions/${ap}`;
	const aSeen = formFields(talkPage, `${aUrl}/delete`).version;
	assert.equal((await jeroen.post(`${aUrl}/done`, { done: '1' })).status, 303);
	res = await sascha.post(`${aUrl}/delete`, { version: aSeen });
	assert.equal(res.status, 409);
	assert.match(res.text, /Iemand anders heeft dit actiepunt gewijzigd nadat jij het opende\. Er is niets weggehaald\./);
	assert.match((await sascha.get(`${ORG}/conversations/${talk}`)).text, /Stale punt/, 'nothing deleted');
	res = await sascha.post(`${aUrl}/delete`, { version: formFields(res.text, `${aUrl}/delete`).version });
	assert.equal(res.status, 303);
	assert.doesNotMatch((await sascha.get(`${ORG}/conversations/${talk}`)).text, /Stale punt/);
});

// ---- someone leaves: their action points say so and move in one step (hole 2) ----

test('action points of someone without a role say so, and the beheerder hands them over in one step, audited', async () => {
	const marieke = await login('marieke@desleutel.nl');
	const sascha = await login('sascha@desleutel.nl');
	const people = (await marieke.get(`${ORG}/people`)).text;
	const person = (name) => Number(new RegExp(`href="/o/de-sleutel/people/(\\d+)">[^<]*<span class="kring-sr"> ${name}<`).exec(people)[1]);
	const jeroenId = person('Jeroen Bakker'), saschaId = person('Sascha de Vries');
	const talk = await createTalk(sascha, { partner: String((await partnerIds(sascha))['Welzijn De Brug']), subject: 'Overdracht',
		a1_text: 'Punt van Jeroen', a1_owner: String(jeroenId) });
	// only a beheerder may hand over
	assert.equal((await sascha.get(`${ORG}/actions/owners`)).status, 403);
	assert.equal((await sascha.post(`${ORG}/actions/owners/${jeroenId}`, { to: String(saschaId) })).status, 403);
	assert.match((await marieke.get(`${ORG}/actions/owners`)).text, /geen open actiepunten van mensen zonder rol/);

	assert.equal((await marieke.post(`${ORG}/people/${jeroenId}/remove`)).status, 303);
	let page = (await sascha.get(`${ORG}/conversations/${talk}`)).text;
	assert.match(page, /Jeroen Bakker \(heeft geen rol meer\)/);
	assert.match((await sascha.get(`${ORG}/conversations`)).text, /open actiepunt(en)? (staat|staan) op naam van iemand zonder rol/);
	assert.match((await marieke.get(`${ORG}/conversations`)).text, /href="\/o\/de-sleutel\/actions\/owners"/);

	const owners = await marieke.get(`${ORG}/actions/owners`);
	assert.equal(owners.status, 200);
	assert.match(owners.text, /Jeroen Bakker \(heeft geen rol meer\)/);
	assert.match(owners.text, /\d+ open actiepunt/);
	// to someone who is not staff here: refused, nothing moves
	let res = await marieke.post(`${ORG}/actions/owners/${jeroenId}`, { to: String(jeroenId) });
	assert.equal(res.status, 422);
	res = await marieke.post(`${ORG}/actions/owners/${jeroenId}`, { to: String(person('Anouk Verhoeven')) });
	assert.equal(res.status, 422);
	assert.match(res.text, /Er is niets overgedragen/);
	assert.equal((await marieke.post(`${ORG}/actions/owners/${jeroenId}`, { to: 'x' })).status, 400);

	res = await marieke.post(`${ORG}/actions/owners/${jeroenId}`, { to: String(saschaId) });
	assert.equal(res.status, 303);
	assert.match((await marieke.get(res.location)).text, /De open actiepunten zijn overgedragen/);
	page = (await sascha.get(`${ORG}/conversations/${talk}`)).text;
	assert.doesNotMatch(page, /heeft geen rol meer/);
	assert.match(page, /Punt van Jeroen<\/span><span class="kring-ap__meta">Sascha de Vries/);
	const audit = (await marieke.get(`${ORG}/audit`)).text;
	assert.match(audit, /Open actiepunten overgedragen: Jeroen Bakker → Sascha de Vries/);
});

// ---- an error is not an empty list (hole 3) ----

test('a section whose query fails says so (logged), and a list that fails answers 500: never "nothing here"', async () => {
	let sqliteOk = true;
	try {
		execFileSync('sqlite3', ['-version']);
	} catch {
		sqliteOk = false;
	}
	assert.ok(sqliteOk, 'this test needs the sqlite3 tool');
	const sascha = await login('sascha@desleutel.nl');
	const ids = await partnerIds(sascha);
	const talks = await conversationIds(sascha);
	const communities = await communityIds(sascha);
	const vw = ids['VluchtelingenWerk Zandhoven'];
	const pp = talks['Partner power met VluchtelingenWerk'];
	const taal = communities['Taalcafé voor nieuwkomers'];
	assert.ok(vw && pp && taal);

	// a copy of the database that fails on three tables, served by a second kring
	const d = mkdtempSync(path.join(os.tmpdir(), 'kring-broken-'));
	const db = path.join(d, 'broken.db');
	execFileSync('sqlite3', [path.join(dir, 'kring.db'), `.backup '${db}'`]);
	execFileSync('sqlite3', [db, 'DROP TABLE partner_communities; DROP TABLE partner_power; DROP TABLE action_points;']);
	const port = await freePort();
	const b = `http://127.0.0.1:${port}`;
	const k = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
	let klog = '';
	k.stdout.on('data', (x) => { klog += x; });
	k.stderr.on('data', (x) => { klog += x; });
	try {
		const deadline = Date.now() + 15_000;
		for (;;) {
			try {
				if ((await fetch(`${b}/healthz`)).ok)
					break;
			} catch { /* not yet */ }
			assert.ok(k.exitCode === null && Date.now() < deadline, `second kring did not start:\n${klog}`);
			await new Promise((r) => setTimeout(r, 100));
		}
		const saved = base;
		base = b; // the Client talks to the broken copy
		try {
			const c = await login('sascha@desleutel.nl');
			const failed = /Dit deel kon nu niet worden geladen/g;

			const community = await c.get(`${ORG}/communities/${taal}`);
			assert.equal(community.status, 200);
			assert.equal((community.text.match(failed) || []).length, 2, 'timeline and partners');
			assert.doesNotMatch(community.text, /Nog geen partners gekoppeld|Nog niets gebeurd/);

			const partner = await c.get(`${ORG}/partners/${vw}`);
			assert.equal(partner.status, 200);
			assert.equal((partner.text.match(failed) || []).length, 3, 'power, communities, conversations');
			assert.doesNotMatch(partner.text, /Nog niet vastgelegd|Nog aan geen enkele community|Geen open actiepunten/);

			const list = await c.get(`${ORG}/conversations`);
			assert.equal(list.status, 200);
			assert.match(list.text, failed);
			assert.doesNotMatch(list.text, /Alle actiepunten zijn afgevinkt/);

			const talk = await c.get(`${ORG}/conversations/${pp}`);
			assert.equal(talk.status, 200);
			assert.match(talk.text, failed);
			assert.doesNotMatch(talk.text, /Nog geen actiepunten/);

			assert.equal((await c.get(`${ORG}/partners`)).status, 500);
			assert.equal((await c.get(`${ORG}/partners.csv`)).status, 500);
		} finally {
			base = saved;
		}
		assert.match(klog, /section 'tijdlijn' failed to load/);
		assert.match(klog, /section 'partner-power' failed to load/);
		assert.match(klog, /internal error/);
	} finally {
		k.kill('SIGTERM');
		await new Promise((r) => (k.exitCode !== null ? r() : k.on('exit', r)));
		rmSync(d, { recursive: true, force: true });
	}
});
