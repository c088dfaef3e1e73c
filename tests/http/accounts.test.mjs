// accounts.test.mjs - accounts people manage themselves and invitations
// (issues 13 and 14): one-time links (single use, expiry, bound to one
// person and one organisation, guessed), invitations for staff and for an
// ambassadeur, changing one's own password, reset links (by the beheerder
// and by mail through a tiny SMTP sink), sessions (mine, a beheerder's view,
// lock and removal), two-step login with TOTP and recovery codes, and the
// organisation's rule that staff use it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import {
	Server, Client, USERS, ORG, OTHER_ORG, PASSWORD, csrfFrom, peopleRows, textOf, sleep,
} from './helpers.mjs';

const NOW = '2026-11-30T10:00:00'; // the server's clock (KRING_NOW): expiry and codes are exact
const NOW_S = Math.floor(new Date(`${NOW}Z`).getTime() / 1000); // the servers run with TZ=UTC

let server;
let marieke, sascha;
const ips = { n: 60 };
const client = () => new Client(server, { localAddress: `127.0.0.${ips.n++}` });

before(async () => {
	server = await new Server().start({ env: { KRING_NOW: NOW, TZ: 'UTC' } });
	marieke = client();
	await marieke.login(USERS.marieke);
	sascha = client();
	await sascha.login(USERS.sascha);
});

after(async () => {
	if (server) await server.stop();
});

/* GET a page, asserting 200; the body. */
async function page(c, path) {
	const res = await c.get(path);
	assert.equal(res.status, 200, `GET ${path}: ${res.status}\n${res.body.slice(0, 800)}`);
	return res.body;
}

/* POST a form with the CSRF token of formPage (default: the page itself). */
async function post(c, path, fields, formPage) {
	const csrf = await c.csrf(formPage || path);
	return c.post(path, { ...fields, csrf });
}

/* The one-time link on a page that hands one over: its path (/invite/... or /reset/...). */
function linkPath(body) {
	const m = /id="f-link" type="text" readonly value="https?:\/\/[^/"]+(\/(?:invite|reset)\/[A-Za-z0-9_-]{43})"/.exec(body);
	assert.ok(m, `a link to hand over:\n${body.slice(0, 3000)}`);
	return m[1];
}

async function communityIds(c, org = ORG) {
	const body = await page(c, `/o/${org}/communities`);
	return [...new Set([...body.matchAll(new RegExp(`/o/${org}/communities/(\\d+)"`, 'g'))].map((m) => Number(m[1])))];
}

async function personId(name) {
	const rows = peopleRows(await page(marieke, `/o/${ORG}/people`));
	const row = rows.find((r) => r.name === name || r.email === name);
	assert.ok(row, `${name} on the people page`);
	return row.id;
}

/* A staff invitation from the people page; returns the link's path. */
async function inviteStaff(name, email, role = 'medewerker') {
	const res = await post(marieke, `/o/${ORG}/people`, { name, email, role }, `/o/${ORG}/people`);
	assert.equal(res.status, 200, res.body.slice(0, 1500));
	assert.ok(res.body.includes('De uitnodiging is gemaakt.'));
	return linkPath(res.body);
}

/* The invited person opens the link and makes their account. */
async function accept(link, fields) {
	const c = client();
	const form = await c.get(link);
	assert.equal(form.status, 200, form.body.slice(0, 1000));
	const res = await c.post(link, { password2: fields.password, ...fields, csrf: csrfFrom(form.body) });
	return { c, res, form };
}

function assertLinkRefused(res, status, words) {
	assert.equal(res.status, status, res.body.slice(0, 1000));
	assert.ok(res.body.includes('<html lang="nl"'));
	assert.ok(res.body.includes('Deze link werkt niet'), 'the calm Dutch title');
	assert.ok(textOf(res.body).includes(words), `says "${words}"`);
	assert.ok(textOf(res.body).includes('Er is niets veranderd.'));
}

// ---- RFC 6238 in the test, to type a code like an app would ----

function base32Decode(s) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of s.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
	const out = [];
	for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
	return Buffer.from(out);
}

function totp(secret, t, stepOffset = 0) {
	const counter = Math.floor(t / 30) + stepOffset;
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const h = crypto.createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const o = h[h.length - 1] & 15;
	const v = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
	return String(v % 1_000_000).padStart(6, '0');
}

