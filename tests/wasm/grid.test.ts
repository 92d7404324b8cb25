// Grid views: Float32Array views straight into wasm memory, laid out as
// engine/trainer.hpp `Grid` says, equal to single-point predict(), refreshed
// by the next grid() call after training, emptied when memory grows.
import { beforeAll, describe, expect, test } from 'vitest';

import type { ActivationId, ConfigPatch, OutputId, Playground } from '../../web/src/engine/types';
import type { WasmEngine } from '../../web/src/engine/index';
import { engine } from './helpers';
import { ENGINE } from '../../web/src/engine/description.generated';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

// Pixel (i, j) is x1 = lo + (j + 1/2) h, x2 = hi - (i + 1/2) h.
function pixel(n: number, lo: number, hi: number, i: number, j: number): [number, number] {
  const h = (hi - lo) / n;
  return [lo + (j + 0.5) * h, hi - (i + 0.5) * h];
}

function expectOutputsMatchPredict(p: Playground, n: number, lo: number, hi: number): void {
  const g = p.grid(n, lo, hi);
  const outStart = g.mapStart[g.mapStart.length - 1] ?? -1;
  const outputs = g.maps - outStart;
  let worst = 0;
  for (let i = 0; i < n; ++i)
    for (let j = 0; j < n; ++j) {
      const [x, y] = pixel(n, lo, hi, i, j);
      const want = p.predict(x, y);
      expect(want).toHaveLength(outputs);
      const v = p.grid(n, lo, hi).values; // predict() may not move memory, but take a fresh view anyway
      for (let k = 0; k < outputs; ++k) {
        const got = v[(outStart + k) * n * n + i * n + j] ?? NaN;
        worst = Math.max(worst, Math.abs(got - (want[k] ?? NaN)));
      }
    }
  // The grid runs in float32; predict in float64.
  expect(worst).toBeLessThan(2e-5);
}

