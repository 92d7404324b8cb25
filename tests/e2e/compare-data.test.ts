// Compare mode keeps A's invariants on both sides: B trains on A's very
// points and split (a replayed TensorFlow Playground seed, imported points),
// a model file loaded while comparing applies to A and restarts B from its
// weights at its epoch, a bad side-B value is a notice and never stops the
// page, and B's values get the notices A's would.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, downloadOf, openPlayground, pageErrors, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser();

const noticeText = async (page: Page) => ((await page.isVisible('[data-testid=notice]')) ? ((await page.textContent('[data-testid=notice]')) ?? '') : '');
const sides = (page: Page) =>
  debug(page, (d) => {
    const b = d.compare();
    return {
      a: { epoch: d.epoch(), points: d.points(), layers: d.layers(), history: d.history() },
      b: b && { epoch: b.epoch, points: b.points, layers: b.layers, history: b.history, settings: b.settings },
    };
  });

async function menuItem(page: Page, testid: string): Promise<void> {
  await page.click('[data-testid=files-menu-button]');
  await page.click(`[data-testid=${testid}]`);
}

describe('compare mode on A’s data', () => {
  it('a TensorFlow Playground seed: B trains on A’s replayed points and split, and the notice says B is not replayed', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#seed=0.12345&dataset=xor&compare=1&b.optimizer=adam`);
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    const s = await sides(page);
    expect(s.b).not.toBeNull();
    expect(s.a.points.x.length).toBe(500);
    expect(s.b!.points).toEqual(s.a.points);
    const text = await noticeText(page);
    expect(text).toContain('TensorFlow Playground link: seed 0.12345 is replayed exactly');
    expect(text).toContain('B: not replayed exactly (TensorFlow Playground trains with plain SGD), so B trains on A’s points as its own');
    expect(text).not.toContain('B: TensorFlow Playground link');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('imported points: the link keeps every double and the split, and B has A’s points exactly', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&seed=3`);
    const rows = ['x,y,label', '0.1,0.2,1', '-0.3,0.7,0', '1.1,-2.2,1', '2.5,0.1,0', '-1.7,-0.9,1', '0.35,1.45,0', '3.3,3.3,1', '-2.6,1.2,0'];
    await page.setInputFiles('.nnp-data input[type=file]', { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await waitUntil(
      () => page.textContent('[data-testid=csv-status]'),
      (t) => (t ?? '').includes('Loaded 8 points'),
      10_000,
      'the CSV',
    );
    expect((await debug(page, (d) => d.points())).x.slice(0, 2)).toEqual([0.1, -0.3]);
    // A point added by hand joins the training set; the link keeps that too
    // (the share alone would split the nine points anew).
    // (-4.5, -4.5) in the plane: a corner far from every loaded point.
    const box = (await page.locator('[data-testid=output-canvas]').boundingBox())!;
    const size = box.width - 26 - 6;
    await page.mouse.click(box.x + 26 + (1.5 / 12) * size, box.y + 6 + (10.5 / 12) * size);
    await waitUntil(
      () => debug(page, (d) => d.pointCount()),
      (n) => n === 9,
      10_000,
      'the added point',
    );
    const a = await debug(page, (d) => d.points());
    expect(a.test[8]).toBe(0);
    const hash = await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h.includes('points=f64.'),
      5000,
      'the points in the link',
    );
    const again = await openPlayground(env.session.context, `${env.server.url}${hash}`);
    expect(await debug(again, (d) => d.points())).toEqual(a);
    expect(await debug(again, (d) => d.config()?.dataset)).toBe('custom');
    const pair = await openPlayground(env.session.context, `${env.server.url}${hash}&compare=1&b.learningRate=0.3`);
    await pair.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    const s = await sides(pair);
    expect(s.a.points).toEqual(a);
    expect(s.b!.points).toEqual(a);
    for (const p of [page, again, pair]) await p.close();
  });

  it('a model file loaded while comparing: A takes it, B restarts from its weights at its epoch, and both go on in lockstep', async () => {
    const solo = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=4&seed=5`);
    await trainEpochs(solo, 5);
    const file = await downloadOf(solo, () => menuItem(solo, 'save-model'));
    const saved = { layers: await debug(solo, (d) => d.layers()), history: await debug(solo, (d) => d.history()) };
    await solo.close();

    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=4&seed=5&compare=1&b.optimizer=adam`);
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    await page.setInputFiles('[data-testid=model-file]', { name: 'five.json', mimeType: 'application/json', buffer: file.data });
    await waitUntil(
      () => page.textContent('[data-testid=files-status]'),
      (t) => (t ?? '').includes('Loaded five.json (epoch 5)'),
      20_000,
      'the load',
    );
    const s = await waitUntil(
      () => sides(page),
      (v) => v.a.epoch === 5 && v.b?.epoch === 5,
      10_000,
      'both sides at epoch 5',
    );
    expect(s.a.layers).toEqual(saved.layers);
    expect(s.a.history).toEqual(saved.history);
    expect(s.b!.layers).toEqual(saved.layers); // B starts from A's weights
    expect(s.b!.history.epoch).toEqual(saved.history.epoch);
    expect(s.b!.settings.optimizer).toBe('adam'); // and keeps its own settings
    await page.evaluate(() => (window as unknown as { nnp: { step(): Promise<void> } }).nnp.step());
    const after = await sides(page);
    expect([after.a.epoch, after.b!.epoch]).toEqual([6, 6]);
    expect(after.b!.layers).not.toEqual(after.a.layers); // adam and sgd took different steps
    expect(pageErrors(page)).toEqual([]);

    // A network of B's own cannot take A's weights: B is trained afresh to A's epoch.
    const wide = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=4&seed=5&compare=1&b.networkShape=6`);
    await wide.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    await wide.setInputFiles('[data-testid=model-file]', { name: 'five.json', mimeType: 'application/json', buffer: file.data });
    // The toolbar says "Loaded" once both sides have taken the file (B retrained to A's epoch).
    await waitUntil(
      () => wide.textContent('[data-testid=files-status]'),
      (t) => (t ?? '').includes('Loaded five.json (epoch 5)'),
      20_000,
      'the load',
    );
    const w = await waitUntil(
      () => sides(wide),
      (v) => v.a.epoch === 5 && v.b?.epoch === 5,
      20_000,
      'both sides at epoch 5',
    );
    expect(w.a.layers).toEqual(saved.layers);
    expect(w.b!.layers[0]!.weights.length).toBe(6 * 2);
    await page.close();
    await wide.close();
  });

  it('a bad side-B value is a notice and the page starts, with B running', async () => {
    for (const bad of ['constructor', '__proto__', 'toString']) {
      const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&compare=1&b.regularization=${bad}`);
      await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
      expect(await noticeText(page)).toContain(`B: regularization=${bad}: not a valid regularization`);
      await trainEpochs(page, 2);
      expect((await sides(page)).b!.epoch).toBe(2);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }
  });

  it('B’s output that does not fit gets the notice A’s would', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&compare=1&b.output=perceptron`);
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    expect(await noticeText(page)).toContain('B: output=perceptron: the perceptron is a single neuron, so it takes no hidden layers; tanh_mse is used instead');
    expect((await sides(page)).b!.settings.output).toBe('tanh_mse');
    await page.close();
  });
});
