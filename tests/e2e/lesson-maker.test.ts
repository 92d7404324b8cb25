// "Make a lesson" on the full page: an author makes a lesson through the
// dialog (a title, a locked control, a goal), takes the <nn-playground> tag
// it writes, and a fresh course page with only that tag and the library's
// script line trains until the goal: the lesson card says so and the
// document hears `nnp-goal`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, outDir, pageErrors, useBrowser } from './harness';

const env = useBrowser();

// XOR with four ReLUs and a quick learning rate, 20 epochs a frame: the test
// loss falls from about 0.25 under 0.01 by epoch 100 (measured: 0.049 at epoch 10,
// 0.0113 at 50, 0.0071 at 100), in about a second of training.
const START = '#dataset=xor&networkShape=4&activation=relu&learningRate=0.1&seed=3&epochsPerFrame=20';

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
  await goal.locator('[data-goal-field=value]').fill('0.01');
  await goal.locator('[data-goal-field=withinEpochs]').fill('500');
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
      settings: { dataset: 'xor', networkShape: [4], activation: 'relu', learningRate: 0.1, seed: 3, epochsPerFrame: 20 },
      controls: { locked: ['dataset'] },
      goals: [{ kind: 'testLossBelow', value: 0.01, withinEpochs: 500 }],
    });
    expect(tag).toContain(json.trimEnd().replace(/</g, '\\u003c'));
    // Every field of the dialog has a name a screen reader says.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('[data-testid=lesson-maker] :is(input, select, textarea)')]
        .filter((el) => el.labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
    // Download saves the file under the lesson's id.
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=lm-download]')]);
    expect(file.suggestedFilename()).toBe('xor-checked.json');
    expect(readFileSync((await file.path())!, 'utf8')).toBe(json);
    // Escape closes the dialog and gives the focus back to the page.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=lesson-maker]').waitFor({ state: 'hidden' });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
