// meetlat.test.mjs - the browser journey of issue 4 (M2, M3): a beheerder
// opens a meetlat round; a beheerder (directie), a medewerker on a phone
// (staf) and an anonymous colleague by link on a phone (frontoffice)
// answer; the round is closed and the results show the radar with the
// previous round, the fase with why, and the advice. On the way: step 1,
// step 2 with the vision exercise and its timer, and the adviser overview.
// Every page: zero axe violations (WCAG 2.1 A/AA) and a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, screenshot,
	horizontalOverflow, widestElements, PHONE, menuLink,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await kring?.stop();
});

/* Answers every statement of the form on the page with value v (one "weet ik niet"). */
async function fillMeetlat(page, group, v, comment) {
	await page.getByRole('radio', { name: group }).check();
	const names = await page.locator('input[type="radio"][name^="s_"]').evaluateAll(
		(els) => [...new Set(els.map((e) => e.name))]);
	assert.ok(names.length >= 20, `statements on the form: ${names.length}`);
	for (const [i, name] of names.entries())
		await page.locator(`input[name="${name}"][value="${i === 3 ? 0 : v}"]`).check();
	if (comment)
		await page.getByLabel('Toelichting bij Kennis en Competenties').fill(comment);
	await Promise.all([
		page.waitForURL(/klaar=ingevuld/),
		page.getByRole('button', { name: 'Antwoorden versturen' }).click(),
	]);
	await assert.doesNotReject(page.getByText('Dank je wel! Je antwoorden zijn opgeslagen.').waitFor());
}

async function noOverflow(page, label) {
	const over = await horizontalOverflow(page);
	assert.ok(over <= 0, `${label} is ${over}px too wide on a phone: ${(await widestElements(page)).join(', ')}`);
}

