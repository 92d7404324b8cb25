// dist/nn-playground-standalone.html, the page in one file for an LMS: copied
// alone into an empty folder and opened from disk (file://, no server), it
// trains, loads a lesson, and asks for nothing but data: and blob: URLs (no
// worker, wasm, script, stylesheet or lesson file beside it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, debug, launch, openPlayground, pageErrors, trainEpochs, waitUntil, type Session } from './harness';

const FILE = join(DIST, 'nn-playground-standalone.html');

let session: Session;
let dir: string;
beforeAll(async () => {
  if (!existsSync(FILE)) throw new Error(`${FILE} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'nnp-standalone-'));
  copyFileSync(FILE, join(dir, 'course-lab.html'));
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the single-file page', () => {
  it('opened from disk, trains and loads a lesson with no request beyond the file', async () => {
    const url = pathToFileURL(join(dir, 'course-lab.html')).href;
    const requests: string[] = [];
    session.context.on('request', (r) => requests.push(r.url()));
    const page = await openPlayground(session.context, `${url}#dataset=circle&seed=7`);

    await trainEpochs(page, 12);
    const history = await debug(page, (d) => d.history());
    expect(await debug(page, (d) => d.epoch())).toBe(12);
    expect(history.train_loss.length).toBeGreaterThanOrEqual(12);
    expect(history.train_loss.at(-1)!).toBeLessThan(history.train_loss[0]! * 0.9);

    // A lesson: its text and its configuration come from inside the file.
    await page.evaluate(() => (location.hash = '#lesson=xor-hidden'));
    await waitUntil(
      () => page.textContent('[data-testid=lesson-title]'),
      (t) => !!t && t.length > 0,
      15_000,
      'the lesson title',
    );
    await waitUntil(
      () => debug(page, (d) => d.hash()),
      (h) => h.startsWith('#lesson=xor-hidden&') && h.includes('dataset=xor'),
      15_000,
      'the lesson in the URL',
    );
    expect(await debug(page, (d) => d.config().hidden.length)).toBeGreaterThan(0);
    await trainEpochs(page, 3);
    expect(await debug(page, (d) => d.epoch())).toBe(3);

    const outside = requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:') && r.split('#')[0] !== url);
    expect(outside).toEqual([]);
    expect(requests.some((r) => r.startsWith('blob:'))).toBe(true); // the worker
    expect(pageErrors(page)).toEqual([]);
  });
});
