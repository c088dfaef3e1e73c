// resident.test.mjs - the residents' own door, end to end (issue 13, "done
// when"): Noor finds De Sleutel's public page on her phone, says "ik doe mee"
// with the Repair Café; Sascha finds her message in the Inbox and turns it
// into an ambassadeur invitation; Noor opens the link on her phone, chooses
// her own name and password, becomes ambassadeur of the Repair Café, and
// records an activity the community made itself. Every page is checked with
// axe (WCAG 2.1 A and AA) and, on the phone, for sideways scrolling.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, horizontalOverflow, widestElements,
	menuLink, clearScreens,
} from './helpers.mjs';

const ORG = '/o/de-sleutel';
const PHONE_OPTS = { viewport: PHONE, isMobile: true, hasTouch: true };
let kring, browser;

before(async () => {
	clearScreens(/^resident-/);
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	if (browser) await browser.close();
	if (kring) await kring.stop();
});

async function phoneCheck(page, name) {
	assert.equal(await horizontalOverflow(page), 0, `${name}: no sideways scrolling: ${await widestElements(page)}`);
	await checkPage(page, name);
}

test('a resident goes from the public page through "ik doe mee" and an invitation to ambassadeur, and records an activity', { timeout: 120_000 }, async () => {
	// 1. Noor, on her phone, without an account
	const noor = await newPage(browser, kring.base, PHONE_OPTS);
	const p = noor.page;
	await p.goto('/p/de-sleutel/');
	await phoneCheck(p, 'resident-01-public-page');
	const group = 'Repair Café en dorpsnetwerk Heikant';
	await Promise.all([
		p.waitForURL(/\/p\/de-sleutel\/doe-mee\?groep=\d+$/),
		p.getByRole('link', { name: `Ik doe mee met ${group}` }).click(),
	]);
	assert.ok(await p.getByRole('radio', { name: group }).isChecked(), 'the group of the link is chosen');
	await p.getByLabel('Je bericht').fill('Ik repareer graag fietsen en wil de reparatiemiddag mee organiseren.');
	await p.getByLabel('Je naam').fill('Noor Hendriks');
	await p.getByLabel('Hoe kunnen we je bereiken?').fill('noor@example.invalid');
	await p.getByLabel('Ik vind het goed').check();
	await phoneCheck(p, 'resident-02-doe-mee');
	await p.waitForTimeout(3100); // a person takes a few seconds; a machine does not
	await Promise.all([p.waitForURL(/verstuurd=1$/), p.getByRole('button', { name: 'Verstuur' }).click()]);
	assert.ok(await p.getByText('Dank je wel! Je bericht is aangekomen').isVisible());
	await phoneCheck(p, 'resident-03-thanks');

	// 2. Sascha finds it in the Inbox and makes the invitation from it
	const sascha = await newPage(browser, kring.base);
	const s = sascha.page;
	await login(s, 'sascha@desleutel.nl');
	await (await menuLink(s, 'Inbox')).click();
	await s.waitForURL(/\/o\/de-sleutel\/inbox$/);
	const item = s.locator('.kring-inbox__item', { hasText: 'Noor Hendriks' });
	await item.getByRole('link', { name: /Behandelen/ }).click();
	await s.waitForURL(/\/o\/de-sleutel\/inbox\/\d+$/);
	await checkPage(s, 'resident-04-inbox-item');
	const invite = s.locator('section', { has: s.getByRole('heading', { name: 'Uitnodigen als ambassadeur' }) });
	await Promise.all([
		s.waitForURL(/\/communities\/\d+\/invite\?inbox=\d+$/),
		invite.getByRole('button', { name: 'Naar de uitnodiging' }).click(),
	]);
	const cid = /\/communities\/(\d+)\/invite/.exec(s.url())[1];
	assert.match(await s.locator('main').innerText(), /Uit de inbox: Ik repareer graag fietsen/);
	assert.equal(await s.getByLabel('Voor wie is de uitnodiging?').inputValue(), 'Noor Hendriks', 'her name, as she gave it');
	await checkPage(s, 'resident-05-invite-form');
	await Promise.all([
		s.waitForResponse((r) => r.request().method() === 'POST' && /\/invite(\?|$)/.test(r.url())),
		s.getByRole('button', { name: 'Uitnodigingslink maken' }).click(),
	]);
	await s.waitForLoadState();
	const link = await s.getByLabel('Link (selecteer en kopieer)').inputValue();
	assert.match(link, /\/invite\/[A-Za-z0-9_-]{43}$/);
	await checkPage(s, 'resident-06-invite-link');

	// 3. Noor opens the link on her phone and becomes ambassadeur
	await p.goto(link);
	await p.getByRole('heading', { level: 1, name: 'Welkom bij kring' }).waitFor();
	assert.match(await p.locator('main').innerText(), /als ambassadeur van de community/);
	await p.getByLabel('Je naam').fill('Noor Hendriks');
	await p.getByLabel('Je e-mailadres').fill('noor@voorbeeld.nl');
	await p.getByLabel('Kies een wachtwoord').fill('fietsen-maken-2026');
	await p.getByLabel('Typ het wachtwoord nog een keer').fill('fietsen-maken-2026');
	await phoneCheck(p, 'resident-07-accept');
	await Promise.all([
		p.waitForURL((u) => u.pathname === `${ORG}/communities/${cid}`),
		p.getByRole('button', { name: 'Account maken' }).click(),
	]);
	await phoneCheck(p, 'resident-08-her-community');

	// 4. ... and records an activity the community made itself
	await p.goto(`${ORG}/activities`);
	await p.getByRole('link', { name: 'Activiteit vastleggen' }).click();
	assert.equal(await p.locator('input[name="community"]').count(), 1, 'only her own community to choose');
	assert.ok(await p.getByLabel(group).isChecked());
	await p.locator('#f-title').fill('Fietsenmiddag door Noor en de buurt');
	await p.getByLabel('Door', { exact: true }).check();
	await p.locator('#f-participants').fill('14');
	await phoneCheck(p, 'resident-09-activity-form');
	await Promise.all([p.waitForURL(/klaar=nieuw$/), p.getByRole('button', { name: 'Activiteit opslaan' }).click()]);
	assert.ok(await p.getByText(/Noor Hendriks, op/).isVisible(), 'attributed to her by name');
	await phoneCheck(p, 'resident-10-her-activity');

	// Sascha sees who made it in the community's activities
	await s.goto(`${ORG}/communities/${cid}`);
	assert.match(await s.locator('main').innerText(), /Fietsenmiddag door Noor en de buurt/);
	await sascha.context.close();
	await noor.context.close();
});
