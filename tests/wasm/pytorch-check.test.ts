// The PyTorch export, checked against PyTorch. The scripts (written by
// web/src/courses/pytorch.ts) run in Debian's python3 with python3-torch
// (scripts/lib.sh installs it) and are compared with the session that exported
// them, which trains on uninterrupted:
// - CASES, every activation, output and feature: after a few steps of
//   training, the script's output unit at every point equals the engine's
//   predictions, and its weights after STEPS steps the engine's, to 1e-9;
// - RESUME, every optimizer x {none, L1, L2}, exported at epoch 0, mid-epoch and
//   after 37 epochs: LONG further steps in torch and in the engine agree in
//   the training loss and the weights at every EVERY-th step, to 1e-9, and the
//   script's generator draws the engine's batches.
// Python processes are few (importing torch costs about a second): the
// scripts are split between two, run side by side.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toPyTorch } from '../../web/src/courses/pytorch';
import type { WasmEngine } from '../../web/src/engine/index';
import type { Playground } from '../../web/src/engine/types';
import type { ConfigPatch } from '../../web/src/engine/types';
import { close, engine } from './helpers';

const PYTHON = '/usr/bin/python3'; // Debian's: python3-torch installs there
const STEPS = 20; // spans several epoch ends (and reshuffles) in every configuration below
const LONG = 1000;
const EVERY = 100;
const BATCHES = 60; // batches of the script's generator compared with the engine's (12 epochs' worth)
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
      dataset: 'circle',
      samples: 60,
      noise: 0.1,
      seed: 3,
      features: ['x1', 'x2', 'x1sq', 'x2sq'],
      hidden: [
        { width: 5, activation: 'tanh' },
        { width: 4, activation: 'sigmoid' },
      ],
      output: 'tanh_mse',
      optimizer: { kind: 'sgd', learning_rate: 0.1 },
      batch_size: 7,
      regularization: 'l2',
      reg_rate: 0.01,
    },
  },
  {
    name: 'relu/leaky_relu, softmax_ce, adam, L1',
    config: {
      dataset: 'blobs',
      classes: 3,
      samples: 60,
      seed: 5,
      features: ['x1', 'x2', 'x1x2'],
      hidden: [
        { width: 6, activation: 'relu' },
        { width: 5, activation: 'leaky_relu', alpha: 0.2 },
      ],
      output: 'softmax_ce',
      optimizer: { kind: 'adam', learning_rate: 0.01, beta1: 0.85, beta2: 0.995, epsilon: 1e-7 },
      batch_size: 8,
      regularization: 'l1',
      reg_rate: 0.003,
    },
  },
  {
    name: 'elu/gelu, sigmoid_bce, momentum',
    config: {
      dataset: 'xor',
      samples: 50,
      seed: 7,
      features: ['x1', 'x2', 'sin_x1', 'sin_x2'],
      hidden: [
        { width: 4, activation: 'elu', alpha: 1.5 },
        { width: 3, activation: 'gelu' },
      ],
      output: 'sigmoid_bce',
      optimizer: { kind: 'momentum', learning_rate: 0.1, momentum: 0.8 },
      batch_size: 6,
    },
  },
  {
    name: 'selu/silu/softplus, linear_mse regression, rmsprop, L1',
    config: {
      dataset: 'reg_plane',
      samples: 60,
      noise: 0.2,
      seed: 9,
      features: ['x1', 'x2', 'cos_x1', 'cos_x2'],
      hidden: [
        { width: 3, activation: 'selu' },
        { width: 3, activation: 'silu' },
        { width: 2, activation: 'softplus' },
      ],
      output: 'linear_mse',
      optimizer: { kind: 'rmsprop', learning_rate: 0.01, rho: 0.95, epsilon: 1e-6 },
      batch_size: 9,
      regularization: 'l1',
      reg_rate: 0.01,
    },
  },
  {
    name: 'arctan/abs, linear_hinge, nesterov, L2, no shuffling',
    config: {
      dataset: 'moons',
      samples: 60,
      noise: 0.1,
      seed: 11,
      shuffle: false,
      hidden: [
        { width: 4, activation: 'arctan' },
        { width: 4, activation: 'abs' },
      ],
      output: 'linear_hinge',
      optimizer: { kind: 'nesterov', learning_rate: 0.05, momentum: 0.9 },
      batch_size: 8,
      regularization: 'l2',
      reg_rate: 0.02,
    },
  },
  {
    name: 'step/sign/linear, sigmoid_mse, adagrad',
    config: {
      dataset: 'gauss',
      samples: 50,
      seed: 13,
      hidden: [
        { width: 3, activation: 'linear' },
        { width: 3, activation: 'step' },
        { width: 3, activation: 'sign' },
      ],
      output: 'sigmoid_mse',
      optimizer: { kind: 'adagrad', learning_rate: 0.1, epsilon: 1e-8 },
      batch_size: 5,
    },
  },
  {
    name: 'no hidden layer, perceptron, sgd, batches of one',
    config: {
      dataset: 'xor',
      samples: 40,
      seed: 17,
      hidden: [],
      output: 'perceptron',
      optimizer: { kind: 'sgd', learning_rate: 1 },
      batch_size: 1,
    },
  },
  {
    name: 'tanh, linear_mae regression, adam',
    config: {
      dataset: 'reg_gauss',
      samples: 60,
      seed: 19,
      hidden: [{ width: 5, activation: 'tanh' }],
      output: 'linear_mae',
      optimizer: { kind: 'adam', learning_rate: 0.02 },
      batch_size: 10,
    },
  },
  {
    name: 'tanh_mse regression on custom points, momentum, L2',
    config: {
      dataset: 'custom',
      problem: 'regression',
      hidden: [{ width: 4, activation: 'sigmoid' }],
      output: 'tanh_mse',
      optimizer: { kind: 'momentum', learning_rate: 0.2, momentum: 0.5 },
      batch_size: 3,
      regularization: 'l2',
      reg_rate: 0.05,
      train_ratio: 0.7,
    },
    points: Array.from({ length: 13 }, (_, i): [number, number, number] => [i / 3 - 2, 2 - i / 4, Math.sin(i) * 0.8]),
  },
  {
    name: 'xor_table: four points, all for training, nesterov',
    config: {
      dataset: 'xor_table',
      hidden: [{ width: 3, activation: 'tanh' }],
      output: 'sigmoid_bce',
      optimizer: { kind: 'nesterov', learning_rate: 0.5, momentum: 0.9 },
      batch_size: 4,
    },
  },
];

