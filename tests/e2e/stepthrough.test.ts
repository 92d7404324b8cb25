// Step-through in the real page: the numbers on the page are the engine's
// trace of the chosen point, step by step (forward, loss, backward), one of
// them checked by hand; Apply update moves every weight by −η ∂L/∂w.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS } from '../../web/src/lessons/builtin';
import { debug, launch, type LayersJson, openPlayground, outDir, pageErrors, type TraceJson, useBrowser, waitUntil } from './harness';

const env = useBrowser();

type Point = { x: number; y: number; label: number; index: number };

async function chosenPoint(page: Page): Promise<Point> {
  const el = await page.waitForSelector('[data-testid=st-point][data-x]');
  const get = async (k: string) => Number(await el.getAttribute(`data-${k}`));
  return { x: await get('x'), y: await get('y'), label: await get('label'), index: await get('index') };
}

async function traceOf(page: Page, p: Point): Promise<{ trace: TraceJson; layers: LayersJson }> {
  return page.evaluate(
    ([x, y, label]) =>
      (window as unknown as { nnp: { debug: { trace(x: number, y: number, l: number): Promise<{ trace: TraceJson; layers: LayersJson }> } } }).nnp.debug.trace(
        x!,
        y!,
        label!,
      ),
    [p.x, p.y, p.label],
  );
}

// Every number the panel and the diagram show now: key -> exact value.
async function shown(page: Page, scope: string): Promise<Map<string, number>> {
  const pairs = await page.$$eval(`${scope} [data-st]`, (els) => els.map((e) => [e.getAttribute('data-st')!, Number(e.getAttribute('data-value'))] as const));
  return new Map(pairs);
}

async function title(page: Page): Promise<string> {
  return (await page.textContent('[data-testid=st-title]')) ?? '';
}

// What each step must show, from the engine's trace.
function expected(t: TraceJson, step: number): { title: RegExp; values: [string, number][] } {
  const L = t.layers.length;
  if (step === 0) return { title: /^Input$/, values: t.input.map((v, j) => [`x:${j}`, v]) };
  if (step <= L) {
    const l = step - 1;
    const layer = t.layers[l]!;
    return {
      title: /^Forward: /,
      values: [...layer.z.map((v, i): [string, number] => [`z:${l}:${i}`, v]), ...layer.a.map((v, i): [string, number] => [`a:${l}:${i}`, v])],
    };
  }
  if (step === L + 1)
    return {
      title: /^Loss$/,
      values: [['loss', t.loss], ...t.output.map((v, i): [string, number] => [`out:${i}`, v]), ...t.target.map((v, i): [string, number] => [`y:${i}`, v])],
    };
  const l = L - 1 - (step - L - 2);
  const layer = t.layers[l]!;
  return {
    title: /^Backward: /,
    values: [
      ...layer.delta.map((v, i): [string, number] => [`d:${l}:${i}`, v]),
      ...layer.db.map((v, i): [string, number] => [`db:${l}:${i}`, v]),
      ...layer.dW.map((v, k): [string, number] => [
        `dW:${l}:${Math.floor(k / (layer.dW.length / layer.delta.length))}:${k % (layer.dW.length / layer.delta.length)}`,
        v,
      ]),
    ],
  };
}

