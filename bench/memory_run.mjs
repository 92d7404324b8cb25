// A long run of the W2 network at the fastest setting in headless Chromium,
// printing memory as it goes: does anything grow with the epochs? (issue 9:
// the history is bounded in the engine and in the page.)
//
// Usage: npm run bench:memory   (MEMORY_MINUTES=10 by default, SAMPLE_SECONDS=30)
// Needs dist/ (npm run build). Writes test-output/memory-run.json.
//
// Measured per sample: epochs trained, the page's JS heap (CDP
// Performance.getMetrics), the rows of history the page holds, and the
// resident memory (VmRSS) of every Chromium process of this run, found by
// its own --user-data-dir.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const MINUTES = Number(process.env.MEMORY_MINUTES ?? 10);
const SAMPLE_SECONDS = Number(process.env.SAMPLE_SECONDS ?? 30);
// W2 (bench/wasm_bench.mjs): spiral, 7 inputs, six hidden layers of 8 tanh, batch 10.
const W2 =
  '#dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&networkShape=8,8,8,8,8,8&activation=tanh' +
  '&learningRate=0.03&batchSize=10&epochsPerFrame=1000';

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  let file = normalize(join(DIST, decodeURIComponent((req.url ?? '/').split(/[?#]/)[0])));
  if (!file.startsWith(DIST)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/${W2}`;

// Resident memory of this run's Chromium processes, in MB.
function chromiumRssMb(userDataDir) {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(userDataDir) && !cmd.includes('--type=')) continue;
      if (!cmd.includes(userDataDir)) {
        // A child (renderer, GPU, utility) names its parent's profile only
        // through the parent: follow the parent chain to ours.
        let parent = pid;
        let ours = false;
        for (let hops = 0; hops < 4 && !ours; hops++) {
          parent = /PPid:\s*(\d+)/.exec(readFileSync(`/proc/${parent}/status`, 'utf8'))?.[1] ?? '0';
          if (parent === '0' || parent === '1') break;
          ours = readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes(userDataDir);
        }
        if (!ours) continue;
      }
      kb += Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended while being read
    }
  }
  return Math.round(kb / 1024);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'nnp-memory-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const samples = [];
try {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.nnp !== undefined);
  await page.evaluate(() => window.nnp.ready);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024);
  };
  const sample = async (t) => {
    const s = await page.evaluate(() => {
      const d = window.nnp.debug;
      const h = d.history();
      return { epoch: d.epoch(), historyRows: (h.epoch ?? []).length };
    });
    const row = { minute: +(t / 60).toFixed(1), ...s, pageHeapMb: await heapMb(), chromiumRssMb: chromiumRssMb(userDataDir) };
    samples.push(row);
    console.log(JSON.stringify(row));
  };
  await sample(0);
  await page.click('[data-testid=play]');
  const start = Date.now();
  for (let t = SAMPLE_SECONDS; t <= MINUTES * 60; t += SAMPLE_SECONDS) {
    await page.waitForTimeout(Math.max(0, start + t * 1000 - Date.now()));
    await sample(t);
  }
  const status = await page.evaluate(() => document.querySelector('[data-testid=status]')?.textContent ?? '');
  const after = samples.slice(Math.min(2, samples.length - 1));
  const summary = {
    machine: `${process.env.BENCH_MACHINE ?? 'this machine'}, Chromium (headless, --disable-gpu)`,
    minutes: MINUTES,
    epochs: samples.at(-1).epoch,
    epochsPerSecond: Math.round(samples.at(-1).epoch / (MINUTES * 60)),
    historyRowsMax: Math.max(...samples.map((s) => s.historyRows)),
    pageHeapMb: { first: after[0].pageHeapMb, max: Math.max(...after.map((s) => s.pageHeapMb)), last: samples.at(-1).pageHeapMb },
    chromiumRssMb: { first: after[0].chromiumRssMb, max: Math.max(...after.map((s) => s.chromiumRssMb)), last: samples.at(-1).chromiumRssMb },
    pageErrors: errors,
    status,
  };
  console.log('\nW2 at the fastest setting for', MINUTES, 'minutes:');
  console.table([
    { what: 'epochs', value: summary.epochs },
    { what: 'epochs/s', value: summary.epochsPerSecond },
    { what: 'history rows held by the page (max)', value: summary.historyRowsMax },
    {
      what: `page JS heap MB (at ${after[0].minute} min / max / end)`,
      value: `${summary.pageHeapMb.first} / ${summary.pageHeapMb.max} / ${summary.pageHeapMb.last}`,
    },
    {
      what: `Chromium RSS MB (at ${after[0].minute} min / max / end)`,
      value: `${summary.chromiumRssMb.first} / ${summary.chromiumRssMb.max} / ${summary.chromiumRssMb.last}`,
    },
  ]);
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output/memory-run.json'), JSON.stringify({ summary, samples }, null, 1));
  if (errors.length) console.log('page errors:', errors);
} finally {
  await context.close();
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
