// The library build inside real course tools: a reveal.js deck (the npm
// package, a devDependency) and a page whose global CSS targets `section`,
// `button` and `canvas`. dist/ is served at /course/nn/; the host pages and
// reveal.js's files are served on the same origin by the test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, newPageWatched, pageErrors, ROOT, serveDist, settled, waitUntil, type Session } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let session: Session;
let origin = '';
let mkdocs = '';
const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

// A real MkDocs site with the Material theme (Debian's mkdocs-material,
// installed by scripts/lib.sh): three pages, the playground on the second.
function buildMkdocsSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnp-mkdocs-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'mkdocs.yml'), 'site_name: A course\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n  - lab.md\n  - next.md\n');
  writeFileSync(join(dir, 'docs/index.md'), '# Welcome\n\nStart here.\n');
  writeFileSync(
    join(dir, 'docs/lab.md'),
    `# The lab\n\nText before the playground.\n\n<div id="pg"></div>\n\n<script type="module">\nimport { mount } from '/course/nn/nn-playground.js';\nwindow.pg = mount(document.getElementById('pg'), { settings: { dataset: 'xor', networkShape: [4], epochsPerFrame: 2 }, panels: ['run', 'network', 'output'] });\n</script>\n\nText after.\n`,
  );
  writeFileSync(join(dir, 'docs/next.md'), '# Next page\n\nDone.\n');
  execFileSync('mkdocs', ['build', '-q', '-f', join(dir, 'mkdocs.yml'), '-d', join(dir, 'site')], { stdio: 'pipe' });
  return dir;
}

