// Issue 11 in the page: the gradient-flow chart shows the vanishing gradient
// of a deep sigmoid stack, and the hidden-space view of a [2] tanh network
// shows the points where the layer puts them over the engine's decision.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatValue } from '../../web/src/components/dom';
import { classColors, divergingLut, lutIndex } from '../../web/src/render/colors';
import { engine } from '../wasm/helpers';
import { debug, downloadOf, openPlayground, pageErrors, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser();

async function menuItem(page: Page, testid: string): Promise<void> {
  await page.click('[data-testid=files-menu-button]');
  await page.click(`[data-testid=${testid}]`);
}

describe('gradient flow and the hidden space', () => {
  it('a 6-layer sigmoid network: the first layer gradient is at least 100x smaller than the last, in the history and the chart', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=8,8,8,8,8,8&activation=sigmoid&seed=1`);
    await trainEpochs(page, 20);
    const h = await debug(page, (d) => d.history());
    const grads = Array.from({ length: 7 }, (_, l) => h[`grad_rms_${l}`]!.at(-1)!);
    console.log(`6 sigmoid layers, epoch 20, grad RMS by layer: ${grads.map((g) => g.toExponential(2)).join(' ')}`);
    expect(grads[6]! / grads[0]!).toBeGreaterThanOrEqual(100);
    // The chart's legend (not hovering: the latest epoch) shows the same numbers, layer by layer.
    await waitUntil(
      () => page.$$eval('[data-testid=gradient-chart] .u-legend .u-series', (rows) => rows.map((r) => r.textContent ?? '')),
      (rows) => rows.length === 8 && rows.slice(1).every((r, l) => r.includes(formatValue(grads[l]!))),
      5000,
      'the gradient legend shows the history',
    );
    // Hovering shows an earlier epoch; leaving the chart (paused: no new data) shows the latest again.
    const legend = () => page.$$eval('[data-testid=gradient-chart] .u-legend .u-series', (rows) => rows.map((r) => r.textContent ?? ''));
    const latest = await legend();
    const plot = page.locator('[data-testid=gradient-chart] .u-over').first();
    await plot.scrollIntoViewIfNeeded();
    const over = (await plot.boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.3, over.y + over.height / 2);
    const hovered = await waitUntil(legend, (rows) => rows[0] !== latest[0], 5000, 'the legend to follow the cursor');
    expect(Number(hovered[0]!.replace('Epoch', ''))).toBeLessThan(20);
    await page.mouse.move(over.x + over.width / 2, over.y - 60); // above the chart, off its plot
    await waitUntil(legend, (rows) => rows.join() === latest.join(), 5000, 'the legend back at the latest epoch after the cursor left');
    const labels = await page.$$eval('[data-testid=gradient-chart] .u-legend .u-series th', (ths) => ths.map((t) => t.textContent?.trim()));
    expect(labels.slice(1)).toEqual(['Layer 1', 'Layer 2', 'Layer 3', 'Layer 4', 'Layer 5', 'Layer 6', 'Layer 7']);
    expect(await page.isVisible('[data-testid=saturation-chart]')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the hidden space of a [2] tanh network on the circle: the points, and a background that is the engine’s prediction', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=2&activation=tanh&seed=3`);
    await trainEpochs(page, 40);
    await waitUntil(
      () => page.getAttribute('[data-testid=hidden-canvas]', 'data-epoch'),
      (v) => v === '40',
      10_000,
      'the hidden view at epoch 40',
    );
    // The engine's own hidden space for the page's weights: the saved model, loaded in Node.
    const file = await downloadOf(page, () => menuItem(page, 'save-model'));
    const e = await engine();
    const p = e.createPlayground();
    p.importModel(file.data.toString('utf8'));
    const n = 64;
    const s = p.hiddenSpace(0, 0, 1, n);
    const labels = p.points().label;
    p.delete();
    const size = await page.$eval('[data-testid=hidden-canvas]', (c) => (c as HTMLCanvasElement).width);
    const cell = size / n;
    const pixels = async (at: [number, number][]) =>
      page.$eval(
        '[data-testid=hidden-canvas]',
        (c, xy) => {
          const ctx = (c as HTMLCanvasElement).getContext('2d')!;
          return xy.map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data.slice(0, 3)));
        },
        at,
      );
    // Background: every 4th cell's centre against the colour of the engine's value there.
    const lut = divergingLut('default');
    const want: number[][] = [];
    const at: [number, number][] = [];
    const signs = new Set<number>();
    for (let i = 1; i < n; i += 4)
      for (let j = 1; j < n; j += 4) {
        const v = s.output[i * n + j]!;
        const k = lutIndex(0.78 * v) * 3;
        want.push([lut[k]!, lut[k + 1]!, lut[k + 2]!]);
        at.push([(j + 0.5) * cell, (i + 0.5) * cell]);
        signs.add(Math.sign(v));
      }
    expect(signs.has(1) && signs.has(-1)).toBe(true); // the decision boundary crosses the view
    const got = await pixels(at);
    const same = got.filter((rgb, i) => rgb.every((c, ch) => Math.abs(c - want[i]![ch]!) <= 3)).length;
    console.log(`hidden space: ${same} of ${got.length} background samples match the engine's prediction`);
    expect(same / got.length).toBeGreaterThanOrEqual(0.75); // the rest lie under grid lines or points
    // The points, each at (a1, a2) in its class colour.
    const colours = classColors('default', 2);
    const centres: [number, number][] = [];
    for (let i = 0; 2 * i < s.points.length; i++)
      centres.push([((s.points[2 * i]! - s.xLo) / (s.xHi - s.xLo)) * size, ((s.yHi - s.points[2 * i + 1]!) / (s.yHi - s.yLo)) * size]);
    // Points drawn later cover earlier ones: judge the points no later one overlaps.
    const top = centres.map((c, i) => centres.slice(i + 1).every((d) => Math.hypot(d[0] - c[0], d[1] - c[1]) > 8));
    const shown = centres.filter((_, i) => top[i]);
    const shownLabels = labels.filter((_, i) => top[i]);
    expect(shown.length).toBeGreaterThanOrEqual(20);
    const dots = await pixels(shown);
    const hits = dots.filter((rgb, i) => {
      const c = colours[shownLabels[i]! > 0 ? 1 : 0]!;
      return rgb.every((v, ch) => Math.abs(v - c[ch]!) <= 12);
    }).length;
    console.log(`hidden space: ${hits} of ${dots.length} uncovered points drawn in their class colour at (a1, a2)`);
    expect(hits).toBe(dots.length);
    await page.locator('[data-testid=hidden-panel]').screenshot({ path: 'test-output/hidden-panel.png' });
    await page
      .locator('[data-testid=gradients-panel]')
      .screenshot({ path: 'test-output/gradients-panel.png' })
      .catch(() => undefined);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
