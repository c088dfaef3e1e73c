// journey.test.mjs - a beheerder's and an adviseur's way through every page of
// kring (issue 2), with zero axe violations (WCAG 2.1 A/AA) on each page and a
// full-page screenshot of each in test-results/screens/. A branch and a person
// are changed on their own pages, reached by the "Wijzigen" link in their row.
//
// The steps of the journey depend on each other and run in order: once a step
// fails for a functional reason the later ones are skipped (and say so). An axe
// violation fails its own step but does not stop the journey, so one run shows
// every page's findings.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, logout, clearScreens, PASSWORD, menuLink, menuOutline,
} from './helpers.mjs';

const ORG = '/o/de-sleutel/';
const NEW_BRANCH = { name: 'Vestiging Kerkdriel', place: 'Kerkdriel' };
const RENAMED_BRANCH = { name: 'Bibliotheekpunt Kerkdriel', place: 'Kerkdriel-Zuid' };
const NEW_PERSON = { name: 'Ilse de Boer', email: 'ilse.deboer@desleutel.nl', password: 'lezen-is-leuk-2026' };
const NEW_DESCRIPTION = 'Een bibliotheek met een hoofdvestiging in de stad en drie dorpsvestigingen. '
	+ 'Samen met inwoners maken we de bibliotheek van morgen.';

let kring, browser;
let inviteLink; // accounts: the invitation the beheerder hands over

before(async () => {
	clearScreens(/^[0-2]\d-.*\.png$/); // this file's screenshots are 01 to 29
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	if (kring) {
		const end = await kring.stop();
		assert.equal(end.code, 0, `kring should stop cleanly on SIGTERM, ended with ${JSON.stringify(end)}\n${kring.log()}`);
	}
});

/* The field's error message is inside the same form field and named by aria-describedby. */
async function expectFieldError(page, inputId, text) {
	const input = page.locator(`#${inputId}`);
	await assert.doesNotReject(input.waitFor(), `no field #${inputId}`);
	assert.equal(await input.getAttribute('aria-invalid'), 'true', `#${inputId} should be aria-invalid`);
	const error = page.locator(`.utrecht-form-field:has(#${inputId}) .utrecht-form-field-error-message`);
	assert.equal(await error.count(), 1, `an error message next to #${inputId}`);
	assert.match(await error.innerText(), text);
	const errorId = await error.getAttribute('id');
	assert.ok((await input.getAttribute('aria-describedby') || '').split(' ').includes(errorId),
		`#${inputId} aria-describedby should name its error message #${errorId}`);
}

async function submitAndWait(page, button, urlTest) {
	await Promise.all([page.waitForURL(urlTest), button.click()]);
}

/* The alert or status message on the page. */
async function notice(page) {
	return (await page.locator('.kring-notice').innerText()).trim();
}

/* The table's caption names it for screen readers but is not shown on screen. */
async function expectCaptionHidden(table) {
	const box = await table.locator('caption').boundingBox();
	assert.ok(!box || (box.width <= 1 && box.height <= 1), `the caption is visually hidden (${JSON.stringify(box)})`);
}

/* Follow the row's "Wijzigen" link: its visible text is just "Wijzigen", its
 * accessible name adds what it changes. */
async function openEditLink(page, row, name, urlTest) {
	const link = row.getByRole('link', { name: `Wijzigen ${name}`, exact: true });
	assert.equal(await link.count(), 1, `a link "Wijzigen ${name}" in the row`);
	const parts = await link.evaluate((a) => {
		const sr = a.querySelector('.kring-sr');
		const box = sr?.getBoundingClientRect();
		return { shown: [...a.childNodes].filter((n) => n !== sr).map((n) => n.textContent).join('').trim(),
			hidden: sr ? { w: box.width, h: box.height } : null };
	});
	assert.equal(parts.shown, 'Wijzigen', 'the visible text is "Wijzigen"');
	assert.ok(parts.hidden && parts.hidden.w <= 1 && parts.hidden.h <= 1, 'the name in the link is for screen readers only');
	await submitAndWait(page, link, urlTest);
}

