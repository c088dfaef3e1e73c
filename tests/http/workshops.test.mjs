/*
 * workshops.test.mjs - HTTP tests of team workshops (M11, issue 12): who
 * may plan them (beheerder and medewerker; advisers and ambassadeurs 403,
 * another organisation 404), the pilot's template with its computed clock
 * times, bad durations and start times and an agenda past midnight (a
 * Dutch message beside the field, what was typed kept, nothing saved),
 * version conflicts that lose nothing, reordering with small forms,
 * attendance that takes only the organisation's staff, and a delete that
 * asks first. Runs on SQLite, or on PostgreSQL with KRING_TEST_PG.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, csrfFrom, hiddenValue, unescapeHtml, peopleRows } from './helpers.mjs';

const server = new Server();
const c = {};
const O = `/o/${ORG}`;

before(async () => {
	await server.start();
	const names = ['sascha', 'marieke', 'anouk', 'fatima', 'henk'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${91 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
});
after(() => server.stop());

function text(html) {
	return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/* The agenda of a workshop page: [clock, topic] per row, and the end. */
function agenda(html) {
	const rows = [...html.matchAll(/<td class="utrecht-table__cell kring-agenda__clock">([^<]*)<\/td><td[^>]*>[^<]*<\/td><th[^>]*><span class="kring-agenda__title">([^<]*)<\/span>/g)]
		.map((m) => `${m[1]} ${unescapeHtml(m[2])}`);
	const end = /kring-agenda__end"><td class="utrecht-table__cell kring-agenda__clock">([^<]*)</.exec(html);
	return { rows, end: end ? end[1] : null };
}

/* A new workshop from the template; returns its id. */
async function fromTemplate(client, org = ORG, held_on = '2031-03-04') {
	const csrf = await client.csrf(`/o/${org}/workshops`);
	const res = await client.post(`/o/${org}/workshops/template`, { csrf, held_on });
	assert.equal(res.status, 303, res.body.slice(0, 500));
	const m = /\/workshops\/(\d+)\?klaar=nieuw$/.exec(res.headers.location);
	assert.ok(m, res.headers.location);
	return Number(m[1]);
}

async function page(client, id, org = ORG) {
	const res = await client.get(`/o/${org}/workshops/${id}`);
	assert.equal(res.status, 200);
	return { body: res.body, csrf: csrfFrom(res.body), ...agenda(res.body) };
}

const rowIds = (html) => [...html.matchAll(/<tr class="utrecht-table__row" id="onderdeel-(\d+)">/g)].map((m) => Number(m[1]));

