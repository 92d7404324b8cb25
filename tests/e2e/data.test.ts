// Editing the data in the page: click to add, drag to move, right-click to
// delete, CSV import with a bad row.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();

// Screen position of data point (x, y) on the output canvas.
async function screenOf(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-testid=output-canvas]').boundingBox())!;
  const size = box.width - 26 - 6;
  return { x: box.x + 26 + ((x + 6) / 12) * size, y: box.y + 6 + ((6 - y) / 12) * size };
}

describe('generated data', () => {
  it('Regenerate draws new data with a new seed, written to the URL', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&seed=5`);
    const grid0 = await debug(page, (d) => d.outputGrid()!.values.slice(0, 300));
    await page.click('text=Regenerate');
    const hash = await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => !h.includes('seed=5&') && /seed=\d+/.test(h),
      5000,
      'a new seed',
    );
    const seed = Number(/seed=(\d+)/.exec(hash)![1]);
    expect(seed).not.toBe(5);
    expect(await page.inputValue('input[name=seed]')).toBe(String(seed));
    // a new seed is a new draw of the data and of the initial weights
    expect(await debug(page, (d) => d.outputGrid()!.values.slice(0, 300))).not.toEqual(grid0);
    // typing a seed back gives the first run again
    await page.fill('input[name=seed]', '5');
    await page.press('input[name=seed]', 'Enter');
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h.includes('seed=5&'),
      5000,
      'seed 5 again',
    );
    await waitUntil(
      () => debug(page, (d) => d.outputGrid()!.values.slice(0, 300)),
      (g) => JSON.stringify(g) === JSON.stringify(grid0),
      5000,
      'the first run again',
    );
    await page.close();
  });
});

describe('editing points', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPlayground(env.session.context, `${env.server.url}#dataset=gauss&samples=50`);
  });

  it('a click on the plane adds a point of the selected class and the data becomes custom', async () => {
    const before = await debug(page, (d) => d.pointCount());
    expect(before).toBe(50);
    await page.check('.nnp-class-picker input[value="0"]');
    const at = await screenOf(page, 5.3, 5.4); // a corner the Gaussians leave empty
    await page.mouse.click(at.x, at.y);
    await waitUntil(
      () => debug(page, (d) => d.pointCount()),
      (n) => n === before + 1,
      5000,
      'one more point',
    );
    expect(await page.getAttribute('[data-dataset=custom]', 'aria-pressed')).toBe('true');
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('dataset=custom');
    expect(hash).toMatch(/points=f64\.[A-Za-z0-9_-]{100,}/);
    const csv = await page.evaluate(async () => {
      const s = (window as unknown as { nnp: { getState(): { points: string } } }).nnp.getState();
      return s.points.length;
    });
    expect(csv).toBeGreaterThan(0);
  });

  it('dragging a point moves it; right-click deletes it', async () => {
    const from = await screenOf(page, 5.3, 5.4);
    const to = await screenOf(page, 5.3, -5.4);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    // The move is one change through the engine: wait until the page holds the moved point
    // (a right-click hit-tests the page's points, which lag the mouse by a worker round trip).
    await waitUntil(
      () => debug(page, (d) => d.points()),
      (p) => p.x.some((x, i) => Math.abs(x - 5.3) < 0.3 && Math.abs((p.y[i] ?? 0) + 5.4) < 0.3),
      5000,
      'the dragged point at its new place',
    );
    const n = await debug(page, (d) => d.pointCount());
    // the point is gone from its old place...
    await page.mouse.click(from.x, from.y, { button: 'right' });
    await debug(page, (d) => d.sync());
    expect(await debug(page, (d) => d.pointCount())).toBe(n);
    // ...and present at the new one: right-click there deletes it
    await page.mouse.click(to.x, to.y, { button: 'right' });
    await waitUntil(
      () => debug(page, (d) => d.pointCount()),
      (c) => c === n - 1,
      5000,
      'one point fewer',
    );
    // a right-click on empty space deletes nothing
    await page.mouse.click(to.x, to.y, { button: 'right' });
    await debug(page, (d) => d.sync());
    expect(await debug(page, (d) => d.pointCount())).toBe(n - 1);
  });

  it('reloading the link restores the edited points', async () => {
    const n = await debug(page, (d) => d.pointCount());
    const url = page.url();
    await page.close();
    page = await openPlayground(env.session.context, url);
    expect(await debug(page, (d) => d.pointCount())).toBe(n);
    expect(await page.getAttribute('[data-dataset=custom]', 'aria-pressed')).toBe('true');
  });

  it('CSV import with a bad row shows the row number and keeps the data', async () => {
    const n = await debug(page, (d) => d.pointCount());
    await page.setInputFiles('input[type=file]', {
      name: 'points.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y,label\n1,1,1\n2,<b>bad</b>,0\n-1,-1,0\n'),
    });
    const status = await waitUntil(
      () => page.textContent('[data-testid=csv-status]'),
      (t) => (t ?? '').length > 0,
      5000,
      'CSV status',
    );
    expect(status).toContain('Nothing was loaded from points.csv');
    expect(status).toMatch(/line 3/);
    expect(await page.locator('[data-testid=csv-status] b').count()).toBe(0); // file text never becomes HTML
    expect(await debug(page, (d) => d.pointCount())).toBe(n);
  });

  it('Export CSV downloads the points, one row each', async () => {
    const n = await debug(page, (d) => d.pointCount());
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    expect(download.suggestedFilename()).toMatch(/^nn-playground-custom-\d+\.csv$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const rows = text
      .trim()
      .split('\n')
      .filter((l) => /^-?\d/.test(l));
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.split(',').length === 3)).toBe(true);
  });

  it('a good CSV file replaces the points', async () => {
    await page.setInputFiles('input[type=file]', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('1,1,1\n2,2,1\n-1,-1,0\n-2,-2,0\n1.5,-1,1\n-1.5,1,0\n'),
    });
    await waitUntil(
      () => page.textContent('[data-testid=csv-status]'),
      (t) => (t ?? '').includes('Loaded 6 points'),
      5000,
      'CSV loaded',
    );
    expect(await debug(page, (d) => d.pointCount())).toBe(6);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