test('the test code itself follows RFC 6238 (its SHA-1 vectors, last six digits)', () => {
	const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
	assert.equal(totp(secret, 59), '287082');
	assert.equal(totp(secret, 1111111109), '081804');
	assert.equal(totp(secret, 1234567890), '005924');
	assert.equal(totp(secret, 2000000000), '279037');
});

// ---- invitations ----

test('a beheerder invites a new medewerker, who chooses name, e-mail and password and is logged in', async () => {
	const people = await page(marieke, `/o/${ORG}/people`);
	assert.ok(!/type="password"/.test(people), 'the people page asks no password for someone else');
	const link = await inviteStaff('Ilse de Boer', 'ilse@desleutel.nl');
	const { c, res, form } = await accept(link, { name: 'Ilse de Boer', email: 'Ilse@DeSleutel.nl', password: 'lezen-is-leuk-2026' });
	assert.ok(form.body.includes('als Medewerker bij'), 'the invitation says what it is for');
	assert.match(form.body, /name="email" type="email" value="ilse@desleutel.nl"/, 'the address the beheerder knew is filled in');
	assert.equal(res.status, 303, res.body.slice(0, 1500));
	assert.equal(res.headers.location, `/o/${ORG}/?welkom=1`);
	assert.ok(c.session, 'accepting logs in');
	assert.equal((await c.get(`/o/${ORG}/communities`)).status, 200, 'as medewerker');
	const row = peopleRows(await page(marieke, `/o/${ORG}/people`)).find((p) => p.email === 'ilse@desleutel.nl');
	assert.deepEqual([row.name, row.role], ['Ilse de Boer', 'Medewerker']);
	const again = client();
	await again.login('ilse@desleutel.nl', 'lezen-is-leuk-2026');
	// the same link a second time: used, nothing made
	const used = await client().get(link);
	assertLinkRefused(used, 410, 'al gebruikt');
	const audit = textOf(await page(marieke, `/o/${ORG}/audit`));
	assert.ok(audit.includes('Uitnodiging gemaakt') && audit.includes('Uitnodiging aangenomen'), 'both are in the log');
});

test('a medewerker invites a resident as ambassadeur of one community; the resident becomes exactly that', async () => {
	const [cid] = await communityIds(sascha);
	const form = await page(sascha, `/o/${ORG}/communities/${cid}/invite`);
	assert.ok(!/type="password"/.test(form));
	const made = await post(sascha, `/o/${ORG}/communities/${cid}/invite`, { label: 'Yara' });
	assert.equal(made.status, 200, made.body.slice(0, 1000));
	const link = linkPath(made.body);
	assert.ok(textOf(made.body).includes('Met deze link wordt Yara ambassadeur van'));
	const { c, res } = await accept(link, { name: 'Yara Bakker', email: 'yara@voorbeeld.nl', password: 'samen-lezen-2026' });
	assert.equal(res.status, 303, res.body.slice(0, 1500));
	assert.equal(res.headers.location, `/o/${ORG}/communities/${cid}?welkom=1`);
	assert.equal((await c.get(`/o/${ORG}/communities/${cid}`)).status, 200, 'her community');
	assert.deepEqual(await communityIds(c), [cid], 'and only her community');
	const row = peopleRows(await page(marieke, `/o/${ORG}/people`)).find((p) => p.email === 'yara@voorbeeld.nl');
	assert.equal(row.role, 'Ambassadeur');
	// the community page lists her
	assert.ok((await page(sascha, `/o/${ORG}/communities/${cid}`)).includes('Yara Bakker'));
	// an adviseur and an ambassadeur cannot invite; another organisation's community is not found
	const anouk = client();
	await anouk.login(USERS.anouk);
	assert.equal((await anouk.get(`/o/${ORG}/communities/${cid}/invite`)).status, 403);
	assert.equal((await c.get(`/o/${ORG}/communities/${cid}/invite`)).status, 403);
	const henk = client();
	await henk.login(USERS.henk);
	assert.equal((await henk.get(`/o/${OTHER_ORG}/communities/${cid}/invite`)).status, 404);
	const foreign = await post(henk, `/o/${OTHER_ORG}/communities/${cid}/invite`, { label: 'x' }, `/o/${OTHER_ORG}/people`);
	assert.equal(foreign.status, 404, 'a community of another organisation');
});

