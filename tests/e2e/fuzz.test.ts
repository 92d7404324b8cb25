// Property-based fuzzing (seeded, short) in the real page: random link hashes
// and setState patches, one after another on one playground. After each the
// page shows no error besides its notice (bounded), the engine's configuration
// equals the settings the page shows, and training still advances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlaygroundConfig } from '../../web/src/engine/types';
import { toConfig } from '../../web/src/settings/config';
import { sameConfig } from '../../web/src/settings/lesson';
import { MAX_NOTICE_LINE_CHARS, MAX_NOTICE_LINES } from '../../web/src/shared/messages';
import type { Settings } from '../../web/src/settings/schema';
import { SEED, hashArb, patchArb } from '../web/fuzz-arbitraries';
import { debug, openPlayground, pageErrors, useBrowser } from './harness';

const env = useBrowser();
const RUNS = 50;

type Nnp = { setState(p: unknown): Promise<string[]>; getState(): Settings; step(): Promise<void>; reset(): Promise<void> };

// Sets the hash as a visitor editing the address would, and returns once the
// page has taken it in (its change runs before the step that follows it).
async function visitHash(page: Page, hash: string): Promise<void> {
  await page.evaluate(async (h) => {
    const changed = new Promise((ok) => window.addEventListener('hashchange', ok, { once: true }));
    location.hash = h;
    if (location.hash !== (h.startsWith('#') ? h : `#${h}`) && h !== '#') await changed;
    else await Promise.race([changed, new Promise((ok) => setTimeout(ok, 200))]);
  }, hash);
}

async function setState(page: Page, patch: Record<string, unknown>): Promise<string> {
  return page.evaluate(async (p) => {
    try {
      await (window as unknown as { nnp: Nnp }).nnp.setState(p);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }, patch);
}

describe('fuzz: the page', () => {
  it(`${RUNS} seeded hashes and setState calls keep page and engine alike, and training going`, async () => {
    const page = await openPlayground(env.session.context, env.server.url);
    const cases = fc.sample(
      fc.oneof(
        hashArb().map((hash) => ({ hash })),
        patchArb().map((patch) => ({ patch })),
      ),
      { seed: SEED, numRuns: RUNS },
    );
    let refusals = 0;
    const t0 = Date.now();
    for (const [i, c] of cases.entries()) {
      const what = `case ${i}: ${JSON.stringify(c).slice(0, 300)}`;
      let error = '';
      if ('hash' in c) await visitHash(page, c.hash);
      else error = await setState(page, c.patch);
      if (error) {
        refusals++;
        expect(error.length, what).toBeLessThan(300);
      }
      // Training advances (or says it diverged). A step's answer comes after
      // every earlier request's: after the first, the change has landed.
      const step = () => page.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.step());
      await step();
      const before = await debug(page, (d) => d.epoch());
      await step();
      const after = await debug(page, (d) => ({ epoch: d.epoch(), status: d.status() }));
      if (after.status !== 'diverged') expect(after.epoch, what).toBe(before + 1);

      const shown = await page.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.getState());
      const engine = (await debug(page, (d) => d.config())) as unknown as PlaygroundConfig;
      expect(sameConfig(engine, toConfig(shown)), `${what}\nengine ${JSON.stringify(engine)}\npage ${JSON.stringify(toConfig(shown))}`).toBe(true);
      if (shown.dataset === 'custom' && shown.points !== '') {
        expect(await debug(page, (d) => d.pointCount()), what).toBeGreaterThan(0);
      }
      // No error besides the notice, and the notice bounded.
      expect(pageErrors(page), what).toEqual([]);
      expect(await page.locator('.nnp-loading').count(), what).toBe(0);
      const lines = await page.$$eval('[data-testid=notice] li', (els) => els.map((e) => e.textContent ?? ''));
      expect(lines.length, what).toBeLessThanOrEqual(MAX_NOTICE_LINES);
      for (const l of lines) expect(l.length, what).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
    }
    console.log(`fuzz page: ${RUNS} cases in ${Date.now() - t0} ms, ${refusals} setState refusals`);
  });
});