beforeAll(async () => {
  server = await serveDist('/course/nn/');
  origin = new URL(server.url).origin;
  session = await launch();
  const reveal = join(ROOT, 'node_modules/reveal.js/dist');
  await session.context.route(`${origin}/reveal/**`, (route) => {
    const file = join(reveal, new URL(route.request().url()).pathname.slice('/reveal/'.length));
    const type = extname(file) === '.css' ? 'text/css' : 'text/javascript';
    route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  mkdocs = buildMkdocsSite();
  const site = join(mkdocs, 'site');
  await session.context.route(`${origin}/site/**`, (route) => {
    let file = normalize(join(site, decodeURIComponent(new URL(route.request().url()).pathname.slice('/site/'.length))));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(site) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
});
afterAll(async () => {
  if (mkdocs) rmSync(mkdocs, { recursive: true, force: true });
  await session?.close();
  await server?.close();
});

type Ctl = { ready: Promise<void>; element: HTMLElement; debug: { epoch(): number; running(): boolean } };

async function routePage(context: BrowserContext, url: string, html: string): Promise<void> {
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

const epoch = (page: Page) => page.evaluate(() => (window as unknown as { pg: Ctl }).pg.debug.epoch());
const running = (page: Page) => page.evaluate(() => (window as unknown as { pg: Ctl }).pg.debug.running());

const DECK = (mountOptions: string) => `<!doctype html><html><head><meta charset="utf-8"><title>A deck</title>
<link rel="stylesheet" href="/reveal/reveal.css"><link rel="stylesheet" href="/reveal/theme/white.css"></head>
<body><div class="reveal"><div class="slides">
  <section><h2>One</h2></section>
  <section><h2>Two</h2></section>
  <section id="three"><h3 id="title">Three: train it</h3><div id="pg"></div></section>
  <section><h2>Four</h2></section>
  <section><h2>Five</h2></section>
</div></div>
<script type="module">
  import Reveal from '/reveal/reveal.mjs';
  import { mount } from '/course/nn/nn-playground.js';
  const deck = new Reveal({ hash: false, width: 960, height: 700, transition: 'none' });
  await deck.initialize();
  window.deck = deck;
  window.pg = mount(document.getElementById('pg'), ${mountOptions});
</script></body></html>`;

const slideIndex = (page: Page) => page.evaluate(() => (window as unknown as { deck: { getIndices(): { h: number; v: number } } }).deck.getIndices());
const totalSlides = (page: Page) => page.evaluate(() => (window as unknown as { deck: { getTotalSlides(): number } }).deck.getTotalSlides());

describe('the library in course tools', () => {
  it('works on slide 3 of a reveal.js deck: one slide stays one slide, keys and clicks reach it while it has focus, it fits the slide', async () => {
    const url = `${origin}/deck.html`;
    await routePage(
      session.context,
      url,
      DECK(`{ settings: { dataset: 'xor', networkShape: [4], epochsPerFrame: 2 }, panels: ['run', 'network', 'output'], width: 900, height: 560 }`),
    );
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { pg?: unknown }).pg !== undefined);
    await page.evaluate(() => (window as unknown as { pg: Ctl }).pg.ready);
    expect(await totalSlides(page)).toBe(5);

    // to slide 3 with the keyboard
    await page.locator('body').press('ArrowRight');
    await page.locator('body').press('ArrowRight');
    expect(await slideIndex(page)).toEqual({ h: 2, v: 0 });
    await page.waitForSelector('[data-testid=output-canvas]');
    expect(await totalSlides(page)).toBe(5);
    expect(await page.evaluate(() => document.querySelectorAll('.reveal .slides section').length)).toBe(5);

    // it fits the slide as reveal scales it: inside the slide's box, as laid out
    const fit = await page.evaluate(() => {
      const slide = document.getElementById('three')!.getBoundingClientRect();
      const pg = (window as unknown as { pg: Ctl }).pg.element;
      const box = pg.getBoundingClientRect();
      const deckScale = (window as unknown as { deck: { getScale(): number } }).deck.getScale();
      return {
        slide: [slide.left, slide.top, slide.right, slide.bottom],
        box: [box.left, box.top, box.right, box.bottom],
        layout: [pg.offsetWidth, pg.offsetHeight],
        scale: box.width / pg.offsetWidth,
        deckScale,
      };
    });
    expect(fit.layout).toEqual([900, 560]);
    // run, network and output at 900 px: network and output side by side, filling the width
    const panels = await page.evaluate(() => {
      const root = (window as unknown as { pg: Ctl }).pg.element.shadowRoot!;
      const r = (s: string) => root.querySelector(s)!.getBoundingClientRect();
      const [box, network, output] = [root.querySelector('.nnp')!.getBoundingClientRect(), r('.nnp-network'), r('.nnp-output')];
      return { box: [box.left, box.right], network: [network.left, network.top, network.right], output: [output.left, output.top, output.right] };
    });
    expect(Math.abs(panels.network[1]! - panels.output[1]!)).toBeLessThan(2); // one row
    expect(panels.network[0]!).toBeCloseTo(panels.box[0]!, 0);
    expect(panels.output[2]!).toBeCloseTo(panels.box[1]!, 0);
    expect(panels.output[0]!).toBeGreaterThan(panels.network[2]!);
    expect(fit.box[0]!).toBeGreaterThanOrEqual(fit.slide[0]! - 1);
    expect(fit.box[2]!).toBeLessThanOrEqual(fit.slide[2]! + 1);
    expect(fit.box[3]!).toBeLessThanOrEqual(fit.slide[3]! + 1);
    expect(fit.deckScale).not.toBe(1); // a 960×700 slide in a 1280×800 window: reveal scales it, and the playground with it
    expect(fit.scale).toBeCloseTo(fit.deckScale, 2);

    // played by a mouse click
    expect(await epoch(page)).toBe(0);
    await page.locator('[data-testid=play]').click();
    await waitUntil(
      () => epoch(page),
      (e) => e >= 10,
      20_000,
      'training after a click on Play',
    );
    expect(await slideIndex(page)).toEqual({ h: 2, v: 0 });

    // keys on its controls are its own: Space pauses, arrows move no slide
    await page.keyboard.press('Space');
    await waitUntil(
      () => running(page),
      (r) => r === false,
      5000,
      'Space on Play to pause',
    );
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    expect(await slideIndex(page)).toEqual({ h: 2, v: 0 });
    const paused = await settled(async () => ({ epoch: await epoch(page), running: await running(page) }));
    await page.keyboard.press('Enter'); // Enter on the focused Play button plays again
    await waitUntil(
      () => epoch(page),
      (e) => e > paused,
      10_000,
      'Enter on Play to play',
    );

    // focus elsewhere: the deck's keys work again
    await page.locator('#title').click();
    await page.keyboard.press('ArrowRight');
    expect(await slideIndex(page)).toEqual({ h: 3, v: 0 });
    expect(await totalSlides(page)).toBe(5);

    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('works on a MkDocs Material page: its keys (n: next page, s: search) do not fire while the playground has focus, and do when it has not', async () => {
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(`${origin}/site/lab/`);
    await page.waitForFunction(() => (window as unknown as { pg?: unknown }).pg !== undefined);
    await page.evaluate(() => (window as unknown as { pg: Ctl }).pg.ready);
    await page.waitForSelector('[data-testid=output-canvas]');
    // the theme is there, and the playground fills the content column
    expect(await page.locator('.md-header').count()).toBe(1);
    const fit = await page.evaluate(() => {
      const pg = (window as unknown as { pg: Ctl }).pg.element.getBoundingClientRect();
      const column = document.querySelector('.md-content__inner')!.getBoundingClientRect();
      const root = (window as unknown as { pg: Ctl }).pg.element.shadowRoot!;
      return { pg: [pg.left, pg.right], column: [column.left, column.right], play: root.querySelector('[data-testid=play]')!.getBoundingClientRect().width };
    });
    expect(fit.pg[0]!).toBeGreaterThanOrEqual(fit.column[0]! - 1);
    expect(fit.pg[1]!).toBeLessThanOrEqual(fit.column[1]! + 1);
    expect(fit.play).toBeGreaterThanOrEqual(44); // styled (the theme's button rules would make it a bare button)

    await page.locator('[data-testid=play]').click();
    await waitUntil(
      () => epoch(page),
      (e) => e >= 10,
      20_000,
      'training after a click on Play',
    );
    // on the playground's controls, the theme's keys do nothing. The theme acts
    // inside its key handler: a page about to leave says so at once (beforeunload).
    await page.evaluate(() => window.addEventListener('beforeunload', () => ((window as unknown as { leaving: boolean }).leaving = true)));
    await page.keyboard.press('n');
    await page.keyboard.press('.');
    await page.keyboard.press('s');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(await page.evaluate(() => (window as unknown as { leaving?: boolean }).leaving ?? false)).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/site/lab/');
    expect(await page.evaluate(() => (document.getElementById('__search') as HTMLInputElement | null)?.checked ?? false)).toBe(false);
    // elsewhere on the page they work
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.waitForURL(/\/site\/next\/$/, { timeout: 5000 });
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("fits the docs' iframe example to its content by the size event, and shrinks it on a phone", async () => {
    // the example as docs/embedding.md shows it, pointed at this server
    const doc = readFileSync(join(ROOT, 'docs/embedding.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## With an iframe'));
    const example = /```html\n([\s\S]*?)```/
      .exec(section)![1]!
      .replace('https://nn.example.edu/nn/', '/course/nn/')
      .replace('&origin=https://lms.example.edu', '');
    const url = `${origin}/iframe.html`;
    await routePage(
      session.context,
      url,
      `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><h1>Spirals</h1>${example}</body></html>`,
    );
    const page = await newPageWatched(session.context);
    await page.goto(url);
    const frame = (await (await page.waitForSelector('#spiral')).contentFrame())!;
    await frame.waitForFunction(() => (window as unknown as { nnp?: { ready: Promise<void> } }).nnp !== undefined);
    await frame.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await frame.waitForSelector('[data-testid=output-canvas]');
    const fitted = async () => {
      const outer = await page.evaluate(() => {
        const f = document.getElementById('spiral')!.getBoundingClientRect();
        return { width: Math.round(f.width), height: Math.round(f.height) };
      });
      const inner = await frame.evaluate(() => ({
        content: Math.ceil(document.body.getBoundingClientRect().height),
        scroll: document.documentElement.scrollHeight,
        view: innerHeight,
      }));
      return { ...outer, ...inner };
    };
    const wide = await waitUntil(fitted, (f) => f.height === f.content && f.scroll <= f.view, 10_000, 'the iframe to fit its content');
    expect(wide.width).toBe(900);
    expect(wide.height).not.toBe(620); // not the example's starting height: it was fitted

    await page.setViewportSize({ width: 390, height: 800 });
    const phone = await waitUntil(fitted, (f) => f.width < 390 && f.height === f.content && f.scroll <= f.view, 10_000, 'the iframe to fit on a phone');
    expect(phone.height).toBeGreaterThan(wide.height); // one column: taller
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('imports the library from another origin: the worker starts from a same-origin blob; without CORS on its files the message says what to do', async () => {
    const other = origin.replace('127.0.0.1', 'localhost'); // another origin, same server
    const url = `${other}/xo.html`;
    await routePage(
      session.context,
      url,
      `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="pg"></div><script type="module">
        import { mount } from '${origin}/course/nn/nn-playground.js';
        window.pg = mount(document.getElementById('pg'), { settings: { dataset: 'gauss', networkShape: [], epochsPerFrame: 2 }, panels: ['run', 'output', 'charts'] });
        window.pg.ready.then(() => (window.outcome = 'ready'), (e) => (window.outcome = String(e.message)));
      </script></body></html>`,
    );
    // The library's server allows other origins for all its files, or for all but the worker's
    // (that one then comes straight from the test server, which sends no CORS header).
    const withCors = (allowWorker: boolean) => async (page: Page) =>
      page.route(`${origin}/course/nn/**`, async (route) => {
        if (!allowWorker && route.request().url().includes('training.worker')) return route.continue();
        const response = await route.fetch();
        return route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
      });
    const outcome = (page: Page) => page.evaluate(() => (window as unknown as { outcome?: string }).outcome);

    const page = await newPageWatched(session.context);
    await withCors(true)(page);
    await page.goto(url);
    expect(
      await waitUntil(
        () => outcome(page),
        (o) => o !== undefined,
        20_000,
        'the engine',
      ),
    ).toBe('ready');
    await page.locator('[data-testid=play]').click();
    await waitUntil(
      () => epoch(page),
      (e) => e >= 10,
      20_000,
      'training across origins',
    );
    // The charts' code is a chunk loaded after the first view: from the library's origin too.
    await waitUntil(
      () => page.locator('[data-testid=loss-chart]').getAttribute('data-series'),
      (n) => n === '2',
      20_000,
      'the loss chart across origins',
    );
    expect(await page.locator('[data-testid=loss-chart] canvas').count()).toBeGreaterThan(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();

    const refused = await newPageWatched(session.context);
    await withCors(false)(refused);
    await refused.goto(url);
    const message = await waitUntil(
      () => outcome(refused),
      (o) => o !== undefined,
      20_000,
      'the engine to fail',
    );
    expect(message).toContain('Access-Control-Allow-Origin');
    expect(message).toContain(other);
    expect(await refused.locator('.nnp-loading.nnp-error').textContent()).toContain('Access-Control-Allow-Origin');
    await refused.close();
  });

  it('the Share / embed dialog gives the link to this state and iframe and mount() snippets that work when pasted', async () => {
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await newPageWatched(session.context);
    await page.goto(`${server.url}#dataset=spiral&networkShape=5&learningRate=0.1`);
    await page.waitForFunction(() => (window as unknown as { nnp?: { ready: Promise<void> } }).nnp !== undefined);
    await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=share-dialog]', { state: 'visible' }); // its code may still be loading
    const link = await page.inputValue('[data-testid=share-link]');
    expect(link).toBe(page.url());
    expect(link).toContain('learningRate=0.1');
    await page.click('[data-testid=copy-link]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(await page.textContent('[data-testid=share-status]')).toContain('Copied');

    // the panels to show: data and charts off
    await page.uncheck('[data-testid=share-dialog] [data-panel=data]');
    await page.uncheck('[data-testid=share-dialog] [data-panel=charts]');
    const iframe = await page.inputValue('[data-testid=share-iframe]');
    const mountSnippet = await page.inputValue('[data-testid=share-mount]');
    expect(iframe).toContain('panels=run,network,output');
    expect(mountSnippet).toContain("panels: ['run', 'network', 'output']");
    await page.keyboard.press('Escape');
    expect(await page.isVisible('[data-testid=share-dialog]')).toBe(false);
    await page.close();

    // pasted into course pages
    for (const [name, snippet] of [
      ['pasted-iframe', iframe],
      ['pasted-mount', mountSnippet],
    ] as const) {
      const url = `${origin}/${name}.html`;
      await routePage(session.context, url, `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Pasted</h1>${snippet}</body></html>`);
      const host = await newPageWatched(session.context);
      await host.goto(url);
      const scope = name === 'pasted-iframe' ? (await (await host.waitForSelector('iframe')).contentFrame())! : host.mainFrame();
      await scope.waitForSelector('[data-testid=output-canvas]', { timeout: 20_000 });
      expect(await scope.locator('.nnp-network').count()).toBe(1);
      expect(await scope.locator('.nnp-runbar').count()).toBe(1);
      expect(await scope.locator('.nnp-data, .nnp-charts').count()).toBe(0);
      expect(await scope.locator('[data-testid=output-canvas]').count()).toBe(1);
      if (name === 'pasted-iframe') {
        const state = await scope.evaluate(() => (window as unknown as { nnp: { getState(): Record<string, unknown> } }).nnp.getState());
        expect([state.dataset, state.learningRate, state.networkShape]).toEqual(['spiral', 0.1, [5]]);
      } else expect(await scope.locator('.nnp-network .nnp-node').count()).toBeGreaterThan(5); // 2 inputs, 5 hidden, 1 output at least
      expect(pageErrors(host)).toEqual([]);
      await host.close();
    }
  });

  it('keeps its look on a page whose global CSS targets section, button, canvas and body text, and leaves no blank page below', async () => {
    const url = `${origin}/aggressive.html`;
    await routePage(
      session.context,
      url,
      `<!doctype html><html><head><meta charset="utf-8"><title>Aggressive</title><style>
        * { box-sizing: content-box !important; }
        body { font-family: Georgia, serif; line-height: 3; letter-spacing: 3px; text-transform: uppercase; margin: 0; }
        section { display: block !important; position: absolute; top: 0; height: 12px; overflow: hidden; border: 4px solid red; }
        button { font-size: 40px !important; padding: 30px !important; background: red !important; display: block; width: 100%; }
        canvas { max-width: 40px !important; }
        select, input { display: none !important; }
        div { padding: 0; }
      </style></head><body><p id="before">Before</p><div id="pg"></div>
      <script type="module">
        import { mount } from '/course/nn/nn-playground.js';
        window.pg = mount(document.getElementById('pg'), { settings: { dataset: 'circle', networkShape: [3], epochsPerFrame: 2 }, height: 420 });
      </script></body></html>`,
    );
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { pg?: unknown }).pg !== undefined);
    await page.evaluate(() => (window as unknown as { pg: Ctl }).pg.ready);
    await page.waitForSelector('[data-testid=output-canvas]');
    await waitUntil(
      () => page.evaluate(() => getComputedStyle((window as unknown as { pg: Ctl }).pg.element).visibility),
      (v) => v === 'visible',
      5000,
      'the stylesheet',
    );

    const look = await page.evaluate(() => {
      const root = (window as unknown as { pg: Ctl }).pg.element.shadowRoot!;
      const q = (s: string) => root.querySelector<HTMLElement>(s)!;
      const play = q('[data-testid=play]').getBoundingClientRect();
      const panel = getComputedStyle(q('.nnp-network'));
      return {
        play: [Math.round(play.width), Math.round(play.height)],
        playBackground: getComputedStyle(q('[data-testid=play]')).backgroundColor,
        canvas: q('[data-testid=output-canvas]').getBoundingClientRect().width,
        select: getComputedStyle(q('select')).display,
        panelPosition: panel.position,
        panelBorder: panel.borderTopColor,
        text: [
          getComputedStyle(q('.nnp-runbar')).textTransform,
          getComputedStyle(q('.nnp-runbar')).letterSpacing,
          getComputedStyle(q('.nnp-runbar')).fontFamily,
        ],
        pageScroll: document.documentElement.scrollHeight,
        viewport: innerHeight,
        box: (window as unknown as { pg: Ctl }).pg.element.getBoundingClientRect().height,
      };
    });
    expect(look.play).toEqual([52, 52]);
    expect(look.playBackground).toBe('rgb(31, 111, 178)');
    expect(look.canvas).toBeGreaterThan(200);
    expect(look.select).not.toBe('none');
    expect(look.panelPosition).toBe('static');
    expect(look.panelBorder).toBe('rgb(225, 228, 232)');
    expect(look.text[0]).toBe('none');
    expect(look.text[1]).toBe('normal');
    expect(look.text[2]).not.toContain('Georgia');
    // a box 420 px tall and nothing of it escaping below: the page is no taller than the window
    expect(look.box).toBe(420);
    expect(look.pageScroll).toBeLessThanOrEqual(look.viewport);

    await page.locator('[data-testid=play]').click();
    await waitUntil(
      () => epoch(page),
      (e) => e >= 10,
      20_000,
      'training after a click on Play',
    );

    // printed: the whole playground, not the 420 px box clipping it
    await page.evaluate(() => (window as unknown as { pg: { pause(): void } }).pg.pause());
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const el = (window as unknown as { pg: Ctl }).pg.element;
      return {
        height: el.getBoundingClientRect().height,
        content: el.shadowRoot!.querySelector('.nnp-embed')!.getBoundingClientRect().height,
        clipped: el.scrollHeight > el.clientHeight,
      };
    });
    expect(printed.clipped).toBe(false);
    expect(printed.height).toBeGreaterThan(420);
    expect(Math.abs(printed.height - printed.content)).toBeLessThan(2);
    await page.emulateMedia({ media: 'screen' });
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