test('staff plan workshops; advisers and ambassadeurs may not; another organisation sees nothing', async () => {
	for (const who of ['sascha', 'marieke']) {
		const res = await c[who].get(`${O}/workshops`);
		assert.equal(res.status, 200, who);
		assert.ok(text(res.body).includes('kring rekent de kloktijden en het einde uit'), 'the page explains itself');
		assert.ok(res.body.includes('Teamworkshop werken in netwerken'), 'the demo holds the pilot\'s workshop');
	}
	for (const who of ['anouk', 'fatima']) {
		assert.equal((await c[who].get(`${O}/workshops`)).status, 403, who);
		assert.equal((await c[who].get(`${O}/workshops/1`)).status, 403, who);
	}
	// henk's own workshop in Het Baken, and De Sleutel's ids through his organisation
	const his = await fromTemplate(c.henk, OTHER_ORG);
	assert.equal((await c.henk.get(`/o/${OTHER_ORG}/workshops/${his}`)).status, 200);
	assert.equal((await c.henk.get(`/o/${OTHER_ORG}/workshops/1`)).status, 404, 'De Sleutel\'s workshop 1 is not his');
	assert.equal((await c.henk.get(`/o/${OTHER_ORG}/workshops/1/rows/1`)).status, 404);
	assert.equal((await c.henk.get(`${O}/workshops/1`)).status, 404);
	// and the other way round, for every address of the workshop
	const hisRows = rowIds((await c.henk.get(`/o/${OTHER_ORG}/workshops/${his}`)).body);
	const csrf = await c.sascha.csrf(`${O}/workshops`);
	assert.equal((await c.sascha.get(`${O}/workshops/${his}`)).status, 404);
	assert.equal((await c.sascha.get(`${O}/workshops/${his}/delete`)).status, 404);
	assert.equal((await c.sascha.get(`${O}/workshops/${his}/rows/${hisRows[0]}`)).status, 404);
	const posts = [
		[`${O}/workshops/${his}`, { title: 'Van ons', held_on: '2031-01-01', start: '9:00', version: '1' }],
		[`${O}/workshops/${his}/rows`, { minutes: '5', topic: 'Erbij', work_form: 'plenair' }],
		[`${O}/workshops/${his}/rows/${hisRows[0]}`, { minutes: '5', topic: 'Anders', work_form: 'plenair', version: '1' }],
		[`${O}/workshops/${his}/rows/${hisRows[0]}/move`, { richting: 'neer', version: '1' }],
		[`${O}/workshops/${his}/rows/${hisRows[0]}/delete`, { version: '1' }],
		[`${O}/workshops/${his}/after`, { others: '3', score: '4', version: '1' }],
		[`${O}/workshops/${his}/delete`, { version: '1' }],
	];
	for (const [url, fields] of posts)
		assert.equal((await c.sascha.post(url, { ...fields, csrf })).status, 404, url);
	// a row of workshop 1 named under another workshop of the same organisation
	const own = await fromTemplate(c.sascha);
	const firstRows = rowIds((await page(c.sascha, 1)).body);
	assert.equal((await c.sascha.get(`${O}/workshops/${own}/rows/${firstRows[0]}`)).status, 404);
	assert.equal((await c.sascha.post(`${O}/workshops/${own}/rows/${firstRows[0]}/delete`, { csrf, version: '1' })).status, 404);
	const after = await c.henk.get(`/o/${OTHER_ORG}/workshops/${his}`);
	assert.deepEqual(rowIds(after.body), hisRows, 'nothing of his changed');
	assert.ok(after.body.includes('Teamworkshop werken in netwerken'));
});

test('the pilot\'s template: the agenda of seed 004 with its clock times computed', async () => {
	const id = await fromTemplate(c.sascha);
	const p = await page(c.sascha, id);
	assert.deepEqual(p.rows, [
		'09:45 Waarom werken in netwerken?',
		'10:15 Bespreken van aansprekende voorbeelden',
		'10:40 Brainstorm mogelijke netwerkpartners of bestaande netwerken',
		'11:10 Welke vragen, belemmeringen of zorgen heb je nog over ondernemen in netwerken?',
		'11:40 Opfrissen: voorbereiden en uitvoeren van een netwerkgesprek',
		'11:55 Afspraken, open eindjes, vervolg',
	]);
	assert.equal(p.end, '12:05');
	const t = text(p.body);
	for (const words of ['Interactief', 'In groepen', 'Plenair', 'Geeltjes, stiften', 'Powerpoint', 'Silvia', 'Totaal 2 uur en 20 minuten'])
		assert.ok(t.includes(words), words);
});

