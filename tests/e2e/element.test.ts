// <nn-playground> in a plain page: three tags and one <script src> of the
// library, no script of the page's own for the playgrounds. Each tag trains
// with its own settings and panels, a bad attribute is named in its notice,
// a changed attribute changes that playground only, the events bubble to the
// document, removing a tag stops its worker, and the tag's own content shows
// where scripts are off and is replaced once the element is defined.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { defaults } from '../../web/src/settings/schema';
import { DIST, launch, newPageWatched, pageErrors, serveDist, waitUntil, type Session } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let session: Session;
let origin = '';
beforeAll(async () => {
  server = await serveDist('/course/nn/');
  origin = new URL(server.url).origin;
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Three tags</title>
<script type="module" src="/course/nn/nn-playground.js"></script></head>
<body>
<nn-playground id="a" dataset="xor" network-shape="4" learning-rate="0.03" panels="run,network,output">
  <a id="fallback-a" href="/course/nn/index.html#dataset=xor">Open the XOR playground</a>
</nn-playground>
<nn-playground id="b" dataset="spiral" networkShape="8,8" activation="relu" panels="output,charts" height="420">
  <p id="fallback-b">The spiral playground needs JavaScript.</p>
</nn-playground>
<nn-playground id="c" dataset="circle" learning-rate="fast" panels="output,maps">
  <a id="fallback-c" href="/course/nn/index.html">Open the playground</a>
</nn-playground>
<script>
  // What reaches the document: every playground event, with its tag.
  window.heard = [];
  for (const name of ['nnp-ready', 'nnp-epoch', 'nnp-state'])
    document.addEventListener(name, (e) => window.heard.push({ type: e.type, id: e.target.id, epoch: e.detail?.epoch ?? null }));
</script>
</body></html>`;

type Heard = { type: string; id: string; epoch: number | null };
type Pg = {
  ready: Promise<void>;
  play(): void;
  pause(): void;
  getState(): Record<string, unknown>;
  debug: {
    compare(): { settings: Record<string, unknown> } | null;
    epoch(): number;
    config(): { dataset: string; optimizer: { learning_rate: number }; hidden: { width: number }[] } | null;
  };
};
type Tag = HTMLElement & { playground: Pg | null };

async function openTags(context: BrowserContext, html = PAGE): Promise<Page> {
  const url = `${origin}/tags.html`;
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  const page = await newPageWatched(context);
  await page.goto(url);
  return page;
}

// The page, once its three playgrounds have said they are ready.
async function openReady(): Promise<Page> {
  const page = await openTags(session.context);
  await waitUntil(
    () => heard(page),
    (h) => h.filter((e) => e.type === 'nnp-ready').length === 3,
    60_000,
    'the three playgrounds',
  );
  return page;
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const state = (page: Page, id: string) => page.evaluate((i) => (document.getElementById(i) as Tag).playground!.getState(), id);

describe('<nn-playground> in a plain page', () => {
  it('trains three tags with their own settings and panels; a bad attribute is named; their events bubble to the document', async () => {
    const page = await openTags(session.context);
    await waitUntil(
      () => heard(page),
      (h) => ['a', 'b', 'c'].every((id) => h.some((e) => e.type === 'nnp-ready' && e.id === id)),
      60_000,
      'the three playgrounds to be ready',
    );
    const configs = await page.evaluate(() => ['a', 'b', 'c'].map((id) => (document.getElementById(id) as Tag).playground!.debug.config()!));
    expect(configs.map((c) => c.dataset)).toEqual(['xor', 'spiral', 'circle']);
    expect(configs.map((c) => c.hidden.map((h) => h.width))).toEqual([[4], [8, 8], defaults().networkShape]);
    expect(configs[0]!.optimizer.learning_rate).toBe(0.03);
    // c: the bad value is named with its value, the default stays; the unknown panel too
    const notice = page.locator('#c [data-testid=notice]');
    await expect.poll(() => notice.textContent()).toContain('learningRate=fast: not a valid learning rate');
    expect(await notice.textContent()).toContain('panels: unknown panel "maps"');
    expect((await state(page, 'c')).learningRate).toBe(defaults().learningRate);
    expect(await page.locator('#a [data-testid=notice]').isVisible()).toBe(false);
    // panels: a has the run bar and the network, not the charts; b the reverse; b's box is 420 px tall
    // (the charts are a part loaded on first use: waited for)
    const part = (id: string, testId: string) => page.locator(`#${id} [data-testid=${testId}]`).first();
    for (const [id, testId] of [
      ['a', 'play'],
      ['a', 'links'],
      ['b', 'loss-chart'],
    ] as const)
      await part(id, testId).waitFor({ state: 'visible', timeout: 30_000 });
    expect([await part('a', 'loss-chart').isVisible(), await part('b', 'play').isVisible(), await part('b', 'links').isVisible()]).toEqual([
      false,
      false,
      false,
    ]);
    const bBox = page.locator('#b .nnp-embed-host');
    expect(await bBox.evaluate((e) => e.getBoundingClientRect().height)).toBe(420);
    // printed: all of it, not the box clipped to its height
    await page.emulateMedia({ media: 'print' });
    expect(await bBox.evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(420);
    await page.emulateMedia({ media: 'screen' });

    await page.evaluate(() => ['a', 'b', 'c'].forEach((id) => (document.getElementById(id) as Tag).playground!.play()));
    const h = await waitUntil(
      () => heard(page),
      (all) => ['a', 'b', 'c'].every((id) => all.some((e) => e.type === 'nnp-epoch' && e.id === id && (e.epoch ?? 0) >= 3)),
      60_000,
      'three epochs of each playground, heard on the document',
    );
    expect(h.filter((e) => e.type === 'nnp-epoch').length).toBeGreaterThan(9);
    await page.evaluate(() => ['a', 'b', 'c'].forEach((id) => (document.getElementById(id) as Tag).playground!.pause()));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('changes only the playground whose attribute changed; a refused value is named and changes nothing', async () => {
    const page = await openReady();
    const before = { b: await state(page, 'b'), c: await state(page, 'c') };
    await page.evaluate(() => {
      (window as unknown as { heard: Heard[] }).heard.length = 0;
      document.getElementById('a')!.setAttribute('learning-rate', '0.1');
      document.getElementById('a')!.setAttribute('dataset', 'gauss');
    });
    const a = await waitUntil(
      () => page.evaluate(() => (document.getElementById('a') as Tag).playground!.debug.config()!),
      (c) => c.optimizer.learning_rate === 0.1 && c.dataset === 'gauss',
      30_000,
      "a's new learning rate and data set in the engine",
    );
    expect(a.hidden.map((h) => h.width)).toEqual([4]); // the rest of a stays
    expect(await state(page, 'b')).toEqual(before.b);
    expect(await state(page, 'c')).toEqual(before.c);
    const states = (await heard(page)).filter((e) => e.type === 'nnp-state');
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((e) => e.id === 'a')).toBe(true);

    // the same notice as setState's, naming the key and the value; nothing else changes
    await page.evaluate(() => document.getElementById('b')!.setAttribute('network-shape', 'wide'));
    await expect.poll(() => page.locator('#b [data-testid=notice]').textContent()).toContain('networkShape: "wide" is not a valid hidden layers');
    expect(await state(page, 'b')).toEqual(before.b);
    // removed: back to the default
    await page.evaluate(() => document.getElementById('a')!.removeAttribute('learning-rate'));
    await expect.poll(() => state(page, 'a').then((s) => s.learningRate)).toBe(defaults().learningRate);
    // compare: the playground is made anew from the tag, comparing with side B's own settings
    await page.evaluate(() => document.getElementById('c')!.setAttribute('compare', 'learning-rate=0.3&optimizer=adam'));
    const b = await waitUntil(
      () => page.evaluate(() => (document.getElementById('c') as Tag).playground!.debug.compare()?.settings ?? null),
      (side) => side !== null,
      30_000,
      "c's side B",
    );
    expect([b!.learningRate, b!.optimizer, b!.dataset]).toEqual([0.3, 'adam', 'circle']);
    // a lesson-src within its limit as written but past it as the URL it becomes: named, and the playground made all the same
    await page.evaluate(() => document.getElementById('b')!.setAttribute('lesson-src', `${'l'.repeat(1990)}.json`));
    await expect
      .poll(() => page.locator('#b [data-testid=notice]').textContent())
      .toContain("lesson-src: longer than 2000 characters once read against the page's address, not read");
    expect(await state(page, 'b')).toMatchObject({ dataset: before.b.dataset, lesson: '' });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('stops the worker of a removed tag and makes a new playground when it is put back; a second copy of the library defines nothing twice', async () => {
    const page = await openReady();
    expect(page.workers().length).toBe(3);
    await page.evaluate(() => {
      (window as unknown as { parked: HTMLElement }).parked = document.getElementById('a')!;
      document.getElementById('a')!.remove();
    });
    await waitUntil(
      async () => page.workers().length,
      (n) => n === 2,
      10_000,
      'the removed playground’s worker to stop',
    );
    expect(await page.evaluate(() => (window as unknown as { parked: Tag }).parked.playground)).toBeNull();
    await page.evaluate(() => {
      (window as unknown as { heard: Heard[] }).heard.length = 0;
      document.body.append((window as unknown as { parked: HTMLElement }).parked);
    });
    await waitUntil(
      () => heard(page),
      (h) => h.some((e) => e.type === 'nnp-ready' && e.id === 'a'),
      60_000,
      'the playground put back',
    );
    expect(page.workers().length).toBe(3);
    expect((await page.evaluate(() => (document.getElementById('a') as Tag).playground!.debug.config()!)).dataset).toBe('xor');
    // a second copy of the library's code (another URL, as the npm package beside dist/ would be):
    // it runs its definition again, which leaves the first one's
    const chunk = readdirSync(join(DIST, 'assets')).find(
      (f) => f.endsWith('.js') && readFileSync(join(DIST, 'assets', f), 'utf8').includes('customElements.define'),
    );
    expect(chunk).toBeDefined();
    const again = await page.evaluate(`(async () => {
      const first = customElements.get('nn-playground');
      await import('${origin}/course/nn/assets/${chunk}?copy=2');
      return customElements.get('nn-playground') === first;
    })()`);
    expect(again).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("shows the tag's own content where scripts are off, and replaces it once the element is defined", async () => {
    const off = await session.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await openTags(off);
      for (const id of ['fallback-a', 'fallback-b', 'fallback-c']) expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
      expect(await page.locator('#fallback-a').getAttribute('href')).toBe('/course/nn/index.html#dataset=xor');
    } finally {
      await off.close();
    }
    const page = await openTags(session.context);
    await page.waitForFunction(() => customElements.get('nn-playground') !== undefined);
    for (const id of ['fallback-a', 'fallback-b', 'fallback-c']) expect(await page.locator(`#${id}`).isVisible(), id).toBe(false);
    expect(await page.locator('#a').evaluate((e) => getComputedStyle(e).display)).toBe('block');
    await page.close();
  });
});
