// Every lesson in the real engine: each preset loads as it is written, and
// trains to the outcome its lesson promises (the numbers quoted in the lesson
// texts come from these runs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../web/src/engine/index';
import type { Engine, Playground, PlaygroundConfig } from '../../web/src/engine/types';
import { applyPreset } from '../../web/src/courses/preset-load';
import { parameterCount } from '../../web/src/courses/preset-config';
import { LESSONS } from '../../web/src/lessons/builtin';
import type { Lesson, LessonVariant } from '../../web/src/lessons/format';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine({ wasmBinary: readFileSync(resolve(import.meta.dirname, '../../build/wasm/nnp.wasm')) });
});

const lesson = (id: string): Lesson => {
  const l = LESSONS.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
};
const variant = (lessonId: string, id: string): LessonVariant => {
  const v = lesson(lessonId).variants.find((x) => x.id === id);
  if (!v) throw new Error(`lesson ${lessonId}: no preset ${id}`);
  return v;
};

// A playground with the preset loaded; deleted after `body`.
function withPreset<T>(v: LessonVariant, body: (p: Playground) => T): T {
  const p = engine.createPlayground();
  try {
    applyPreset(p, v);
    return body(p);
  } finally {
    p.delete();
  }
}

// Trains epoch by epoch until `done` (or the preset's epochs); returns the epoch reached.
function trainUntil(p: Playground, epochs: number, done: () => boolean): number {
  for (let e = 1; e <= epochs; e++) {
    if (p.trainEpochs(1) !== 'ok') return e;
    if (done()) return e;
  }
  return epochs;
}

const weightsOf = (p: Playground): number[] => p.layers().flatMap((l) => [...l.weights, ...l.biases]);
const trainAccuracy = (p: Playground): number => p.evaluate().trainAccuracy;

describe('every preset loads exactly as written', () => {
  for (const l of LESSONS)
    for (const v of l.variants)
      it(`${l.id} / ${v.id}`, () => {
        withPreset(v, (p) => {
          expect(p.config()).toEqual(v.config);
          expect(p.epoch()).toBe(0);
          if (v.points) {
            const pts = p.points();
            expect([...pts.x]).toEqual(v.points.map((q) => q[0]));
            expect([...pts.label]).toEqual(v.points.map((q) => q[2]));
            expect([...pts.test]).toEqual(v.points.map(() => 0));
          }
          if (v.weights) {
            const layers = p.layers();
            v.weights.layers.forEach((layer, i) => {
              expect([...(layers[i]?.weights ?? [])]).toEqual(layer.weights.flat());
              expect([...(layers[i]?.biases ?? [])]).toEqual(layer.biases);
            });
          }
          const engineCount = p.layers().reduce((n, l) => n + l.weights.length + l.biases.length, 0);
          expect(engineCount).toBe(parameterCount(v.config));
        });
      });
});

describe('lesson 1: the perceptron rule', () => {
  it('converges on separable data: 100 % accuracy, zero loss, then no more updates', () => {
    const v = variant('perceptron', 'separable');
    withPreset(v, (p) => {
      const e = trainUntil(p, v.epochs, () => p.evaluate().trainLoss === 0 && trainAccuracy(p) === 1);
      expect(e).toBeLessThanOrEqual(2);
      const s = p.evaluate();
      expect(s.trainAccuracy).toBe(1);
      expect(s.trainLoss).toBe(0);
      const before = weightsOf(p);
      p.trainEpochs(3);
      expect(weightsOf(p)).toEqual(before);
    });
  });

  it('never settles on XOR: never 4 of 4, and the weights keep changing', () => {
    const v = variant('perceptron', 'xor');
    withPreset(v, (p) => {
      for (let e = 1; e <= v.epochs; e++) {
        p.trainEpochs(1);
        expect(trainAccuracy(p)).toBeLessThanOrEqual(0.75);
      }
      let changes = 0;
      for (let s = 0; s < 8; s++) {
        const before = weightsOf(p);
        p.trainSteps(1);
        if (weightsOf(p).some((w, i) => w !== before[i])) changes++;
      }
      expect(changes).toBeGreaterThan(0);
    });
  });
});

