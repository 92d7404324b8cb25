// From settings to the engine's configuration, and the rules that keep it
// valid, checked against the real engine's catalog and configure().
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Engine } from '../../web/src/engine/types';
import { changeKind, reconcile, toConfig } from '../../web/src/settings/config';
import { classCount, taskOf, validOutputs } from '../../web/src/shared/task';
import { ACTIVATIONS, DATASETS, FEATURES, OUTPUTS } from '../../web/src/settings/menus';
import { isRelevant } from '../../web/src/settings/relevance';
import { defaults, specOf, type SettingId, type Settings } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';
import { validPatch } from '../../web/src/settings/patch';
import { nodeEngine } from './engine-fixture';

let engine: Engine;
let catalog: Catalog;
beforeAll(async () => {
  engine = await nodeEngine();
  catalog = engine.catalog();
});

describe('the page’s tables', () => {
  it('offer every data set, activation, output and feature of the engine, and nothing else', () => {
    const ids = (xs: readonly { value: string }[]) => xs.map((x) => x.value).sort();
    expect(ids(DATASETS)).toEqual(catalog.datasets.map((d) => d.id).sort());
    expect(ids(ACTIVATIONS)).toEqual(catalog.activations.map((a) => a.id).sort());
    expect(ids(OUTPUTS)).toEqual(catalog.outputs.map((o) => o.id).sort());
    expect(ids(FEATURES)).toEqual(catalog.features.map((f) => f.id).sort());
  });

  it('start from the engine’s own defaults: the default settings give a new playground’s configuration', () => {
    const pg = engine.createPlayground();
    try {
      const fresh = pg.config();
      const ours = toConfig(defaults());
      // A new playground has no alpha on its layers; the page always sends the activation's default.
      expect({ ...ours, hidden: ours.hidden.map(({ width, activation }) => ({ width, activation })) }).toEqual(fresh);
    } finally {
      pg.delete();
    }
  });

  it('bound every number setting by the engine’s range: just inside is accepted, just outside refused by both', () => {
    const R = catalog.ranges;
    const cases: [SettingId, number, number][] = [
      // setting, the engine's bound in the setting's unit, a step past it
      ['samples', R.samples.max, 1],
      ['batchSize', R.batch_size.max, 1],
      ['learningRate', R.learning_rate.max, 1],
      ['regularizationRate', R.reg_rate.max, 1],
      ['momentum', R.momentum.max, 1e-4],
      ['beta2', R.beta2.max, 1e-6],
      ['leakyAlpha', R.alpha.max, 1],
      ['classes', R.classes.max, 1],
      ['percTrainData', R.train_ratio.max * 100, 1],
      ['seed', R.seed.max, 1],
    ];
    const config = (id: SettingId, v: number) =>
      toConfig(reconcile({ ...defaults(), dataset: 'blobs', networkShape: [3], activation: ['leaky_relu'], [id]: v }, catalog).settings);
    for (const [id, bound, step] of cases) {
      const spec = specOf(id);
      expect(spec.check(bound), id).toBe(true);
      expect(spec.check(bound + step), id).toBe(false);
      const pg = engine.createPlayground();
      try {
        expect(() => pg.configure(config(id, bound)), id).not.toThrow();
        expect(() => pg.configure(config(id, bound + step)), id).toThrow();
      } finally {
        pg.delete();
      }
    }
    expect(specOf('networkShape').check(Array.from({ length: R.hidden_layers.max }, () => R.width.max))).toBe(true);
    expect(specOf('networkShape').check(Array.from({ length: R.hidden_layers.max + 1 }, () => 1))).toBe(false);
    expect(specOf('networkShape').check([R.width.max + 1])).toBe(false);
  });

  it('show the relevant optimizer settings as the engine’s table says each rule reads them', () => {
    for (const o of catalog.optimizers)
      for (const param of ['momentum', 'rho', 'beta1', 'beta2', 'epsilon'] as const)
        expect(isRelevant(param, { ...defaults(), optimizer: o.id }), `${o.id} ${param}`).toBe((o.params as readonly string[]).includes(param));
  });
});

