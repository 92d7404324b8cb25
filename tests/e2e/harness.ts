// Shared by the end-to-end tests: a static server for dist/ on 127.0.0.1 (a
// random free port) and Debian's Chromium driven by playwright-core.
import { afterAll, beforeAll } from 'vitest';
import type { LayersJson, TraceJson } from '../../web/src/page/controller';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const OUT = join(ROOT, 'test-output');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

// NNP_E2E_LAZY_DELAY_MS=1500 npx vitest run --config vitest.e2e.config.ts
// serves every script the pages do not load up front (the parts loaded on
// first use, the worker) that much later, as a slow connection would: a test
// that reads such a part without waiting for it then fails every time
// instead of once in a while on a busy machine.
const LAZY_DELAY_MS = Number(process.env.NNP_E2E_LAZY_DELAY_MS ?? 0);

function upFrontScripts(): Set<string> {
  const html = readdirSync(DIST).filter((f) => f.endsWith('.html'));
  const named = html.flatMap((f) => [...readFileSync(join(DIST, f), 'utf8').matchAll(/assets\/[^"']+\.js/g)].map((m) => m[0]));
  return new Set(named.map((n) => join(DIST, n)));
}

// Serves `dir` under `prefix` (e.g. "/course/nn/"), as a sub-path deployment would.
export async function serveDist(prefix = '/'): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const upFront = LAZY_DELAY_MS > 0 ? upFrontScripts() : null;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.split('#')[0]!);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(DIST, path.slice(prefix.length)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const send = () => {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    };
    const later = upFront !== null && file.startsWith(join(DIST, 'assets')) && file.endsWith('.js') && !upFront.has(file);
    if (later) setTimeout(send, LAZY_DELAY_MS);
    else send();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1280, height: 800 }, touch = false): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nnp-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    hasTouch: touch,
    isMobile: touch,
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser: context.browser()!,
    context,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// A file's static server and Chromium: started before its tests, stopped after.
export interface BrowserEnv {
  readonly server: { url: string; close(): Promise<void> };
  readonly session: Session;
}
export function useBrowser(): BrowserEnv {
  let server: BrowserEnv['server'] | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await serveDist();
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('useBrowser: the server starts in beforeAll');
      return server;
    },
    get session() {
      if (!session) throw new Error('useBrowser: Chromium starts in beforeAll');
      return session;
    },
  };
}

// Opens the page and waits for the engine and the first picture.
const ERRORS = new WeakMap<Page, string[]>();

// Uncaught errors of a page, recorded from when it was opened by newPageWatched/openPlayground.
export function pageErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

export async function newPageWatched(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  ERRORS.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export async function openPlayground(context: BrowserContext, url: string): Promise<Page> {
  const page = await newPageWatched(context);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { nnp?: { debug: { epoch(): number } } }).nnp !== undefined);
  await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
  await page.waitForSelector('[data-testid=output-canvas]');
  return page;
}

export function outDir(): string {
  mkdirSync(OUT, { recursive: true });
  return OUT;
}

// --- reading the page -------------------------------------------------------

type Debug = {
  epoch(): number;
  status(): string;
  running(): boolean;
  hash(): string;
  pointCount(): number;
  predict(x: number, y: number): Promise<number[]>;
  sync(): Promise<void>; // every earlier change answered and taken in, and a frame drawn
  outputGrid(): { n: number; lo: number; hi: number; classes: number; unit: string; values: number[] } | null;
  trace(x: number, y: number, label: number): Promise<{ trace: TraceJson; layers: LayersJson }>;
  layers(): LayersJson;
  config(): Record<string, unknown> & { hidden: { width: number; activation: string; alpha?: number }[]; optimizer: { learning_rate: number } };
  points(): { x: number[]; y: number[]; label: number[]; test: number[] };
  history(): Record<string, number[]> & { epoch: number[]; train_loss: number[]; test_loss: number[]; train_accuracy: number[]; test_accuracy: number[] };
  // A comparison's side B (null when not comparing).
  compare(): {
    epoch: number;
    settings: Record<string, unknown>;
    history: Record<string, number[]> & { epoch: number[] };
    differences: string[];
    layers: LayersJson;
    points: { x: number[]; y: number[]; label: number[]; test: number[] };
  } | null;
};
export type { LayersJson, TraceJson };
export type PageController = { debug: Debug; ready: Promise<void>; play(): void; pause(): void; getState(): Record<string, unknown> };

export function debug<T>(page: Page, fn: (d: Debug) => T | Promise<T>): Promise<T> {
  return page.evaluate(async (src) => {
    const d = (window as unknown as { nnp: PageController }).nnp.debug;
    return (new Function('d', `return (${src})(d)`) as (d: Debug) => T)(d);
  }, fn.toString());
}

export async function statValue(page: Page, id: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid=${id}]`, 'data-value'));
}

// Polls until `check` is true (checked in Node), or fails with what it last saw.
export async function waitUntil<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

// An epoch once training has stopped: after a pause, an answer already on its
// way from the worker can still advance it once. `read` gives the epoch (and,
// where it can, whether training runs); it settles when two reads 250 ms apart
// agree and training is not running.
export async function settled(read: () => Promise<{ epoch: number; running?: boolean }>, timeoutMs = 5000): Promise<number> {
  const end = Date.now() + timeoutMs;
  let last = (await read()).epoch;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await read();
    if (now.epoch === last && !now.running) return now.epoch;
    if (Date.now() > end) throw new Error(`the epoch did not settle (last ${now.epoch})`);
    last = now.epoch;
  }
}

// The page's epoch once training has stopped (see settled).
export async function settledEpoch(page: Page, timeoutMs = 5000): Promise<number> {
  return settled(async () => ({ epoch: await debug(page, (d) => d.epoch()), running: await debug(page, (d) => d.running()) }), timeoutMs);
}

// Waits until the page's engine has trained at least `epochs` epochs.
export function reachEpoch(page: Page, epochs: number, timeoutMs = 20_000, what = `${epochs} epochs`): Promise<number> {
  return waitUntil(
    () => debug(page, (d) => d.epoch()),
    (e) => e >= epochs,
    timeoutMs,
    what,
  );
}

// Runs `trigger` and returns the file the page downloads because of it.
export async function downloadOf(page: Page, trigger: () => Promise<unknown>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), trigger()]);
  const path = await download.path();
  if (!path) throw new Error(`the download ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return { name: download.suggestedFilename(), data: readFileSync(path) };
}

// Trains `epochs` epochs one at a time through the controller (as the Step button does).
export async function trainEpochs(page: Page, epochs: number): Promise<void> {
  await page.evaluate(async (k) => {
    const nnp = (window as unknown as { nnp: { step(): Promise<void> } }).nnp;
    for (let i = 0; i < k; i++) await nnp.step();
  }, epochs);
}
