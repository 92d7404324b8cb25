// A small fixed table (the 4-point XOR truth table): the data controls that do
// not apply to it are hidden (the engine's dataset table says which), and the
// plane is zoomed to where its points lie; another data set gets both back.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();
const DATA_CONTROLS = ['samples', 'noise', 'percTrainData'];

// Which of the data controls are shown.
const shownControls = (page: Page) => Promise.all(DATA_CONTROLS.map((k) => page.isVisible(`.nnp-data [data-setting=${k}]`)));

// The horizontal spread of the drawn points on the map, as a share of the map's
// width: the columns holding strongly coloured pixels (points are drawn in the
// classes' full colours; the untrained map is pale).
const pointSpread = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=output-canvas]') as HTMLCanvasElement;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    let lo = width;
    let hi = -1;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const r = data[i]!,
          g = data[i + 1]!,
          b = data[i + 2]!;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 110) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    return hi < 0 ? 0 : (hi - lo) / width;
  });

describe('the XOR truth table', () => {
  it('hides the count, noise and split controls and zooms the plane to its points; circle restores both', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&seed=3`);
    expect(await shownControls(page)).toEqual([true, true, true]);
    expect(await debug(page, (d) => [d.outputGrid()!.lo, d.outputGrid()!.hi])).toEqual([-6, 6]);

    await page.click('[data-dataset=xor_table]');
    await waitUntil(
      () => debug(page, (d) => d.pointCount()),
      (n) => n === 4,
      5000,
      'the 4 points',
    );
    await waitUntil(
      () => debug(page, (d) => [d.outputGrid()!.lo, d.outputGrid()!.hi]),
      (g) => g[0] === -0.25 && g[1] === 1.25,
      5000,
      'the zoomed plane',
    );
    expect(await shownControls(page)).toEqual([false, false, false]);
    await debug(page, (d) => d.sync()); // the plane drawn with the 4 points
    const spread = await pointSpread(page);
    expect(spread).toBeGreaterThan(0.5);
    // The settings that do not apply stay out of the link too.
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('dataset=xor_table');
    expect(hash).not.toMatch(/samples=|noise=|percTrainData=/);

    await page.click('[data-dataset=circle]');
    await waitUntil(
      () => debug(page, (d) => [d.outputGrid()!.lo, d.outputGrid()!.hi]),
      (g) => g[0] === -6 && g[1] === 6,
      5000,
      'the whole plane',
    );
    expect(await shownControls(page)).toEqual([true, true, true]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
