// The network panel: editing weights and biases, layers and neurons, and
// settings that must keep the trained network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, launch, openPlayground, pageErrors, reachEpoch, serveDist, settledEpoch, waitUntil, type Session } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let session: Session;
let page: Page;
beforeAll(async () => {
  server = await serveDist();
  session = await launch();
  page = await openPlayground(session.context, `${server.url}#dataset=circle&networkShape=3&epochsPerFrame=5`);
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

const predict = (x: number, y: number) =>
  page.evaluate(([a, b]) => (window as unknown as { nnp: { debug: { predict(x: number, y: number): Promise<number[]> } } }).nnp.debug.predict(a, b), [
    x,
    y,
  ] as const);

describe('the network panel', () => {
  it('hovering a link shows its weight; clicking lets the user type a new one', async () => {
    const before = await predict(1, 2);
    // the link from X1 to the first hidden neuron: its middle is halfway between the two nodes
    const from = (await page.locator('[data-feature=x1]').boundingBox())!;
    const to = (await page.locator('.nnp-node[data-map="2"]').boundingBox())!;
    const box = { x: (from.x + from.width + to.x) / 2, y: (from.y + from.height / 2 + to.y + to.height / 2) / 2, width: 0, height: 0 };
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await waitUntil(
      () => page.textContent('.nnp-tip'),
      (t) => (t ?? '').startsWith('Weight'),
      3000,
      'the weight tooltip',
    );
    expect(tip).toMatch(/^Weight to hidden layer 1, neuron 1 from input 1: .* click to change$/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('.nnp-editor', { state: 'visible' });
    await page.fill('.nnp-edit-input', '3.5');
    await page.press('.nnp-edit-input', 'Enter');
    await page.waitForSelector('.nnp-editor', { state: 'hidden' });
    // its tooltip says 3.5, and the prediction changed
    await page.mouse.move(0, 0);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await waitUntil(
      () => page.textContent('.nnp-tip'),
      (t) => (t ?? '').includes(': 3.5 '),
      3000,
      'the new weight in the tooltip',
    );
    expect(await predict(1, 2)).not.toEqual(before);
  });

  it('a bias is set the same way, also from the keyboard', async () => {
    const before = await predict(-1, 0.5);
    await page.focus('.nnp-bias >> nth=0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nnp-editor', { state: 'visible' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-2');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nnp-editor', { state: 'hidden' });
    expect(await predict(-1, 0.5)).not.toEqual(before);
    await page.hover('.nnp-bias >> nth=0');
    await waitUntil(
      () => page.textContent('.nnp-tip'),
      (t) => (t ?? '').includes(': -2 '),
      3000,
      'the new bias in the tooltip',
    );
  });

  it('a typed value that is not a number keeps the editor open and says why; the bias stays', async () => {
    const before = await predict(-1, 0.5);
    await page.focus('.nnp-bias >> nth=0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nnp-editor', { state: 'visible' });
    for (const [typed, why] of [
      ['abc', 'Type a number, such as 0.5 or -2'],
      ['', 'Type a number, such as 0.5 or -2'],
      ['1e400', '1e400 is too large to be a number'],
    ] as const) {
      await page.fill('.nnp-edit-input', '');
      if (typed) await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
      expect(await page.textContent('[data-testid=edit-problem]')).toBe(why);
      expect(await page.isVisible('.nnp-editor')).toBe(true);
      expect(await page.getAttribute('.nnp-edit-input', 'aria-invalid')).toBe('true');
      expect(await predict(-1, 0.5)).toEqual(before);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('.nnp-editor', { state: 'hidden' });
  });

  it('from the keyboard, Enter on a neuron edits any of its incoming weights', async () => {
    const before = await predict(2, -1);
    await page.focus('.nnp-node[data-map="2"]'); // first neuron of hidden layer 1
    await waitUntil(
      () => page.textContent('.nnp-output-caption'),
      (t) => (t ?? '').startsWith('Showing neuron 1'),
      3000,
      'focus to show the neuron',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nnp-editor', { state: 'visible' });
    const options = await page.$$eval('.nnp-edit-choice option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(['Weight from X₁', 'Weight from X₂', 'Bias']);
    await page.selectOption('.nnp-edit-choice', '1');
    await page.fill('.nnp-edit-input', '-3');
    await page.press('.nnp-edit-input', 'Enter');
    await page.waitForSelector('.nnp-editor', { state: 'hidden' });
    await waitUntil(
      () => predict(2, -1),
      (p) => p[0] !== before[0],
      3000,
      'the prediction to change',
    );
  });

  it('changing the learning rate keeps the trained network and its epoch', async () => {
    await page.click('[data-testid=play]');
    await reachEpoch(page, 30);
    await page.click('[data-testid=play]');
    const epoch = await settledEpoch(page);
    const p = await predict(0.5, 0.5);
    await page.selectOption('select[name=learningRate]', '0.1');
    await page.selectOption('select[name=batchSize]', '30');
    await page.selectOption('select[name=regularization]', 'l2');
    await debug(page, (d) => d.sync());
    expect(await debug(page, (d) => d.epoch())).toBe(epoch);
    expect(await predict(0.5, 0.5)).toEqual(p);
    // a new layer starts a new network
    await page.click('[aria-label="Add a hidden layer"]');
    await waitUntil(
      () => debug(page, (d) => d.epoch()),
      (e) => e === 0,
      3000,
      'a new network at epoch 0',
    );
    await waitUntil(
      () => page.$$eval('.nnp-layer-head .nnp-muted', (s) => s.map((x) => x.textContent)),
      (v) => JSON.stringify(v) === '["3","3"]',
      3000,
      'two layers of 3',
    );
  });

  it('neurons are added and removed per layer, and each layer can have its own activation', async () => {
    await page.click('[aria-label="Add a neuron to hidden layer 1"]');
    await page.click('[aria-label="Add a neuron to hidden layer 1"]');
    await page.click('[aria-label="Remove a neuron from hidden layer 2"]');
    await waitUntil(
      () => page.$$eval('.nnp-layer-head .nnp-muted', (s) => s.map((x) => x.textContent)),
      (v) => JSON.stringify(v) === '["5","2"]',
      3000,
      'layers 5 and 2',
    );
    // The diagram redraws when the engine has rebuilt the network, after the settings change.
    await waitUntil(
      () => page.locator('.nnp-node[data-map]').count(),
      (n) => n === 5 + 2 + 1,
      3000,
      '5 + 2 neurons and 1 output drawn',
    );
    expect(await page.locator('.nnp-feature').count()).toBe(9); // every feature, used or not
    await page.uncheck('[data-setting=activation] input[type=checkbox]');
    await page.selectOption('[aria-label="Activation of hidden layer 2"]', 'relu');
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h.includes('activation=tanh,relu'),
      3000,
      'per-layer activations in the URL',
    );
    await waitUntil(
      () => page.textContent('.nnp-activation select'),
      (t) => (t ?? '').includes('Layer 2: relu'),
      3000,
      'activation plot offers layer 2',
    );
    await page.check('[data-setting=activation] input[type=checkbox]');
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => /activation=tanh(&|$)/.test(h),
      3000,
      'one activation for all',
    );
    expect(pageErrors(page)).toEqual([]);
  });
});
