// The PyTorch export's text: floats that Python reads back bit for bit, and a
// template filled whole, with true headers and the points, flags, weights and
// optimizer state it was given. tests/wasm/pytorch-check.test.ts runs the scripts in PyTorch
// against the engine.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pyFloat, toPyTorch, type PyTorchData } from '../../web/src/courses/pytorch';

function python(script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A model file as engine/model_io.cpp writes it (a 2-2-1 network on the XOR table).
const CONFIG = {
  dataset: 'xor_table',
  problem: 'classification',
  classes: 3,
  samples: 500,
  noise: 0,
  train_ratio: 0.5,
  seed: 4,
  shuffle: true,
  features: ['x1', 'x2'],
  hidden: [{ width: 2, activation: 'leaky_relu', alpha: 0.25 }],
  output: 'sigmoid_bce',
  optimizer: { kind: 'adam', learning_rate: 0.003, momentum: 0.9, rho: 0.99, beta1: 0.8, beta2: 0.995, epsilon: 1e-7 },
  batch_size: 3,
  regularization: 'l1',
  reg_rate: 0.0001,
  init: 'tfp',
};
const OPTIMIZER_STATE = [
  {
    weights: {
      exp_avg: [
        [0.25, -1e-300],
        [3, 0],
      ],
      exp_avg_sq: [
        [1e-12, 2],
        [0.1, 5e-324],
      ],
    },
    biases: { exp_avg: [-0, 0.5], exp_avg_sq: [7, 1 / 3] },
  },
  { weights: { exp_avg: [[1, 2]], exp_avg_sq: [[3, 4]] }, biases: { exp_avg: [-2], exp_avg_sq: [0.30000000000000004] } },
];
const MODEL = JSON.stringify({
  format: 'nn-playground-model',
  schema: 3,
  config: CONFIG,
  epoch: 12,
  steps: 25,
  layers: [
    {
      weights: [
        [0.1, -2.5e-15],
        [1 / 3, 5e-324],
      ],
      biases: [-0, 7],
    },
    { weights: [[1.7976931348623157e308, -1e21]], biases: [0.30000000000000004] },
  ],
  history: {},
  shuffle: { state: ['0x0123456789abcdef', '0xffffffffffffffff', '0x0000000000000001', '0x8000000000000000'], order: [2, 0, 3, 1], position: 3 },
  optimizer: { step: 25, layers: OPTIMIZER_STATE },
  epoch_flow: { steps: 1, grad_sumsq: [0, 0], saturated: [0], seen: [0], alive: [[0, 0]] },
});
const DATA: PyTorchData = {
  points: {
    x: Float64Array.from([0, 0, 1, 1]),
    y: Float64Array.from([0, 1, 0, 1]),
    label: Float64Array.from([0, 1, 1, 0]),
    test: Uint8Array.from([0, 0, 0, 0]),
  },
};

describe('pyFloat', () => {
  it('writes floats Python reads back bit for bit', () => {
    const values = [
      0.1,
      -0,
      5e-324,
      1.7976931348623157e308,
      -2,
      1 / 3,
      123456789.12345679,
      1e-7,
      1e21,
      -2.5e-15,
      2,
      1e300,
      -1e-300,
      0.30000000000000004,
      9007199254740993,
      4.35,
    ];
    const text = values.map(pyFloat).join('\n');
    expect(pyFloat(2)).toBe('2.0');
    expect(pyFloat(-0)).toBe('-0.0');
    const r = python('import sys, json\nprint(json.dumps([float(t) for t in sys.stdin.read().split()]))', text);
    expect(r.status).toBe(0);
    const back = JSON.parse(r.stdout) as number[];
    values.forEach((v, i) => expect(Object.is(back[i], v), `${v}`).toBe(true));
    expect(() => pyFloat(Number.NaN)).toThrow(/NaN/);
  });
});

describe('toPyTorch', () => {
  const code = toPyTorch(MODEL, DATA);

  it('fills every value of the template', () => {
    expect(code).not.toMatch(/\{\{|\}\}/);
    expect(code).toMatch(/^OPTIMIZER = "adam"( |$)/m);
    expect(code).toMatch(/^LEARNING_RATE = 0\.003( |$)/m);
    expect(code).toMatch(/^BETAS = \(0\.8, 0\.995\)( |$)/m);
    expect(code).toMatch(/^EPSILON = 1e-7( |$)/m);
    expect(code).toMatch(/^BATCH_SIZE = 3( |$)/m);
    expect(code).toMatch(/^REGULARIZATION = "l1"( |$)/m);
    expect(code).toMatch(/^REG_RATE = 0\.0001( |$)/m);
    expect(code).toMatch(/^HIDDEN = \[\(2, "leaky_relu", 0\.25\)\]( |$)/m);
    expect(code).toMatch(/^CLASSES = 2 {2}#/m); // the XOR table has two classes, whatever `classes` says
    expect(code).toMatch(/^SEED = 4( |$)/m);
    expect(code).toMatch(/^POSITION = 3$/m);
    expect(code).toMatch(/^ORDER = \[2, 0, 3, 1\]$/m);
    expect(code).toMatch(/^OPTIMIZER_STEP = 25$/m);
  });

  it('says what the data is: the XOR table holds nothing out', () => {
    expect(code).toContain('# Data: xor_table, seed 4, noise 0, 2 classes: 4 points, 4 for training, 0 held out.');
    expect(code).toContain('# Weights after 12 epochs (25 steps); training goes on 3 training points into epoch 13.');
    expect(code).not.toMatch(/train ratio|randperm\(len\(labels\)/);
  });

  it('refuses a generator word that is not 16 hex digits rather than write it into the script', () => {
    const bad = JSON.parse(MODEL) as { shuffle: { state: string[] } };
    bad.shuffle.state[1] = '0x1); import os; (';
    expect(() => toPyTorch(JSON.stringify(bad), DATA)).toThrow(/is not a generator word/);
  });

  it('writes the points with their flags, the weights and the optimizer state as Python reads them back', () => {
    const r = python(
      [
        'import ast, json, sys',
        'tree = ast.parse(sys.stdin.read())',
        'get = {n.targets[0].id: n.value for n in tree.body if isinstance(n, ast.Assign) and hasattr(n.targets[0], "id")}',
        'print(json.dumps([ast.literal_eval(get[k]) for k in ("POINTS", "OPTIMIZER_STATE", "TRAINED")] + [[str(w) for w in ast.literal_eval(get["SHUFFLE_STATE"])]]))',
      ].join('\n'),
      code,
    );
    expect(r.stderr).toBe('');
    type State = Record<string, number[][] | number[]>;
    const [points, state, trained, words] = JSON.parse(r.stdout) as [number[][], [State, State][], [number[][], number[]][], string[]];
    // The generator's words as Python integers, exactly (decimal strings: beyond 2^53).
    expect(words).toEqual(['81985529216486895', '18446744073709551615', '1', '9223372036854775808']);
    expect(points).toEqual([
      [0, 0, 0, 0],
      [0, 1, 1, 0],
      [1, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    // Every value bit for bit, as the model file holds it (Object.is tells -0 from 0).
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    const file = JSON.parse(MODEL) as { optimizer: { layers: typeof OPTIMIZER_STATE } };
    const want = file.optimizer.layers.map((l) => [l.weights, l.biases]);
    expect(state.map((l) => l.map((p) => Object.keys(p)))).toEqual(want.map((l) => l.map((p) => Object.keys(p))));
    const got = flat(state.map((l) => l.map((p) => Object.values(p))));
    flat(want.map((l) => l.map((p) => Object.values(p)))).forEach((v, k) => expect(Object.is(got[k], v), `${v}`).toBe(true));
    const layers = (JSON.parse(MODEL) as { layers: { weights: number[][]; biases: number[] }[] }).layers;
    layers.forEach((l, i) => {
      l.weights.flat().forEach((w, k) => expect(Object.is(trained[i]?.[0].flat()[k], w), `${w}`).toBe(true));
      l.biases.forEach((b, k) => expect(Object.is(trained[i]?.[1][k], b), `${b}`).toBe(true));
    });
  });
});
