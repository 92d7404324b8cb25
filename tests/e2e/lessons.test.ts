// The lessons in the real page: every lesson URL loads with its text and its
// configuration in the engine, the presets' buttons, round trips of lesson
// URLs, and the outcomes the lessons promise where a test can see them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS } from '../../web/src/lessons/builtin';
import type { Lesson, LessonVariant } from '../../web/src/lessons/format';
import { lessonById } from '../../web/src/lessons/registry';
import type { PlaygroundConfig } from '../../web/src/engine/types';
import { sameConfig } from '../../web/src/settings/lesson';
import { ENGINE } from '../../web/src/engine/description.generated';
import { debug, launch, newPageWatched, openPlayground, outDir, pageErrors, statValue, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser();

const engineConfig = (page: Page) => debug(page, (d) => d.config()) as unknown as Promise<PlaygroundConfig>;
const state = (page: Page) => page.evaluate(() => (window as unknown as { nnp: { getState(): Record<string, unknown> } }).nnp.getState());

async function expectLessonShown(page: Page, lesson: Lesson, variant: LessonVariant): Promise<void> {
  // the card follows on the next frame after the engine's answer
  await waitUntil(
    () =>
      page.evaluate(() => [
        document.querySelector('[data-testid=lesson-title]')?.textContent,
        document.querySelector('[data-testid=lesson-variants] [aria-pressed=true]')?.getAttribute('data-variant'),
      ]),
    ([t, v]) => t === lesson.title && v === variant.id,
    5000,
    `lesson ${lesson.id}/${variant.id} shown`,
  );
  expect(await page.isVisible('[data-testid=lesson]')).toBe(true);
  expect(await page.textContent('[data-testid=lesson-title]')).toBe(lesson.title);
  expect(await page.textContent('[data-testid=lesson-summary]')).toBe(lesson.summary);
  expect(await page.textContent('[data-testid=lesson-expect]')).toBe(lesson.expect);
  const tries = await page.$$eval('[data-testid=lesson-try] li', (els) => els.map((e) => e.textContent));
  expect(tries).toEqual(lesson.tryThis);
  const buttons = await page.$$eval('[data-testid=lesson-variants] button', (els) =>
    els.map((e) => [e.getAttribute('data-variant'), e.textContent, e.getAttribute('aria-pressed')]),
  );
  expect(buttons).toEqual(lesson.variants.map((v) => [v.id, v.label, v === variant ? 'true' : 'false']));
  expect(await page.textContent('[data-testid=lesson-variant-expect]')).toBe(`${variant.label}: ${variant.expect}`);
  // A built-in lesson has its place in the course.
  expect(await page.locator('[data-testid=lesson] button', { hasText: 'Next lesson' }).isVisible()).toBe(true);
}

async function expectConfigApplied(page: Page, variant: LessonVariant): Promise<void> {
  const got = await engineConfig(page);
  expect(sameConfig(got, variant.config), `engine config ${JSON.stringify(got)}\nwanted ${JSON.stringify(variant.config)}`).toBe(true);
  expect(await debug(page, (d) => d.epoch())).toBe(0);
  if (variant.points) expect(await debug(page, (d) => d.pointCount())).toBe(variant.points.length);
  if (variant.weights) {
    const layers = await debug(page, (d) => d.layers());
    expect(layers.map((l) => ({ weights: Array.from({ length: l.rows }, (_, i) => l.weights.slice(i * l.cols, (i + 1) * l.cols)), biases: l.biases }))).toEqual(
      variant.weights.layers,
    );
  }
}

describe('lesson URLs', () => {
  it('every lesson URL loads with its title, text, presets and configuration', async () => {
    for (const lesson of LESSONS) {
      const page = await openPlayground(env.session.context, `${env.server.url}#lesson=${lesson.id}`);
      await expectLessonShown(page, lesson, lesson.variants[0]!);
      await expectConfigApplied(page, lesson.variants[0]!);
      expect(await page.isVisible('[data-testid=notice]')).toBe(false);
      // The URL names the lesson and says every setting.
      const hash = await page.evaluate(() => location.hash);
      expect(hash.startsWith(`#lesson=${lesson.id}&`)).toBe(true);
      expect(hash).toContain(`dataset=${lesson.variants[0]!.config.dataset}`);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }
  });

  it('each preset button loads its preset (configuration, points, weights) from epoch 0', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=perceptron`);
    for (const lesson of LESSONS) {
      await page.click('[data-testid=lessons-menu-button]');
      await page.click(`[data-lesson=${lesson.id}]`);
      await waitUntil(
        () => page.textContent('[data-testid=lesson-title]'),
        (t) => t === lesson.title,
        10_000,
        `lesson ${lesson.id} shown`,
      );
      for (const variant of lesson.variants) {
        await page.click(`[data-testid=lesson-variants] [data-variant=${variant.id}]`);
        await waitUntil(
          () => engineConfig(page),
          (c) => sameConfig(c, variant.config),
          10_000,
          `${lesson.id}/${variant.id} in the engine`,
        );
        await expectLessonShown(page, lesson, variant);
        await expectConfigApplied(page, variant);
        const hash = await page.evaluate(() => location.hash);
        expect(hash).toContain(`lesson=${lesson.id}`);
        if (variant !== lesson.variants[0]) expect(hash).toContain(`variant=${variant.id}`);
        else expect(hash).not.toContain('variant=');
      }
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a lesson URL with a preset, changed by the user, round-trips through the URL', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=activations&variant=leaky-relu`);
    const lesson = lessonById('activations')!;
    const variant = lesson.variants.find((v) => v.id === 'leaky-relu')!;
    await expectLessonShown(page, lesson, variant);
    await expectConfigApplied(page, variant);
    expect((await engineConfig(page)).hidden[0]!.alpha).toBe(0.1); // leaky ReLU's α of the preset
    await page.selectOption('[data-setting=learningRate] select', '0.03');
    await waitUntil(
      () => engineConfig(page),
      (c) => c.optimizer.learning_rate === 0.03,
      5000,
      'learning rate changed',
    );
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('lesson=activations&variant=leaky-relu&');
    expect(hash).toContain('leakyAlpha=0.1');
    expect(hash).toContain('learningRate=0.03');
    const before = await state(page);
    const config = await engineConfig(page);
    const again = await openPlayground(env.session.context, `${env.server.url}${hash}`);
    expect(await state(again)).toEqual(before);
    expect(sameConfig(await engineConfig(again), config)).toBe(true);
    await expectLessonShown(again, lesson, variant); // the lesson's text stays with the changed settings
    expect(await again.evaluate(() => location.hash)).toBe(hash);
    // Closing the lesson keeps the settings and drops the lesson from the URL.
    await again.click('[data-testid=lesson] [aria-label="Close the lesson"]');
    await waitUntil(
      () => again.isVisible('[data-testid=lesson]'),
      (v) => !v,
      5000,
      'lesson closed',
    );
    expect(await again.evaluate(() => location.hash)).toBe(hash.replace('lesson=activations&variant=leaky-relu&', ''));
    expect(sameConfig(await engineConfig(again), config)).toBe(true);
    await page.close();
    await again.close();
  });

  it('an unknown lesson shows the usual notice and the playground works with the defaults', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=no-such-lesson`);
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    const text = await page.textContent('[data-testid=notice]');
    expect(text).toContain('lesson=no-such-lesson');
    expect(text).toContain('not a known lesson');
    expect(await page.isVisible('[data-testid=lesson]')).toBe(false);
    expect((await engineConfig(page)).dataset).toBe('circle');
    await trainEpochs(page, 2);
    expect(await debug(page, (d) => d.epoch())).toBe(2);
    // an unknown preset of a known lesson: the lesson's own preset, and a notice
    const other = await openPlayground(env.session.context, `${env.server.url}#lesson=softmax&variant=nope`);
    await other.waitForSelector('[data-testid=notice]', { state: 'visible' });
    expect(await other.textContent('[data-testid=notice]')).toContain('variant=nope');
    const softmax = lessonById('softmax')!;
    await expectLessonShown(other, softmax, softmax.variants[0]!);
    await expectConfigApplied(other, softmax.variants[0]!);
    await page.close();
    await other.close();
  });

  it('a lesson opens by editing the hash and through the controller’s setState', async () => {
    const page = await openPlayground(env.session.context, env.server.url);
    expect(await page.isVisible('[data-testid=lesson]')).toBe(false);
    await page.evaluate(() => (location.hash = '#lesson=regularization&variant=l2'));
    const reg = lessonById('regularization')!;
    const l2 = reg.variants.find((v) => v.id === 'l2')!;
    await waitUntil(
      () => engineConfig(page),
      (c) => sameConfig(c, l2.config),
      10_000,
      'the L2 preset from the hash',
    );
    await expectLessonShown(page, reg, l2);
    const refused = await page.evaluate(() =>
      (window as unknown as { nnp: { setState(p: Record<string, unknown>): Promise<string[]> } }).nnp.setState({ lesson: 'xor-hidden' }),
    );
    expect(refused).toEqual([]);
    const xor = lessonById('xor-hidden')!;
    await expectLessonShown(page, xor, xor.variants[0]!);
    await expectConfigApplied(page, xor.variants[0]!);
    expect(await statValue(page, 'train-accuracy')).toBe(1);
    expect(await page.evaluate(() => location.hash)).toMatch(/^#lesson=xor-hidden&/);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the ?lesson= query opens the lesson too', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}?lesson=batch-size&variant=full-batch`);
    const lesson = lessonById('batch-size')!;
    const variant = lesson.variants.find((v) => v.id === 'full-batch')!;
    await expectLessonShown(page, lesson, variant);
    await expectConfigApplied(page, variant);
    await page.close();
  });
});

