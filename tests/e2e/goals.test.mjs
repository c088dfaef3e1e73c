// goals.test.mjs - the browser journey of step 5 and 6 (issue 9, goals):
// Sascha opens the Taalcafé's goals from its profile and writes a shared
// goal with a SMART subgoal that ambassadeur Fatima owns; Fatima, on her
// phone (390 px), adds a second SMART subgoal and enters a measurement;
// Sascha sees the progress move, the step 6 agreements and the overview of
// every community's goals, and the goals page prints without its forms.
// Every page is checked with axe (WCAG 2.1 A and AA) and kept as a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, clearScreens,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^goals-/);
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

function day(offset) {
	return new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);
}

test('Sascha and ambassadeur Fatima set a shared goal with two SMART subgoals and watch it move', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// from the community's profile to its goals
	await page.goto(`${ORG}/communities/1`);
	const section = page.locator('#doelen');
	await section.getByRole('heading', { name: 'Doelen' }).waitFor();
	assert.ok(await section.locator('progress').first().isVisible(), 'progress on the profile');
	await section.getByRole('link', { name: 'Alle doelen, metingen en afspraken' }).click();
	await page.waitForURL(`**${ORG}/communities/1/goals`);
	await page.getByRole('heading', { level: 1, name: 'Doelen van Taalcafé voor nieuwkomers' }).waitFor();
	assert.ok(await page.getByText('zodat het meetbaar wordt', { exact: false }).first().isVisible(), 'step 5 explained');
	await checkPage(page, 'goals-01-page');

	// a new shared goal
	await page.locator('#nieuw-shared-text').fill('Samen koken en eten: de groep zet zelf een maandelijkse kookavond op.');
	await Promise.all([
		page.waitForURL(/\/goals\?klaar=opgeslagen#doel-\d+$/),
		page.getByRole('button', { name: 'Doel opslaan' }).click(),
	]);
	const goalId = Number(/#doel-(\d+)$/.exec(page.url())[1]);
	const goal = page.locator(`#doel-${goalId}`);
	assert.ok(await goal.getByText('door Sascha de Vries', { exact: false }).isVisible());

	// the first SMART subgoal, owned by Fatima
	await goal.getByRole('link', { name: 'SMART subdoel toevoegen' }).click();
	await page.waitForURL(`**${ORG}/communities/1/subgoals/new?doel=${goalId}`);
	await checkPage(page, 'goals-02-subgoal-new');
	await page.locator('#f-title').fill('Vaste kookploeg');
	await page.getByLabel('Aantal leden', { exact: true }).check();
	await page.locator('#f-baseline').fill('2');
	await page.locator('#f-baseline_on').fill(day(-100));
	await page.locator('#f-target').fill('12');
	await page.locator('#f-deadline').fill(day(200));
	await page.locator('#f-owner').selectOption({ label: 'Fatima El Amrani (ambassadeur)' });
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen#subdoel-\d+$/),
		page.getByRole('button', { name: 'Subdoel opslaan' }).click(),
	]);
	const subId = Number(/#subdoel-(\d+)$/.exec(page.url())[1]);
	const sub = page.locator(`#subdoel-${subId}`);
	assert.ok(await sub.getByText('Nog niet te zeggen').isVisible(), 'no measurement yet');
	await checkPage(page, 'goals-03-subgoal-saved');

	// Fatima, on her phone: a second SMART subgoal and a measurement
	const phone = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(phone.page, 'fatima@voorbeeld.nl');
	await phone.page.goto(`${ORG}/communities/1/goals`);
	const pgoal = phone.page.locator(`#doel-${goalId}`);
	assert.ok(await pgoal.getByRole('heading', { name: 'Vaste kookploeg' }).isVisible());
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'goals-04-phone');
	await pgoal.getByRole('link', { name: 'SMART subdoel toevoegen' }).click();
	await phone.page.locator('#f-title').fill('Kookavonden door de groep');
	await phone.page.getByLabel('Iets anders', { exact: true }).check();
	await phone.page.locator('#f-measure_name').fill('kookavonden');
	await phone.page.locator('#f-baseline').fill('0');
	await phone.page.locator('#f-target').fill('6');
	await phone.page.locator('#f-deadline').fill(day(300));
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'goals-05-phone-subgoal');
	await Promise.all([
		phone.page.waitForURL(/klaar=opgeslagen#subdoel-\d+$/),
		phone.page.getByRole('button', { name: 'Subdoel opslaan' }).click(),
	]);
	const psub = phone.page.locator(`#subdoel-${subId}`);
	await psub.getByText('Meting toevoegen', { exact: true }).click();
	await phone.page.locator(`#meting-${subId}-value`).fill('9');
	await Promise.all([
		phone.page.waitForURL(new RegExp(`klaar=opgeslagen#subdoel-${subId}$`)),
		psub.getByRole('button', { name: 'Meting opslaan' }).click(),
	]);
	assert.ok(await psub.getByText('Op schema').isVisible());
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'goals-06-phone-measured');
	await phone.context.close();

	// Sascha sees the progress move, with Fatima's name beside her work
	await page.goto(`${ORG}/communities/1/goals#subdoel-${subId}`);
	assert.equal(await sub.locator('.kring-progress__numbers').textContent(), 'Nu 9 · begin 2 · doel 12');
	assert.equal(await sub.getByRole('progressbar', { name: '70% van de weg naar het doel afgelegd' }).count(), 1);
	assert.ok(await page.getByRole('heading', { name: 'Kookavonden door de groep' }).isVisible());
	const hers = page.locator('li.kring-subgoal', { has: page.getByRole('heading', { name: 'Kookavonden door de groep' }) });
	assert.ok(await hers.getByText('door Fatima El Amrani, ambassadeur', { exact: true }).isVisible());

	// step 6: who does what
	const agreements = page.locator('#afspraken');
	await agreements.getByLabel('Wat de ambassadeurs doen').check();
	await agreements.getByLabel('Afspraak', { exact: true }).fill('Kiezen de recepten en doen de boodschappen.');
	await agreements.getByLabel('Afgesproken met').fill('Fatima en de kookploeg');
	await Promise.all([
		page.waitForURL(/#afspraken$/),
		agreements.getByRole('button', { name: 'Afspraak opslaan' }).click(),
	]);
	assert.ok(await agreements.locator('.kring-agreement__text', { hasText: 'Kiezen de recepten en doen de boodschappen.' }).isVisible());
	await checkPage(page, 'goals-07-agreements');

	// printed: the goals and their progress, without the forms
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.locator('#nieuw-shared-text').isVisible(), false, 'no forms on paper');
	assert.ok(await sub.locator('.kring-progress__numbers').isVisible());
	await page.emulateMedia({ media: 'screen' });

	// the overview of every community's goals
	await page.goto(`${ORG}/goals`);
	await page.getByRole('heading', { level: 1, name: 'Doelen van alle communities' }).waitFor();
	assert.ok(await page.getByRole('link', { name: 'Repair Café en dorpsnetwerk Heikant' }).isVisible());
	assert.ok(await page.getByText('Deze community bestaat nog geen jaar', { exact: false }).first().isVisible(), 'lesson 9 beside a number behind');
	await checkPage(page, 'goals-08-overview');
	await context.close();
});
