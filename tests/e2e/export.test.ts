// Saving and loading in the real page: the model as JSON (and back into a
// fresh page, with the same predictions), a bad model file, the decision map
// as PNG, the loss history as CSV and the network as PyTorch code.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pyFloat } from '../../web/src/courses/pytorch';
import { HISTORY_HEADER } from '../../web/src/components/history-csv';
import { debug, downloadOf, openPlayground, outDir, pageErrors, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser();

const SAMPLES: [number, number][] = [
  [0, 0],
  [1.5, -2],
  [-3, 2.5],
  [4, 4],
  [-5, -1],
  [2.2, 0.7],
];

async function predictions(page: Page): Promise<number[][]> {
  return page.evaluate(async (pts) => {
    const d = (window as unknown as { nnp: { debug: { predict(x: number, y: number): Promise<number[]> } } }).nnp.debug;
    const out: number[][] = [];
    for (const [x, y] of pts) out.push(await d.predict(x, y));
    return out;
  }, SAMPLES);
}

async function menuItem(page: Page, testid: string): Promise<void> {
  await page.click('[data-testid=files-menu-button]');
  await page.click(`[data-testid=${testid}]`);
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.setInputFiles('[data-testid=model-file]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('save and load', () => {
  let page: Page;
  let modelText = '';

  it('a saved model loads into a fresh page with the same predictions, settings and history', async () => {
    page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&networkShape=5,3&activation=relu&learningRate=0.1&seed=9&noise=10`);
    await trainEpochs(page, 12);
    const file = await downloadOf(page, () => menuItem(page, 'save-model'));
    expect(file.name).toBe('nn-playground-xor-epoch12.json');
    modelText = file.data.toString('utf8');
    const model = JSON.parse(modelText) as {
      format: string;
      schema: number;
      epoch: number;
      layers: { weights: number[][] }[];
      history: Record<string, unknown[]>;
    };
    expect(model.format).toBe('nn-playground-model');
    expect(model.epoch).toBe(12);
    expect(model.schema).toBe(3); // a checkpoint: the optimizer's state and the position in the epoch
    // every history column by name, from epoch 0: the initial loss
    expect(model.history.epoch).toEqual(Array.from({ length: 13 }, (_, e) => e));
    expect(model.history.grad_rms_0).toHaveLength(13);
    expect(model.history.grad_rms_0![0]).toBeNull(); // no step before epoch 0: no gradient (NaN, null in JSON)
    expect(model.layers.map((l) => l.weights.length)).toEqual([5, 3, 1]);
    expect(await page.textContent('[data-testid=files-status]')).toContain(file.name);
    const want = await predictions(page);
    const hash = await page.evaluate(() => location.hash);

    const fresh = await openPlayground(env.session.context, env.server.url);
    expect(await predictions(fresh)).not.toEqual(want);
    // through the menu, as a user does: the item opens the browser's file chooser
    await fresh.click('[data-testid=files-menu-button]');
    const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.click('[data-testid=load-model]')]);
    await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(modelText) });
    await waitUntil(
      () => debug(fresh, (d) => d.epoch()),
      (e) => e === 12,
      10_000,
      'the model loaded',
    );
    const got = await predictions(fresh);
    got.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(want[i]![k]!, 13)));
    expect(await fresh.evaluate(() => location.hash)).toBe(hash); // the settings follow the model
    expect((await debug(fresh, (d) => d.history())).epoch).toEqual(model.history.epoch);
    expect(await fresh.textContent('[data-testid=files-status]')).toContain(`Loaded ${file.name}`);
    expect(await fresh.isVisible('[data-testid=notice]')).toBe(false);
    // and it trains on from there, exactly as the page that saved it
    await trainEpochs(fresh, 1);
    expect(await debug(fresh, (d) => d.epoch())).toBe(13);
    await trainEpochs(page, 1);
    expect(await predictions(fresh)).toEqual(await predictions(page));
    expect(pageErrors(fresh)).toEqual([]);
    await fresh.close();
  });

  it('a bad model file shows the engine’s message naming the field, and nothing is lost', async () => {
    const before = await predictions(page);
    const epoch = await debug(page, (d) => d.epoch());
    const hash = await page.evaluate(() => location.hash);
    const bad = JSON.parse(modelText) as { config: { hidden: { activation: string }[] } };
    bad.config.hidden[1]!.activation = 'wobbly';
    await upload(page, 'bad.json', JSON.stringify(bad));
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    const text = (await page.textContent('[data-testid=notice]')) ?? '';
    expect(text).toContain('Nothing was loaded from bad.json');
    expect(text).toContain('hidden[1].activation');
    expect(text).toContain('wobbly');
    expect(await predictions(page)).toEqual(before);
    expect(await debug(page, (d) => d.epoch())).toBe(epoch);
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    // wrong-sized weights
    const wrong = JSON.parse(modelText) as { layers: { weights: number[][] }[] };
    wrong.layers[0]!.weights.pop();
    await upload(page, 'short.json', JSON.stringify(wrong));
    await waitUntil(
      () => page.textContent('[data-testid=notice]'),
      (t) => (t ?? '').includes('short.json'),
      5000,
      'second notice',
    );
    expect(await page.textContent('[data-testid=notice]')).toMatch(/layers\[0\]/);
    // not JSON at all
    await upload(page, 'notes.txt', 'this is not a model');
    await waitUntil(
      () => page.textContent('[data-testid=notice]'),
      (t) => (t ?? '').includes('notes.txt'),
      5000,
      'third notice',
    );
    expect(await predictions(page)).toEqual(before);
    // the page still trains
    await trainEpochs(page, 2);
    expect(await debug(page, (d) => d.epoch())).toBe(epoch + 2);
    expect(pageErrors(page)).toEqual([]);
  });

  it('the PyTorch download runs as it is, with the trained weights and the page’s losses', async () => {
    const file = await downloadOf(page, () => menuItem(page, 'save-pytorch'));
    expect(file.name).toMatch(/^nn_playground_xor_epoch\d+\.py$/);
    const code = file.data.toString('utf8');
    // Debian's python3 with python3-torch (scripts/lib.sh): the script evaluates the exported
    // weights on the page's own train/test split, so its losses are the page's.
    const out = execFileSync('/usr/bin/python3', ['-', '3'], { input: code, encoding: 'utf8' });
    const h = await debug(page, (d) => d.history()); // the page is paused after an epoch: its last losses are the weights'
    const fmt = (v: number | undefined) => (v ?? NaN).toFixed(6);
    expect(out).toContain(`exported weights: train loss ${fmt(h['train_loss']?.at(-1))}`);
    expect(out).toContain(`test loss ${fmt(h['test_loss']?.at(-1))}`);
    expect(out).toMatch(/step 3: train loss/);
    const layers = await debug(page, (d) => d.layers());
    expect(layers.length).toBe(3);
    for (const l of layers) {
      for (const w of l.weights) expect(code).toContain(pyFloat(w));
      for (const b of l.biases) expect(code).toContain(pyFloat(b));
    }
    expect(code).toContain('import torch');
  });

  it('the decision map downloads as a PNG of the output canvas’s size', async () => {
    const file = await downloadOf(page, () => menuItem(page, 'save-png'));
    expect(file.name).toMatch(/^nn-playground-xor-epoch\d+\.png$/);
    const png = file.data;
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const size = await page.$eval('[data-testid=output-canvas]', (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size);
    expect(size[0]).toBeGreaterThan(200);
    expect(png.subarray(png.length - 8, png.length - 4).toString('ascii')).toBe('IEND');
  });

  it('the loss history downloads as CSV with one row per epoch', async () => {
    const epochs = await debug(page, (d) => d.epoch());
    const file = await downloadOf(page, () => menuItem(page, 'save-csv'));
    expect(file.name).toBe('nn-playground-xor-history.csv');
    const lines = file.data.toString('utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(lines[0]!.startsWith(`${HISTORY_HEADER},grad_rms_0,`)).toBe(true);
    expect(lines.length - 1).toBe(epochs + 1); // epochs 0 to the last
    const history = await debug(page, (d) => d.history());
    expect(header).toEqual(Object.keys(history));
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(cells.length).toBe(header.length);
      expect(Number(cells[0])).toBe(i);
      header.forEach((name, c) => {
        const v = history[name]![i]!;
        expect(cells[c] === '' ? NaN : Number(cells[c])).toBe(v);
      });
    });
    // the last row is the current state's loss
    expect(Number(lines[lines.length - 1]!.split(',')[1])).toBeGreaterThan(0);
    await page.click('[data-testid=files-menu-button]');
    await page.screenshot({ path: `${outDir()}/files-menu-1280.png` });
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('[data-testid=files-menu]', 'open')).toBeNull();
    await page.close();
  });
});
