// Bad input from JS: every kind gives an Error whose message names the field
// or argument, changes nothing, and leaves the session training exactly as
// before. Thousands of bad calls and create/train/delete cycles leave the
// module working and its memory flat.
import { beforeAll, describe, expect, test } from 'vitest';

import type { ConfigPatch, Playground } from '../../web/src/engine/types';
import type { WasmEngine } from '../../web/src/engine/index';
import { engine } from './helpers';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

const BASE: ConfigPatch = { dataset: 'circle', samples: 80, seed: 3, hidden: [{ width: 3, activation: 'tanh' }] };
// Types are deliberately wrong below: these are what untyped JS could pass.
/* eslint-disable @typescript-eslint/no-explicit-any */
const bad = (v: unknown): any => v;

// [what, call, message pattern]
type Case = [string, (p: Playground) => unknown, RegExp];

const configCases: [string, unknown, RegExp][] = [
  ['null patch', null, /configure: patch must be an object \(got null\)/],
  ['string patch', 'samples=5', /configure: patch must be an object/],
  ['array patch', [1], /configure: patch must be an object \(got an array\)/],
  ['samples as a string', { samples: '100' }, /configure: samples must be a finite number \(got "100"\)/],
  ['samples NaN', { samples: NaN }, /configure: samples must be a finite number \(got NaN\)/],
  ['noise Infinity', { noise: Infinity }, /configure: noise must be a finite number \(got Infinity\)/],
  ['negative samples', { samples: -5 }, /^samples: got -5, expected a whole number from 4 to 5000$/],
  ['huge samples', { samples: 1e9 }, /^samples: got 1000000000, expected a whole number from 4 to 5000$/],
  ['fractional samples', { samples: 10.5 }, /^samples: got 10\.5, expected a whole number$/],
  ['unknown field', { sampels: 100 }, /^sampels: got an unknown field, expected one of dataset/],
  ['unknown dataset', { dataset: 'donut' }, /^dataset: got "donut", expected one of circle/],
  ['dataset not a string', { dataset: 3 }, /configure: dataset must be a string id \(got 3\)/],
  ['unknown feature', { features: ['x1', 'x3'] }, /^features\[1\]: got "x3", expected one of x1/],
  ['features not an array', { features: 'x1' }, /configure: features must be an array of feature ids/],
  ['feature not a string', { features: ['x1', 2] }, /configure: features\[1\] must be a string/],
  ['no features', { features: [] }, /^features: got \[\], expected at least one input feature$/],
  ['duplicate feature', { features: ['x1', 'x1'] }, /^features\[1\]: got "x1" again/],
  ['negative width', { hidden: [{ width: -1, activation: 'tanh' }] }, /^hidden\[0\]\.width: got -1, expected a whole number from 1 to 32$/],
  ['huge width', { hidden: [{ width: 1000, activation: 'tanh' }] }, /^hidden\[0\]\.width: got 1000/],
  ['width NaN', { hidden: [{ width: NaN, activation: 'tanh' }] }, /configure: hidden\[0\]\.width must be a finite number \(got NaN\)/],
  ['too many layers', { hidden: Array.from({ length: 9 }, () => ({ width: 2, activation: 'tanh' })) }, /^hidden \(number of layers\): got 9/],
  ['unknown activation', { hidden: [{ width: 2, activation: 'swish' }] }, /^hidden\[0\]\.activation: got "swish", expected one of linear/],
  ['layer not an object', { hidden: [3] }, /configure: hidden\[0\] must be an object/],
  ['unknown layer field', { hidden: [{ width: 2, activation: 'tanh', size: 3 }] }, /^hidden\[0\]\.size: got an unknown field/],
  ['bad alpha', { hidden: [{ width: 2, activation: 'elu', alpha: -1 }] }, /^hidden\[0\]\.alpha: got -1, expected a number from 0 to 10$/],
  ['unknown optimizer', { optimizer: { kind: 'sgdx' } }, /^optimizer\.kind: got "sgdx", expected one of sgd/],
  ['zero learning rate', { optimizer: { learning_rate: 0 } }, /^optimizer\.learning_rate: got 0, expected a number above 0 to 100$/],
  ['learning rate NaN', { optimizer: { learning_rate: NaN } }, /configure: optimizer\.learning_rate must be a finite number \(got NaN\)/],
  ['optimizer not an object', { optimizer: 5 }, /configure: optimizer must be an object/],
  ['regression output on classes', { output: 'linear_mse' }, /^output: got "linear_mse", expected an output for classification/],
  ['zero batch', { batch_size: 0 }, /^batch_size: got 0, expected a whole number from 1 to 5000$/],
  ['train ratio too high', { train_ratio: 0.95 }, /^train_ratio: got 0\.95, expected a number from 0\.1 to 0\.9$/],
  ['negative seed', { seed: -1 }, /^seed: got -1, expected a whole number from 0 to 4294967295$/],
  ['shuffle not a boolean', { shuffle: 'yes' }, /configure: shuffle must be true or false \(got "yes"\)/],
  ['too many classes', { dataset: 'blobs', classes: 9 }, /^classes: got 9, expected a whole number from 2 to 6$/],
  ['unknown init', { init: 'glorot' }, /^init: got "glorot", expected one of tfp/],
];

