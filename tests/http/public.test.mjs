/*
 * public.test.mjs - the public page for residents (issue 13, public): off
 * means 404 for every /p/ address; the page shows only what is marked
 * public (a walk of every public address on the demo looks for internal
 * fields); "ik doe mee" and "ik heb een idee" with consent, their spam
 * defences (honeypot, minimum time, rate limit, size) and CSRF bound to
 * the anonymous cookie; a flood answered 429 in Dutch while kring keeps
 * answering; the inbox (escaped, one step each, tenancy); and retention:
 * with the clock moved past the date the resident's details are gone from
 * the database file itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Server, Client, ORG, OTHER_ORG, USERS, csrfFrom, hiddenValue, sleep, kring, unescapeHtml } from './helpers.mjs';
import { BACKEND } from '../lib/database.mjs';

const server = new Server();
let staff, henk;

before(async () => {
	await server.start();
	staff = new Client(server, { localAddress: '127.0.0.21' });
	await staff.login(USERS.marieke);
	henk = new Client(server, { localAddress: '127.0.0.22' });
	await henk.login(USERS.henk);
});
after(() => server.kill());

const P = `/p/${ORG}`;

/* A resident: GET the form (cookie, csrf, time stamp). */
async function openForm(resident, path) {
	const page = await resident.get(path);
	assert.equal(page.status, 200, `${path}: ${page.status}`);
	return { csrf: csrfFrom(page.body), t: hiddenValue(page.body, 't'), body: page.body };
}

/* Number of new inbox items as the staff page says. */
async function inboxNew() {
	const res = await staff.get(`/o/${ORG}/inbox`);
	assert.equal(res.status, 200);
	const m = /Nieuw \((\d+)\)/.exec(res.body);
	assert.ok(m, 'the inbox shows the number of new items');
	return Number(m[1]);
}

test('the demo page is on: introduction, open communities, public activities, a feed', async () => {
	const anon = new Client(server);
	const res = await anon.get(`${P}/`);
	assert.equal(res.status, 200);
	assert.match(res.body, /Bibliotheek De Sleutel is er voor iedereen/);
	assert.match(res.body, /Taalcafé voor nieuwkomers/);
	assert.match(res.body, /Repair Café en dorpsnetwerk Heikant/);
	assert.match(res.body, /Taalcafé: samen Nederlands oefenen/);
	assert.match(res.body, /href="\/p\/de-sleutel\/doe-mee\?groep=1"/);
	const ics = await anon.get(`${P}/agenda.ics`);
	assert.equal(ics.status, 200);
	assert.match(ics.headers['content-type'], /text\/calendar/);
	assert.match(ics.body, /BEGIN:VEVENT/);
	assert.match(ics.body, /SUMMARY:Repair Café Heikant/);
	const poster = await anon.get(`${P}/poster`);
	assert.equal(poster.status, 200);
	assert.match(poster.body, /\/p\/de-sleutel</, 'the poster carries the short address');
	// without the final slash: to the page
	const bare = await anon.get(P);
	assert.equal(bare.status, 303);
	assert.equal(bare.headers.location, `${P}/`);
});

test('every public address leaks nothing that is not marked public', async () => {
	const anon = new Client(server);
	const addresses = ['/', '/poster', '/agenda.ics', '/doe-mee', '/doe-mee?groep=1', '/doe-mee?groep=3', '/idee',
		'/doe-mee?verstuurd=1', '/idee?verstuurd=1'];
	// internal fields of the demo: profile texts, contacts, staff, partners,
	// communities not opened, activities not marked public, outcomes
	const internal = [
		'Meedoen begint met taal', // why (internal profile)
		'Nieuwkomers uit onder meer Syrië', // identity
		'Op dinsdagochtend in het taalcafé, of via het Taalhuis', // contact_how
		'Fatima', 'Marieke', 'Sascha', 'Jeroen', 'Anouk', 'Henk', // people
		'VluchtelingenWerk', 'Welzijn De Brug', 'Dorpsraad', 'Consultatiebureau', 'Historische Kring', 'Regenboog', // partners
		'Boekstart', 'Samen voor Oosterveld', 'verhalen van het dorp', // communities not open
		'Overleg vrijwilligers Taalhuis', // an activity not marked public
		'Veel nieuwe gezichten', 'Zeventien spullen', // outcomes
		'Olena', 'olena@voorbeeld.nl', 'Gerrit', // residents in the inbox
		'Het Baken', // another organisation
	];
	for (const a of addresses) {
		const res = await anon.get(`${P}${a}`);
		assert.equal(res.status, 200, `${a}: ${res.status}`);
		const text = unescapeHtml(res.body);
		for (const word of internal) assert.ok(!text.includes(word), `${P}${a} shows "${word}"`);
	}
});

