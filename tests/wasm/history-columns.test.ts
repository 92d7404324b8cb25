// The history is a table of named columns end to end: the engine's columns
// come out of the bindings by name, go into model files by name and come
// back; a model file written before the named columns (schema 1, rows of
// [epoch, train_loss, test_loss, train_acc, test_acc]) still loads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import type { WasmEngine } from '../../web/src/engine/index';
import { engine, ROOT } from './helpers';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

const plain = (h: Record<string, Float64Array>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.from(v)]));

describe('history columns', () => {
  test('every column round-trips through a model file, by name', () => {
    const p = e.createPlayground({
      dataset: 'circle',
      samples: 80,
      seed: 3,
      hidden: [
        { width: 4, activation: 'relu' },
        { width: 3, activation: 'sigmoid' },
      ],
    });
    p.trainEpochs(7);
    const h = p.history();
    expect(Object.keys(h)).toEqual([
      'epoch',
      'train_loss',
      'test_loss',
      'train_accuracy',
      'test_accuracy',
      'grad_rms_0',
      'grad_rms_1',
      'grad_rms_2',
      'saturation_0',
      'saturation_1',
    ]);
    const file = JSON.parse(p.exportModel()) as { schema: number; history: Record<string, (number | null)[]> };
    expect(file.schema).toBe(3);
    expect(Object.keys(file.history).sort()).toEqual(Object.keys(h).sort());
    // Row 0 is epoch 0: no step yet, so no gradient (NaN, null in JSON).
    expect(file.history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(file.history.grad_rms_1).toEqual(Array.from(h.grad_rms_1!, (v) => (Number.isNaN(v) ? null : v)));
    expect(file.history.grad_rms_1![0]).toBeNull();
    const q = e.createPlayground();
    q.importModel(JSON.stringify(file));
    expect(plain(q.history())).toEqual(plain(h));
    p.delete();
    q.delete();
  });

  test('a model file from before the named columns (schema 1) loads; its flow columns are NaN', () => {
    const text = readFileSync(resolve(ROOT, 'tests/wasm/model-schema1.json'), 'utf8');
    const old = JSON.parse(text) as { schema: number; epoch: number; history: number[][] };
    expect(old.schema).toBe(1);
    const p = e.createPlayground();
    // 24 steps in, with no optimizer state: the engine says how it resumes.
    expect(p.importModel(text)).toMatch(/^This model file \(schema 1\) holds no optimizer state: training resumes from the start of epoch 6 /);
    expect(p.epoch()).toBe(old.epoch);
    const h = p.history();
    const names = ['epoch', 'train_loss', 'test_loss', 'train_accuracy', 'test_accuracy'] as const;
    names.forEach((name, c) => expect(Array.from(h[name])).toEqual(old.history.map((row) => row[c])));
    // [3 tanh, 2 relu]: three weight layers, two hidden.
    for (const name of ['grad_rms_0', 'grad_rms_1', 'grad_rms_2', 'saturation_0', 'saturation_1']) {
      expect(h[name]).toHaveLength(old.history.length);
      expect(Array.from(h[name]!).every(Number.isNaN)).toBe(true);
    }
    // Saved again it is a schema 3 file that loads to the same history; training on adds flow values.
    const again = e.createPlayground();
    again.importModel(p.exportModel());
    expect(plain(again.history())).toEqual(plain(h));
    again.trainEpochs(1);
    expect(again.history().grad_rms_0!.at(-1)).toBeGreaterThan(0);
    p.delete();
    again.delete();
  });

  test('a column the network does not have, or of the wrong length, is refused and changes nothing', () => {
    const p = e.createPlayground({ samples: 40 });
    p.trainEpochs(2);
    const file = JSON.parse(p.exportModel()) as { history: Record<string, unknown[]> };
    const q = e.createPlayground();
    const before = plain(q.history());
    expect(() => q.importModel(JSON.stringify({ ...file, history: { ...file.history, grad_rms_7: [1, 2] } }))).toThrow(
      /^history\.grad_rms_7: got an unknown column, expected one of epoch, /,
    );
    expect(() => q.importModel(JSON.stringify({ ...file, history: { ...file.history, grad_rms_0: [1] } }))).toThrow(
      /^history\.grad_rms_0: .*expected 3 values, as many as history\.epoch/,
    );
    expect(plain(q.history())).toEqual(before);
  });
});