test('invitation links: guessed, mistyped, expired, withdrawn or with a taken address: a Dutch page and no account', async () => {
	const guess = await client().get(`/invite/${'A'.repeat(43)}`);
	assertLinkRefused(guess, 404, 'Deze link kennen we niet');
	const short = await client().get('/invite/kort');
	assert.equal(short.status, 404);
	assert.ok(short.body.includes('<html lang="nl"'));
	// a guessed link cannot be posted to either
	const g = client();
	const p = await g.get('/login');
	const res = await g.post(`/invite/${'B'.repeat(43)}`, { name: 'X', email: 'x@voorbeeld.nl', password: 'een-goed-wachtwoord', password2: 'een-goed-wachtwoord', csrf: csrfFrom(p.body) });
	assertLinkRefused(res, 404, 'Deze link kennen we niet');
	const x = client();
	assert.equal((await x.loginRaw('x@voorbeeld.nl', 'een-goed-wachtwoord')).status, 401, 'no account was made');

	// withdrawn
	const link = await inviteStaff('Wim Weg', 'wim@desleutel.nl');
	const people = await page(marieke, `/o/${ORG}/people`);
	assert.ok(textOf(people).includes('Openstaande uitnodigingen'));
	// Wim's own button: the demo's invitation is made with the real clock, the
	// test's with KRING_NOW, so "newest first" alone does not tell which is his
	const withdrawOf = (html, who) => new RegExp(`<li><span>${who} · [^<]*</span><form[^>]*action="(/o/de-sleutel/people/invitations/(\\d+)/withdraw)"`).exec(html);
	const m = withdrawOf(people, 'Wim Weg');
	assert.ok(m, 'a withdraw button');
	const wd = await post(marieke, m[1], {}, `/o/${ORG}/people`);
	assert.equal(wd.status, 303);
	assertLinkRefused(await client().get(link), 404, 'ingetrokken');
	// henk cannot withdraw de-sleutel's invitations through his own organisation
	const link2 = await inviteStaff('Tessa Twee', 'tessa@desleutel.nl');
	const id2 = withdrawOf(await page(marieke, `/o/${ORG}/people`), 'Tessa Twee')[2];
	const henk = client();
	await henk.login(USERS.henk);
	const hw = await post(henk, `/o/${OTHER_ORG}/people/invitations/${id2}/withdraw`, {}, `/o/${OTHER_ORG}/people`);
	assert.equal(hw.status, 404);
	assert.equal((await client().get(link2)).status, 200, 'still open');

	// an address that already has an account: said beside the field, the link stays good
	const taken = await accept(link2, { name: 'Tessa', email: USERS.jeroen, password: 'een-goed-wachtwoord' });
	assert.equal(taken.res.status, 409);
	assert.match(taken.res.body, /id="f-email-error">Er is al een account met dit e-mailadres/);
	assert.ok(!taken.res.body.includes('een-goed-wachtwoord'), 'the password is not sent back');
	assert.equal((await client().get(link2)).status, 200, 'the link was not used up');
	// a too short or repeated-wrong password: beside the field
	const shortPw = await accept(link2, { name: 'Tessa', email: 'tessa@desleutel.nl', password: 'kort' });
	assert.equal(shortPw.res.status, 422);
	assert.match(shortPw.res.body, /id="f-password-error">Kies een wachtwoord van minstens 10 tekens/);
	const mismatch = await accept(link2, { name: 'Tessa', email: 'tessa@desleutel.nl', password: 'een-goed-wachtwoord', password2: 'een-ander-wachtwoord' });
	assert.equal(mismatch.res.status, 422);
	assert.match(mismatch.res.body, /niet hetzelfde/);

	// an ambassadeur is invited from the community page, not from the people page
	const amb = await post(marieke, `/o/${ORG}/people`, { name: 'Bewoner', email: 'bewoner@voorbeeld.nl', role: 'ambassadeur' }, `/o/${ORG}/people`);
	assert.equal(amb.status, 422);
	assert.match(amb.body, /id="f-role-error">Een ambassadeur nodig je uit vanaf de pagina van zijn of haar community/);

	// expired: the same database fifteen days later
	const later = new Server({ db: server.db });
	await later.start({ env: { KRING_NOW: '2026-12-15T10:00:01', TZ: 'UTC' } });
	try {
		const c = new Client(later, { localAddress: '127.0.0.200' });
		assertLinkRefused(await c.get(link2), 410, 'verlopen');
		const lp = await c.get('/login');
		const post2 = await c.post(link2, { name: 'Tessa', email: 'tessa@desleutel.nl', password: 'een-goed-wachtwoord', password2: 'een-goed-wachtwoord', csrf: csrfFrom(lp.body) });
		assertLinkRefused(post2, 410, 'verlopen');
		assert.equal((await c.loginRaw('tessa@desleutel.nl', 'een-goed-wachtwoord')).status, 401, 'no account');
	} finally {
		await later.stop({ keep: true });
	}
	// thirteen days later it still works
	const sooner = new Server({ db: server.db });
	await sooner.start({ env: { KRING_NOW: '2026-12-13T10:00:00', TZ: 'UTC' } });
	try {
		assert.equal((await new Client(sooner, { localAddress: '127.0.0.201' }).get(link2)).status, 200);
	} finally {
		await sooner.stop({ keep: true });
	}
});

