// The output plane from the keyboard alone (issue 22): Tab reaches the class
// picker and the plane, the arrows move the cursor, Enter adds, Delete
// removes, Space picks up and drops, Escape puts back; each action is said in
// the plane's live region; then Step trains and the page's text gives the
// epoch, the loss and the accuracy. No mouse, pointer or touch event reaches
// the page at any time. While the step-through picks, Enter chooses a point.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { debug, openPlayground, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();

// Presses Tab (Shift+Tab when `back`) until the focused element matches `selector`.
async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

// What the plane's live region says once it says `starting`.
const said = (page: Page, starting: string) =>
  waitUntil(
    () => page.locator('[data-testid=plane-said]').textContent(),
    (t) => (t ?? '').startsWith(starting),
    5000,
    `the plane to say "${starting}"`,
  );

const pointAt = (page: Page, x: number, y: number) =>
  debug(page, (d) => d.points()).then((p) => p.x.flatMap((px, i) => (Math.abs(px - x) < 1e-9 && Math.abs(p.y[i]! - y) < 1e-9 ? [p.label[i]] : [])));

describe('the plane by keyboard', () => {
  it('adds four points, deletes, moves and puts back one, trains, all without a pointer', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=gauss&samples=50&seed=3`);
    await page.evaluate(() => {
      const w = window as unknown as { pointerEvents: string[] };
      w.pointerEvents = [];
      const kinds = ['pointerdown', 'pointermove', 'pointerup', 'mousedown', 'mousemove', 'mouseup', 'touchstart', 'touchend', 'wheel', 'contextmenu'];
      for (const k of kinds) window.addEventListener(k, () => w.pointerEvents.push(k), true);
    });
    // Class 0 from the "Click adds" radios, then two points on the right.
    await tabTo(page, '.nnp-class-picker input:checked');
    await press(page, 'ArrowLeft');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('0');
    await tabTo(page, '.nnp-plot');
    await press(page, 'Shift+ArrowRight', 2);
    await press(page, 'Shift+ArrowUp', 2);
    expect(await said(page, 'Cursor')).toBe('Cursor at (4, 4)');
    await press(page, 'Enter');
    expect(await said(page, 'Added')).toBe('Added a class 0 point at (4, 4); 51 points');
    await press(page, 'Shift+ArrowDown', 4);
    await press(page, 'Enter');
    expect(await said(page, 'Added a class 0 point at (4, −4)')).toBe('Added a class 0 point at (4, −4); 52 points');
    // Class 1 (back to the radios and forth), two points on the left.
    await tabTo(page, '.nnp-class-picker input:checked', true);
    await press(page, 'ArrowRight');
    await tabTo(page, '.nnp-plot');
    await press(page, 'Shift+ArrowLeft', 4);
    await press(page, 'Enter');
    await said(page, 'Added a class 1 point at (−4, −4); 53 points');
    await press(page, 'Shift+ArrowUp', 4);
    await press(page, 'Enter');
    await said(page, 'Added a class 1 point at (−4, 4); 54 points');
    expect([await pointAt(page, 4, 4), await pointAt(page, 4, -4), await pointAt(page, -4, -4), await pointAt(page, -4, 4)]).toEqual([[0], [0], [1], [1]]);

    // Delete takes the nearest point (within a big step); the cursor stays.
    await press(page, 'ArrowRight');
    await press(page, 'Delete');
    expect(await said(page, 'Removed')).toBe('Removed a class 1 point at (−4, 4); 53 points');
    expect(await pointAt(page, -4, 4)).toEqual([]);
    await press(page, 'Enter');
    await said(page, 'Added a class 1 point at (−3.75, 4); 54 points');

    // Space picks it up, the arrows carry it, Space drops it.
    await press(page, ' ');
    expect(await said(page, 'Picked up')).toMatch(/^Picked up a class 1 point at \(−3\.75, 4\)/);
    await press(page, 'Shift+ArrowDown');
    await said(page, 'Carrying the point at (−3.75, 2)');
    await press(page, ' ');
    expect(await said(page, 'Moved')).toBe('Moved a class 1 point to (−3.75, 2); 54 points');
    expect([await pointAt(page, -3.75, 4), await pointAt(page, -3.75, 2)]).toEqual([[], [1]]);
    // Escape puts a carried point back where it was.
    await press(page, 'M');
    await press(page, 'Shift+ArrowRight', 2);
    await press(page, 'Escape');
    expect(await said(page, 'Put')).toBe('Put the point back at (−3.75, 2)');
    await debug(page, (d) => d.sync());
    expect(await pointAt(page, -3.75, 2)).toEqual([1]);
    expect(await debug(page, (d) => d.pointCount())).toBe(54);

    // Train three epochs with the Step button, and read the result from the page's text.
    await tabTo(page, '[data-testid=step]');
    await press(page, 'Enter', 3);
    await waitUntil(
      () => page.locator('[data-testid=epoch]').textContent(),
      (t) => t === '3',
      10_000,
      'epoch 3 on the page',
    );
    await debug(page, (d) => d.sync());
    const h = await debug(page, (d) => d.history());
    const loss = Number(await page.locator('[data-testid=test-loss]').textContent());
    const accuracy = Number((await page.locator('[data-testid=test-accuracy]').textContent())!.replace('%', ''));
    expect(h.epoch.at(-1)).toBe(3);
    expect(loss).toBeCloseTo(h.test_loss.at(-1)!, 2);
    expect(accuracy).toBeCloseTo(h.test_accuracy.at(-1)! * 100, 1);
    expect(accuracy).toBeGreaterThan(50);

    expect(await page.evaluate(() => (window as unknown as { pointerEvents: string[] }).pointerEvents)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
  it('while the step-through picks, Enter chooses the training point nearest the cursor', async () => {
    const page = await openPlayground(env.session.context, `${env.server.url}#dataset=gauss&samples=50&seed=3`);
    const p = await debug(page, (d) => d.points());
    const i = p.x.findIndex((x, j) => p.test[j] === 0 && Math.abs(x) < 5 && Math.abs(p.y[j]!) < 5);
    await tabTo(page, '[data-testid=stepthrough-toggle]');
    await press(page, 'Enter');
    await tabTo(page, '.nnp-plot');
    // Small steps (0.25) to the grid place nearest point i.
    const [sx, sy] = [Math.round(p.x[i]! * 4), Math.round(p.y[i]! * 4)];
    await press(page, sx > 0 ? 'ArrowRight' : 'ArrowLeft', Math.abs(sx));
    await press(page, sy > 0 ? 'ArrowUp' : 'ArrowDown', Math.abs(sy));
    await said(page, `Cursor at (${String(sx / 4).replace('-', '−')}, ${String(sy / 4).replace('-', '−')})`);
    // The training point nearest the cursor, as the page should find it.
    const d = (j: number) => Math.hypot(p.x[j]! - sx / 4, p.y[j]! - sy / 4);
    const nearest = p.x
      .map((_, j) => j)
      .filter((j) => p.test[j] === 0)
      .sort((a, b) => d(a) - d(b))[0]!;
    await press(page, 'Enter');
    const chosen = await page.waitForSelector('[data-testid=st-point][data-x]', { timeout: 5000 });
    expect(Number(await chosen.getAttribute('data-index'))).toBe(nearest);
    expect(await debug(page, (dd) => dd.pointCount())).toBe(50); // picked, not added
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
