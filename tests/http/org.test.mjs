/*
 * org.test.mjs - working inside an organisation: tenancy (ids of another
 * organisation are not found), the pages of one branch and one person,
 * forms that keep what was typed, the edit conflict, the audit log, the
 * start page for people in two organisations, and escaping of every piece
 * of user text.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, TXT, kring, branchIds, personIds, peopleRows, branchRows, hiddenValue, textOf } from './helpers.mjs';

const server = new Server();
let marieke, marieke2, henk, sascha, anouk;

before(async () => {
	await server.start();
	// each from its own address, as different people would be
	[marieke, marieke2, henk, sascha, anouk] = Array.from({ length: 5 }, (_, i) => new Client(server, { localAddress: `127.0.0.${51 + i}` }));
	await Promise.all([
		marieke.login(USERS.marieke),
		marieke2.login(USERS.marieke),
		henk.login(USERS.henk),
		sascha.login(USERS.sascha),
		anouk.login(USERS.anouk),
	]);
});
after(() => server.kill());

async function page(client, url, status = 200) {
	const res = await client.get(url);
	assert.equal(res.status, status, `GET ${url}: ${res.status}\n${res.body.slice(0, 800)}`);
	return res.body;
}

async function post(client, url, fields) {
	return client.post(url, { ...fields, csrf: await client.csrf() });
}

/* Rows of the audit table: [{when, who, what, detail}] */
function auditRows(html) {
	const re =
		/<tr class="utrecht-table__row"><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><\/tr>/g;
	return [...html.matchAll(re)].map((m) => ({ when: m[1], who: m[2], what: m[3], detail: m[4] }));
}

/* The whole audit log, all its pages (50 rows each), newest first. */
async function auditAll(client) {
	const rows = [];
	for (let p = 1; p < 100; p++) {
		const html = await page(client, `/o/${ORG}/audit?pagina=${p}`);
		rows.push(...auditRows(html));
		if (!html.includes(`href="?pagina=${p + 1}"`)) return rows;
	}
	assert.fail('the audit log does not end');
}

test('tenancy: a beheerder cannot touch a branch of another organisation through her own', async () => {
	const theirs = await page(henk, `/o/${OTHER_ORG}/branches`);
	const ids = branchIds(theirs, OTHER_ORG);
	assert.equal(ids.length, 1, 'het-baken has one branch');
	const id = ids[0];
	const ownIds = branchIds(await page(marieke, `/o/${ORG}/branches`), ORG);
	assert.ok(!ownIds.includes(id), 'the id is not one of de-sleutel');
	const auditBefore = (await auditAll(marieke)).length;

	// its page does not open through her own organisation, nor directly
	const own = await marieke.get(`/o/${ORG}/branches/${id}`);
	assert.equal(own.status, 404, `branch page via own org: ${own.status}`);
	assert.ok(!own.body.includes('Het Baken Centrum'), 'the name of their branch is not shown');
	assert.equal((await marieke.get(`/o/${OTHER_ORG}/branches/${id}`)).status, 404);
	assert.equal((await marieke.get(`/o/${ORG}/branches/999999`)).status, 404);
	// control: henk opens it
	assert.ok((await page(henk, `/o/${OTHER_ORG}/branches/${id}`)).includes('Het Baken Centrum'));

	const rename = await post(marieke, `/o/${ORG}/branches/${id}`, { name: 'Overgenomen', place: 'Elders' });
	assert.equal(rename.status, 404, `rename via own org: ${rename.status}`);
	const del = await post(marieke, `/o/${ORG}/branches/${id}/delete`, {});
	assert.equal(del.status, 404, `delete via own org: ${del.status}`);
	// and directly in the other organisation: she has no role there
	assert.equal((await post(marieke, `/o/${OTHER_ORG}/branches/${id}`, { name: 'Overgenomen', place: 'x' })).status, 404);
	assert.equal((await post(marieke, `/o/${OTHER_ORG}/branches/${id}/delete`, {})).status, 404);
	// nonexistent ids: the same 404
	assert.equal((await post(marieke, `/o/${ORG}/branches/999999`, { name: 'Nergens', place: '' })).status, 404);
	assert.equal((await post(marieke, `/o/${ORG}/branches/999999/delete`, {})).status, 404);
	// an empty name for their branch: still 404, not a form with its name in it
	const bad = await post(marieke, `/o/${ORG}/branches/${id}`, { name: '', place: '' });
	assert.equal(bad.status, 404, `invalid rename via own org: ${bad.status}`);
	assert.ok(!bad.body.includes('Het Baken Centrum'));

	const after = await page(henk, `/o/${OTHER_ORG}/branches`);
	assert.ok(after.includes('Het Baken Centrum') && after.includes('Zeewolde aan Zee'), 'their branch is unchanged');
	assert.ok(!after.includes('Overgenomen'));
	assert.deepEqual(branchIds(after, OTHER_ORG), [id], 'and still there');
	assert.equal((await auditAll(marieke)).length, auditBefore, 'nothing logged');
});

