// instruments.test.mjs - the browser journey of the zelftest, the pulse and
// energy (issues 12 and 13): Sascha takes her zelftest from the menu and sees
// it over time; Marieke, with whom she shared it, reads it; Sascha opens the
// Taalcafé's pulse page and hands out the link; a member answers it on a
// phone without an account, and the same browser is told it already answered;
// the community page shows where the energy is, and the conversation form
// asks for it. Every page is checked with axe (WCAG 2.1 A and AA) and kept as
// a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, menuLink, clearScreens,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^instruments-/);
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

test('Sascha takes her zelftest; Marieke, with whom she shares it, reads it', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await (await menuLink(page, 'Zelftest')).click();
	await page.waitForURL(`**${ORG}/me/zelftest`);
	await page.getByRole('heading', { level: 1, name: 'Zelftest' }).waitFor();
	// the demo's two moments: a chart and a table with both dates
	assert.equal(await page.locator('svg[role="img"]').count(), 1, 'the chart');
	const table = page.locator('.kring-chart-table table');
	assert.equal(await table.locator('thead th').count(), 3, 'item column and two moments');
	assert.match(await page.locator('#h-zt-share').locator('..').innerText(), /Gedeeld met Marieke Jansen/);
	await checkPage(page, 'instruments-01-zelftest');

	// sending it with one statement open: the gap is named beside it, what was chosen stays
	const items = ['open', 'inchecken', 'gelijkwaardig', 'doorvragen', 'sociaal', 'bouwer', 'verbinder', 'aanjager'];
	for (const id of items.slice(1))
		await page.locator(`input[name="i_${id}"][value="4"]`).check();
	await Promise.all([
		page.waitForLoadState('load'),
		page.getByRole('button', { name: 'Zelftest bewaren' }).click(),
	]);
	assert.match(await page.locator('#i_open').innerText(), /Kies hoe goed deze uitspraak nu bij je past/);
	assert.ok(await page.locator('input[name="i_verbinder"][value="4"]').isChecked(), 'the choices are kept');
	await checkPage(page, 'instruments-02-zelftest-missing');
	await page.locator('input[name="i_open"][value="5"]').check();
	await Promise.all([
		page.waitForURL(/klaar=opgeslagen/),
		page.getByRole('button', { name: 'Zelftest bewaren' }).click(),
	]);
	assert.match(await page.locator('.kring-notice, [role="status"]').first().innerText(), /bewaard/);
	assert.equal(await table.locator('thead th').count(), 4, 'now three moments');
	await checkPage(page, 'instruments-03-zelftest-saved');
	await context.close();

	// Marieke reads it from its own address
	const m = await newPage(browser, kring.base);
	await login(m.page, 'marieke@desleutel.nl');
	const people = await m.page.goto(`${ORG}/people`);
	assert.equal(people.status(), 200);
	const href = await m.page.getByRole('link', { name: /Sascha de Vries/ }).first().getAttribute('href');
	const id = href.match(/people\/(\d+)/)[1];
	const res = await m.page.goto(`${ORG}/people/${id}/zelftest`);
	assert.equal(res.status(), 200);
	await m.page.getByRole('heading', { level: 1, name: 'Zelftest van Sascha de Vries' }).waitFor();
	await checkPage(m.page, 'instruments-04-zelftest-shared');
	await m.context.close();
});

test('the pulse: Sascha hands out the link, a member answers on a phone without an account', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/communities/1`);
	// where the energy is: a small line with its numbers beside it
	await page.getByRole('heading', { level: 2, name: 'Waar de energie zit' }).waitFor();
	assert.equal(await page.locator('svg.kring-sparkline').count(), 1);
	await page.getByRole('link', { name: 'Naar de vragenlijst en de uitkomsten' }).click();
	await page.waitForURL(`**${ORG}/communities/1/pulse`);
	// two closed rounds with results, an open one with three answers: its count only
	const rows = page.locator('.kring-chart-table tbody tr');
	assert.equal(await rows.count(), 3);
	assert.match(await rows.nth(0).innerText(), /Minder dan 5 antwoorden: geen uitkomsten/);
	assert.doesNotMatch(await rows.nth(1).innerText(), /Minder dan/);
	await checkPage(page, 'instruments-05-pulse');
	const link = await page.locator('input.kring-link').inputValue();
	assert.match(link, /\/s\/[A-Za-z0-9_-]{43}$/);
	await context.close();

	// a member of the Taalcafé, on a phone, no account
	const p = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await p.page.goto(new URL(link).pathname);
	await p.page.getByRole('heading', { level: 1, name: 'Hoe voelt deze community?' }).waitFor();
	assert.equal(await horizontalOverflow(p.page), 0, `no sideways scrolling: ${await widestElements(p.page)}`);
	await checkPage(p.page, 'instruments-06-pulse-answer-phone');
	for (const id of ['be1', 'be2', 've1', 've2', 'ha1', 'ha2', 'ku1', 'ku2'])
		await p.page.locator(`input[name="s_${id}"][value="4"]`).check();
	await p.page.locator('#open').fill('Meer <b>samen</b> doen');
	await Promise.all([
		p.page.waitForURL(/klaar=bedankt/),
		p.page.getByRole('button', { name: 'Versturen' }).click(),
	]);
	assert.match(await p.page.locator('main').innerText(), /Dank je wel/);
	await checkPage(p.page, 'instruments-07-pulse-thanks-phone');
	// the same browser again: told, no form
	await p.page.goto(new URL(link).pathname);
	assert.match(await p.page.locator('main').innerText(), /al ingevuld/);
	assert.equal(await p.page.locator('input[name="s_be1"]').count(), 0);
	await p.context.close();
});

test('a conversation carries an energy mark', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/conversations/new?community=1`);
	const group = page.getByRole('group', { name: /Waar zit de energie/ });
	await group.waitFor();
	await group.getByLabel('5 · veel').check();
	await checkPage(page, 'instruments-08-conversation-energy');
	await context.close();
});