type Weights = [number[][], number[]][];

// RESUME: every optimizer with every regularizer, exported at three moments.
const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad'] as const;
const PENALTIES = ['none', 'l1', 'l2'] as const;
const MOMENTS = [
  { name: 'epoch 0', epochs: 0, steps: 0 },
  { name: 'mid-epoch', epochs: 3, steps: 2 },
  { name: 'after 37 epochs', epochs: 37, steps: 0 },
] as const;
interface Resume {
  name: string;
  optimizer: string;
  config: ConfigPatch;
  epochs: number;
  steps: number;
  byHand?: boolean; // a point added mid-epoch before the export
}
const RESUME: Resume[] = OPTIMIZERS.flatMap((kind, k) =>
  PENALTIES.flatMap((regularization) =>
    MOMENTS.map((m) => ({
      name: `${kind}, ${regularization}, ${m.name}`,
      optimizer: kind,
      epochs: m.epochs,
      steps: m.steps,
      config: {
        dataset: 'circle',
        samples: 60,
        noise: 0.1,
        seed: 23 + k,
        features: ['x1', 'x2', 'x1sq', 'x2sq'],
        hidden: [
          { width: 5, activation: 'tanh' },
          { width: 3, activation: 'sigmoid' },
        ],
        output: 'sigmoid_bce',
        batch_size: 7, // 30 training points: every epoch ends on a short batch
        optimizer: { kind, learning_rate: kind === 'sgd' || kind === 'adagrad' ? 0.1 : 0.01 },
        regularization,
        reg_rate: 0.003,
        shuffle: !(regularization === 'none' && (kind === 'momentum' || kind === 'adagrad')),
      } satisfies ConfigPatch,
    })),
  ),
);
RESUME.push({
  name: 'adam, l2, points added by hand mid-epoch',
  optimizer: 'adam',
  epochs: 4,
  steps: 3,
  byHand: true,
  config: {
    dataset: 'xor',
    samples: 50,
    seed: 31,
    hidden: [{ width: 4, activation: 'tanh' }],
    output: 'tanh_mse',
    batch_size: 6,
    optimizer: { kind: 'adam', learning_rate: 0.01 },
    regularization: 'l2',
    reg_rate: 0.01,
  },
});

