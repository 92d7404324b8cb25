// Links: our URL round trip, TensorFlow Playground links, garbage; and the
// diverged state with its recovery.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, reachEpoch, useBrowser, waitUntil } from './harness';

const env = useBrowser();

const TF_LINK =
  '#activation=relu&batchSize=20&dataset=spiral&regDataset=reg-plane&learningRate=0.01&regularizationRate=0.003&regularization=L2&noise=15&networkShape=6,3,2&seed=0.12345&showTestData=true&discretize=true&percTrainData=70&x=true&y=true&xTimesY=true&xSquared=false&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

// Everything a user can see of the settings, read from the controls.
async function controls(page: Page): Promise<Record<string, string | boolean | string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string | boolean | string[]> = {};
    document.querySelectorAll<HTMLElement>('[data-setting]').forEach((el) => {
      const key = el.dataset['setting']!;
      if (el.style.display === 'none') return;
      const input = el.querySelector('select, input') as HTMLInputElement | HTMLSelectElement | null;
      if (!input) return;
      out[key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
    });
    out['dataset'] = document.querySelector('.nnp-thumb[aria-pressed=true]')?.getAttribute('data-dataset') ?? '';
    out['features'] = [...document.querySelectorAll('.nnp-feature[aria-pressed=true]')].map((b) => b.getAttribute('data-feature')!);
    out['layers'] = [...document.querySelectorAll('.nnp-layer-head .nnp-muted')].map((s) => s.textContent!);
    out['sameActivation'] = (document.querySelector('[data-setting=activation] select') as HTMLSelectElement).value;
    out['epochLabel'] = document.querySelector('[data-testid=epoch]')!.textContent!;
    return out;
  });
}

