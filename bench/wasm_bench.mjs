// WebAssembly benchmark of the engine's W1 and W2 workloads in Node, beside the
// native figures of build/native/engine_bench --json (same workloads, same
// timing rule: one warm-up call, then the best of 7 batches of 0.1 s).
// Usage: node bench/wasm_bench.mjs [--json] [--out FILE] [--wasm-dir build/wasm] [--no-native]
// (--out: also write the JSON to FILE, for bench/write_performance.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const dirAt = args.indexOf('--wasm-dir');
const wasmDir = resolve(root, dirAt >= 0 ? args[dirAt + 1] : 'build/wasm');
const nativeBench = resolve(root, 'build/native/engine_bench');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? resolve(root, args[outAt + 1]) : null;

const W1 = {
  dataset: 'circle',
  samples: 500,
  train_ratio: 0.5,
  features: ['x1', 'x2'],
  hidden: [
    { width: 4, activation: 'tanh' },
    { width: 2, activation: 'tanh' },
  ],
  output: 'tanh_mse',
  optimizer: { kind: 'sgd', learning_rate: 0.03 },
  batch_size: 10,
};
const W2 = {
  ...W1,
  dataset: 'spiral',
  features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2'],
  hidden: Array.from({ length: 6 }, () => ({ width: 8, activation: 'tanh' })),
};

function msPerCall(fn, batches = 7, batchSeconds = 0.1) {
  fn(); // warm up
  let best = Infinity;
  for (let b = 0; b < batches; ++b) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      ++calls;
      elapsed = performance.now() - start;
    } while (elapsed < batchSeconds * 1000);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

function check(mod, ok) {
  if (ok === false || ok === null || ok === -1) throw new Error(mod.takeError());
}

function run(mod, config) {
  const p = new mod.Playground();
  try {
    check(mod, p.configure(JSON.stringify(config), null, null)); // no points (the data set's own), so no held-out flags
    const f = {};
    f.epoch_ms = msPerCall(() => check(mod, p.trainEpochs(10))) / 10;
    f.loss_ms = msPerCall(() => check(mod, p.evaluate()));
    f.train_only_ms = f.epoch_ms - f.loss_ms;
    f.grid_ms = msPerCall(() => check(mod, p.grid(100, -6, 6)));
    return f;
  } finally {
    p.delete();
  }
}

function nativeFigures() {
  if (args.includes('--no-native')) return { why: 'skipped (--no-native)' };
  if (!existsSync(nativeBench)) return { why: `${nativeBench} is not built` };
  const r = spawnSync(nativeBench, ['--json'], { encoding: 'utf8' });
  if (r.status !== 0) return { why: `engine_bench --json failed: ${r.stderr || r.stdout}` };
  try {
    return { figures: JSON.parse(r.stdout) };
  } catch {
    return { why: 'engine_bench --json printed no JSON (older engine_bench?)' };
  }
}

const { default: createNnpModule } = await import(pathToFileURL(resolve(wasmDir, 'nnp.js')).href);
const mod = await createNnpModule({ wasmBinary: readFileSync(resolve(wasmDir, 'nnp.wasm')) });
const wasm = { W1: run(mod, W1), W2: run(mod, W2) };
const native = nativeFigures();
// The download a page pays for: the module and its loader, gzipped (level 9),
// against the budget tests/wasm/size.test.ts holds it to.
const size = Object.fromEntries(['nnp.wasm', 'nnp.js'].map((f) => [f, gzipSync(readFileSync(resolve(wasmDir, f)), { level: 9 }).length]));
const budget = JSON.parse(readFileSync(resolve(root, 'bench/size-budget.json'), 'utf8')).gzipBytes;

const figures = JSON.stringify({ wasm, native: native.figures ?? null, gzip_bytes: size });
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, figures);
}
if (json) {
  console.log(figures);
} else {
  const keys = [
    ['epoch_ms', 'epoch+stats'],
    ['train_only_ms', 'epoch only'],
    ['loss_ms', 'train+test loss'],
    ['grid_ms', 'grid 100x100'],
  ];
  console.log(`WebAssembly engine benchmark in Node ${process.version} (ms; lower is better)`);
  console.log(['', ...keys.map(([, label]) => label)].map((s, i) => (i ? s.padStart(16) : s.padEnd(10))).join(''));
  for (const w of ['W1', 'W2']) {
    console.log([`${w} wasm`, ...keys.map(([k]) => wasm[w][k].toFixed(4))].map((s, i) => (i ? s.padStart(16) : s.padEnd(10))).join(''));
    if (native.figures) {
      const n = native.figures[w];
      console.log(
        [`${w} native`, ...keys.map(([k]) => (n[k] === undefined ? '-' : n[k].toFixed(4)))].map((s, i) => (i ? s.padStart(16) : s.padEnd(10))).join(''),
      );
      console.log(
        [`${w} ratio`, ...keys.map(([k]) => (n[k] ? `${(wasm[w][k] / n[k]).toFixed(2)}x` : '-'))].map((s, i) => (i ? s.padStart(16) : s.padEnd(10))).join(''),
      );
    }
  }
  if (!native.figures) console.log(`No native figures: ${native.why}. WebAssembly figures only.`);
  console.log('ratio = wasm / native time; epoch+stats = one epoch plus the loss and accuracy recorded after it');
  const kB = (b) => (b / 1000).toFixed(1);
  console.log(
    `size, gzip -9: nnp.wasm ${kB(size['nnp.wasm'])} kB + nnp.js ${kB(size['nnp.js'])} kB = ${kB(size['nnp.wasm'] + size['nnp.js'])} kB (budget ${kB(budget)} kB)`,
  );
}