interface Expected {
  exported: Weights; // the weights in the model file
  outputs: number[][];
  weights: Weights;
  script: string;
}

interface ExpectedRun {
  script: string;
  batches: number[][]; // the engine's next BATCHES batches at the export
  trace: { step: number; train_loss: number; weights: Weights }[];
}

interface FromPython {
  outputs: number[][];
  weights: Weights;
  trace: { step: number; train_loss: number; weights: Weights }[];
  batches: number[][];
  seeded: boolean; // the Python splitmix64 seeding, shuffled once, gives the exported order and state
}

// Runs `check(steps, every)` of every script given, and lists the first
// `batches` batches of its generator.
const RUNNER = `
import importlib.util, itertools, json, sys
steps, every, count = (int(a) for a in sys.argv[1:4])
results = []
for i, path in enumerate(sys.argv[4:]):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.check(steps, every)
    train = [k for k, p in enumerate(module.POINTS) if p[3] == 0]
    result["batches"] = list(itertools.islice(module.batches(train), count))
    # Started from SEED as the playground starts its shuffle (stream 3), the script's
    # generator shuffles the points into epoch 0's order and reaches SHUFFLE_STATE.
    rng = module.PlaygroundRandom.seeded(module.SEED, 3)
    order = list(range(len(train)))
    module.shuffle(order, rng)
    result["seeded"] = order == module.ORDER and rng.s == module.SHUFFLE_STATE
    results.append(result)
print(json.dumps(results))
`;

// Runs the scripts in two python processes side by side; the results in order.
async function runPython(paths: string[], steps: number, every: number): Promise<FromPython[]> {
  const half = Math.ceil(paths.length / 2);
  const parts = [paths.slice(0, half), paths.slice(half)].filter((p) => p.length > 0);
  const outs = await Promise.all(
    parts.map(
      (part) =>
        new Promise<FromPython[]>((resolve, reject) => {
          const child = spawn(PYTHON, ['-c', RUNNER, String(steps), String(every), String(BATCHES), ...part]);
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('error', (err) => reject(new Error(`${PYTHON}: ${err.message}; scripts/lib.sh installs python3-torch`)));
          child.on('close', (code) => {
            if (code !== 0) reject(new Error(`${PYTHON} with torch failed (exit ${code}); scripts/lib.sh installs python3-torch.\n${stderr}`));
            else resolve(JSON.parse(stdout) as FromPython[]);
          });
        }),
    ),
  );
  return outs.flat();
}

function weightsOf(p: Playground): Weights {
  return p
    .layers()
    .map((l): [number[][], number[]] => [
      Array.from({ length: l.rows }, (_, r) => Array.from(l.weights.subarray(r * l.cols, (r + 1) * l.cols))),
      Array.from(l.biases),
    ]);
}

let e: WasmEngine;
let dir: string;
const expected: Expected[] = [];
const expectedRuns: ExpectedRun[] = [];
let fromPython: FromPython[] = [];
let runsFromPython: FromPython[] = [];

