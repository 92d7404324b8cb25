// <nn-playground> in a plain page: three tags and one <script src> of the
// library, no script of the page's own for the playgrounds. Each tag trains
// with its own settings and panels, a bad attribute is named in its notice,
// a changed attribute changes that playground only, the events bubble to the
// document, removing a tag stops its worker, and the tag's own content shows
// where scripts are off and is replaced once the element is defined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { defaults } from '../../web/src/settings/schema';
import { launch, newPageWatched, pageErrors, serveDist, waitUntil, type Session } from './harness';

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
  debug: { epoch(): number; config(): { dataset: string; optimizer: { learning_rate: number }; hidden: { width: number }[] } | null };
};
type Tag = HTMLElement & { playground: Pg | null };

async function openTags(context: BrowserContext, html = PAGE): Promise<Page> {
  const url = `${origin}/tags.html`;
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  const page = await newPageWatched(context);
  await page.goto(url);
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
    const shown = (id: string, testId: string) => page.locator(`#${id} [data-testid=${testId}]`).first().isVisible();
    expect([await shown('a', 'play'), await shown('a', 'links'), await shown('a', 'loss-chart')]).toEqual([true, true, false]);
    expect([await shown('b', 'play'), await shown('b', 'links'), await shown('b', 'loss-chart')]).toEqual([false, false, true]);
    expect(await page.locator('#b .nnp-embed-host').evaluate((e) => e.getBoundingClientRect().height)).toBe(420);

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
});
