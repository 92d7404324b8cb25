// axe-core at the WCAG 2.2 AA tags (docs/accessibility.md): the full page, every
// built-in lesson (opened through the hash), compare
// mode, the library in a course page and the iframe's page. 0 violations.
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS } from '../../web/src/lessons/builtin';
import { debug, newPageWatched, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Found = { id: string; help: string; nodes: { target: unknown[]; summary: string }[] }[];

// The violations on the page as it is, one line each (rule, element, why), for a readable failure.
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source }); // the package's own build, injected into the page
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Found }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.summary })) }));
  }, TAGS);
  return found.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.summary.split('\n').slice(0, 2).join(' ')}`));
}

describe('axe-core, WCAG 2.2 AA', () => {
  // One page load: the full page, then each lesson through the hash (two halves, to keep each test short).
  let page: Page;
  // every built-in lesson, known before the page opens (a violation on the full page leaves no lesson unchecked)
  const ids = LESSONS.map((l) => l.id);
  it('the full page', async () => {
    page = await openPlayground(env.session.context, env.server.url);
    await debug(page, (d) => d.sync());
    expect(await violations(page)).toEqual([]);
    expect(await page.$$eval('[data-lesson]', (els) => els.map((e) => e.getAttribute('data-lesson')))).toEqual(ids);
  });

  async function lessons(part: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const id of part) {
      await page.evaluate((l) => (location.hash = `lesson=${l}`), id);
      await waitUntil(
        () => page.locator('[data-lesson][aria-current=true]').getAttribute('data-lesson'),
        (l) => l === id,
        10_000,
        `lesson ${id}`,
      );
      await debug(page, (d) => d.sync());
      found.push(...(await violations(page)).map((v) => `${id}: ${v}`));
    }
    return found;
  }
  it('every lesson, first half', async () => {
    expect(await lessons(ids.slice(0, Math.ceil(ids.length / 2)))).toEqual([]);
  });
  it('every lesson, second half', async () => {
    expect(await lessons(ids.slice(Math.ceil(ids.length / 2)))).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('compare mode', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&networkShape=4&compare=1&b.optimizer=adam`);
    await page.waitForSelector('[data-testid=compare-b] [data-testid=output-canvas]');
    await debug(page, (d) => d.sync());
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the library in a course page, and the iframe page', async () => {
    const page = await newPageWatched(env.session.context);
    await page.goto(`${env.server.url}examples/course.html`);
    await page.waitForFunction(() => (window as unknown as { nnpEmbeds?: unknown[] }).nnpEmbeds?.length === 2);
    await page.evaluate(() => Promise.all((window as unknown as { nnpEmbeds: { ready: Promise<void> }[] }).nnpEmbeds.map((e) => e.ready)));
    expect(await violations(page)).toEqual([]);
    await page.goto(`${env.server.url}embed.html#dataset=xor&networkShape=4&panels=run,output`);
    await page.waitForSelector('[data-testid=output-canvas]');
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent !== '');
    expect(await violations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
