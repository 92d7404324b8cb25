// The first view: the network diagram, the empty plane and the controls are
// drawn before the engine answers (its wasm held back here), a click made
// before it answers is not lost, and the map follows. Parts loaded on first
// use (page/lazy.ts) that fail to load say so.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { debug, newPageWatched, pageErrors, useBrowser, waitUntil } from './harness';

const b = useBrowser();

// Holds every .wasm request until release() (the engine cannot start before).
// On the context: the worker fetches the wasm.
async function holdWasm(context: BrowserContext): Promise<{ release(): Promise<void>; held(): number }> {
  const waiting: Route[] = [];
  const handler = (route: Route) => void waiting.push(route);
  await context.route('**/*.wasm', handler);
  return {
    async release() {
      for (const r of waiting.splice(0)) await r.continue();
      await context.unroute('**/*.wasm', handler);
    },
    held: () => waiting.length,
  };
}

const until = (what: string, check: () => Promise<boolean>) => waitUntil(check, (ok) => ok, 30_000, what);

// Pixels of the output canvas that are not transparent, and those with colour (a map, not grey axes).
const canvasInk = (page: Page) =>
  page.$eval('[data-testid=output-canvas]', (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    let colour = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3]! === 0) continue;
      ink++;
      if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 30) colour++;
    }
    return { ink, colour, width: canvas.width };
  });

describe('the first view', () => {
  it('draws the diagram, the empty plane and the controls before the engine answers, keeps a click on Play, then shows the map', async () => {
    const page = await newPageWatched(b.session.context);
    const wasm = await holdWasm(b.session.context);
    try {
      await page.goto(`${b.server.url}#networkShape=3,5&features=x1,x2,x1x2&dataset=xor`);
      // 3 + 5 hidden neurons and one output, from the page's settings alone.
      await page.waitForFunction(() => document.querySelectorAll('.nnp-node:not(.nnp-feature)').length === 9, null, { timeout: 20_000 });
      await until('the page asks for the wasm', async () => wasm.held() > 0);
      expect(await page.locator('.nnp-feature.nnp-on').count()).toBe(3);
      expect(await page.isVisible('[data-testid=play]')).toBe(true);
      expect(await page.isVisible('.nnp-loading')).toBe(true);
      expect(await debug(page, (d) => d.outputGrid())).toBeNull();
      const empty = await canvasInk(page);
      expect(empty.width).toBeGreaterThan(100);
      expect(empty.ink).toBeGreaterThan(500); // the frame, ticks and labels of the plane
      expect(empty.colour).toBeLessThan(50); // no map yet (a few anti-aliased text pixels at most)
      // Played before the engine is there: it plays once the engine is.
      await page.click('[data-testid=play]');
    } finally {
      await wasm.release(); // (also when the test fails: the next test needs the engine)
    }
    await until('the first map', () => debug(page, (d) => d.outputGrid() !== null));
    await until('training started by the early click', () => debug(page, (d) => d.running() && d.epoch() > 0));
    await until('the map drawn', async () => (await canvasInk(page)).colour > 1000);
    expect(await page.isVisible('.nnp-loading')).toBe(false);
    expect(await page.locator('.nnp-node:not(.nnp-feature)').count()).toBe(9);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('says so when a part loaded on first use cannot be loaded', async () => {
    const page = await newPageWatched(b.session.context);
    // The charts' library and the share dialog's code are not part of the first view.
    await page.route(/uPlot[^/]*\.js$|share-dialog[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto(b.server.url);
    await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await page.waitForSelector('[data-testid=loss-chart] .nnp-chart-error', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=loss-chart] .nnp-chart-error')).toMatch(
      /^The charts could not be loaded \(.+\); check the connection and try again$/,
    );
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=notice]:visible');
    expect(await page.textContent('[data-testid=notice]')).toMatch(/The share dialog could not be loaded/);
    expect(await page.locator('[data-testid=share-dialog]').count()).toBe(0);
    // Back online: the next use loads it.
    await page.unroute(/uPlot[^/]*\.js$|share-dialog[^/]*\.js$/);
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=share-dialog][open]');
    await page.close();
  });
});