test('off by default: every /p/ address of an organisation without the page is 404, so is an unknown slug', async () => {
	const anon = new Client(server);
	const tok = await anon.csrf('/login');
	for (const org of [OTHER_ORG, 'bestaat-niet']) {
		for (const a of ['/', '/poster', '/agenda.ics', '/doe-mee', '/idee']) {
			const res = await anon.get(`/p/${org}${a}`);
			assert.equal(res.status, 404, `/p/${org}${a}`);
			assert.ok(!res.body.includes('Het Baken'), 'the name does not show');
		}
		for (const a of ['/doe-mee', '/idee']) {
			const res = await anon.post(`/p/${org}${a}`, { csrf: tok, bericht: 'hallo' });
			assert.equal(res.status, 404, `POST /p/${org}${a}`);
		}
	}
});

test('a resident says "ik doe mee" with a name and consent; staff see it in the inbox', async () => {
	const before = await inboxNew();
	const resident = new Client(server, { localAddress: '127.0.0.31' });
	const f = await openForm(resident, `${P}/doe-mee?groep=1`);
	assert.ok(f.csrf && f.t, 'the form has a csrf token and a time stamp');
	assert.match(f.body, /Na 90 dagen verwijdert kring je naam en contactgegevens vanzelf/, 'how long it is kept');
	assert.match(f.body, /alleen de medewerkers van Bibliotheek De Sleutel/, 'who sees it');
	assert.match(f.body, /value="1" checked/, 'the community of the link is chosen');
	await sleep(3100);
	const res = await resident.post(`${P}/doe-mee`, {
		csrf: f.csrf, t: f.t, website: '', groep: '1', bericht: 'Ik kom graag op dinsdag oefenen.',
		naam: 'Amira Testbewoner', contact: 'amira@example.invalid', toestemming: '1',
	});
	assert.equal(res.status, 303, res.body.slice(0, 500));
	assert.equal(res.headers.location, `${P}/doe-mee?verstuurd=1`);
	const thanks = await resident.get(res.headers.location);
	assert.match(thanks.body, /Dank je wel/);
	assert.equal(await inboxNew(), before + 1);
	const inbox = await staff.get(`/o/${ORG}/inbox`);
	assert.match(inbox.body, /Amira Testbewoner/);
	assert.match(inbox.body, /Ik kom graag op dinsdag oefenen/);
	const id = /\/o\/de-sleutel\/inbox\/(\d+)/.exec(inbox.body)[1];
	const item = await staff.get(`/o/${ORG}/inbox/${id}`);
	assert.match(item.body, /Toestemming gegeven op .* \(privacytekst versie 2026-1\)/, 'consent with date and version');
	// an idea without any personal detail
	const f2 = await openForm(resident, `${P}/idee`);
	await sleep(3100);
	const idea = await resident.post(`${P}/idee`, { csrf: f2.csrf, t: f2.t, bericht: 'Een leesclub voor vaders.' });
	assert.equal(idea.status, 303);
	assert.equal(await inboxNew(), before + 2);
});