// the menu in its groups (menuOutline): what each role finds where
// instruments (issue 12): Zelftest joins Koers for staff, not for an adviseur
const MENU_BEHEERDER = ['Start', 'Werk: Aandacht nodig, Communities, Communityscan, Partners, Gesprekken, Activiteiten, Agenda',
	'Koers: Stap 1: klaar?, Stap 2: visie, Meetlat, Zelftest, Dashboard', 'Beheer: Organisatie, Mensen en rollen, Vestigingen, Logboek, Privacy'];
const MENU_ADVISEUR = ['Start', 'Adviesoverzicht', 'Werk: Aandacht nodig, Communities, Communityscan, Partners, Gesprekken, Activiteiten, Agenda',
	'Koers: Stap 1: klaar?, Stap 2: visie, Meetlat, Dashboard', 'Vestigingen'];
// knowledge (issue 11): the kennisbank closes the Werk group for every role
MENU_BEHEERDER[1] += ', Kennisbank';
MENU_ADVISEUR[2] += ', Kennisbank';
// route (issue 12a): Mijn route and Mijn bijdrage close the Koers group, for staff only
MENU_BEHEERDER[2] += ', Mijn route, Mijn bijdrage';
// public (issue 13): staff find the inbox of the public page at the end of Werk
MENU_BEHEERDER[1] += ', Inbox';
// workshops (issue 12): Workshops closes Koers for staff, not for the adviseur
MENU_BEHEERDER[2] += ', Workshops';

