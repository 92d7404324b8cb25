// The typed wrapper over the real WebAssembly module: every method of the
// Playground and Engine contract (web/src/engine/types.ts) with real numbers.
import { beforeAll, describe, expect, test } from 'vitest';

import type { WasmEngine } from '../../web/src/engine/index';
import type { Playground } from '../../web/src/engine/types';
import { ENGINE } from '../../web/src/engine/description.generated';
import { close, engine } from './helpers';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

const SMALL = { dataset: 'circle', samples: 60, seed: 4 } as const;

describe('catalog and activation curves', () => {
  test('the catalog is the engine description the page is built with (description.generated.ts)', () => {
    const c = e.catalog();
    expect(c).toEqual(ENGINE);
    // A few entries by hand, so a wrong description cannot pass by being generated.
    expect(c.optimizers.map((o) => o.id)).toEqual(['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad']);
    expect(c.ranges.width).toEqual({ min: 1, max: 32, minOpen: false, integer: true });
    expect(c.ranges.learning_rate).toEqual({ min: 0, max: 100, minOpen: true, integer: false });
    expect(c.optimizers.find((o) => o.id === 'adam')?.params).toEqual(['beta1', 'beta2', 'epsilon']);
    expect(c.limits).toEqual({
      maxGridBound: 1e6,
      maxConfigBytes: 65536,
      maxModelBytes: 32 * 1024 * 1024,
      maxJsonDepth: 32,
      maxCsvBytes: 2 * 1024 * 1024,
      maxCsvLines: 10000,
      maxCsvErrors: 20,
      maxHistory: 10000,
      maxEpochsPerCall: 100000,
      maxStepsPerCall: 1000000,
      maxEpoch: 1e12,
      maxSteps: 1e15,
      excerptChars: 40,
    });
    const leaky = c.activations.find((a) => a.id === 'leaky_relu');
    expect(leaky).toMatchObject({ hasAlpha: true, defaultAlpha: 0.01, trainable: true, name: 'Leaky ReLU' });
    expect(c.activations.find((a) => a.id === 'step')).toMatchObject({ trainable: false, hasAlpha: false });
    expect(c.outputs.find((o) => o.id === 'softmax_ce')).toMatchObject({ multiclass: true, classification: true, regression: false, unit: 'softmax' });
    expect(c.outputs.filter((o) => o.noHiddenLayers).map((o) => o.id)).toEqual(['perceptron']);
    expect(c.datasets.find((d) => d.id === 'reg_plane')).toMatchObject({ problem: 'regression', anyClasses: false });
    expect(c.datasets.find((d) => d.id === 'blobs')).toMatchObject({ problem: 'classification', anyClasses: true });
    expect(c.features.find((f) => f.id === 'x1sq')).toMatchObject({ label: 'X1²' });
    // A copy: changing it does not change the next one.
    (c.optimizers as unknown as unknown[]).pop();
    expect(e.catalog().optimizers).toHaveLength(6);
  });

  test("activationCurve gives f and f' from the engine", () => {
    const z = new Float64Array([-2, -0.5, 0, 0.5, 3]);
    const tanh = e.activationCurve('tanh', 0, z);
    z.forEach((v, i) => {
      expect(tanh.value[i]).toBeCloseTo(Math.tanh(v), 14);
      expect(tanh.derivative[i]).toBeCloseTo(1 - Math.tanh(v) ** 2, 14);
    });
    const leaky = e.activationCurve('leaky_relu', 0.1, z);
    expect(Array.from(leaky.value)).toEqual([-0.2, -0.05, 0, 0.5, 3].map((v) => expect.closeTo(v, 15)));
    expect(Array.from(leaky.derivative)).toEqual([0.1, 0.1, 0.1, 1, 1]);
    const sig = e.activationCurve('sigmoid', 0, new Float64Array([0]));
    expect(sig.value[0]).toBe(0.5);
    expect(sig.derivative[0]).toBe(0.25);
    expect(e.activationCurve('relu', 0, new Float64Array(0)).value).toHaveLength(0);
  });
});

