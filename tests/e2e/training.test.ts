// Training in the real page: XOR to high accuracy, the heatmap against the
// engine's own predictions, and three classes with softmax.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, statValue, useBrowser, waitUntil } from './harness';

const env = useBrowser();

// Colour of the output canvas at data point (x, y), read from the page.
async function canvasColors(page: Page, samples: [number, number][]): Promise<[number, number, number][]> {
  return page.evaluate((pts) => {
    const c = document.querySelector('[data-testid=output-canvas]') as HTMLCanvasElement;
    const ctx = c.getContext('2d')!;
    const dpr = c.width / c.clientWidth;
    const size = c.clientWidth - 26 - 6; // the plot's margins (left 26, right 6, top 6)
    return pts.map(([x, y]) => {
      const px = (26 + ((x + 6) / 12) * size) * dpr;
      const py = (6 + ((6 - y) / 12) * size) * dpr;
      const d = ctx.getImageData(Math.floor(px), Math.floor(py), 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    });
  }, samples);
}

// An n x n lattice of sample points on the plane.
function lattice(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out.push([-5.5 + (11 * (j + 0.5)) / n, 5.5 - (11 * (i + 0.5)) / n]);
  }
  return out;
}

describe('training in the page', () => {
  let page: Page;

  it('XOR with two hidden layers reaches test accuracy >= 0.95 and the loss falls', async () => {
    page = await openPlayground(env.session.context, env.server.url);
    await page.click('[data-dataset=xor]');
    await waitUntil(
      () => page.getAttribute('[data-dataset=xor]', 'aria-pressed'),
      (v) => v === 'true',
      5000,
      'xor selected',
    );
    // two hidden layers (the default has two; make sure)
    expect(await page.textContent('[data-setting=networkShape] .nnp-muted')).toBe('2 hidden layers');
    await page.selectOption('select[name=epochsPerFrame]', '5');
    await page.evaluate(() => {
      const w = window as unknown as { nnp: { on(e: string, f: (s: { epoch: number; testAccuracy: number }) => void): void }; epochEvents: number[] };
      w.epochEvents = [];
      w.nnp.on('epoch', (s) => w.epochEvents.push(s.testAccuracy));
    });
    const lossBefore = await statValue(page, 'test-loss');
    const accBefore = await statValue(page, 'test-accuracy');
    await page.click('[data-testid=play]');
    await waitUntil(
      () => statValue(page, 'test-accuracy'),
      (a) => a >= 0.95,
      60_000,
      'test accuracy >= 0.95',
    );
    await page.click('[data-testid=play]'); // pause
    expect(await debug(page, (d) => d.running())).toBe(false);
    const epochs = await debug(page, (d) => d.epoch());
    expect(epochs).toBeGreaterThan(0);
    expect(Number((await page.textContent('[data-testid=epoch]'))!.replace(/,/g, ''))).toBe(epochs);
    const events = await page.evaluate(() => (window as unknown as { epochEvents: number[] }).epochEvents);
    expect(events.length).toBeGreaterThan(0); // the controller's 'epoch' event fired with the stats
    expect(events[events.length - 1]).toBeGreaterThanOrEqual(0.95);
    const lossAfter = await statValue(page, 'test-loss');
    expect(lossAfter).toBeLessThan(lossBefore * 0.5);
    expect(accBefore).toBeLessThan(0.95);
    expect(await statValue(page, 'test-accuracy')).toBeGreaterThanOrEqual(0.95);
    expect(pageErrors(page)).toEqual([]);
  });

  it('the heatmap is not uniform and shows the engine’s prediction at sampled pixels', async () => {
    const grid = (await debug(page, (d) => d.outputGrid()))!;
    expect(grid.n).toBeGreaterThanOrEqual(100);
    expect(grid.unit).toBe('tanh');
    // the grid the page drew is the engine's prediction, pixel for pixel
    const h = (grid.hi - grid.lo) / grid.n;
    for (const [i, j] of [
      [3, 5],
      [20, 80],
      [50, 50],
      [77, 12],
      [95, 96],
    ] as const) {
      const x = grid.lo + (j + 0.5) * h;
      const y = grid.hi - (i + 0.5) * h;
      const [p] = await page.evaluate(
        ([a, b]) => (window as unknown as { nnp: { debug: { predict(x: number, y: number): Promise<number[]> } } }).nnp.debug.predict(a, b),
        [x, y] as const,
      );
      expect(Math.abs(grid.values[i * grid.n + j]! - p!)).toBeLessThan(1e-4);
    }
    // and the canvas colour follows the prediction's sign: blue above 0, orange below
    const spots = lattice(9);
    const preds = await page.evaluate(
      (pts) =>
        Promise.all(
          pts.map(([a, b]) => (window as unknown as { nnp: { debug: { predict(x: number, y: number): Promise<number[]> } } }).nnp.debug.predict(a, b)),
        ),
      spots,
    );
    const colors = await canvasColors(page, spots);
    let checked = 0;
    let agree = 0;
    spots.forEach((_, k) => {
      const p = preds[k]![0]!;
      if (Math.abs(p) < 0.4) return;
      const [r, , b] = colors[k]!;
      checked++;
      if ((p > 0 && b > r + 20) || (p < 0 && r > b + 20)) agree++;
    });
    expect(checked).toBeGreaterThan(30);
    expect(agree / checked).toBeGreaterThan(0.9); // a few spots may sit under a data point
    const distinct = new Set(colors.map((c) => c.join(','))).size;
    expect(distinct).toBeGreaterThan(10);
    await page.close();
  });

  it('multi-class spiral with softmax trains and shows three region colours', async () => {
    page = await openPlayground(env.session.context, `${env.server.url}#networkShape=12,12&optimizer=adam&learningRate=0.01&epochsPerFrame=5`);
    await page.click('[data-dataset=multi_spiral]');
    await waitUntil(
      () => page.inputValue('select[name=output]'),
      (v) => v === 'softmax_ce',
      5000,
      'softmax output',
    );
    const outputs = await page.$$eval('select[name=output] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(outputs).toEqual(['softmax_ce']); // the only pair for three classes
    await page.click('[data-testid=play]');
    await waitUntil(
      () => statValue(page, 'train-accuracy'),
      (a) => a >= 0.7,
      60_000,
      'train accuracy >= 0.7 on three classes',
    );
    await page.click('[data-testid=play]');
    const grid = (await debug(page, (d) => d.outputGrid()))!;
    expect(grid.classes).toBe(3);
    const px = grid.n * grid.n;
    expect(grid.values.length).toBe(3 * px);
    // every class wins somewhere in the grid
    const wins = [0, 0, 0];
    for (let i = 0; i < px; i++) {
      const p = [0, 1, 2].map((k) => grid.values[k * px + i]!);
      wins[p.indexOf(Math.max(...p))]!++;
    }
    for (const w of wins) expect(w / px).toBeGreaterThan(0.1);
    // and the canvas shows three distinct hues: classify each pixel by its nearest class colour
    const spots = lattice(16);
    const colors = await canvasColors(page, spots);
    const swatches = await page.$$eval('.nnp-legend .nnp-swatch i', (is) => is.map((i) => getComputedStyle(i).backgroundColor));
    expect(swatches).toHaveLength(3);
    const classRgb = swatches.map((s) => s.match(/\d+/g)!.map(Number));
    const counts = [0, 0, 0];
    for (const c of colors) {
      // direction away from white, compared with each class colour's direction
      const v = c.map((x) => 255 - x);
      const norm = Math.hypot(...v);
      if (norm < 30) continue; // too pale to tell
      const score = classRgb.map((k) => {
        const u = k.map((x) => 255 - x);
        return (u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!) / (Math.hypot(...u) * norm);
      });
      counts[score.indexOf(Math.max(...score))]!++;
    }
    for (const n of counts) expect(n).toBeGreaterThan(spots.length * 0.08);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