test('refused submissions get a friendly Dutch answer and store nothing', async () => {
	const before = await inboxNew();
	const resident = new Client(server, { localAddress: '127.0.0.32' });
	// too fast: the form sent back at once
	let f = await openForm(resident, `${P}/idee`);
	let res = await resident.post(`${P}/idee`, { csrf: f.csrf, t: f.t, bericht: 'snel' });
	assert.equal(res.status, 422);
	assert.match(res.body, /Dat ging wel heel snel/);
	assert.match(res.body, /snel<\/textarea>/, 'what was typed is kept');
	await sleep(3100);
	const good = { csrf: f.csrf, t: f.t, website: '' };
	// the honeypot filled in
	res = await resident.post(`${P}/idee`, { ...good, bericht: 'koop nu', website: 'http://spam.example' });
	assert.equal(res.status, 422);
	assert.match(res.body, /Je bericht is niet verstuurd/);
	// a forged, missing or another organisation's time stamp
	for (const t of ['1.abc', `${Math.floor(Date.now() / 1000) - 10}.${'0'.repeat(64)}`, '', 'x'.repeat(200)]) {
		res = await resident.post(`${P}/idee`, { ...good, t, bericht: 'hallo' });
		assert.equal(res.status, 422, `stamp ${t.slice(0, 20)}`);
		assert.match(res.body, /stond te lang open/);
	}
	// a name without consent
	res = await resident.post(`${P}/idee`, { ...good, bericht: 'hallo', naam: 'Piet' });
	assert.equal(res.status, 422);
	assert.match(res.body, /vink aan dat we die mogen bewaren/);
	// too long
	res = await resident.post(`${P}/idee`, { ...good, bericht: 'x'.repeat(2001) });
	assert.equal(res.status, 422);
	res = await resident.post(`${P}/idee`, { ...good, bericht: 'hallo', contact: 'y'.repeat(201), toestemming: '1' });
	assert.equal(res.status, 422);
	// empty
	res = await resident.post(`${P}/idee`, { ...good, bericht: '   ' });
	assert.equal(res.status, 422);
	assert.match(res.body, /een paar woorden is genoeg/);
	// a community that is not open, of another kind, or not a number
	for (const groep of ['3', '4', '999', '0', '-1', 'abc', '1 OR 1=1']) {
		res = await resident.post(`${P}/doe-mee`, { ...good, groep, bericht: 'hallo' });
		assert.equal(res.status, 422, `groep ${groep}`);
	}
	// a body larger than the server takes: 413, nothing stored
	res = await resident.post(`${P}/idee`, { ...good, bericht: 'z'.repeat(3 * 1024 * 1024) });
	assert.equal(res.status, 413);
	assert.equal(await inboxNew(), before, 'nothing was stored');
});

test('CSRF: the token is bound to the anonymous cookie', async () => {
	const before = await inboxNew();
	const a = new Client(server, { localAddress: '127.0.0.33' });
	const fa = await openForm(a, `${P}/idee`);
	await sleep(3100);
	// no cookie at all
	const bare = new Client(server, { localAddress: '127.0.0.33' });
	let res = await bare.post(`${P}/idee`, { csrf: fa.csrf, t: fa.t, bericht: 'hallo' });
	assert.equal(res.status, 403);
	// another visitor's cookie with this token
	const b = new Client(server, { localAddress: '127.0.0.33' });
	await openForm(b, `${P}/idee`);
	res = await b.post(`${P}/idee`, { csrf: fa.csrf, t: fa.t, bericht: 'hallo' });
	assert.equal(res.status, 403);
	// no token
	res = await a.post(`${P}/idee`, { t: fa.t, bericht: 'hallo' });
	assert.equal(res.status, 403);
	assert.equal(await inboxNew(), before);
	// the visitor's own pair works
	res = await a.post(`${P}/idee`, { csrf: fa.csrf, t: fa.t, bericht: 'hallo' });
	assert.equal(res.status, 303);
});

test('no stored XSS: a script payload reaches the inbox escaped', async () => {
	const resident = new Client(server, { localAddress: '127.0.0.34' });
	const f = await openForm(resident, `${P}/doe-mee`);
	await sleep(3100);
	const payload = '<script>alert("xss")</script>';
	const res = await resident.post(`${P}/doe-mee`, {
		csrf: f.csrf, t: f.t, groep: '2', bericht: `hoi ${payload}`, naam: '<img src=x onerror=alert(1)>',
		contact: '"><svg onload=alert(2)>', toestemming: '1',
	});
	assert.equal(res.status, 303);
	// a line break in a name or contact (a mail header, if mail is ever added) is refused
	for (const [naam, contact] of [['Piet', 'a@example.invalid\r\nBcc: victim@example.invalid'], ['Piet\nBcc: x@example.invalid', 'a@example.invalid']]) {
		const bad = await resident.post(`${P}/doe-mee`, { csrf: f.csrf, t: f.t, groep: '2', bericht: 'hoi', naam, contact, toestemming: '1' });
		assert.equal(bad.status, 422);
		assert.match(bad.body, /Schrijf dit op één regel/);
	}
	const inbox = await staff.get(`/o/${ORG}/inbox`);
	assert.ok(!inbox.body.includes(payload), 'the script is not in the page as markup');
	assert.ok(!inbox.body.includes('<img src=x'), 'nor the image');
	assert.ok(!inbox.body.includes('<svg onload'), 'nor the svg');
	assert.ok(inbox.body.includes('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;') ||
		inbox.body.includes('&lt;script&gt;alert("xss")&lt;/script&gt;'), 'shown as text');
	const id = /\/o\/de-sleutel\/inbox\/(\d+)/.exec(inbox.body)[1];
	const item = await staff.get(`/o/${ORG}/inbox/${id}`);
	assert.ok(!item.body.includes(payload) && !item.body.includes('<img src=x'));
});