test('someone already logged in takes an invitation on their own account', async () => {
	const henk = client();
	await henk.login(USERS.henk);
	const link = await inviteStaff('Henk Smit', 'henk.smit@voorbeeld.nl', 'adviseur');
	const form = await henk.get(link);
	assert.equal(form.status, 200);
	assert.ok(textOf(form.body).includes('Je bent ingelogd als Henk Smit'));
	const res = await henk.post(link, { als: 'ik', csrf: csrfFrom(form.body) });
	assert.equal(res.status, 303, res.body.slice(0, 800));
	assert.equal((await henk.get(`/o/${ORG}/communities`)).status, 200, 'Henk now has a role in De Sleutel');
	assert.equal((await henk.get(`/o/${OTHER_ORG}/people`)).status, 200, 'and keeps his own');
});

// ---- own password ----

test('changing one\'s own password asks the current one and ends one\'s other sessions', async () => {
	const a = client();
	await a.login(USERS.jeroen);
	const b = client();
	await b.login(USERS.jeroen);
	const form = await page(a, '/account/password');
	assert.ok(form.includes('autocomplete="current-password"'));
	const wrong = await post(a, '/account/password', { current: 'niet-goed-wachtwoord', password: 'nieuw-wachtwoord-1', password2: 'nieuw-wachtwoord-1' });
	assert.equal(wrong.status, 422);
	assert.match(wrong.body, /id="f-current-error">Dit is niet je huidige wachtwoord\./);
	assert.ok(!wrong.body.includes('nieuw-wachtwoord-1'), 'no password is sent back');
	const mismatch = await post(a, '/account/password', { current: PASSWORD, password: 'nieuw-wachtwoord-1', password2: 'nieuw-wachtwoord-2' });
	assert.equal(mismatch.status, 422);
	const ok = await post(a, '/account/password', { current: PASSWORD, password: 'nieuw-wachtwoord-1', password2: 'nieuw-wachtwoord-1' });
	assert.equal(ok.status, 303);
	assert.equal((await a.get(`/o/${ORG}/`)).status, 200, 'this session stays');
	const other = await b.get(`/o/${ORG}/`);
	assert.equal(other.status, 303, 'the other session ended');
	assert.match(other.headers.location, /^\/login/);
	assert.equal((await client().loginRaw(USERS.jeroen, PASSWORD)).status, 401, 'the old password no longer works');
	await client().login(USERS.jeroen, 'nieuw-wachtwoord-1');
	// logged out: the account pages ask to log in
	const anon = await client().get('/account/password');
	assert.equal(anon.status, 303);
});

// ---- reset links ----

