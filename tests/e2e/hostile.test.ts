// Hostile input in the real page (headless Chromium): the wiring from each way
// in (the address, setState, files, mount options, postMessage) ends in a short
// clear message and a playground that is as it was (a refusal) or as asked (a
// success), and keeps working. The rules themselves are tested lower down.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_HASH_KEYS, MAX_PATCH_KEYS } from '../../web/src/settings/limits';
import { MAX_NOTICE_LINE_CHARS, MAX_NOTICE_LINES } from '../../web/src/shared/messages';
import { encodePoints } from '../../web/src/settings/points-codec';
import { nodeEngine } from '../web/engine-fixture';
import { debug, downloadOf, newPageWatched, openPlayground, pageErrors, reachEpoch, settledEpoch, trainEpochs, useBrowser, waitUntil } from './harness';

const env = useBrowser();

type Nnp = { setState(p: unknown): Promise<string[]>; getState(): Record<string, unknown>; debug: { config(): Record<string, unknown>; epoch(): number } };

const noticeText = async (page: Page) => ((await page.isVisible('[data-testid=notice]')) ? ((await page.textContent('[data-testid=notice]')) ?? '') : '');
const noticeLines = (page: Page) => page.$$eval('[data-testid=notice] li', (els) => els.map((e) => e.textContent ?? ''));
const state = (page: Page) => page.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.getState());
const engineConfig = (page: Page) => debug(page, (d) => d.config());

// A point labelled 3 cannot be on a two-class set.
const BAD_POINTS = encodePoints([
  [0, 0, 0],
  [1, 1, 1],
  [2, 2, 1],
  [-1, -1, 0],
  [2, -2, 3],
]);

async function menuItem(page: Page, testid: string): Promise<void> {
  await page.click('[data-testid=files-menu-button]');
  await page.click(`[data-testid=${testid}]`);
}

