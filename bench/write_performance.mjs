// The last part of `npm run bench`: writes the figures of this run into
// docs/performance.md, replacing its "Last measured" section (between the
// last-measured markers; the prose above them is kept), with the machine named.
// Reads the JSON the benchmarks wrote: bench/wasm_bench.mjs --out (the engine,
// native and in Node) and bench/page_bench.mjs (Chromium).
// Usage: node bench/write_performance.mjs [--wasm FILE] [--page FILE] [--out FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, type } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const WASM = resolve(root, arg('--wasm', 'test-output/wasm-bench.json'));
const PAGE = resolve(root, arg('--page', 'test-output/page-bench.json'));
const OUT = resolve(root, arg('--out', 'docs/performance.md'));
const START = '<!-- last-measured:start';
const END = '<!-- last-measured:end -->';

for (const f of [WASM, PAGE]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run bench (it writes it)`);
const engine = JSON.parse(readFileSync(WASM, 'utf8')); // { wasm: {W1, W2}, native: {W1, W2} | null, gzip_bytes }
const page = JSON.parse(readFileSync(PAGE, 'utf8'));
const doc = readFileSync(OUT, 'utf8');
const at = doc.indexOf(START);
const end = doc.indexOf(END);
if (at < 0 || end < at) throw new Error(`${OUT}: the markers "${START}" and "${END}" are missing`);

const f = (v, digits) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const grouped = (n) => Math.round(n).toLocaleString('en-US');
const cpu = cpus();
// /proc/cpuinfo's "model name", as Node reads it; every core of these machines is the same model.
const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${type()} ${release()})`;

function engineRows() {
  const rows = [];
  const row = (label, x) => rows.push(`| ${label} | ${f(x.train_only_ms, 3)} | ${f(x.epoch_ms, 3)} | ${f(x.loss_ms, 3)} | ${f(x.grid_ms, 2)} |`);
  for (const w of ['W1', 'W2']) if (engine.native) row(`${w} native`, engine.native[w]);
  for (const w of ['W1', 'W2']) row(`${w} WebAssembly (Node)`, engine.wasm[w]);
  const c = page.engine; // page_bench: epoch_ms is the epoch alone there, epoch_stats_ms with its statistics
  row('W2 WebAssembly (Chromium)', { train_only_ms: c.epoch_ms, epoch_ms: c.epoch_stats_ms, loss_ms: c.loss_ms, grid_ms: c.grid_ms });
  return rows;
}

function engineSummary() {
  const lines = [];
  if (engine.native) {
    const n = engine.native.W2;
    const ratios = ['W1', 'W2'].flatMap((w) => ['epoch_ms', 'loss_ms', 'grid_ms'].map((k) => engine.wasm[w][k] / engine.native[w][k]));
    lines.push(
      `W2 trains at about ${grouped(1000 / n.train_only_ms)} epochs a second natively (about ${grouped(1000 / n.epoch_ms)} with the per-epoch statistics the`,
      `page records), and WebAssembly in Node runs at ${f(Math.min(...ratios), 1)} to ${f(Math.max(...ratios), 1)} times native time.`,
    );
  } else lines.push('No native figures in this run (build/native/engine_bench was not run).');
  const g = engine.gzip_bytes;
  const budget = JSON.parse(readFileSync(resolve(root, 'bench/size-budget.json'), 'utf8')).gzipBytes;
  lines.push(
    `The WebAssembly module and its loader are ${kB(g['nnp.wasm'] + g['nnp.js'])} gzipped (\`nnp.wasm\` ${kB(g['nnp.wasm'])}, \`nnp.js\` ${kB(g['nnp.js'])}), budget ${kB(budget)}.`,
  );
  return lines;
}

function pageTable() {
  const runs = page.page;
  const rows = [
    ['frames a second', (r) => f(r.fps, 1)],
    ['epochs a second', (r) => grouped(r.epochsPerSecond)],
    ['pictures (epochs shown) a second', (r) => f(r.mapUpdatesPerSecond, 1)],
    ['main thread, ms a frame (of it script)', (r) => `${f(r.mainMsPerFrame, 1)} (${f(r.scriptMsPerFrame, 1)})`],
    ['layouts a frame', (r) => f(r.layoutsPerFrame, 2)],
    ['worker ms an epoch / a picture', (r) => `${f(r.workerMsPerEpoch, 2)} / ${f(r.workerMsPerSnapshot, 1)}`],
    ['a click on the plane drawn after, ms (median / slowest)', (r) => `${f(r.clicks.median, 0)} / ${f(r.clicks.max, 0)}`],
    ['first decision map after navigation', (r) => `${f(r.firstMapMs, 0)} ms`],
    ['canvases on the page', (r) => String(r.canvases)],
  ];
  const name = (r) => `${grouped(r.epochsPerFrame)} epoch${r.epochsPerFrame === 1 ? '' : 's'} a frame${r.throttle === 1 ? '' : `, ${r.throttle}× slowdown`}`;
  // The main thread's traced self time a frame, by kind of work.
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.trace.main)))].sort((a, b) => runs[0].trace.main[b] - runs[0].trace.main[a]);
  const traced = [
    ['traced main thread, ms a frame: wall (CPU)', (r) => `${f(r.trace.mainMsPerFrame, 2)} (${f(r.trace.mainCpuMsPerFrame, 2)})`],
    ...kinds.map((k) => [`&nbsp;&nbsp;${k}`, (r) => `${f(r.trace.main[k] ?? 0, 2)} (${f(r.trace.mainCpu[k] ?? 0, 2)})`]),
  ];
  return [
    `| | ${runs.map(name).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    ...[...rows, ...traced].map(([label, v]) => `| ${label} | ${runs.map(v).join(' | ')} |`),
  ];
}

// A built file's name without the content hash Vite gives it (it changes with every build).
const unhashed = (file) => file.replace(/-[A-Za-z0-9_-]{8}(\.[a-z]+)$/, '-*$1');

const unhashedAll = (text) => text.replace(/\S+-[A-Za-z0-9_-]{8}\.[a-z]+/g, unhashed);

function firstView() {
  const one = page.page[0];
  const w = one.firstViewGzipBytes;
  const rows = [...one.firstViewFiles].sort((a, b) => b.gzipBytes - a.gzipBytes).map((x) => `| \`${unhashed(x.file)}\` | ${kB(x.gzipBytes)} |`);
  const after = one.afterFirstView.map((x) => `${unhashed(x.file)} ${kB(x.gzipBytes)}`).join(', ');
  return [
    '| file | size |',
    '|---|---|',
    ...rows,
    `| **total** (wasm ${kB(w.wasm)}, page script ${kB(w.js)}, worker ${kB(w.worker)}, CSS ${kB(w.css)}, HTML ${kB(w.html)}) | **${kB(w.total)}** |`,
    ...(after ? [`| after the first map (not counted) | ${after} |`] : []),
  ];
}

