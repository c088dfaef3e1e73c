// accounts.test.mjs - the browser side of accounts and invitations (issues 13
// and 14): a medewerker invites a resident as ambassadeur from the community
// page, the resident accepts on her phone and lands in her community; a
// medewerker changes her own password and sees where she is logged in; the
// account pages at phone width without sideways scrolling and without
// JavaScript. Every page is checked with axe (WCAG 2.1 A and AA).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, PASSWORD, horizontalOverflow,
	widestElements,
} from './helpers.mjs';

let kring, browser;
const ORG = '/o/de-sleutel';
const PHONE_OPTS = { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

before(async () => {
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	if (kring) {
		const { code, signal } = await kring.stop();
		assert.ok(code === 0 || signal === 'SIGTERM', `kring stopped badly (${code}, ${signal})`);
	}
});

async function noSidewaysScroll(page, what) {
	const over = await horizontalOverflow(page);
	assert.equal(over, 0, `${what}: ${over}px sideways, widest: ${JSON.stringify(await widestElements(page))}`);
}

test('a medewerker invites a resident as ambassadeur; she accepts on her phone and lands in her community', { timeout: 60_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/communities`);
	const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	const cid = hrefs.map((h) => /^\/o\/de-sleutel\/communities\/(\d+)$/.exec(h || '')).find(Boolean)[1];
	await page.goto(`${ORG}/communities/${cid}`);
	await page.getByRole('link', { name: 'Een bewoner uitnodigen als ambassadeur' }).click();
	await page.waitForURL(`**${ORG}/communities/${cid}/invite`);
	await checkPage(page, 'accounts-01-invite-form');
	await page.getByLabel('Voor wie is de uitnodiging?').fill('Yara');
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/invite')),
		page.getByRole('button', { name: 'Uitnodigingslink maken' }).click(),
	]);
	await page.waitForLoadState();
	const link = await page.getByLabel('Link (selecteer en kopieer)').inputValue();
	assert.match(link, /\/invite\/[A-Za-z0-9_-]{43}$/);
	assert.match(await page.locator('main').innerText(), /Met deze link wordt Yara ambassadeur van/);
	await checkPage(page, 'accounts-02-invite-link');
	await context.close();

	// the resident, on her phone, without an account
	const phone = await newPage(browser, kring.base, PHONE_OPTS);
	const p = phone.page;
	await p.goto(link);
	await p.getByRole('heading', { level: 1, name: 'Welkom bij kring' }).waitFor();
	assert.match(await p.locator('main').innerText(), /als ambassadeur van de community/);
	await noSidewaysScroll(p, 'the invitation');
	await p.getByLabel('Je naam').fill('Yara Bakker');
	await p.getByLabel('Je e-mailadres').fill('yara@voorbeeld.nl');
	await p.getByLabel('Kies een wachtwoord').fill('kort');
	await p.getByLabel('Typ het wachtwoord nog een keer').fill('kort');
	await p.getByRole('button', { name: 'Account maken' }).click();
	await p.locator('#f-password-error').waitFor();
	assert.match(await p.locator('#f-password-error').innerText(), /minstens 10 tekens/);
	assert.equal(await p.getByLabel('Je naam').inputValue(), 'Yara Bakker', 'what she typed is kept');
	assert.equal(await p.getByLabel('Kies een wachtwoord').inputValue(), '', 'the password is not sent back');
	await checkPage(p, 'accounts-03-invite-accept-phone');
	await p.getByLabel('Kies een wachtwoord').fill('samen-lezen-2026');
	await p.getByLabel('Typ het wachtwoord nog een keer').fill('samen-lezen-2026');
	await Promise.all([
		p.waitForURL((u) => u.pathname === `${ORG}/communities/${cid}`),
		p.getByRole('button', { name: 'Account maken' }).click(),
	]);
	await checkPage(p, 'accounts-04-ambassadeur-in-her-community');
	// the link works once
	await p.goto(link);
	await p.getByRole('heading', { level: 1, name: 'Deze link werkt niet' }).waitFor();
	assert.match(await p.locator('main').innerText(), /al gebruikt/);
	await checkPage(p, 'accounts-05-link-used');
	await phone.context.close();
});

test('a medewerker changes her own password and sees where she is logged in (phone, no JavaScript too)', { timeout: 60_000 }, async () => {
	for (const js of [true, false]) {
		const { context, page } = await newPage(browser, kring.base, { ...PHONE_OPTS, javaScriptEnabled: js });
		const email = js ? 'jeroen@desleutel.nl' : 'anouk@rijnbrink.nl';
		const pw = js ? 'jeroen-nieuw-2026' : 'anouk-nieuw-2026';
		await login(page, email);
		assert.ok(await page.locator('header a[href="/account"]').count() >= 1, 'the header links to my account');
		await page.goto('/account');
		await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
		await noSidewaysScroll(page, '/account');
		if (js) await checkPage(page, 'accounts-06-account');
		await page.goto('/account/password');
		await page.getByLabel('Je huidige wachtwoord').fill('niet-het-goede');
		await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(pw);
		await page.getByLabel('Typ het nieuwe wachtwoord nog een keer').fill(pw);
		await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
		await page.locator('#f-current-error').waitFor();
		if (js) await checkPage(page, 'accounts-07-password-wrong');
		await page.getByLabel('Je huidige wachtwoord').fill(PASSWORD);
		await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(pw);
		await page.getByLabel('Typ het nieuwe wachtwoord nog een keer').fill(pw);
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/account/password' && u.search === '?klaar=1'),
			page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click(),
		]);
		assert.match(await page.locator('.kring-notice').innerText(), /Je wachtwoord is gewijzigd/);
		await noSidewaysScroll(page, '/account/password');
		if (js) await checkPage(page, 'accounts-08-password-changed');
		await page.goto('/account/sessions');
		assert.match(await page.locator('main').innerText(), /Deze sessie/);
		await noSidewaysScroll(page, '/account/sessions');
		if (js) await checkPage(page, 'accounts-09-sessions');
		await page.goto('/account/totp');
		await noSidewaysScroll(page, '/account/totp');
		await page.getByRole('button', { name: 'Instellen' }).click();
		await page.locator('#totp-secret').waitFor();
		await noSidewaysScroll(page, '/account/totp with the key');
		if (js) await checkPage(page, 'accounts-10-totp-setup');
		await context.clearCookies(); // logged out (the phone's menu is tested in access.test.mjs)
		await login(page, email, pw);
		assert.notEqual(new URL(page.url()).pathname, '/login', 'the new password works');
		await context.close();
	}
});

test('wachtwoord vergeten and a spent link: calm Dutch pages, axe clean', { timeout: 30_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base, PHONE_OPTS);
	await page.goto('/login');
	await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
	await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
	await checkPage(page, 'accounts-11-forgot');
	await page.goto(`/reset/${'A'.repeat(43)}`);
	await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet' }).waitFor();
	await checkPage(page, 'accounts-12-link-unknown');
	await context.close();
});
