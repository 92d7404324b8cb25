// The lesson catalogue: ten lessons and the presets each sets up. That every
// preset loads in the engine as written, and the outcomes each lesson
// promises, are checked in the real engine by tests/wasm/lessons.test.ts.
import { describe, expect, it } from 'vitest';
import { applyPatch, engineDefaults, parameterCount as countParameters } from '../../web/src/courses/preset-config';
import { applyPreset, presetModelJson } from '../../web/src/courses/preset-load';
import type { ConfigPatch, PlaygroundConfig } from '../../web/src/engine/types';
import { ENGINE } from '../../web/src/engine/description.generated';
import { LESSONS } from '../../web/src/lessons/builtin';
import type { Lesson, LessonVariant } from '../../web/src/lessons/format';
import { lessonById } from '../../web/src/lessons/registry';

const parameterCount = (patch: ConfigPatch): number => countParameters(applyPatch(engineDefaults(), patch));
const URL_SAFE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const allPresets = (): [Lesson, LessonVariant][] => LESSONS.flatMap((l) => l.variants.map((v): [Lesson, LessonVariant] => [l, v]));
const lesson = (n: number): Lesson => {
  const l = LESSONS[n - 1];
  if (!l) throw new Error(`no lesson ${n}`);
  return l;
};
const variant = (l: Lesson, id: string): LessonVariant => {
  const v = l.variants.find((x) => x.id === id);
  if (!v) throw new Error(`lesson ${l.id}: no preset ${id}`);
  return v;
};
// A preset's configuration with the fields a lesson varies removed, to compare presets.
const without = (c: PlaygroundConfig, ...keys: (keyof PlaygroundConfig)[]): Partial<PlaygroundConfig> => {
  const copy: Partial<PlaygroundConfig> = structuredClone(c);
  for (const k of keys) delete copy[k];
  return copy;
};

describe('the catalogue', () => {
  it('has exactly ten lessons, numbered 1..10 in order', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('ids are unique, URL-safe and stable', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(10);
    for (const id of ids) expect(id).toMatch(URL_SAFE);
    expect(ids).toEqual([
      'perceptron',
      'xor-hidden',
      'linear-layers',
      'activations',
      'sigmoid-loss',
      'softmax',
      'depth-width',
      'learning-rate',
      'batch-size',
      'regularization',
    ]);
    for (const l of LESSONS) {
      const vids = l.variants.map((v) => v.id);
      expect(new Set(vids).size, l.id).toBe(vids.length);
      for (const v of vids) expect(v).toMatch(URL_SAFE);
    }
  });

  it('every lesson has text: title, a summary of several sentences, 2-4 things to try, an outcome', () => {
    for (const l of LESSONS) {
      expect(l.title.length, l.id).toBeGreaterThan(10);
      expect(l.summary.split(/[.:]\s/).length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.tryThis.length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.tryThis.length, l.id).toBeLessThanOrEqual(4);
      expect(l.expect.length, l.id).toBeGreaterThan(20);
      for (const text of [l.title, l.summary, l.expect, ...l.tryThis, ...l.variants.flatMap((v) => [v.label, v.expect])]) {
        expect(text.trim().length, l.id).toBeGreaterThan(0);
        expect(text, l.id).not.toMatch(/TODO|TBD|lorem|placeholder|<[a-z]|\*\*/i);
      }
    }
  });
});

// Whether each preset is a configuration the engine accepts, exactly as
// written, is checked by running the engine: tests/wasm/lessons.test.ts.
describe('every preset is complete', () => {
  for (const [l, v] of allPresets()) {
    it(`${l.id} / ${v.id}`, () => {
      expect(v.config.dataset === 'custom').toBe(v.points !== undefined);
      expect(Number.isInteger(v.epochs) && v.epochs > 0).toBe(true);
    });
  }
});