const cases: Case[] = [
  ...configCases.map(([what, patch, re]): Case => [`configure: ${what}`, (p) => p.configure(bad(patch)), re]),
  ['addPoint NaN', (p) => p.addPoint(NaN, 0, 1), /addPoint: x must be a finite number \(got NaN\)/],
  ['addPoint string', (p) => p.addPoint(0, bad('1'), 1), /addPoint: y must be a finite number \(got "1"\)/],
  ['addPoint off the plane', (p) => p.addPoint(7, 0, 1), /^point: point \(7, 0\) is outside the plane/],
  ['addPoint bad label', (p) => p.addPoint(0, 0, 5), /^point: label 5 is not a class index 0\.\.1$/],
  ['addPoint fractional label', (p) => p.addPoint(0, 0, 0.5), /^point: label 0\.5 is not a class index/],
  ['movePoint negative index', (p) => p.movePoint(-1, 0, 0), /movePoint: index must be a whole number >= 0 \(got -1\)/],
  ['movePoint huge index', (p) => p.movePoint(1e9, 0, 0), /^point index: got 1000000000, expected an index below 80$/],
  ['movePoint fractional index', (p) => p.movePoint(1.5, 0, 0), /movePoint: index must be a whole number/],
  ['movePoint off the plane', (p) => p.movePoint(0, 0, -100), /^point: point .* is outside the plane/],
  ['removePoint out of range', (p) => p.removePoint(80), /^point index: got 80, expected an index below 80$/],
  ['setPoints not an array', (p) => p.setPoints(bad('0,0,1')), /setPoints: points must be an array/],
  ['setPoints short row', (p) => p.setPoints(bad([[1, 2]])), /setPoints: points\[0\] must be an array \[x, y, label\]/],
  [
    'setPoints NaN',
    (p) =>
      p.setPoints([
        [0, 0, 1],
        [1, 2, NaN],
      ]),
    /setPoints: points\[1\]\[2\] \(label\) must be a finite number \(got NaN\)/,
  ],
  [
    'setPoints off the plane',
    (p) =>
      p.setPoints([
        [0, 0, 1],
        [100, 0, 1],
      ]),
    /^points\[1\]: point \(100, 0\) is outside the plane/,
  ],
  [
    'setPoints too many',
    (p) => p.setPoints(Array.from({ length: 5001 }, () => [0, 0, 1] as [number, number, number])),
    /^points: got 5001 points, expected at most 5000$/,
  ],
  ['loadCsv not a string', (p) => p.loadCsv(bad(42)), /loadCsv: text must be a string \(got 42\)/],
  ['trainEpochs negative', (p) => p.trainEpochs(-1), /trainEpochs: k must be a whole number >= 0 \(got -1\)/],
  ['trainEpochs fractional', (p) => p.trainEpochs(1.5), /trainEpochs: k must be a whole number/],
  ['trainEpochs NaN', (p) => p.trainEpochs(NaN), /trainEpochs: k must be a whole number >= 0 \(got NaN\)/],
  ['trainEpochs string', (p) => p.trainEpochs(bad('3')), /trainEpochs: k must be a whole number >= 0 \(got "3"\)/],
  ['trainEpochs huge', (p) => p.trainEpochs(1e12), /^epochs: got 1000000000000, expected a whole number from 0 to 100000$/],
  ['trainSteps negative', (p) => p.trainSteps(-3), /trainSteps: k must be a whole number >= 0/],
  ['history negative', (p) => p.history(-1), /history: since must be a whole number >= 0/],
  ['grid too small', (p) => p.grid(1), /^grid size: got 1, expected a whole number from 2 to 200$/],
  ['grid too large', (p) => p.grid(1000), /^grid size: got 1000, expected a whole number from 2 to 200$/],
  ['grid empty bounds', (p) => p.grid(50, 3, 3), /^grid bounds: /],
  ['grid NaN bound', (p) => p.grid(50, NaN), /grid: lo must be a finite number \(got NaN\)/],
  ['setWeight bad layer', (p) => p.setWeight(9, 0, 0, 1), /^layer: got 9, expected an index below 2$/],
  ['setWeight bad to', (p) => p.setWeight(0, 9, 0, 1), /^to: got 9, expected a neuron index below 3$/],
  ['setWeight bad from', (p) => p.setWeight(0, 0, 9, 1), /^from: got 9, expected an input index below 2$/],
  ['setWeight NaN', (p) => p.setWeight(0, 0, 0, NaN), /setWeight: value must be a finite number \(got NaN\)/],
  ['setBias bad neuron', (p) => p.setBias(1, 3, 1), /^neuron: got 3, expected an index below 1$/],
  ['setBias undefined', (p) => p.setBias(0, 0, bad(undefined)), /setBias: value must be a finite number \(got undefined\)/],
  ['predict NaN', (p) => p.predict(NaN, 0), /predict: x must be a finite number \(got NaN\)/],
  ['trace bad label', (p) => p.trace(0, 0, 7), /^point: label 7 is not a class index/],
  ['trace off the plane', (p) => p.trace(0, 60, 1), /^point: point .* outside the plane/],
  ['applySampleUpdate bad label', (p) => p.applySampleUpdate(0, 0, 9), /^point: label 9 is not a class index/],
  [
    'importModel not JSON',
    (p) => p.importModel('{"format": '),
    /^model: not valid JSON at byte 12: syntax error while parsing value - unexpected end of input/,
  ],
  ['importModel empty object', (p) => p.importModel('{}'), /^format: got nothing, expected "nn-playground-model"$/],
  ['importModel not a string', (p) => p.importModel(bad(5)), /importModel: json must be a string \(got 5\)/],
  [
    'importModel wrong shapes',
    (p) => {
      const m = JSON.parse(p.exportModel()) as { layers: { weights: number[][] }[] };
      m.layers[0]?.weights.pop();
      return p.importModel(JSON.stringify(m));
    },
    /^layers\[0\]\.weights: got 2x2, expected 3x2$/,
  ],
  [
    'importModel bad config',
    (p) => {
      const m = JSON.parse(p.exportModel()) as { config: { samples: number } };
      m.config.samples = 2;
      return p.importModel(JSON.stringify(m));
    },
    /^samples: got 2, expected a whole number from 4 to 5000$/,
  ],
];