test('bad durations and an agenda past midnight: a Dutch message beside the field, nothing saved', async () => {
	const id = await fromTemplate(c.sascha);
	const p = await page(c.sascha, id);
	const cases = [
		['0', 'minstens 1 minuut'],
		['-5', 'niet negatief'],
		['tien', 'heel getal minuten'],
		['10 min', 'heel getal minuten'],
		['1.5', 'heel getal minuten'],
		['721', 'hoogstens 720 minuten'],
		['99999999999', 'hoogstens 720 minuten'],
		['', 'Vul de duur in minuten in'],
		['720', 'na middernacht'], // 12:05 + 12 hours
	];
	for (const [minutes, words] of cases) {
		const res = await c.sascha.post(`${O}/workshops/${id}/rows`, { csrf: p.csrf, minutes, topic: 'Nog een onderdeel', work_form: 'plenair' });
		assert.equal(res.status, 422, `"${minutes}" gives 422 (got ${res.status})`);
		const err = /<p class="utrecht-form-field-error-message" id="nieuw-minutes-error">([^<]*)<\/p>/.exec(res.body);
		assert.ok(err, `"${minutes}": the message is beside the field`);
		assert.ok(unescapeHtml(err[1]).includes(words), `"${minutes}": ${err[1]}`);
		assert.ok(res.body.includes(`value="${minutes}"`) || minutes === '', `"${minutes}": what was typed is kept`);
		assert.ok(res.body.includes('value="Nog een onderdeel"'), 'the topic is kept');
	}
	// exactly to midnight is fine: 12:05 + 715 minutes = 24:00
	const ok = await c.sascha.post(`${O}/workshops/${id}/rows`, { csrf: p.csrf, minutes: '715', topic: 'Tot middernacht', work_form: 'anders' });
	assert.equal(ok.status, 303);
	const q = await page(c.sascha, id);
	assert.equal(q.rows.length, 7, 'only the good row was saved');
	assert.equal(q.end, '24:00');
	// one minute more on any row: refused
	const one = await c.sascha.post(`${O}/workshops/${id}/rows`, { csrf: p.csrf, minutes: '1', topic: 'Eén minuut', work_form: 'plenair' });
	assert.equal(one.status, 422);
	assert.ok(text(one.body).includes('na middernacht'));
	// an unknown werkvorm is no choice
	const form = await c.sascha.post(`${O}/workshops/${id}/rows`, { csrf: p.csrf, minutes: '5', topic: 'X', work_form: 'dansen' });
	assert.equal(form.status, 422);
	assert.equal((await page(c.sascha, id)).rows.length, 7);
});

test('start times: not a time, or one that runs the agenda past midnight, is refused beside the field', async () => {
	const id = await fromTemplate(c.sascha);
	const p = await page(c.sascha, id);
	const version = /<input type="hidden" name="version" value="(\d+)"><p class="utrecht-form-label"><label class="utrecht-form-label" for="kop-title"/.exec(p.body)?.[1]
		?? hiddenValue(p.body.slice(p.body.indexOf('id="gegevens"')), 'version');
	assert.ok(version, 'the head form names its version');
	const head = (start) => ({ csrf: p.csrf, title: 'Teamworkshop werken in netwerken', held_on: '2031-03-04', start, place: 'Zaal 1', version });
	for (const [start, words] of [['25:00', 'uren:minuten'], ['abc', 'uren:minuten'], ['9:60', 'uren:minuten'], ['9', 'uren:minuten'], ['', 'uren:minuten'], ['22:00', 'na middernacht']]) {
		const res = await c.sascha.post(`${O}/workshops/${id}`, head(start));
		assert.equal(res.status, 422, `"${start}" (got ${res.status})`);
		const err = /id="kop-start-error">([^<]*)</.exec(res.body);
		assert.ok(err && unescapeHtml(err[1]).includes(words), `"${start}": ${err && err[1]}`);
	}
	assert.equal((await page(c.sascha, id)).rows[0], '09:45 Waarom werken in netwerken?', 'nothing saved');
	// a new empty workshop with a start that is no time
	const csrf = await c.sascha.csrf(`${O}/workshops`);
	const bad = await c.sascha.post(`${O}/workshops`, { csrf, title: 'Leeg', held_on: '2031-03-05', start: 'half tien' });
	assert.equal(bad.status, 422);
	assert.ok(/id="f-start-error">[^<]*uren:minuten/.test(bad.body));
	assert.ok(bad.body.includes('value="Leeg"'), 'the title is kept');
	const badDate = await c.sascha.post(`${O}/workshops`, { csrf, title: 'Leeg', held_on: '2031-02-30', start: '10:00' });
	assert.equal(badDate.status, 422);
	// a good change moves every clock time
	const res = await c.sascha.post(`${O}/workshops/${id}`, head('13:00'));
	assert.equal(res.status, 303);
	const q = await page(c.sascha, id);
	assert.equal(q.rows[1], '13:30 Bespreken van aansprekende voorbeelden');
	assert.equal(q.end, '15:20');
	// the same version again: a conflict, and what was typed stays in the form
	const again = await c.sascha.post(`${O}/workshops/${id}`, { ...head('14:00'), title: 'Mijn titel' });
	assert.equal(again.status, 409);
	assert.ok(text(again.body).includes('Iemand anders heeft dit intussen gewijzigd'));
	assert.ok(again.body.includes('value="Mijn titel"'));
	assert.equal((await page(c.sascha, id)).end, '15:20', 'the conflict saved nothing');
});