describe('what the lessons promise', () => {
  it('lessons 1 and 2 (no hidden layer): the activation panel shows the output unit, not a hidden activation', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=perceptron`);
    const unitName = (output: string) => {
      const unit = ENGINE.outputs.find((o) => o.id === output)!.unit;
      return ENGINE.activations.find((a) => a.id === unit)!.name;
    };
    const panel = () =>
      page.evaluate(() => [document.querySelector('.nnp-activation h2')?.textContent, document.querySelector('.nnp-activation .nnp-formula b')?.textContent]);
    const output = ((await engineConfig(page)) as unknown as { output: string }).output;
    await waitUntil(panel, ([h, b]) => h === 'Output unit' && b === unitName(output), 5000, `the ${output} output unit`);
    // with a hidden layer it is the hidden activation again
    await page.evaluate(() =>
      (window as unknown as { nnp: { setState(p: unknown): Promise<unknown> } }).nnp.setState({ networkShape: [3], activation: ['relu'], output: 'tanh_mse' }),
    );
    await waitUntil(panel, ([h, b]) => h === 'Activation' && b === ENGINE.activations.find((a) => a.id === 'relu')!.name, 5000, 'the hidden ReLU');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('lesson 9: the run bar shows the step counter beside the epoch: 100, 10 and 1 updates per epoch', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=batch-size&variant=stochastic`);
    const shown = () =>
      page.evaluate(() => [document.querySelector('[data-testid=epoch]')?.textContent, document.querySelector('[data-testid=steps]')?.textContent]);
    expect(await page.isVisible('[data-testid=steps]')).toBe(true);
    for (const [variant, batch, perEpoch] of [
      ['stochastic', 1, 100],
      ['mini-batch', 10, 10],
      ['full-batch', 100, 1],
    ] as const) {
      if (variant !== 'stochastic') {
        await page.click(`[data-testid=lesson-variants] [data-variant=${variant}]`);
        await waitUntil(
          () => engineConfig(page),
          (c) => c.batch_size === batch,
          5000,
          variant,
        );
        await waitUntil(shown, ([e]) => e === '0', 5000, `${variant} at epoch 0`);
      }
      await trainEpochs(page, 2);
      await waitUntil(shown, ([e, s]) => e === '2' && s === String(2 * perEpoch), 5000, `${variant}: two epochs of ${perEpoch} updates`);
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  // Lessons 1 and 2's outcomes (the perceptron settles on the clusters and never on XOR; the
  // notes' ReLU weights are right before training) are the engine's: tests/wasm/lessons.test.ts.
  // That their presets load in the page is checked above.
  it('lesson 3: the deep linear network’s boundary is the line of its composed linear map', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=linear-layers`);
    await trainEpochs(page, 60);
    const layers = await debug(page, (d) => d.layers());
    expect(layers.length).toBe(4);
    // Compose W = W4 W3 W2 W1 and b through the layers: z(x) = W x + b.
    let W = [
      [1, 0],
      [0, 1],
    ];
    let b = [0, 0];
    for (const l of layers) {
      const Wl = Array.from({ length: l.rows }, (_, i) => l.weights.slice(i * l.cols, (i + 1) * l.cols));
      W = Wl.map((row) => [0, 1].map((j) => row.reduce((s, w, k) => s + w * W[k]![j]!, 0)));
      b = Wl.map((row, i) => row.reduce((s, w, k) => s + w * b[k]!, 0) + l.biases[i]!);
    }
    const [w1, w2] = W[0]!;
    const b0 = b[0]!;
    const grid = (await debug(page, (d) => d.outputGrid()))!;
    expect(grid.unit).toBe('tanh');
    const n = grid.n;
    const h = (grid.hi - grid.lo) / n;
    let checked = 0;
    const norm = Math.hypot(w1!, w2!);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < n; j++) {
        const x1 = grid.lo + (j + 0.5) * h;
        const x2 = grid.hi - (r + 0.5) * h;
        const z = w1! * x1 + w2! * x2 + b0;
        if (Math.abs(z) / norm < 0.05) continue; // within a twentieth of a unit of the line: float32 grid
        const v = grid.values[r * n + j]!;
        expect(Math.sign(v), `pixel (${r}, ${j})`).toBe(Math.sign(z));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(n * n * 0.9);
    // The line crosses the plane or not, but a circle's two regions it cannot make.
    expect(await statValue(page, 'train-accuracy')).toBeLessThan(0.75);
    await page.close();
  });

  it('lesson 8: the too-large learning rate diverges and the page says so', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=learning-rate&variant=too-large`);
    expect((await engineConfig(page)).optimizer.learning_rate).toBe(100);
    await page.click('[data-testid=play]');
    await waitUntil(
      () => debug(page, (d) => d.status()),
      (s) => s === 'diverged',
      20_000,
      'diverged',
    );
    await page.waitForSelector('[data-testid=diverged]', { state: 'visible' });
    expect(await page.textContent('[data-testid=diverged]')).toContain('Training diverged');
    // The message names the likely cause, and a diverged run shows no accuracy.
    expect(await page.textContent('[data-testid=diverged]')).toContain('The learning rate 100 is likely too high for SGD on this network');
    await waitUntil(
      () => page.textContent('[data-testid=train-accuracy]'),
      (t) => t === '–',
      5000,
      'no training accuracy',
    );
    expect(await page.textContent('[data-testid=test-accuracy]')).toBe('–');
    expect(await debug(page, (d) => d.epoch())).toBeLessThanOrEqual(5);
    expect(await debug(page, (d) => d.running())).toBe(false);
    await page.close();
  });

  it('looks finished at 1280 × 800 and 390 × 844', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=sigmoid-loss`);
    await page.screenshot({ path: `${outDir()}/lesson-5-1280.png` });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
    await page.close();
    const phone = await launch({ width: 390, height: 844 }, true);
    try {
      const p = await openPlayground(phone.context, `${env.server.url}#lesson=depth-width`);
      expect(await p.textContent('[data-testid=lesson-title]')).toBe(lessonById('depth-width')!.title);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // on a phone the text starts folded; the button shows it
      expect(await p.isVisible('[data-testid=lesson-summary]')).toBe(false);
      await p.click('[data-testid=lesson-fold]');
      expect(await p.isVisible('[data-testid=lesson-summary]')).toBe(true);
      await p.screenshot({ path: `${outDir()}/lesson-7-390.png` });
    } finally {
      await phone.close();
    }
  });
});