test('a meetlat round from opening to results, with three role groups', async () => {
	// the beheerder opens a round
	const { context: mc, page: m } = await newPage(browser, kring.base);
	await login(m, 'marieke@desleutel.nl');
	await (await menuLink(m, 'Meetlat')).click();
	await m.waitForURL(/\/o\/de-sleutel\/meetlat$/);
	await checkPage(m, 'meetlat-list');
	await m.getByLabel('Naam van de ronde').fill('Meetronde teamdag');
	await Promise.all([
		m.waitForURL(/\/meetlat\/\d+\?klaar=geopend/),
		m.getByRole('button', { name: 'Ronde openen' }).click(),
	]);
	const roundUrl = new URL(m.url()).pathname;
	await assert.doesNotReject(m.getByText('Er zijn nog geen antwoorden binnen.').waitFor());
	await checkPage(m, 'meetlat-round-open');
	const link = await m.getByLabel('Link voor deze ronde').inputValue();
	assert.match(link, /\/m\/[A-Za-z0-9_-]{43}$/);

	// 1. the beheerder answers for management
	await fillMeetlat(m, 'Directie en management', 4, 'We willen een training voor het hele team.');
	await assert.doesNotReject(m.getByText('Er is 1 antwoord binnen.').waitFor());

	// 2. a medewerker answers on a phone, for staff
	const { context: sc, page: s } = await newPage(browser, kring.base, { viewport: PHONE });
	await login(s, 'sascha@desleutel.nl');
	await s.goto(roundUrl);
	await checkPage(s, 'meetlat-answer-phone');
	await noOverflow(s, 'the answering form');
	// a mistake first: no group chosen
	await s.locator('input[name="s_cs1"][value="3"]').check();
	await s.getByRole('button', { name: 'Antwoorden versturen' }).click();
	await assert.doesNotReject(s.getByRole('alert').getByText('Kies waar je werkt.').waitFor());
	await checkPage(s, 'meetlat-answer-error-phone');
	await fillMeetlat(s, 'Staf, beleid en programma', 3);

	// 3. someone without an account answers by link, on a phone, for the front office
	const { context: ac, page: a } = await newPage(browser, kring.base, { viewport: PHONE });
	await a.goto(link);
	await assert.doesNotReject(a.getByRole('heading', { name: 'Meetlat van Bibliotheek De Sleutel' }).waitFor());
	await checkPage(a, 'meetlat-anonymous-phone');
	await noOverflow(a, 'the anonymous form');
	await fillMeetlat(a, 'Frontoffice en vestigingen', 2);
	await ac.close();

	// the count while open, then close
	await m.goto(roundUrl);
	await assert.doesNotReject(m.getByText('Er zijn 3 antwoorden binnen.').waitFor());
	// closing is a step of its own, away from the link, that says how many answered
	assert.equal(await m.getByRole('button', { name: 'Ronde sluiten en uitkomsten tonen' }).count(), 0);
	await Promise.all([
		m.waitForURL(/\/close$/),
		m.getByRole('link', { name: 'Ronde sluiten…' }).click(),
	]);
	await assert.doesNotReject(m.getByRole('heading', { name: 'Deze ronde sluiten?' }).waitFor());
	await assert.doesNotReject(m.getByText('Er zijn 3 antwoorden binnen.').waitFor());
	await checkPage(m, 'meetlat-close-confirm');
	await Promise.all([
		m.waitForURL(/klaar=gesloten/),
		m.getByRole('button', { name: 'Ronde sluiten en uitkomsten tonen' }).click(),
	]);

	// results: fase with why, radar with the previous round, table, groups, advice
	await assert.doesNotReject(m.getByRole('heading', { name: /^Fase \d: / }).waitFor());
	await assert.doesNotReject(m.getByRole('heading', { name: 'Waarom deze fase?' }).waitFor());
	const radar = m.getByRole('img', { name: /Score per bouwsteen: Meetronde teamdag/ });
	await assert.doesNotReject(radar.waitFor());
	assert.equal(await m.locator('svg.kring-radar polygon.kring-radar__now').count(), 1);
	assert.equal(await m.locator('svg.kring-radar polygon.kring-radar__before').count(), 1);
	await assert.doesNotReject(m.locator('svg.kring-radar text', { hasText: 'Vorige ronde (Tweede meting)' }).waitFor());
	const table = m.getByRole('table', { name: /Score per bouwsteen, op een schaal van 1 tot 5/ });
	assert.equal(await table.getByRole('row').count(), 6);
	// three answers of 4, 3 and 2 (with "weet ik niet" left out): every mean 3,0, n 3
	const kennis = table.getByRole('row', { name: /Kennis en Competenties/ });
	assert.deepEqual((await kennis.getByRole('cell').allInnerTexts()).slice(0, 3), ['3,0', '0,8', '3']);
	const groups = m.getByRole('table', { name: /per groep/ });
	await assert.doesNotReject(groups.waitFor());
	// one person per group: their cells are hidden, so nobody is recognised
	assert.equal(await groups.getByText('te weinig antwoorden om te tonen').count(), 15);
	await assert.doesNotReject(m.getByRole('heading', { name: 'Advies en ondersteuning' }).waitFor());
	await assert.doesNotReject(m.getByText('We willen een training voor het hele team.').waitFor());
	await checkPage(m, 'meetlat-results');
	await m.emulateMedia({ media: 'print' });
	await screenshot(m, 'meetlat-results-print');
	assert.equal(await m.locator('.kring-nav').isVisible(), false, 'no menu on paper');
	await m.emulateMedia({ media: 'screen' });

	// the medewerker sees the results too, on the phone
	await s.goto(roundUrl);
	await assert.doesNotReject(s.getByRole('heading', { name: 'Advies en ondersteuning' }).waitFor());
	await checkPage(s, 'meetlat-results-phone');
	await noOverflow(s, 'the results');
	await sc.close();
	await mc.close();
});