test('rows change with their version, move up and down with small forms, and go', async () => {
	const id = await fromTemplate(c.sascha);
	const p = await page(c.sascha, id);
	const ids = rowIds(p.body);
	const rowUrl = `${O}/workshops/${id}/rows/${ids[0]}`;
	const edit = await c.sascha.get(rowUrl);
	assert.equal(edit.status, 200);
	const v = hiddenValue(edit.body, 'version');
	const save = await c.sascha.post(rowUrl, { csrf: p.csrf, minutes: '20', topic: 'Waarom werken in netwerken?', goal: 'Korter', work_form: 'plenair', version: v });
	assert.equal(save.status, 303);
	assert.equal((await page(c.sascha, id)).rows[1], '10:05 Bespreken van aansprekende voorbeelden');
	// the old version again: 409 with both versions shown, nothing lost
	const stale = await c.sascha.post(rowUrl, { csrf: p.csrf, minutes: '45', topic: 'Mijn versie', work_form: 'plenair', version: v });
	assert.equal(stale.status, 409);
	assert.ok(text(stale.body).includes('Mijn versie'));
	assert.ok(stale.body.includes('value="45"'));
	// bad minutes on the row page too
	const zero = await c.sascha.post(rowUrl, { csrf: p.csrf, minutes: '0', topic: 'X', work_form: 'plenair', version: String(Number(v) + 1) });
	assert.equal(zero.status, 422);
	assert.ok(/id="f-minutes-error">[^<]*minstens 1 minuut/.test(zero.body));
	// move the first row down; the page's own forms name the version
	const q = await page(c.sascha, id);
	const mv = new RegExp(`action="${O}/workshops/${id}/rows/${ids[0]}/move"[^>]*><input type="hidden" name="csrf" value="[^"]*"><input type="hidden" name="richting" value="neer"><input type="hidden" name="version" value="(\\d+)">`).exec(q.body);
	assert.ok(mv, 'a small form moves the row down');
	assert.equal((await c.sascha.post(`${rowUrl}/move`, { csrf: p.csrf, richting: 'neer', version: mv[1] })).status, 303);
	assert.deepEqual(rowIds((await page(c.sascha, id)).body).slice(0, 2), [ids[1], ids[0]]);
	assert.equal((await c.sascha.post(`${rowUrl}/move`, { csrf: p.csrf, richting: 'neer', version: mv[1] })).status, 409, 'a second click of the old page');
	assert.equal((await c.sascha.post(`${rowUrl}/move`, { csrf: p.csrf, richting: 'opzij', version: mv[1] })).status, 400);
	assert.equal((await c.sascha.post(`${rowUrl}/move`, { csrf: p.csrf, richting: 'op' })).status, 400, 'a move names its version');
	assert.equal((await c.sascha.post(`${rowUrl}/move`, { csrf: p.csrf, richting: 'op', version: '1abc' })).status, 400);
	// take it out, with the version seen
	const cur = hiddenValue((await c.sascha.get(rowUrl)).body, 'version');
	assert.equal((await c.sascha.post(`${rowUrl}/delete`, { csrf: p.csrf, version: String(Number(cur) - 1) })).status, 409);
	assert.equal((await c.sascha.post(`${rowUrl}/delete`, { csrf: p.csrf, version: cur })).status, 303);
	assert.equal((await c.sascha.get(rowUrl)).status, 404);
	assert.equal((await page(c.sascha, id)).rows[0], '09:45 Bespreken van aansprekende voorbeelden');
});

