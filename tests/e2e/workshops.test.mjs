// workshops.test.mjs - the browser journey of team workshops (M11, issue
// 12): Sascha finds Workshops in the menu, plans a session from the pilot's
// template (seed 004) and sees kring compute the clock times and the end,
// moves a row down without JavaScript, is told beside the field that a row
// of 0 minutes cannot be, and prints the agenda on one A4. The held demo
// workshop takes attendance and an evaluation. Every page is checked with
// axe (WCAG 2.1 A and AA) and kept as a screenshot, at 1280 px and 390 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, SCREENS,
	horizontalOverflow, widestElements, clearScreens, menuLink,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^workshops-/);
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

/* The clock times and topics of the agenda, in order. */
async function agenda(page) {
	return page.locator('.kring-agenda__table tbody tr').evaluateAll((rows) => rows.map((tr) =>
		`${tr.querySelector('.kring-agenda__clock').textContent.trim()} ${tr.querySelector('.kring-agenda__title').textContent.trim()}`));
}

test('Sascha plans a workshop from the pilot\'s template, reorders it and prints it on one A4', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await (await menuLink(page, 'Workshops')).click();
	await page.waitForURL(`**${ORG}/workshops`);
	await page.getByRole('heading', { level: 1, name: 'Workshops' }).waitFor();
	assert.ok(await page.getByText('kring rekent de kloktijden', { exact: false }).isVisible(), 'the page explains itself');
	assert.ok(await page.getByRole('link', { name: 'Teamworkshop het netwerkgesprek' }).isVisible(), 'the planned demo workshop');
	await checkPage(page, 'workshops-01-list');

	// from the template
	await page.getByLabel('Datum').first().fill(day(30));
	await Promise.all([
		page.waitForURL(/\/workshops\/\d+\?klaar=nieuw$/),
		page.getByRole('button', { name: 'Workshop uit sjabloon maken' }).click(),
	]);
	await page.getByRole('heading', { level: 1, name: 'Teamworkshop werken in netwerken' }).waitFor();
	assert.deepEqual(await agenda(page), [
		'09:45 Waarom werken in netwerken?',
		'10:15 Bespreken van aansprekende voorbeelden',
		'10:40 Brainstorm mogelijke netwerkpartners of bestaande netwerken',
		'11:10 Welke vragen, belemmeringen of zorgen heb je nog over ondernemen in netwerken?',
		'11:40 Opfrissen: voorbereiden en uitvoeren van een netwerkgesprek',
		'11:55 Afspraken, open eindjes, vervolg',
	]);
	assert.equal((await page.locator('.kring-agenda__end .kring-agenda__clock').textContent()).trim(), '12:05');
	await checkPage(page, 'workshops-02-template');

	// the first row one place down: a small form, no script
	await Promise.all([
		page.waitForURL(/#onderdeel-\d+$/),
		page.getByRole('button', { name: /^Omlaag\s*:\s*Waarom werken in netwerken\?$/ }).click(),
	]);
	const moved = await agenda(page);
	assert.equal(moved[0], '09:45 Bespreken van aansprekende voorbeelden');
	assert.equal(moved[1], '10:10 Waarom werken in netwerken?');
	assert.equal(moved[2], '10:40 Brainstorm mogelijke netwerkpartners of bestaande netwerken');

	// a row of 0 minutes: the message beside the field, nothing saved
	const add = page.locator('#toevoegen');
	await add.getByLabel('Duur in minuten').fill('0');
	await add.getByLabel('Onderwerp').fill('Koffie');
	await add.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
	await page.locator('#nieuw-minutes-error').waitFor();
	assert.match(await page.locator('#nieuw-minutes-error').textContent(), /minstens 1 minuut/);
	assert.equal(await page.locator('#nieuw-topic').inputValue(), 'Koffie', 'what was typed is kept');
	assert.equal((await agenda(page)).length, 6, 'nothing saved');
	await checkPage(page, 'workshops-03-error');

	// a good row: the end moves on
	await add.getByLabel('Duur in minuten').fill('15');
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen#onderdeel-\d+$/),
		add.getByRole('button', { name: 'Onderdeel toevoegen' }).click(),
	]);
	assert.equal((await agenda(page)).at(-1), '12:05 Koffie');
	assert.equal((await page.locator('.kring-agenda__end .kring-agenda__clock').textContent()).trim(), '12:20');

	// a row's own page: change it, and the end moves with it
	await Promise.all([
		page.waitForURL(/\/rows\/\d+$/),
		page.getByRole('link', { name: /^Wijzigen\s*:\s*Koffie$/ }).click(),
	]);
	await page.getByRole('heading', { level: 1, name: 'Onderdeel wijzigen' }).waitFor();
	await checkPage(page, 'workshops-04-row');
	await page.getByLabel('Duur in minuten').fill('20');
	await page.getByLabel('Materiaal').fill('Koffie en thee');
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen#onderdeel-\d+$/),
		page.getByRole('button', { name: 'Opslaan' }).click(),
	]);
	assert.equal((await page.locator('.kring-agenda__end .kring-agenda__clock').textContent()).trim(), '12:25');
	// deleting asks first
	await page.getByRole('link', { name: 'Workshop verwijderen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Workshop verwijderen?' }).waitFor();
	await checkPage(page, 'workshops-05-delete');
	await page.getByRole('link', { name: 'Nee, terug naar de workshop' }).click();
	await page.getByRole('heading', { level: 1, name: 'Teamworkshop werken in netwerken' }).waitFor();

	// print: the agenda without buttons or forms, on one A4
	await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
	await page.emulateMedia({ media: 'print' });
	assert.ok(!(await page.locator('#toevoegen').isVisible()), 'no form on paper');
	assert.ok(!(await page.getByRole('button', { name: /Omlaag/ }).first().isVisible()), 'no buttons on paper');
	mkdirSync(SCREENS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENS, 'workshops-06-print.png'), fullPage: true });
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
	assert.equal(pages, 1, `the agenda prints on one A4 (got ${pages} pages)`);
	await page.emulateMedia({ media: 'screen' });
	await context.close();
});

test('after the pilot\'s workshop: attendance and a short evaluation, on a phone', async () => {
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE });
	await login(page, 'marieke@desleutel.nl');
	await page.goto(`${ORG}/workshops/1`);
	await page.getByRole('heading', { level: 1, name: 'Teamworkshop werken in netwerken' }).waitFor();
	assert.ok(await page.getByText('Aanwezig: 3 medewerkers en 9 anderen.').isVisible(), 'the demo holds the attendance');
	assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling at 390 px: ${await widestElements(page)}`);
	await checkPage(page, 'workshops-07-phone');

	const after = page.locator('#na-afloop');
	await after.getByText('Wie waren er, en hoe ging het?').click(); // the form folds open
	await after.getByLabel('Jeroen Bakker').uncheck();
	await after.getByLabel('Aantal anderen').fill('10');
	await after.getByLabel('Cijfer voor de workshop').selectOption('3');
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen#na-afloop$/),
		after.getByRole('button', { name: 'Na afloop opslaan' }).click(),
	]);
	assert.ok(await page.getByText('Aanwezig: 2 medewerkers en 10 anderen. Cijfer: 3 van 5').isVisible());
	assert.ok(await after.getByRole('link', { name: 'Start een meetlatronde' }).isVisible(), 'the outcome can feed a meetlat round');
	await checkPage(page, 'workshops-08-evaluated');
	await context.close();
});
