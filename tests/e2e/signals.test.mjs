// signals.test.mjs - the browser journey of Aandacht nodig (issue 10):
// Marieke, the manager, starts on the start page that says what to do today,
// opens Aandacht nodig from the menu, sets a signal aside with a reason until
// a date, sees it gone from the list (and listed as set aside), and restores
// it; a date in the past is refused beside the field, with her reason kept.
// On a phone too. Every page is checked with axe (WCAG 2.1 A and AA) and kept
// as a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, horizontalOverflow, menuLink,
} from './helpers.mjs';

let kring, browser;

before(async () => {
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

function inDays(n) {
	return new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
}

test('Marieke sets a signal aside on Aandacht nodig, sees it gone, and restores it', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'marieke@desleutel.nl');

	// the start page says what to do today
	await page.getByRole('heading', { level: 2, name: 'Mijn actiepunten' }).waitFor();
	await page.getByRole('heading', { level: 2, name: 'In het kort' }).waitFor();
	await checkPage(page, 'signals-01-home');

	await (await menuLink(page, 'Aandacht nodig')).click();
	await page.waitForURL(`**${ORG}/signals`);
	await page.getByRole('heading', { level: 1, name: 'Aandacht nodig' }).waitFor();
	await checkPage(page, 'signals-02-list');

	// the Oosterveld community lacks all three roles
	const group = page.locator('section', { has: page.getByRole('heading', { name: 'Samen voor Oosterveld: verhalen van het dorp' }) });
	const item = group.locator('li.kring-signal').first();
	const id = await item.getAttribute('id');
	assert.match(await item.innerText(), /Er is nog geen bouwer/);
	await item.locator('summary').click();
	await checkPage(page, 'signals-03-later-open');

	// a date in the past: refused beside the field, the reason kept
	await item.getByLabel('Tot en met').fill('2020-01-01');
	await item.getByLabel('Waarom later?').fill('Na de zomer zoeken we een bouwer');
	await Promise.all([page.waitForLoadState(), item.getByRole('button', { name: 'Leg opzij' }).click()]);
	const again = page.locator(`#${id}`);
	await again.getByText('Kies een datum na vandaag.').waitFor();
	assert.equal(await again.getByLabel('Waarom later?').inputValue(), 'Na de zomer zoeken we een bouwer');
	await checkPage(page, 'signals-04-later-refused');

	await again.getByLabel('Tot en met').fill(inDays(30));
	await Promise.all([
		page.waitForURL(/\/signals\?klaar=opzij$/),
		again.getByRole('button', { name: 'Leg opzij' }).click(),
	]);
	await page.getByText('Het signaal ligt opzij tot de datum die je koos.').waitFor();
	const aside = page.locator('.kring-signal-aside');
	assert.equal(await page.locator(`#${id}`).count(), 1, 'only once: in the set-aside list');
	assert.equal(await aside.locator(`#${id}`).count(), 1);
	assert.match(await aside.innerText(), /Na de zomer zoeken we een bouwer/);
	await checkPage(page, 'signals-05-set-aside');

	// restore it
	await Promise.all([
		page.waitForURL(/\/signals\?klaar=terug$/),
		aside.locator(`#${id}`).getByRole('button', { name: /Haal terug/ }).click(),
	]);
	await page.getByText('Het signaal staat weer in de lijst.').waitFor();
	assert.equal(await page.locator('.kring-signal-aside').count(), 0);
	assert.equal(await page.locator(`#${id}`).count(), 1);
	await checkPage(page, 'signals-06-restored');
	await context.close();
});

test('Aandacht nodig and the start page on a phone, and the ambassadeur\'s start page', async () => {
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE });
	await login(page, 'sascha@desleutel.nl');
	assert.equal(await horizontalOverflow(page), 0, 'the start page fits a phone');
	await checkPage(page, 'signals-07-phone-home');
	await page.goto(`${ORG}/signals`);
	assert.equal(await horizontalOverflow(page), 0, 'Aandacht nodig fits a phone');
	await checkPage(page, 'signals-08-phone-list');
	await context.close();

	const amb = await newPage(browser, kring.base);
	await login(amb.page, 'fatima@voorbeeld.nl');
	await amb.page.getByRole('heading', { level: 2, name: 'Doelen van jullie communities' }).waitFor();
	assert.equal(await amb.page.getByRole('heading', { name: 'Mijn actiepunten' }).count(), 0);
	await checkPage(amb.page, 'signals-09-ambassadeur-home');
	await amb.context.close();
});