test('a beheerder makes a reset link; it works once, ends every session, and only for their own people', async () => {
	const target = client();
	await target.login(USERS.sascha);
	const id = await personId(USERS.sascha);
	const pp = await page(marieke, `/o/${ORG}/people/${id}`);
	assert.ok(!/type="password"/.test(pp), 'no password field for someone else');
	const made = await post(marieke, `/o/${ORG}/people/${id}/reset`, {}, `/o/${ORG}/people/${id}`);
	assert.equal(made.status, 200, made.body.slice(0, 800));
	const link = linkPath(made.body);
	const form = await client().get(link);
	assert.equal(form.status, 200);
	assert.ok(textOf(form.body).includes('Sascha'));
	const c = client();
	const f = await c.get(link);
	const shortPw = await c.post(link, { password: 'kort', password2: 'kort', csrf: csrfFrom(f.body) });
	assert.equal(shortPw.status, 422);
	const res = await c.post(link, { password: 'sascha-nieuw-2026', password2: 'sascha-nieuw-2026', csrf: csrfFrom(f.body) });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, '/login?hersteld=1');
	assert.equal((await target.get(`/o/${ORG}/`)).status, 303, 'her old session ended');
	assert.equal((await client().loginRaw(USERS.sascha, PASSWORD)).status, 401);
	sascha = client();
	await sascha.login(USERS.sascha, 'sascha-nieuw-2026');
	assertLinkRefused(await client().get(link), 410, 'al gebruikt');
	const again = await c.post(link, { password: 'nog-iets-anders-1', password2: 'nog-iets-anders-1', csrf: csrfFrom(f.body) });
	assertLinkRefused(again, 410, 'al gebruikt');
	await client().login(USERS.sascha, 'sascha-nieuw-2026'); // unchanged

	// another organisation: henk cannot make a link for Sascha; a link of an organisation the person left opens nothing
	const henk = client();
	await henk.login(USERS.henk);
	assert.equal((await post(henk, `/o/${OTHER_ORG}/people/${id}/reset`, {}, `/o/${OTHER_ORG}/people`)).status, 404);
	assert.equal((await post(sascha, `/o/${ORG}/people/${id}/reset`, {}, `/o/${ORG}/`)).status, 403, 'a medewerker cannot');
	const link2 = await inviteStaff('Kees Kort', 'kees@desleutel.nl');
	const { c: kees } = await accept(link2, { name: 'Kees Kort', email: 'kees@desleutel.nl', password: 'kees-wachtwoord-1' });
	const kid = await personId('kees@desleutel.nl');
	const reset = linkPath((await post(marieke, `/o/${ORG}/people/${kid}/reset`, {}, `/o/${ORG}/people/${kid}`)).body);
	const removed = await post(marieke, `/o/${ORG}/people/${kid}/remove`, {}, `/o/${ORG}/people/${kid}`);
	assert.equal(removed.status, 303);
	assert.equal((await kees.get(`/o/${ORG}/`)).status, 303, 'removing a person ends their session at once');
	assertLinkRefused(await client().get(reset), 410, 'hoort bij een rol');
});

test('wachtwoord vergeten without a mail relay: only the beheerder\'s way, said in Dutch', async () => {
	const c = client();
	const login = await c.get('/login');
	assert.match(login.body, /<a class="utrecht-link" href="\/login\/forgot">Wachtwoord vergeten\?<\/a>/);
	const f = await c.get('/login/forgot');
	assert.equal(f.status, 200);
	assert.ok(textOf(f.body).includes('De beheerder van je bibliotheek kan een link maken'));
	assert.ok(!f.body.includes('name="email"'), 'no form that cannot send anything');
	const res = await c.post('/login/forgot', { email: USERS.jeroen, csrf: csrfFrom(login.body) });
	assert.equal(res.status, 200);
});

/* A tiny SMTP sink: collects {from, to, data} of every mail. */
function smtpSink() {
	const mails = [];
	const srv = net.createServer((sock) => {
		let buf = '', inData = false, mail = { to: [] };
		sock.write('220 sink ESMTP\r\n');
		sock.on('data', (d) => {
			buf += d.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buf.indexOf('\r\n.\r\n');
					if (end < 0) return;
					mail.data = buf.slice(0, end);
					buf = buf.slice(end + 5);
					inData = false;
					mails.push(mail);
					mail = { to: [] };
					sock.write('250 ok\r\n');
					continue;
				}
				const nl = buf.indexOf('\r\n');
				if (nl < 0) return;
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 2);
				if (/^(EHLO|HELO)/i.test(line)) sock.write('250 sink\r\n');
				else if (/^MAIL FROM:/i.test(line)) { mail.from = line.slice(10); sock.write('250 ok\r\n'); }
				else if (/^RCPT TO:/i.test(line)) { mail.to.push(line.slice(8)); sock.write('250 ok\r\n'); }
				else if (/^DATA/i.test(line)) { inData = true; sock.write('354 go\r\n'); }
				else if (/^QUIT/i.test(line)) { sock.end('221 bye\r\n'); }
				else sock.write('250 ok\r\n');
			}
		});
		sock.on('error', () => {});
	});
	return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ srv, mails, port: srv.address().port })));
}

