// "Make a lesson" on the full page: an author makes a lesson through the
// dialog (a title, a locked control, a goal), takes the <nn-playground> tag
// it writes, and a fresh course page with only that tag and the library's
// script line trains until the goal: the lesson card says so and the
// document hears `nnp-goal`.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, outDir, pageErrors, useBrowser } from './harness';

const env = useBrowser();

// XOR with four ReLUs and a quick learning rate: the test loss falls under 0.05 within a few hundred epochs.
const START = '#dataset=xor&networkShape=4&activation=relu&learningRate=0.1&seed=3';

async function makeLesson(page: Page): Promise<{ tag: string; json: string }> {
  await page.click('[data-testid=make-lesson-button]');
  const dialog = page.locator('[data-testid=lesson-maker]');
  await dialog.waitFor({ state: 'visible' });
  // Opened with the focus on the title, and nothing written until it has one.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lm-title');
  expect(await dialog.locator('[data-testid=lm-problems]').textContent()).toBe('The lesson needs a title');
  expect(await dialog.locator('[data-testid=lm-out-tag]').inputValue()).toBe('');
  await page.keyboard.type('XOR, checked');
  await dialog.locator('[data-testid=lm-text]').fill('Four ReLUs split the corners.');
  await dialog.locator('[data-lock=dataset]').check();
  await dialog.locator('[data-testid=lm-goal-kind]').selectOption('testLossBelow');
  await dialog.locator('[data-testid=lm-goal-add]').click();
  const goal = dialog.locator('[data-goal-kind=testLossBelow]');
  await goal.locator('[data-goal-field=value]').fill('0.05');
  await goal.locator('[data-goal-field=withinEpochs]').fill('2000');
  expect(await dialog.locator('[data-testid=lm-problems]').isHidden()).toBe(true);
  await page.screenshot({ path: `${outDir()}/lesson-maker.png` });
  return { tag: await dialog.locator('[data-testid=lm-out-tag]').inputValue(), json: await dialog.locator('[data-testid=lm-out-json]').inputValue() };
}

describe('Make a lesson', () => {
  it('writes the lesson of the page’s state with the author’s text, lock and goal', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}${START}`);
    const { tag, json } = await makeLesson(page);
    const lesson = JSON.parse(json) as Record<string, unknown>;
    expect(lesson).toMatchObject({
      nnPlaygroundLesson: 1,
      id: 'xor-checked',
      title: 'XOR, checked',
      text: 'Four ReLUs split the corners.',
      settings: { dataset: 'xor', networkShape: '4', activation: 'relu', learningRate: 0.1, seed: 3 },
      controls: { locked: ['dataset'] },
      goals: [{ kind: 'testLossBelow', value: 0.05, withinEpochs: 2000 }],
    });
    expect(tag).toContain(json.trimEnd().replace(/</g, '\\u003c'));
    // Escape closes the dialog and gives the focus back to the page.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=lesson-maker]').waitFor({ state: 'hidden' });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