describe('each lesson sets up what it teaches', () => {
  it('1: one perceptron neuron, SGD on single points, separable data; an XOR companion', () => {
    const l = lesson(1);
    expect(l.variants.length).toBe(2);
    const main = l.variants[0]!.config;
    expect(main.output).toBe('perceptron');
    expect(main.hidden).toEqual([]);
    expect(main.optimizer.kind).toBe('sgd');
    expect(main.batch_size).toBe(1);
    expect(main.dataset).toBe('gauss');
    expect(main.noise).toBe(0);
    const xor = variant(l, 'xor').config;
    expect(['xor', 'xor_table']).toContain(xor.dataset);
    expect(without(xor, 'dataset')).toEqual(without(main, 'dataset'));
  });

  it("2: the notes' exact ReLU solution, with the right shapes, classifies XOR before training", () => {
    const l = lesson(2);
    const main = l.variants[0]!.config;
    expect(main.dataset).toBe('xor_table');
    expect(main.hidden).toEqual([{ width: 2, activation: 'relu' }]);
    const layers = l.variants[0]!.weights?.layers ?? [];
    expect(layers.length).toBe(main.hidden.length + 1);
    // Two classes with a single-output pair: one output neuron.
    expect(ENGINE.outputs.find((o) => o.id === main.output)?.multiclass).toBe(false);
    const widths = [main.features.length, ...main.hidden.map((h) => h.width), 1];
    layers.forEach((layer, i) => {
      expect(layer.weights.length).toBe(widths[i + 1]);
      for (const row of layer.weights) expect(row.length).toBe(widths[i]);
      expect(layer.biases.length).toBe(widths[i + 1]);
    });
    expect(layers[0]).toEqual({
      weights: [
        [1, 1],
        [1, 1],
      ],
      biases: [0, -1],
    });
    expect(layers[1]).toEqual({ weights: [[1, -2]], biases: [0] });
    // z = w · max(0, W x + c) + b on the truth table, and the class z > 0 predicts.
    const z = (x1: number, x2: number): number => {
      const h = layers[0]?.weights.map((row, i) => Math.max(0, (row[0] ?? 0) * x1 + (row[1] ?? 0) * x2 + (layers[0]?.biases[i] ?? 0))) ?? [];
      return (layers[1]?.weights[0] ?? []).reduce((s, w, i) => s + w * (h[i] ?? 0), layers[1]?.biases[0] ?? 0);
    };
    expect([z(0, 0), z(0, 1), z(1, 0), z(1, 1)]).toEqual([0, 1, 1, 0]);
    expect([z(0, 0), z(0, 1), z(1, 0), z(1, 1)].map((v) => (v > 0 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    for (const id of ['best-line', 'squared-error']) {
      const v = variant(l, id);
      expect(v.config.dataset).toBe('custom');
      expect(v.config.problem).toBe('regression');
      expect(v.config.output).toBe('linear_mse');
      expect(v.points).toEqual([
        [0, 0, 0],
        [0, 1, 1],
        [1, 0, 1],
        [1, 1, 0],
      ]);
      // every point is a training point: round(4 · train_ratio) = 4
      expect(Math.round(4 * v.config.train_ratio)).toBe(4);
    }
    expect(variant(l, 'best-line').config.hidden).toEqual([]);
    expect(variant(l, 'squared-error').weights).toEqual(l.variants[0]!.weights);
  });

  it('3: several linear hidden layers, and the same network with tanh', () => {
    const l = lesson(3);
    expect(l.variants[0]!.config.hidden.length).toBeGreaterThanOrEqual(2);
    for (const h of l.variants[0]!.config.hidden) expect(h.activation).toBe('linear');
    expect(['circle', 'xor']).toContain(l.variants[0]!.config.dataset);
    const t = variant(l, 'tanh').config;
    expect(t.hidden.map((h) => h.width)).toEqual(l.variants[0]!.config.hidden.map((h) => h.width));
    expect(without(t, 'hidden')).toEqual(without(l.variants[0]!.config, 'hidden'));
  });

  it('4: six activations on the spiral, the network otherwise the same', () => {
    const l = lesson(4);
    expect(l.variants[0]!.config.dataset).toBe('spiral');
    const acts = l.variants.map((v) => {
      const a = new Set(v.config.hidden.map((h) => h.activation));
      expect(a.size).toBe(1);
      return [...a][0];
    });
    expect(acts).toEqual(['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu']);
    for (const v of l.variants) {
      expect(v.config.hidden.map((h) => h.width)).toEqual(l.variants[0]!.config.hidden.map((h) => h.width));
      expect(without(v.config, 'hidden')).toEqual(without(l.variants[0]!.config, 'hidden'));
    }
  });

  it('5: sigmoid with squared error against sigmoid with cross-entropy, from the same weights', () => {
    const l = lesson(5);
    const mse = variant(l, 'squared-error');
    const ce = variant(l, 'cross-entropy');
    expect(mse.config.output).toBe('sigmoid_mse');
    expect(ce.config.output).toBe('sigmoid_bce');
    expect(without(mse.config, 'output')).toEqual(without(ce.config, 'output'));
    expect(mse.weights).toEqual(ce.weights);
    expect(mse.weights?.layers[0]?.weights[0]?.length).toBe(mse.config.features.length);
  });

  it('6: softmax on three or more classes', () => {
    for (const v of lesson(6).variants) {
      expect(v.config.output).toBe('softmax_ce');
      expect(['blobs', 'multi_spiral']).toContain(v.config.dataset);
      expect(v.config.classes).toBeGreaterThanOrEqual(3);
      expect(v.config.classes).toBeLessThanOrEqual(5);
    }
  });

  it('7: a deep and a wide network with the same number of parameters', () => {
    const l = lesson(7);
    const deep = variant(l, 'deep').config;
    const wide = variant(l, 'wide').config;
    expect(deep.hidden.length).toBeGreaterThan(wide.hidden.length);
    expect(parameterCount(deep)).toBe(109);
    expect(parameterCount(wide)).toBe(109);
    expect(without(deep, 'hidden')).toEqual(without(wide, 'hidden'));
    expect(l.summary).toContain('109');
  });

  it('parameterCount counts weights and biases layer by layer', () => {
    expect(parameterCount({})).toBe(2 * 4 + 4 + 4 * 2 + 2 + 2 + 1); // the defaults: 2 -> 4 -> 2 -> 1
    expect(parameterCount({ hidden: [], output: 'perceptron', dataset: 'gauss' })).toBe(3);
    expect(parameterCount({ dataset: 'blobs', classes: 5, output: 'softmax_ce', hidden: [{ width: 3, activation: 'relu' }] })).toBe(2 * 3 + 3 + 3 * 5 + 5);
    expect(parameterCount({ features: ['x1', 'x2', 'x1sq'], hidden: [] })).toBe(4);
  });

  it('8: three learning rates, small to large, on the same network', () => {
    const l = lesson(8);
    const rate = (id: string): number => variant(l, id).config.optimizer.learning_rate;
    expect(rate('too-small')).toBeLessThan(rate('right'));
    expect(rate('right')).toBeLessThan(rate('too-large'));
    expect(rate('too-large')).toBeGreaterThanOrEqual(10);
    const strip = (c: PlaygroundConfig) => ({ ...c, optimizer: { ...c.optimizer, learning_rate: 0 } });
    for (const v of l.variants) expect(strip(v.config)).toEqual(strip(l.variants[0]!.config));
  });

  it('9: batch sizes 1, 10 and the whole training set', () => {
    const l = lesson(9);
    const nTrain = Math.round(l.variants[0]!.config.samples * l.variants[0]!.config.train_ratio);
    expect(nTrain).toBe(100);
    expect(l.variants.map((v) => v.config.batch_size)).toEqual([1, 10, nTrain]);
    for (const v of l.variants) expect(without(v.config, 'batch_size')).toEqual(without(l.variants[0]!.config, 'batch_size'));
  });

  it('10: L1 against L2 at the same rate', () => {
    const l = lesson(10);
    const l1 = variant(l, 'l1').config;
    const l2 = variant(l, 'l2').config;
    expect(l1.regularization).toBe('l1');
    expect(l2.regularization).toBe('l2');
    expect(l1.reg_rate).toBeGreaterThan(0);
    expect(l1.reg_rate).toBe(l2.reg_rate);
    expect(without(l1, 'regularization')).toEqual(without(l2, 'regularization'));
  });
});

describe('finding and loading lessons', () => {
  it('lessonById finds a lesson by its id, and only then', () => {
    expect(lessonById('xor-hidden')?.number).toBe(2);
    expect(lessonById('nope')).toBeUndefined();
  });

  it('presets with weights are valid model files (also for the PyTorch export)', () => {
    const withWeights = allPresets().filter(([, v]) => v.weights);
    expect(withWeights.length).toBeGreaterThanOrEqual(4);
    for (const [, v] of withWeights) {
      const m = JSON.parse(presetModelJson(v)) as { config: unknown; layers: unknown; epoch: number; points?: unknown[] };
      expect(m.config).toEqual(v.config);
      expect(m.layers).toEqual(v.weights?.layers);
      expect(m.epoch).toBe(0);
      expect(m.points?.length ?? 0).toBe(v.points?.length ?? 0);
    }
    const squared = variant(lesson(2), 'squared-error');
    expect((JSON.parse(presetModelJson(squared)) as { points: number[][] }).points).toEqual([
      [0, 0, 0, 0],
      [0, 1, 1, 0],
      [1, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(() => presetModelJson(variant(lesson(1), 'xor'))).toThrow(/has no weights/);
  });

  it('applyPreset: a model import for presets with weights, else configure, points, reset', () => {
    const calls: string[] = [];
    const fake = {
      configure: (p: unknown) => void calls.push(`configure ${(p as PlaygroundConfig).dataset}`),
      setPoints: (p: [number, number, number][]) => void calls.push(`setPoints ${p.length}`),
      importModel: (j: string) => {
        calls.push(`importModel ${(JSON.parse(j) as { config: PlaygroundConfig }).config.dataset}`);
        return ''; // the engine's note: a preset at step 0 resumes exactly
      },
      reset: () => void calls.push('reset'),
    };
    applyPreset(fake, variant(lesson(2), 'relu-solution'));
    applyPreset(fake, variant(lesson(2), 'best-line'));
    applyPreset(fake, variant(lesson(8), 'right'));
    expect(calls).toEqual(['importModel xor_table', 'configure custom', 'setPoints 4', 'reset', 'configure circle', 'reset']);
  });
});