describe('step-through', () => {
  let page: Page;

  it('walks one random training point forward, to the loss and back, with the engine’s numbers', async () => {
    page = await openPlayground(env.session.context, `${env.server.url}#dataset=gauss&networkShape=3,2&activation=tanh&seed=4`);
    await page.click('[data-testid=stepthrough-toggle]');
    await page.waitForSelector('[data-testid=stepthrough-toggle][aria-pressed=true]'); // once its code is here
    await page.click('[data-testid=st-random]');
    const p = await chosenPoint(page);
    const pts = await debug(page, (d) => d.points());
    expect(pts.x[p.index]).toBe(p.x);
    expect(pts.y[p.index]).toBe(p.y);
    expect(pts.test[p.index]).toBe(0); // a training point
    const { trace: t, layers } = await traceOf(page, p);
    expect(t.layers.length).toBe(3);

    // By hand: z of the first hidden neuron is w · x + b with the weights from layers().
    const w = layers[0]!;
    expect(w.cols).toBe(2);
    const z00 = w.weights[0]! * p.x + w.weights[1]! * p.y + w.biases[0]!;
    expect(t.layers[0]!.z[0]).toBeCloseTo(z00, 12);
    expect(t.input).toEqual([p.x, p.y]);

    const steps = 2 * t.layers.length + 2;
    for (let step = 0; step < steps; step++) {
      const want = expected(t, step);
      await waitUntil(
        () => title(page),
        (s) => want.title.test(s),
        5000,
        `step ${step} title`,
      );
      const panel = await shown(page, '[data-testid=stepthrough]');
      for (const [key, value] of want.values) expect(panel.get(key), `panel ${key} at step ${step}`).toBe(value);
      // the same numbers beside the neurons on the diagram (δ, z, a, x, y)
      const notes = await shown(page, '[data-testid=neuron-notes]');
      expect(notes.size).toBeGreaterThan(0);
      for (const [key, value] of notes) {
        const direct = want.values.find(([k]) => k === key);
        if (direct) expect(value, `diagram ${key}`).toBe(direct[1]);
      }
      if (step === 1) expect(notes.get('z:0:0')).toBeCloseTo(z00, 12);
      // one step per click, or per → key
      if (step % 2 === 0) await page.click('[data-testid=st-next]');
      else {
        await page.focus('[data-testid=st-next]');
        await page.keyboard.press('ArrowRight');
      }
    }
    expect(await page.getAttribute('[data-testid=st-next]', 'aria-disabled')).toBe('true'); // the last step
    await page.screenshot({ path: `${outDir()}/stepthrough-backward-1280.png` });
    // ← goes back
    await page.keyboard.press('ArrowLeft');
    await waitUntil(
      () => title(page),
      (s) => s.startsWith('Backward: hidden layer 2'),
      5000,
      'one step back',
    );
    expect(pageErrors(page)).toEqual([]);
  });

  it('Apply update changes every weight by −η ∂L/∂w and shows before → after', async () => {
    const p = await chosenPoint(page);
    const { trace: t, layers: before } = await traceOf(page, p);
    const rate = (await debug(page, (d) => d.config())).optimizer.learning_rate;
    expect(rate).toBe(0.03);
    await page.click('[data-testid=st-apply]');
    await waitUntil(
      () => title(page),
      (s) => s === 'Update applied',
      5000,
      'update applied',
    );
    const after = await debug(page, (d) => d.layers());
    const panel = await shown(page, '[data-testid=stepthrough]');
    let changed = 0;
    before.forEach((b, l) => {
      const a = after[l]!;
      b.weights.forEach((w0, k) => {
        const i = Math.floor(k / b.cols);
        const j = k % b.cols;
        const g = t.layers[l]!.dW[k]!;
        expect(a.weights[k]! - w0).toBeCloseTo(-rate * g, 14);
        if (a.weights[k] !== w0) changed++;
        expect(panel.get(`w0:${l}:${i}:${j}`)).toBe(w0);
        expect(panel.get(`gw:${l}:${i}:${j}`)).toBe(g);
        expect(panel.get(`w1:${l}:${i}:${j}`)).toBe(a.weights[k]);
      });
      b.biases.forEach((b0, i) => {
        expect(a.biases[i]! - b0).toBeCloseTo(-rate * t.layers[l]!.db[i]!, 14);
        expect(panel.get(`b0:${l}:${i}`)).toBe(b0);
        expect(panel.get(`b1:${l}:${i}`)).toBe(a.biases[i]);
      });
    });
    expect(changed).toBeGreaterThan(0);
    // the loss on the point, before and after, from the engine
    const now = await traceOf(page, p);
    expect(panel.get('loss-before')).toBe(t.loss);
    expect(panel.get('loss-after')).toBe(now.trace.loss);
    expect(now.trace.loss).toBeLessThan(t.loss);
    // the epoch does not move: one sample is not an epoch
    expect(await debug(page, (d) => d.epoch())).toBe(0);
    await page.screenshot({ path: `${outDir()}/stepthrough-update-1280.png` });
    // Next starts the walk again with the updated network
    await page.click('[data-testid=st-next]');
    await waitUntil(
      () => title(page),
      (s) => s === 'Input',
      5000,
      'back to the input',
    );
  });

  it('clicking a training point on the output map picks it', async () => {
    const pts = await debug(page, (d) => d.points());
    // a training point far from the others' pixels is easy to hit: take the first one
    const i = pts.test.findIndex((t) => t === 0);
    const box = (await page.$('[data-testid=output-canvas]'))!;
    await box.scrollIntoViewIfNeeded();
    const rect = (await box.boundingBox())!;
    const size = rect.width - 26 - 6;
    const px = rect.x + 26 + ((pts.x[i]! + 6) / 12) * size;
    const py = rect.y + 6 + ((6 - pts.y[i]!) / 12) * size;
    const countBefore = await debug(page, (d) => d.pointCount());
    await page.mouse.click(px, py);
    const p = await waitUntil(
      () => chosenPoint(page),
      (q) => Math.hypot(((q.x - pts.x[i]!) / 12) * size, ((q.y - pts.y[i]!) / 12) * size) < 12,
      5000,
      'the clicked point chosen',
    );
    expect(pts.test[p.index]).toBe(0);
    expect(await debug(page, (d) => d.pointCount())).toBe(countBefore); // no point was added
    const { trace: t } = await traceOf(page, p);
    const panel = await shown(page, '[data-testid=stepthrough]');
    expect(panel.get('x:0')).toBe(t.input[0]);
    expect(panel.get('x:1')).toBe(t.input[1]);
    // closing the step-through: clicks add points again
    await page.click('[data-testid=stepthrough-toggle]');
    expect(await page.isVisible('[data-testid=stepthrough]')).toBe(false);
    expect(await page.$$eval('[data-testid=neuron-notes] *', (e) => e.length)).toBe(0);
    await box.scrollIntoViewIfNeeded();
    const r2 = (await box.boundingBox())!;
    await page.mouse.click(r2.x + 26 + size * 0.02, r2.y + 6 + size * 0.02);
    await waitUntil(
      () => debug(page, (d) => d.pointCount()),
      (n) => n === countBefore + 1,
      5000,
      'a point added',
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('steps through every lesson’s preset (no hidden layer, softmax, regression) with the engine’s numbers', async () => {
    const p = await openPlayground(env.session.context, `${env.server.url}#lesson=perceptron`);
    await p.click('[data-testid=stepthrough-toggle]');
    for (const lesson of LESSONS) {
      for (const variant of lesson.variants) {
        await p.click('[data-testid=lessons-menu-button]');
        await p.click(`[data-lesson=${lesson.id}]`);
        await p.click(`[data-testid=lesson-variants] [data-variant=${variant.id}]`);
        await waitUntil(
          () => p.getAttribute(`[data-variant=${variant.id}]`, 'aria-pressed'),
          (v) => v === 'true',
          5000,
          `${variant.id} loaded`,
        );
        await waitUntil(
          () => debug(p, (d) => d.config()),
          (c) => c.dataset === variant.config.dataset && c.hidden.length === variant.config.hidden.length,
          5000,
          'config',
        );
        await waitUntil(
          () => p.textContent('[data-testid=st-point]'),
          (t) => t === 'No point chosen yet.',
          5000,
          'the old point dropped with its data',
        );
        await p.click('[data-testid=st-random]');
        const pt = await chosenPoint(p);
        const data = await debug(p, (d) => d.points());
        expect(data.x[pt.index]).toBe(pt.x);
        expect(data.y[pt.index]).toBe(pt.y);
        await waitUntil(
          () => title(p),
          (s) => s === 'Input',
          5000,
          'input step',
        );
        const { trace: t } = await traceOf(p, pt);
        for (let step = 0; step < 2 * t.layers.length + 2; step++) {
          const want = expected(t, step);
          await waitUntil(
            () => title(p),
            (s) => want.title.test(s),
            5000,
            `${lesson.id}/${variant.id} step ${step}`,
          );
          const panel = await shown(p, '[data-testid=stepthrough]');
          for (const [key, value] of want.values) expect(panel.get(key), `${lesson.id}/${variant.id} ${key}`).toBe(value);
          if (step < 2 * t.layers.length + 1) await p.click('[data-testid=st-next]');
        }
        await p.click('[data-testid=st-apply]');
        await waitUntil(
          () => title(p),
          (s) => s === 'Update applied',
          5000,
          `${lesson.id}/${variant.id} update`,
        );
      }
    }
    expect(pageErrors(p)).toEqual([]);
    await p.close();
  });

  it('works from the keyboard alone and on a phone-sized screen', async () => {
    const phone = await launch({ width: 390, height: 844 }, true);
    try {
      const p = await openPlayground(phone.context, `${env.server.url}#dataset=xor&networkShape=2&seed=2`);
      await p.focus('[data-testid=stepthrough-toggle]');
      await p.keyboard.press('Enter');
      await p.waitForSelector('[data-testid=stepthrough]', { state: 'visible' });
      await p.focus('[data-testid=st-random]');
      await p.keyboard.press('Enter');
      await chosenPoint(p);
      await p.focus('[data-testid=st-next]');
      for (let k = 0; k < 3; k++) await p.keyboard.press('Enter');
      await waitUntil(
        () => title(p),
        (s) => s === 'Loss',
        5000,
        'the loss step',
      );
      await p.focus('[data-testid=st-apply]');
      await p.keyboard.press('Enter');
      await waitUntil(
        () => title(p),
        (s) => s === 'Update applied',
        5000,
        'update applied',
      );
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await p.evaluate(() => document.querySelector('.nnp-network')!.scrollIntoView());
      await p.screenshot({ path: `${outDir()}/stepthrough-390.png` });
      await p.keyboard.press('Escape');
      await waitUntil(
        () => p.isVisible('[data-testid=stepthrough]'),
        (v) => !v,
        5000,
        'closed with Escape',
      );
    } finally {
      await phone.close();
    }
  });
});