describe('journey: a beheerder and an adviseur through every page', () => {
	let broken = null;
	let page, context;
	let branchPath, personPath; // the pages of the new branch and the new person

	/* A journey step: skipped after an earlier functional failure; axe findings, and
	 * what a step checks with soft(ok, message), are collected and reported at the end
	 * of the step without stopping the journey. */
	function step(name, fn) {
		test(name, { timeout: 30_000 }, async (t) => {
			if (broken) {
				t.skip(`an earlier step failed: ${broken}`);
				return;
			}
			const findings = [];
			const visit = async (shot) => {
				try {
					await checkPage(page, shot);
				} catch (e) {
					if (!(e instanceof assert.AssertionError))
						throw e;
					findings.push(e.message);
				}
			};
			const soft = (ok, message) => {
				if (!ok)
					findings.push(message);
			};
			try {
				await fn(visit, soft);
			} catch (e) {
				broken = name;
				throw e;
			}
			if (findings.length)
				assert.fail(findings.join('\n\n'));
		});
	}

	before(async () => {
		({ context, page } = await newPage(browser, kring.base));
	});
	after(async () => {
		await context?.close();
	});

	step('the login page', async (visit) => {
		const res = await page.goto('/');
		assert.equal(new URL(page.url()).pathname, '/login', 'a visitor is sent to /login');
		assert.equal(res.status(), 200);
		assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
		assert.match(await page.title(), /Inloggen/);
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor());
		await visit('01-login');
	});

	step('a wrong password gives one calm Dutch message', async (visit) => {
		await page.getByLabel('E-mailadres').fill('marieke@desleutel.nl');
		await page.getByLabel('Wachtwoord').fill('dit-is-fout');
		const [res] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
			page.getByRole('button', { name: 'Inloggen' }).click(),
		]);
		await page.waitForLoadState();
		assert.equal(res.status(), 401);
		const alert = page.getByRole('alert');
		assert.match(await alert.innerText(), /Inloggen is niet gelukt\. Controleer je e-mailadres en wachtwoord\./);
		assert.equal(await page.getByLabel('Wachtwoord').inputValue(), '', 'the password is not sent back');
		assert.equal(await page.getByLabel('E-mailadres').inputValue(), 'marieke@desleutel.nl', 'the e-mail is kept');
		await visit('02-login-wrong-password');

		// an unknown address gets exactly the same message
		const wrongText = await alert.innerText();
		await page.getByLabel('E-mailadres').fill('niemand@voorbeeld.nl');
		await page.getByLabel('Wachtwoord').fill('dit-is-ook-fout');
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
			page.getByRole('button', { name: 'Inloggen' }).click(),
		]);
		await page.waitForLoadState();
		assert.equal(await page.getByRole('alert').innerText(), wrongText,
			'unknown e-mail and wrong password must look the same');
	});

	step('an empty form shows the errors next to the fields and keeps the e-mail', async (visit) => {
		await page.goto('/login');
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
			page.getByRole('button', { name: 'Inloggen' }).click(),
		]);
		await page.waitForLoadState();
		await expectFieldError(page, 'f-email', /^Vul je e-mailadres in\.$/);
		await expectFieldError(page, 'f-password', /^Vul je wachtwoord in\.$/);
		// the summary links to the fields
		const summary = page.locator('.kring-error-summary');
		assert.match(await summary.innerText(), /Controleer het formulier/);
		assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
			['#f-email', '#f-password']);
		assert.deepEqual(await summary.locator('a').allInnerTexts(), ['Vul je e-mailadres in.', 'Vul je wachtwoord in.']);
		await visit('03-login-empty-form');

		await page.getByLabel('E-mailadres').fill('marieke@desleutel.nl');
		await page.getByLabel('Wachtwoord').fill('');
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
			page.getByRole('button', { name: 'Inloggen' }).click(),
		]);
		await page.waitForLoadState();
		assert.equal(await page.getByLabel('E-mailadres').inputValue(), 'marieke@desleutel.nl', 'the e-mail is kept');
		await expectFieldError(page, 'f-password', /^Vul je wachtwoord in\.$/);
		assert.equal(await page.locator('.utrecht-form-field:has(#f-email) .utrecht-form-field-error-message').count(), 0,
			'no error at the e-mail field that was filled in');
		await visit('04-login-email-kept');
	});

	step('log in as Marieke: the organisation home page', async (visit) => {
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await submitAndWait(page, page.getByRole('button', { name: 'Inloggen' }), (u) => u.pathname === ORG);
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Bibliotheek De Sleutel' }).waitFor());
		assert.match(await page.locator('.kring-lead').innerText(), /Welkom, Marieke\./);
		assert.match(await page.locator('.kring-user').innerText(), /Marieke Jansen/);
		const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
		assert.deepEqual(await menuOutline(page), MENU_BEHEERDER);
		assert.equal(await nav.getByRole('link', { name: 'Start' }).getAttribute('aria-current'), 'page');
		await visit('05-home');
	});

	step('Organisatie: change the description and save', async (visit) => {
		await (await menuLink(page, 'Organisatie')).click();
		await page.waitForURL((u) => u.pathname === `${ORG}settings`);
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Organisatie' }).waitFor());
		assert.equal(await page.getByLabel('Naam van de organisatie').inputValue(), 'Bibliotheek De Sleutel');
		await visit('06-settings');

		await page.getByLabel('Korte beschrijving').fill(NEW_DESCRIPTION);
		await submitAndWait(page, page.getByRole('button', { name: 'Opslaan' }), (u) => u.search.includes('opgeslagen'));
		assert.equal(await page.getByRole('status').innerText(), 'Opgeslagen.');
		assert.equal(await page.getByLabel('Korte beschrijving').inputValue(), NEW_DESCRIPTION);
		await visit('07-settings-saved');

		// the home page shows the new description
		await page.goto(ORG);
		assert.equal(await page.locator('.kring-org-description').innerText(), NEW_DESCRIPTION);
	});

	step('Vestigingen: add a branch', async (visit) => {
		await (await menuLink(page, 'Vestigingen')).click();
		await page.waitForURL((u) => u.pathname === `${ORG}branches`);
		const table = page.getByRole('table', { name: 'Alle vestigingen' });
		assert.equal(await table.locator('tbody tr').count(), 4, 'the demo has four branches');
		await expectCaptionHidden(table);
		assert.equal(await table.getByRole('link', { name: /^Wijzigen / }).count(), 4, 'a "Wijzigen" link per branch');
		assert.equal(await page.locator('main details').count(), 0, 'no forms folded into the table');
		await visit('08-branches');

		const add = page.getByRole('region', { name: 'Vestiging toevoegen' });
		await add.getByLabel('Naam van de vestiging').fill(NEW_BRANCH.name);
		await add.getByLabel('Plaats').fill(NEW_BRANCH.place);
		await submitAndWait(page, add.getByRole('button', { name: 'Vestiging toevoegen' }),
			(u) => u.search.includes('klaar=toegevoegd'));
		assert.equal(await notice(page), 'De vestiging is toegevoegd.');
		const row = table.getByRole('row').filter({ hasText: NEW_BRANCH.name });
		assert.equal(await row.count(), 1);
		assert.match(await row.innerText(), new RegExp(NEW_BRANCH.place));
		await visit('09-branch-added');
	});

	step('Vestigingen: "Wijzigen" opens the branch\'s own page; an empty name is refused there', async (visit) => {
		const row = page.getByRole('table', { name: 'Alle vestigingen' }).getByRole('row').filter({ hasText: NEW_BRANCH.name });
		await openEditLink(page, row, NEW_BRANCH.name, (u) => /^\/o\/de-sleutel\/branches\/\d+$/.test(u.pathname));
		branchPath = new URL(page.url()).pathname;
		assert.match(await page.title(), /^Vestiging wijzigen/);
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: NEW_BRANCH.name }).waitFor());
		const back = page.getByRole('link', { name: '← Terug naar de vestigingen' });
		assert.equal(await back.getAttribute('href'), `${ORG}branches`);
		assert.equal(await page.getByLabel('Naam van de vestiging').inputValue(), NEW_BRANCH.name);
		assert.equal(await page.getByLabel('Plaats').inputValue(), NEW_BRANCH.place);
		// deleting is a section of its own, below the form, with the warning
		const danger = page.getByRole('region', { name: 'Vestiging verwijderen' });
		assert.match(await danger.innerText(), /Weet je zeker dat je deze vestiging wilt verwijderen\? Dit kan niet ongedaan worden gemaakt/);
		assert.equal(await danger.getByRole('button', { name: 'Ja, verwijder deze vestiging' }).count(), 1);
		await visit('10-branch-page');

		await page.getByLabel('Naam van de vestiging').fill('');
		await page.getByLabel('Plaats').fill(RENAMED_BRANCH.place);
		const [res] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === branchPath),
			page.getByRole('button', { name: 'Opslaan', exact: true }).click(),
		]);
		assert.equal(res.status(), 422);
		await assert.doesNotReject(page.locator('.kring-error-summary').waitFor(), 'the error summary shows');
		assert.equal(new URL(page.url()).pathname, branchPath, 'the branch\'s own page again');
		await expectFieldError(page, 'f-name', /^Vul de naam van de vestiging in\.$/);
		assert.deepEqual(await page.locator('.kring-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#f-name']);
		assert.equal(await page.getByLabel('Plaats').inputValue(), RENAMED_BRANCH.place, 'the typed place is kept');
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: NEW_BRANCH.name }).waitFor());
		await visit('11-branch-rename-error');
	});

	step('Vestigingen: rename the branch on its page', async (visit) => {
		await page.getByLabel('Naam van de vestiging').fill(RENAMED_BRANCH.name);
		await page.getByLabel('Plaats').fill(RENAMED_BRANCH.place);
		await submitAndWait(page, page.getByRole('button', { name: 'Opslaan', exact: true }),
			(u) => u.pathname === `${ORG}branches` && u.search.includes('klaar=gewijzigd'));
		assert.equal(await notice(page), 'De vestiging is gewijzigd.');
		const table = page.getByRole('table', { name: 'Alle vestigingen' });
		assert.equal(await table.getByRole('row').filter({ hasText: NEW_BRANCH.name }).count(), 0);
		const renamed = table.getByRole('row').filter({ hasText: RENAMED_BRANCH.name });
		assert.equal(await renamed.count(), 1);
		assert.match(await renamed.innerText(), new RegExp(RENAMED_BRANCH.place));
		await visit('12-branch-renamed');
	});

	step('Vestigingen: delete the branch in the section "Vestiging verwijderen" of its page', async (visit) => {
		const row = page.getByRole('table', { name: 'Alle vestigingen' }).getByRole('row').filter({ hasText: RENAMED_BRANCH.name });
		await openEditLink(page, row, RENAMED_BRANCH.name, (u) => u.pathname === branchPath);
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: RENAMED_BRANCH.name }).waitFor());
		const danger = page.getByRole('region', { name: 'Vestiging verwijderen' });
		await danger.scrollIntoViewIfNeeded();
		await visit('13-branch-delete');
		await submitAndWait(page, danger.getByRole('button', { name: 'Ja, verwijder deze vestiging' }),
			(u) => u.pathname === `${ORG}branches` && u.search.includes('klaar=verwijderd'));
		assert.equal(await notice(page), 'De vestiging is verwijderd.');
		assert.equal(await page.getByRole('row').filter({ hasText: RENAMED_BRANCH.name }).count(), 0);
		assert.equal(await page.getByRole('table', { name: 'Alle vestigingen' }).locator('tbody tr').count(), 4);
		await visit('14-branch-deleted');
		// its page is gone
		const gone = await page.goto(branchPath);
		assert.equal(gone.status(), 404);
		await page.goBack();
	});

	// accounts (issue 14): a beheerder never types another person's password: a new person gets an invitation link
	step('Mensen en rollen: a new person is invited with a link; no password is typed for her', async (visit) => {
		await (await menuLink(page, 'Mensen en rollen')).click();
		await page.waitForURL((u) => u.pathname === `${ORG}people`);
		const table = page.getByRole('table', { name: 'Mensen met een rol in deze organisatie' });
		assert.equal(await table.locator('tbody tr').count(), 5, 'the demo has five people in De Sleutel');
		await expectCaptionHidden(table);
		assert.equal(await table.getByRole('link', { name: /^Wijzigen / }).count(), 5, 'a "Wijzigen" link per person');
		assert.equal(await page.locator('main details').count(), 0, 'no forms folded into the table');
		await visit('15-people');

		const add = page.getByRole('region', { name: 'Iemand toevoegen' });
		assert.equal(await add.locator('input[type="password"]').count(), 0, 'no password field for someone else');
		await add.getByLabel('Naam', { exact: true }).fill(NEW_PERSON.name);
		await add.getByLabel('E-mailadres').fill(NEW_PERSON.email);
		await add.getByLabel('Rol').selectOption('medewerker');
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/people')),
			add.getByRole('button', { name: 'Toevoegen' }).click(),
		]);
		await page.waitForLoadState();
		assert.equal(await notice(page), 'De uitnodiging is gemaakt.');
		inviteLink = await page.getByLabel('Link (selecteer en kopieer)').inputValue();
		assert.match(inviteLink, /^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
		await visit('16-people-invite-link');
	});

	step('Mensen en rollen: the invited person chooses her own password in her own browser and is logged in', async (visit) => {
		const { context, page: hers } = await newPage(browser, kring.base);
		try {
			await hers.goto(inviteLink);
			await assert.doesNotReject(hers.getByRole('heading', { level: 1, name: 'Welkom bij kring' }).waitFor());
			assert.equal(await hers.getByLabel('Je naam').inputValue(), NEW_PERSON.name, 'the name the beheerder typed');
			assert.equal(await hers.getByLabel('Je e-mailadres').inputValue(), NEW_PERSON.email);
			await hers.getByLabel('Kies een wachtwoord').fill(NEW_PERSON.password);
			await hers.getByLabel('Typ het wachtwoord nog een keer').fill(NEW_PERSON.password);
			await checkPage(hers, '17-invite-accept');
			await submitAndWait(hers, hers.getByRole('button', { name: 'Account maken' }), (u) => u.pathname === ORG);
			assert.match(await hers.locator('.kring-user__name').innerText(), new RegExp(NEW_PERSON.name));
		} finally {
			await context.close();
		}
		await page.goto(`${ORG}people`);
		const row = page.getByRole('row').filter({ hasText: NEW_PERSON.email });
		assert.equal(await row.count(), 1);
		assert.match(await row.innerText(), new RegExp(`${NEW_PERSON.name}[\\s\\S]*Medewerker`));
		await visit('17-person-added');
	});

	step('Mensen en rollen: "Wijzigen" opens the person\'s own page; change the role to ambassadeur', async (visit) => {
		const row = page.getByRole('row').filter({ hasText: NEW_PERSON.email });
		await openEditLink(page, row, NEW_PERSON.name, (u) => /^\/o\/de-sleutel\/people\/\d+$/.test(u.pathname));
		personPath = new URL(page.url()).pathname;
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: NEW_PERSON.name }).waitFor());
		assert.equal((await page.locator('main .kring-lead').innerText()).trim(), NEW_PERSON.email);
		assert.equal(await page.getByRole('link', { name: '← Terug naar mensen en rollen' }).getAttribute('href'), `${ORG}people`);
		assert.equal(await page.getByLabel('Rol', { exact: true }).inputValue(), 'medewerker', 'the current role is chosen');
		const danger = page.getByRole('region', { name: 'Rol afnemen' });
		assert.match(await danger.innerText(), /Deze persoon kan daarna niet meer bij de gegevens van deze organisatie\. Het account zelf blijft bestaan\./);
		await visit('18-person-page');

		await page.getByLabel('Rol', { exact: true }).selectOption('ambassadeur');
		await submitAndWait(page, page.getByRole('button', { name: 'Rol opslaan' }),
			(u) => u.pathname === `${ORG}people` && u.search.includes('klaar=rol'));
		assert.equal(await notice(page), 'De rol is gewijzigd.');
		const after = page.getByRole('row').filter({ hasText: NEW_PERSON.email });
		assert.equal(await after.locator('td').nth(2).innerText(), 'Ambassadeur');
		await visit('19-person-role-changed');
	});

	step('Mensen en rollen: take the role away in the section "Rol afnemen"', async (visit) => {
		const row = page.getByRole('row').filter({ hasText: NEW_PERSON.email });
		await openEditLink(page, row, NEW_PERSON.name, (u) => u.pathname === personPath);
		assert.equal(await page.getByLabel('Rol', { exact: true }).inputValue(), 'ambassadeur');
		const danger = page.getByRole('region', { name: 'Rol afnemen' });
		await submitAndWait(page, danger.getByRole('button', { name: 'Ja, neem de rol af' }),
			(u) => u.pathname === `${ORG}people` && u.search.includes('klaar=verwijderd'));
		assert.equal(await notice(page), 'De rol is afgenomen.');
		assert.equal(await page.getByRole('row').filter({ hasText: NEW_PERSON.email }).count(), 0);
		await visit('20-person-removed');
		const gone = await page.goto(personPath);
		assert.equal(gone.status(), 404, 'the page of someone without a role here is not found');
		await page.goBack();
	});

	step('Logboek shows every change of this journey, newest first', async (visit) => {
		await (await menuLink(page, 'Logboek')).click();
		await page.waitForURL((u) => u.pathname === `${ORG}audit`);
		// rows as [when, who, what, detail]; the demo's own rows are by "kring (systeem)"
		const rows = await page.getByRole('table', { name: 'Wijzigingen in deze organisatie' })
			.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
		assert.ok(rows.some((r) => r[1] === 'kring (systeem)'), 'the demo\'s own changes are in the log too');
		// [what, detail] of this journey's changes, newest first; they are the newest rows of the log
		// (the demo also has older entries by Marieke: steps 1 and 2, the meetlat)
		const expected = [
			[`Rol afgenomen: ${NEW_PERSON.name}`, ''],
			[`Rol gegeven: ${NEW_PERSON.name}`, 'van Medewerker naar Ambassadeur'],
			// accounts: she accepted the invitation herself
			[`Uitnodiging aangenomen: ${NEW_PERSON.name}`, 'Medewerker', NEW_PERSON.name],
			[`Uitnodiging gemaakt: ${NEW_PERSON.name}`, 'Medewerker'],
			[`Vestiging verwijderd: ${RENAMED_BRANCH.name}`, ''],
			[`Vestiging gewijzigd: ${RENAMED_BRANCH.name}`, `was: ${NEW_BRANCH.name} (${NEW_BRANCH.place})`],
			[`Vestiging toegevoegd: ${NEW_BRANCH.name}`, NEW_BRANCH.place],
			['Organisatie gewijzigd: Bibliotheek De Sleutel', ''],
		];
		const ours = rows.slice(0, expected.length);
		const shown = rows.slice(0, expected.length + 2).map((r) => r.join(' | ')).join('\n');
		for (const [i, [what, detail, who = 'Marieke Jansen']] of expected.entries()) {
			assert.equal(ours[i][1], who, `log row ${i + 1} is by ${who}:\n${shown}`);
			assert.equal(ours[i][2], what, `log row ${i + 1}:\n${shown}`);
			assert.equal(ours[i][3], detail, `log row ${i + 1}, details:\n${shown}`);
		}
		// and nowhere else: the journey's changes are logged once each
		const rest = rows.slice(expected.length).map((r) => r.join(' | '));
		for (const r of rest)
			assert.ok(![NEW_PERSON.name, NEW_BRANCH.name, RENAMED_BRANCH.name, 'Organisatie gewijzigd'].some((w) => r.includes(w)),
				`an older log row mentions this journey: ${r}`);
		// dates in Dutch, e.g. "23 november 2026, 14:05"
		assert.match(ours[0][0], /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}, \d{2}:\d{2}$/);
		await visit('21-audit');
	});

	step('"Mijn organisaties" lists her one organisation instead of jumping into it', async (visit, soft) => {
		const link = page.getByRole('link', { name: 'Mijn organisaties' });
		assert.equal(await link.getAttribute('href'), '/?kies=1');
		await submitAndWait(page, link, (u) => u.pathname === '/' && u.search === '?kies=1');
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Mijn organisaties' }).waitFor());
		const cards = page.locator('main .kring-cards > li');
		assert.equal(await cards.count(), 1);
		assert.deepEqual(await cards.getByRole('link').allInnerTexts(), ['Bibliotheek De Sleutel']);
		assert.match(await cards.innerText(), /Jouw rol: Beheerder/);
		const intro = (await page.locator('main .kring-lead').innerText()).trim();
		soft(!/meer dan één/.test(intro), `the page tells Marieke, who has one organisation: "${intro}"`);
		await visit('22-my-orgs-one');
		await submitAndWait(page, cards.getByRole('link', { name: 'Bibliotheek De Sleutel' }), (u) => u.pathname === ORG);
	});

	step('log out: the login page says goodbye', async (visit) => {
		await logout(page);
		assert.equal(new URL(page.url()).search, '?uitgelogd=1');
		const status = page.getByRole('status');
		assert.equal(await status.count(), 1, 'one status message');
		assert.equal((await status.innerText()).trim(), 'Je bent uitgelogd. Tot de volgende keer!');
		assert.equal(await page.getByRole('alert').count(), 0, 'a calm message, not an alert');
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor());
		await visit('23-logged-out');
		// the session is gone: an organisation page sends back to the login, which does not say goodbye again
		await page.goto(ORG);
		assert.equal(new URL(page.url()).pathname, '/login');
		assert.equal(await page.getByRole('status').count(), 0);
	});

	step('Anouk (adviseur in two organisations) sees both on her start page', async (visit) => {
		await login(page, 'anouk@rijnbrink.nl');
		assert.equal(new URL(page.url()).pathname, '/');
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Mijn organisaties' }).waitFor());
		const cards = page.locator('main .kring-cards > li');
		assert.equal(await cards.count(), 2);
		const names = await cards.getByRole('link').allInnerTexts();
		assert.deepEqual([...names].sort(), ['Bibliotheek De Sleutel', 'Bibliotheek Het Baken']);
		for (const c of await cards.allInnerTexts())
			assert.match(c, /Jouw rol: Adviseur/);
		await visit('24-start-two-orgs');
	});

	step('Anouk switches between the two organisations', async (visit) => {
		await page.getByRole('link', { name: 'Bibliotheek De Sleutel' }).click();
		await page.waitForURL((u) => u.pathname === ORG);
		assert.match(await page.locator('.kring-user').innerText(), /Adviseur bij[\s\S]*Bibliotheek De Sleutel/);
		const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
		assert.deepEqual(await menuOutline(page), MENU_ADVISEUR,
			'an adviseur sees no beheer pages in the menu');
		assert.match(await page.locator('main').innerText(), /Je bent hier adviseur/i);
		await visit('25-home-adviseur-de-sleutel');

		await nav.getByRole('link', { name: 'Vestigingen' }).click();
		await page.waitForURL((u) => u.pathname === `${ORG}branches`);
		const table = page.getByRole('table', { name: 'Alle vestigingen' });
		assert.equal(await table.locator('tbody tr').count(), 4);
		assert.equal(await page.locator('main').getByRole('link', { name: /Wijzigen/ }).count(), 0, 'no "Wijzigen" links for an adviseur');
		assert.equal(await table.getByRole('columnheader', { name: 'Acties' }).count(), 0, 'and no column for them');
		assert.equal(await page.getByRole('button', { name: /verwijder/i }).count(), 0, 'no delete buttons for an adviseur');
		assert.equal(await page.getByRole('region', { name: 'Vestiging toevoegen' }).count(), 0);
		await visit('26-branches-adviseur');
		// nor the branch's own page
		const refused = await page.goto(`${ORG}branches/1`);
		assert.equal(refused.status(), 403);
		await page.goBack();

		await page.getByRole('link', { name: 'Mijn organisaties' }).click();
		await page.waitForURL((u) => u.pathname === '/');
		await page.getByRole('link', { name: 'Bibliotheek Het Baken' }).click();
		await page.waitForURL((u) => u.pathname === '/o/het-baken/');
		await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Bibliotheek Het Baken' }).waitFor());
		assert.match(await page.locator('.kring-user').innerText(), /Bibliotheek Het Baken/);
		assert.doesNotMatch(await page.locator('body').innerText(), /De Sleutel|Heikant|Molenbeek/,
			'nothing of De Sleutel shows in Het Baken');
		await visit('27-home-adviseur-het-baken');
	});
});

