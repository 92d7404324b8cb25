// The maps' descriptions read the numbers the pictures show: the engine's
// summaries (engine/map_summary.hpp, describeMaps) and the page's words for
// them (components/map-words.ts, neuron-words.ts) against counts made here over
// the same grid values the page paints (grid()), and the shapes named for maps
// whose shape is known (the input features, a trained circle).
import { beforeAll, describe, expect, test } from 'vitest';

import type { WasmEngine } from '../../web/src/engine/index';
import type { MapSummary, Playground } from '../../web/src/engine/types';
import { ENGINE } from '../../web/src/engine/description.generated';
import { viewOf } from '../../web/src/shared/dataset-view';
import { classNames, describeDecision } from '../../web/src/components/map-words';
import { describeMap } from '../../web/src/components/neuron-words';
import { OUTPUT_GRID, THUMB_GRID } from '../../web/src/worker/protocol';
import { engine } from './helpers';

// the grids the worker asks for, as the pictures are painted
const OUT = OUTPUT_GRID;
const THUMB = THUMB_GRID;

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

const view = (p: Playground) => viewOf(ENGINE.datasets, p.config().dataset);

// The class each pixel of the decision map shows, as the page paints it
// (render/heatmap.ts: the arg max of several maps, else the signed output's side).
function pixelClasses(p: Playground, middle: number): { cls: Int32Array; values: Float32Array } {
  const { lo, hi } = view(p);
  const g = p.grid(OUT, lo, hi);
  const first = g.mapStart[g.mapStart.length - 1]!;
  const px = OUT * OUT;
  const values = g.values.slice(first * px, g.maps * px);
  const k = g.maps - first;
  const cls = new Int32Array(px);
  for (let i = 0; i < px; i++) {
    if (k === 1) cls[i] = values[i]! > middle ? 1 : 0;
    else for (let c = 1; c < k; c++) if (values[c * px + i]! > values[cls[i]! * px + i]!) cls[i] = c;
  }
  return { cls, values };
}

// Points drawn on the map whose pixel shows their label, counted here.
function sides(p: Playground, cls: Int32Array): { train: [number, number]; test: [number, number] } {
  const { lo, hi } = view(p);
  const h = (hi - lo) / OUT;
  const pts = p.points();
  const out = { train: [0, 0] as [number, number], test: [0, 0] as [number, number] };
  for (let q = 0; q < pts.x.length; q++) {
    const j = Math.floor((pts.x[q]! - lo) / h);
    const i = Math.floor((hi - pts.y[q]!) / h);
    if (i < 0 || i >= OUT || j < 0 || j >= OUT) continue;
    const side = pts.test[q] === 1 ? out.test : out.train;
    side[0]++;
    side[1] += cls[i * OUT + j] === pts.label[q] ? 1 : 0;
  }
  return out;
}

