// Compare mode in the real page: two runs on the same data and starting
// weights, trained in lockstep (the same epoch whenever looked at), both
// curves on one chart, the differences named, the pair in one link, and the
// same in the library's mount() and the iframe embed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPageWatched, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();

interface Side {
  epoch: number;
  settings: Record<string, unknown>;
  history: Record<string, number[]>;
  differences: string[];
  layers: { weights: number[]; biases: number[] }[];
}
type Nnp = {
  debug: { epoch(): number; hash(): string; layers(): Side['layers']; history(): Side['history']; compare(): Side | null };
  pause(): void;
  play(): void;
  step(): Promise<void>;
  getState(): Record<string, unknown>;
};

// Both sides' epochs read in one go (nothing runs between the two reads).
const epochs = (page: Page) =>
  page.evaluate(() => {
    const d = (window as unknown as { nnp: Nnp }).nnp.debug;
    return [d.epoch(), d.compare()?.epoch ?? -1] as [number, number];
  });

const SPIRAL = '#dataset=spiral&noise=0&networkShape=8,8&activation=tanh&optimizer=sgd&learningRate=0.03&epochsPerFrame=100&seed=7';

describe('compare mode', () => {
  it('SGD and Adam on the spiral stay in lockstep for 500 epochs at the fastest speed, both curves on the chart', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}${SPIRAL}&compare=1&b.optimizer=adam`);
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    expect(await page.locator('[data-testid=compare-differences] li').allTextContents()).toEqual(['B: optimizer adam (A: sgd)']);
    const start = await page.evaluate(() => {
      const d = (window as unknown as { nnp: Nnp }).nnp.debug;
      return { a: d.layers(), b: d.compare()!.layers, bSettings: d.compare()!.settings };
    });
    expect(start.bSettings).toMatchObject({ optimizer: 'adam', dataset: 'spiral', seed: 7 });
    // The same starting weights (the shapes agree).
    expect(start.b).toEqual(start.a);

    // Sample both epochs while playing at the fastest speed.
    await page.evaluate(() => {
      const w = window as unknown as { nnp: Nnp; samples: [number, number][]; sampler: number };
      w.samples = [];
      w.sampler = setInterval(() => w.samples.push([w.nnp.debug.epoch(), w.nnp.debug.compare()?.epoch ?? -1]), 7) as unknown as number;
    });
    await page.click('[data-testid=play]');
    await waitUntil(
      () => epochs(page),
      ([a]) => a >= 500,
      90_000,
      '500 epochs',
    );
    await page.click('[data-testid=play]'); // pause
    await new Promise((r) => setTimeout(r, 300)); // an answer in flight lands
    const samples = await page.evaluate(() => {
      const w = window as unknown as { samples: [number, number][]; sampler: number };
      clearInterval(w.sampler);
      return w.samples;
    });
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter(([a, b]) => a !== b)).toEqual([]);
    expect(new Set(samples.map(([a]) => a)).size).toBeGreaterThan(3); // it did advance while sampled
    const [ea, eb] = await epochs(page);
    expect(ea).toBeGreaterThanOrEqual(500);
    expect(eb).toBe(ea);

    // Two runs, really different, each with its own rows.
    const runs = await page.evaluate(() => {
      const d = (window as unknown as { nnp: Nnp }).nnp.debug;
      return { a: d.history(), b: d.compare()!.history };
    });
    expect(runs.b.epoch).toEqual(runs.a.epoch);
    expect(runs.b['train_loss']?.at(-1)).not.toBe(runs.a['train_loss']?.at(-1));
    // One chart: A and B, training and test: four series with data.
    await waitUntil(
      () => page.getAttribute('[data-testid=loss-chart]', 'data-series'),
      (v) => v === '4',
      5000,
      'four loss series',
    );
    expect(await page.getAttribute('[data-testid=accuracy-chart]', 'data-series')).toBe('4');
    expect(await page.locator('[data-testid=loss-chart] .u-legend .u-series').count()).toBe(5); // the epoch and four

    // Stepped together.
    await page.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.step());
    expect(await epochs(page)).toEqual([ea + 1, ea + 1]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the pair is one link: it round-trips, and a change of B goes into it', async () => {
    const page = await openPlayground(
      env.session.context,
      `${env.server.url}#dataset=xor&networkShape=4&activation=sigmoid&compare=1&b.activation=relu&b.learningRate=0.1`,
    );
    await page.waitForSelector('[data-testid=compare-b]');
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('compare=1');
    expect(hash).toContain('b.activation=relu');
    expect(hash).toContain('b.learningRate=0.1');
    expect(hash).not.toContain('b.dataset');
    // B's control changes B only, and the link.
    await page.selectOption('[data-testid=compare-b] select[name=optimizer]', 'adam');
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h.includes('b.optimizer=adam'),
      5000,
      'b.optimizer in the link',
    );
    const before = await page.evaluate(() => {
      const n = (window as unknown as { nnp: Nnp }).nnp;
      return { a: n.getState(), b: n.debug.compare()!.settings, diffs: n.debug.compare()!.differences, hash: location.hash };
    });
    expect(before.a).toMatchObject({ optimizer: 'sgd', activation: ['sigmoid'] });
    expect(before.b).toMatchObject({ optimizer: 'adam', activation: ['relu'], learningRate: 0.1, dataset: 'xor' });
    expect(before.diffs).toEqual(expect.arrayContaining(['B: optimizer adam (A: sgd)', 'B: learning rate 0.1 (A: 0.03)']));

    const again = await openPlayground(env.session.context, `${env.server.url}${before.hash}`);
    await again.waitForSelector('[data-testid=compare-b]');
    const after = await again.evaluate(() => {
      const n = (window as unknown as { nnp: Nnp }).nnp;
      return { a: n.getState(), b: n.debug.compare()!.settings, hash: location.hash };
    });
    expect(after).toEqual({ a: before.a, b: before.b, hash: before.hash });
    // A change of A's data reaches B; both restart together.
    await again.click('[data-dataset=circle]');
    await waitUntil(
      () => again.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.debug.compare()!.settings.dataset),
      (d) => d === 'circle',
      5000,
      'B follows the data',
    );
    expect(await again.evaluate(() => location.hash)).toContain('b.optimizer=adam');
    // Stopping leaves A alone; a link asking for a comparison starts one again.
    await again.click('[data-testid=compare-stop]');
    expect(await again.locator('[data-testid=compare-b]').count()).toBe(0);
    const alone = await again.evaluate(() => ({ hash: location.hash, b: (window as unknown as { nnp: Nnp }).nnp.debug.compare() }));
    expect(alone.b).toBeNull();
    expect(alone.hash).not.toContain('compare');
    await again.evaluate((h) => (location.hash = `${h}&compare=1&b.batchSize=1`), alone.hash);
    await again.waitForSelector('[data-testid=compare-b]');
    await waitUntil(
      () => again.locator('[data-testid=compare-differences] li').allTextContents(),
      (t) => t.join() === 'B: batch size 1 (A: 10)',
      5000,
      'the new comparison',
    );
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(again)).toEqual([]);
    await page.close();
    await again.close();
  });

  it('embeds: the iframe page from its hash and the library from its compare option', async () => {
    const frame = await newPageWatched(env.session.context);
    await frame.goto(`${env.server.url}embed.html#dataset=xor&networkShape=3&panels=run,output,charts&compare=1&b.optimizer=adam`);
    await frame.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    expect(await frame.locator('[data-testid=compare-differences] li').allTextContents()).toEqual(['B: optimizer adam (A: sgd)']);
    expect(await frame.locator('[data-testid=compare-b] .nnp-network').isVisible()).toBe(false); // the embedder left the network out
    for (let i = 0; i < 3; i++) await frame.click('[data-testid=step]');
    await waitUntil(
      () => frame.getAttribute('[data-testid=loss-chart]', 'data-series'),
      (v) => v === '4',
      5000,
      'four series in the embed',
    );

    const lib = await newPageWatched(env.session.context);
    await lib.goto(`${env.server.url}embed.html`);
    // The library as a course page loads it: a module script (evaluate would rewrite import()).
    await lib.addScriptTag({
      type: 'module',
      content: `
        import { mount } from '${env.server.url}nn-playground.js';
        const box = document.createElement('div');
        document.body.replaceChildren(box);
        const pg = mount(box, { settings: { dataset: 'gauss', networkShape: [3] }, compare: { learningRate: 0.3 }, panels: ['run', 'output'] });
        await pg.ready;
        await pg.step();
        await pg.step();
        const c = pg.debug.compare();
        window.libResult = { a: pg.debug.epoch(), b: c.epoch, diffs: c.differences, hash: pg.debug.hash(), views: pg.element.shadowRoot.querySelectorAll('[data-testid=compare-b] .nnp-output-canvas').length };
      `,
    });
    await lib.waitForFunction(() => (window as unknown as { libResult?: unknown }).libResult !== undefined, undefined, { timeout: 20_000 });
    const got = await lib.evaluate(
      () => (window as unknown as { libResult: { a: number; b: number; diffs: string[]; hash: string; views: number } }).libResult,
    );
    expect(got).toMatchObject({ a: 2, b: 2, diffs: ['B: learning rate 0.3 (A: 0.03)'], views: 1 });
    expect(got.hash).toContain('compare=1&b.learningRate=0.3');
    expect(pageErrors(frame)).toEqual([]);
    await frame.close();
    await lib.close();
  });

  it('a lesson opens as a comparison; hovering a neuron or a point marks it on both sides', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}?lesson=learning-rate`);
    await page.click('[data-testid=lesson-compare]');
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    await waitUntil(
      () => page.locator('[data-testid=compare-differences] li').allTextContents(),
      (t) => t.join() === 'B: learning rate 0.0003 (A: 0.03)',
      5000,
      'the lesson’s difference',
    );
    const link = await page.evaluate(() => location.hash);
    expect(link).toContain('lesson=learning-rate');
    expect(link).toContain('compare=1&b.learningRate=0.0003');
    const start = await page.evaluate(() => {
      const d = (window as unknown as { nnp: Nnp }).nnp.debug;
      return { a: d.layers(), b: d.compare()!.layers, epochs: [d.epoch(), d.compare()!.epoch] };
    });
    expect(start.b).toEqual(start.a);
    expect(start.epochs).toEqual([0, 0]);

    // A neuron of A's diagram: the same neuron is outlined in both diagrams.
    await page.hover('.nnp-grid .nnp-node[data-stage="1"][data-index="0"]');
    await waitUntil(
      () => page.locator('.nnp-node.nnp-linked[data-stage="1"][data-index="0"]').count(),
      (n) => n === 2,
      5000,
      'both neurons marked',
    );
    expect(await page.locator('[data-testid=compare-b] .nnp-node.nnp-linked').count()).toBe(1);
    // A point of B's plane: both maps draw the ring there (the pixels change on both).
    const ring = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid=output-canvas]')).map((c) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let dark = 0;
          for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - 0x15) + Math.abs(d[i + 1]! - 0x32) + Math.abs(d[i + 2]! - 0x4d) < 12) dark++;
          return dark;
        }),
      );
    expect(await ring()).toEqual([0, 0]);
    await page.locator('[data-testid=compare-b] [data-testid=output-canvas]').hover();
    await waitUntil(ring, (r) => r.length === 2 && r.every((n) => n > 10), 5000, 'the ring on both maps');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
