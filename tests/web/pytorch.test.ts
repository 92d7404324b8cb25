// The PyTorch export's text: floats that Python reads back bit for bit, and a
// template filled whole, with true headers and the points, flags and batches
// it was given. tests/wasm/pytorch-check.test.ts runs the scripts in PyTorch
// against the engine.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportedSteps, pyFloat, toPyTorch, type PyTorchData } from '../../web/src/courses/pytorch';

function python(script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A model file as engine/model_io.cpp writes it (a 2-2-1 network on the XOR table).
const CONFIG = {
  dataset: 'xor_table', problem: 'classification', classes: 3, samples: 500, noise: 0, train_ratio: 0.5, seed: 4,
  shuffle: true, features: ['x1', 'x2'], hidden: [{ width: 2, activation: 'leaky_relu', alpha: 0.25 }],
  output: 'sigmoid_bce',
  optimizer: { kind: 'adam', learning_rate: 0.003, momentum: 0.9, rho: 0.99, beta1: 0.8, beta2: 0.995, epsilon: 1e-7 },
  batch_size: 3, regularization: 'l1', reg_rate: 0.0001, init: 'tfp',
};
const MODEL = JSON.stringify({
  format: 'nn-playground-model', schema: 1, config: CONFIG, epoch: 12, steps: 24,
  layers: [
    { weights: [[0.1, -2.5e-15], [1 / 3, 5e-324]], biases: [-0, 7] },
    { weights: [[1.7976931348623157e308, -1e21]], biases: [0.30000000000000004] },
  ],
  history: [],
});
const DATA: PyTorchData = {
  points: {
    x: Float64Array.from([0, 0, 1, 1]),
    y: Float64Array.from([0, 1, 0, 1]),
    label: Float64Array.from([0, 1, 1, 0]),
    test: Uint8Array.from([0, 0, 0, 0]),
  },
  batches: [[2, 0, 3], [1], [3, 1, 0], [2]],
};

describe('pyFloat', () => {
  it('writes floats Python reads back bit for bit', () => {
    const values = [0.1, -0, 5e-324, 1.7976931348623157e308, -2, 1 / 3, 123456789.12345679, 1e-7, 1e21, -2.5e-15, 2,
      1e300, -1e-300, 0.30000000000000004, 9007199254740993, 4.35];
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
  });

  it('says what the data is: the XOR table holds nothing out', () => {
    expect(code).toContain('# Data: xor_table, seed 4, noise 0, 2 classes: 4 points, 4 for training, 0 held out.');
    expect(code).toContain('# Weights after 12 epochs (24 steps); 4 next batches below.');
    expect(code).not.toMatch(/train ratio|randperm\(len\(labels\)/);
  });

  it('writes the points with their flags, the batches and the weights as Python reads them back', () => {
    const r = python(
      [
        'import ast, json, sys',
        'tree = ast.parse(sys.stdin.read())',
        'get = {n.targets[0].id: n.value for n in tree.body if isinstance(n, ast.Assign) and hasattr(n.targets[0], "id")}',
        'print(json.dumps([ast.literal_eval(get[k]) for k in ("POINTS", "BATCHES", "TRAINED")]))',
      ].join('\n'),
      code,
    );
    expect(r.stderr).toBe('');
    const [points, batches, trained] = JSON.parse(r.stdout) as [number[][], number[][], [number[][], number[]][]];
    expect(points).toEqual([[0, 0, 0, 0], [0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 0]]);
    expect(batches).toEqual(DATA.batches);
    const layers = (JSON.parse(MODEL) as { layers: { weights: number[][]; biases: number[] }[] }).layers;
    layers.forEach((l, i) => {
      l.weights.flat().forEach((w, k) => expect(Object.is(trained[i]?.[0].flat()[k], w), `${w}`).toBe(true));
      l.biases.forEach((b, k) => expect(Object.is(trained[i]?.[1][k], b), `${b}`).toBe(true));
    });
  });

  it('writes out ten epochs of batches', () => {
    // 4 training points in batches of 3: two steps an epoch.
    expect(exportedSteps(DATA.points, 3)).toBe(20);
    expect(exportedSteps({ ...DATA.points, test: Uint8Array.from([1, 0, 1, 0]) }, 5)).toBe(10);
  });
});