// An author's lesson file with an exercise, fetched by the library (lessonSrc,
// relative to the page), and one given as malformed text: the wiring of goals
// to the card and the host's `goal` event, locked controls, and the notice.
describe('an author’s exercise', () => {
  const LESSON = {
    nnPlaygroundLesson: 1,
    id: 'two-clusters',
    title: 'Two clusters, one neuron',
    text: 'A single neuron separates two clusters.',
    settings: { dataset: 'gauss', noise: 0, networkShape: '', learningRate: 0.1, epochsPerFrame: 5 },
    controls: { locked: ['dataset'], hidden: ['regularizationRate'] },
    goals: [{ kind: 'accuracyAbove', on: 'test', value: 0.9, withinEpochs: 300 }, { kind: 'noRegularization' }],
  };

  it('loads from lessonSrc, locks the data set, reaches the goal by training: success on the card and one goal event', async () => {
    const base = `${env.server.url}author/`;
    await env.session.context.route(`${base}two-clusters.json`, (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(LESSON, null, 2) }),
    );
    await env.session.context.route(`${base}course.html`, (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="a"></div><div id="b"></div>
        <script type="module">
          import { mount } from '../nn-playground.js';
          const a = mount(document.getElementById('a'), { lessonSrc: 'two-clusters.json', panels: ['run', 'data', 'lessons', 'output'] });
          const b = mount(document.getElementById('b'), { lessonText: '{\\n  "nnPlaygroundLesson": 1,\\n  "id": "Bad Id",\\n  "title": "T",\\n  "text": ""\\n}', panels: ['run', 'output'] });
          window.goals = [];
          a.on('goal', (g) => window.goals.push(g));
          window.lib = { a, b };
        </script></body></html>`,
      }),
    );
    const page = await newPageWatched(env.session.context);
    await page.goto(`${base}course.html`);
    await page.waitForFunction(() => (window as unknown as { lib?: unknown }).lib !== undefined);
    await page.evaluate(() => (window as unknown as { lib: { a: { ready: Promise<void> }; b: { ready: Promise<void> } } }).lib.a.ready);
    await page.waitForSelector('#a [data-testid=lesson-title]:text("Two clusters, one neuron")');
    // What the author left out shows no empty box, and the lesson stands alone (no Previous / Next).
    for (const part of ['.nnp-lesson-expect-wrap', '.nnp-lesson-tryblock']) expect(await page.locator(`#a ${part}`).isVisible(), part).toBe(false);
    for (const label of ['Previous', 'Next lesson']) expect(await page.locator('#a [data-testid=lesson] button', { hasText: label }).isVisible()).toBe(false);
    // The locked data set is shown, disabled, saying why; the hidden control is not shown.
    await page.waitForSelector('#a [data-setting=dataset].nnp-locked');
    expect(await page.locator('#a [data-setting=dataset] button').first().isDisabled()).toBe(true);
    expect(await page.locator('#a [data-setting=dataset]').getAttribute('title')).toBe('Fixed by the lesson “Two clusters, one neuron”');
    expect(await page.locator('#a [data-setting=regularizationRate]').isVisible()).toBe(false);
    await page.waitForSelector('#a [data-testid=lesson-goal-list] li:nth-child(2)');
    expect(await page.textContent('#a [data-testid=lesson-goal-status]')).toBe('');
    // Everything the live region says from now on (a later milestone may replace the goal's line).
    await page.evaluate(() => {
      const w = window as unknown as { said: string[]; lib: { a: { element: HTMLElement } } };
      w.said = [];
      const region = w.lib.a.element.shadowRoot!.querySelector('[data-testid=announcer]')!;
      new MutationObserver(() => w.said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    // Train: the card says the exercise is reached, the host heard it once, and so did a screen reader.
    await page.evaluate(() => (window as unknown as { lib: { a: { play(): void } } }).lib.a.play());
    await page.waitForSelector('#a [data-testid=lesson-goal-status]:text("Reached at epoch")', { timeout: 15_000 });
    await page.waitForFunction(() => (window as unknown as { goals: unknown[] }).goals.length > 0);
    // Once: 50 epochs more of training, with the goal still holding, tell the host nothing new.
    await page.waitForFunction(() => {
      const w = window as unknown as { goals: { epoch: number }[]; lib: { a: { debug: { epoch(): number } } } };
      return w.lib.a.debug.epoch() >= w.goals[0]!.epoch + 50;
    });
    const goals = await page.evaluate(() => (window as unknown as { goals: { lesson: string; epoch: number; stats: { testAccuracy: number } }[] }).goals);
    expect(goals).toHaveLength(1);
    expect(goals[0]!.lesson).toBe('two-clusters');
    expect(goals[0]!.epoch).toBeLessThanOrEqual(300);
    expect(goals[0]!.stats.testAccuracy).toBeGreaterThan(0.9);
    expect(await page.textContent('#a [data-testid=lesson-goal-status]')).toBe(`Reached at epoch ${goals[0]!.epoch}: every goal holds.`);
    // Said once in the live region (beside whatever else it says in that moment).
    const goalSaid = `Goal reached: Two clusters, one neuron, at epoch ${goals[0]!.epoch}`;
    await page.waitForFunction((g) => (window as unknown as { said: string[] }).said.some((t) => t.includes(g)), goalSaid);
    // Closing the lesson unlocks what it locked.
    await page.evaluate(() => (window as unknown as { lib: { a: { setState(p: object): Promise<unknown> } } }).lib.a.setState({ lesson: '' }));
    await page.waitForSelector('#a [data-setting=dataset]:not(.nnp-locked)');
    expect(await page.locator('#a [data-setting=dataset] button').first().isDisabled()).toBe(false);
    // The malformed lesson: a notice with its line and field; that playground opens with the defaults.
    await page.evaluate(() => (window as unknown as { lib: { b: { ready: Promise<void> } } }).lib.b.ready);
    const notice = await page.textContent('#b [data-testid=notice]');
    expect(notice).toContain('The lesson given as text could not be read (line 3, id: "Bad Id" is not an id');
    expect(await page.evaluate(() => (window as unknown as { lib: { b: { getState(): { dataset: string } } } }).lib.b.getState().dataset)).toBe('circle');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the host’s own keys (a link’s hash, the options’ settings) change the lesson’s preset, from a file or from text', async () => {
    const base = `${env.server.url}author-keys/`;
    await env.session.context.route(`${base}two-clusters.json`, (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(LESSON) }),
    );
    await env.session.context.route(`${base}course.html`, (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="src"></div><div id="text"></div>
        <script type="module">
          import { mount } from '../nn-playground.js';
          const own = { initialHash: 'learningRate=0.3&batchSize=5', settings: { noise: 20 }, panels: ['run', 'output'] };
          window.lib = {
            src: mount(document.getElementById('src'), { ...own, lessonSrc: 'two-clusters.json' }),
            text: mount(document.getElementById('text'), { ...own, lessonText: ${JSON.stringify(JSON.stringify(LESSON))} }),
          };
        </script></body></html>`,
      }),
    );
    const page = await newPageWatched(env.session.context);
    await page.goto(`${base}course.html`);
    await page.waitForFunction(() => (window as unknown as { lib?: unknown }).lib !== undefined);
    for (const id of ['src', 'text']) {
      const state = await page.evaluate(async (key) => {
        const pg = (window as unknown as { lib: Record<string, { ready: Promise<void>; getState(): Record<string, unknown> }> }).lib[key]!;
        await pg.ready;
        return pg.getState();
      }, id);
      // the lesson's own settings, where the host named none
      expect({ id, lesson: state.lesson, dataset: state.dataset, epochsPerFrame: state.epochsPerFrame }).toEqual({
        id,
        lesson: 'two-clusters',
        dataset: 'gauss',
        epochsPerFrame: 5,
      });
      // the host's, over the lesson's learningRate 0.1 and noise 0
      expect({ id, learningRate: state.learningRate, batchSize: state.batchSize, noise: state.noise }).toEqual({
        id,
        learningRate: 0.3,
        batchSize: 5,
        noise: 20,
      });
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