test('wachtwoord vergeten with a relay: the same answer for any address, a mail only for a real one, no header injection', async () => {
	const sink = await smtpSink();
	const mailed = new Server({ db: server.db });
	await mailed.start({ env: { KRING_NOW: NOW, TZ: 'UTC', KRING_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, KRING_SMTP_FROM: 'kring@desleutel.nl', KRING_BASE_URL: 'https://kring.example.nl/' } });
	try {
		const ask = async (email, ip) => {
			const c = new Client(mailed, { localAddress: ip });
			const f = await c.get('/login/forgot');
			assert.match(f.body, /name="email"/);
			const res = await c.post('/login/forgot', { email, csrf: csrfFrom(f.body) });
			return { res, body: res.body.replace(/name="csrf" value="[^"]*"/g, '').replace(/kring_anon=[^;]*/g, '') };
		};
		const known = await ask(USERS.jeroen, '127.0.0.210');
		const unknown = await ask('niemand@voorbeeld.nl', '127.0.0.211');
		assert.equal(known.res.status, 200);
		assert.equal(unknown.res.status, 200);
		assert.equal(known.body, unknown.body, 'the very same page whether the address exists or not');
		assert.ok(textOf(known.body).includes('Als er een account met dit e-mailadres is'));
		const deadline = Date.now() + 10000;
		while (sink.mails.length < 1 && Date.now() < deadline) await sleep(50);
		await sleep(300);
		assert.equal(sink.mails.length, 1, 'one mail, to the real address only');
		const mail = sink.mails[0];
		assert.equal(mail.to[0], `<${USERS.jeroen}>`);
		assert.equal(mail.from, '<kring@desleutel.nl>');
		const m = /https:\/\/kring\.example\.nl(\/reset\/[A-Za-z0-9_-]{43})/.exec(mail.data);
		assert.ok(m, `the mail holds the link:\n${mail.data}`);
		assert.equal((await new Client(mailed, { localAddress: '127.0.0.212' }).get(m[1])).status, 200, 'and the link works');
		// header injection: CR/LF or a second address is refused, nothing is sent
		for (const bad of [`${USERS.jeroen}\r\nBcc: boef@voorbeeld.nl`, `${USERS.jeroen},boef@voorbeeld.nl`, `<${USERS.jeroen}>`]) {
			const r = await ask(bad, '127.0.0.213');
			assert.equal(r.res.status, 422, `refused: ${JSON.stringify(bad)}`);
		}
		await sleep(500);
		assert.equal(sink.mails.length, 1, 'no mail for a refused address');
		assert.ok(!sink.mails.some((x) => /boef/.test(x.data) || x.to.some((t) => /boef/.test(t))));
	} finally {
		await mailed.stop({ keep: true });
		sink.srv.close();
	}
});

// ---- sessions ----

test('my sessions: listed with a coarse browser name, one or all others ended; a beheerder ends a person\'s; locking ends them', async () => {
	const ua = { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
	const a = client();
	await a.login(USERS.fatima);
	const b = client();
	const lp = await b.get('/login');
	const li = await b.post('/login', { email: USERS.fatima, password: PASSWORD, csrf: csrfFrom(lp.body) }, { headers: ua });
	assert.equal(li.status, 303);
	const c = client();
	await c.login(USERS.fatima);
	const list = await page(a, '/account/sessions');
	assert.ok(list.includes('Firefox, Linux'), 'the browser, coarsely');
	assert.ok(!list.includes('rv:128.0'), 'not the whole user agent');
	assert.ok(list.includes('Deze sessie'));
	const ends = [...list.matchAll(/name="sessie" value="([0-9a-f]{64})"/g)].map((x) => x[1]);
	assert.equal(ends.length, 2, 'an end button for each other session');
	// a session of someone else cannot be ended by its hash
	const other = await post(sascha, '/account/sessions/end', { sessie: ends[0] }, '/account/sessions');
	assert.equal(other.status, 404);
	const bad = await post(a, '/account/sessions/end', { sessie: 'x' }, '/account/sessions');
	assert.equal(bad.status, 400);
	const one = await post(a, '/account/sessions/end', { sessie: ends[0] }, '/account/sessions');
	assert.equal(one.status, 303);
	const alive = [(await b.get(`/o/${ORG}/`)).status, (await c.get(`/o/${ORG}/`)).status].sort();
	assert.deepEqual(alive, [200, 303], 'exactly one of the two ended');
	const all = await post(a, '/account/sessions/end-others', {}, '/account/sessions');
	assert.equal(all.status, 303);
	assert.equal((await b.get(`/o/${ORG}/`)).status, 303);
	assert.equal((await c.get(`/o/${ORG}/`)).status, 303);
	assert.equal((await a.get(`/o/${ORG}/`)).status, 200, 'mine stays');

	// the beheerder sees Fatima's sessions and ends them all
	const fid = await personId(USERS.fatima);
	const pp = await page(marieke, `/o/${ORG}/people/${fid}`);
	assert.ok(textOf(pp).includes('Ingelogd op'));
	const end = await post(marieke, `/o/${ORG}/people/${fid}/sessions/end`, {}, `/o/${ORG}/people/${fid}`);
	assert.equal(end.status, 303);
	assert.equal((await a.get(`/o/${ORG}/`)).status, 303, 'ended at once');
	const henk = client();
	await henk.login(USERS.henk);
	assert.equal((await post(henk, `/o/${OTHER_ORG}/people/${fid}/sessions/end`, {}, `/o/${OTHER_ORG}/people`)).status, 404,
		'not for a person of another organisation');

	// locking a person ends their session at once
	const j = client();
	await j.login(USERS.fatima);
	server.cli(['user', 'lock', '--email', USERS.fatima]);
	assert.equal((await j.get(`/o/${ORG}/`)).status, 303);
	server.cli(['user', 'unlock', '--email', USERS.fatima]);
});

// ---- two-step login ----

/* Turns two-step login on for c; returns {secret, codes}. */
async function enableTotp(c) {
	const start = await post(c, '/account/totp/start', {}, '/account/totp');
	assert.equal(start.status, 303);
	const body = await page(c, '/account/totp');
	const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(body)[1].replace(/ /g, '');
	assert.match(body, new RegExp(`otpauth://totp/kring:[^"?]+\\?secret=${secret}&amp;issuer=kring`));
	const wrong = await post(c, '/account/totp/confirm', { code: '000000' === totp(secret, NOW_S) ? '111111' : '000000' }, '/account/totp');
	assert.equal(wrong.status, 422);
	const ok = await post(c, '/account/totp/confirm', { code: totp(secret, NOW_S) }, '/account/totp');
	assert.equal(ok.status, 200, ok.body.slice(0, 800));
	const codes = [...ok.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
	assert.equal(codes.length, 10, 'ten recovery codes, shown once');
	assert.ok(!(await page(c, '/account/totp')).includes(codes[0]), 'not shown again');
	return { secret, codes };
}

test('two-step login: a code after the password, used once; recovery codes once each; failures throttled', async () => {
	const j = client();
	await j.login(USERS.jeroen, 'nieuw-wachtwoord-1');
	const { secret, codes } = await enableTotp(j);

	const c = client();
	const first = await c.loginRaw(USERS.jeroen, 'nieuw-wachtwoord-1');
	assert.equal(first.status, 303);
	assert.match(first.headers.location, /^\/login\/code\?next=/);
	assert.equal((await c.get(`/o/${ORG}/`)).status, 303, 'a password alone does not let one in');
	const form = await c.get('/login/code');
	assert.equal(form.status, 200);
	const bad = await c.post('/login/code', { code: '123456' === totp(secret, NOW_S) ? '654321' : '123456', csrf: csrfFrom(form.body) });
	assert.equal(bad.status, 401);
	assert.ok(textOf(bad.body).includes('Deze code klopt niet'));
	// the code that confirmed the setup was used: the same step is refused (no replay)
	const replay = await c.post('/login/code', { code: totp(secret, NOW_S), csrf: csrfFrom(form.body) });
	assert.equal(replay.status, 401, 'a code works once');
	// the next step's code (a clock a little ahead) works
	const good = await c.post('/login/code', { code: totp(secret, NOW_S, 1), next: `/o/${ORG}/signals`, csrf: csrfFrom(form.body) });
	assert.equal(good.status, 303);
	assert.equal(good.headers.location, `/o/${ORG}/signals`);
	assert.equal((await c.get(`/o/${ORG}/`)).status, 200, 'logged in');

	// a recovery code works once
	const r1 = client();
	await r1.loginRaw(USERS.jeroen, 'nieuw-wachtwoord-1');
	const f1 = await r1.get('/login/code');
	assert.equal((await r1.post('/login/code', { code: codes[0].toUpperCase(), csrf: csrfFrom(f1.body) })).status, 303);
	const r2 = client();
	await r2.loginRaw(USERS.jeroen, 'nieuw-wachtwoord-1');
	const f2 = await r2.get('/login/code');
	assert.equal((await r2.post('/login/code', { code: codes[0], csrf: csrfFrom(f2.body) })).status, 401, 'used up');
	assert.ok(textOf(await page(j, '/account/totp')).includes('nog 9 herstelcodes'));

	// wrong codes count in the login throttle
	const t = client();
	await t.loginRaw(USERS.jeroen, 'nieuw-wachtwoord-1');
	const ft = await t.get('/login/code');
	const statuses = [];
	for (let i = 0; i < 6; i++) statuses.push((await t.post('/login/code', { code: '99999' + (i % 10), csrf: csrfFrom(ft.body) })).status);
	assert.ok(statuses.includes(429), `throttled: ${statuses}`);
	assert.ok(textOf((await t.post('/login/code', { code: totp(secret, NOW_S, -1), csrf: csrfFrom(ft.body) })).body).includes('te vaak'));

	// turning it off asks a code
	const offBad = await post(j, '/account/totp/off', { code: 'zzzzz-zzzzz' }, '/account/totp');
	assert.equal(offBad.status, 422);
	const off = await post(j, '/account/totp/off', { code: codes[1] }, '/account/totp');
	assert.equal(off.status, 303);
	const plain = client();
	const pl = await plain.loginRaw(USERS.jeroen, 'nieuw-wachtwoord-1');
	assert.equal(pl.headers.location, '/', 'no code asked any more');
	// the code page without a waiting login goes back to the login
	assert.equal((await client().get('/login/code')).headers.location, '/login');
});

test('a beheerder requires two-step login: staff without it are sent to set it up, others are not', async () => {
	const sec = await page(marieke, `/o/${ORG}/settings`);
	assert.ok(sec.includes(`href="/o/${ORG}/settings/security"`), 'linked from the settings page');
	assert.equal((await sascha.get(`/o/${ORG}/settings/security`)).status, 403);
	const on = await post(marieke, `/o/${ORG}/settings/security`, { totp: '1' }, `/o/${ORG}/settings/security`);
	assert.equal(on.status, 303);
	const s = await sascha.get(`/o/${ORG}/communities`);
	assert.equal(s.status, 303);
	assert.equal(s.headers.location, '/account/totp?nodig=1');
	const setup = await page(sascha, '/account/totp?nodig=1');
	assert.ok(textOf(setup).includes('Jouw bibliotheek vraagt medewerkers'));
	await enableTotp(sascha);
	assert.equal((await sascha.get(`/o/${ORG}/communities`)).status, 200, 'set up: in again');
	const anouk = client();
	await anouk.login(USERS.anouk);
	assert.equal((await anouk.get(`/o/${ORG}/`)).status, 200, 'an adviseur chooses for themselves');
	// the beheerder too is asked to set it up; turning the rule off is audited
	const m = await marieke.get(`/o/${ORG}/`);
	assert.equal(m.headers.location, '/account/totp?nodig=1');
	await enableTotp(marieke);
	const off = await post(marieke, `/o/${ORG}/settings/security`, {}, `/o/${ORG}/settings/security`);
	assert.equal(off.status, 303);
	const audit = textOf(await page(marieke, `/o/${ORG}/audit`));
	assert.ok(audit.includes('Inloggen in twee stappen verplicht gemaakt') && audit.includes('niet meer verplicht'));
	const bad = await post(marieke, `/o/${ORG}/settings/security`, { totp: 'ja' }, `/o/${ORG}/settings/security`);
	assert.equal(bad.status, 400);
});