test('step 1, step 2 with the vision exercise and its timer', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto('/o/de-sleutel/readiness');
	await checkPage(page, 'readiness');
	for (const q of ['Heb je een team om verandering mee te maken?', 'Is er ondersteuning van de directie?'])
		await page.getByRole('group', { name: new RegExp(q.replace('?', '\\?')) }).getByRole('radio', { name: 'Ja' }).check();
	await page.getByRole('group', { name: /vaardigheden en competenties/ }).getByRole('radio', { name: 'Nee' }).check();
	await Promise.all([
		page.waitForURL(/opgeslagen=1/),
		page.getByRole('button', { name: 'Antwoorden opslaan' }).click(),
	]);
	await assert.doesNotReject(page.getByText(/Sascha de Vries: \d van de 6 vragen met ja/).waitFor());

	await page.goto('/o/de-sleutel/vision');
	await checkPage(page, 'vision');
	await page.getByLabel('Naam van de sessie').fill('Visie met de vestigingen');
	await Promise.all([
		page.waitForURL(/\/vision\/\d+$/),
		page.getByRole('button', { name: 'Sessie starten' }).click(),
	]);
	// the timer runs where JavaScript is on
	const timer = page.getByRole('timer');
	await assert.doesNotReject(timer.waitFor());
	assert.equal(await timer.innerText(), '10:00');
	await page.getByRole('button', { name: 'Start de tien minuten' }).click();
	await page.waitForFunction(() => document.querySelector('.kring-timer__time').textContent !== '10:00');
	await page.getByRole('button', { name: 'Pauze' }).click();
	await page.getByLabel('Zo ziet de bibliotheek er over tien jaar uit').fill(
		'De bibliotheek is een werkplaats van het dorp: iedereen deelt wat hij kan.');
	await Promise.all([page.waitForURL(/klaar=visie/), page.getByRole('button', { name: 'Visie bewaren' }).click()]);
	await checkPage(page, 'vision-session');
	await page.getByLabel('Onze gedeelde visie').fill('Samen maken we de bibliotheek van het dorp.');
	await Promise.all([page.waitForURL(/klaar=gedeeld/), page.getByRole('button', { name: 'Gedeelde visie opslaan' }).click()]);
	await assert.doesNotReject(page.getByText('Samen maken we de bibliotheek van het dorp.').waitFor());
	await context.close();

	// without JavaScript the page still works and says to set an alarm
	const { context: nojs, page: p2 } = await newPage(browser, kring.base, { javaScriptEnabled: false });
	await login(p2, 'sascha@desleutel.nl');
	await p2.goto('/o/de-sleutel/vision/1');
	await assert.doesNotReject(p2.getByText('Zet een wekker op tien minuten').waitFor());
	assert.equal(await p2.getByRole('timer').count(), 0);
	await nojs.close();
});

test('the adviser overview side by side, and no meetlat for an ambassadeur', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'anouk@rijnbrink.nl');
	await page.goto('/o/de-sleutel/');
	await page.getByRole('link', { name: 'Adviesoverzicht' }).click();
	await page.waitForURL(/\/adviser$/);
	const table = page.getByRole('table', { name: /Laatste meetronde per bibliotheek/ });
	await assert.doesNotReject(table.getByRole('columnheader', { name: 'Bibliotheek De Sleutel' }).waitFor());
	await assert.doesNotReject(table.getByRole('columnheader', { name: 'Bibliotheek Het Baken' }).waitFor());
	await checkPage(page, 'adviser');
	// the adviser coaches: step 1 without the questions form, with a word on why
	await page.goto('/o/de-sleutel/readiness');
	assert.equal(await page.getByRole('button', { name: 'Antwoorden opslaan' }).count(), 0);
	await assert.doesNotReject(page.getByText(/beantwoordt het team van de bibliotheek zelf/).waitFor());
	await checkPage(page, 'readiness-adviseur');
	await context.close();

	const { context: fc, page: f } = await newPage(browser, kring.base);
	await login(f, 'fatima@voorbeeld.nl');
	assert.equal(await f.getByRole('link', { name: 'Meetlat', includeHidden: true }).count(), 0);
	const res = await f.goto('/o/de-sleutel/meetlat');
	assert.equal(res.status(), 403);
	await checkPage(f, 'meetlat-ambassadeur-403');
	await fc.close();
});
