// One run of the page (dist/) in Chromium with W2 at `epf` epochs a frame,
// optionally with the CPU slowed down (CDP Emulation.setCPUThrottlingRate, the
// stand-in for a cheap laptop): frames/s, epochs/s, new pictures/s, the main
// thread's time a frame (CDP Performance metrics), the worker's own counters,
// a 2 s trace (trace_breakdown.mjs), the first map's time and the first view's
// weight, and how long clicks on the plane take to show their point.
// Used by bench/page_bench.mjs.
import { gzipSync } from 'node:zlib';
import { traceBreakdown } from './trace_breakdown.mjs';

const W2_HASH = 'dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&networkShape=8,8,8,8,8,8&activation=tanh&learningRate=0.03&batchSize=10';
const TRACE_MS = 2000;
const CLICKS = 6; // points added by clicks on the plane while training, each timed

// Installed before the page's own scripts: the first frame that shows a
// decision map, a per-frame counter of frames and of epochs shown, and the
// frame in which a click's point is first in the page's points.
const PROBE = () => {
  const w = window;
  w.__bench = { firstMap: null, firstDiagram: null, frames: 0, updates: 0, lastEpoch: -1, pressedAt: null, pointsAtPress: 0, clickMs: [] };
  // Capture: before the page's own handler adds the point.
  addEventListener(
    'pointerdown',
    (e) => {
      w.__bench.pressedAt = e.timeStamp;
      w.__bench.pointsAtPress = w.nnp?.debug.pointCount() ?? 0;
    },
    true,
  );
  const tick = (now) => {
    const b = w.__bench;
    b.frames++;
    // The network diagram (drawn from the settings, before the engine answers).
    if (b.firstDiagram === null && document.querySelector('.nnp-node')) b.firstDiagram = performance.now();
    const d = w.nnp?.debug;
    if (d) {
      if (b.firstMap === null && d.outputGrid() !== null && document.querySelector('[data-testid=output-canvas]')) b.firstMap = performance.now();
      const e = d.epoch();
      if (e !== b.lastEpoch) {
        b.updates++;
        b.lastEpoch = e;
      }
      // This frame draws the clicked point: the click is answered.
      if (b.pressedAt !== null && d.pointCount() > b.pointsAtPress) {
        b.clickMs.push(now - b.pressedAt);
        b.pressedAt = null;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function kindOf(url, fromWorker) {
  if (url.endsWith('.wasm')) return 'wasm';
  if (url.endsWith('.css')) return 'css';
  if (url.endsWith('.html') || url.endsWith('/')) return 'html';
  if (/worker/i.test(url) || fromWorker) return 'worker';
  return 'js';
}

// Every file fetched until the first map, gzipped, by kind and by file.
async function firstViewWeight(files, base) {
  const weight = { wasm: 0, js: 0, worker: 0, css: 0, html: 0 };
  const firstViewFiles = [];
  for (const [url, pending] of files) {
    const body = await pending;
    if (!body) continue;
    const kind = kindOf(url);
    weight[kind] += gz(body);
    firstViewFiles.push({ file: url.slice(base.length) || 'index.html', kind, gzipBytes: gz(body), bytes: body.length });
  }
  weight.total = Object.values(weight).reduce((a, b) => a + b, 0);
  return { weight, firstViewFiles };
}

// Clicks on the plane while training, one at a time, each waiting for its point
// to be drawn: ms from the press to the frame that draws the new point.
async function clickLatencies(page) {
  const box = await page.locator('[data-testid=output-canvas]').boundingBox();
  // The plane inside the canvas's margins (components/output-plane.ts MARGIN), [-6, 6] for the spiral.
  const size = box.width - 26 - 6;
  const at = (x, y) => [box.x + 26 + ((x + 6) / 12) * size, box.y + 6 + ((6 - y) / 12) * size];
  // Near the corners, where the spiral has no points: a press on a point would drag it.
  const spots = [
    [5.5, 5.5],
    [-5.5, 5.5],
    [5.5, -5.5],
    [-5.5, -5.5],
    [4.8, 5.6],
    [-5.6, 4.8],
  ];
  for (const [x, y] of spots.slice(0, CLICKS)) {
    const before = await page.evaluate(() => window.__bench.clickMs.length);
    await page.mouse.click(...at(x, y));
    await page.waitForFunction((n) => window.__bench.clickMs.length > n, before, { timeout: 10_000 });
  }
  const ms = await page.evaluate(() => window.__bench.clickMs);
  const sorted = [...ms].sort((a, b) => a - b);
  return { all: ms, median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
}

// The run's figures from the metrics and counters at the start (m0, r0) and the end (m1, r1).
function figures(m0, m1, r0, r1) {
  const seconds = (r1.now - r0.now) / 1000;
  const frames = r1.frames - r0.frames;
  const d = (k) => (m1[k] ?? 0) - (m0[k] ?? 0);
  const perFrame = (k) => (d(k) * 1000) / Math.max(1, frames);
  const w0 = r0.worker;
  const w1 = r1.worker;
  const workerMs = w0 && w1 ? w1.trainMs - w0.trainMs + w1.snapshotMs - w0.snapshotMs : 0;
  return {
    fps: frames / seconds,
    epochsPerSecond: (r1.epoch - r0.epoch) / seconds,
    mapUpdatesPerSecond: (r1.updates - r0.updates) / seconds,
    mainMsPerFrame: perFrame('TaskDuration'),
    mainBusyPercent: (d('TaskDuration') / seconds) * 100,
    scriptMsPerFrame: perFrame('ScriptDuration'),
    layoutMsPerFrame: perFrame('LayoutDuration'),
    styleMsPerFrame: perFrame('RecalcStyleDuration'),
    layoutsPerFrame: d('LayoutCount') / Math.max(1, frames),
    // CDP's Performance metrics separate script, layout and style; the rest
    // of the main thread's task time (paint, commit, GC, idle-task overhead)
    // is one figure here.
    otherMsPerFrame: perFrame('TaskDuration') - perFrame('ScriptDuration') - perFrame('LayoutDuration') - perFrame('RecalcStyleDuration'),
    workerMsPerEpoch: w0 && w1 && w1.epochs > w0.epochs ? (w1.trainMs - w0.trainMs) / (w1.epochs - w0.epochs) : null,
    workerMsPerSnapshot: w0 && w1 && w1.snapshots > w0.snapshots ? (w1.snapshotMs - w0.snapshotMs) / (w1.snapshots - w0.snapshots) : null,
    workerBusyPercent: w0 && w1 ? (workerMs / (seconds * 1000)) * 100 : null,
    workerGridSharePercent: workerMs > 0 ? ((w1.snapshotMs - w0.snapshotMs) / workerMs) * 100 : null,
  };
}

// The page with W2 at `epf` epochs a frame, the CPU slowed `throttle` times.
export async function pageRun(context, base, epf, { seconds, throttle = 1 }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const files = new Map();
  const onResponse = (r) => {
    if (!r.url().startsWith(base) || files.has(r.url())) return;
    files.set(
      r.url(),
      r.body().then(
        (b) => b,
        () => null,
      ),
    );
  };
  context.on('response', onResponse);
  await page.addInitScript(PROBE);
  await page.goto(`${base}index.html#${W2_HASH}&epochsPerFrame=${epf}`);
  await page.waitForFunction(() => window.__bench.firstMap !== null, null, { timeout: 60_000 });
  const { firstMap: firstMapMs, firstDiagram: firstDiagramMs } = await page.evaluate(() => window.__bench);
  context.off('response', onResponse);
  const { weight, firstViewFiles } = await firstViewWeight(files, base);
  // What the page fetches after the first map (chunks loaded when idle or on first use), for the record.
  const later = [];
  const onLater = (r) => r.url().startsWith(base) && !files.has(r.url()) && later.push(r);
  context.on('response', onLater);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.waitForTimeout(1500); // the chunks the page loads when idle after the first map
  const afterFirstView = [];
  for (const r of later) {
    const body = await r.body().catch(() => null);
    if (body) afterFirstView.push({ file: r.url().slice(base.length), kind: kindOf(r.url()), gzipBytes: gz(body) });
  }
  context.off('response', onLater);
  // Canvases on the page, shadow roots included: in Chromium each is a compositing layer in every commit.
  const canvases = await page.evaluate(() => {
    const count = (root) =>
      root.querySelectorAll('canvas').length + [...root.querySelectorAll('*')].reduce((n, e) => n + (e.shadowRoot ? count(e.shadowRoot) : 0), 0);
    return count(document);
  });
  const read = () =>
    page.evaluate(() => ({ ...window.__bench, epoch: window.nnp.debug.epoch(), worker: window.nnp.debug.workerTiming?.() ?? null, now: performance.now() }));

  // Throttled after loading: the figures are of training, not of the load.
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.click('[data-testid=play]');
  await page.waitForTimeout(700); // past the start
  const m0 = await metrics();
  const r0 = await read();
  await page.waitForTimeout(seconds * 1000);
  const m1 = await metrics();
  const r1 = await read();
  // Then a traced window (tracing costs time of its own, so apart from the
  // figures above): the main thread's "rest" by name, and every thread's load.
  const trace = await traceBreakdown(cdp, TRACE_MS, () => page.evaluate(() => window.__bench.frames));
  // Last, as they change the data: clicks that add points while training.
  const clicks = await clickLatencies(page);
  await page.click('[data-testid=play]');
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const out = {
    epochsPerFrame: epf,
    throttle,
    ...figures(m0, m1, r0, r1),
    clicks,
    trace,
    firstMapMs,
    firstDiagramMs,
    canvases,
    firstViewGzipBytes: weight,
    firstViewFiles,
    afterFirstView,
    errors,
  };
  await page.close();
  return out;
}
