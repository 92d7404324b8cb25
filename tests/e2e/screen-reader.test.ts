// What a screen reader gets (docs/accessibility.md): the decision map's
// description in the accessibility tree (Chromium's, through CDP), following
// training and saying the shares the painted grid has; a neuron's own on focus;
// the history as a table; and the live region announcing a divergence at the
// "milestones" pace (the lesson diverges at epoch 1: its start is said and
// replaced before a test can read it, so only the divergence is checked).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ENGINE } from '../../web/src/engine/description.generated';
import { debug, openPlayground, pageErrors, reachEpoch, settledEpoch, useBrowser, waitUntil } from './harness';

const env = useBrowser();
const MAP_NAME = 'Decision regions of the network with the data points';

interface AXNode {
  role?: { value?: string };
  name?: { value?: string };
  description?: { value?: string };
}

// The accessible description of the node with this role and name, from Chromium's accessibility tree.
async function axDescription(page: Page, match: (n: AXNode) => boolean): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    return nodes.find(match)?.description?.value ?? '';
  } finally {
    await cdp.detach();
  }
}

const mapDescription = (page: Page) => axDescription(page, (n) => n.role?.value === 'image' && n.name?.value === MAP_NAME);

// Each class's share of the painted output grid (two classes: the sign of the tanh output), in whole per cent.
const gridShares = (page: Page) =>
  debug(page, (d) => {
    const g = d.outputGrid()!;
    const blue = g.values.filter((v) => v > 0).length;
    return [Math.round((100 * (g.values.length - blue)) / g.values.length), Math.round((100 * blue) / g.values.length)];
  });

describe('a screen reader follows training', () => {
  it('the map’s description is in the accessibility tree, says the grid’s shares, and changes when training changes the map', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=circle&seed=3&learningRate=0.1&noise=0`);
    const before = await waitUntil(
      () => mapDescription(page),
      (t) => t.startsWith('Epoch 0.') && t.includes('% of the plane'),
      15_000,
      'the first description',
    );
    await page.click('[data-testid=play]');
    await reachEpoch(page, 250, 30_000, 'epoch 250');
    await page.click('[data-testid=play]'); // pause: the description follows at once
    const epoch = await settledEpoch(page);
    const after = await waitUntil(
      () => mapDescription(page),
      (t) => t.startsWith(`Epoch ${epoch}.`),
      15_000,
      `the description at epoch ${epoch}`,
    );
    // the words after the epoch's, which both begin with
    const words = (t: string) => t.replace(/^Epoch \d+\. /, '');
    expect(words(after)).not.toBe(words(before));
    expect(after).toContain('a disc in the centre');
    // The shares said are the painted grid's, class by class (largest first).
    const [orange, blue] = await gridShares(page);
    expect(after.toLowerCase()).toContain(`class 1 (blue) covers ${blue} % of the plane`);
    expect(after.toLowerCase()).toContain(`class 0 (orange) covers ${orange} % of the plane`);
    // Shown on demand, the same words.
    await page.click('text=Describe the map');
    expect(await page.textContent('[data-testid=map-description]')).toBe(after);

    // A neuron, focused, is described by its own picture and weights.
    await page.focus('.nnp-node[data-map]');
    expect(await page.textContent('[data-testid=neuron-description]')).toContain('Weights in');
    const neuron = await waitUntil(
      () => axDescription(page, (n) => n.name?.value === 'Neuron 1 of hidden layer 1'),
      (t) => t.includes('Weights in'),
      10_000,
      'the neuron’s description',
    );
    expect(neuron).toMatch(/^Neuron 1 of hidden layer 1: values from .* on \d+ % of the plane/);

    // The history as a table: the engine's columns as headers, the last epoch in.
    await page.click('.nnp-charts .nnp-table-toggle');
    const table = page.locator('[data-testid=history-table] table');
    const heads = await table.locator('thead th').allTextContents();
    expect(heads).toEqual(ENGINE.history.columns.map((c) => c.id.replace(/_/g, ' ')));
    expect(await table.locator('caption').textContent()).toContain('Loss and accuracy');
    expect(await table.locator('tbody tr:last-child th').textContent()).toBe(epoch.toLocaleString('en-US'));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('at the "milestones" pace the live region announces a divergence, and a goal reached at the same moment beside it', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#lesson=learning-rate&variant=too-large&announce=milestones`);
    const region = page.locator('[data-testid=announcer]');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await page.click('[data-testid=play]');
    const said = await waitUntil(
      () => region.textContent(),
      // The lesson's exercise here is to diverge: its goal is said in the same breath, not instead.
      (t) => (t ?? '').includes('Training diverged at epoch') && (t ?? '').includes('Goal reached: Learning rate'),
      20_000,
      'the divergence and the goal announced together',
    );
    expect(said).toContain(`Training diverged at epoch ${await debug(page, (d) => d.epoch())}`);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