describe('bad input', () => {
  test.each(cases)('%s', (_what, call, re) => {
    const p = e.createPlayground(BASE);
    p.trainEpochs(2);
    const config = p.config();
    const points = p.points();
    const layers = p.layers();
    let error: unknown;
    try {
      call(p);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(re);
    // Nothing changed, and the session trains on exactly as an untouched one.
    expect(p.config()).toEqual(config);
    expect(p.points()).toEqual(points);
    expect(p.layers()).toEqual(layers);
    expect(p.epoch()).toBe(2);
    expect(p.trainEpochs(3)).toBe('ok');
    const twin = e.createPlayground(BASE);
    twin.trainEpochs(5);
    expect(p.history()).toEqual(twin.history());
    twin.delete();
    p.delete();
  });

  test('a malformed CSV loads nothing and says which lines are bad', () => {
    const p = e.createPlayground(BASE);
    const before = p.points();
    const r = p.loadCsv('x,y,label\n1,2,1\n1,2\n3,x,0\n1,2,3,4\n');
    expect(r.ok).toBe(false);
    expect(r.loaded).toBe(0);
    expect(r.errors.map((m) => m.slice(0, 7))).toEqual(['line 3:', 'line 4:', 'line 5:']);
    expect(p.points()).toEqual(before);
    expect(p.config().dataset).toBe('circle');
    p.delete();
  });

  test('createPlayground refuses a bad patch and leaks nothing', () => {
    expect(() => e.createPlayground({ samples: 2 })).toThrow(/^samples: got 2, expected a whole number from 4 to 5000$/);
    expect(() => e.createPlayground(bad({ hidden: 'x' }))).toThrow(/createPlayground: hidden must be an array/);
  });

  test('a deleted playground refuses calls', () => {
    const p = e.createPlayground(BASE);
    p.delete();
    p.delete(); // twice is fine
    expect(() => p.trainEpochs(1)).toThrow(/^trainEpochs: this Playground was deleted$/);
    expect(() => p.config()).toThrow(/^config: this Playground was deleted$/);
  });

  test('activationCurve checks its arguments', () => {
    const z = new Float64Array([0, 1]);
    expect(() => e.activationCurve(bad('swish'), 0, z)).toThrow(/^activation: got "swish", expected one of linear/);
    expect(() => e.activationCurve('tanh', NaN, z)).toThrow(/activationCurve: alpha must be a finite number \(got NaN\)/);
    expect(() => e.activationCurve('tanh', 0, bad([0, 1]))).toThrow(/activationCurve: z must be a Float64Array \(got an array\)/);
    expect(() => e.activationCurve('tanh', 0, new Float64Array([0, NaN]))).toThrow(/activationCurve: z\[1\] must be a finite number/);
    expect(() => e.activationCurve('leaky_relu', -1, z)).toThrow(/^alpha: got -1, expected a number from 0 to 10$/);
    expect(e.activationCurve('tanh', 0, z).value[1]).toBeCloseTo(Math.tanh(1), 15);
  });
});

describe('memory stays flat', () => {
  test('10,000 bad calls leave the module working and the heap flat', () => {
    const p = e.createPlayground(BASE);
    const longJson = JSON.stringify({ ...BASE, samples: 2, note: 'x'.repeat(200) });
    const badCalls: (() => unknown)[] = [
      () => p.configure({ samples: 2 }),
      () => p.configure(bad({ features: ['x1', 'nope'.repeat(30)] })),
      () => p.importModel(longJson),
      () => p.importModel('{"format": "nn-playground-model", "schema": 1, "config": {"samples": "many"}}'),
      () => p.addPoint(50, 50, 1),
      () => p.trace(0, 0, 9),
      () => p.grid(1),
      () => p.setWeight(0, 99, 0, 1),
      () => p.removePoint(1e6),
      () =>
        p.setPoints([
          [0, 0, 1],
          [0, 99, 1],
        ]),
      () => e.activationCurve(bad('x'.repeat(100)), 0, new Float64Array(4)),
    ];
    const round = (n: number): void => {
      for (let i = 0; i < n; ++i) {
        const call = badCalls[i % badCalls.length];
        if (!call) throw new Error('no call');
        expect(call).toThrow(Error);
      }
    };
    round(200); // warm up: the error buffer and such reach their size
    const heap = e.heapInUse();
    const memory = e.memoryBytes();
    round(10_000);
    expect(e.memoryBytes()).toBe(memory);
    expect(Math.abs(e.heapInUse() - heap)).toBeLessThan(4096);
    // Still works: a bad CSV too (returns, not throws) and then real training.
    for (let i = 0; i < 500; ++i) expect(p.loadCsv('x,y,label\n1,1,7\n').ok).toBe(false);
    expect(Math.abs(e.heapInUse() - heap)).toBeLessThan(4096);
    expect(p.trainEpochs(3)).toBe('ok');
    const twin = e.createPlayground(BASE);
    twin.trainEpochs(3);
    expect(p.history()).toEqual(twin.history());
    twin.delete();
    p.delete();
  });

  test('1,000 create/train/delete cycles leave the heap flat', () => {
    const cycle = (): void => {
      const p = e.createPlayground({
        dataset: 'spiral',
        samples: 100,
        hidden: [
          { width: 6, activation: 'relu' },
          { width: 4, activation: 'tanh' },
        ],
      });
      expect(p.trainEpochs(1)).toBe('ok');
      p.grid(16);
      p.trace(1, 1, 1);
      p.layers();
      p.exportModel();
      p.delete();
    };
    for (let i = 0; i < 20; ++i) cycle();
    const heap = e.heapInUse();
    // The measure is sensitive enough: one live session is well above the bound.
    const live = e.createPlayground({ dataset: 'spiral', samples: 100 });
    expect(e.heapInUse() - heap).toBeGreaterThan(20_000);
    live.delete();
    expect(Math.abs(e.heapInUse() - heap)).toBeLessThan(4096);
    const memory = e.memoryBytes();
    for (let i = 0; i < 1000; ++i) cycle();
    expect(e.memoryBytes()).toBe(memory);
    expect(Math.abs(e.heapInUse() - heap)).toBeLessThan(4096);
  });
});
