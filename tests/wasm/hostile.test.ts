// Hostile input at the typed wrapper and the bindings: what the engine's own
// tests (tests/engine/test_hostile.cpp) cannot see, JS numbers and strings
// crossing into C++, the wrapper's own size checks, and memory that stays flat
// under repeated refusals. Each refusal gives a short clear message and
// leaves the playground working with nothing changed.
import { beforeAll, describe, expect, test } from 'vitest';

import type { WasmEngine } from '../../web/src/engine/index';
import type { Playground } from '../../web/src/engine/types';
import { engine } from './helpers';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

/* eslint-disable @typescript-eslint/no-explicit-any */
const bad = (v: unknown): any => v;

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return (err as Error).message;
  }
  throw new Error('no error was thrown');
}

// Everything observable that a refusal must leave alone.
function state(p: Playground): unknown {
  return {
    config: p.config(),
    points: p.points(),
    layers: p.layers(),
    epoch: p.epoch(),
    steps: p.steps(),
    history: p.history(),
    revision: p.historyRevision(),
  };
}

describe('bad input to the module', () => {
  test('epoch 4294967296 in a model file stays 4294967296 and trains one epoch at once', () => {
    const p = e.createPlayground({ samples: 40 });
    const model = JSON.parse(p.exportModel());
    const q = e.createPlayground();
    q.importModel(JSON.stringify({ ...model, epoch: 4294967296, steps: 2 ** 40 }));
    expect(q.epoch()).toBe(4294967296);
    expect(q.steps()).toBe(2 ** 40);
    expect(q.trainEpochs(1)).toBe('ok');
    expect(q.epoch()).toBe(4294967297);
    q.importModel(JSON.stringify({ ...model, epoch: 2147483647 }));
    expect(q.trainEpochs(1)).toBe('ok');
    expect(q.epoch()).toBe(2147483648);
    const before = state(q);
    expect(messageOf(() => q.importModel(JSON.stringify({ ...model, schema: 4294967297 })))).toBe('schema: got 4294967297, expected schema version 1, 2 or 3');
    expect(messageOf(() => q.importModel(JSON.stringify({ ...model, epoch: 1e13 })))).toMatch(
      /^epoch: got 10000000000000(\.0)?, expected a whole number from 0 to 1000000000000$/,
    );
    expect(state(q)).toEqual(before);
    p.delete();
    q.delete();
  });

  test('deeply nested JSON is refused before parsing, 200 times without a leak', () => {
    const p = e.createPlayground({ samples: 40 });
    const before = state(p);
    const model = '{"format":' + '['.repeat(20000) + ']'.repeat(20000) + '}';
    const config = { dataset: 'circle', extra: JSON.parse('['.repeat(40) + ']'.repeat(40)) }; // unknown keys reach the engine
    const round = (n: number): void => {
      for (let i = 0; i < n; ++i) {
        expect(messageOf(() => p.importModel(model))).toBe('model: nested 20001 deep; at most 32 levels');
        expect(messageOf(() => p.configure(bad(config)))).toBe('config: nested 41 deep; at most 32 levels');
      }
    };
    round(10); // warm up
    const heap = e.heapInUse();
    const memory = e.memoryBytes();
    round(200);
    expect(e.memoryBytes()).toBe(memory);
    expect(Math.abs(e.heapInUse() - heap)).toBeLessThan(4096);
    expect(state(p)).toEqual(before);
    expect(p.trainEpochs(1)).toBe('ok');
    p.delete();
  });

  test('a CSV text or a patch over its size is refused by the wrapper before the engine reads it', () => {
    const p = e.createPlayground({ samples: 40 });
    const before = state(p);
    const big = p.loadCsv('1'.repeat(10_000_000));
    expect(big.ok).toBe(false);
    expect(big.errors).toEqual(['the file is more than 2097152 bytes; at most 2097152 are allowed']);
    const long = messageOf(() => p.configure({ dataset: bad('x'.repeat(5_000_000)) }));
    expect(long.length).toBeLessThan(100); // the wrapper refuses a patch over the config size
    expect(state(p)).toEqual(before);
    p.delete();
  });

  test('history stays bounded with a revision; counts are bounded', () => {
    const p = e.createPlayground({ dataset: 'xor_table', batch_size: 4 });
    const limits = e.catalog().limits;
    const rev = p.historyRevision();
    p.trainEpochs(9998);
    expect(p.historyRevision()).toBe(rev);
    expect(p.history().epoch).toHaveLength(9999); // epochs 0 to 9998
    p.trainEpochs(1);
    expect(p.historyRevision()).not.toBe(rev);
    const h = p.history();
    expect(h.epoch).toHaveLength(7500);
    expect(h.epoch[0]).toBe(0); // thinning keeps the first row: where the run started
    expect(h.epoch[7499]).toBe(9999);
    expect(h.epoch[2500]).toBe(5000);
    const rev2 = p.historyRevision();
    p.trainEpochs(10);
    expect(p.historyRevision()).toBe(rev2); // appends only: history(7500) is the increment
    expect(Array.from(p.history(7500).epoch)).toEqual([10000, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009]);
    p.reset();
    expect(p.historyRevision()).not.toBe(rev2);

    const before = state(p);
    expect(messageOf(() => p.trainSteps(2 ** 31 - 1))).toBe('steps: got 2147483647, expected a whole number from 0 to 1000000');
    expect(messageOf(() => p.trainEpochs(limits.maxEpochsPerCall + 1))).toBe('epochs: got 100001, expected a whole number from 0 to 100000');
    expect(state(p)).toEqual(before);

    p.delete();
  });

  test('setPoints refuses holes, undefined and NaN naming the index', () => {
    const p = e.createPlayground({ samples: 40 });
    const before = state(p);
    const holes: [number, number, number][] = [
      [0, 0, 1],
      [1, 1, 0],
    ];
    holes.length = 4; // holes at 2 and 3
    expect(messageOf(() => p.setPoints(holes))).toBe('setPoints: points[2] must be an array [x, y, label] (got undefined)');
    // eslint-disable-next-line no-sparse-arrays
    expect(messageOf(() => p.setPoints([[0, 0, 1], bad([1, , 0])]))).toBe('setPoints: points[1][1] (y) must be a finite number (got undefined)');
    expect(
      messageOf(() =>
        p.setPoints([
          [0, 0, 1],
          [1, 1, NaN],
        ]),
      ),
    ).toBe('setPoints: points[1][2] (label) must be a finite number (got NaN)');
    expect(messageOf(() => p.configure({}, holes))).toBe('configure: points[2] must be an array [x, y, label] (got undefined)');
    const sparse: [number, number, number][] = [];
    sparse.length = 2 ** 32 - 1;
    expect(messageOf(() => p.setPoints(sparse))).toBe('points: got 4294967295 points, expected at most 5000');
    expect(state(p)).toEqual(before);
    p.delete();
  });

  test('grid bounds, index arguments and lone surrogates give precise messages', () => {
    const p = e.createPlayground({ samples: 40 });
    const before = state(p);
    expect(messageOf(() => p.grid(10, -1e308, 1e308))).toBe('grid bounds: got -1e+308 to 1e+308, expected finite bounds lo < hi within -1e+06 to 1e+06');
    expect(messageOf(() => p.setWeight(0, 2 ** 31, 0, 1))).toBe('to: got 2147483648, expected a whole number from 0 to 2147483647');
    expect(messageOf(() => p.setBias(2 ** 31, 0, 1))).toBe('layer: got 2147483648, expected a whole number from 0 to 2147483647');
    expect(messageOf(() => p.movePoint(2 ** 32, 0, 0))).toBe('index: got 4294967296, expected a whole number from 0 to 2147483647');
    expect(messageOf(() => p.removePoint(2 ** 53))).toBe('removePoint: index must be a whole number >= 0 (got 9007199254740992)');
    expect(messageOf(() => p.setWeight(0, -1, 0, 1))).toBe('setWeight: to must be a whole number >= 0 (got -1)');
    expect(messageOf(() => p.setWeight(0, 1.5, 0, 1))).toBe('setWeight: to must be a whole number >= 0 (got 1.5)');
    expect(messageOf(() => p.setBias(0, NaN, 1))).toBe('setBias: neuron must be a whole number >= 0 (got NaN)');
    expect(messageOf(() => p.configure({ dataset: bad('\ud800') }))).toBe('config: invalid string at byte 13: lone surrogate \\ud800');
    expect(messageOf(() => p.importModel('{"format":"\\udc00"}'))).toBe('model: invalid string at byte 12: lone surrogate \\udc00');
    expect(state(p)).toEqual(before);
    p.delete();
  });
});
