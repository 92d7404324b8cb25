// Keyboard focus stays on the control the student used (issue 13): after
// toggling a feature, adding a neuron or choosing a lesson it is not dropped
// to <body>; the hidden file inputs take no tab stop.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();
const focused = (page: Page) => page.evaluate(() => [document.activeElement?.tagName ?? '', document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '']);

describe('keyboard focus', () => {
  it('stays on the feature, the + button and the lessons menu after using them; file inputs are not tab stops', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&networkShape=3&features=x1,x2`);
    const config = () => debug(page, (d) => d.config()) as unknown as Promise<{ features: string[]; hidden: { width: number }[]; dataset: string }>;

    const label = await page.getAttribute('[data-feature=x1sq]', 'aria-label');
    await page.focus('[data-feature=x1sq]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.features.includes('x1sq'), 5000, 'the feature on');
    await page.waitForTimeout(200);
    expect(await focused(page)).toEqual(['BUTTON', label]);

    await page.focus('[aria-label="Add a neuron to hidden layer 1"]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.hidden[0]?.width === 4, 5000, 'a fourth neuron');
    await page.waitForTimeout(200);
    expect(await focused(page)).toEqual(['BUTTON', 'Add a neuron to hidden layer 1']);

    await page.click('[data-testid=lessons-menu-button]');
    await page.focus('[data-lesson=perceptron]');
    await page.keyboard.press('Enter');
    await waitUntil(config, (c) => c.hidden.length === 0, 5000, 'lesson 1');
    await page.waitForTimeout(200);
    expect((await focused(page))[0]).toBe('SUMMARY');

    expect(await page.evaluate(() => [...document.querySelectorAll('input[type=file]')].map((i) => [(i as HTMLInputElement).tabIndex, getComputedStyle(i).display]))).toEqual([
      [-1, 'none'],
      [-1, 'none'],
    ]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