describe('lesson 2: XOR with a hidden layer', () => {
  it("the notes' ReLU weights are 100 % right before training, z = 0, 1, 1, 0, and stay right", () => {
    const v = variant('xor-hidden', 'relu-solution');
    withPreset(v, (p) => {
      expect(p.evaluate().trainAccuracy).toBe(1);
      expect([p.predict(0, 0)[0], p.predict(0, 1)[0], p.predict(1, 0)[0], p.predict(1, 1)[0]]).toEqual([0, 1, 1, 0]);
      p.trainEpochs(v.epochs);
      expect(p.status()).toBe('ok');
      expect(trainAccuracy(p)).toBe(1);
    });
  });

  it('the best line through XOR is w = 0, b = 1/2', () => {
    const v = variant('xor-hidden', 'best-line');
    withPreset(v, (p) => {
      p.trainEpochs(v.epochs);
      const [layer] = p.layers();
      expect(Math.abs(layer?.weights[0] ?? 1)).toBeLessThan(1e-4);
      expect(Math.abs(layer?.weights[1] ?? 1)).toBeLessThan(1e-4);
      expect(layer?.biases[0]).toBeCloseTo(0.5, 4);
      expect(p.evaluate().trainLoss).toBeCloseTo(1 / 8, 6);
    });
  });

  it('with squared error the ReLU solution has loss exactly 0 and does not move', () => {
    const v = variant('xor-hidden', 'squared-error');
    withPreset(v, (p) => {
      expect(p.evaluate().trainLoss).toBe(0);
      const before = weightsOf(p);
      p.trainEpochs(v.epochs);
      expect(weightsOf(p)).toEqual(before);
    });
  });
});

describe('lesson 3: linear layers collapse', () => {
  it('the trained linear network decides by the sign of its collapsed map W x + b', () => {
    const v = variant('linear-layers', 'linear');
    withPreset(v, (p) => {
      p.trainEpochs(v.epochs);
      expect(p.status()).toBe('ok');
      // Compose the layers: A = W_k ... W_1, c = W_k (... (W_1 0 + b_1) ...) + b_k.
      let A = [
        [1, 0],
        [0, 1],
      ];
      let c = [0, 0];
      for (const l of p.layers()) {
        const row = (i: number): number[] => Array.from({ length: l.cols }, (_, j) => l.weights[i * l.cols + j] ?? 0);
        A = Array.from({ length: l.rows }, (_, i) => [0, 1].map((k) => row(i).reduce((s, w, j) => s + w * (A[j]?.[k] ?? 0), 0)));
        c = Array.from({ length: l.rows }, (_, i) => row(i).reduce((s, w, j) => s + w * (c[j] ?? 0), l.biases[i] ?? 0));
      }
      const g = p.grid(60);
      const n = g.n;
      const h = (g.hi - g.lo) / n;
      const out = g.mapStart[g.mapStart.length - 1] ?? 0;
      let checked = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const x1 = g.lo + (j + 0.5) * h;
          const x2 = g.hi - (i + 0.5) * h;
          const z = (A[0]?.[0] ?? 0) * x1 + (A[0]?.[1] ?? 0) * x2 + (c[0] ?? 0);
          if (Math.abs(z) < 1e-3) continue;
          const a = g.values[out * n * n + i * n + j] ?? Number.NaN;
          expect(a > 0, `pixel ${i},${j}`).toBe(z > 0);
          checked++;
        }
      expect(checked).toBeGreaterThan(n * n * 0.9);
      expect(trainAccuracy(p)).toBeLessThan(0.7);
    });
  });

  it('the same network with tanh closes the circle', () => {
    const v = variant('linear-layers', 'tanh');
    withPreset(v, (p) => {
      trainUntil(p, v.epochs, () => trainAccuracy(p) >= 0.9);
      expect(trainAccuracy(p)).toBeGreaterThanOrEqual(0.9);
    });
  });
});

describe('lesson 4: activations on the spiral', () => {
  it('ReLU, leaky ReLU and GELU fit it in 300 epochs; the sigmoid lags far behind', () => {
    const acc: Record<string, number> = {};
    for (const v of lesson('activations').variants)
      acc[v.id] = withPreset(v, (p) => {
        p.trainEpochs(v.epochs);
        expect(p.status()).toBe('ok');
        return trainAccuracy(p);
      });
    for (const id of ['relu', 'leaky-relu', 'gelu']) expect(acc[id], id).toBeGreaterThanOrEqual(0.95);
    expect(acc.sigmoid).toBeLessThan((acc.relu ?? 0) - 0.15);
  });
});