describe('a Playground', () => {
  test('config round trip and partial patches', () => {
    const p = e.createPlayground({ ...SMALL, hidden: [{ width: 3, activation: 'relu' }] });
    const c = p.config();
    expect(c).toMatchObject({ dataset: 'circle', samples: 60, seed: 4, output: 'tanh_mse', batch_size: 10 });
    expect(c.hidden).toEqual([{ width: 3, activation: 'relu' }]);
    expect(c.optimizer).toEqual({ kind: 'sgd', learning_rate: 0.03, momentum: 0.9, rho: 0.99, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    p.configure({ optimizer: { learning_rate: 0.1 } });
    expect(p.config().optimizer).toMatchObject({ kind: 'sgd', learning_rate: 0.1, momentum: 0.9 });
    p.configure({ hidden: [{ width: 2, activation: 'leaky_relu' }] });
    expect(p.config().hidden).toEqual([{ width: 2, activation: 'leaky_relu', alpha: 0.01 }]);
    expect(p.config().samples).toBe(60);
    p.delete();
  });

  test('training settings keep the weights; model settings reset them', () => {
    const p = e.createPlayground(SMALL);
    p.trainEpochs(3);
    const w = p.layers()[0]?.weights.slice();
    p.configure({ optimizer: { learning_rate: 0.01 }, batch_size: 5 });
    expect(p.epoch()).toBe(3);
    expect(p.layers()[0]?.weights).toEqual(w);
    p.configure({ hidden: [{ width: 4, activation: 'tanh' }] });
    expect(p.epoch()).toBe(0);
    expect(Array.from(p.history().epoch)).toEqual([0]); // only the new network's epoch 0
    expect(p.history().train_loss[0]).toBe(p.evaluate().trainLoss);
    p.delete();
  });

  test('points, and editing them turns the data custom', () => {
    const p = e.createPlayground(SMALL);
    const pts = p.points();
    expect(pts.x).toBeInstanceOf(Float64Array);
    expect(pts.test).toBeInstanceOf(Uint8Array);
    expect(pts.x).toHaveLength(60);
    expect(pts.test.reduce((a, b) => a + b, 0)).toBe(30); // train_ratio 0.5
    for (let i = 0; i < 60; ++i) {
      expect(Math.abs(pts.x[i] ?? NaN)).toBeLessThanOrEqual(6);
      expect([0, 1]).toContain(pts.label[i]);
    }
    p.addPoint(1.25, -2.5, 1);
    let q = p.points();
    expect(q.x).toHaveLength(61);
    expect([q.x[60], q.y[60], q.label[60], q.test[60]]).toEqual([1.25, -2.5, 1, 0]);
    expect(p.config()).toMatchObject({ dataset: 'custom', problem: 'classification', classes: 2 });
    p.movePoint(60, -3, 4.5);
    q = p.points();
    expect([q.x[60], q.y[60], q.label[60]]).toEqual([-3, 4.5, 1]);
    p.removePoint(0);
    q = p.points();
    expect(q.x).toHaveLength(60);
    expect(q.x[0]).toBe(pts.x[1]);
    p.setPoints([
      [0, 1, 0],
      [1, 0, 1],
      [-1, -1, 0],
      [2, 2, 1],
    ]);
    q = p.points();
    expect(Array.from(q.x)).toEqual([0, 1, -1, 2]);
    expect(Array.from(q.label)).toEqual([0, 1, 0, 1]);
    expect(p.trainEpochs(2)).toBe('ok');
    p.delete();
  });

  test('CSV load and export round trip; a bad file loads nothing', () => {
    const p = e.createPlayground(SMALL);
    const r = p.loadCsv('x,y,label\n0.5,1.5,1\n-2,3,0\n# comment\n\n4;-4;-1\n');
    expect(r).toEqual({ ok: true, loaded: 3, errors: [] });
    expect(Array.from(p.points().label)).toEqual([1, 0, 0]); // -1 is class 0, as in TensorFlow Playground
    expect(p.exportCsv()).toBe('x,y,label\n0.5,1.5,1\n-2,3,0\n4,-4,0\n');
    const bad = p.loadCsv('x,y,label\n1,1,1\n1,abc,0\n9,0,1\n');
    expect(bad.ok).toBe(false);
    expect(bad.loaded).toBe(0);
    expect(bad.errors).toHaveLength(2);
    expect(bad.errors[0]).toMatch(/^line 3: /);
    expect(bad.errors[1]).toMatch(/^line 4: .*outside the plane/);
    expect(p.points().x).toHaveLength(3); // unchanged
    const again = e.createPlayground(SMALL);
    expect(again.loadCsv(p.exportCsv()).ok).toBe(true);
    expect(again.points()).toEqual(p.points());
    again.delete();
    p.delete();
  });

  test('CSV numbers follow the native parser (std::from_chars) exactly', () => {
    const p = e.createPlayground(SMALL);
    // Good cells; wasm has no floating-point from_chars, the engine falls back to strtod with its rules.
    expect(p.loadCsv('.5,5.,1\n-.5,1E-1,0\n+2,-0,1\n" 3 ",4,0\n').ok).toBe(true);
    expect(Array.from(p.points().x)).toEqual([0.5, -0.5, 2, 3]);
    expect(Array.from(p.points().y)).toEqual([5, 0.1, -0, 4]);
    const bad = ['0x10', '++1', '1e400', '1e-400', '1_0', 'inf', 'nan', '1 2', '\v1'];
    // (A first row that is not numbers would be taken for a header: start with a good one.)
    const r = p.loadCsv(['1,1,1', ...bad.map((c) => `${c},0,1`)].join('\n'));
    expect(r.ok).toBe(false);
    expect(r.errors.map((m) => Number(/^line (\d+):/.exec(m)?.[1]))).toEqual(bad.map((_, i) => i + 2));
    // The engine's own CSV test case, through wasm.
    const t = p.loadCsv('x,y,label\n1,2,1\n1,2\na,b,c\n7,0,1\n0,0,3\n1,1,1,1\n\n0,1e400,0\n');
    expect(t.errors).toHaveLength(6);
    expect(t.errors[0]).toMatch(/^line 3: .*expected 3 values.*found 2/);
    expect(t.errors[1]).toMatch(/^line 4: .*expected numbers/);
    expect(t.errors[2]).toMatch(/^line 5: .*outside the plane/);
    expect(t.errors[3]).toMatch(/^line 6: .*class index/);
    expect(t.errors[4]).toMatch(/^line 7: .*found 4/);
    expect(t.errors[5]).toMatch(/^line 9: /);
    p.delete();
  });

  test('epochs, steps, history and evaluate', () => {
    const p = e.createPlayground(SMALL); // 30 training points, batch 10: 3 steps per epoch
    expect(p.trainSteps(2)).toBe('ok');
    expect([p.steps(), p.epoch()]).toEqual([2, 0]);
    expect(p.trainSteps(1)).toBe('ok');
    expect([p.steps(), p.epoch()]).toEqual([3, 1]);
    expect(p.trainEpochs(4)).toBe('ok');
    expect([p.steps(), p.epoch()]).toEqual([15, 5]);
    const h = p.history();
    expect(Array.from(h.epoch)).toEqual([0, 1, 2, 3, 4, 5]); // from epoch 0: the initial loss
    // Every column by its engine name: the base ones, then the gradient flow per layer.
    const widths = p.config().hidden.length;
    expect(Object.keys(h)).toEqual([
      'epoch',
      'train_loss',
      'test_loss',
      'train_accuracy',
      'test_accuracy',
      ...Array.from({ length: widths + 1 }, (_, l) => `grad_rms_${l}`),
      ...Array.from({ length: widths }, (_, l) => `saturation_${l}`),
    ]);
    for (const col of Object.values(h)) expect(col).toHaveLength(6);
    expect(h.grad_rms_0![5]).toBeGreaterThan(0);
    expect(h.grad_rms_0![0]).toBeNaN(); // no step before epoch 0
    const tail = p.history(4);
    expect(Array.from(tail.epoch)).toEqual([4, 5]);
    expect(tail.train_loss[1]).toBe(h.train_loss[5]);
    expect(p.history(99).epoch).toHaveLength(0);
    const s = p.evaluate();
    expect(s.epoch).toBe(5);
    expect(s.trainLoss).toBe(h.train_loss[5]);
    expect(s.testLoss).toBe(h.test_loss[5]);
    expect(s.trainAccuracy).toBe(h.train_accuracy[5]);
    expect(s.trainAccuracy * 30).toBeCloseTo(Math.round(s.trainAccuracy * 30), 9);
    expect(p.status()).toBe('ok');
    expect(p.statusMessage()).toBe('');
    p.reset();
    expect([p.epoch(), p.steps()]).toEqual([0, 0]);
    p.delete();
  });

  test('regression reports NaN accuracy', () => {
    const p = e.createPlayground({ dataset: 'reg_plane', samples: 40, output: 'linear_mse' });
    p.trainEpochs(1);
    const s = p.evaluate();
    expect(Number.isNaN(s.trainAccuracy)).toBe(true);
    expect(Number.isNaN(s.testAccuracy)).toBe(true);
    expect(Number.isFinite(s.trainLoss)).toBe(true);
    p.delete();
  });

  test('a diverging run reports it', () => {
    const p = e.createPlayground({
      dataset: 'reg_plane',
      samples: 40,
      output: 'linear_mse',
      hidden: [{ width: 8, activation: 'linear' }],
      optimizer: { learning_rate: 100 },
    });
    expect(p.trainEpochs(50)).toBe('diverged');
    expect(p.status()).toBe('diverged');
    expect(p.statusMessage()).toMatch(/^Diverged at epoch \d+: /);
    p.delete();
  });

  test('layers, setWeight, setBias and predict', () => {
    const p = e.createPlayground({ ...SMALL, hidden: [{ width: 3, activation: 'tanh' }] });
    const ls = p.layers();
    expect(ls.map((l) => [l.rows, l.cols, l.activation])).toEqual([
      [3, 2, 'tanh'],
      [1, 3, 'output'],
    ]);
    expect(ls[0]?.weights).toHaveLength(6);
    expect(Array.from(ls[0]?.biases ?? [])).toEqual([0.1, 0.1, 0.1]); // tfp init
    // Make the network compute tanh(tanh(x1 + 0.2) * 2 - 0.5) by hand.
    for (let to = 0; to < 3; ++to) for (let from = 0; from < 2; ++from) p.setWeight(0, to, from, 0);
    p.setWeight(0, 1, 0, 1);
    p.setBias(0, 1, 0.2);
    p.setWeight(1, 0, 0, 0);
    p.setWeight(1, 0, 1, 2);
    p.setWeight(1, 0, 2, 0);
    p.setBias(1, 0, -0.5);
    const l0 = p.layers()[0];
    expect(l0?.weights[1 * 2 + 0]).toBe(1); // row-major: weights[to * cols + from]
    const out = p.predict(0.7, -3);
    expect(out).toHaveLength(1);
    expect(out[0]).toBeCloseTo(Math.tanh(Math.tanh(0.7 + 0.2) * 2 + 0.1 * 0 - 0.5), 14);
    p.delete();
  });

  test('trace and applySampleUpdate', () => {
    const p = e.createPlayground({ ...SMALL, hidden: [{ width: 3, activation: 'tanh' }], optimizer: { learning_rate: 0.5 } });
    const t = p.trace(1, -2, 1);
    expect(Array.from(t.input)).toEqual([1, -2]);
    expect(Array.from(t.target)).toEqual([1]); // class 1 of tanh_mse is +1
    expect(t.layers.map((l) => [l.z.length, l.a.length, l.delta.length, l.dW.length, l.db.length])).toEqual([
      [3, 3, 3, 6, 3],
      [1, 1, 1, 3, 1],
    ]);
    expect(t.output[0]).toBeCloseTo(p.predict(1, -2)[0] ?? NaN, 15);
    expect(t.loss).toBeCloseTo(0.5 * ((t.output[0] ?? NaN) - 1) ** 2, 15);
    // Output delta of tanh + squared error: (a - y)(1 - a^2).
    const a = t.output[0] ?? NaN;
    expect(t.layers[1]?.delta[0]).toBeCloseTo((a - 1) * (1 - a * a), 14);
    const before = p.layers();
    p.applySampleUpdate(1, -2, 1);
    const after = p.layers();
    before.forEach((l, li) => {
      l.weights.forEach((w, k) => expect(after[li]?.weights[k]).toBeCloseTo(w - 0.5 * (t.layers[li]?.dW[k] ?? NaN), 14));
      l.biases.forEach((b, k) => expect(after[li]?.biases[k]).toBeCloseTo(b - 0.5 * (t.layers[li]?.db[k] ?? NaN), 14));
    });
    expect(p.trace(1, -2, 1).loss).toBeLessThan(t.loss);
    p.delete();
  });

  test('exportModel and importModel restore the session', () => {
    const p = e.createPlayground({ ...SMALL, optimizer: { kind: 'adam', learning_rate: 0.01 } });
    p.addPoint(0.5, 0.5, 1);
    p.trainEpochs(4);
    const text = p.exportModel();
    const model = JSON.parse(text) as { format: string; schema: number; epoch: number };
    expect(model).toMatchObject({ format: 'nn-playground-model', schema: 3, epoch: 4 });
    const q = e.createPlayground();
    expect(q.importModel(text)).toBe('');
    expect(q.config()).toEqual(p.config());
    expect(q.epoch()).toBe(4);
    expect(q.history()).toEqual(p.history());
    expect(q.points()).toEqual(p.points());
    for (const [x, y] of [
      [0, 0],
      [2, -3],
      [-5, 5],
    ] as const)
      expect(q.predict(x, y)).toEqual(p.predict(x, y));
    expect(q.exportModel()).toBe(text);
    p.delete();
    q.delete();
  });

  test('a model file is a checkpoint: saved, loaded and trained on, it gives the uninterrupted run bit for bit', () => {
    const weights = (p: Playground) => p.layers().map((l) => [Array.from(l.weights), Array.from(l.biases)]);
    for (const kind of ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad'] as const)
      for (const regularization of ['none', 'l1', 'l2'] as const)
        for (const [epochs, steps] of [
          [0, 0],
          [3, 2],
          [37, 0],
        ] as const) {
          const p = e.createPlayground({
            ...SMALL,
            batch_size: 7,
            shuffle: kind !== 'nesterov',
            regularization,
            reg_rate: 0.01,
            optimizer: { kind, learning_rate: 0.02 },
          });
          p.trainEpochs(epochs);
          p.trainSteps(steps);
          if (kind === 'adam' && epochs === 3) p.addPoint(0.5, -1, 1); // by hand, mid-epoch
          const q = e.createPlayground();
          expect(q.importModel(p.exportModel())).toBe('');
          p.trainSteps(25);
          q.trainSteps(25);
          const where = `${kind}, ${regularization}, ${epochs} epochs + ${steps} steps`;
          expect(weights(q), where).toEqual(weights(p)); // toEqual on numbers: Object.is, every bit
          expect(q.history(), where).toEqual(p.history());
          expect(q.upcomingBatches(20), where).toEqual(p.upcomingBatches(20));
          expect(q.exportModel(), where).toBe(p.exportModel());
          p.delete();
          q.delete();
        }
  });

  test('a schema 2 model file loads and says it resumes without optimizer state', () => {
    const p = e.createPlayground({ ...SMALL, optimizer: { kind: 'rmsprop', learning_rate: 0.01 } });
    p.trainSteps(7); // two epochs of three steps, and one more
    const old = JSON.parse(p.exportModel()) as Record<string, unknown>;
    for (const key of ['shuffle', 'optimizer', 'epoch_flow', 'start_loss', 'stuck_score']) delete old[key];
    const q = e.createPlayground();
    expect(q.importModel(JSON.stringify({ ...old, schema: 2 }))).toBe(
      'This model file (schema 2) holds no optimizer state: training resumes from the start of epoch 2 with the ' +
        "optimizer's moments, accumulators and step count at zero and the shuffle started afresh, so it is not the run that was saved.",
    );
    expect(q.epoch()).toBe(2);
    p.delete();
    q.delete();
  });

  test('several playgrounds in one module are independent', () => {
    const a = e.createPlayground({ ...SMALL, seed: 1 });
    const b = e.createPlayground({ ...SMALL, seed: 1 });
    const c = e.createPlayground({ ...SMALL, seed: 2 });
    a.trainEpochs(5);
    b.trainEpochs(2);
    b.trainEpochs(3);
    c.trainEpochs(5);
    expect(b.history()).toEqual(a.history());
    expect(c.history().train_loss).not.toEqual(a.history().train_loss);
    a.delete();
    expect(b.predict(1, 1)).toHaveLength(1);
    b.delete();
    c.delete();
  });

  test('softmax outputs sum to 1', () => {
    const p = e.createPlayground({ dataset: 'blobs', classes: 5, samples: 100, output: 'softmax_ce' });
    p.trainEpochs(2);
    const out = p.predict(1, 2);
    expect(out).toHaveLength(5);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(p.layers().at(-1)?.rows).toBe(5);
    p.delete();
  });

  test('memoryBytes is the wasm heap size', () => {
    const m = e.memoryBytes();
    expect(m % 65536).toBe(0);
    expect(m).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(e.heapInUse()).toBeGreaterThan(0);
    expect(e.heapInUse()).toBeLessThan(m);
  });
});

describe('close()', () => {
  test('is a relative comparison', () => {
    expect(close(1, 1 + 1e-6, 1e-5)).toBe(true);
    expect(close(1, 1.001, 1e-5)).toBe(false);
    expect(close(NaN, NaN, 0)).toBe(true);
    expect(close(NaN, 0, 1)).toBe(false);
  });
});

describe('loadEngine', () => {
  test('in Node it asks for wasmBinary instead of failing to fetch', async () => {
    const { loadEngine } = await import('../../web/src/engine/index');
    await expect(loadEngine()).rejects.toThrow(/^loadEngine: in Node pass options\.wasmBinary/);
    await expect(loadEngine({ wasmBinary: 'nnp.wasm' as unknown as ArrayBuffer })).rejects.toThrow(/wasmBinary must be an ArrayBuffer or a Uint8Array/);
  });

  test('each engine is a separate module instance', async () => {
    const other = await engine();
    // Separate memory: what one engine allocates does not show in the other's heap
    // (with one shared instance both would report the same, growing, heap).
    const mine = e.heapInUse(),
      theirs = other.heapInUse();
    const big = e.createPlayground({
      samples: 5000,
      hidden: [
        { width: 32, activation: 'tanh' },
        { width: 32, activation: 'tanh' },
      ],
    });
    expect(e.heapInUse() - mine).toBeGreaterThan(100_000);
    expect(other.heapInUse()).toBe(theirs);
    big.delete();
    // And separate state: the same session in each gives the same history.
    const a = e.createPlayground({ samples: 40 });
    const b = other.createPlayground({ samples: 40 });
    a.trainEpochs(2);
    b.trainEpochs(2);
    expect(a.history()).toEqual(b.history());
    a.delete();
    b.delete();
  });
});
