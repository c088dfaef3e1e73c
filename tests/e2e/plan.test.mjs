// plan.test.mjs - the browser journey of issue 11b: Sascha opens the
// Taalcafé's knowledge cycle from its profile and moves it on with a note
// of the evidence, rates a condition, writes the POST-O and prints it, adds
// a task to the project plan with money and hours typed the Dutch way and
// prints the plan for management; ambassadeur Fatima, on her phone
// (390 px), updates the task she owns. Every page is checked with axe
// (WCAG 2.1 A and AA) and kept as a screenshot, the prints too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, screenshot, login, PHONE,
	horizontalOverflow, widestElements, clearScreens,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^plan-/);
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
const TAAL = `${ORG}/communities/1`;

test('Sascha moves the cycle on, writes and prints the POST-O, plans a task and prints the plan', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// from the profile to the cycle
	await page.goto(TAAL);
	const block = page.locator('#plan');
	await block.getByText('Fase in de kenniscyclus: Gedeelde activiteit', { exact: false }).waitFor();
	await block.getByRole('link', { name: 'Kenniscyclus' }).click();
	await page.waitForURL(`**${TAAL}/cycle`);
	await page.getByRole('heading', { level: 1, name: 'Kenniscyclus van Taalcafé voor nieuwkomers' }).waitFor();
	await checkPage(page, 'plan-01-cycle');

	// moving on: the form proposes the next stage
	await page.getByText('Fase vastleggen', { exact: true }).first().click();
	assert.ok(await page.getByLabel('Kenniscreatie').isChecked(), 'the next stage is proposed');
	await page.getByLabel('Waaruit blijkt dit?').fill('De zaterdaggroep maakte een eigen woordenlijst voor de markt.');
	await checkPage(page, 'plan-02-cycle-move');
	await Promise.all([
		page.waitForURL(/\/cycle\?klaar=fase#fase$/),
		page.getByRole('button', { name: 'Fase vastleggen' }).click(),
	]);
	await page.getByText('De fase is vastgelegd.').waitFor();
	assert.equal(await page.locator('[aria-current="step"] strong').textContent(), 'Kenniscreatie');

	// a condition rated
	await page.getByText('Een voorwaarde beoordelen').click();
	await page.getByLabel('Voorwaarde', { exact: true }).selectOption('environment');
	await page.getByLabel('Redelijk').check();
	await page.locator('#voorwaarde-note').fill('De zaal is tijdelijk kleiner door de verbouwing.');
	await Promise.all([
		page.waitForURL(/klaar=voorwaarde/),
		page.getByRole('button', { name: 'Beoordeling vastleggen' }).click(),
	]);
	await page.getByText('De beoordeling is vastgelegd.').waitFor();
	await checkPage(page, 'plan-03-cycle-after');

	// the POST-O: the guiding text beside each field, the goals of step 5
	await page.goto(`${TAAL}/post-o`);
	await page.getByRole('heading', { level: 1, name: 'POST-O van Taalcafé voor nieuwkomers' }).waitFor();
	await page.getByText('POST-O bewerken').click();
	await page.locator('#f-strategy').fill('Elke woensdag en zaterdag een taalcafé; eens per maand samen de wijk in.');
	await checkPage(page, 'plan-04-posto-edit');
	await Promise.all([
		page.waitForURL(/post-o\?klaar=opgeslagen/),
		page.getByRole('button', { name: 'POST-O opslaan' }).click(),
	]);
	await page.getByText('De POST-O is opgeslagen.').waitFor();
	assert.ok(await page.getByRole('heading', { name: 'De doelen uit stap 5' }).isVisible(), 'Objectives shows the goals of step 5');
	await checkPage(page, 'plan-05-posto');
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.locator('form').filter({ hasText: 'POST-O opslaan' }).isVisible(), false, 'no form on paper');
	assert.ok(await page.getByText('Elke woensdag en zaterdag een taalcafé', { exact: false }).first().isVisible());
	await screenshot(page, 'plan-06-posto-print');
	await page.emulateMedia({ media: 'screen' });

	// the project plan: a task with Dutch money and hours
	await page.goto(`${TAAL}/plan`);
	await page.getByRole('link', { name: 'Taak toevoegen' }).click();
	await page.getByLabel('Taak', { exact: true }).fill('Woordenlijst drukken');
	await page.getByLabel('Wie pakt het op').selectOption({ label: 'Fatima El Amrani (ambassadeur)' });
	await page.getByLabel('Geplande uren').fill('1,5');
	await page.getByLabel('Gepland geld in euro').fill('€ 1.234,5O'); // a letter O for a zero
	await page.getByRole('button', { name: 'Taak toevoegen' }).click();
	await page.getByText('Dit is geen bedrag.', { exact: false }).first().waitFor();
	assert.equal(await page.getByLabel('Gepland geld in euro').inputValue(), '€ 1.234,5O', 'what was typed stays');
	await checkPage(page, 'plan-07-task-error');
	await page.getByLabel('Gepland geld in euro').fill('€ 1.234,50');
	await Promise.all([
		page.waitForURL(/\/plan\?klaar=opgeslagen#taak-\d+$/),
		page.getByRole('button', { name: 'Taak toevoegen' }).click(),
	]);
	const row = page.locator('tr', { hasText: 'Woordenlijst drukken' });
	assert.ok((await row.textContent()).includes('€ 1.234,50 / € 0,00'));
	assert.ok((await row.textContent()).includes('1,5 / 0'));
	await checkPage(page, 'plan-08-plan');
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.getByRole('link', { name: 'Taak toevoegen' }).isVisible(), false, 'no buttons on paper');
	assert.ok(await page.locator('.kring-plan__total').isVisible(), 'the totals are on paper');
	await screenshot(page, 'plan-09-plan-print');
	await context.close();
});

test('Fatima, on her phone, updates the task she owns', async () => {
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE });
	await login(page, 'fatima@voorbeeld.nl');
	await page.goto(`${TAAL}/plan`);
	await checkPage(page, 'plan-10-phone-plan');
	assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling: ${JSON.stringify(await widestElements(page))}`);
	await page.getByRole('link', { name: 'Taak ‘Welkomstmap voor nieuwe deelnemers’ wijzigen' }).click();
	await page.getByLabel('Status').selectOption({ label: 'Bezig' });
	await page.getByLabel('Bestede uren').fill('2:30');
	await checkPage(page, 'plan-11-phone-task');
	await Promise.all([
		page.waitForURL(/\/plan\?klaar=opgeslagen#taak-\d+$/),
		page.getByRole('button', { name: 'Opslaan' }).click(),
	]);
	const row = page.locator('tr', { hasText: 'Welkomstmap voor nieuwe deelnemers' });
	assert.ok((await row.textContent()).includes('Bezig'));
	assert.ok((await row.textContent()).includes('6 / 2,5'));
	// only her own tasks have a change link
	assert.equal(await page.locator('tr', { hasText: 'Boeken in het Arabisch bestellen' }).getByRole('link').count(), 0);
	for (const p of ['cycle', 'post-o']) {
		await page.goto(`${TAAL}/${p}`);
		await checkPage(page, `plan-12-phone-${p}`);
		assert.equal(await horizontalOverflow(page), 0, `${p}: no sideways scrolling: ${JSON.stringify(await widestElements(page))}`);
	}
	await context.close();
});
