// At 1280 x 800 (a laptop) the decision map, the loss curve and the Play
// button are on screen together at scroll 0: with no lesson, with each lesson
// open (its card sits beside the map, not above it), with the step-through closed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS } from '../../web/src/lessons/builtin';
import { debug, openPlayground, pageErrors, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser(); // 1280 x 800

const PARTS = { map: '[data-testid=output-canvas]', loss: '[data-testid=loss-curve]', play: '[data-testid=play]' };

// The parts' boxes that do not lie wholly inside the viewport at scroll 0.
async function outside(page: Page): Promise<string[]> {
  return page.evaluate((parts) => {
    const bad: string[] = [];
    if (window.scrollX !== 0 || window.scrollY !== 0) bad.push(`scrolled to ${window.scrollX}, ${window.scrollY}`);
    for (const [name, sel] of Object.entries(parts)) {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (!r || r.width === 0 || r.height === 0) bad.push(`${name}: not shown`);
      else if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight)
        bad.push(`${name}: ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    return bad;
  }, PARTS);
}

describe('above the fold at 1280 x 800', () => {
  it('no lesson: the map, the loss curve and Play are visible, and the curve draws the loss', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle`);
    expect(await page.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([1280, 800]);
    expect(await outside(page)).toEqual([]);
    await trainEpochs(page, 5);
    const rows = await debug(page, (d) => d.history().epoch.length);
    // Training and test loss, one value per history row each.
    await waitUntil(
      () => page.getAttribute(PARTS.loss, 'data-points'),
      (n) => Number(n) === 2 * rows,
      5000,
      'the curve drawn',
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('each lesson open: the map, the loss curve and Play are visible', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle`);
    for (const lesson of LESSONS) {
      await page.goto(`${env.server.url}#lesson=${lesson.id}`);
      await page.reload();
      await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
      await page.waitForSelector('[data-testid=lesson]');
      expect(await page.isVisible('.nnp-stepthrough')).toBe(false);
      expect([lesson.id, ...(await outside(page))]).toEqual([lesson.id]);
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
