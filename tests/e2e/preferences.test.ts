// The student's preferences (issue 22): reduced motion (autoplay waits for
// Play; the page looks as it did), forced colours (focus ring and point
// outlines still drawn, pictures compared to a baseline), and reflow at a
// 320 px wide viewport and at 640 px (a 1280 px window zoomed to 200 %).
// Baselines: tests/e2e/baselines/*.png; UPDATE_BASELINES=1 writes them anew.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, newPageWatched, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';
import { matchBaseline, shoot } from './screenshots';

const env = useBrowser();
// Fixed data and weights, paused at epoch 5: the same pixels every run. The map
// discretized (no pale band between the regions), so a point's white ring stands out.
const STILL = '#dataset=xor&networkShape=4&seed=7&samples=100&discretize=true';

// Opens the still state, trains five epochs with Step and focuses the plane (as Tab would).
async function stillPage(page: Page): Promise<void> {
  await page.goto(`${env.server.url}${STILL}`);
  await page.waitForFunction(() => (window as unknown as { nnp?: unknown }).nnp !== undefined);
  await page.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab'); // keyboard modality: :focus-visible rings
  await page.evaluate(async () => {
    const nnp = (window as unknown as { nnp: { step(): Promise<void>; debug: { sync(): Promise<void> } } }).nnp;
    for (let i = 0; i < 5; i++) await nnp.step();
    await nnp.debug.sync();
  });
  await page.focus('.nnp-plot');
  await page.keyboard.press('Shift+ArrowRight'); // the cursor at (2, 0)
  await debug(page, (d) => d.sync());
}

