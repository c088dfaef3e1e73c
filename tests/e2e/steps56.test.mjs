// steps56.test.mjs - step 5 and 6 together (issue 9, "done when"): Sascha
// and ambassadeur Fatima set a shared goal for the Taalcafé with two SMART
// subgoals that kring counts itself (activities and participants); then
// three activities are logged - two by Sascha at her desk, one by Fatima on
// her phone - and the progress on the goals page moves by exactly what was
// logged. Every page is checked with axe (WCAG 2.1 A and AA).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, clearScreens,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^steps56-/);
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
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

/* "Nu 3 · begin 0 · doel 10" -> 3 ("–" -> 0: nothing counted yet) */
async function now(page, subId) {
	const text = await page.locator(`#subdoel-${subId} .kring-progress__numbers`).textContent();
	const m = /^Nu (\S+) ·/.exec(text);
	assert.ok(m, `progress numbers: ${text}`);
	return m[1] === '–' ? 0 : Number(m[1]);
}

/* Adds a SMART subgoal counted by kring under goal goalId; returns its id. */
async function addSubgoal(page, goalId, title, measure, target) {
	await page.goto(`${ORG}/communities/1/goals`);
	await page.locator(`#doel-${goalId}`).getByRole('link', { name: 'SMART subdoel toevoegen' }).click();
	await page.locator('#f-title').fill(title);
	await page.getByLabel(measure, { exact: true }).check();
	await page.locator('#f-baseline').fill('0');
	await page.locator('#f-baseline_on').fill(today());
	await page.locator('#f-target').fill(String(target));
	await page.locator('#f-deadline').fill(inDays(365));
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen#subdoel-\d+$/),
		page.getByRole('button', { name: 'Subdoel opslaan' }).click(),
	]);
	return Number(/#subdoel-(\d+)$/.exec(page.url())[1]);
}

/* Logs a held activity of the Taalcafé today. */
async function logActivity(page, title, made, participants) {
	await page.goto(`${ORG}/activities/new`);
	await page.locator('#f-title').fill(title);
	await page.getByLabel('Taalcafé voor nieuwkomers').check();
	await page.getByLabel(made, { exact: true }).check();
	await page.locator('#f-participants').fill(String(participants));
	await Promise.all([
		page.waitForURL(/\/activities\/\d+\?klaar=nieuw$/),
		page.getByRole('button', { name: 'Activiteit opslaan' }).click(),
	]);
	await page.getByText(`${participants} deelnemers`).waitFor();
}

test('a shared goal with two SMART subgoals, three activities logged (one on a phone), and the progress moves', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// step 5: the shared goal, written by Sascha with the community
	await page.goto(`${ORG}/communities/1/goals`);
	await page.locator('#nieuw-shared-text').fill('De deelnemers maken het taalcafé steeds meer van zichzelf.');
	await Promise.all([
		page.waitForURL(/\/goals\?klaar=opgeslagen#doel-\d+$/),
		page.getByRole('button', { name: 'Doel opslaan' }).click(),
	]);
	const goalId = Number(/#doel-(\d+)$/.exec(page.url())[1]);
	const acts = await addSubgoal(page, goalId, 'Tien activiteiten dit jaar', 'Aantal activiteiten', 10);
	const people = await addSubgoal(page, goalId, 'Tweehonderd keer iemand erbij', 'Aantal deelnemers', 200);
	await page.goto(`${ORG}/communities/1/goals#subdoel-${acts}`);
	const acts0 = await now(page, acts), people0 = await now(page, people);
	await checkPage(page, 'steps56-01-goal');

	// step 6: two activities at the desk
	await logActivity(page, 'Taalcafé: oefenen voor de huisarts', 'Met', 18);
	await logActivity(page, 'Taalcafé: samen de krant lezen', 'Voor', 11);

	// and Fatima, ambassadeur, on her phone right after the evening the group made itself
	const phone = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(phone.page, 'fatima@voorbeeld.nl');
	await logActivity(phone.page, 'Kookavond door de groep', 'Door', 9);
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'steps56-02-phone-activity');
	// she sees the progress of her community's goal move, on her phone too
	await phone.page.goto(`${ORG}/communities/1/goals#subdoel-${acts}`);
	assert.equal(await now(phone.page, acts), acts0 + 3);
	await checkPage(phone.page, 'steps56-03-phone-goals');
	await phone.context.close();

	// the progress moved by exactly what was logged
	await page.goto(`${ORG}/communities/1/goals#subdoel-${acts}`);
	assert.equal(await now(page, acts), acts0 + 3, 'three activities more');
	assert.equal(await now(page, people), people0 + 18 + 11 + 9, 'their participants counted');
	await checkPage(page, 'steps56-04-moved');

	// the community's page shows the goal's progress and the new activities
	await page.goto(`${ORG}/communities/1`);
	assert.ok(await page.getByText('Kookavond door de groep').first().isVisible(), 'the last activities');
	assert.ok(await page.locator('#doelen').getByText('Tien activiteiten dit jaar').isVisible(), 'the goal on the profile');
	await checkPage(page, 'steps56-05-profile');
	await context.close();
});