describe('grid', () => {
  test('layout: maps, mapStart, sizes, inputs', () => {
    const p = e.createPlayground({
      samples: 50,
      features: ['x1', 'x2', 'x1x2', 'sin_x2'],
      hidden: [
        { width: 5, activation: 'relu' },
        { width: 3, activation: 'tanh' },
      ],
    });
    const n = 7;
    const g = p.grid(n);
    expect(g.n).toBe(n);
    expect([g.lo, g.hi]).toEqual([-6, 6]);
    expect(g.mapStart).toEqual([0, 4, 9, 12]);
    expect(g.maps).toBe(4 + 5 + 3 + 1);
    expect(g.values).toBeInstanceOf(Float32Array);
    expect(g.values).toHaveLength(g.maps * n * n);
    // A view into wasm memory, not a copy.
    expect(g.values.buffer.byteLength).toBe(e.memoryBytes());
    for (const [i, j] of [
      [0, 0],
      [0, 6],
      [3, 2],
      [6, 6],
    ] as const) {
      const [x, y] = pixel(n, -6, 6, i, j);
      const at = (map: number): number => g.values[map * n * n + i * n + j] ?? NaN;
      expect(at(0)).toBeCloseTo(x, 5);
      expect(at(1)).toBeCloseTo(y, 5);
      expect(at(2)).toBeCloseTo(x * y, 4);
      expect(at(3)).toBeCloseTo(Math.sin(y), 6);
      for (let k = 4; k < 9; ++k) expect(at(k)).toBeGreaterThanOrEqual(0); // relu
      for (let k = 9; k < 12; ++k) expect(Math.abs(at(k))).toBeLessThanOrEqual(1); // tanh
    }
    // Row 0 is the top of the picture: x2 decreases down the rows.
    expect(g.values[1 * n * n + 0]).toBeGreaterThan(g.values[1 * n * n + (n - 1) * n] ?? NaN);
    const g2 = p.grid(4, -1, 3);
    expect([g2.n, g2.lo, g2.hi, g2.values.length]).toEqual([4, -1, 3, g2.maps * 16]);
    expect(g2.values[0]).toBeCloseTo(-0.5, 6);
    p.delete();
  });

  test('output maps equal predict(), before and after training', () => {
    const p = e.createPlayground({ dataset: 'xor', samples: 100, hidden: [{ width: 4, activation: 'tanh' }] });
    expectOutputsMatchPredict(p, 12, -6, 6);
    const before = p.grid(12).values.slice();
    p.trainEpochs(20);
    const after = p.grid(12).values;
    let changed = 0;
    for (let k = 0; k < after.length; ++k) if (after[k] !== before[k]) ++changed;
    expect(changed).toBeGreaterThan(after.length / 2); // the input maps stay, the rest move
    expectOutputsMatchPredict(p, 12, -6, 6);
    expectOutputsMatchPredict(p, 9, -2.5, 4);
    p.delete();
  });

  test('softmax output maps equal predict()', () => {
    const p = e.createPlayground({ dataset: 'blobs', classes: 3, samples: 90, output: 'softmax_ce' });
    p.trainEpochs(5);
    expectOutputsMatchPredict(p, 8, -6, 6);
    const g = p.grid(8);
    const start = g.mapStart[g.mapStart.length - 1] ?? 0;
    for (let px = 0; px < 64; ++px) {
      let sum = 0;
      for (let k = 0; k < 3; ++k) sum += g.values[(start + k) * 64 + px] ?? NaN;
      expect(sum).toBeCloseTo(1, 5);
    }
    p.delete();
  });

  // The grid's float kernel (engine/grid_kernel.cpp) as SIMD128: every hidden
  // activation and every output unit, on grids whose pixels are not a
  // multiple of 4 (81: the last vector is partial) and are (256: one chunk).
  const ACTIVATIONS = ENGINE.activations.map((a) => a.id as ActivationId);
  test.each(ACTIVATIONS)('hidden %s: output maps equal predict()', (activation) => {
    const hidden = [
      { width: 6, activation },
      { width: 4, activation },
    ];
    const p = e.createPlayground({ dataset: 'spiral', samples: 100, features: ['x1', 'x2', 'x1x2', 'sin_x1'], hidden });
    p.trainEpochs(3);
    expectOutputsMatchPredict(p, 9, -6, 6);
    expectOutputsMatchPredict(p, 16, -3, 5);
    p.delete();
  });

  // Every output unit, each on data of a task it fits.
  const OUTPUTS: [OutputId, ConfigPatch][] = ENGINE.outputs.map((o) => [
    o.id as OutputId,
    o.regression
      ? { dataset: 'reg_gauss' }
      : o.noHiddenLayers
        ? { dataset: 'gauss', hidden: [] }
        : o.classification
          ? { dataset: 'xor' }
          : { dataset: 'blobs', classes: 4 },
  ]);
  test.each(OUTPUTS)('output %s: output maps equal predict()', (output, patch) => {
    const p = e.createPlayground({
      samples: 100,
      output,
      hidden: [
        { width: 5, activation: 'tanh' },
        { width: 3, activation: 'relu' },
      ],
      ...patch,
    });
    p.trainEpochs(3);
    expectOutputsMatchPredict(p, 9, -6, 6);
    expectOutputsMatchPredict(p, 16, -3, 5);
    p.delete();
  });

  test('the same view is refreshed in place by the next grid() of the same size', () => {
    const p = e.createPlayground({ samples: 50 });
    const view = p.grid(20).values;
    const first = view.slice();
    const memory = e.memoryBytes();
    p.trainEpochs(10);
    const again = p.grid(20).values;
    expect(e.memoryBytes()).toBe(memory); // nothing grew, so the old view is still attached
    expect(again.byteOffset).toBe(view.byteOffset); // same buffer, rewritten in place
    expect(view).toEqual(again); // the old view sees the new values
    expect(view).not.toEqual(first);
    p.delete();
  });

  test('a view is emptied when wasm memory grows (documented: copy to keep)', () => {
    const p = e.createPlayground({ samples: 50 });
    const view = p.grid(30).values;
    const size = view.length;
    expect(size).toBeGreaterThan(0);
    const start = e.memoryBytes();
    const big: Playground[] = [];
    while (e.memoryBytes() === start && big.length < 200)
      big.push(e.createPlayground({ samples: 5000, hidden: [{ width: 32, activation: 'tanh' }], batch_size: 5000 }));
    expect(e.memoryBytes()).toBeGreaterThan(start);
    expect(view.length).toBe(0);
    expect(p.grid(30).values).toHaveLength(size);
    for (const b of big) b.delete();
    p.delete();
  });
});