// Every "N %" and "A of B" in a description, in order.
const percents = (text: string) => [...text.matchAll(/(\d+) % of the plane/g)].map((m) => Number(m[1]));
const counts = (text: string) => [...text.matchAll(/\((\d+) of (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);

function expectDecisionMatchesGrid(p: Playground, classes: number, middle: number): MapSummary {
  const { lo, hi } = view(p);
  const d = p.describeMaps(OUT, THUMB, lo, hi);
  const { cls, values } = pixelClasses(p, middle);
  const px = OUT * OUT;
  const perClass = Array.from({ length: classes }, (_, k) => cls.filter((c) => c === k).length);
  expect(d.output.regions.map((r) => r.pixels)).toEqual(perClass);
  expect(d.output.low).toBe(Math.min(...values));
  expect(d.output.high).toBe(Math.max(...values));
  const s = sides(p, cls);
  expect([d.output.train!.points, d.output.train!.onSide]).toEqual(s.train);
  expect([d.output.test!.points, d.output.test!.onSide]).toEqual(s.test);
  // The words say those numbers: each class's share (largest first) and both sides.
  const text = describeDecision(d.output, classNames(classes, 'default'));
  const shares = perClass
    .filter((n) => n > 0)
    .sort((a, b) => b - a)
    .map((n) => Math.round((100 * n) / px));
  expect(percents(text)).toEqual(shares);
  expect(counts(text)).toEqual([
    [s.test[1], s.test[0]],
    [s.train[1], s.train[0]],
  ]);
  return d.output;
}

describe('describeMaps: the decision map', () => {
  test('circle, trained: the shares and points counted over the grid; a disc in the centre and the outside', () => {
    const p = e.createPlayground({ dataset: 'circle', samples: 300, noise: 0, seed: 3, optimizer: { learning_rate: 0.1 } });
    p.trainEpochs(300);
    expect(p.evaluate().testAccuracy).toBeGreaterThan(0.9);
    const out = expectDecisionMatchesGrid(p, 2, 0);
    expect(new Set(out.regions.map((r) => r.shape))).toEqual(new Set(['centre', 'outside']));
    p.delete();
  });

  test('blobs, 3 classes, softmax: the arg max counted over the grid', () => {
    const p = e.createPlayground({ dataset: 'blobs', classes: 3, samples: 150, seed: 5, output: 'softmax_ce', optimizer: { learning_rate: 0.1 } });
    p.trainEpochs(100);
    expectDecisionMatchesGrid(p, 3, 0);
    p.delete();
  });

  test('a diverged softmax network: the pixels without a class counted once each, and said so', () => {
    const p = e.createPlayground({
      dataset: 'blobs',
      classes: 3,
      samples: 150,
      seed: 5,
      output: 'softmax_ce',
      hidden: [{ width: 8, activation: 'linear' }],
      optimizer: { learning_rate: 100 },
    });
    expect(p.trainEpochs(200)).toBe('diverged');
    const { lo, hi } = view(p);
    const g = p.grid(OUT, lo, hi);
    const first = g.mapStart[g.mapStart.length - 1]!;
    const px = OUT * OUT;
    let none = 0;
    for (let i = 0; i < px; i++) if ([0, 1, 2].some((c) => !Number.isFinite(g.values[(first + c) * px + i]!))) none++;
    expect(none).toBeGreaterThan(0);
    const d = p.describeMaps(OUT, THUMB, lo, hi);
    expect(d.output.notFinite).toBe(none);
    const words = describeDecision(d.output, ['class 0', 'class 1', 'class 2']);
    if (none === px) expect(words).toBe('The map has no values: the network diverged.');
    else for (const [, share] of words.matchAll(/([\d.]+) %/g)) expect(Number(share)).toBeLessThanOrEqual(100);
    p.delete();
  });

  test('sigmoid output: class 1 past 0.5; before training too', () => {
    const p = e.createPlayground({ dataset: 'xor', samples: 200, seed: 9, output: 'sigmoid_bce' });
    expectDecisionMatchesGrid(p, 2, 0.5);
    p.trainEpochs(50);
    expectDecisionMatchesGrid(p, 2, 0.5);
    p.delete();
  });

  test('regression: the values around 0, no points on a side', () => {
    const p = e.createPlayground({ dataset: 'reg_plane', samples: 100, seed: 2 });
    p.trainEpochs(20);
    const { lo, hi } = view(p);
    const d = p.describeMaps(OUT, THUMB, lo, hi);
    const { values } = pixelClasses(p, 0);
    expect(d.output.classes).toBe(false);
    expect(d.output.train).toBeUndefined();
    expect(d.output.regions[1]!.pixels).toBe(values.filter((v) => v > 0).length);
    p.delete();
  });
});

describe('describeMaps: every neuron map', () => {
  test('each map: its range and the share above 0 as its small picture has them; the words say them', () => {
    const p = e.createPlayground({ dataset: 'circle', features: ['x1', 'x2', 'x1x2'], hidden: [{ width: 3, activation: 'tanh' }], seed: 4 });
    p.trainEpochs(30);
    const { lo, hi } = view(p);
    const d = p.describeMaps(OUT, THUMB, lo, hi);
    const g = p.grid(THUMB, lo, hi);
    const px = THUMB * THUMB;
    const values = g.values.slice();
    const layers = p.layers();
    expect(d.maps).toHaveLength(g.maps);
    for (let m = 0; m < g.maps; m++) {
      const v = values.subarray(m * px, (m + 1) * px);
      const above = v.filter((x) => x > 0).length;
      expect(d.maps[m]!.regions.map((r) => r.pixels)).toEqual([px - above, above]);
      expect([d.maps[m]!.low, d.maps[m]!.high]).toEqual([Math.min(...v), Math.max(...v)]);
      const text = describeMap(d, { features: p.config().features, mapStart: g.mapStart, layers }, m);
      if (above > 0 && above < px) expect(percents(text)).toEqual([Math.round((100 * above) / px)]);
    }
    // The inputs' shapes are known: x1 > 0 on the right, x2 > 0 at the top, x1 x2 > 0 in two quadrants.
    expect(d.maps.slice(0, 3).map((s) => s.regions[1]!.shape)).toEqual(['right', 'top', 'top_right_and_bottom_left']);
    expect(d.maps.slice(0, 3).map((s) => s.regions[1]!.pixels)).toEqual([px / 2, px / 2, px / 2]);
    // A neuron's words name its incoming weights as the engine has them.
    const w = layers[0]!.weights[0]!;
    expect(describeMap(d, { features: p.config().features, mapStart: g.mapStart, layers }, 3)).toContain(`from X1 ${w >= 0 ? '+' : '−'}`);
    p.delete();
  });

  test('bad sizes and bounds are refused with the engine’s message', () => {
    const p = e.createPlayground({});
    expect(() => p.describeMaps(1, THUMB, -6, 6)).toThrow(/grid size/);
    expect(() => p.describeMaps(OUT, THUMB, 6, -6)).toThrow(/grid bounds/);
    expect(() => p.describeMaps(OUT, 1e9, -6, 6)).toThrow(/grid size/);
    p.delete();
  });
});