test('afterwards: attendance takes only the organisation\'s staff, and a short evaluation', async () => {
	const id = await fromTemplate(c.marieke);
	const p = await page(c.marieke, id);
	const people = Object.fromEntries([...p.body.matchAll(/name="present" value="(\d+)"><label class="kring-option__label" for="na-present-\d+">([^<]+)</g)]
		.map((m) => [unescapeHtml(m[2]), m[1]]));
	assert.deepEqual(Object.keys(people).sort(), ['Jeroen Bakker', 'Marieke Jansen', 'Sascha de Vries'], 'only beheerders and medewerkers are listed');
	const version = hiddenValue(p.body.slice(p.body.indexOf('id="na-afloop"')), 'version');
	const post = (fields) => c.marieke.req('POST', `${O}/workshops/${id}/after`, {
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams([['csrf', p.csrf], ['version', version], ...fields]).toString(),
	});
	// the ambassadeur and the adviser of De Sleutel (not staff), a bad id, bad numbers: 422, nothing saved
	const members = peopleRows((await c.marieke.get(`${O}/people`)).body);
	const idOf = (name) => String(members.find((m) => m.name === name).id);
	for (const fields of [
		[['present', people['Sascha de Vries']], ['present', '1abc'], ['others', '2'], ['score', '4']],
		[['present', idOf('Fatima El Amrani')], ['others', '2'], ['score', '4']],
		[['present', people['Sascha de Vries']], ['present', idOf('Anouk Verhoeven')], ['others', '2'], ['score', '4']],
		[['others', '-1'], ['score', '4']],
		[['others', 'twee'], ['score', '4']],
		[['others', '100001'], ['score', '4']],
		[['others', '2'], ['score', '7']],
	]) {
		const res = await post(fields);
		assert.equal(res.status, 422, JSON.stringify(fields));
	}
	assert.ok(!(await page(c.marieke, id)).body.includes('Aanwezig:'), 'nothing saved');
	const ok = await post([['present', people['Sascha de Vries']], ['present', people['Jeroen Bakker']], ['others', '5'],
		['went_well', 'Veel energie <script>'], ['to_change', 'Meer pauze'], ['score', '4']]);
	assert.equal(ok.status, 303);
	const q = await page(c.marieke, id);
	assert.ok(text(q.body).includes('Aanwezig: 2 medewerkers en 5 anderen. Cijfer: 4 van 5'));
	assert.ok(q.body.includes('Veel energie &lt;script&gt;'), 'escaped');
	assert.ok(q.body.includes(`href="${O}/meetlat#h-open">Start een meetlatronde</a>`), 'the beheerder feeds the outcome into a meetlat round');
	const staffView = await page(c.sascha, id);
	assert.ok(text(staffView.body).includes('De beheerder start een meetlatronde'), 'a medewerker is told who starts one');
	// the outcome goes to the knowledge form, its title taken from the workshop
	const kn = `${O}/knowledge/new?workshop=${id}`;
	assert.ok(q.body.includes(`href="${kn}">Leg de uitkomst vast als kennis</a>`), 'the way to the knowledge form');
	const form = await c.marieke.get(kn);
	assert.equal(form.status, 200);
	assert.match(form.body, /name="title"[^>]*value="Uit de workshop: [^"]+"/);
	for (const bad of ['99999999', 'abc', '0']) {
		const plain = await c.marieke.get(`${O}/knowledge/new?workshop=${bad}`);
		assert.equal(plain.status, 200, `workshop=${bad}`);
		assert.ok(!plain.body.includes('Uit de workshop'), `workshop=${bad}`);
	}
	// the list shows it as held once its date has passed: on the list of a later day
	const again = await post([['others', '1'], ['score', '0']]);
	assert.equal(again.status, 409, 'the old version');
});

