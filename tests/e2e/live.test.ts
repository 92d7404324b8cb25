// The live view while playing: the worker trains on its own (worker/stream.ts)
// and the page draws its latest state. Behaviour only (no timings: those are
// the benchmark's, bench/page_bench.mjs).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, reachEpoch, settledEpoch, useBrowser, waitUntil } from './harness';

const env = useBrowser();
const W2 = '#dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2&networkShape=8,8,8,8,8,8&activation=tanh&learningRate=0.03&batchSize=10';

// The distinct epochs the page showed, read at every animation frame for `ms`.
function epochsSeen(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((done) => {
        const d = (window as unknown as { nnp: { debug: { epoch(): number } } }).nnp.debug;
        const seen: number[] = [];
        const end = performance.now() + ms;
        const tick = () => {
          const e = d.epoch();
          if (seen[seen.length - 1] !== e) seen.push(e);
          if (performance.now() < end) requestAnimationFrame(tick);
          else done(seen);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

describe('the live view', () => {
  it('at one epoch a frame every new picture is the next epoch', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}${W2}&epochsPerFrame=1`);
    await page.click('[data-testid=play]');
    await reachEpoch(page, 3, 20_000, 'training to start');
    const seen = await epochsSeen(page, 1500);
    await page.click('[data-testid=play]');
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('at the fastest setting pictures come while the epochs of one frame are still being trained, and a pause stops the worker where the page is', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}${W2}&epochsPerFrame=1000`);
    await page.click('[data-testid=play]');
    await reachEpoch(page, 1, 20_000, 'training to start');
    const seen = await epochsSeen(page, 2000);
    await page.click('[data-testid=play]');
    // the latest state, not whole frames of 1,000 epochs: the worker does not wait for the page
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.some((e) => e % 1000 !== 0)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    // paused: the worker trained no further than the page shows, so one step is one epoch on
    const paused = await settledEpoch(page);
    await debug(page, (d) => d.sync());
    expect(await debug(page, (d) => d.epoch())).toBe(paused);
    await page.click('[data-testid=step]');
    await waitUntil(
      () => debug(page, (d) => d.epoch()),
      (e) => e !== paused,
      10_000,
      'a step',
    );
    expect(await debug(page, (d) => d.epoch())).toBe(paused + 1);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