describe('links', () => {
  it('a URL round trip restores every control', async () => {
    const hash =
      '#dataset=blobs&classes=4&samples=300&noise=20&percTrainData=60&seed=777&showTestData=true&features=x1,x2,x1sq&networkShape=5,4&activation=relu,gelu&output=softmax_ce&init=xavier_normal&optimizer=momentum&learningRate=0.1&momentum=0.8&batchSize=20&regularization=l2&regularizationRate=0.01&shuffle=false&epochsPerFrame=10&discretize=true&palette=colorblind&lossScale=log';
    let page = await openPlayground(env.session.context, env.server.url + hash);
    expect(await page.isVisible('[data-testid=notice]')).toBe(false);
    const shown = await controls(page);
    expect(shown).toMatchObject({
      dataset: 'blobs',
      classes: '4',
      samples: '300',
      noise: '20',
      percTrainData: '60',
      showTestData: true,
      features: ['x1', 'x2', 'x1sq'],
      layers: ['5', '4'],
      output: 'softmax_ce',
      init: 'xavier_normal',
      optimizer: 'momentum',
      learningRate: '0.1',
      momentum: '0.8',
      batchSize: '20',
      regularization: 'l2',
      regularizationRate: '0.01',
      epochsPerFrame: '10',
      discretize: true,
      palette: 'colorblind',
      lossScale: 'log',
      seed: '777',
      shuffle: false,
    });
    expect(await page.$$eval('.nnp-layer-head select', (ss) => ss.map((s) => (s as HTMLSelectElement).value))).toEqual(['relu', 'gelu']);
    // change a few things in the page; the hash follows
    await page.selectOption('select[name=learningRate]', '0.3');
    await page.click('[aria-label="Add a neuron to hidden layer 2"]');
    await page.click('[data-feature=sin_x1]');
    await waitUntil(
      () => page.evaluate(() => location.hash),
      (h) => h.includes('learningRate=0.3') && h.includes('networkShape=5,5') && h.includes('sin_x1'),
      5000,
      'the hash to follow',
    );
    const before = await controls(page);
    const url = page.url();
    await page.close();
    page = await openPlayground(env.session.context, url);
    expect(await controls(page)).toEqual(before);
    expect(await page.evaluate(() => location.hash)).toBe(new URL(url).hash);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('editing the hash by hand (or going back) applies it', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle`);
    await page.evaluate(() => (location.hash = '#dataset=xor&networkShape=3&learningRate=0.1'));
    await waitUntil(
      () => page.getAttribute('[data-dataset=xor]', 'aria-pressed'),
      (v) => v === 'true',
      5000,
      'xor from the new hash',
    );
    expect(await page.inputValue('select[name=learningRate]')).toBe('0.1');
    await waitUntil(
      () => page.$$eval('.nnp-layer-head .nnp-muted', (s) => s.map((x) => x.textContent)),
      (v) => JSON.stringify(v) === '["3"]',
      3000,
      'one layer of 3',
    );
    await page.close();
  });

  it('a TensorFlow Playground link opens with the same settings', async () => {
    const page = await openPlayground(env.session.context, env.server.url + TF_LINK);
    // The seed as written in the link, and that its run is replayed exactly.
    const said = (await page.textContent('[data-testid=notice]'))!;
    expect(said).toContain('seed 0.12345 is replayed exactly');
    // Nothing was ignored: information, under a title that says so.
    expect(said).toContain('TensorFlow Playground run, replayed exactly');
    expect(said).not.toContain('ignored or changed');
    expect(await page.getAttribute('[data-testid=notice]', 'data-kind')).toBe('info');
    expect(await page.evaluate(() => (window as unknown as { nnp: { getState(): { tfpSeed: string } } }).nnp.getState().tfpSeed)).toBe('0.12345');
    const shown = await controls(page);
    expect(shown).toMatchObject({
      dataset: 'spiral',
      noise: '15',
      percTrainData: '70',
      showTestData: true,
      discretize: true,
      features: ['x1', 'x2', 'x1x2', 'sin_x1'],
      layers: ['6', '3', '2'],
      sameActivation: 'relu',
      output: 'tanh_mse',
      init: 'tfp',
      learningRate: '0.01',
      batchSize: '20',
      regularization: 'l2',
      regularizationRate: '0.003',
    });
    const state = await page.evaluate(() => (window as unknown as { nnp: { getState(): { seed: number } } }).nnp.getState().seed);
    expect(Number.isInteger(state) && state >= 0 && state <= 0xffffffff).toBe(true);
    // the same link gives the same run: same seed, same data
    const page2 = await openPlayground(env.session.context, env.server.url + TF_LINK);
    expect(await page2.evaluate(() => (window as unknown as { nnp: { getState(): { seed: number } } }).nnp.getState().seed)).toBe(state);
    const g1 = await debug(page, (d) => d.outputGrid()!.values.slice(0, 500));
    const g2 = await debug(page2, (d) => d.outputGrid()!.values.slice(0, 500));
    expect(g2).toEqual(g1);
    await page.close();
    await page2.close();
  });

  it('TensorFlow Playground’s *_hide keys hide those controls', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#learningRate_hide=true&noise_hide=true&x_hide=true&dataset=xor`);
    expect(await page.isVisible('[data-setting=learningRate]')).toBe(false);
    expect(await page.isVisible('[data-setting=noise]')).toBe(false);
    expect(await page.isVisible('[data-feature=x1]')).toBe(false);
    expect(await page.isVisible('[data-setting=batchSize]')).toBe(true);
    expect(await page.isVisible('[data-feature=x2]')).toBe(true);
    expect(await page.evaluate(() => location.hash)).toContain('hide=learningRate,noise,x');
    await page.close();
  });

  it('a TensorFlow regression link opens the regression data with a linear output', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&regDataset=reg-gauss&problem=regression&networkShape=3`);
    const shown = await controls(page);
    expect(shown['dataset']).toBe('reg_gauss');
    expect(shown['output']).toBe('linear_mse');
    expect(await page.isVisible('[data-testid=test-accuracy]')).toBe(false);
    await page.close();
  });

  it('a garbage hash shows a notice listing what was ignored, and a working page', async () => {
    const page = await openPlayground(
      env.session.context,
      `${env.server.url}#learningRate=fast&dataset=<img src=x onerror=alert(1)>&networkShape=4,x&zzz=1&noise=-3`,
    );
    await page.waitForSelector('[data-testid=notice]', { state: 'visible' });
    const text = (await page.textContent('[data-testid=notice]'))!;
    for (const bit of ['learningRate=fast', 'dataset=<img src=x onerror=alert(1)>', 'networkShape=4,x', 'zzz', 'noise=-3']) expect(text).toContain(bit);
    expect(await page.locator('[data-testid=notice] img').count()).toBe(0);
    const shown = await controls(page);
    expect(shown['learningRate']).toBe('0.03');
    expect(shown['dataset']).toBe('circle');
    expect(shown['layers']).toEqual(['4', '2']);
    await page.click('[data-testid=step]');
    await waitUntil(
      () => debug(page, (d) => d.epoch()),
      (e) => e === 1,
      5000,
      'one epoch',
    );
    await waitUntil(
      () => page.textContent('[data-testid=epoch]'),
      (t) => t === '1',
      5000,
      'the counter to show epoch 1',
    );
    // the page rewrote the hash to the settings it uses
    expect(await page.evaluate(() => location.hash)).toContain('learningRate=0.03');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a huge learning rate shows the diverged state; a lower one and reset recover', async () => {
    const page = await openPlayground(
      env.session.context,
      `${env.server.url}#dataset=reg_plane&learningRate=10&networkShape=8,8&activation=linear&output=linear_mse&epochsPerFrame=5`,
    );
    let diverged = false;
    await page.evaluate(() => {
      (window as unknown as { nnp: { on(e: string, f: () => void): void } }).nnp.on(
        'diverged',
        () => ((window as unknown as { sawDiverged: boolean }).sawDiverged = true),
      );
    });
    await page.click('[data-testid=play]');
    await page.waitForSelector('[data-testid=diverged]', { state: 'visible', timeout: 30_000 });
    diverged = await page.evaluate(() => (window as unknown as { sawDiverged?: boolean }).sawDiverged === true);
    expect(diverged).toBe(true);
    expect(await debug(page, (d) => d.status())).toBe('diverged');
    expect(await debug(page, (d) => d.running())).toBe(false); // training stops by itself
    const text = (await page.textContent('[data-testid=diverged]'))!;
    expect(text).toContain('Training diverged');
    expect(text).toMatch(/learning rate/i);
    await page.selectOption('select[name=learningRate]', '0.01');
    await page.click('[data-testid=diverged] button');
    await waitUntil(
      () => debug(page, (d) => [d.status(), d.epoch()]),
      ([s, e]) => s === 'ok' && e === 0,
      5000,
      'reset',
    );
    await page.waitForSelector('[data-testid=diverged]', { state: 'hidden', timeout: 3000 });
    await page.click('[data-testid=play]');
    await reachEpoch(page, 20);
    await page.click('[data-testid=play]');
    expect(await debug(page, (d) => d.status())).toBe('ok');
    expect(Number(await page.getAttribute('[data-testid=train-loss]', 'data-value'))).toBeLessThan(1);
    await page.close();
  });
});