test('deleting a workshop asks first, names the version and is in the log', async () => {
	const id = await fromTemplate(c.sascha);
	const confirm = await c.sascha.get(`${O}/workshops/${id}/delete`);
	assert.equal(confirm.status, 200);
	assert.ok(text(confirm.body).includes('Workshop verwijderen?'));
	const v = hiddenValue(confirm.body, 'version');
	const csrf = csrfFrom(confirm.body);
	assert.equal((await c.sascha.post(`${O}/workshops/${id}/delete`, { csrf })).status, 400, 'a delete names its version');
	assert.equal((await c.sascha.post(`${O}/workshops/${id}/delete`, { csrf, version: String(Number(v) + 1) })).status, 409);
	const res = await c.sascha.post(`${O}/workshops/${id}/delete`, { csrf, version: v });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `${O}/workshops?klaar=verwijderd`);
	assert.equal((await c.sascha.get(`${O}/workshops/${id}`)).status, 404);
	const audit = await c.marieke.get(`${O}/audit`);
	assert.ok(text(audit.body).includes('Workshop verwijderd'));
	assert.ok(text(audit.body).includes('Workshop uit sjabloon gemaakt'));
});

test('limits: overlong text is refused beside its field, never cut or half saved', async () => {
	const id = await fromTemplate(c.sascha);
	const p = await page(c.sascha, id);
	for (const [field, n] of [['topic', 301], ['goal', 2001], ['material', 301], ['facilitator', 201]]) {
		const fields = { csrf: p.csrf, minutes: '5', topic: 'Kort', work_form: 'plenair', [field]: 'x'.repeat(n) };
		const res = await c.sascha.post(`${O}/workshops/${id}/rows`, fields);
		assert.equal(res.status, 422, `${field} of ${n} characters`);
		assert.ok(new RegExp(`id="nieuw-${field}-error"`).test(res.body), `${field}: the message is beside the field`);
	}
	const csrf = await c.sascha.csrf(`${O}/workshops`);
	const long = await c.sascha.post(`${O}/workshops`, { csrf, title: 'x'.repeat(201), held_on: '2031-03-05', start: '10:00' });
	assert.equal(long.status, 422);
	assert.ok(/id="f-title-error"/.test(long.body));
	const after = await c.sascha.post(`${O}/workshops/${id}/after`, { csrf: p.csrf, version: '1', others: '1', score: '0', went_well: 'x'.repeat(4001) });
	assert.equal(after.status, 422);
	assert.equal((await page(c.sascha, id)).rows.length, 6, 'nothing saved');
});

test('the held workshops come a page at a time, the latest first; the planned ones all on the first page', async () => {
	const csrf = await c.marieke.csrf(`${O}/workshops`);
	for (let i = 1; i <= 26; i++) {
		const day = String(i).padStart(2, '0');
		const res = await c.marieke.post(`${O}/workshops`, { csrf, title: `Oud ${day}`, held_on: `2020-01-${day}`, start: '10:00' });
		assert.equal(res.status, 303);
	}
	const heldRows = (html) => {
		const held = html.slice(html.indexOf('id="h-gehouden"'));
		return [...held.matchAll(/<th class="utrecht-table__cell" scope="row"><a class="utrecht-link" href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
	};
	const one = await c.marieke.get(`${O}/workshops`);
	assert.equal(heldRows(one.body).length, 25);
	assert.equal(heldRows(one.body)[0], 'Teamworkshop werken in netwerken', 'the pilot\'s (two months ago) first');
	assert.ok(one.body.includes('href="?pagina=2"'), 'a link to the next page');
	assert.ok(one.body.includes('id="h-gepland"'));
	const two = await c.marieke.get(`${O}/workshops?pagina=2`);
	assert.equal(two.status, 200);
	assert.deepEqual(heldRows(two.body), ['Oud 02', 'Oud 01']);
	assert.ok(!two.body.includes('id="h-gepland"'), 'the planned ones only on the first page');
});
