// "Make a lesson" on the full page: an author makes a lesson through the
// dialog (a title, a locked control, a goal), takes the <nn-playground> tag
// it writes, and a fresh course page with only that tag and the library's
// script line trains until the goal: the lesson card says so and the
// document hears `nnp-goal`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPageWatched, openPlayground, outDir, pageErrors, useBrowser } from './harness';

const env = useBrowser();

// XOR with four ReLUs and a quick learning rate, 20 epochs a frame: the test
// loss falls from about 0.25 under 0.01 by epoch 100 (measured: 0.049 at epoch 10,
// 0.0113 at 50, 0.0071 at 100), in about a second of training.
const START = '#dataset=xor&networkShape=4&activation=relu&learningRate=0.1&seed=3&epochsPerFrame=20';

async function makeLesson(page: Page): Promise<{ tag: string; json: string; script: string; iframe: string }> {
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
  const out = (key: string) => dialog.locator(`[data-testid=lm-out-${key}]`).inputValue();
  return { tag: await out('tag'), json: await out('json'), script: await out('script'), iframe: await out('iframe') };
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

  it('gives an iframe that, pasted into a course page, loads the lesson file from beside embed.html and posts goal when it is reached', async () => {
    const maker = await openPlayground(env.session.context, `${env.server.url}${START}`);
    const { iframe, json } = await makeLesson(maker);
    await maker.close();
    await env.session.context.route(`${env.server.url}xor-checked.json`, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: json }));
    const url = `${env.server.url}course/frame.html`;
    // The course page records the frame's events, as an LMS page would record a student's goal.
    const listen = `<script>window.events = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'nnp:event') window.events.push(e.data); });</script>`;
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>Course</title>${listen}</head><body>${iframe}</body></html>`;
    await env.session.context.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    const page = await newPageWatched(env.session.context);
    await page.goto(url);
    const frame = page.frameLocator('iframe[title="XOR, checked"]');
    await frame.locator('[data-testid=lesson-title]:text("XOR, checked")').waitFor();
    await frame.locator('[data-setting=dataset].nnp-locked').waitFor();
    await frame.locator('[data-testid=lesson-goal-list] li').first().waitFor();
    expect(await frame.locator('[data-testid=lesson-goal-list] li').first().textContent()).toContain('0.01');
    // Play through the protocol; the frame posts `goal` once the exercise is reached.
    await page.evaluate(() => document.querySelector('iframe')!.contentWindow!.postMessage({ type: 'nnp:command', requestId: 1, command: 'play' }, '*'));
    type Posted = { event: string; data: { lesson: string; epoch: number; stats: { testLoss: number } } };
    await page.waitForFunction(() => (window as unknown as { events: Posted[] }).events.some((e) => e.event === 'goal'), null, { timeout: 20_000 });
    const goals = (await page.evaluate(() => (window as unknown as { events: Posted[] }).events)).filter((e) => e.event === 'goal');
    expect(goals).toHaveLength(1);
    expect(goals[0]!.data.lesson).toBe('xor-checked');
    expect(goals[0]!.data.stats.testLoss).toBeLessThan(0.01);
    expect(await frame.locator('[data-testid=lesson-goal-status]').textContent()).toBe(`Reached at epoch ${goals[0]!.data.epoch}: every goal holds.`);
    await page.close();
  });

  it('gives a tag that, pasted into a fresh course page, trains to the goal: success on the card and nnp-goal on the document', async () => {
    const maker = await openPlayground(env.session.context, `${env.server.url}${START}`);
    const { tag, script } = await makeLesson(maker);
    await maker.close();
    // The course page: the script line the dialog gives, the tag, and a listener on the document.
    const url = `${env.server.url}course/xor.html`;
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>Course</title>${script}
      <script>window.goals = []; document.addEventListener('nnp-goal', (e) => window.goals.push({ tag: e.target.localName, ...e.detail }));</script>
      </head><body><h1>Week 3</h1>\n${tag}\n</body></html>`;
    await env.session.context.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    const page = await newPageWatched(env.session.context);
    await page.goto(url);
    const card = page.locator('nn-playground [data-testid=lesson]');
    await card.locator('[data-testid=lesson-title]:text("XOR, checked")').waitFor();
    expect(await card.locator('[data-testid=lesson-summary]').textContent()).toBe('Four ReLUs split the corners.');
    // The locked data set is shown, disabled; the goal is listed, not reached.
    await page.locator('nn-playground [data-setting=dataset].nnp-locked').waitFor();
    expect(await page.locator('nn-playground [data-setting=dataset] button').first().isDisabled()).toBe(true);
    await card.locator('[data-testid=lesson-goal-list] li').first().waitFor();
    expect(await card.locator('[data-testid=lesson-goal-status]').textContent()).toBe('');
    await page.locator('nn-playground [data-testid=play]').click();
    await card.locator('[data-testid=lesson-goal-status]:text("Reached at epoch")').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => (window as unknown as { goals: unknown[] }).goals.length > 0);
    type Heard = { tag: string; lesson: string; epoch: number; stats: { testLoss: number } };
    const heard = await page.evaluate(() => (window as unknown as { goals: Heard[] }).goals);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ tag: 'nn-playground', lesson: 'xor-checked' });
    expect(heard[0]!.epoch).toBeLessThanOrEqual(500);
    expect(heard[0]!.stats.testLoss).toBeLessThan(0.01);
    expect(await card.locator('[data-testid=lesson-goal-status]').textContent()).toBe(`Reached at epoch ${heard[0]!.epoch}: every goal holds.`);
    await page.screenshot({ path: `${outDir()}/lesson-maker-course.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
