// The Chromium part of `npm run bench`: the W2 workload where users are.
//  1. The engine alone in a Chromium page (build/wasm): one epoch, the train/test
//     loss, the 100x100 grid of every neuron, and a fresh copy of that grid out of
//     wasm memory against a copy into a reused buffer.
//  2. The page itself (dist/) with W2 at 1 epoch a frame and at the fastest
//     option, unthrottled and at 4× CPU slowdown (page_run.mjs): frames/s,
//     epochs/s, new pictures/s, main-thread ms per frame, the worker's ms per
//     epoch and per picture, a 2 s trace of each (trace_breakdown.mjs), clicks on
//     the plane timed to the frame that draws their point, the first map's time
//     and the first view's weight; then the goals (page_goals.mjs).
// Prints a table and writes test-output/page-bench.json (or --out FILE).
// Usage: node bench/page_bench.mjs [--seconds 4] [--port 5303] [--out FILE] [--dist DIR]
// (--dist: another build of the page, e.g. of an older commit, to compare)
// Timings on a shared machine vary: this prints, it asserts nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { goals } from './page_goals.mjs';
import { pageRun } from './page_run.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SECONDS = Number(arg('--seconds', '4'));
const PORT = Number(arg('--port', '5303'));
const OUT = resolve(root, arg('--out', 'test-output/page-bench.json'));
const DIST = resolve(root, arg('--dist', 'dist'));
const WASM = join(root, 'build/wasm');

// W2 as an engine config (bench/wasm_bench.mjs has it too; page_run.mjs as the page's settings).
const TRACE_MS = 2000;
const FASTEST = 100; // the largest preset of epochsPerFrame (settings/schema.ts), issue 22's "fastest option"
const SLOWDOWN = 4; // CDP's CPU throttling rate: the stand-in for a cheap laptop
const W2_CONFIG = {
  dataset: 'spiral',
  samples: 500,
  train_ratio: 0.5,
  features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2'],
  hidden: Array.from({ length: 6 }, () => ({ width: 8, activation: 'tanh' })),
  output: 'tanh_mse',
  optimizer: { kind: 'sgd', learning_rate: 0.03 },
  batch_size: 10,
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

// dist/ at /, build/wasm at /engine/, and a blank page for the engine-alone run.
function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0].split('#')[0]);
    if (path === '/engine-bench.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end('<!doctype html><title>engine bench</title>');
      return;
    }
    const [base, rel] = path.startsWith('/engine/') ? [WASM, path.slice('/engine/'.length)] : [DIST, path.slice(1)];
    let file = normalize(join(base, rel));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(PORT, '127.0.0.1', () => ok(server));
  });
}

async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nnp-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, close: async () => (await context.close(), rmSync(userDataDir, { recursive: true, force: true })) };
}

// 1. The engine alone: the same timing rule as wasm_bench.mjs (a warm-up call,
// then the best of 7 batches of 0.1 s), inside Chromium.
async function engineAlone(context, base) {
  const page = await context.newPage();
  await page.goto(`${base}engine-bench.html`);
  const figures = await page.evaluate(async (config) => {
    const { default: factory } = await import('/engine/nnp.js');
    const mod = await factory();
    const check = (ok) => {
      if (ok === false || ok === null || ok === -1) throw new Error(mod.takeError());
      return ok;
    };
    const msPerCall = (fn) => {
      fn();
      let best = Infinity;
      for (let b = 0; b < 7; ++b) {
        let calls = 0;
        const start = performance.now();
        let elapsed = 0;
        do {
          fn();
          ++calls;
          elapsed = performance.now() - start;
        } while (elapsed < 100);
        best = Math.min(best, elapsed / calls);
      }
      return best;
    };
    const p = new mod.Playground();
    try {
      check(p.configure(JSON.stringify(config), null, null)); // no points, no held-out flags
      const f = {};
      f.epoch_stats_ms = msPerCall(() => check(p.trainEpochs(10))) / 10;
      f.loss_ms = msPerCall(() => check(p.evaluate()));
      f.epoch_ms = f.epoch_stats_ms - f.loss_ms;
      f.grid_ms = msPerCall(() => check(p.grid(100, -6, 6)));
      const view = check(p.grid(100, -6, 6)).values;
      const reused = new Float32Array(view.length);
      f.grid_bytes = view.byteLength;
      f.fresh_copy_ms = msPerCall(() => check(p.grid(100, -6, 6)).values.slice()) - f.grid_ms;
      f.reused_copy_ms = msPerCall(() => reused.set(check(p.grid(100, -6, 6)).values)) - f.grid_ms;
      f.frame_ms = f.epoch_stats_ms + f.grid_ms;
      return f;
    } finally {
      p.delete();
    }
  }, W2_CONFIG);
  await page.close();
  return figures;
}

const runLabel = (r) => `${r.epochsPerFrame} epf${r.throttle === 1 ? '' : ` ${r.throttle}× slow`}`;
const f = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));

