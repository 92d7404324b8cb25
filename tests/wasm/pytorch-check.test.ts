// The PyTorch export, checked against PyTorch. For each configuration the real
// engine trains a few steps, exports its model, and a second session loads it
// (fresh optimizer state, as the script has). The script written for that
// session (web/src/courses/pytorch.ts) runs in Debian's python3 with
// python3-torch (scripts/lib.sh installs it): its output unit at every point
// must equal the engine's predictions, and its weights after STEPS steps on the
// exported batches the engine's weights after the same steps, both to 1e-9.
// One python process runs every script: importing torch costs about a second.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toPyTorch } from '../../web/src/courses/pytorch';
import type { WasmEngine } from '../../web/src/engine/index';
import type { ConfigPatch } from '../../web/src/engine/types';
import { close, engine } from './helpers';

const PYTHON = '/usr/bin/python3'; // Debian's: python3-torch installs there
const STEPS = 20; // spans several epoch ends (and reshuffles) in every configuration below
const TOL = 1e-9;

interface Case {
  name: string;
  config: ConfigPatch;
  points?: [number, number, number][];
}

// Together: every activation, every output/loss pair (tanh_mse for classes and
// for values), every optimizer, L1 and L2, every input feature, batch sizes that
// do and do not divide the training set, shuffling on and off.
const CASES: Case[] = [
  {
    name: 'tanh/sigmoid, tanh_mse classes, sgd, L2',
    config: {
      dataset: 'circle', samples: 60, noise: 0.1, seed: 3, features: ['x1', 'x2', 'x1sq', 'x2sq'],
      hidden: [{ width: 5, activation: 'tanh' }, { width: 4, activation: 'sigmoid' }],
      output: 'tanh_mse', optimizer: { kind: 'sgd', learning_rate: 0.1 }, batch_size: 7,
      regularization: 'l2', reg_rate: 0.01,
    },
  },
  {
    name: 'relu/leaky_relu, softmax_ce, adam, L1',
    config: {
      dataset: 'blobs', classes: 3, samples: 60, seed: 5, features: ['x1', 'x2', 'x1x2'],
      hidden: [{ width: 6, activation: 'relu' }, { width: 5, activation: 'leaky_relu', alpha: 0.2 }],
      output: 'softmax_ce', optimizer: { kind: 'adam', learning_rate: 0.01, beta1: 0.85, beta2: 0.995, epsilon: 1e-7 },
      batch_size: 8, regularization: 'l1', reg_rate: 0.003,
    },
  },
  {
    name: 'elu/gelu, sigmoid_bce, momentum',
    config: {
      dataset: 'xor', samples: 50, seed: 7, features: ['x1', 'x2', 'sin_x1', 'sin_x2'],
      hidden: [{ width: 4, activation: 'elu', alpha: 1.5 }, { width: 3, activation: 'gelu' }],
      output: 'sigmoid_bce', optimizer: { kind: 'momentum', learning_rate: 0.1, momentum: 0.8 }, batch_size: 6,
    },
  },
  {
    name: 'selu/silu/softplus, linear_mse regression, rmsprop, L1',
    config: {
      dataset: 'reg_plane', samples: 60, noise: 0.2, seed: 9, features: ['x1', 'x2', 'cos_x1', 'cos_x2'],
      hidden: [{ width: 3, activation: 'selu' }, { width: 3, activation: 'silu' }, { width: 2, activation: 'softplus' }],
      output: 'linear_mse', optimizer: { kind: 'rmsprop', learning_rate: 0.01, rho: 0.95, epsilon: 1e-6 },
      batch_size: 9, regularization: 'l1', reg_rate: 0.01,
    },
  },
  {
    name: 'arctan/abs, linear_hinge, nesterov, L2, no shuffling',
    config: {
      dataset: 'moons', samples: 60, noise: 0.1, seed: 11, shuffle: false,
      hidden: [{ width: 4, activation: 'arctan' }, { width: 4, activation: 'abs' }],
      output: 'linear_hinge', optimizer: { kind: 'nesterov', learning_rate: 0.05, momentum: 0.9 }, batch_size: 8,
      regularization: 'l2', reg_rate: 0.02,
    },
  },
  {
    name: 'step/sign/linear, sigmoid_mse, adagrad',
    config: {
      dataset: 'gauss', samples: 50, seed: 13,
      hidden: [{ width: 3, activation: 'linear' }, { width: 3, activation: 'step' }, { width: 3, activation: 'sign' }],
      output: 'sigmoid_mse', optimizer: { kind: 'adagrad', learning_rate: 0.1, epsilon: 1e-8 }, batch_size: 5,
    },
  },
  {
    name: 'no hidden layer, perceptron, sgd, batches of one',
    config: {
      dataset: 'xor', samples: 40, seed: 17, hidden: [], output: 'perceptron',
      optimizer: { kind: 'sgd', learning_rate: 1 }, batch_size: 1, init: 'zeros',
    },
  },
  {
    name: 'tanh, linear_mae regression, adam',
    config: {
      dataset: 'reg_gauss', samples: 60, seed: 19, hidden: [{ width: 5, activation: 'tanh' }],
      output: 'linear_mae', optimizer: { kind: 'adam', learning_rate: 0.02 }, batch_size: 10,
    },
  },
  {
    name: 'tanh_mse regression on custom points, momentum, L2',
    config: {
      dataset: 'custom', problem: 'regression', hidden: [{ width: 4, activation: 'sigmoid' }], output: 'tanh_mse',
      optimizer: { kind: 'momentum', learning_rate: 0.2, momentum: 0.5 }, batch_size: 3, regularization: 'l2',
      reg_rate: 0.05, train_ratio: 0.7,
    },
    points: Array.from({ length: 13 }, (_, i): [number, number, number] => [i / 3 - 2, 2 - i / 4, Math.sin(i) * 0.8]),
  },
  {
    name: 'xor_table: four points, all for training, nesterov',
    config: {
      dataset: 'xor_table', hidden: [{ width: 3, activation: 'tanh' }], output: 'sigmoid_bce',
      optimizer: { kind: 'nesterov', learning_rate: 0.5, momentum: 0.9 }, batch_size: 4,
    },
  },
];