beforeAll(async () => {
  e = await engine();
  dir = mkdtempSync(join(tmpdir(), 'nnp-pytorch-'));
  for (const c of CASES) {
    const p = e.createPlayground(c.config);
    if (c.points) p.setPoints(c.points);
    p.trainSteps(7); // weights that are not the initial ones, and optimizer state
    const model = p.exportModel();
    const exported = (JSON.parse(model) as { layers: { weights: number[][]; biases: number[] }[] }).layers.map((l): [number[][], number[]] => [
      l.weights,
      l.biases,
    ]);
    const points = p.points();
    const script = toPyTorch(model, { points });
    const outputs = Array.from(points.x, (x, i) => Array.from(p.predict(x, points.y[i] ?? NaN)));
    // The session that exported goes on (a run the engine calls diverged stops: no comparison).
    if (p.trainSteps(STEPS) !== 'ok') throw new Error(`${c.name}: ${p.statusMessage()}`);
    expected.push({ exported, outputs, weights: weightsOf(p), script });
    p.delete();
  }
  for (const c of RESUME) {
    const p = e.createPlayground(c.config);
    if (c.epochs) p.trainEpochs(c.epochs);
    if (c.steps) p.trainSteps(c.steps);
    if (c.byHand) {
      p.addPoint(1.5, -2, 1);
      p.addPoint(-3, 0.5, 0);
      p.trainSteps(2);
    }
    const script = toPyTorch(p.exportModel(), { points: p.points() });
    const batches = p.upcomingBatches(BATCHES);
    const trace: ExpectedRun['trace'] = [];
    for (let step = EVERY; step <= LONG; step += EVERY) {
      if (p.trainSteps(EVERY) !== 'ok') throw new Error(`${c.name}: ${p.statusMessage()}`);
      trace.push({ step, train_loss: p.evaluate().trainLoss, weights: weightsOf(p) });
    }
    expectedRuns.push({ script, batches, trace });
    p.delete();
  }
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const paths = expected.map((x, i) => write(`case${i}.py`, x.script));
  // The constants at the top are the ones the code uses: with LEARNING_RATE 0, the
  // optimizer and the L2 step of case 0 leave its weights as exported.
  paths.push(write('frozen.py', (expected[0]?.script ?? '').replace(/^LEARNING_RATE = .*$/m, 'LEARNING_RATE = 0.0')));
  const runPaths = expectedRuns.map((x, i) => write(`run${i}.py`, x.script));
  const started = performance.now();
  [fromPython, runsFromPython] = await Promise.all([runPython(paths, STEPS, 0), runPython(runPaths, LONG, EVERY)]);
  console.log(`pytorch-check: ${paths.length + runPaths.length} scripts in python, ${Math.round(performance.now() - started)} ms`);
}, 600_000);

let largest = { outputs: 0, weights: 0 };
// Per optimizer, over RESUME: the largest difference of the training loss and of the weights.
const largestRun = new Map<string, { loss: number; weights: number }>();

afterAll(() => {
  console.log(
    `pytorch-check: largest relative difference: outputs ${largest.outputs.toExponential(1)}, weights after ${STEPS} steps ${largest.weights.toExponential(1)}`,
  );
  for (const [kind, d] of largestRun)
    console.log(`pytorch-check: ${kind}, ${LONG} steps after the export: loss ${d.loss.toExponential(1)}, weights ${d.weights.toExponential(1)}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The largest |a - b| / max(1, |a|, |b|) over two nested arrays of the same shape.
function worst(a: unknown, b: unknown, where = ''): { diff: number; where: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    const ok = close(a, b, 0, 0);
    const diff = ok ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
    return { diff, where };
  }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return { diff: Infinity, where: `${where} (shapes differ)` };
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

describe('the PyTorch script continues the session that exported it, for every optimizer and regularizer', () => {
  it.each(RESUME.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const want = expectedRuns[i];
    const got = runsFromPython[i];
    const c = RESUME[i];
    expect(want && got && c).toBeTruthy();
    if (!want || !got || !c) return;
    // The script's generator draws the engine's batches, reshuffles included.
    expect(got.batches).toEqual(want.batches);
    // At epoch 0 with shuffling on, the generator is where seeding it from SEED and one shuffle put it.
    if (c.epochs === 0 && c.steps === 0 && c.config.shuffle !== false) expect(got.seeded).toBe(true);
    else if (c.epochs > 0) expect(got.seeded).toBe(false);
    expect(got.trace.map((t) => t.step)).toEqual(want.trace.map((t) => t.step));
    const worstRun = largestRun.get(c.optimizer) ?? { loss: 0, weights: 0 };
    want.trace.forEach((w, k) => {
      const g = got.trace[k];
      if (!g) return;
      const loss = Math.abs(w.train_loss - g.train_loss) / Math.abs(w.train_loss);
      const weights = worst(w.weights, g.weights, 'weights');
      worstRun.loss = Math.max(worstRun.loss, loss);
      worstRun.weights = Math.max(worstRun.weights, weights.diff);
      expect(loss, `training loss after ${w.step} steps: ${w.train_loss} in the engine, ${g.train_loss} in torch`).toBeLessThanOrEqual(TOL);
      expect(weights.diff, `weights after ${w.step} steps: largest difference at ${weights.where}`).toBeLessThanOrEqual(TOL);
    });
    largestRun.set(c.optimizer, worstRun);
    // The run learned something: the comparison is not of two frozen copies.
    expect(worst(want.trace[0]?.weights, want.trace.at(-1)?.weights).diff).toBeGreaterThan(1e-6);
  });
});