test('tenancy: the role of a person outside the organisation cannot be changed or removed', async () => {
	const ownPeople = personIds(await page(marieke, `/o/${ORG}/people`), ORG);
	const outsiders = personIds(await page(henk, `/o/${OTHER_ORG}/people`), OTHER_ORG).filter((id) => !ownPeople.includes(id));
	assert.ok(outsiders.length >= 1, 'henk is not in de-sleutel');
	for (const id of [...outsiders, 999999]) {
		const get = await marieke.get(`/o/${ORG}/people/${id}`);
		assert.equal(get.status, 404, `page of person ${id}: ${get.status}`);
		assert.ok(!get.body.includes('henk@hetbaken.nl') && !get.body.includes('Henk Smit'), 'nothing of henk is shown');
		const role = await post(marieke, `/o/${ORG}/people/${id}/role`, { role: 'beheerder' });
		assert.equal(role.status, 404, `role change of person ${id}: ${role.status}`);
		const remove = await post(marieke, `/o/${ORG}/people/${id}/remove`, {});
		assert.equal(remove.status, 404, `removal of person ${id}: ${remove.status}`);
	}
	// a bad role for an outsider: 404 as well, not a form with the person's name
	const badRole = await post(marieke, `/o/${ORG}/people/${outsiders[0]}/role`, { role: 'koning' });
	assert.equal(badRole.status, 404, `invalid role for an outsider: ${badRole.status}`);
	assert.ok(!badRole.body.includes('Henk Smit'));
	assert.equal((await henk.get(`/o/${ORG}/`)).status, 404, 'henk still has no role in de-sleutel');
	assert.deepEqual(personIds(await page(marieke, `/o/${ORG}/people`), ORG).sort(), ownPeople.sort(), 'no one added');
});

test('a form that fails validation shows the error next to the field and keeps the input', async () => {
	const res = await post(marieke, `/o/${ORG}/branches`, { name: '   ', place: 'Dorpje Getypt' });
	assert.equal(res.status, 422, `empty name: ${res.status}`);
	const b = res.body;
	assert.ok(b.includes(TXT.err403) === false);
	// the summary links to the field, the message sits with the field, the field is marked
	assert.match(b, /<div class="utrecht-alert utrecht-alert--error kring-error-summary" role="alert">.*?href="#f-name">Vul de naam van de vestiging in\.<\/a>/s);
	assert.match(
		b,
		/<p class="utrecht-form-field-error-message" id="f-name-error">Vul de naam van de vestiging in\.<\/p><input [^>]*id="f-name"[^>]*aria-invalid="true"[^>]*aria-describedby="f-name-error"/,
	);
	assert.match(b, /<input [^>]*id="f-place" name="place" type="text" value="Dorpje Getypt"/, 'the typed place is kept');
	assert.ok(b.includes(`action="/o/${ORG}/branches"`), 'the add form is shown again');
	assert.ok(!(await page(marieke, `/o/${ORG}/branches`)).includes('Dorpje Getypt'), 'nothing was added');

	// renaming with an empty name: the branch's own page again, 422, with the error at the field
	const list = branchRows(await page(marieke, `/o/${ORG}/branches`));
	const { id, name: oldName, place: oldPlace } = list[0];
	assert.equal(list[0].link, `Wijzigen ${oldName}`, 'the link names the branch (for screen readers)');
	const edit = await page(marieke, `/o/${ORG}/branches/${id}`);
	assert.match(edit, new RegExp(`<h1 class="utrecht-heading-1">${oldName}</h1>`));
	assert.match(edit, new RegExp(`<input [^>]*id="f-name" name="name" type="text" value="${oldName}"`), 'the form holds the name');
	assert.match(edit, new RegExp(`<input [^>]*id="f-place" name="place" type="text" value="${oldPlace}"`), 'and the place');
	const ren = await post(marieke, `/o/${ORG}/branches/${id}`, { name: '', place: 'Nieuwe Plaats' });
	assert.equal(ren.status, 422);
	assert.match(ren.body, /href="#f-name">Vul de naam van de vestiging in\.<\/a>/, 'the summary links to the field');
	assert.match(ren.body, /<p class="utrecht-form-field-error-message" id="f-name-error">Vul de naam van de vestiging in\.<\/p><input [^>]*id="f-name"[^>]*aria-invalid="true"/);
	assert.match(ren.body, /id="f-place" name="place" type="text" value="Nieuwe Plaats"/, 'the typed place is kept');
	assert.ok(ren.body.includes(`action="/o/${ORG}/branches/${id}"`), 'the rename form of this branch');
	assert.ok(ren.body.includes(`action="/o/${ORG}/branches/${id}/delete"`), 'with its delete section');
	assert.match(ren.body, new RegExp(`<h1 class="utrecht-heading-1">${oldName}</h1>`), 'headed by the saved name');
	assert.ok(!ren.body.includes('utrecht-table'), 'not the list of branches');
	assert.deepEqual(branchRows(await page(marieke, `/o/${ORG}/branches`))[0], list[0], 'nothing was changed');

	// settings: an empty name keeps the typed description
	const s = await page(marieke, `/o/${ORG}/settings`);
	const set = await post(marieke, `/o/${ORG}/settings`, { name: '', description: 'Getypte beschrijving', version: hiddenValue(s, 'version') });
	assert.equal(set.status, 422);
	assert.match(set.body, /id="f-name-error">Vul de naam van de organisatie in\.<\/p>/);
	assert.match(set.body, />Getypte beschrijving<\/textarea>/);

	// a new person with a bad e-mail address: the name is kept, the password is not echoed
	const p = await post(marieke, `/o/${ORG}/people`, { name: 'Nieuwe Collega', email: 'geen-adres', role: 'medewerker', password: 'geheim-geheim-1' });
	assert.equal(p.status, 422);
	assert.match(p.body, /id="f-email-error">Vul een geldig e-mailadres in/);
	assert.match(p.body, /name="name" type="text" value="Nieuwe Collega"/);
	assert.match(p.body, /name="email" type="email" value="geen-adres"/);
	assert.ok(!p.body.includes('geheim-geheim-1'), 'the password is not sent back');
	assert.match(p.body, /<option value="medewerker" selected>/);
	// accounts (issue 14): a beheerder never types someone else's password; a new person gets an invitation
	assert.ok(!/type="password"/.test(p.body), 'no password field for someone else');
	assert.ok(!p.body.includes('(niet verplicht)'), 'no optional field either');

	// empty fields: their own messages; a field without one gets the default with the label in quotes
	const empty = await post(marieke, `/o/${ORG}/people`, { name: '', email: '', role: '', password: '' });
	assert.equal(empty.status, 422);
	assert.match(empty.body, /id="f-name-error">Vul de naam in\.<\/p>/);
	assert.match(empty.body, /id="f-email-error">Vul het e-mailadres in\.<\/p>/);
	assert.match(empty.body, /id="f-role-error">Vul ‘Rol’ in\.<\/p>/);
	assert.doesNotMatch(empty.body, /id="f-password-error"/, 'the first password may stay empty');
});