test('a flood of 1,000 posts from one address: 429 in Dutch after the limit, nothing more stored, kring keeps answering', async () => {
	const before = await inboxNew();
	const bot = new Client(server, { localAddress: '127.0.0.77' });
	const f = await openForm(bot, `${P}/idee`);
	await sleep(3100);
	const other = new Client(server, { localAddress: '127.0.0.78' });
	const statuses = [];
	let othersOk = 0;
	for (let i = 0; i < 1000; i += 25) {
		const batch = [];
		for (let k = 0; k < 25; k++) batch.push(bot.post(`${P}/idee`, { csrf: f.csrf, t: f.t, bericht: `spam ${i + k}` }));
		// meanwhile the rest of kring answers
		batch.push(other.get('/healthz').then((r) => { if (r.status === 200) othersOk++; }));
		batch.push(staff.get(`/o/${ORG}/`).then((r) => { if (r.status === 200) othersOk++; }));
		const got = await Promise.all(batch);
		for (const r of got.slice(0, 25)) statuses.push(r);
	}
	const accepted = statuses.filter((r) => r.status === 303).length;
	const limited = statuses.filter((r) => r.status === 429);
	assert.ok(accepted <= 5, `at most 5 accepted (got ${accepted})`);
	assert.equal(accepted + limited.length, 1000, 'every other post was answered 429');
	assert.match(limited[limited.length - 1].body, /Even wachten, alsjeblieft/);
	assert.equal(limited[0].headers['retry-after'], '3600');
	assert.equal(othersOk, 80, 'the rest of kring answered throughout');
	assert.equal(await inboxNew(), before + accepted);
	// another resident from another address still gets through
	const fine = new Client(server, { localAddress: '127.0.0.79' });
	const g = await openForm(fine, `${P}/idee`);
	await sleep(3100);
	const res = await fine.post(`${P}/idee`, { csrf: g.csrf, t: g.t, bericht: 'Nog een idee.' });
	assert.equal(res.status, 303);
});

/* The newest new item's id and version from the inbox. */
async function newestItem() {
	const inbox = await staff.get(`/o/${ORG}/inbox`);
	const id = /\/o\/de-sleutel\/inbox\/(\d+)/.exec(inbox.body)[1];
	const page = await staff.get(`/o/${ORG}/inbox/${id}`);
	return { id, version: hiddenValue(page.body, 'version'), csrf: csrfFrom(page.body), body: page.body };
}

async function submitIdea(addr, bericht, extra = {}) {
	const r = new Client(server, { localAddress: addr });
	const f = await openForm(r, `${P}/idee`);
	await sleep(3100);
	const res = await r.post(`${P}/idee`, { csrf: f.csrf, t: f.t, bericht, ...extra });
	assert.equal(res.status, 303);
}