describe('lesson 5: squared error saturates, cross-entropy does not', () => {
  it('from the same wrong weights, cross-entropy recovers and squared error stays stuck', () => {
    const ce = variant('sigmoid-loss', 'cross-entropy');
    const mse = variant('sigmoid-loss', 'squared-error');
    const ceEpochs = withPreset(ce, (p) => {
      expect(trainAccuracy(p)).toBe(0);
      return trainUntil(p, ce.epochs, () => trainAccuracy(p) === 1);
    });
    expect(ceEpochs).toBeLessThanOrEqual(2);
    withPreset(mse, (p) => {
      expect(trainAccuracy(p)).toBe(0);
      p.trainEpochs(mse.epochs);
      expect(trainAccuracy(p)).toBeLessThan(0.5);
    });
  });
});

describe('lesson 6: softmax', () => {
  for (const id of ['blobs', 'spiral-arms'])
    it(`${id} reaches 90 %`, () => {
      const v = variant('softmax', id);
      withPreset(v, (p) => {
        trainUntil(p, v.epochs, () => trainAccuracy(p) >= 0.9 && p.evaluate().testAccuracy >= 0.9);
        expect(trainAccuracy(p)).toBeGreaterThanOrEqual(0.9);
        expect(p.evaluate().testAccuracy).toBeGreaterThanOrEqual(0.9);
        expect(p.layers().at(-1)?.rows).toBe(v.config.classes);
      });
    });
});

describe('lesson 7: depth against width', () => {
  it('109 parameters each; here the deep one fits the spiral and the wide one does not', () => {
    const deep = variant('depth-width', 'deep');
    const wide = variant('depth-width', 'wide');
    const run = (v: LessonVariant): number =>
      withPreset(v, (p) => {
        p.trainEpochs(v.epochs);
        return trainAccuracy(p);
      });
    const d = run(deep);
    const w = run(wide);
    expect(d).toBeGreaterThanOrEqual(0.95);
    expect(w).toBeLessThan(0.8);
  });
});

describe('lesson 8: learning rates', () => {
  it('the right rate reaches 90 %', () => {
    const v = variant('learning-rate', 'right');
    withPreset(v, (p) => {
      trainUntil(p, v.epochs, () => trainAccuracy(p) >= 0.9);
      expect(trainAccuracy(p)).toBeGreaterThanOrEqual(0.9);
    });
  });

  it('the small rate has not got there after as many epochs', () => {
    const v = variant('learning-rate', 'too-small');
    withPreset(v, (p) => {
      p.trainEpochs(v.epochs);
      expect(p.status()).toBe('ok');
      expect(trainAccuracy(p)).toBeLessThan(0.9);
    });
  });

  it('the large rate diverges', () => {
    const v = variant('learning-rate', 'too-large');
    withPreset(v, (p) => {
      trainUntil(p, v.epochs, () => false);
      expect(p.status()).toBe('diverged');
      expect(p.statusMessage()).toMatch(/1e6|NaN|infinite/);
    });
  });
});

describe('lesson 9: iterations per epoch', () => {
  it('n, n / 10 and 1 updates per epoch; single points get furthest in 100 epochs', () => {
    const [sgd, mini, full] = lesson('batch-size').variants;
    const steps = [sgd, mini, full].map((v) =>
      withPreset(v as LessonVariant, (p) => {
        p.trainEpochs(1);
        return p.steps();
      }),
    );
    expect(steps).toEqual([100, 10, 1]);
    const acc = [sgd, mini, full].map((v) =>
      withPreset(v as LessonVariant, (p) => {
        p.trainEpochs((v as LessonVariant).epochs);
        return trainAccuracy(p);
      }),
    );
    expect(acc[0]).toBeGreaterThanOrEqual(0.9);
    expect(acc[2]).toBeLessThan(0.9);
    expect(acc[0]).toBeGreaterThan(acc[2] ?? 1);
  });
});

