// route.test.mjs - the browser journey of Mijn route, my contribution and the
// Persoonlijk Impact Plan (issue 12a): a brand-new organisation's first login
// shows the route as the way in (laptop and phone); Sascha ticks a step of her
// route by hand and unticks it again, without JavaScript too; she writes her
// plan, prints it on A4 for the conversation with Marieke, shares it with
// Marieke, who reads it, and stops sharing. Every page is checked with axe
// (WCAG 2.1 A and AA) and kept as a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import {
	ROOT, PASSWORD, PHONE, startKring, launchBrowser, newPage, checkPage, login, logout,
	screenshot, horizontalOverflow, widestElements, clearScreens, menuLink,
} from './helpers.mjs';

let kring, browser;
const ORG = '/o/de-sleutel';

before(async () => {
	clearScreens(/^route-/);
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

function cli(args, input) {
	const bin = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
	return execFileSync(bin, [...args, '--db', kring.db], { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function noOverflow(page, label) {
	const over = await horizontalOverflow(page);
	assert.ok(over <= 0, `${label}: ${over}px wider than the phone (${(await widestElements(page)).join(', ')})`);
}

test('a brand-new organisation: the first login shows the route and the one next thing to do', { timeout: 120_000 }, async () => {
	cli(['org', 'add', '--slug', 'nieuwstad', '--name', 'Bibliotheek Nieuwstad']);
	cli(['user', 'add', '--email', 'eva@nieuwstad.nl', '--name', 'Eva Eerste', '--org', 'nieuwstad',
		'--role', 'beheerder'], `${PASSWORD}\n`);
	for (const [label, options] of [['laptop', {}], ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }]]) {
		const { context, page } = await newPage(browser, kring.base, options);
		await login(page, 'eva@nieuwstad.nl');
		await page.waitForURL('**/o/nieuwstad/');
		const block = page.locator('section.kring-route-first');
		await block.getByRole('heading', { name: 'Jouw route begint hier' }).waitFor();
		assert.ok(await block.getByText('Je staat bij stap 1 van 8').isVisible());
		assert.ok(await block.getByText('Beantwoord met je team de vragen van stap 1').isVisible(), 'the one next thing');
		const next = block.getByRole('link', { name: 'Stap 1: zijn jullie er klaar voor?' });
		assert.ok(await next.isVisible(), 'the next thing is a button to where it is done');
		await checkPage(page, `route-01-first-login-${label}`);
		if (label === 'phone')
			await noOverflow(page, 'first login on a phone');
		await Promise.all([page.waitForURL('**/o/nieuwstad/readiness'), next.click()]);
		await context.close();
	}
});

test('Sascha ticks a step of her route by hand and opens it again', { timeout: 120_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	assert.ok(await page.getByRole('link', { name: /Mijn route: stap 8 van 8/ }).isVisible(), 'the start page shows where she is');
	await (await menuLink(page, 'Mijn route')).click();
	await page.waitForURL(`**${ORG}/route`);
	await page.getByRole('heading', { level: 1, name: 'Mijn route' }).waitFor();
	// the demo: steps 1-7 seen in her work, step 8 opened again by hand
	assert.ok(await page.getByText('Nu aan de beurt: stap 8, Continueren.').isVisible());
	await checkPage(page, 'route-02-route');
	const step8 = page.locator('#stap-8');
	assert.ok(await step8.getByText('zelf weer opengezet').isVisible());
	await Promise.all([page.waitForURL(/opgeslagen=1#stap-8$/), step8.getByRole('button', { name: 'Afvinken' }).click()]);
	assert.ok(await page.getByText('Je hebt alle 8 stappen gezet').isVisible(), 'every step is done');
	assert.ok(await step8.getByText('kring zag het in je werk').isVisible(), 'ticked, the step follows the work again');
	await checkPage(page, 'route-03-ticked');
	await Promise.all([page.waitForURL(/opgeslagen=1#stap-8$/), step8.getByRole('button', { name: 'Weer openzetten' }).click()]);
	assert.ok(await page.getByText('Nu aan de beurt: stap 8, Continueren.').isVisible());
	await context.close();

	// on a phone: the route and my contribution fit
	const phone = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(phone.page, 'sascha@desleutel.nl');
	await phone.page.goto(`${ORG}/route`);
	await noOverflow(phone.page, 'the route on a phone');
	await checkPage(phone.page, 'route-04-route-phone');
	await phone.page.goto(`${ORG}/me`);
	await noOverflow(phone.page, 'my contribution on a phone');
	await checkPage(phone.page, 'route-05-me-phone');
	await phone.context.close();

	// ticking works without JavaScript
	const plain = await newPage(browser, kring.base, { javaScriptEnabled: false });
	await login(plain.page, 'sascha@desleutel.nl');
	await plain.page.goto(`${ORG}/route`);
	const step = plain.page.locator('#stap-8');
	await Promise.all([plain.page.waitForURL(/#stap-8$/), step.getByRole('button', { name: 'Afvinken' }).click()]);
	assert.ok(await step.getByText('kring zag het in je werk').isVisible(), 'ticked without JavaScript');
	await Promise.all([plain.page.waitForURL(/#stap-8$/), step.getByRole('button', { name: 'Weer openzetten' }).click()]);
	assert.ok(await step.getByText('zelf weer opengezet').isVisible(), 'opened again without JavaScript');
	assert.ok(await plain.page.getByText('Nu aan de beurt: stap 8, Continueren.').isVisible());
	await plain.context.close();
});

test('Sascha writes her impact plan, prints it on A4, shares it with Marieke and stops again', { timeout: 120_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await (await menuLink(page, 'Mijn bijdrage')).click();
	await page.waitForURL(`**${ORG}/me`);
	await page.getByRole('heading', { level: 1, name: 'Mijn bijdrage' }).waitFor();
	assert.ok(await page.getByRole('heading', { name: 'Mijn communities en rollen' }).isVisible());
	await checkPage(page, 'route-06-me');
	await page.getByRole('link', { name: 'Mijn Persoonlijk Impact Plan' }).click();
	await page.waitForURL(`**${ORG}/me/impact`);
	assert.ok(await page.getByText('niemand anders ziet het, ook een beheerder niet', { exact: false }).isVisible());
	await page.getByLabel('Wat ik ga leren').fill('Doorvragen in een gesprek; een brainstorm begeleiden; een verslag terugsturen.');
	await Promise.all([page.waitForURL(/opgeslagen=3$/), page.getByRole('button', { name: 'Plan opslaan' }).click()]);
	assert.ok(await page.getByText('Je plan is opgeslagen als versie 3.').isVisible());
	await checkPage(page, 'route-07-impact');

	// on paper: the plan itself, no form, no menu
	await page.emulateMedia({ media: 'print' });
	assert.ok(await page.locator('.kring-impact-sheet.kring-print-only').isVisible(), 'the plan prints');
	assert.equal(await page.locator('form').first().isVisible(), false, 'no form on paper');
	assert.equal(await page.locator('nav.kring-nav').isVisible(), false, 'no menu on paper');
	await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
	await screenshot(page, 'route-08-impact-print');
	await page.emulateMedia({ media: 'screen' });
	await page.setViewportSize({ width: 1280, height: 800 });

	// shared with Marieke
	await page.getByLabel('Deel met').selectOption({ label: 'Marieke Jansen' });
	await Promise.all([page.waitForURL(/gedeeld=1$/), page.getByRole('button', { name: 'Delen' }).click()]);
	assert.ok(await page.getByText(/Je plan is gedeeld met Marieke Jansen sinds/).isVisible());
	await checkPage(page, 'route-09-shared');
	await logout(page);
	await login(page, 'marieke@desleutel.nl');
	await page.goto(`${ORG}/me`);
	await page.getByRole('link', { name: 'Persoonlijk Impact Plan van Sascha de Vries' }).click();
	await page.getByRole('heading', { level: 1, name: 'Persoonlijk Impact Plan van Sascha de Vries' }).waitFor();
	assert.ok(await page.getByText('een verslag terugsturen', { exact: false }).isVisible(), 'Marieke reads the plan');
	const sharedUrl = page.url();
	await checkPage(page, 'route-10-shared-read');
	await logout(page);

	// Sascha stops sharing: Marieke no longer reads it
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/me/impact`);
	await Promise.all([page.waitForURL(/niet-gedeeld=1$/), page.getByRole('button', { name: 'Stoppen met delen' }).click()]);
	assert.ok(await page.getByText('Je plan is met niemand gedeeld.').isVisible());
	await logout(page);
	await login(page, 'marieke@desleutel.nl');
	await page.goto(sharedUrl);
	assert.ok(await page.getByText('geen Persoonlijk Impact Plan met jou gedeeld', { exact: false }).isVisible());
	assert.equal(await page.getByText('een verslag terugsturen', { exact: false }).count(), 0, 'nothing of the plan');
	await checkPage(page, 'route-11-not-shared');
	await context.close();
});
