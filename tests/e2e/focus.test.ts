// Keyboard focus stays on the control the student used (issue 13): after
// toggling a feature, adding a neuron or choosing a lesson it is not dropped
// to <body>; the hidden file inputs take no tab stop.
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { debug, newPageWatched, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();
// The element with the keyboard focus, looked for through shadow roots, matches `selector`.
const focusOn = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a !== null && a.matches(sel) ? 'yes' : `${a?.tagName} ${a?.getAttribute('aria-label') ?? a?.getAttribute('name') ?? a?.textContent?.slice(0, 30)}`;
  }, selector);

// Each control, used from the keyboard: the key, and where the focus belongs
// afterwards (the control itself, or its re-rendered replacement, found by the
// same selector; a control that goes away with its action hands it on).
type Walk = { control: string; key: string; then?: string; before?: (page: Page) => Promise<void> };
const SETTINGS_WALK: Walk[] = [
  { control: '[data-dataset=xor]', key: 'Enter' },
  { control: '[data-dataset=circle]', key: 'Enter' },
  { control: '.nnp-data select[name=samples]', key: 'ArrowDown' },
  { control: '.nnp-data input[name=noise]', key: 'ArrowRight' },
  { control: '.nnp-data input[name=percTrainData]', key: 'ArrowLeft' },
  { control: '.nnp-data input[name=seed]', key: 'ArrowUp' },
  { control: '.nnp-data input[name=seed]', key: 'Enter' },
  { control: '.nnp-seed-row button', key: 'Enter' },
  { control: 'select[name=epochsPerFrame]', key: 'ArrowDown' },
  { control: 'select[name=learningRate]', key: 'ArrowDown' },
  { control: 'select[name=optimizer]', key: 'ArrowDown' },
  { control: 'select[name=batchSize]', key: 'ArrowDown' },
  { control: 'select[name=regularization]', key: 'ArrowDown' },
  { control: 'input[name=shuffle]', key: 'Space' },
  { control: '[aria-label="Add a hidden layer"]', key: 'Enter' },
  { control: '[aria-label="Remove the last hidden layer"]', key: 'Enter' },
  { control: '.nnp-network-head input[type=checkbox]', key: 'Space' },
  { control: '.nnp-network-head input[type=checkbox]', key: 'Space' },
  { control: 'select[aria-label="Activation of every hidden layer"]', key: 'ArrowDown' },
  { control: '[aria-label="Add a neuron to hidden layer 1"]', key: 'Enter' },
  { control: '[aria-label="Remove a neuron from hidden layer 1"]', key: 'Enter' },
  // 2 neurons to 1: the − is disabled at its limit, the focus goes to its +.
  { control: '[aria-label="Remove a neuron from hidden layer 2"]', key: 'Enter', then: '[aria-label="Add a neuron to hidden layer 2"]' },
  { control: '[data-feature=x1sq]', key: 'Enter' },
  { control: '.nnp-network-foot select[name=output]', key: 'ArrowDown' },
  { control: '.nnp-network-foot select[name=init]', key: 'ArrowDown' },
  { control: 'input[name=showTestData]', key: 'Space' },
  { control: 'input[name=discretize]', key: 'Space' },
  { control: 'select[name=palette]', key: 'ArrowDown' },
  { control: 'select[name=lossScale]', key: 'ArrowDown' },
  { control: '[data-testid=step]', key: 'Enter' },
  { control: '[data-testid=play]', key: 'Enter' },
  { control: '[data-testid=play]', key: 'Enter' },
  { control: '[data-testid=reset]', key: 'Enter' },
  // Opened, the step-through takes the focus (its keys work at once); closed from inside, the toggle gets it back.
  { control: '[data-testid=stepthrough-toggle]', key: 'Enter', then: '.nnp-stepthrough' },
  { control: '[aria-label="Close the step-through"]', key: 'Enter', then: '[data-testid=stepthrough-toggle]' },
];
const LESSON_WALK: Walk[] = [
  { control: '[data-variant=cross-entropy]', key: 'Enter' },
  { control: '[data-testid=lesson-fold]', key: 'Enter' },
  { control: '[data-testid=lesson-fold]', key: 'Enter' },
  { control: '[data-testid=lesson-compare]', key: 'Enter' },
  // The comparison stopped from its panel: back to the lesson's button that starts it.
  {
    control: '[data-testid=compare-stop]',
    key: 'Enter',
    then: '[data-testid=lesson-compare]',
    before: async (page) => void (await page.waitForSelector('[data-testid=compare-stop]')),
  },
  { control: '.nnp-lesson button[title="The next lesson"]', key: 'Enter' },
  { control: '.nnp-lesson button[title="The previous lesson"]', key: 'Enter' },
  // The card goes: to the menu that opens it again.
  { control: '[aria-label="Close the lesson"]', key: 'Enter', then: '[data-testid=lessons-menu-button]' },
];