function print(result) {
  const e = result.engine;
  console.log(`Chromium benchmark, W2 (${result.machine}, load average ${result.loadAverageAtStart.toFixed(1)} at the start; ${result.chromium})`);
  console.log('Engine alone in a Chromium page (ms, best of 7 batches):');
  console.log(
    `  epoch ${f(e.epoch_ms, 3)}  train+test loss ${f(e.loss_ms, 3)}  grid 100x100 (all ${Math.round(e.grid_bytes / 4 / 10000)} maps) ${f(e.grid_ms, 3)}  frame (epoch+loss+grid) ${f(e.frame_ms, 3)}`,
  );
  console.log(
    `  copying the grid (${(e.grid_bytes / 1e6).toFixed(2)} MB) out of wasm memory: fresh ${f(e.fresh_copy_ms, 3)}, into a reused buffer ${f(e.reused_copy_ms, 3)}`,
  );
  const rows = [
    ['frames/s', 'fps', 1],
    ['epochs/s', 'epochsPerSecond', 0],
    ['map updates/s', 'mapUpdatesPerSecond', 1],
    ['main ms/frame', 'mainMsPerFrame', 2],
    ['  script ms/frame', 'scriptMsPerFrame', 2],
    ['  layout ms/frame', 'layoutMsPerFrame', 2],
    ['  style ms/frame', 'styleMsPerFrame', 2],
    ['  layouts/frame', 'layoutsPerFrame', 2],
    ['main busy %', 'mainBusyPercent', 0],
    ['worker ms/epoch', 'workerMsPerEpoch', 3],
    ['worker ms/snapshot', 'workerMsPerSnapshot', 2],
    ['worker busy %', 'workerBusyPercent', 0],
    ['click drawn ms (median)', (r) => r.clicks.median, 0],
    ['click drawn ms (max)', (r) => r.clicks.max, 0],
    ['first diagram ms', 'firstDiagramMs', 0],
    ['first map ms', 'firstMapMs', 0],
  ];
  const runs = result.page;
  console.log(`The page (dist/), W2, ${SECONDS} s of training each:`);
  const line = (label, vals) => console.log([label, ...vals].map((s, i) => (i ? s.padStart(18) : s.padEnd(20))).join(''));
  line('', runs.map(runLabel));
  for (const [label, key, digits] of rows)
    line(
      label,
      runs.map((r) => f(typeof key === 'function' ? key(r) : r[key], digits)),
    );
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.trace.main)))].sort((a, b) => runs[0].trace.main[b] - runs[0].trace.main[a]);
  // Wall time, then CPU time: what the main thread's work costs, whatever else the cores run.
  const byKind = (title, label, total, part) => {
    console.log(title);
    line(
      label,
      runs.map((r) => f(total(r), 2)),
    );
    for (const k of kinds)
      line(
        `    ${k}`,
        runs.map((r) => f(part(r)[k] ?? 0, 2)),
      );
  };
  byKind(
    `A ${TRACE_MS / 1000} s Chromium trace after that, the main thread's self time ms/frame by kind:`,
    '  traced main',
    (r) => r.trace.mainMsPerFrame,
    (r) => r.trace.main,
  );
  byKind(
    "The same trace in the main thread's CPU time, ms/frame by kind:",
    '  main CPU',
    (r) => r.trace.mainCpuMsPerFrame,
    (r) => r.trace.mainCpu,
  );
  console.log("  threads' busy ms a second (all processes; 2 cores give 2,000):");
  for (const r of runs) console.log(`    ${runLabel(r)}: ${r.trace.threads.map((t) => `${t.thread} ${t.busyMsPerSecond.toFixed(0)}`).join(', ')}`);
  const w = runs[0].firstViewGzipBytes;
  const kB = (b) => (b / 1000).toFixed(1);
  console.log(
    `first view, gzip -9: ${kB(w.total)} kB = wasm ${kB(w.wasm)} + page JS ${kB(w.js)} + worker ${kB(w.worker)} + CSS ${kB(w.css)} + HTML ${kB(w.html)}`,
  );
  console.log('  by file (gzip -9): ' + runs[0].firstViewFiles.map((x) => `${x.file} ${kB(x.gzipBytes)}`).join(', '));
  const after = runs[0].afterFirstView;
  if (after.length)
    console.log('  loaded after the first map (idle or on first use, not counted): ' + after.map((x) => `${x.file} ${kB(x.gzipBytes)}`).join(', '));
  console.log(`Goals (issue 22's at ${SLOWDOWN}× slowdown, issue 12's; ${result.machine}; load average ${result.loadAverageAtStart.toFixed(2)} at the start):`);
  for (const g of result.goals) {
    console.log(`  ${g.met ? 'met    ' : 'NOT met'}  ${g.goal}: ${g.measured}`);
    if (!g.met) console.log(`           parts: ${g.parts}`);
  }
  for (const r of runs) if (r.errors.length) console.log(`page errors at ${runLabel(r)}: ${r.errors.join('; ')}`);
  console.log(`written to ${OUT}`);
}

if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build --config web/vite.config.ts` first');
if (!existsSync(join(WASM, 'nnp.js'))) throw new Error('build/wasm/nnp.js is missing: build the wasm module first');
const server = await serve();
const base = `http://127.0.0.1:${PORT}/`;
const browser = await launch();
try {
  const result = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    cpuModel: cpus()[0]?.model ?? 'unknown CPU',
    cores: cpus().length,
    loadAverageAtStart: loadavg()[0], // other work on the machine slows every figure
    loadAveragesAtStart: loadavg(), // 1, 5 and 15 minutes
    chromium: `Chromium ${browser.context.browser()?.version() ?? ''}`.trim(),
    date: new Date().toISOString(),
    seconds: SECONDS,
    engine: await engineAlone(browser.context, base),
    page: [],
  };
  // Unthrottled, then slowed down: 1 epoch a frame and the fastest option.
  for (const throttle of [1, SLOWDOWN])
    for (const epf of [1, FASTEST]) result.page.push(await pageRun(browser.context, base, epf, { seconds: SECONDS, throttle }));
  const [one, fast, slowOne, slowFast] = result.page;
  result.goals = goals(result, { one, fast, slowOne, slowFast });
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2));
  print(result);
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}
