import { chromium } from 'playwright-core';
const [,, base, user, width, ...paths] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: +width, height: 900 } });
await p.goto(base + '/login');
await p.fill('input[name=email]', user);
await p.fill('input[name=password]', 'welkom-in-de-bieb');
await p.click('button[type=submit]');
for (const path of paths) {
  await p.goto(base + path);
  const name = '/tmp/shot_' + path.replace(/[^a-z0-9]+/gi, '_') + '_' + width + '.png';
  await p.screenshot({ path: name, fullPage: true });
  console.log(name);
}
await b.close();
