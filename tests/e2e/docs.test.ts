// The docs site (MkDocs Material, `npm run docs`, built into dist/docs/ by
// scripts/test.sh) as a reader meets it in Chromium: every page of the nav,
// the links between them, and the live playgrounds the pages mount with the
// library copied beside them (dist/docs/lib/).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS } from '../../web/src/lessons/builtin';
import { DIST, launch, newPageWatched, pageErrors, ROOT, serveDist, waitUntil, type Session } from './harness';

const SITE = join(DIST, 'docs');
let server: Awaited<ReturnType<typeof serveDist>>;
let session: Session;
let base = '';

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html')))
    throw new Error("dist/docs/ is missing: run `npm run docs` (or `bash -c 'source scripts/lib.sh; build_docs'` after the page's build)");
  server = await serveDist('/');
  base = `${server.url}docs/`;
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

// The pages mkdocs.yml's nav lists, in order.
const NAV = [...readFileSync(join(ROOT, 'mkdocs.yml'), 'utf8').matchAll(/^ {2}- [^:\n]+: ([\w-]+)\.md$/gm)].map((m) => `${m[1]}.html`);

async function openWatched(url: string): Promise<{ page: Page; consoleErrors: string[]; status: number }> {
  const page = await newPageWatched(session.context);
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('requestfailed', (r) => consoleErrors.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
  const response = await page.goto(url);
  return { page, consoleErrors, status: response?.status() ?? 0 };
}

type Stats = { epoch: number; trainLoss: number; testLoss: number };
type Pg = {
  ready: Promise<void>;
  play(): void;
  pause(): void;
  getState(): Record<string, unknown>;
  on(event: 'epoch', fn: (s: Stats) => void): () => void;
  debug: { epoch(): number; config(): { dataset: string } };
};

// Waits for the page's script to mount the playground `id` and for its
// engine; when it does not come, says what the page reported instead.
async function playground(page: Page, id: string, consoleErrors: string[]): Promise<void> {
  try {
    await page.waitForFunction((key) => (window as unknown as { playgrounds?: Record<string, unknown> }).playgrounds?.[key] !== undefined, id, {
      timeout: 30_000,
    });
    await page.evaluate((key) => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds[key]!.ready, id);
  } catch (e) {
    throw new Error(
      `the playground ${id} did not start (${e instanceof Error ? e.message.split('\n')[0] : e}); page errors: ${JSON.stringify(pageErrors(page))}; console: ${JSON.stringify(consoleErrors)}`,
    );
  }
}
const epochOf = (page: Page, id: string) =>
  page.evaluate((key) => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds[key]!.debug.epoch(), id);

describe('the docs site', () => {
  it('lists every page of docs/ in its nav, in the order of mkdocs.yml', async () => {
    const files = readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, '.html'));
    expect([...NAV].sort()).toEqual(files.sort());
    const { page } = await openWatched(`${base}index.html`);
    const links = await page.$$eval('nav.md-nav--primary a.md-nav__link[href]', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').pop()!),
    );
    expect([...new Set(links.filter((l) => l.endsWith('.html')))]).toEqual(NAV);
    await page.close();
  });

  it('loads every page with its heading and no page error, console error or failed request', async () => {
    for (const name of NAV) {
      const { page, consoleErrors, status } = await openWatched(`${base}${name}`);
      expect(status, name).toBe(200);
      expect((await page.textContent('article h1'))?.trim().length, `${name}: its h1`).toBeGreaterThan(0);
      // the pages with a playground: let it start, so its errors count too
      for (const id of await page.$$eval('script[type=module]', (ss) =>
        ss.flatMap((s) => [...(s.textContent ?? '').matchAll(/playgrounds \?\?= \{\}\)\['([\w-]+)'\]/g)].map((m) => m[1]!)),
      ))
        await playground(page, id, consoleErrors);
      // the template loads the library once on every page; the pages' tags start with it
      expect(await page.locator('script[type=module][src$="lib/nn-playground.js"]').count(), name).toBe(1);
      await page.waitForFunction(() => [...document.querySelectorAll('nn-playground')].every((t) => (t as unknown as { playground: unknown }).playground));
      await page.evaluate(() => Promise.all([...document.querySelectorAll('nn-playground')].map((t) => (t as unknown as { playground: Pg }).playground.ready)));
      expect(pageErrors(page), name).toEqual([]);
      expect(consoleErrors, name).toEqual([]);
      await page.close();
    }
  });

  it('resolves every link from one page to another, and the heading each link names', async () => {
    // one visit a page: the ids on it and the links from it
    const pages = new Map<string, { ids: Set<string>; hrefs: string[] }>();
    for (const name of NAV) {
      const page = await session.context.newPage();
      const response = await page.goto(`${base}${name}`);
      expect(response?.status(), name).toBe(200);
      const ids = new Set(await page.$$eval('[id]', (es) => es.map((e) => e.id)));
      const hrefs = await page.$$eval('article a[href], nav a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      pages.set(name, { ids, hrefs });
      await page.close();
    }
    let links = 0;
    for (const [name, { hrefs }] of pages) {
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== new URL(base).origin || !url.pathname.startsWith('/docs/')) continue;
        const target = url.pathname.slice('/docs/'.length) || 'index.html';
        if (!target.endsWith('.html')) continue;
        const onTarget = pages.get(target);
        expect(onTarget, `${name} → ${target}: a page of the nav`).toBeDefined();
        if (url.hash) expect(onTarget!.ids.has(decodeURIComponent(url.hash.slice(1))), `${name} → ${target}${url.hash}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(NAV.length * 2); // the nav alone links every page from every page
  });

  it("trains the using page's playground: its epoch and losses advance, read through the library's API", async () => {
    const { page, consoleErrors } = await openWatched(`${base}using.html`);
    await playground(page, 'using-lab', consoleErrors);
    expect(await page.evaluate(() => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['using-lab']!.debug.config().dataset)).toBe(
      'spiral',
    );
    const start = await epochOf(page, 'using-lab');
    await page.evaluate(() => {
      const pg = (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['using-lab']!;
      const w = window as unknown as { seen: Stats[] };
      w.seen = [];
      pg.on('epoch', (s) => w.seen.push(s));
      pg.play();
    });
    const seen = await waitUntil(
      () => page.evaluate(() => (window as unknown as { seen: Stats[] }).seen),
      (s) => s.length > 0 && s.at(-1)!.epoch >= start + 5,
      60_000,
      'five epochs of training',
    );
    await page.evaluate(() => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['using-lab']!.pause());
    const last = seen.at(-1)!;
    expect(Number.isFinite(last.trainLoss) && last.trainLoss > 0).toBe(true);
    expect(Number.isFinite(last.testLoss)).toBe(true);
    // the map is drawn inside the playground's own box (its shadow root)
    expect(
      await page.evaluate(() => document.querySelector('#using-lab .nnp-embed-host')?.shadowRoot?.querySelector('[data-testid=output-canvas]') !== null),
    ).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('trains the <nn-playground> tags of a Markdown page that has no script of its own (the template loads the library)', async () => {
    const { page, consoleErrors } = await openWatched(`${base}embedding.html`);
    expect(await page.locator('article script').count()).toBe(0);
    const tags = page.locator('article nn-playground');
    expect(await tags.evaluateAll((ts) => ts.map((t) => t.id))).toEqual(['tag-xor', 'tag-spiral']);
    await page.waitForFunction(() => customElements.get('nn-playground') !== undefined);
    await page.evaluate(() => {
      const w = window as unknown as { epochs: Record<string, number> };
      w.epochs = {};
      document.addEventListener('nnp-epoch', (e) => (w.epochs[(e.target as HTMLElement).id] = (e as CustomEvent<Stats>).detail.epoch));
    });
    const pgs = () => [...document.querySelectorAll('article nn-playground')].map((t) => (t as unknown as { playground: Pg }).playground);
    await page.evaluate(`Promise.all((${pgs.toString()})().map((p) => p.ready))`);
    const datasets = await page.evaluate(`(${pgs.toString()})().map((p) => p.debug.config().dataset)`);
    expect(datasets).toEqual(['xor', 'spiral']);
    await page.evaluate(`(${pgs.toString()})().forEach((p) => p.play())`);
    await waitUntil(
      () => page.evaluate(() => (window as unknown as { epochs: Record<string, number> }).epochs),
      (e) => (e['tag-xor'] ?? 0) >= 3 && (e['tag-spiral'] ?? 0) >= 3,
      60_000,
      'three epochs of both tags, heard on the document',
    );
    await page.evaluate(`(${pgs.toString()})().forEach((p) => p.pause())`);
    // the tags' fallback links are no longer shown; the spiral's box has its height
    expect(await page.locator('article nn-playground > a').first().isVisible()).toBe(false);
    expect(await page.locator('#tag-spiral .nnp-embed-host').evaluate((e) => e.getBoundingClientRect().height)).toBe(480);
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("the course authors' page: its tags read a lesson file and an inline lesson, and the file's exercise is reached by training, said by the page from nnp-goal", async () => {
    const { page, consoleErrors } = await openWatched(`${base}course-authors.html`);
    const card = (id: string) => page.locator(`#${id} [data-testid=lesson]`);
    await card('author-xor').locator('[data-testid=lesson-title]:text("XOR with X₁ and X₂ only")').waitFor();
    await card('author-inline').locator('[data-testid=lesson-title]:text("The circle with three neurons")').waitFor();
    expect(await card('author-inline').locator('[data-testid=lesson-goal-list] li').count()).toBe(2);
    expect(await page.textContent('#author-xor-goal')).toBe('Goal not reached yet.');
    await page.locator('#author-xor [data-testid=play]').click();
    await card('author-xor').locator('[data-testid=lesson-goal-status]:text("Reached at epoch")').waitFor({ timeout: 20_000 });
    const status = await card('author-xor').locator('[data-testid=lesson-goal-status]').textContent();
    await page.waitForFunction(() => document.getElementById('author-xor-goal')?.textContent !== 'Goal not reached yet.');
    expect(`Reached at epoch ${/(\d+)\.$/.exec((await page.textContent('#author-xor-goal')) ?? '')?.[1]}: every goal holds.`).toBe(status);
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("has a button for every lesson, with the lesson's title, and loads the one clicked; the progress line shows the epochs the page reads from pg.on('epoch')", async () => {
    const { page, consoleErrors } = await openWatched(`${base}lessons.html`);
    const rows = await page.$$eval('article table tr:has(button[data-lesson])', (trs) =>
      trs.map((tr) => ({ id: tr.querySelector('button')!.getAttribute('data-lesson')!, title: tr.querySelectorAll('td')[1]!.textContent!.trim() })),
    );
    expect(rows).toEqual(LESSONS.map((l) => ({ id: l.id, title: l.title })));
    await playground(page, 'lesson-lab', consoleErrors);
    expect(await page.evaluate(() => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['lesson-lab']!.getState().lesson)).toBe(
      'xor-hidden',
    );

    await page.click('button[data-lesson=softmax]');
    const softmax = LESSONS.find((l) => l.id === 'softmax')!;
    await waitUntil(
      () =>
        page.evaluate(() => {
          const pg = (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['lesson-lab']!;
          return { lesson: pg.getState().lesson, dataset: pg.debug.config().dataset };
        }),
      (s) => s.lesson === 'softmax' && s.dataset === softmax.variants[0]!.config.dataset,
      30_000,
      'the softmax lesson to load',
    );
    await page.evaluate(() => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['lesson-lab']!.play());
    await waitUntil(
      () => epochOf(page, 'lesson-lab'),
      (e) => e >= 3,
      60_000,
      'three epochs',
    );
    await page.evaluate(() => (window as unknown as { playgrounds: Record<string, Pg> }).playgrounds['lesson-lab']!.pause());
    // The line follows the events: once training has stopped, it names the epoch the playground is at.
    const line = await waitUntil(
      async () => ({ text: (await page.textContent('#lesson-progress')) ?? '', epoch: await epochOf(page, 'lesson-lab') }),
      (l) => l.text.startsWith(`Epoch ${l.epoch}: training loss `),
      10_000,
      'the progress line to show the current epoch',
    );
    expect(line.epoch).toBeGreaterThanOrEqual(3);
    expect(line.text).toMatch(/^Epoch \d+: training loss \d+\.\d{4}, test loss \d+\.\d{4}$/);
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('the README', () => {
  it('is at most 200 lines, and every file it links to exists', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(5);
    for (const t of targets) expect(existsSync(join(ROOT, t)), t).toBe(true);
  });

  it('shows docs/screenshot.png: a PNG of 1280 × 800, the viewport scripts/screenshot.mjs takes the page at', () => {
    const png = readFileSync(join(ROOT, 'docs/screenshot.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]); // IHDR width, height
  });
});