test('the inbox: each submission in one step into a scan entry, a contact, an invitation, or answered', async () => {
	await submitIdea('127.0.0.41', 'Een repaircafé voor kleding in Oosterveld.', { naam: 'Kees Geheimnaam', contact: 'kees@example.invalid', toestemming: '1' });
	let it = await newestItem();
	let res = await staff.post(`/o/${ORG}/inbox/${it.id}/scan`, { csrf: it.csrf, version: it.version, list: 'gewenst', name: 'Kledingreparatie Oosterveld' });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `/o/${ORG}/scan`);
	const scan = await staff.get(`/o/${ORG}/scan`);
	assert.match(scan.body, /Kledingreparatie Oosterveld/);
	assert.ok(!scan.body.includes('Kees Geheimnaam'), 'the name does not go along');
	// handled twice: refused, nothing made
	res = await staff.post(`/o/${ORG}/inbox/${it.id}/scan`, { csrf: it.csrf, version: it.version, list: 'gewenst', name: 'Nog een keer' });
	assert.equal(res.status, 422);
	assert.match(res.body, /al afgehandeld/);

	await submitIdea('127.0.0.42', 'Ik wil graag helpen bij het taalcafé.', { naam: 'Kees Geheimnaam', contact: 'kees@example.invalid', toestemming: '1' });
	it = await newestItem();
	// a stale version: 409, the current state shown
	res = await staff.post(`/o/${ORG}/inbox/${it.id}/answer`, { csrf: it.csrf, version: String(Number(it.version) + 1) });
	assert.equal(res.status, 409);
	res = await staff.post(`/o/${ORG}/inbox/${it.id}/contact`, { csrf: it.csrf, version: it.version, community: '1', subject: 'Aanmelding taalcafé' });
	assert.equal(res.status, 303);
	assert.match(res.headers.location, /^\/o\/de-sleutel\/conversations\/\d+$/);
	const conv = await staff.get(res.headers.location);
	assert.match(conv.body, /Aanmelding taalcafé/);
	assert.match(conv.body, /Ik wil graag helpen bij het taalcafé/);
	assert.ok(!conv.body.includes('Kees Geheimnaam') && !conv.body.includes('kees@example.invalid'), 'never the resident\'s details');

	await submitIdea('127.0.0.43', 'Ik wil ambassadeur worden van het repair café.\nTweede regel blijft in de inbox.', { naam: 'Roos Repair', contact: 'roos@example.invalid', toestemming: '1' });
	it = await newestItem();
	res = await staff.post(`/o/${ORG}/inbox/${it.id}/invite`, { csrf: it.csrf, version: it.version, community: '2' });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `/o/${ORG}/communities/2/invite?inbox=${it.id}`);
	// the invite page: the message's first line, the resident's name offered as the label
	const inv = await staff.get(res.headers.location);
	assert.equal(inv.status, 200);
	assert.ok(unescapeHtml(inv.body).includes('Uit de inbox: Ik wil ambassadeur worden van het repair café.'), 'the first line is shown');
	assert.ok(!inv.body.includes('Tweede regel'), 'only the first line');
	assert.ok(!inv.body.includes('roos@example.invalid'), 'never the contact details');
	assert.match(inv.body, /name="label"[^>]*value="Roos Repair"/);
	// the handled item links to the same page
	assert.ok((await staff.get(`/o/${ORG}/inbox/${it.id}`)).body.includes(`/communities/2/invite?inbox=${it.id}`));
	// making the link with that label
	res = await staff.post(`/o/${ORG}/communities/2/invite`, { csrf: csrfFrom(inv.body), label: 'Roos Repair' });
	assert.equal(res.status, 200);
	assert.match(res.body, /\/invite\/[A-Za-z0-9_-]{20,}/);
	assert.ok(res.body.includes('Roos Repair'), 'the link names the resident');
	// another organisation's or an unknown inbox id: the plain form, nothing from the inbox
	for (const q of ['99999999', '0', 'abc', '-1']) {
		const plain = await staff.get(`/o/${ORG}/communities/2/invite?inbox=${q}`);
		assert.equal(plain.status, 200, `inbox=${q}`);
		assert.ok(!plain.body.includes('Uit de inbox'), `inbox=${q}`);
	}

	await submitIdea('127.0.0.44', 'Graag meer strips.');
	it = await newestItem();
	res = await staff.post(`/o/${ORG}/inbox/${it.id}/answer`, { csrf: it.csrf, version: it.version, answer: 'Doorgegeven aan de collectie.' });
	assert.equal(res.status, 303);
	const done = await staff.get(`/o/${ORG}/inbox?lijst=afgehandeld`);
	assert.match(done.body, /Graag meer strips/);
	assert.match(done.body, /Beantwoord en gearchiveerd/);
});

