import { chromium } from 'playwright-core';
const base = process.argv[2], email = process.argv[3], paths = process.argv.slice(4);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const vp of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
	const ctx = await b.newContext({ baseURL: base, viewport: vp, locale: 'nl-NL' });
	const p = await ctx.newPage();
	await p.goto('/login');
	await p.getByLabel('E-mailadres').fill(email);
	await p.getByLabel('Wachtwoord').fill('welkom-in-de-bieb');
	await p.getByRole('button', { name: 'Inloggen' }).click();
	await p.waitForLoadState();
	for (const path of paths) {
		await p.goto(path);
		const name = `/tmp/sigshots/${email.split('@')[0]}-${path.replace(/\W+/g, '_')}-${vp.width}.png`;
		await p.screenshot({ path: name, fullPage: true });
		console.log(name);
	}
	await ctx.close();
}
await b.close();
