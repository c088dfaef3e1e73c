// activities.test.mjs - the browser journey of step 6 (issue 9): Sascha logs
// three activities (one on a 390 px phone, with only the four needed fields),
// confirms a planned one afterwards with the real count, sees them on the
// community's page with the share made met or door; an ambassadeur adds one
// for her own community and sees only hers to choose from. Every page is
// checked with axe (WCAG 2.1 A and AA: zero violations) and kept as a
// screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, menuLink, clearScreens,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^activities-/);
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
	if (kring) {
		const { code, signal } = await kring.stop();
		assert.ok(code === 0 || signal === 'SIGTERM', `kring stopped badly (${code}, ${signal})`);
	}
});

const ORG = '/o/de-sleutel';

test('Sascha logs three activities, one on her phone, and confirms a planned one', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// the list, from the menu
	await (await menuLink(page, 'Activiteiten')).click();
	await page.waitForURL(`**${ORG}/activities`);
	await page.getByRole('heading', { level: 1, name: 'Activiteiten' }).waitFor();
	assert.ok(await page.getByText('De community organiseert, de bibliotheek faciliteert.').first().isVisible(),
		'door is explained in one line');
	await checkPage(page, 'activities-01-list');

	// 1: a full one at the desk, with a partner and herself
	await page.getByRole('link', { name: 'Activiteit vastleggen' }).click();
	await page.waitForURL(`**${ORG}/activities/new`);
	await checkPage(page, 'activities-02-new');
	await page.locator('#f-title').fill('Buurtlunch met verhalen');
	await page.getByLabel('Taalcafé voor nieuwkomers').check();
	await page.getByLabel('Met', { exact: true }).check();
	await page.locator('#f-participants').fill('23');
	await page.getByText('Meer vastleggen').click();
	await page.locator('#f-starts_at').fill('12:00');
	await page.locator('#f-ends_at').fill('14:00');
	await page.locator('#f-branch').selectOption({ label: 'Hoofdvestiging De Sleutel' });
	await page.getByLabel('Sascha de Vries').check();
	await page.getByLabel('VluchtelingenWerk Zandhoven').check();
	await page.locator('#f-outcome').fill('Drie deelnemers willen de volgende lunch zelf organiseren.');
	await Promise.all([
		page.waitForURL(/\/activities\/\d+\?klaar=nieuw$/),
		page.getByRole('button', { name: 'Activiteit opslaan' }).click(),
	]);
	await page.getByText('De activiteit is vastgelegd.').waitFor();
	assert.ok(await page.getByText('23 deelnemers').isVisible());
	const lunch = new URL(page.url()).pathname;
	assert.ok(await page.getByText(/Sascha de Vries, op/).isVisible(), 'attribution by name');
	await checkPage(page, 'activities-03-activity');

	// 2: a planned one, next week, by the community itself
	await page.goto(`${ORG}/activities/new`);
	await page.locator('#f-title').fill('Kookavond door de deelnemers');
	const next = new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10);
	await page.locator('#f-held_on').fill(next);
	await page.getByLabel('Taalcafé voor nieuwkomers').check();
	await page.getByLabel('Door', { exact: true }).check();
	await Promise.all([
		page.waitForURL(/klaar=nieuw$/),
		page.getByRole('button', { name: 'Activiteit opslaan' }).click(),
	]);
	assert.ok(await page.getByText('Gepland', { exact: true }).first().isVisible());
	assert.equal(await page.getByRole('heading', { name: 'Bevestig: hoeveel kwamen er?' }).count(), 0,
		'a planned activity in the future is not confirmed yet');

	// 3: on her phone, right after the activity: four fields, today by default
	const phone = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(phone.page, 'sascha@desleutel.nl');
	await phone.page.goto(`${ORG}/activities/new`);
	assert.equal(await phone.page.locator('#f-held_on').inputValue(),
		new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }), 'today by default');
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'activities-04-new-phone');
	await phone.page.locator('#f-title').fill('Voorleesochtend in het Arabisch');
	await phone.page.getByLabel('Taalcafé voor nieuwkomers').check();
	await phone.page.getByLabel('Door', { exact: true }).check();
	await phone.page.locator('#f-participants').fill('14');
	await Promise.all([
		phone.page.waitForURL(/klaar=nieuw$/),
		phone.page.getByRole('button', { name: 'Activiteit opslaan' }).click(),
	]);
	assert.ok(await phone.page.getByText('14 deelnemers').isVisible());
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'activities-05-activity-phone');
	await phone.page.goto(`${ORG}/activities`);
	assert.ok(await horizontalOverflow(phone.page) <= 0, `the list without sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'activities-05b-list-phone');
	await phone.context.close();

	// a planned one of last week (the demo has them): confirm with the real count
	await page.goto(`${ORG}/activities?sorteer=nieuwste`);
	await page.getByRole('link', { name: 'Bevestig aantal' }).first().click();
	await page.getByRole('heading', { name: 'Bevestig: hoeveel kwamen er?' }).waitFor();
	await checkPage(page, 'activities-06-confirm');
	await page.getByLabel('Aantal deelnemers').fill('-3');
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await page.getByText('Vul een aantal in van 0 tot 100.000').waitFor();
	assert.equal(await page.getByLabel('Aantal deelnemers').inputValue(), '-3', 'what was typed is kept');
	await page.getByLabel('Aantal deelnemers').fill('19');
	await Promise.all([
		page.waitForURL(/klaar=bevestigd$/),
		page.getByRole('button', { name: 'Bevestigen' }).click(),
	]);
	assert.ok(await page.getByText('19 deelnemers').isVisible());
	const confirmed = new URL(page.url()).pathname;

	// change it: the edit form, then delete it after the question
	await page.getByRole('link', { name: 'Wijzigen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Activiteit wijzigen' }).waitFor();
	await checkPage(page, 'activities-06b-edit');
	await page.locator('#f-follow_up').fill('Volgende keer in de grote zaal.');
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen$/),
		page.getByRole('button', { name: 'Opslaan' }).click(),
	]);
	assert.ok(await page.getByText('Volgende keer in de grote zaal.').isVisible());
	await page.getByRole('link', { name: 'Verwijderen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Activiteit verwijderen' }).waitFor();
	await checkPage(page, 'activities-06c-delete');
	await Promise.all([
		page.waitForURL(/klaar=verwijderd$/),
		page.getByRole('button', { name: 'Ja, verwijderen' }).click(),
	]);
	await page.getByText('De activiteit is verwijderd.').waitFor();
	assert.equal((await page.goto(confirmed)).status(), 404);
	await page.goto(lunch);

	// the community's page: next and last, and the share made met or door
	await page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).first().click();
	const section = page.locator('#activiteiten');
	await section.waitFor();
	assert.match(await section.textContent(), /Laatste zes maanden: \d+ van de \d+ activiteiten gemaakt met of door de community/);
	assert.ok(await section.getByRole('link', { name: 'Kookavond door de deelnemers' }).isVisible(), 'the next one');
	await checkPage(page, 'activities-07-community');

	// filter: door only, as CSV too
	await page.goto(`${ORG}/activities?soort=door`);
	const rows = await page.locator('tbody tr').count();
	assert.ok(rows > 0);
	assert.equal(await page.locator('tbody .kring-badge--made-voor').count(), 0, 'only door');
	const csvHref = await page.getByRole('link', { name: 'Download als CSV (Excel)' }).getAttribute('href');
	assert.match(csvHref, /activities\.csv\?soort=door/);
	await context.close();
});

test('an ambassadeur adds an activity for her own community only', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'fatima@voorbeeld.nl');
	await (await menuLink(page, 'Activiteiten')).click();
	await page.waitForURL(`**${ORG}/activities`);
	await checkPage(page, 'activities-08-ambassador-list');
	// every activity she sees is of her community
	const cells = await page.locator('tbody td[data-label="Community"]').allTextContents();
	assert.ok(cells.length > 0);
	for (const c of cells)
		assert.match(c, /Taalcafé voor nieuwkomers/);
	await page.getByRole('link', { name: 'Activiteit vastleggen' }).click();
	// only her community to choose, and it is ticked already
	assert.equal(await page.locator('input[name="community"]').count(), 1);
	assert.ok(await page.getByLabel('Taalcafé voor nieuwkomers').isChecked());
	await checkPage(page, 'activities-09-ambassador-new');
	await page.locator('#f-title').fill('Verhalenavond door Fatima en haar buren');
	await page.getByLabel('Door', { exact: true }).check();
	await page.locator('#f-participants').fill('31');
	await Promise.all([
		page.waitForURL(/klaar=nieuw$/),
		page.getByRole('button', { name: 'Activiteit opslaan' }).click(),
	]);
	assert.ok(await page.getByText(/Fatima El Amrani, op/).isVisible(), 'attributed to her by name');
	await checkPage(page, 'activities-10-ambassador-activity');
	await context.close();
});