test('tenancy and bad input: another organisation\'s items and communities are not found', async () => {
	await submitIdea('127.0.0.45', 'Een idee voor de tenancy-test.');
	const it = await newestItem();
	// henk (het-baken) cannot reach a de-sleutel item through his own organisation
	const htok = await henk.csrf(`/o/${OTHER_ORG}/`);
	for (const step of ['scan', 'contact', 'invite', 'answer']) {
		const res = await henk.post(`/o/${OTHER_ORG}/inbox/${it.id}/${step}`, { csrf: htok, version: it.version, list: 'gewenst', name: 'x', community: '1', subject: 'x' });
		assert.equal(res.status, 404, `${step} of another organisation's item`);
	}
	assert.equal((await henk.get(`/o/${OTHER_ORG}/inbox/${it.id}`)).status, 404);
	// a community of another organisation named in the form
	const made = await henk.post(`/o/${OTHER_ORG}/communities/new`, { csrf: htok, name: 'Baken leesclub' });
	assert.equal(made.status, 303);
	const foreign = /communities\/(\d+)/.exec(made.headers.location)[1];
	for (const step of ['contact', 'invite']) {
		const res = await staff.post(`/o/${ORG}/inbox/${it.id}/${step}`, { csrf: it.csrf, version: it.version, community: foreign, subject: 'x' });
		assert.equal(res.status, 404, `${step} with another organisation's community`);
	}
	// bad ids and versions
	for (const bad of ['0', '-1', 'abc', '99999999999999999999']) {
		const res = await staff.post(`/o/${ORG}/inbox/${it.id}/answer`, { csrf: it.csrf, version: bad });
		assert.ok([404, 409].includes(res.status), `version ${bad}: ${res.status}`);
	}
	for (const bad of ['0', '1e3', '9007199254740993']) {
		const res = await staff.get(`/o/${ORG}/inbox/${bad}`);
		assert.equal(res.status, 404, `item ${bad}`);
	}
	const still = await staff.get(`/o/${ORG}/inbox/${it.id}`);
	assert.match(still.body, /Wat doe je ermee\?/, 'the item is still new');
	// a foreign community cannot be opened on the public page
	const tok = await staff.csrf(`/o/${ORG}/`);
	const res = await staff.post(`/o/${ORG}/communities/${foreign}/public`, { csrf: tok, open: '1', description: 'x' });
	assert.equal(res.status, 404);
});

test('settings: the beheerder switches the page off and on; staff open a community; activities marked public', async () => {
	let page = await staff.get(`/o/${ORG}/settings/public`);
	assert.equal(page.status, 200);
	let version = hiddenValue(page.body, 'version');
	const intro = 'Welkom bij De Sleutel, de test-introductie.';
	let res = await staff.post(`/o/${ORG}/settings/public`, { csrf: csrfFrom(page.body), version, intro, days: '5', keep: '1', enabled: '1' });
	assert.equal(res.status, 422, 'fewer than 7 days is refused');
	res = await staff.post(`/o/${ORG}/settings/public`, { csrf: csrfFrom(page.body), version, intro, days: '30', keep: '1' });
	assert.equal(res.status, 303, 'saved off');
	const anon = new Client(server);
	assert.equal((await anon.get(`${P}/`)).status, 404, 'off: 404');
	assert.equal((await anon.get(`${P}/agenda.ics`)).status, 404);
	res = await staff.post(`/o/${ORG}/settings/public`, { csrf: csrfFrom(page.body), version, intro, days: '30', keep: '1', enabled: '1' });
	assert.equal(res.status, 409, 'the version seen is stale');
	page = await staff.get(`/o/${ORG}/settings/public`);
	version = hiddenValue(page.body, 'version');
	res = await staff.post(`/o/${ORG}/settings/public`, { csrf: csrfFrom(page.body), version, intro, days: '90', keep: '1', enabled: '1' });
	assert.equal(res.status, 303);
	const on = await anon.get(`${P}/`);
	assert.equal(on.status, 200);
	assert.match(on.body, /de test-introductie/);
	// open Boekstart: a description for residents is needed
	const cp = await staff.get(`/o/${ORG}/communities/3/public`);
	res = await staff.post(`/o/${ORG}/communities/3/public`, { csrf: csrfFrom(cp.body), open: '1', description: '' });
	assert.equal(res.status, 422);
	res = await staff.post(`/o/${ORG}/communities/3/public`, { csrf: csrfFrom(cp.body), open: '1', description: 'Voorlezen voor de kleintjes, elke woensdag.' });
	assert.equal(res.status, 303);
	let pub = await anon.get(`${P}/`);
	assert.match(pub.body, /Voorlezen voor de kleintjes/);
	assert.ok(!pub.body.includes('Consultatiebureau'), 'still no partner');
	// an activity with the box ticked shows; one without does not
	const form = await staff.get(`/o/${ORG}/activities/new`);
	assert.match(form.body, /name="openbaar"/);
	const day = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);
	res = await staff.post(`/o/${ORG}/activities/new`, { csrf: csrfFrom(form.body), title: 'Openbare voorleesochtend', held_on: day, made: 'voor', community: '3', openbaar: '1' });
	assert.equal(res.status, 303, res.body.slice(0, 300));
	res = await staff.post(`/o/${ORG}/activities/new`, { csrf: csrfFrom(form.body), title: 'Intern teamoverleg', held_on: day, made: 'voor', community: '3' });
	assert.equal(res.status, 303);
	pub = await anon.get(`${P}/`);
	assert.match(pub.body, /Openbare voorleesochtend/);
	assert.ok(!pub.body.includes('Intern teamoverleg'));
	const ics = await anon.get(`${P}/agenda.ics`);
	assert.match(ics.body, /Openbare voorleesochtend/);
	assert.ok(!ics.body.includes('Intern teamoverleg'));
});

