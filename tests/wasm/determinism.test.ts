// Cross-platform determinism: the native engine (build/native/scenario_native)
// and the WebAssembly module run the same scripted scenarios
// (tests/wasm/scenarios.json) and must agree on every epoch's losses and
// accuracies and on the final predictions, to 1e-5 relative. (In practice they
// agree to ~1e-15: the engine's arithmetic is the same, only libm's last bits
// differ.) A run through a chaotic phase amplifies those last-bit differences
// of tanh/exp/sin (glibc vs emscripten's libm) about 10x per epoch, so the long
// W2 run is compared by its final accuracy only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import type { ConfigPatch, Status } from '../../web/src/engine/types';
import type { WasmEngine } from '../../web/src/engine/index';
import { close, engine, ROOT } from './helpers';

interface Scenario {
  name: string;
  config: ConfigPatch;
  points?: [number, number, number][];
  steps?: number;
  epochs: number;
  probes: [number, number][];
  compare?: 'trace' | 'accuracy';
}

type Column = (number | null)[];
interface Result {
  name: string;
  status: Status;
  epoch: number;
  steps: number;
  history: Record<string, Column>;
  predictions: Column[];
}

const SCENARIOS = resolve(ROOT, 'tests/wasm/scenarios.json');
const NATIVE = resolve(ROOT, 'build/native/scenario_native');
const scenarios = (JSON.parse(readFileSync(SCENARIOS, 'utf8')) as { scenarios: Scenario[] }).scenarios;
const REL = 1e-5;
const ABS = 1e-12; // values that should be 0 (an L1-zeroed weight's output, say)

function runNative(): Map<string, Result> {
  if (!existsSync(NATIVE)) throw new Error(`${NATIVE} is missing: build the native tools first (scripts/lib.sh build_native)`);
  const r = spawnSync(NATIVE, [SCENARIOS], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`scenario_native failed (${r.status}): ${r.stderr}`);
  const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
  return new Map(results.map((x) => [x.name, x]));
}

// The same steps as tools/scenario_native.cpp, through the page's API.
function runWasm(e: WasmEngine, s: Scenario): Result {
  const p = e.createPlayground(s.config);
  try {
    if (s.points) p.setPoints(s.points);
    if (s.steps !== undefined) p.trainSteps(s.steps);
    const status = p.trainEpochs(s.epochs);
    const h = p.history();
    const col = (a: Float64Array): Column => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
    return {
      name: s.name,
      status,
      epoch: p.epoch(),
      steps: p.steps(),
      history: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, col(v)])),
      predictions: s.probes.map(([x, y]) => col(p.predict(x, y))),
    };
  } finally {
    p.delete();
  }
}

function expectColumn(what: string, wasm: Column, native: Column): void {
  expect(wasm.length, `${what}: length`).toBe(native.length);
  native.forEach((n, i) => {
    const w = wasm[i] ?? null;
    if (n === null || w === null) {
      expect(w, `${what}[${i}]`).toBe(n);
      return;
    }
    if (!close(w, n, REL, ABS)) expect.fail(`${what}[${i}]: wasm ${w} vs native ${n} (more than ${REL} relative apart)`);
  });
}

describe('native and WebAssembly runs agree', () => {
  let native: Map<string, Result>;
  let e: WasmEngine;
  beforeAll(async () => {
    native = runNative();
    e = await engine();
  });

  test('the scenario file covers the required cases', () => {
    const names = scenarios.map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(6);
    const configs = scenarios.map((s) => s.config);
    expect(configs.some((c) => c.output === 'softmax_ce' && c.dataset === 'blobs')).toBe(true);
    expect(configs.some((c) => c.output === 'softmax_ce' && c.dataset === 'multi_spiral')).toBe(true);
    expect(configs.some((c) => c.optimizer?.kind === 'adam')).toBe(true);
    expect(configs.some((c) => c.optimizer?.kind === 'momentum')).toBe(true);
    expect(configs.some((c) => c.regularization === 'l1')).toBe(true);
    expect(configs.some((c) => c.hidden?.some((l) => l.activation === 'relu'))).toBe(true);
    expect(traced.some((s) => s.points !== undefined)).toBe(true);
    expect(traced.some((s) => s.name === 'w2_spiral')).toBe(true);
  });

  const traced = scenarios.filter((s) => (s.compare ?? 'trace') === 'trace');
  test.each(traced.map((s) => [s.name, s] as const))('%s', (name, s) => {
    const n = native.get(name);
    if (!n) throw new Error(`scenario_native printed no result for ${name}`);
    const w = runWasm(e, s);
    expect(w.status).toBe(n.status);
    expect(w.epoch).toBe(n.epoch);
    expect(w.steps).toBe(n.steps);
    expect(w.epoch).toBe(s.epochs);
    // Every column by name, the gradient flow included.
    expect(Object.keys(w.history).sort()).toEqual(Object.keys(n.history).sort()); // native JSON sorts its keys
    expect(Object.keys(w.history)).toContain('grad_rms_0');
    for (const key of Object.keys(n.history)) expectColumn(`${name} history.${key}`, w.history[key] ?? [], n.history[key] ?? []);
    expect(w.predictions.length).toBe(s.probes.length);
    n.predictions.forEach((row, i) => expectColumn(`${name} predictions[${i}]`, w.predictions[i] ?? [], row));
    // The run learned something, so the comparison is not between two blank runs.
    const loss = n.history.train_loss ?? [];
    const first = loss[0] ?? NaN;
    const last = loss[loss.length - 1] ?? NaN;
    expect(last).toBeLessThan(first);
  });

  test('W2 (spiral, six tanh layers of 8) trained 300 epochs in Node reaches the native accuracy', () => {
    const s = scenarios.find((x) => x.name === 'w2_spiral_300');
    if (!s) throw new Error('scenarios.json has no w2_spiral_300');
    expect(s.compare).toBe('accuracy');
    expect(s.config).toMatchObject({
      dataset: 'spiral',
      samples: 500,
      train_ratio: 0.5,
      output: 'tanh_mse',
      batch_size: 10,
      features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2'],
      optimizer: { kind: 'sgd', learning_rate: 0.03 },
    });
    expect(s.config.hidden).toEqual(Array.from({ length: 6 }, () => ({ width: 8, activation: 'tanh' })));
    const n = native.get(s.name);
    if (!n) throw new Error('no native w2_spiral_300 result');
    const w = runWasm(e, s);
    expect(w.status).toBe('ok');
    expect(w.epoch).toBe(300);
    const last = (c: Column | undefined): number => (c ? (c[c.length - 1] ?? NaN) : NaN);
    const nativeTest = last(n.history.test_accuracy);
    const wasmTest = last(w.history.test_accuracy);
    expect(nativeTest).toBeGreaterThan(0.9);
    expect(wasmTest).toBeGreaterThan(0.9);
    // Within 2 points in 100 (5 of the 250 test points); 1e-12 absorbs the rounding of 0.96 - 0.94.
    expect(Math.abs(wasmTest - nativeTest)).toBeLessThanOrEqual(0.02 + 1e-12);
    expect(Math.abs(last(w.history.train_accuracy) - last(n.history.train_accuracy))).toBeLessThanOrEqual(0.02 + 1e-12);
  });
});