test('a person with roles in two organisations chooses; one-organisation people go straight in', async () => {
	const start = await anouk.get('/');
	assert.equal(start.status, 200);
	assert.ok(start.body.includes(`href="/o/${ORG}/"`) && start.body.includes(`href="/o/${OTHER_ORG}/"`), 'both organisations are listed');
	assert.ok(start.body.includes('Bibliotheek De Sleutel') && start.body.includes('Bibliotheek Het Baken'));
	assert.equal((await anouk.get(`/o/${OTHER_ORG}/`)).status, 200, 'she can open the other one');
	assert.ok((await page(anouk, `/o/${OTHER_ORG}/`)).includes('Bibliotheek Het Baken'));
	for (const [c, org] of [[marieke, ORG], [henk, OTHER_ORG], [sascha, ORG]]) {
		const res = await c.get('/');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/o/${org}/`);
	}
	// the list is still reachable for one-organisation people: "Mijn organisaties" in the header leads there
	const home = await page(marieke, `/o/${ORG}/`);
	assert.match(home, /<a class="utrecht-link kring-user__switch" href="\/\?kies=1">Mijn organisaties<\/a>/);
	const kies = await page(marieke, '/?kies=1');
	assert.ok(kies.includes(`href="/o/${ORG}/"`) && !kies.includes(`href="/o/${OTHER_ORG}/"`));
	assert.ok(kies.includes('Bibliotheek De Sleutel'));
});

test('the list of organisations of someone with one organisation does not claim there are more', async () => {
	const kies = textOf(await page(marieke, '/?kies=1'));
	assert.ok(kies.includes('Bibliotheek De Sleutel'));
	assert.ok(!/meer dan één bibliotheek/.test(kies),
		'Marieke has a role in one library, but /?kies=1 (the header link "Mijn organisaties") tells her ' +
			'"Je hebt een rol bij meer dan één bibliotheek."');
	// for Anouk, who has two, the sentence is right
	assert.ok(textOf(await page(anouk, '/')).includes('Je hebt een rol bij meer dan één bibliotheek.'));
});

test('two people save the settings at once: the second gets 409 and sees both texts', async () => {
	const [a, b] = [await page(marieke, `/o/${ORG}/settings`), await page(marieke2, `/o/${ORG}/settings`)];
	const version = hiddenValue(a, 'version');
	assert.ok(version !== null && version === hiddenValue(b, 'version'), 'both forms have the same version');
	const first = await post(marieke, `/o/${ORG}/settings`, {
		name: 'Bibliotheek De Sleutel (eerste)',
		description: 'Beschrijving van de eerste.',
		version,
	});
	assert.equal(first.status, 303);
	assert.equal(first.headers.location, `/o/${ORG}/settings?opgeslagen=1`);
	assert.ok((await page(marieke, first.headers.location)).includes('Opgeslagen.'));

	const second = await post(marieke2, `/o/${ORG}/settings`, {
		name: 'Bibliotheek De Sleutel (tweede)',
		description: 'Beschrijving van de tweede.',
		version,
	});
	assert.equal(second.status, 409, `second save: ${second.status}`);
	const text = textOf(second.body);
	assert.ok(text.includes(TXT.conflict), 'the conflict message');
	assert.ok(text.includes(TXT.conflictTheirs));
	const conflict = /<section class="kring-conflict".*?<\/section>/s.exec(second.body)?.[0] || '';
	assert.ok(conflict.includes('Bibliotheek De Sleutel (eerste)') && conflict.includes('Beschrijving van de eerste.'), 'what the other saved');
	assert.match(second.body, /name="name" type="text" value="Bibliotheek De Sleutel \(tweede\)"/, 'own name kept');
	assert.match(second.body, />Beschrijving van de tweede\.<\/textarea>/, 'own description kept');
	const newVersion = hiddenValue(second.body, 'version');
	assert.notEqual(newVersion, version, 'the form now carries the current version');
	// nothing of the second was saved
	const now = await page(marieke, `/o/${ORG}/settings`);
	assert.ok(now.includes('(eerste)') && !now.includes('(tweede)'));
	// saving again from the conflict page works
	const again = await post(marieke2, `/o/${ORG}/settings`, {
		name: 'Bibliotheek De Sleutel',
		description: 'Beschrijving van de tweede.',
		version: newVersion,
	});
	assert.equal(again.status, 303);
});

test('the audit log shows who renamed a branch and changed a role; a medewerker may not read it', async () => {
	const old = branchRows(await page(marieke, `/o/${ORG}/branches`)).find((b) => b.name === 'Vestiging Molenbeek');
	assert.ok(old && old.place === 'Molenbeek', 'Vestiging Molenbeek in the list');
	const ren = await post(marieke, `/o/${ORG}/branches/${old.id}`, { name: 'Vestiging Audittest', place: 'Logdorp' });
	assert.equal(ren.status, 303);
	assert.equal(ren.headers.location, `/o/${ORG}/branches?klaar=gewijzigd`);
	const jeroen = peopleRows(await page(marieke, `/o/${ORG}/people`)).find((p) => p.name === 'Jeroen Bakker');
	assert.ok(jeroen && jeroen.role === 'Medewerker', 'jeroen on the people page, as medewerker');
	assert.equal(jeroen.link, 'Wijzigen Jeroen Bakker', 'the link names him (for screen readers)');
	// his own page: name, e-mail, the role form with his role chosen, and the section to take it away
	const own = await page(marieke, `/o/${ORG}/people/${jeroen.id}`);
	assert.match(own, /<h1 class="utrecht-heading-1">Jeroen Bakker<\/h1>/);
	assert.ok(own.includes(USERS.jeroen));
	assert.ok(own.includes(`action="/o/${ORG}/people/${jeroen.id}/role"`) && own.includes(`action="/o/${ORG}/people/${jeroen.id}/remove"`));
	assert.match(own, /<option value="medewerker" selected>Medewerker<\/option>/);
	assert.match(textOf(own), /Rol afnemen Deze persoon kan daarna niet meer bij de gegevens van deze organisatie\. .*Ja, neem de rol af/);
	const role = await post(marieke, `/o/${ORG}/people/${jeroen.id}/role`, { role: 'adviseur' });
	assert.equal(role.status, 303);
	assert.equal(role.headers.location, `/o/${ORG}/people?klaar=rol`);
	assert.equal(peopleRows(await page(marieke, role.headers.location)).find((p) => p.id === jeroen.id).role, 'Adviseur');
	// an unknown role: his page again with the message, 422, nothing changed
	const koning = await post(marieke, `/o/${ORG}/people/${jeroen.id}/role`, { role: 'koning' });
	assert.equal(koning.status, 422);
	assert.match(koning.body, /<h1 class="utrecht-heading-1">Jeroen Bakker<\/h1>/);
	assert.match(koning.body, /<div class="utrecht-alert utrecht-alert--error kring-notice" role="alert">/);
	assert.match(koning.body, /<option value="adviseur" selected>/, 'the form shows his current role');

	const rows = await auditAll(marieke);
	const renamed = rows.find((r) => r.what.includes('Vestiging gewijzigd') && r.what.includes('Vestiging Audittest'));
	assert.ok(renamed, `the rename is logged: ${JSON.stringify(rows.slice(0, 4))}`);
	assert.equal(renamed.who, 'Marieke Jansen');
	assert.equal(renamed.detail, 'was: Vestiging Molenbeek (Molenbeek)', 'with the old name and place');
	assert.match(renamed.when, /^\d{1,2} [a-z]+ \d{4}, \d\d:\d\d$/, 'with a Dutch date and time');
	const roled = rows.find((r) => r.what.includes('Rol gegeven') && r.what.includes('Jeroen Bakker'));
	assert.ok(roled, 'the role change is logged');
	assert.equal(roled.who, 'Marieke Jansen');
	assert.equal(roled.detail, 'van Medewerker naar Adviseur', 'with the old and the new role');
	// the demo's own entries: a new member, and the organisation without its slug
	const joined = rows.find((r) => r.what.includes('Rol gegeven') && r.what.includes('Sascha de Vries'));
	assert.ok(joined && joined.who === 'kring (systeem)', 'the demo gave sascha a role');
	assert.equal(joined.detail, 'nieuw als Medewerker');
	const created = rows.find((r) => r.what.includes('Organisatie aangemaakt'));
	assert.ok(created, 'the organisation\'s creation is logged');
	assert.equal(created.detail, '', 'without the slug');
	assert.ok(!created.what.includes(ORG), 'no slug in the entry');
	const updated = rows.find((r) => r.what.includes('Organisatie gewijzigd'));
	assert.ok(updated && updated.who === 'Marieke Jansen', 'the settings change is logged');
	// newest first
	assert.ok(rows.indexOf(roled) < rows.indexOf(renamed), 'newest on top');

	const refused = await sascha.get(`/o/${ORG}/audit`);
	assert.equal(refused.status, 403);
	assert.ok(!refused.body.includes('Vestiging Audittest'));
	// the other organisation's log does not show this
	assert.ok(!(await page(henk, `/o/${OTHER_ORG}/audit`)).includes('Audittest'));
});

test('a beheerder adds a person with a role, who can then log in; taking the role away ends that', async () => {
	// accounts (issue 14): a new person gets an invitation link and chooses their own password
	const add = await post(marieke, `/o/${ORG}/people`, {
		name: 'Nina Nieuw',
		email: 'Nina@DeSleutel.nl ',
		role: 'medewerker',
	});
	assert.equal(add.status, 200, `add: ${add.status}`);
	assert.ok(add.body.includes('De uitnodiging is gemaakt.'));
	const link = /value="https?:\/\/[^/"]+(\/invite\/[A-Za-z0-9_-]{43})"/.exec(add.body)[1];
	const ninaInvite = new Client(server, { localAddress: '127.0.0.55' });
	const form = await ninaInvite.get(link);
	assert.match(form.body, /name="email" type="email" value="nina@desleutel.nl"/, 'the address in lower case');
	const accepted = await ninaInvite.post(link, {
		name: 'Nina Nieuw', email: 'nina@desleutel.nl', password: 'een-goed-wachtwoord', password2: 'een-goed-wachtwoord',
		csrf: (/<input type="hidden" name="csrf" value="([^"]*)">/.exec(form.body) || [])[1],
	});
	assert.equal(accepted.status, 303);
	const people = await page(marieke, `/o/${ORG}/people`);
	const row = peopleRows(people).find((p) => p.name === 'Nina Nieuw');
	assert.ok(row, 'listed');
	assert.deepEqual([row.email, row.role], ['nina@desleutel.nl', 'Medewerker'], 'with the e-mail address in lower case and her role');
	assert.ok(row.id, 'with a link to her page');
	const joined = auditRows(await page(marieke, `/o/${ORG}/audit`))[0];
	assert.ok(joined.what.includes('Uitnodiging aangenomen') && joined.what.includes('Nina Nieuw'), `logged: ${JSON.stringify(joined)}`);
	assert.equal(joined.detail, 'Medewerker');

	const nina = new Client(server, { localAddress: '127.0.0.56' });
	await nina.login('nina@desleutel.nl', 'een-goed-wachtwoord');
	const start = await nina.get('/');
	assert.equal(start.headers.location, `/o/${ORG}/`);
	assert.equal((await nina.get(`/o/${ORG}/branches`)).status, 200);
	assert.equal((await nina.get(`/o/${ORG}/people`)).status, 403, 'a medewerker does not manage people');

	const remove = await post(marieke, `/o/${ORG}/people/${row.id}/remove`, {});
	assert.equal(remove.status, 303);
	assert.equal(remove.headers.location, `/o/${ORG}/people?klaar=verwijderd`);
	assert.equal((await marieke.get(`/o/${ORG}/people/${row.id}`)).status, 404, 'her page is gone with the role');
	const after = await nina.get(`/o/${ORG}/`);
	assert.ok([303, 404].includes(after.status), `after the role is taken away: ${after.status}`);
	assert.ok(!(await page(marieke, `/o/${ORG}/people`)).includes('Nina Nieuw'));
});

test('the command line adds a person with a role in one step, or nothing at all', async () => {
	const add = (email, org, role) =>
		kring(['user', 'add', '--email', email, '--name', 'Olga Operator', '--org', org, '--role', role, '--db', server.db], {
			input: 'een-goed-wachtwoord\n',
		});
	assert.match(add('olga@desleutel.nl', ORG, 'medewerker'), /added as medewerker in de-sleutel/);
	const olga = new Client(server, { localAddress: '127.0.0.57' });
	await olga.login('olga@desleutel.nl', 'een-goed-wachtwoord');
	assert.equal((await olga.get('/')).headers.location, `/o/${ORG}/`, 'she is in the organisation at once');
	// an organisation that does not exist: no person without a role is left behind
	assert.throws(() => add('zwerver@desleutel.nl', 'bestaat-niet', 'medewerker'), /no organisation with slug bestaat-niet/);
	assert.throws(() => add('zwerver@desleutel.nl', ORG, 'baas'), /--role must be/);
	const again = new Client(server, { localAddress: '127.0.0.58' });
	const res = await again.loginRaw('zwerver@desleutel.nl', 'een-goed-wachtwoord');
	assert.equal(res.status, 401, 'no such person was created');
	// --org without --role is refused before anything happens
	assert.throws(() => kring(['user', 'add', '--email', 'x@y.nl', '--name', 'X', '--org', ORG, '--db', server.db], { input: 'een-goed-wachtwoord\n' }), /together/);
});

test('the last beheerder cannot give up the role', async () => {
	const me = peopleRows(await page(marieke, `/o/${ORG}/people`)).find((p) => p.name === 'Marieke Jansen').id;
	for (const [url, fields] of [
		[`/o/${ORG}/people/${me}/role`, { role: 'medewerker' }],
		[`/o/${ORG}/people/${me}/remove`, {}],
	]) {
		const res = await post(marieke, url, fields);
		assert.equal(res.status, 409, `${url}: ${res.status}`);
		assert.ok(textOf(res.body).includes(TXT.lastAdmin));
		// shown on her own page, which still offers both forms
		assert.match(res.body, /<h1 class="utrecht-heading-1">Marieke Jansen<\/h1>/);
		assert.ok(res.body.includes(`action="/o/${ORG}/people/${me}/role"`) && res.body.includes(`action="/o/${ORG}/people/${me}/remove"`));
	}
	assert.equal((await marieke.get(`/o/${ORG}/people`)).status, 200, 'still beheerder');
	assert.equal(peopleRows(await page(marieke, `/o/${ORG}/people`)).find((p) => p.id === me).role, 'Beheerder');
});

test('simultaneous saves and page views: no errors, every save lands', async () => {
	const csrf = await marieke.csrf();
	const n = 16;
	const saves = Array.from({ length: n }, (_, i) =>
		marieke.post(`/o/${ORG}/branches`, { csrf, name: `Gelijktijdig ${String(i).padStart(2, '0')}`, place: 'Parallel' }),
	);
	const views = Array.from({ length: n }, () => sascha.get(`/o/${ORG}/branches`));
	const results = await Promise.all([...saves, ...views]);
	for (const [i, r] of results.entries()) {
		assert.ok(i < n ? r.status === 303 : r.status === 200, `request ${i}: ${r.status}`);
	}
	const list = await page(marieke, `/o/${ORG}/branches`);
	for (let i = 0; i < n; i++) assert.ok(list.includes(`Gelijktijdig ${String(i).padStart(2, '0')}`), `branch ${i} saved`);
	assert.doesNotMatch(server.stderr, /internal error/, 'no internal errors logged');
});

test('user text is escaped everywhere: a branch and an organisation with markup in their names', async () => {
	const script = '<script>alert(1)</script>';
	const img = '<img src=x onerror=alert(2)>';
	const add = await post(marieke, `/o/${ORG}/branches`, { name: script, place: img });
	assert.equal(add.status, 303);
	const s = await page(marieke, `/o/${ORG}/settings`);
	const orgName = `<b>x</b>&"'`;
	const save = await post(marieke, `/o/${ORG}/settings`, { name: orgName, description: `${script} en ${img}`, version: hiddenValue(s, 'version') });
	assert.equal(save.status, 303);

	const scriptId = branchRows(await page(marieke, `/o/${ORG}/branches`)).find((b) => b.name === script)?.id;
	assert.ok(scriptId, 'the branch is listed by its name, as text');
	const views = [
		[marieke, `/o/${ORG}/branches`],
		[marieke, `/o/${ORG}/branches/${scriptId}`],
		[marieke, `/o/${ORG}/`],
		[marieke, `/o/${ORG}/settings`],
		[marieke, `/o/${ORG}/audit`],
		[marieke, `/o/${ORG}/people`],
		[sascha, `/o/${ORG}/`],
		[sascha, `/o/${ORG}/branches`],
		[anouk, '/'],
	];
	let sawScript = 0, sawOrg = 0;
	for (const [c, url] of views) {
		const body = await page(c, url);
		// the one script kring ships is its own file; no other <script> reaches a page
		const own = body.replace(/<script src="\/assets\/kring\.js\?v=[0-9a-f]+" defer><\/script>/, '');
		assert.ok(!own.includes('<script'), `${url}: no raw <script>`);
		assert.ok(!body.includes('<img'), `${url}: no raw <img>`);
		assert.ok(!body.includes('<b>x</b>'), `${url}: no raw <b>`);
		assert.ok(!/onerror=alert/.test(body.replace(/&lt;img src=x onerror=alert\(2\)&gt;/g, '')), `${url}: no stray handler`);
		if (body.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) sawScript++;
		if (body.includes('&lt;b&gt;x&lt;/b&gt;&amp;&quot;&#39;')) sawOrg++;
	}
	assert.ok(sawScript >= 5, `the branch name shows as text (${sawScript} pages)`);
	assert.ok(sawOrg >= 6, `the organisation name shows as text (${sawOrg} pages)`);
	// on the branch's own page: the heading, and the form's value attribute
	const own = await page(marieke, `/o/${ORG}/branches/${scriptId}`);
	assert.ok(own.includes('<h1 class="utrecht-heading-1">&lt;script&gt;alert(1)&lt;/script&gt;</h1>'));
	assert.match(own, /name="place" type="text" value="&lt;img src=x onerror=alert\(2\)&gt;"/);
	// a rename that fails keeps the markup as text too, and the audit shows the old name as text
	const bad = await post(marieke, `/o/${ORG}/branches/${scriptId}`, { name: '', place: script });
	assert.equal(bad.status, 422);
	assert.ok(!bad.body.replace(/<script src="\/assets\/kring\.js\?v=[0-9a-f]+" defer><\/script>/, '').includes('<script'),
		'no raw <script> on the failed rename');
	const ren = await post(marieke, `/o/${ORG}/branches/${scriptId}`, { name: 'Gewoon', place: '' });
	assert.equal(ren.status, 303);
	const log = await page(marieke, `/o/${ORG}/audit`);
	const logOwn = log.replace(/<script src="\/assets\/kring\.js\?v=[0-9a-f]+" defer><\/script>/, '');
	assert.ok(!logOwn.includes('<script') && !logOwn.includes('<img'));
	assert.equal(auditRows(log)[0].detail, 'was: &lt;script&gt;alert(1)&lt;/script&gt; (&lt;img src=x onerror=alert(2)&gt;)');
	// a person's name with markup: the list and the person's own page show it as text
	const kwaad = '<i>Kwaad</i> & "Co"';
	const addP = await post(marieke, `/o/${ORG}/people`, { name: kwaad, email: 'kwaad@voorbeeld.nl', role: 'medewerker' });
	assert.equal(addP.status, 200);
	assert.ok(!addP.body.includes('<i>'), 'no raw <i> on the invitation page');
	const kLink = /value="https?:\/\/[^/"]+(\/invite\/[A-Za-z0-9_-]{43})"/.exec(addP.body)[1];
	const kc = new Client(server, { localAddress: '127.0.0.54' });
	const kForm = await kc.get(kLink);
	assert.ok(!kForm.body.includes('<i>'), 'no raw <i> on the accept page');
	assert.equal((await kc.post(kLink, { name: kwaad, email: 'kwaad@voorbeeld.nl', password: 'een-goed-wachtwoord',
		password2: 'een-goed-wachtwoord', csrf: /name="csrf" value="([^"]*)"/.exec(kForm.body)[1] })).status, 303);
	const people = await page(marieke, `/o/${ORG}/people`);
	assert.ok(!people.includes('<i>'), 'no raw <i> on the people page');
	const pid = peopleRows(people).find((p) => p.name === kwaad)?.id;
	assert.ok(pid, 'listed by name, as text');
	const pp = await page(marieke, `/o/${ORG}/people/${pid}`);
	assert.ok(!pp.includes('<i>'), 'no raw <i> on the person\'s page');
	assert.ok(pp.includes('<h1 class="utrecht-heading-1">&lt;i&gt;Kwaad&lt;/i&gt; &amp; &quot;Co&quot;</h1>'));
	assert.match(pp, /<title>&lt;i&gt;Kwaad&lt;\/i&gt; &amp; &quot;Co&quot; · kring<\/title>/);
	// in the <title> and the header too
	const home = await page(sascha, `/o/${ORG}/`);
	assert.match(home, /<title>&lt;b&gt;x&lt;\/b&gt;&amp;&quot;&#39; · kring<\/title>/);
	assert.match(home, /<span class="kring-user__org">&lt;b&gt;x&lt;\/b&gt;&amp;&quot;&#39;<\/span>/);
	// attribute values are escaped too (the settings form)
	assert.match(await page(marieke, `/o/${ORG}/settings`), /name="name" type="text" value="&lt;b&gt;x&lt;\/b&gt;&amp;&quot;&#39;"/);
});

test('a branch is renamed and deleted from its own page; then its page is gone', async () => {
	const add = await post(marieke, `/o/${ORG}/branches`, { name: 'Tijdelijke Vestiging', place: 'Ergens' });
	assert.equal(add.status, 303);
	const b = branchRows(await page(marieke, add.headers.location)).find((r) => r.name === 'Tijdelijke Vestiging');
	assert.ok(b && b.place === 'Ergens' && b.id, 'listed with a link to its page');
	const own = await page(marieke, `/o/${ORG}/branches/${b.id}`);
	assert.match(own, /<title>Vestiging wijzigen · kring<\/title>/);
	assert.match(own, /<a class="utrecht-link" href="\/o\/de-sleutel\/branches">← Terug naar de vestigingen<\/a>/);
	const zone = /<section class="kring-card kring-danger-zone" aria-labelledby="h-weg">.*?<\/section>/s.exec(own)?.[0] || '';
	assert.ok(textOf(zone).includes('Vestiging verwijderen'), 'a section to delete it');
	assert.ok(textOf(zone).includes('Weet je zeker dat je deze vestiging wilt verwijderen?'), 'with the warning');
	assert.ok(zone.includes(`action="/o/${ORG}/branches/${b.id}/delete"`));
	assert.match(zone, /<button [^>]*type="submit">Ja, verwijder deze vestiging<\/button>/);

	const ren = await post(marieke, `/o/${ORG}/branches/${b.id}`, { name: 'Tijdelijk Punt', place: '' });
	assert.equal(ren.status, 303);
	assert.equal(ren.headers.location, `/o/${ORG}/branches?klaar=gewijzigd`);
	const list = await page(marieke, ren.headers.location);
	assert.ok(textOf(list).includes('De vestiging is gewijzigd.'));
	assert.deepEqual(branchRows(list).find((r) => r.id === b.id), { name: 'Tijdelijk Punt', place: '', id: b.id, link: 'Wijzigen Tijdelijk Punt' });
	assert.equal(auditRows(await page(marieke, `/o/${ORG}/audit`))[0].detail, 'was: Tijdelijke Vestiging (Ergens)');
	// without a place the old name stands alone
	assert.equal((await post(marieke, `/o/${ORG}/branches/${b.id}`, { name: 'Tijdelijk', place: '' })).status, 303);
	assert.equal(auditRows(await page(marieke, `/o/${ORG}/audit`))[0].detail, 'was: Tijdelijk Punt');

	const del = await post(marieke, `/o/${ORG}/branches/${b.id}/delete`, {});
	assert.equal(del.status, 303);
	assert.equal(del.headers.location, `/o/${ORG}/branches?klaar=verwijderd`);
	assert.ok(!branchIds(await page(marieke, del.headers.location), ORG).includes(b.id), 'no longer listed');
	assert.equal((await marieke.get(`/o/${ORG}/branches/${b.id}`)).status, 404, 'its page is gone');
	assert.equal((await post(marieke, `/o/${ORG}/branches/${b.id}/delete`, {})).status, 404, 'deleting twice: 404');
	const gone = auditRows(await page(marieke, `/o/${ORG}/audit`))[0];
	assert.ok(gone.what.includes('Vestiging verwijderd') && gone.what.includes('Tijdelijk'), JSON.stringify(gone));
	// a medewerker sees the list without the links, and may not open a branch's page
	const seen = branchRows(await page(sascha, `/o/${ORG}/branches`));
	assert.ok(seen.length >= 4 && seen.every((r) => r.id === null), 'no "Wijzigen" links for a medewerker');
	const first = branchIds(await page(marieke, `/o/${ORG}/branches`), ORG)[0];
	assert.equal((await sascha.get(`/o/${ORG}/branches/${first}`)).status, 403, 'a medewerker may not open a branch\'s page');
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