test('retention: past the date the resident\'s details are gone from the database file itself', { skip: BACKEND !== 'sqlite' && 'the file check is for SQLite' }, async () => {
	const srv = new Server();
	await srv.start();
	try {
		const boss = new Client(srv, { localAddress: '127.0.0.51' });
		await boss.login(USERS.marieke);
		const send = async (addr, bericht, naam, contact) => {
			const r = new Client(srv, { localAddress: addr });
			const page = await r.get(`${P}/idee`);
			await sleep(3100);
			const res = await r.post(`${P}/idee`, { csrf: csrfFrom(page.body), t: hiddenValue(page.body, 't'), bericht, naam, contact, toestemming: '1' });
			assert.equal(res.status, 303);
		};
		// the demo keeps messages anonymised
		await send('127.0.0.52', 'Bewaarbericht Kwartelkoning', 'Zwanette Retentiebeeld', 'zwanette@retentie.invalid');
		await srv.stop({ keep: true });
		const before = fs.readFileSync(srv.db);
		assert.ok(before.includes('Zwanette Retentiebeeld') || fs.existsSync(`${srv.db}-wal`), 'the name was stored');
		// the day after tomorrow plus 90 days: past the date
		const later = new Date(Date.now() + 92 * 86400000).toISOString().slice(0, 10);
		const out = kring(['retention', '--db', srv.db], { env: { ...process.env, KRING_NOW: later } });
		assert.match(out, /retention: [1-9]\d* submissions cleared/);
		const file = () => Buffer.concat([fs.readFileSync(srv.db), fs.existsSync(`${srv.db}-wal`) ? fs.readFileSync(`${srv.db}-wal`) : Buffer.alloc(0)]);
		let bytes = file();
		for (const s of ['Zwanette Retentiebeeld', 'zwanette@retentie.invalid', 'Olena', 'olena@voorbeeld.nl', '06 12345678'])
			assert.ok(!bytes.includes(s), `"${s}" is gone from the file`);
		assert.ok(bytes.includes('Bewaarbericht Kwartelkoning'), 'the message stays, anonymised');
		await srv.start();
		const inbox = await boss.get(`/o/${ORG}/inbox`);
		assert.match(inbox.body, /Bewaarbericht Kwartelkoning/);
		assert.match(inbox.body, /Naam en contactgegevens zijn verwijderd/);
		// now the organisation keeps nothing: the message goes too
		const page = await boss.get(`/o/${ORG}/settings/public`);
		const res = await boss.post(`/o/${ORG}/settings/public`, { csrf: csrfFrom(page.body), version: hiddenValue(page.body, 'version'), intro: 'x', days: '7', keep: '0', enabled: '1' });
		assert.equal(res.status, 303);
		await send('127.0.0.53', 'Weggooibericht Roerdomp', 'Tjitske Vergeetmij', 'tjitske@retentie.invalid');
		await srv.stop({ keep: true });
		const week = new Date(Date.now() + 9 * 86400000).toISOString().slice(0, 10);
		kring(['retention', '--db', srv.db], { env: { ...process.env, KRING_NOW: week } });
		bytes = file();
		for (const s of ['Tjitske Vergeetmij', 'tjitske@retentie.invalid', 'Weggooibericht Roerdomp'])
			assert.ok(!bytes.includes(s), `"${s}" is gone from the file`);
	} finally {
		srv.kill();
	}
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