// A table cell: no line breaks, no unescaped pipes.
const cell = (s) =>
  String(s)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');

const section = [
  `${START} (written by npm run bench: bench/write_performance.mjs; edits below this line are replaced) -->`,
  '## Last measured',
  '',
  `Machine: ${machine}, ${page.chromium}, Node ${process.version}; measured ${page.date.slice(0, 10)}, with a load average of`,
  `${page.loadAveragesAtStart.map((l) => f(l, 1)).join(' / ')} (1 / 5 / 15 minutes) at the start of the page runs: the machine's other work stretches every wall-time figure.`,
  '',
  '### The engine (milliseconds)',
  '',
  '| workload | one epoch | epoch + its loss and accuracy | train + test loss | 100×100 grid, every neuron |',
  '|---|---|---|---|---|',
  ...engineRows(),
  '',
  ...engineSummary(),
  '',
  `### The page in Chromium (W2, ${page.seconds} s of training each)`,
  '',
  ...pageTable(),
  '',
  `Engine alone in that run: a fresh copy of the ${(page.engine.grid_bytes / 1e6).toFixed(1)} MB grid out of wasm memory ${f(page.engine.fresh_copy_ms, 2)} ms against ${f(page.engine.reused_copy_ms, 2)} ms into a reused buffer.`,
  '',
  '### The first view (gzip -9)',
  '',
  ...firstView(),
  '',
  '### Goals',
  '',
  '| goal | measured | met | why not, from the measured parts |',
  '|---|---|---|---|',
  ...page.goals.map((g) => `| ${cell(g.goal)} | ${cell(g.measured)} | ${g.met ? 'yes' : 'no'} | ${cell(unhashedAll(g.parts))} |`),
  END,
].join('\n');

writeFileSync(OUT, doc.slice(0, at) + section + doc.slice(end + END.length));
console.log(`written to ${OUT} (${machine})`);