describe('lesson 10: L1 against L2', () => {
  const zeros = (p: Playground): number => p.layers().reduce((n, l) => n + l.weights.filter((w) => w === 0).length, 0);
  it('L1 sets many weights to exactly 0, L2 none, both stay accurate', () => {
    const l1 = variant('regularization', 'l1');
    const l2 = variant('regularization', 'l2');
    const [z1, a1] = withPreset(l1, (p) => {
      p.trainEpochs(l1.epochs);
      return [zeros(p), trainAccuracy(p)];
    });
    const [z2, a2] = withPreset(l2, (p) => {
      p.trainEpochs(l2.epochs);
      return [zeros(p), trainAccuracy(p)];
    });
    expect(z1).toBeGreaterThanOrEqual(12);
    expect(z2).toBe(0);
    expect(a1).toBeGreaterThanOrEqual(0.95);
    expect(a2).toBeGreaterThanOrEqual(0.95);
  });
});

// What the "try this" lines of the lessons promise.
describe('the things to try do what the lessons say', () => {
  const edited = (v: LessonVariant, patch: Partial<PlaygroundConfig>): LessonVariant => ({
    ...v,
    config: { ...v.config, ...patch, optimizer: { ...v.config.optimizer, ...patch.optimizer } },
  });

  it('lesson 7: at learning rate 0.01 the wide network catches up', () => {
    const acc = lesson('depth-width').variants.map((v) =>
      withPreset(edited(v, { optimizer: { ...v.config.optimizer, learning_rate: 0.01 } }), (p) => {
        p.trainEpochs(v.epochs);
        return trainAccuracy(p);
      }),
    );
    expect(acc[1]).toBeGreaterThanOrEqual(acc[0] ?? 1);
  });

  it('lesson 8: at learning rate 3 no weight blows up, but the loss sits above its start at chance and is called diverged', () => {
    const v = variant('learning-rate', 'right');
    withPreset(edited(v, { optimizer: { ...v.config.optimizer, learning_rate: 3 } }), (p) => {
      const start = p.evaluate().trainLoss;
      expect(p.trainEpochs(v.epochs)).toBe('diverged');
      expect(p.epoch()).toBeLessThanOrEqual(60);
      expect(p.statusMessage()).toMatch(/the training loss has stayed above 1\.1 times its starting value .* with the training accuracy at chance \(/);
      expect(p.statusMessage()).toContain('The learning rate 3 is likely too high for SGD on this network.');
      expect(p.evaluate().trainLoss).toBeGreaterThan(start);
      expect(Math.max(...weightsOf(p).map(Math.abs))).toBeLessThan(1e6);
      expect(trainAccuracy(p)).toBeNaN(); // a diverged run shows no accuracy
      const h = p.history();
      expect(h.train_accuracy.at(-2)).toBeLessThan(0.6); // at chance before it was stopped
    });
  });

  it('lesson 9: full batch at learning rate 1 solves the circle in 100 updates', () => {
    const v = variant('batch-size', 'full-batch');
    withPreset(edited(v, { optimizer: { ...v.config.optimizer, learning_rate: 1 } }), (p) => {
      p.trainEpochs(v.epochs);
      expect(p.steps()).toBe(v.epochs);
      expect(trainAccuracy(p)).toBeGreaterThanOrEqual(0.9);
    });
  });

  it('lesson 10: with L1 at 0.03 only the x1² and x2² inputs keep their weights', () => {
    const v = variant('regularization', 'l1');
    withPreset(edited(v, { reg_rate: 0.03 }), (p) => {
      p.trainEpochs(v.epochs);
      const first = p.layers()[0];
      expect(first).toBeDefined();
      const cols = first?.cols ?? 0;
      const used = new Set<string>();
      for (let i = 0; i < (first?.rows ?? 0); i++) for (let j = 0; j < cols; j++) if (first?.weights[i * cols + j] !== 0) used.add(v.config.features[j] ?? '?');
      expect([...used].sort()).toEqual(['x1sq', 'x2sq']);
      expect(trainAccuracy(p)).toBe(1);
    });
  });
});

// Divergence is for runs that made things worse: no preset that a lesson
// trains to its outcome may be stopped as diverged, even left running twice
// as long. Only the too-large learning rate of lesson 8 diverges.
describe('no preset but the too-large learning rate is stopped as diverged', () => {
  for (const l of LESSONS)
    for (const v of l.variants) {
      if (l.id === 'learning-rate' && v.id === 'too-large') continue;
      it(`${l.id} / ${v.id}: ${2 * v.epochs} epochs`, () => {
        withPreset(v, (p) => {
          expect(p.trainEpochs(2 * v.epochs), p.statusMessage()).toBe('ok');
          expect(p.epoch()).toBe(2 * v.epochs);
        });
      });
    }
});