interface Expected {
  exported: [number[][], number[]][]; // the weights in the model file
  outputs: number[][];
  weights: [number[][], number[]][];
  script: string;
}

interface FromPython {
  outputs: number[][];
  weights: [number[][], number[]][];
}

// Runs `check(steps)` of every script in one python process.
const RUNNER = `
import importlib.util, json, sys
results = []
for i, path in enumerate(sys.argv[2:]):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results.append(module.check(int(sys.argv[1])))
print(json.dumps(results))
`;

let e: WasmEngine;
let dir: string;
const expected: Expected[] = [];
let fromPython: FromPython[] = [];

beforeAll(async () => {
  e = await engine();
  dir = mkdtempSync(join(tmpdir(), 'nnp-pytorch-'));
  for (const c of CASES) {
    const trained = e.createPlayground(c.config);
    if (c.points) trained.setPoints(c.points);
    trained.trainSteps(7); // weights that are not the initial ones
    const model = trained.exportModel();
    const exported = (JSON.parse(model) as { layers: { weights: number[][]; biases: number[] }[] }).layers.map(
      (l): [number[][], number[]] => [l.weights, l.biases],
    );
    trained.delete();
    const p = e.createPlayground();
    p.importModel(model); // a fresh optimizer, as in the script
    const points = p.points();
    const script = toPyTorch(model, { points, batches: p.upcomingBatches(STEPS + 5) });
    const outputs = Array.from(points.x, (x, i) => Array.from(p.predict(x, points.y[i] ?? NaN)));
    p.trainSteps(STEPS);
    const weights = p.layers().map((l): [number[][], number[]] => [
      Array.from({ length: l.rows }, (_, r) => Array.from(l.weights.subarray(r * l.cols, (r + 1) * l.cols))),
      Array.from(l.biases),
    ]);
    p.delete();
    expected.push({ exported, outputs, weights, script });
  }
  const paths = expected.map((x, i) => {
    const path = join(dir, `case${i}.py`);
    writeFileSync(path, x.script);
    return path;
  });
  // The constants at the top are the ones the code uses: with LEARNING_RATE 0, the
  // optimizer and the L2 step of case 0 leave its weights as exported.
  const frozen = join(dir, 'frozen.py');
  const script0 = expected[0]?.script ?? '';
  writeFileSync(frozen, script0.replace(/^LEARNING_RATE = .*$/m, 'LEARNING_RATE = 0.0'));
  paths.push(frozen);
  const started = performance.now();
  const r = spawnSync(PYTHON, ['-c', RUNNER, String(STEPS), ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0)
    throw new Error(
      `${PYTHON} with torch failed (${r.error?.message ?? `exit ${r.status}`}); scripts/lib.sh installs python3-torch.\n${r.stderr}`,
    );
  console.log(`pytorch-check: ${CASES.length} scripts in one python process, ${Math.round(performance.now() - started)} ms`);
  fromPython = JSON.parse(r.stdout) as FromPython[];
}, 180_000);

let largest = { outputs: 0, weights: 0 };

afterAll(() => {
  console.log(`pytorch-check: largest relative difference: outputs ${largest.outputs.toExponential(1)}, weights after ${STEPS} steps ${largest.weights.toExponential(1)}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The largest |a - b| / max(1, |a|, |b|) over two nested arrays of the same shape.
function worst(a: unknown, b: unknown, where = ''): { diff: number; where: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    const ok = close(a, b, 0, 0);
    const diff = ok ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
    return { diff, where };
  }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length)
    return { diff: Infinity, where: `${where} (shapes differ)` };
  let w = { diff: 0, where };
  a.forEach((x, i) => {
    const r = worst(x, b[i], `${where}[${i}]`);
    if (r.diff > w.diff) w = r;
  });
  return w;
}

describe('the PyTorch export gives the engine’s numbers in PyTorch', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const want = expected[i];
    const got = fromPython[i];
    expect(want && got).toBeTruthy();
    if (!want || !got) return;
    const out = worst(want.outputs, got.outputs, 'outputs');
    expect(out.diff, `output unit at the points: largest difference at ${out.where}`).toBeLessThanOrEqual(TOL);
    const w = worst(want.weights, got.weights, 'weights');
    largest = { outputs: Math.max(largest.outputs, out.diff), weights: Math.max(largest.weights, w.diff) };
    expect(w.diff, `weights after ${STEPS} steps: largest difference at ${w.where}`).toBeLessThanOrEqual(TOL);
    // The weights moved: the comparison is not of two untouched copies.
    expect(worst(want.exported, want.weights).diff).toBeGreaterThan(1e-6);
  });

  it('the constants at the top of the script are the ones its code uses', () => {
    expect(expected[0]?.script).toMatch(/^LEARNING_RATE = 0\.1$/m);
    const frozen = fromPython[CASES.length];
    expect(frozen).toBeDefined();
    expect(worst(expected[0]?.exported, frozen?.weights).diff).toBe(0);
    expect(worst(expected[0]?.weights, frozen?.weights).diff).toBeGreaterThan(1e-6);
  });

  it('the scripts run as they are: python3 script.py prints the losses while training', () => {
    const path = join(dir, 'run.py');
    writeFileSync(path, expected[0]?.script ?? '');
    const r = spawnSync(PYTHON, [path, '12'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^exported weights: train loss \d\.\d{6}, accuracy [\d.]+ %; test loss \d\.\d{6}/);
    expect(r.stdout).toMatch(/step 12: train loss/);
  });
});