describe('error pages', () => {
	test('404: an organisation that does not exist, and one without a role, look the same', { timeout: 30_000 }, async () => {
		const { context, page } = await newPage(browser, kring.base);
		try {
			await login(page, 'marieke@desleutel.nl');
			const res = await page.goto('/o/bestaat-niet/');
			assert.equal(res.status(), 404);
			await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor());
			assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 0,
				'the error page shows no organisation menu');
			const main404 = await page.locator('main').innerText();
			await checkPage(page, '28-not-found');

			const other = await page.goto('/o/het-baken/');
			assert.equal(other.status(), 404, 'Marieke has no role in Het Baken');
			assert.equal(await page.locator('main').innerText(), main404);
			assert.doesNotMatch(await page.content(), /Het Baken/);
		} finally {
			await context.close();
		}
	});

	test('403: a medewerker on Mensen en rollen', { timeout: 30_000 }, async () => {
		const { context, page } = await newPage(browser, kring.base);
		try {
			await login(page, 'sascha@desleutel.nl');
			assert.equal(new URL(page.url()).pathname, ORG, 'one organisation: straight to its home page');
			assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mensen en rollen', includeHidden: true }).count(), 0);
			const res = await page.goto(`${ORG}people`);
			assert.equal(res.status(), 403);
			await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor());
			assert.doesNotMatch(await page.locator('main').innerText(), /marieke@desleutel\.nl/);
			await checkPage(page, '29-forbidden');
		} finally {
			await context.close();
		}
	});
});
