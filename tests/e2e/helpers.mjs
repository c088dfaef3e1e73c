// helpers.mjs - shared pieces of kring's browser tests: a private kring server
// on a fresh demo database, Chromium through playwright-core, axe checks and
// screenshots. Not a test file itself (node --test does not pick it up).

import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';
import { freshDatabase } from '../lib/database.mjs';
import { AxeBuilder } from '@axe-core/playwright';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENS = path.join(ROOT, 'test-results', 'screens');
export const PASSWORD = 'welkom-in-de-bieb';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/*
 * Start kring on a fresh demo database. The binary (env KRING_BIN, default
 * build/kring) is copied first, so a rebuild of build/ during the run cannot
 * pull it away from under the test.
 */
export async function startKring() {
	const bin = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
	assert.ok(existsSync(bin),
		`kring binary not found at ${bin}: build it (cmake -S . -B build && make -C build) or set KRING_BIN`);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kring-e2e-'));
	const copy = path.join(dir, 'kring');
	copyFileSync(bin, copy);
	const db = freshDatabase(dir);
	execFileSync(copy, ['demo', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });

	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(copy, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (d) => { log += d; });
	child.stderr.on('data', (d) => { log += d; });
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`kring serve stopped at once (exit ${child.exitCode}):\n${log}`);
		try {
			const res = await fetch(`${base}/healthz`);
			if (res.status === 200 && (await res.text()).trim() === 'ok')
				break;
		} catch { /* not listening yet */ }
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`kring did not answer /healthz within 10 s:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}

	return {
		base,
		db, // the database (a path or a PostgreSQL URL), for tests that insert rows with sql()
		log: () => log,
		/* SIGTERM, then wait; returns how it ended. */
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				const result = await exited;
				clearTimeout(timer);
				rmSync(dir, { recursive: true, force: true });
				return result;
			}
			rmSync(dir, { recursive: true, force: true });
			return { code: child.exitCode, signal: child.signalCode };
		},
	};
}

export async function launchBrowser() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		timeout: 30_000,
	});
}

/* A page in a fresh context (axe needs contexts, not browser.newPage()). */
export async function newPage(browser, base, options = {}) {
	const context = await browser.newContext({
		baseURL: base,
		viewport: DESKTOP,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		...options,
	});
	context.setDefaultTimeout(10_000);
	context.setDefaultNavigationTimeout(15_000);
	const page = await context.newPage();
	return { context, page };
}

function formatViolations(violations) {
	return violations.map((v) => {
		const nodes = v.nodes.map((n) =>
			`      ${n.target.join(' ')}\n        ${n.html}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`);
		return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
	}).join('\n');
}

/* Zero axe violations (WCAG 2.1 A and AA) on the page as it is now. Legacy mode runs
 * axe in the page itself, without the extra blank page that the default mode opens
 * to combine frame results: twice as fast, and kring uses no iframes. */
export async function expectNoAxeViolations(page, label) {
	const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
	const v = results.violations;
	assert.equal(v.length, 0,
		`axe found ${v.length} violation(s) on ${label} (${page.url()}):\n${formatViolations(v)}`);
	return results;
}

/* A full-page screenshot, or the part in clip ({x, y, width, height}). */
export async function screenshot(page, name, clip) {
	mkdirSync(SCREENS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENS, `${name}.png`), ...(clip ? { clip } : { fullPage: true }) });
}

/* Remove this file's old screenshots (names matching re), so none are stale. */
export function clearScreens(re) {
	if (!existsSync(SCREENS))
		return;
	for (const f of readdirSync(SCREENS))
		if (re.test(f))
			rmSync(path.join(SCREENS, f), { force: true });
}

/* Every page visited: axe check and a full-page screenshot. */
export async function checkPage(page, name) {
	await screenshot(page, name);
	await expectNoAxeViolations(page, name);
}

/* Log in through the form; waits for the page after the redirect. */
export async function login(page, email, password = PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.getByRole('button', { name: 'Inloggen' }).click(),
	]);
}

export async function logout(page) {
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.getByRole('button', { name: 'Uitloggen' }).click(),
	]);
}

/* Horizontal overflow of the whole document, in CSS pixels (0 is good): how far
 * scrollWidth goes past innerWidth, and past the width the viewport was set to
 * (with mobile emulation Chrome widens innerWidth to fit a page that is too wide). */
export async function horizontalOverflow(page) {
	const set = page.viewportSize().width;
	return page.evaluate((w) => document.scrollingElement.scrollWidth - Math.min(window.innerWidth, w), set);
}

/* The outermost elements that stick out to the right: what causes an overflow. */
export async function widestElements(page) {
	return page.evaluate((set) => {
		const w = Math.min(window.innerWidth, set);
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			const pr = el.parentElement.getBoundingClientRect();
			if (r.right > w + 0.5 && r.width > 0 && !(el.parentElement !== document.body && pr.right > w + 0.5)) {
				const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
				out.push(`${el.tagName.toLowerCase()}${cls} right=${Math.round(r.right)}`);
			}
		}
		return out.slice(0, 12);
	}, page.viewportSize().width);
}

/* The main menu as text, one entry per top-level item in order: a link ('Start'), or a
 * group with its links ('Werk: Communities, Partners'), whether the group is open or not. */
export async function menuOutline(page) {
	return page.locator('nav.kring-nav > ul').evaluate((ul) => [...ul.children].map((li) => {
		const summary = li.querySelector(':scope > details > summary');
		const links = [...li.querySelectorAll('a')].map((a) => a.textContent.trim());
		return summary ? `${summary.textContent.trim()}: ${links.join(', ')}` : links.join(', ');
	}));
}

/* A link of the main menu (Hoofdmenu), made visible as a person would: the phone's menu
 * button and the link's group (Werk, Koers, Beheer) are opened when they are closed. */
export async function menuLink(page, name) {
	const button = page.locator('.kring-menu__button');
	if (await button.isVisible() && !(await page.locator('.kring-menu').evaluate((d) => d.open)))
		await button.click();
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	const link = nav.getByRole('link', { name, exact: true });
	if (await link.count() === 0) {
		const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
		const group = nav.locator('.kring-nav__group')
			.filter({ has: page.locator('a.kring-nav__link', { hasText: exact }) });
		assert.equal(await group.count(), 1, `menu item "${name}" is in no group of the menu`);
		await group.locator('summary').click();
	}
	return link;
}
