// npm run screenshot: the README's and the docs' picture of the playground,
// taken from the built page (dist/) in headless Chromium: the spiral trained
// for a few hundred epochs, then paused, at 1280 × 800.
// Usage: node scripts/screenshot.mjs [--out docs/screenshot.png] [--epochs 400]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const OUT = resolve(root, arg('--out', 'docs/screenshot.png'));
const EPOCHS = Number(arg('--epochs', '400'));
const DIST = join(root, 'dist');
const HASH = 'dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&networkShape=8,8,6&activation=tanh&learningRate=0.03&batchSize=10&epochsPerFrame=10';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is missing: apt-get install chromium');

const server = createServer((req, res) => {
  let file = normalize(join(DIST, decodeURIComponent((req.url ?? '/').split('?')[0])));
  if (!file.startsWith(DIST)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/#${HASH}`);
  await page.waitForFunction(() => window.nnp !== undefined);
  await page.evaluate(() => window.nnp.ready);
  await page.evaluate(() => window.nnp.play());
  await page.waitForFunction((n) => window.nnp.debug.epoch() >= n, EPOCHS, { timeout: 120_000 });
  await page.evaluate(() => window.nnp.pause());
  // Paused, the page draws the last answer at once; wait until no frame is pending.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
  await page.screenshot({ path: OUT });
  console.log(`written to ${OUT} (epoch ${await page.evaluate(() => window.nnp.debug.epoch())})`);
} finally {
  await browser.close();
  server.close();
}
