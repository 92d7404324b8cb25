// Embedding in course pages: the example course page (two library playgrounds
// and an iframe), the library file imported by a plain page under a sub-path,
// and embed.html driven by postMessage from parents of allowed and
// not-allowed origins. dist/ is served at /course/nn/ throughout.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { FRAME_KEYS, parseFrameParams } from '../../web/src/embed/frame-params';
import { readCommand } from '../../web/src/embed/protocol';
import { MAX_FRAME_QUEUE } from '../../web/src/settings/limits';
import { knownKeys } from '../../web/src/settings/url';
import { launch, newPageWatched, pageErrors, serveDist, settled, waitUntil, type Session } from './harness';

// The course pages that embed the iframe, on a server of their own (another
// port, so another origin). Chromium blocks a loopback iframe in a page it
// does not know to be local, so these are not faked with page.route.
const parentPages = new Map<string, string>();
let parentServer: Server;
let parentPort = 0;

let server: Awaited<ReturnType<typeof serveDist>>;
let session: Session;
let port = 0;
beforeAll(async () => {
  server = await serveDist('/course/nn/');
  port = Number(new URL(server.url).port);
  parentServer = createServer((req, res) => {
    const html = parentPages.get((req.url ?? '/').split('?')[0]!);
    if (html === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((ok) => parentServer.listen(0, '127.0.0.1', ok));
  parentPort = (parentServer.address() as AddressInfo).port;
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  await new Promise<void>((ok) => (parentServer ? parentServer.close(() => ok()) : ok()));
});

type Ctl = {
  ready: Promise<void>;
  element: HTMLElement;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  destroy(): void;
  getState(): Record<string, unknown>;
  setState(p: Record<string, unknown>): Promise<string[]>;
  debug: { epoch(): number; running(): boolean; sync(): Promise<void> };
};

// Errors of a page and its frames: uncaught exceptions and console errors.
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${m.location().url}: ${m.text()}`));
  return errors;
}

// Serves one HTML page at `url` (any origin) from the test itself.
async function routePage(context: BrowserContext, url: string, html: string): Promise<void> {
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.waitForFunction(() => (window as unknown as { nnp?: unknown }).nnp !== undefined);
  await frame.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
  return frame;
}

const frameEpoch = (f: Frame) => f.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.debug.epoch());
const frameState = (f: Frame) => f.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.getState());

// A parent page that records every message from its frames and sends commands.
const PARENT_SCRIPT = `
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    const i = [...document.querySelectorAll('iframe')].findIndex((f) => f.contentWindow === e.source);
    if (i >= 0) window.received.push({ frameIndex: i, origin: e.origin, data: e.data });
  });
  window.send = (message, index = 0) => document.querySelectorAll('iframe')[index].contentWindow.postMessage(message, '*');
  let next = 0;
  window.call = (command, patch, index = 0) => {
    const requestId = 'call-' + ++next;
    window.send({ type: 'nnp:command', requestId, command, ...(patch === undefined ? {} : { patch }) }, index);
    return new Promise((resolve, reject) => {
      const end = Date.now() + 10000;
      const poll = () => {
        const r = window.received.find((m) => m.data && m.data.type === 'nnp:reply' && m.data.requestId === requestId);
        if (r) resolve(r.data);
        else if (Date.now() > end) reject(new Error('no reply to ' + command));
        else setTimeout(poll, 20);
      };
      poll();
    });
  };
</script>`;

type Received = {
  frameIndex: number;
  origin: string;
  data: Record<string, unknown> & { type?: string; event?: string; requestId?: unknown; data?: Record<string, unknown> };
};
type Reply = {
  type: 'nnp:reply';
  frame: string;
  requestId: string | number;
  ok: boolean;
  error?: string;
  result: Record<string, unknown> & { epoch: number; running: boolean; state?: Record<string, unknown>; refused?: string[] };
};

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const call = (page: Page, command: string, patch?: unknown, index = 0) =>
  page.evaluate(([c, p, i]) => (window as unknown as { call(c: string, p: unknown, i: number): Promise<Reply> }).call(c as string, p, i as number), [
    command,
    patch,
    index,
  ] as const);
const send = (page: Page, message: unknown, index = 0) =>
  page.evaluate(([m, i]) => (window as unknown as { send(m: unknown, i: number): void }).send(m, i as number), [message, index] as const);
const events = async (page: Page, name: string) => (await received(page)).filter((m) => m.data?.type === 'nnp:event' && m.data.event === name);

describe('embedding', () => {
  it('keeps its own hash keys apart from the settings keys, and reads them', () => {
    const settingsKeys = knownKeys();
    expect(FRAME_KEYS.filter((k) => settingsKeys.has(k))).toEqual([]);

    const p = parseFrameParams(
      `#dataset=xor&panels=run,bogus,output&learningRate=0.1&origin=${encodeURIComponent('https://a.edu/,ftp://x.org,https://b.edu/path,https://a.edu')},http://localhost:8080&frame=lab&autoplay=maybe`,
    );
    expect(p.settingsHash).toBe('#dataset=xor&learningRate=0.1');
    expect(p.panels).toEqual({
      run: true,
      data: false,
      network: false,
      output: true,
      charts: false,
      activation: false,
      lessons: false,
      stepthrough: false,
      files: false,
      gradients: false,
      hidden: false,
    });
    expect(p.origins).toEqual(['https://a.edu', 'http://localhost:8080']);
    expect(p.frame).toBe('lab');
    expect(p.autoplay).toBe(false);
    expect(p.notices).toHaveLength(4); // bogus, ftp:, a path, maybe
    expect(parseFrameParams('#panels=nothing').panels).toBeUndefined(); // no known panel: all shown
    expect(parseFrameParams('#origin=*&autoplay').origins).toEqual(['*']);
    expect(parseFrameParams('#autoplay').autoplay).toBe(true);
    expect(parseFrameParams('#origin=%E0%A4%A').notices).toEqual(['origin: not readable']);

    expect(readCommand({ type: 'nnp:command', requestId: 3, command: 'step' })).toEqual({ kind: 'command', requestId: 3, command: 'step' });
    expect(readCommand({ type: 'nnp:command', requestId: 'a', command: 'setState', patch: { learningRate: 1 } })).toEqual({
      kind: 'command',
      requestId: 'a',
      command: 'setState',
      patch: { learningRate: 1 },
    });
    expect(readCommand({ type: 'nnp:command', requestId: 'a', command: 'toString' }).kind).toBe('error');
    expect(readCommand({ type: 'nnp:command', requestId: 'a', command: 'setState', patch: null }).kind).toBe('error');
    expect(readCommand({ type: 'nnp:command', requestId: 'a', command: 'setState', patch: new Date() }).kind).toBe('error');
    for (const bad of [
      undefined,
      null,
      1,
      'x',
      [],
      { type: 'nnp:command', requestId: Infinity, command: 'play' },
      { type: 'nnp:command', requestId: true, command: 'play' },
    ])
      expect(readCommand(bad)).toEqual({ kind: 'ignore' });
  });

  it('runs the example course page: two playgrounds train independently, destroy() leaves the other working', async () => {
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(`${server.url}examples/course.html`);
    await page.waitForFunction(() => (window as unknown as { nnpEmbeds?: unknown[] }).nnpEmbeds?.length === 2);
    await page.evaluate(() => Promise.all((window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds.map((c) => c.ready)));
    await page.waitForSelector('#line .nnp-output-canvas');
    await page.waitForSelector('#circle .nnp-output-canvas');

    // each with its own panels
    expect(await page.locator('.nnp').count()).toBe(2);
    expect(await page.locator('#line .nnp-runbar').count()).toBe(1);
    expect(await page.locator('#line .nnp-network').count()).toBe(1);
    expect(await page.locator('#line .nnp-data, #line .nnp-charts, #line .nnp-activation, #line .nnp-toolbar').count()).toBe(0);
    expect(await page.locator('#circle .nnp-data').count()).toBe(1);
    expect(await page.locator('#circle .nnp-charts').count()).toBe(1);
    expect(await page.locator('#circle .nnp-activation').count()).toBe(0);

    // each with its own size, and styled inside its box only
    const look = await page.evaluate(() => {
      const [a, b] = (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds;
      // each playground is in its element's shadow root
      const inside = (i: number, sel: string) => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[i]!.element.shadowRoot!.querySelector(sel)!;
      const runbar = inside(0, '.nnp-runbar');
      return {
        widths: [a!.element.getBoundingClientRect().width, document.getElementById('line')!.getBoundingClientRect().width],
        height: b!.element.getBoundingClientRect().height,
        overflow: getComputedStyle(b!.element).overflowY,
        runbarBackground: getComputedStyle(runbar).backgroundColor,
        bodyFont: getComputedStyle(document.body).fontFamily,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        sheets: [
          document.querySelectorAll('link[data-nnp-stylesheet]').length,
          ...[a, b].map((c) => c!.element.shadowRoot!.querySelectorAll('link[data-nnp-stylesheet]').length),
        ],
        // laid out by its own width (980 px: two columns), not the window's (1280 px: three)
        tracks: getComputedStyle(inside(1, '.nnp-grid')).gridTemplateColumns.split(' ').length,
      };
    });
    expect(look.widths[0]).toBe(look.widths[1]);
    expect(look.height).toBe(760);
    expect(look.overflow).toBe('auto');
    expect(look.runbarBackground).toBe('rgb(255, 255, 255)');
    expect(look.bodyFont).toContain('Georgia'); // the course page's own font, not the playground's
    expect(look.bodyBackground).toBe('rgb(251, 250, 247)');
    expect(look.sheets).toEqual([0, 1, 1]); // the stylesheet in each shadow root, none in the page
    expect(look.tracks).toBe(2);

    const state = () =>
      page.evaluate(() =>
        (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds.map((c) => ({
          dataset: c.getState().dataset,
          shape: c.getState().networkShape,
          epoch: c.debug.epoch(),
        })),
      );
    expect(await state()).toEqual([
      { dataset: 'xor', shape: [], epoch: 0 },
      { dataset: 'circle', shape: [4], epoch: 0 },
    ]);

    // both train at once
    await page.evaluate(() => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds.forEach((c) => c.play()));
    await waitUntil(state, (s) => s[0]!.epoch >= 20 && s[1]!.epoch >= 20, 20_000, 'both to train');
    // one paused does not move while the other plays on
    await page.evaluate(() => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[0]!.pause());
    // a frame already under way may still land: wait for the epoch to settle
    const paused = await settled(() =>
      page.evaluate(() => {
        const d = (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[0]!.debug;
        return { epoch: d.epoch(), running: d.running() };
      }),
    );
    const before = (await state())[1]!.epoch;
    await waitUntil(state, (s) => s[1]!.epoch >= before + 40, 20_000, 'the second to keep training');
    expect((await state())[0]!.epoch).toBe(paused);
    expect(new URL(page.url()).hash).toBe(''); // neither touches the URL

    // destroy() removes the first; the second keeps working
    await page.evaluate(() => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[0]!.destroy());
    expect(await page.locator('.nnp').count()).toBe(1);
    expect(await page.locator('#line').evaluate((el) => el.childElementCount)).toBe(0);
    await page.evaluate(() => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[1]!.pause());
    const e0 = await settled(() =>
      page.evaluate(() => {
        const d = (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[1]!.debug;
        return { epoch: d.epoch(), running: d.running() };
      }),
    );
    await page.locator('#circle [data-testid=step]').click();
    await waitUntil(
      () => page.evaluate(() => (window as unknown as { nnpEmbeds: Ctl[] }).nnpEmbeds[1]!.debug.epoch()),
      (e) => e === e0 + 1,
      5000,
      'a step after the other was destroyed',
    );

    // the page's buttons drive its iframe (same origin: allowed without an origin key)
    const frame = await frameOf(page, '#spiral-frame');
    expect(await frame.locator('.nnp-output').count()).toBe(1);
    expect(await frame.locator('.nnp-charts').count()).toBe(1);
    expect(await frame.locator('.nnp-runbar, .nnp-data, .nnp-network, .nnp-activation').count()).toBe(0);
    // ready, then at once the epoch-0 event: the readout shows the initial test loss before any training
    await waitUntil(
      () => page.textContent('#frame-readout'),
      (t) => /^Epoch 0 · test loss \d/.test(t ?? ''),
      10_000,
      'the frame to report its epoch 0',
    );
    await page.click('button[data-command=play]');
    await waitUntil(
      () => page.textContent('#frame-readout'),
      (t) => /Epoch [1-9]\d* · test loss/.test(t ?? ''),
      10_000,
      'epochs from the frame',
    );
    await page.click('button[data-command=pause]');
    await page.click('button[data-command=fast]');
    await waitUntil(
      () => page.textContent('#frame-readout'),
      (t) => (t ?? '').includes('learning rate 0.1'),
      5000,
      'the new learning rate',
    );
    expect((await frameState(frame)).learningRate).toBe(0.1);

    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('loads the library file from a plain page under a sub-path: it mounts, sizes, trains and leaves the page alone', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const lesson = `${origin}/course/lesson.html`;
    await routePage(
      session.context,
      lesson,
      `<!doctype html><html><head><meta charset="utf-8"><title>A lesson</title></head><body>
        <h1>A lesson</h1><div id="a"></div><div id="b"></div>
        <script type="module">
          import { mount, PANEL_IDS, SETTING_IDS, defaultSettings, settingsHash } from './nn/nn-playground.js';
          const a = mount(document.getElementById('a'), { settings: { dataset: 'gauss', networkShape: [], learningRate: 0.1, epochsPerFrame: 5 }, panels: ['run', 'output'], width: 640, height: 560 });
          window.lib = { a, mount, exports: { PANEL_IDS, hasLearningRate: SETTING_IDS.includes('learningRate'), dataset: defaultSettings().dataset, hash: settingsHash(defaultSettings()).startsWith('#dataset=') } };
        </script></body></html>`,
    );
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(lesson);
    await page.waitForFunction(() => (window as unknown as { lib?: unknown }).lib !== undefined);
    await page.evaluate(() => (window as unknown as { lib: { a: Ctl } }).lib.a.ready);
    await page.waitForSelector('#a .nnp-output-canvas');

    expect(await page.evaluate(() => (window as unknown as { lib: { exports: unknown } }).lib.exports)).toEqual({
      PANEL_IDS: ['run', 'data', 'network', 'output', 'charts', 'activation', 'lessons', 'stepthrough', 'files', 'gradients', 'hidden'],
      hasLearningRate: true,
      dataset: 'circle',
      hash: true,
    });
    // the worker, the wasm and the stylesheet come from next to the library file
    const base = `${origin}/course/nn/`;
    expect(requests).toContain(`${base}nn-playground.js`);
    expect(requests).toContain(`${base}nn-playground.css`);
    expect(requests.some((u) => u.startsWith(`${base}assets/training.worker-`) && u.endsWith('.js'))).toBe(true);
    expect(requests.some((u) => u.startsWith(`${base}assets/nnp-`) && u.endsWith('.wasm'))).toBe(true);

    // only the chosen panels, in a box of the chosen size, styled
    expect(await page.locator('#a .nnp-runbar').count()).toBe(1);
    expect(await page.locator('#a .nnp-output').count()).toBe(1);
    expect(await page.locator('#a .nnp-data, #a .nnp-network, #a .nnp-charts, #a .nnp-activation, #a .nnp-toolbar').count()).toBe(0);
    const look = await page.evaluate(() => {
      const box = (window as unknown as { lib: { a: Ctl } }).lib.a.element.getBoundingClientRect();
      const h1 = getComputedStyle(document.querySelector('h1')!);
      return {
        box: [box.width, box.height],
        visibility: getComputedStyle((window as unknown as { lib: { a: Ctl } }).lib.a.element).visibility,
        runbar: getComputedStyle((window as unknown as { lib: { a: Ctl } }).lib.a.element.shadowRoot!.querySelector('.nnp-runbar')!).backgroundColor,
        bodyMargin: getComputedStyle(document.body).margin,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        h1Size: h1.fontSize,
        layout: getComputedStyle((window as unknown as { lib: { a: Ctl } }).lib.a.element.shadowRoot!.querySelector('.nnp-grid')!).flexDirection, // 640 px wide: one column
      };
    });
    expect(look).toEqual({
      box: [640, 560],
      visibility: 'visible',
      runbar: 'rgb(255, 255, 255)',
      bodyMargin: '8px',
      bodyBackground: 'rgba(0, 0, 0, 0)',
      h1Size: '32px',
      layout: 'column',
    });

    // it trains
    await page.evaluate(() => (window as unknown as { lib: { a: Ctl } }).lib.a.play());
    await waitUntil(
      () => page.evaluate(() => (window as unknown as { lib: { a: Ctl } }).lib.a.debug.epoch()),
      (e) => e >= 50,
      20_000,
      '50 epochs',
    );
    await page.evaluate(() => (window as unknown as { lib: { a: Ctl } }).lib.a.pause());
    expect(Number(await page.getAttribute('#a [data-testid=test-accuracy]', 'data-value'))).toBeGreaterThan(0.9);

    // `hash`: only the playground mounted with hash: true writes the URL
    expect(new URL(page.url()).hash).toBe('');
    await page.evaluate(() => (window as unknown as { lib: { a: Ctl } }).lib.a.setState({ learningRate: 0.3 }));
    expect(new URL(page.url()).hash).toBe('');
    await page.evaluate(async () => {
      const lib = (window as unknown as { lib: { mount(el: HTMLElement, o: unknown): Ctl; b?: Ctl } }).lib;
      lib.b = lib.mount(document.getElementById('b')!, { hash: true, settings: { dataset: 'xor' } });
      await lib.b.ready;
      await lib.b.setState({ learningRate: 0.01 });
    });
    const hash = decodeURIComponent(new URL(page.url()).hash);
    expect(hash).toContain('dataset=xor');
    expect(hash).toContain('learningRate=0.01');
    expect(await page.evaluate(() => document.querySelectorAll('link[data-nnp-stylesheet]').length)).toBe(0); // only in the shadow roots

    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('drives embed.html by postMessage: events, setState/getState, step, malformed messages', async () => {
    const parentOrigin = `http://localhost:${parentPort}`;
    const frameOrigin = `http://127.0.0.1:${port}`;
    const src = `${server.url}embed.html#dataset=xor&networkShape=4&learningRate=0.03&epochsPerFrame=2&panels=run,output&frame=lab&origin=${encodeURIComponent(parentOrigin)}`;
    const lesson = `${parentOrigin}/frame-lesson.html`;
    parentPages.set(
      '/frame-lesson.html',
      `<!doctype html><html><body><iframe id="f" src="${src}" width="900" height="700"></iframe>${PARENT_SCRIPT}</body></html>`,
    );
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(lesson);
    const frame = await frameOf(page, '#f');

    // ready comes first, from the frame's origin, with what it shows
    const [ready] = await waitUntil(
      () => events(page, 'ready'),
      (e) => e.length === 1,
      10_000,
      'the ready event',
    );
    expect(ready!.origin).toBe(frameOrigin);
    expect(ready!.data.frame).toBe('lab');
    expect(ready!.data.data).toMatchObject({
      epoch: 0,
      panels: ['run', 'output'],
      notices: [],
      state: { dataset: 'xor', networkShape: [4], learningRate: 0.03 },
    });
    expect((await received(page)).findIndex((m) => m.data.event === 'ready')).toBe(0);
    expect(await frame.locator('.nnp-runbar').count()).toBe(1);
    expect(await frame.locator('.nnp-output').count()).toBe(1);
    expect(await frame.locator('.nnp-data, .nnp-network, .nnp-charts, .nnp-activation').count()).toBe(0);
    expect(await frame.locator('[data-testid=notice]').isVisible()).toBe(false); // the frame's keys are not settings

    // the epoch stream starts right after ready with the run's epoch 0: the initial loss
    const [first] = await waitUntil(
      () => events(page, 'epoch'),
      (e) => e.length >= 1,
      5000,
      'the epoch-0 event',
    );
    expect(first!.data.data).toMatchObject({ epoch: 0, trainLoss: expect.any(Number), testLoss: expect.any(Number) });
    expect((await received(page)).findIndex((m) => m.data.event === 'epoch')).toBe(1);
    expect((await received(page)).filter((m) => m.data.event === 'epoch')).toHaveLength(1);

    // play: epoch events arrive, in order
    const play = await call(page, 'play');
    expect(play).toMatchObject({ type: 'nnp:reply', frame: 'lab', ok: true, result: { running: true } });
    const epochs = await waitUntil(
      () => events(page, 'epoch'),
      (e) => e.length >= 5,
      10_000,
      'epoch events',
    );
    const numbers = epochs.map((e) => e.data.data!.epoch as number);
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
    expect(epochs[0]!.data.data).toEqual(expect.objectContaining({ trainLoss: expect.any(Number), testLoss: expect.any(Number) }));
    expect((await call(page, 'pause')).result.running).toBe(false);
    const stopped = await settled(async () => (await call(page, 'getState')).result);
    await frame.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.debug.sync());
    expect((await call(page, 'getState')).result.epoch).toBe(stopped); // paused stays put
    expect(await frameEpoch(frame)).toBe(stopped);

    // setState changes the learning rate; getState shows it; a state event tells the parent
    const set = await call(page, 'setState', { learningRate: 0.1 });
    expect(set.ok).toBe(true);
    expect(set.result.refused).toEqual([]);
    expect(set.result.state!.learningRate).toBe(0.1);
    const got = await call(page, 'getState');
    expect(got.result.state!.learningRate).toBe(0.1);
    expect(got.result.state!.dataset).toBe('xor');
    await waitUntil(
      () => events(page, 'state'),
      (e) => e.some((m) => m.data.data!.learningRate === 0.1),
      5000,
      'a state event',
    );
    expect(await frame.inputValue('select[name=learningRate]')).toBe('0.1');

    // step: exactly one epoch
    const step = await call(page, 'step');
    expect(step.ok).toBe(true);
    expect(step.result.epoch).toBe(stopped + 1);
    expect((await call(page, 'getState')).result.epoch).toBe(stopped + 1);
    expect(await frameEpoch(frame)).toBe(stopped + 1);
    await waitUntil(
      () => events(page, 'epoch'),
      (e) => e.some((m) => m.data.data!.epoch === stopped + 1),
      5000,
      'the step’s epoch event',
    );

    // malformed messages: ignored (no reply, no effect), or answered with an error
    const ignored: unknown[] = [
      null,
      42,
      'play',
      [{ type: 'nnp:command', requestId: 'in-array', command: 'play' }],
      {},
      { type: 'nnp:command' },
      { type: 'nnp:command', command: 'play' },
      { type: 'nnp:command', requestId: { id: 1 }, command: 'play' },
      { type: 'nnp:command', requestId: 'x'.repeat(500), command: 'play' },
      { type: 'nnp:command', requestId: Number.NaN, command: 'play' },
      { type: 'nnp:reply', requestId: 'not-a-command', command: 'play' },
      { type: 'NNP:COMMAND', requestId: 'wrong-case', command: 'play' },
    ];
    for (const m of ignored) await send(page, m);
    const bad = [
      { type: 'nnp:command', requestId: 'bad-1', command: 'fly' },
      { type: 'nnp:command', requestId: 'bad-2', command: { name: 'play' } },
      { type: 'nnp:command', requestId: 'bad-3', command: 'setState', patch: 'learningRate=3' },
      { type: 'nnp:command', requestId: 'bad-4', command: 'setState', patch: [0.3] },
      { type: 'nnp:command', requestId: 'bad-5', command: 'setState' },
      { type: 'nnp:command', requestId: 'bad-6', command: '<img src=x onerror=alert(1)>' },
    ];
    for (const m of bad) await send(page, m);
    // an own "__proto__" key, as JSON.parse makes it: refused like any unknown key
    const refused = await page.evaluate(() =>
      (window as unknown as { call(c: string, p: unknown): Promise<Reply> }).call(
        'setState',
        JSON.parse('{"learningRate":"fast","nonsense":1,"__proto__":{"polluted":true}}'),
      ),
    );
    expect(refused.ok).toBe(true);
    expect(refused.result.refused).toEqual(['learningRate', 'nonsense', '__proto__']);
    expect(refused.result.state!.learningRate).toBe(0.1);
    expect((await call(page, 'setState', { learningRate: -1 })).result.refused).toEqual(['learningRate']);
    await send(page, { type: 'nnp:command', requestId: 7, command: 'getState', extra: 'ignored' });
    // The frame answers in order: once 7 is answered, every command before it is.
    await waitUntil(
      () => received(page),
      (r) => r.some((m) => m.data.type === 'nnp:reply' && m.data.requestId === 7),
      10_000,
      'the reply to 7',
    );
    const replies = (await received(page)).filter((m) => m.data.type === 'nnp:reply').map((m) => m.data as unknown as Reply);
    const errorReplies = replies.filter((r) => !r.ok);
    expect(errorReplies.map((r) => r.requestId)).toEqual(['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5', 'bad-6']);
    expect(errorReplies[0]!.error).toContain('unknown command');
    expect(errorReplies[2]!.error).toContain('patch');
    expect(replies.find((r) => r.requestId === 7)).toMatchObject({ ok: true, result: { epoch: stopped + 1 } });
    const answered = new Set(replies.map((r) => r.requestId));
    for (const id of ['in-array', 'not-a-command', 'wrong-case', 'x'.repeat(500)]) expect(answered.has(id)).toBe(false);
    expect(await frame.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.debug.running())).toBe(false); // none of the ignored plays ran
    expect(await frameEpoch(frame)).toBe(stopped + 1);
    expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await frame.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await frame.locator('img').count()).toBe(0);

    // and it still works
    expect((await call(page, 'step')).result.epoch).toBe(stopped + 2);
    expect((await call(page, 'reset')).result.epoch).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('ignores a parent whose origin is not allowed, and still works', async () => {
    const allowed = `http://localhost:${port}`; // some other origin than this page's
    const intruder = `http://localhost:${parentPort}`;
    const base = `${server.url}embed.html#dataset=xor&networkShape=2&learningRate=0.03`;
    const lesson = `${intruder}/intruder.html`;
    parentPages.set(
      '/intruder.html',
      `<!doctype html><html><body>
        <iframe id="listed" src="${base}&frame=listed&origin=${encodeURIComponent(allowed)}" width="700" height="500"></iframe>
        <iframe id="default" src="${base}&frame=default" width="700" height="500"></iframe>
        <iframe id="any" src="${base}&frame=any&origin=*" width="700" height="500"></iframe>
        ${PARENT_SCRIPT}</body></html>`,
    );
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    const infos: string[] = [];
    page.on('console', (m) => m.type() === 'info' && infos.push(m.text()));
    await page.goto(lesson);
    const listed = await frameOf(page, '#listed');
    const byDefault = await frameOf(page, '#default');
    const any = await frameOf(page, '#any');

    // origin=* lets this page in: it gets ready and replies
    await waitUntil(
      () => events(page, 'ready'),
      (e) => e.length >= 1,
      10_000,
      'the ready event of the frame open to any origin',
    );
    expect((await call(page, 'getState', undefined, 2)).result.state!.learningRate).toBe(0.03);

    // Each closed frame counts what reaches it, so the test knows when all five were there.
    for (const f of [listed, byDefault])
      await f.evaluate(() => {
        const w = window as unknown as { seen: number };
        w.seen = 0;
        window.addEventListener('message', () => ++w.seen);
      });
    for (const index of [0, 1]) {
      await send(page, { type: 'nnp:command', requestId: `play-${index}`, command: 'play' }, index);
      await send(page, { type: 'nnp:command', requestId: `step-${index}`, command: 'step' }, index);
      await send(page, { type: 'nnp:command', requestId: `set-${index}`, command: 'setState', patch: { learningRate: 3 } }, index);
      await send(page, { type: 'nnp:command', requestId: `get-${index}`, command: 'getState' }, index);
      await send(page, { type: 'nnp:command', requestId: `fly-${index}`, command: 'fly' }, index);
    }
    for (const f of [listed, byDefault]) {
      await waitUntil(
        () => f.evaluate(() => (window as unknown as { seen: number }).seen),
        (n) => n === 5,
        10_000,
        'the five commands in the frame',
      );
      await f.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.debug.sync()); // and anything they set off, done
    }
    // nothing from the two closed frames: no replies, no events (not even ready)
    expect((await received(page)).filter((m) => m.frameIndex !== 2)).toEqual([]);
    for (const f of [listed, byDefault]) {
      expect(await frameEpoch(f)).toBe(0);
      expect(await f.evaluate(() => (window as unknown as { nnp: Ctl }).nnp.debug.running())).toBe(false);
      expect((await frameState(f)).learningRate).toBe(0.03);
    }
    // The two closed frames post no events at all (not to their own origin either, which the
    // browser would refuse with a warning each time), and each says why once on the console.
    const notice =
      "nn-playground: embedded by a page of another origin that is not allowed: no events are sent and commands are ignored (add origin=<the page's origin> to the frame's hash)";
    expect(infos.filter((m) => m === notice)).toHaveLength(2); // not from the frame with origin=*
    // What the frame reads to know its parent (frame.ts eventTargets), as tests/web/embed-frame.test.ts assumes.
    expect(
      await byDefault.evaluate(() => {
        let readable = true;
        try {
          void window.parent.location.origin;
        } catch {
          readable = false;
        }
        return { readable, ancestor: location.ancestorOrigins[0] };
      }),
    ).toEqual({ readable: false, ancestor: intruder });

    // still working: its own step button trains one epoch
    await listed.click('[data-testid=step]');
    await waitUntil(
      () => frameEpoch(listed),
      (e) => e === 1,
      5000,
      'a step in the frame',
    );
    expect(await frameEpoch(any)).toBe(0);

    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it(`answers a flood of commands at once beyond ${MAX_FRAME_QUEUE} waiting, naming the limit, and keeps answering`, async () => {
    const parentOrigin = `http://localhost:${parentPort}`;
    const src = `${server.url}embed.html#dataset=xor&networkShape=4&panels=run,output&frame=flood&origin=${encodeURIComponent(parentOrigin)}`;
    parentPages.set('/flood.html', `<!doctype html><html><body><iframe id="f" src="${src}" width="900" height="700"></iframe>${PARENT_SCRIPT}</body></html>`);
    const page = await newPageWatched(session.context);
    const consoleErrors = watchConsole(page);
    await page.goto(`${parentOrigin}/flood.html`);
    const frame = await frameOf(page, '#f');
    await waitUntil(
      () => events(page, 'ready'),
      (e) => e.length === 1,
      10_000,
      'the ready event',
    );

    // 1,000 steps sent at once (unbounded, they would take the frame about half a minute)
    const flood = 1000;
    const t0 = Date.now();
    await page.evaluate((n) => {
      for (let i = 0; i < n; i++) (window as unknown as { send(m: unknown): void }).send({ type: 'nnp:command', requestId: `flood-${i}`, command: 'step' });
    }, flood);
    const floodReplies = async () =>
      (await received(page)).filter((m) => m.data.type === 'nnp:reply' && String(m.data.requestId).startsWith('flood-')).map((m) => m.data as unknown as Reply);
    const replies = await waitUntil(floodReplies, (r) => r.length === flood, 60_000, 'a reply to each of the 1,000 commands');
    const allAnswered = Date.now() - t0;
    expect(new Set(replies.map((r) => r.requestId)).size).toBe(flood);
    const ran = replies.filter((r) => r.ok);
    const refused = replies.filter((r) => !r.ok);
    expect(ran.length).toBeGreaterThanOrEqual(MAX_FRAME_QUEUE);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect(r.error).toBe(`step: ${MAX_FRAME_QUEUE} commands are already waiting (the limit); this one was not run, send it again once replies arrive`);
    // each step that ran trained one epoch, in order; the refused ones trained nothing
    expect(ran.map((r) => r.result.epoch)).toEqual(ran.map((_, i) => i + 1));
    expect(await frameEpoch(frame)).toBe(ran.length);

    // and the next command is answered
    const t1 = Date.now();
    const after = await call(page, 'getState');
    const nextReply = Date.now() - t1;
    expect(after).toMatchObject({ ok: true, result: { epoch: ran.length } });
    console.log(
      `frame flood: ${flood} steps sent, ${ran.length} ran, ${refused.length} refused; all answered in ${allAnswered} ms; the next command answered in ${nextReply} ms`,
    );
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