async function walk(page: Page, steps: Walk[]): Promise<void> {
  for (const step of steps) {
    await step.before?.(page);
    await page.focus(step.control);
    await page.keyboard.press(step.key);
    await debug(page, (d) => d.sync()); // the change's round trip through the worker and the redraw
    const want = step.then ?? step.control;
    expect([step.control, step.key, await focusOn(page, `${want}, ${want} *`)]).toEqual([step.control, step.key, 'yes']);
  }
}

const focused = (page: Page) =>
  page.evaluate(() => [document.activeElement?.tagName ?? '', document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '']);

describe('keyboard focus', () => {
  it('stays on the feature, the + button and the lessons menu after using them; file inputs are not tab stops', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=3&features=x1,x2`);
    const config = () => debug(page, (d) => d.config()) as unknown as Promise<{ features: string[]; hidden: { width: number }[]; dataset: string }>;

    const label = await page.getAttribute('[data-feature=x1sq]', 'aria-label');
    await page.focus('[data-feature=x1sq]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.features.includes('x1sq'), 5000, 'the feature on');
    await debug(page, (d) => d.sync());
    expect(await focused(page)).toEqual(['BUTTON', label]);

    await page.focus('[aria-label="Add a neuron to hidden layer 1"]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.hidden[0]?.width === 4, 5000, 'a fourth neuron');
    await debug(page, (d) => d.sync());
    expect(await focused(page)).toEqual(['BUTTON', 'Add a neuron to hidden layer 1']);

    await page.click('[data-testid=lessons-menu-button]');
    await page.focus('[data-lesson=perceptron]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.hidden.length === 0, 5000, 'lesson 1');
    await debug(page, (d) => d.sync());
    expect((await focused(page))[0]).toBe('SUMMARY');

    expect(
      await page.evaluate(() => [...document.querySelectorAll('input[type=file]')].map((i) => [(i as HTMLInputElement).tabIndex, getComputedStyle(i).display])),
    ).toEqual([
      [-1, 'none'],
      [-1, 'none'],
    ]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('stays on every control used from the keyboard, or its re-rendered replacement', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=3,2&features=x1,x2`);
    await walk(page, SETTINGS_WALK);
    await page.goto(`${env.server.url}#lesson=sigmoid-loss`);
    await page.reload();
    await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await page.waitForSelector('[data-testid=lesson-compare]');
    await walk(page, LESSON_WALK);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
  it('a part that arrives late leaves the open Lessons menu open and the focus in it', async () => {
    const page = await newPageWatched(env.session.context);
    // The step-through's code is held back until the menu is open: it arrives late, always.
    const held: Route[] = [];
    const chunk = /\/stepthrough-[^/]*\.js$/;
    await page.route(chunk, (route) => void held.push(route));
    await page.goto(`${env.server.url}#dataset=xor&networkShape=2&seed=2`);
    await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await page.click('[data-testid=stepthrough-toggle]'); // asked for; its code is still on the way
    await waitUntil(
      async () => held.length,
      (n) => n > 0,
      10_000,
      'the step-through code requested',
    );
    await page.click('[data-testid=lessons-menu-button]');
    expect(await page.getAttribute('[data-testid=lessons-menu]', 'open')).not.toBeNull();
    for (const r of held.splice(0)) await r.continue();
    await page.unroute(chunk);
    await page.waitForSelector('[data-testid=stepthrough]', { state: 'visible' });
    expect(await page.getAttribute('[data-testid=stepthrough-toggle]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-testid=lessons-menu]', 'open')).not.toBeNull();
    expect(await focusOn(page, '[data-testid=lessons-menu] *')).toBe('yes');
    // The menu still works: a lesson chosen from it loads.
    await page.click('[data-lesson=perceptron]');
    await waitUntil(
      () => debug(page, (d) => d.config()),
      (c) => c.hidden.length === 0,
      5000,
      'lesson 1',
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