describe('tasks and output pairs', () => {
  const s = (patch: Partial<Settings>): Settings => ({ ...defaults(), ...patch });

  it('name the task of each data set', () => {
    expect(taskOf(s({ dataset: 'circle' }), catalog)).toBe('binary');
    expect(taskOf(s({ dataset: 'blobs', classes: 2 }), catalog)).toBe('binary');
    expect(taskOf(s({ dataset: 'multi_spiral', classes: 3 }), catalog)).toBe('multiclass');
    expect(taskOf(s({ dataset: 'reg_plane' }), catalog)).toBe('regression');
    expect(taskOf(s({ dataset: 'custom', problem: 'regression' }), catalog)).toBe('regression');
    expect(classCount(s({ dataset: 'circle', classes: 5 }), catalog)).toBe(2);
    expect(classCount(s({ dataset: 'blobs', classes: 5 }), catalog)).toBe(5);
  });

  it('offer only pairs the engine accepts, and every pair it accepts', () => {
    const cases: Partial<Settings>[] = [
      { dataset: 'circle' },
      { dataset: 'blobs', classes: 4 },
      { dataset: 'reg_gauss' },
      { dataset: 'xor', networkShape: [] },
    ];
    for (const c of cases) {
      const base = s(c);
      const offered = validOutputs(taskOf(base, catalog), base.networkShape.length, catalog);
      expect(offered.length).toBeGreaterThan(0);
      for (const o of OUTPUTS) {
        const pg = engine.createPlayground();
        let accepted = true;
        try {
          pg.configure(toConfig({ ...base, output: o.value }));
        } catch {
          accepted = false;
        } finally {
          pg.delete();
        }
        expect([o.value, offered.includes(o.value)]).toEqual([o.value, accepted]);
      }
    }
  });

  it('move the output to a fitting one, TensorFlow Playground’s where it applies', () => {
    expect(reconcile(s({ dataset: 'multi_spiral' }), catalog).settings.output).toBe('softmax_ce');
    expect(reconcile(s({ dataset: 'reg_plane', output: 'softmax_ce' }), catalog).settings.output).toBe('linear_mse');
    expect(reconcile(s({ dataset: 'circle', output: 'linear_mae' }), catalog).settings.output).toBe('tanh_mse');
    expect(reconcile(s({ dataset: 'circle', output: 'softmax_ce' }), catalog).settings.output).toBe('softmax_ce'); // a two-way softmax is valid
    expect(reconcile(s({ dataset: 'circle', output: 'perceptron', networkShape: [3] }), catalog).settings.output).toBe('tanh_mse');
    const kept = reconcile(s({ dataset: 'circle', output: 'sigmoid_bce' }), catalog);
    expect(kept.changed).toBe(false);
    expect(kept.settings.output).toBe('sigmoid_bce');
  });

  it('give configurations the engine accepts for every data set', () => {
    for (const d of DATASETS) {
      const settings = reconcile(s({ dataset: d.value }), catalog).settings;
      const pg = engine.createPlayground();
      try {
        expect(() => pg.configure(toConfig(settings))).not.toThrow();
        expect(pg.config().dataset).toBe(d.value);
      } finally {
        pg.delete();
      }
    }
  });

  it('open the TensorFlow Playground default link as the engine’s TensorFlow-style run', () => {
    const { settings } = parseHash(
      '#activation=tanh&batchSize=10&dataset=circle&learningRate=0.03&networkShape=4,2&seed=0.12345&percTrainData=50&x=true&y=true&problem=classification',
    );
    const pg = engine.createPlayground(toConfig(reconcile(settings, catalog).settings));
    try {
      const c = pg.config();
      expect(c.output).toBe('tanh_mse');
      expect(c.init).toBe('tfp');
      expect(c.hidden.map((l) => l.width)).toEqual([4, 2]);
      expect(c.optimizer.learning_rate).toBe(0.03);
    } finally {
      pg.delete();
    }
  });
});

describe('what a change does', () => {
  const base = defaults();
  it('keeps the network for optimizer-only settings', () => {
    expect(changeKind(base, { ...base, learningRate: 0.1 })).toBe('training');
    expect(changeKind(base, { ...base, optimizer: 'adam', beta1: 0.8 })).toBe('training');
    expect(changeKind(base, { ...base, batchSize: 30, regularization: 'l2', regularizationRate: 0.01 })).toBe('training');
  });
  it('rebuilds for the network, regenerates for the data, redraws for the view', () => {
    expect(changeKind(base, { ...base, networkShape: [5] })).toBe('network');
    expect(changeKind(base, { ...base, features: ['x1'] })).toBe('network');
    expect(changeKind(base, { ...base, seed: 9 })).toBe('data');
    expect(changeKind(base, { ...base, noise: 10, learningRate: 1 })).toBe('data');
    expect(changeKind(base, { ...base, discretize: true, palette: 'colorblind' })).toBe('view');
    expect(changeKind(base, { ...base })).toBe('none');
  });
  it('and the engine keeps the weights and epoch when only the learning rate changes', () => {
    const pg = engine.createPlayground(toConfig(base));
    try {
      pg.trainEpochs(3);
      const before = pg.layers()[0]!.weights.slice();
      pg.configure(toConfig({ ...base, learningRate: 0.3 }));
      expect(pg.epoch()).toBe(3);
      expect(Array.from(pg.layers()[0]!.weights)).toEqual(Array.from(before));
    } finally {
      pg.delete();
    }
  });
});

describe('setState checks values against the schema', () => {
  it('keeps valid keys and refuses the rest', () => {
    const r = validPatch({ learningRate: 0.1, networkShape: [3, 3], noise: 500, dataset: 'moon', bogus: 1 } as never);
    expect(r.patch).toEqual({ learningRate: 0.1, networkShape: [3, 3] });
    expect(r.refused.sort()).toEqual(['bogus', 'dataset', 'noise']);
  });
});