// A file of `count` times `fill` (then `tail`) made inside the page and picked
// in the file input: megabytes sent through the browser protocol
// (setInputFiles) take most of a minute on a busy machine.
async function pickFile(page: Page, selector: string, f: { name: string; type: string; fill: string; count: number; tail?: string }): Promise<void> {
  await page.$eval(
    selector,
    (input, f) => {
      const file = new File([f.fill.repeat(f.count), f.tail ?? ''], f.name, { type: f.type });
      const picked = new DataTransfer();
      picked.items.add(file);
      (input as HTMLInputElement).files = picked.files;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    f,
  );
}

describe('bad input in the page', () => {
  it('#dataset=custom&points=AAAA names the points and keeps the generated data', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=custom&points=AAAA`);
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    expect(await noticeText(page)).toContain('points=AAAA: not whole points (x, y, label triples, base64url); the data set stays circle');
    expect((await engineConfig(page))!.dataset).toBe('circle');
    expect((await state(page)).dataset).toBe('circle');
    expect(pageErrors(page)).toEqual([]);
  });

  it('#output=perceptron&networkShape=4 says what was changed and why', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#output=perceptron&networkShape=4`);
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    expect(await noticeText(page)).toContain('output=perceptron: the perceptron is a single neuron, so it takes no hidden layers; tanh_mse is used instead');
    expect((await engineConfig(page))!.output).toBe('tanh_mse');
    expect(await page.evaluate(() => location.hash)).toContain('output=tanh_mse');
  });

  it('5,000 unknown hash keys give a short notice; at the key limit it lists ten lines', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&');
    const page = await openPlayground(env.session.context, `${env.server.url}#${many}`);
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    const text = await noticeText(page);
    console.log(`notice for 5,000 unknown keys: ${text.length} characters`);
    expect(text).toContain(`The link has 5000 settings; at most ${MAX_HASH_KEYS} are read`);
    expect(text.length).toBeLessThan(400);

    const limit = Array.from({ length: MAX_HASH_KEYS }, (_, i) => `k${i}=1`).join('&');
    const at = await openPlayground(env.session.context, `${env.server.url}#${limit}`);
    await at.waitForSelector('[data-testid=notice]', { state: 'visible' });
    const lines = await noticeLines(at);
    expect(lines).toHaveLength(MAX_NOTICE_LINES);
    expect(lines[MAX_NOTICE_LINES - 1]).toBe(`… and ${MAX_HASH_KEYS - MAX_NOTICE_LINES + 1} more`);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
  });

  it('100,000 setState keys are refused at once, and nothing changes', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor`);
    const before = await state(page);
    const r = await page.evaluate(async () => {
      const patch: Record<string, number> = { learningRate: 0.3 };
      for (let i = 0; i < 100_000; i++) patch[`k${i}`] = i;
      const t0 = performance.now();
      try {
        await (window as unknown as { nnp: Nnp }).nnp.setState(patch);
        return { ms: performance.now() - t0, error: '' };
      } catch (e) {
        return { ms: performance.now() - t0, error: (e as Error).message };
      }
    });
    console.log(`setState with 100,000 keys refused in ${r.ms.toFixed(1)} ms`);
    expect(r.error).toBe(`setState: the patch has more than ${MAX_PATCH_KEYS} keys; nothing was applied`);
    expect(await state(page)).toEqual(before);
  });

  it('setState with a point labelled 3 on a 2-class set is refused whole, page and engine as they were', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&networkShape=3`);
    const before = { state: await state(page), config: await engineConfig(page), hash: await page.evaluate(() => location.hash) };
    const error = await page.evaluate(async (points) => {
      try {
        await (window as unknown as { nnp: Nnp }).nnp.setState({ dataset: 'custom', classes: 2, points });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    }, BAD_POINTS);
    expect(error).toMatch(/label|class/i);
    expect(error.length).toBeLessThan(300);
    expect(await state(page)).toEqual(before.state);
    expect(await engineConfig(page)).toEqual(before.config);
    expect(await page.evaluate(() => location.hash)).toBe(before.hash);
    expect(await noticeText(page)).toContain('The engine refused that change; nothing was changed');
    // and it still trains
    await trainEpochs(page, 2);
    expect(await debug(page, (d) => d.epoch())).toBe(2);
  });

  it('#dataset=blobs&classes=6, then #dataset=custom&classes=3: refused with the reason, the six blobs stay and train', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=blobs&classes=6&networkShape=4`);
    const before = { state: await state(page), config: await engineConfig(page), hash: await page.evaluate(() => location.hash) };
    expect(before.config!.output).toBe('softmax_ce');
    await page.evaluate(() => (location.hash = '#dataset=custom&classes=3&networkShape=4'));
    await waitUntil(
      () => noticeText(page),
      (t) => t.includes('refused'),
      10_000,
      'the refusal',
    );
    expect(await noticeText(page)).toMatch(/label|class/i);
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h === before.hash,
      5000,
      'the address restored',
    );
    expect(await state(page)).toEqual(before.state);
    expect(await engineConfig(page)).toEqual(before.config);
    await trainEpochs(page, 2);
    expect(await debug(page, (d) => d.epoch())).toBe(2);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a refused hash change puts the address back and changes nothing', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&networkShape=3`);
    const before = { state: await state(page), config: await engineConfig(page), hash: await page.evaluate(() => location.hash) };
    await page.evaluate((points) => (location.hash = `#dataset=custom&classes=2&networkShape=3&points=${points}`), BAD_POINTS);
    await waitUntil(
      () => noticeText(page),
      (t) => t.includes('refused'),
      10_000,
      'the refusal',
    );
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h === before.hash,
      5000,
      'the address restored',
    );
    expect(await state(page)).toEqual(before.state);
    expect(await engineConfig(page)).toEqual(before.config);
  });

  it('a model with 130,000 history rows loads with its history; a refusal changes nothing', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&networkShape=3&seed=4`);
    await trainEpochs(page, 3);
    const file = await downloadOf(page, () => menuItem(page, 'save-model'));
    const model = JSON.parse(file.data.toString('utf8')) as { schema: number; epoch: number; history: unknown };
    const rows = 130_000;
    model.schema = 1; // the rows format of files from before the named columns
    model.history = Array.from({ length: rows }, (_, i) => [i + 1, 1 / (i + 2), 1 / (i + 3), 0.5, 0.5]);
    model.epoch = rows;
    const text = JSON.stringify(model);
    console.log(`model file with ${rows} history rows: ${(text.length / 1e6).toFixed(1)} MB`);

    // A refusal first: a broken file leaves weights, epoch and history as they were.
    const before = {
      epoch: await debug(page, (d) => d.epoch()),
      layers: await debug(page, (d) => d.layers()),
      history: await debug(page, (d) => d.history().epoch.length),
    };
    await page.setInputFiles('[data-testid=model-file]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.replace('"layers"', '"lay"')),
    });
    await waitUntil(
      () => noticeText(page),
      (t) => t.includes('broken.json'),
      20_000,
      'the refusal',
    );
    expect(await noticeText(page)).toContain('Nothing was loaded from broken.json; the playground is as it was');
    expect({
      epoch: await debug(page, (d) => d.epoch()),
      layers: await debug(page, (d) => d.layers()),
      history: await debug(page, (d) => d.history().epoch.length),
    }).toEqual(before);

    // The long-trained model: loaded, with its history, and no false refusal.
    const t0 = Date.now();
    await page.setInputFiles('[data-testid=model-file]', { name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitUntil(
      () => page.textContent('[data-testid=files-status]'),
      (t) => (t ?? '').includes('Loaded long.json'),
      30_000,
      'the load',
    );
    console.log(`loading it took ${Date.now() - t0} ms`);
    expect(await page.textContent('[data-testid=files-status]')).toContain(`Loaded long.json (epoch ${rows})`);
    // Schema 1 holds no optimizer state: the notice says how it resumes, and is no refusal.
    expect(await noticeText(page)).toContain('Loaded long.json: it does not resume exactly');
    expect(await noticeText(page)).toContain('holds no optimizer state');
    const history = await debug(page, (d) => {
      const h = d.history();
      return { n: h.epoch.length, last: h.epoch[h.epoch.length - 1] };
    });
    expect(history.last).toBe(rows);
    expect(history.n).toBeGreaterThan(1000); // kept (the engine may thin it to its own limit)
    expect(history.n).toBeLessThanOrEqual(rows);
    expect(pageErrors(page)).toEqual([]);
    // and it trains on from there
    await trainEpochs(page, 1);
    expect(await settledEpoch(page)).toBe(rows + 1);
  });

  it('files are refused by their size before they are read', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor`);
    await pickFile(page, '[data-testid=model-file]', { name: 'huge.json', type: 'application/json', fill: ' ', count: 33 * 1024 * 1024 });
    await waitUntil(
      () => noticeText(page),
      (t) => t.includes('huge.json'),
      10_000,
      'the size refusal',
    );
    expect(await noticeText(page)).toMatch(
      /Nothing was loaded from huge\.json; the playground is as it was.*The file has 33\.0 MB; a model file may have at most \d+\.\d MB/,
    );

    // A one-line 10 MB CSV: refused by its size, in a short status.
    await pickFile(page, '.nnp-data input[type=file]', { name: 'one-line.csv', type: 'text/csv', fill: '9', count: 10 * 1024 * 1024 });
    const status = await waitUntil(
      () => page.textContent('[data-testid=csv-status]'),
      (t) => (t ?? '').length > 0,
      10_000,
      'the CSV status',
    );
    expect(status).toMatch(/^Nothing was loaded from one-line\.csv: the file has 10\.0 MB; a CSV file may have at most \d+\.\d MB\.$/);
    // Under the limit but one bad line of a megabyte: the status quotes an excerpt.
    await pickFile(page, '.nnp-data input[type=file]', { name: 'long-line.csv', type: 'text/csv', fill: '9', count: 1_000_000, tail: ',1,1\n' });
    const long = await waitUntil(
      () => page.textContent('[data-testid=csv-status]'),
      (t) => (t ?? '').includes('long-line.csv'),
      10_000,
      'the CSV status',
    );
    console.log(`status after a 1 MB CSV line: ${long!.length} characters`);
    expect(long!.length).toBeLessThan(1000);
    expect((await engineConfig(page))!.dataset).toBe('xor');
  });
});