describe('preferences', () => {
  it('reduced motion: autoplay waits for Play and says so; the plane as in the baseline', async () => {
    const page = await newPageWatched(env.session.context);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${env.server.url}embed.html${STILL}&autoplay=true`);
    await page.waitForSelector('[data-testid=notice]:visible', { timeout: 10_000 });
    expect(await page.locator('[data-testid=notice]').textContent()).toContain('press Play to start it');
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '0');
    expect(await page.locator('[data-testid=play]').getAttribute('aria-label')).toMatch(/play/i);
    await page.focus('[data-testid=play]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent?.replace(/,/g, '')) > 0);

    await stillPage(page);
    expect(matchBaseline((await shoot(page, '.nnp-plot', 8)).shot, 'reduced-motion-plane')).toBeLessThan(0.005);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('forced colours: a system-coloured focus ring, points with outlines, controls as in the baseline', async () => {
    const page = await newPageWatched(env.session.context);
    await page.emulateMedia({ forcedColors: 'active' });
    await stillPage(page);
    const ring = await page.$eval('.nnp-plot', (el) => {
      const s = getComputedStyle(el);
      return { width: s.outlineWidth, style: s.outlineStyle, color: s.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBe('3px');
    expect(ring.color).toBe(await page.evaluate(systemColor, 'Highlight'));
    // Each drawn training point keeps a white ring around its colour on the canvas.
    const rings = await page.evaluate(ringedPoints);
    expect(rings.checked).toBeGreaterThan(20);
    expect(rings.ringed / rings.checked).toBeGreaterThan(0.9);
    // The ring is drawn: 3 px of Highlight, 2 px outside the plane's box (8 px of margin in the picture).
    const plane = await shoot(page, '.nnp-plot', 8);
    const [cr, cg, cb, alpha = 1] = ring.color.match(/[\d.]+/g)!.map(Number);
    const [r, g, b] = [cr!, cg!, cb!].map((c) => Math.round(alpha * c + (1 - alpha) * 255)); // over the white panel
    const { width, height, data } = plane.png;
    const off = (x: number) => {
      const i = (Math.floor(height / 2) * width + x) * 4;
      return Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!);
    };
    const nearest = (xs: number[]) => Math.min(...xs.map(off)); // the best match in the margin: antialiased edges blend
    expect(Math.max(nearest([2, 3, 4, 5, 6]), nearest([width - 7, width - 6, width - 5, width - 4, width - 3]))).toBeLessThanOrEqual(6);
    expect(matchBaseline(plane.shot, 'forced-colors-plane')).toBeLessThan(0.005);
    expect(matchBaseline((await shoot(page, '.nnp-data')).shot, 'forced-colors-data')).toBeLessThan(0.005);
    await page.close();
  });

  // 320 px wide (WCAG's reflow), and 640 px (a 1280 px window at 200 % zoom); with a lesson open, and comparing.
  const REFLOW: [number, string][] = [
    [320, 'dataset=xor'],
    [640, 'dataset=xor'],
    [320, 'lesson=xor-hidden'],
    [320, 'dataset=xor&compare=1&b.optimizer=adam'],
  ];
  for (const [width, hash] of REFLOW)
    it(`reflows at ${width} px (#${hash}): nothing wider than the window, cut off or overlapping`, async () => {
      const page = await openPlayground(env.session.context, `${env.server.url}#${hash}`);
      await page.setViewportSize({ width, height: 800 });
      await debug(page, (d) => d.sync());
      await waitUntil(
        () => page.evaluate(reflowProblems),
        (p) => p.length === 0,
        3000,
        `no reflow problems at ${width} px`,
      );
      await page.close();
    });
});

// Runs in the page: what the computed value of a system colour is.
function systemColor(name: string): string {
  const probe = document.createElement('i');
  probe.style.color = name;
  document.body.append(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c;
}

// Runs in the page: for each shown training point away from the edges, whether
// the canvas shows its white ring most of the way round.
function ringedPoints(): { checked: number; ringed: number } {
  const nnp = (window as unknown as { nnp: { debug: { points(): { x: number[]; y: number[]; test: number[] }; outputGrid(): { lo: number; hi: number } } } })
    .nnp;
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=output-canvas]')!;
  const ctx = canvas.getContext('2d')!;
  const p = nnp.debug.points();
  const { lo, hi } = nnp.debug.outputGrid();
  const size = canvas.width - 26 - 6; // device pixel ratio 1
  let checked = 0;
  let ringed = 0;
  for (let i = 0; i < p.x.length; i++) {
    if (p.test[i] === 1) continue;
    const cx = 26 + ((p.x[i]! - lo) / (hi - lo)) * size;
    const cy = 6 + ((hi - p.y[i]!) / (hi - lo)) * size;
    if (cx < 40 || cy < 20 || cx > canvas.width - 20 || cy > canvas.height - 30) continue;
    checked++;
    // Brightness (the sum of r, g, b) at a distance from the centre, in a direction.
    const light = (r: number, a: number) => {
      const d = ctx.getImageData(Math.round(cx + r * Math.cos(a)), Math.round(cy + r * Math.sin(a)), 1, 1).data;
      return d[0]! + d[1]! + d[2]!;
    };
    const fill = light(0, 0);
    // The drawn radius is 3.6 px for this many points; its 1 px ring, antialiased, is lighter
    // than both the point's fill and the map just outside it.
    const lit = [0, 1, 2, 3, 4, 5, 6, 7].filter((k) => {
      const a = (k * Math.PI) / 4;
      return Math.max(light(3.5, a), light(4, a), light(4.5, a)) > Math.max(fill, light(7, a)) + 30;
    });
    if (lit.length >= 5) ringed++;
  }
  return { checked, ringed };
}

// Runs in the page: visible controls and text that stick out of the window, are
// cut off by their box, or overlap one another; empty when none.
function reflowProblems(): string[] {
  const out: string[] = [];
  const w = window.innerWidth;
  if (document.documentElement.scrollWidth > w + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  const name = (e: Element) =>
    `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').slice(0, 30)}"`;
  const shown = (e: Element) =>
    e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.nnp-visually-hidden, details:not([open]) > :not(summary)');
  const controls = [...document.querySelectorAll('.nnp button, .nnp input, .nnp select, .nnp summary, .nnp canvas, .nnp h2, .nnp label')].filter(shown);
  const rects = controls.map((e) => e.getBoundingClientRect());
  controls.forEach((e, i) => {
    const r = rects[i]!;
    if (r.width > 0 && (r.left < -1 || r.right > w + 1)) out.push(`${name(e)} reaches ${Math.round(r.left)}…${Math.round(r.right)}`);
    if (e instanceof HTMLElement && !(e instanceof HTMLCanvasElement) && e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX !== 'visible')
      out.push(`${name(e)} cut off (${e.scrollWidth} > ${e.clientWidth})`);
  });
  // Overlaps between controls that do not contain one another.
  for (let i = 0; i < controls.length; i++)
    for (let j = i + 1; j < controls.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      const [p, q] = [controls[i]!, controls[j]!];
      if (p.contains(q) || q.contains(p) || p instanceof HTMLCanvasElement || q instanceof HTMLCanvasElement) continue; // canvases are layers drawn under the controls
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) out.push(`${name(p)} overlaps ${name(q)}`);
    }
  return out.slice(0, 20);
}