describe('the bounded history in the page', () => {
  it('after 25,000 epochs the page holds the engine’s bounded history: the latest epochs whole, never more rows than it keeps', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=xor&samples=4&networkShape=&epochsPerFrame=1000&percTrainData=50`);
    const maxHistory = (await nodeEngine()).catalog().limits.maxHistory; // the engine's own limit
    await page.click('[data-testid=play]');
    await reachEpoch(page, 25_000, 60_000);
    await page.click('[data-testid=play]');
    const epoch = await settledEpoch(page);
    const h = await debug(page, (d) => d.history().epoch);
    console.log(`after ${epoch} epochs the page holds ${h.length} history rows`);
    expect(h[h.length - 1]).toBe(epoch);
    expect(h.length).toBeLessThanOrEqual(maxHistory); // thinned, not one row per epoch
    for (let i = 1; i < h.length; i++) expect(h[i]!).toBeGreaterThan(h[i - 1]!); // in order, no row twice
    // the most recent 1,000 epochs are all there, one row each
    expect(h.slice(-1000)).toEqual(Array.from({ length: 1000 }, (_, i) => epoch - 999 + i));
  });
});

describe('bad input in the library (mount options)', () => {
  it('options of the wrong type are refused with one clear message, and leave no box', async () => {
    const page = await newPageWatched(env.session.context);
    await page.goto(`${env.server.url}examples/course.html`);
    // Written as text: the test runner would rewrite a dynamic import() in a function.
    const results = (await page.evaluate(`(async () => {
      const lib = await import(${JSON.stringify(`${env.server.url}nn-playground.js`)});
      const out = [];
      for (const options of [{ initialHash: 42 }, { autoplay: 'false' }, { settings: 'dataset=xor' }]) {
        const box = document.createElement('div');
        document.body.append(box);
        try {
          lib.mount(box, options).destroy();
          out.push({ message: '', children: box.childElementCount });
        } catch (e) {
          out.push({ message: e.message, children: box.childElementCount });
        }
      }
      return out;
    })()`)) as { message: string; children: number }[];
    expect(results).toEqual([
      { message: "nn-playground: mount(): initialHash must be a string like '#dataset=xor' (got 42)", children: 0 },
      { message: 'nn-playground: mount(): autoplay must be true or false (got "false")', children: 0 },
      {
        message: expect.stringMatching(/^nn-playground: mount\(\): settings must be an object of settings like \{ dataset: 'xor' \}.*\(got "dataset=xor"\)$/),
        children: 0,
      },
    ]);
  });
});

describe('bad input in the iframe (postMessage)', () => {
  it('setState with a point labelled 3 on a 2-class set replies ok:false and leaves the frame as it was', async () => {
    const page = await newPageWatched(env.session.context);
    const parentUrl = `${env.server.url}hostile-parent.html`;
    await page.route(parentUrl, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><body><iframe id="f" src="embed.html#dataset=xor&networkShape=3" width="900" height="700"></iframe>
          <script>
            window.replies = [];
            window.addEventListener('message', (e) => e.data && e.data.type === 'nnp:reply' && window.replies.push(e.data));
          </script></body></html>`,
      }),
    );
    await page.goto(parentUrl);
    const handle = await page.waitForSelector('#f');
    const frame = (await handle.contentFrame())!;
    await frame.waitForFunction(() => (window as unknown as { nnp?: unknown }).nnp !== undefined);
    await frame.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    const frameState = () => frame.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.getState());
    const frameConfig = () => frame.evaluate(() => (window as unknown as { nnp: Nnp }).nnp.debug.config());
    const before = { state: await frameState(), config: await frameConfig() };

    await page.evaluate((points) => {
      const f = document.getElementById('f') as HTMLIFrameElement;
      f.contentWindow!.postMessage({ type: 'nnp:command', requestId: 'bad', command: 'setState', patch: { dataset: 'custom', classes: 2, points } }, '*');
    }, BAD_POINTS);
    const replies = await waitUntil(
      () => page.evaluate(() => (window as unknown as { replies: { requestId: string; ok: boolean; error?: string }[] }).replies),
      (r) => r.length > 0,
      10_000,
      'the reply',
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ requestId: 'bad', ok: false });
    expect(replies[0]!.error).toMatch(/label|class/i);
    expect(replies[0]!.error!.length).toBeLessThan(300);
    expect(await frameState()).toEqual(before.state);
    expect(await frameConfig()).toEqual(before.config);
  });
});
