// A phone (390 × 844, touch): the Save/load menu stays on the screen and the
// small targets (checkboxes, bias squares) are at least 24 px to a finger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPlayground, pageErrors, serveDist, type Session } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let phone: Session;
beforeAll(async () => {
  server = await serveDist();
  phone = await launch({ width: 390, height: 844 }, true);
});
afterAll(async () => {
  await phone?.close();
  await server?.close();
});

describe('on a phone', () => {
  it('opens the Save/load menu inside the screen, and its targets are at least 24 px', async () => {
    const page = await openPlayground(phone.context, `${server.url}#dataset=circle&networkShape=3`);
    await page.tap('[data-testid=files-menu-button]');
    const list = await page.evaluate(() => {
      const r = document.querySelector('[data-testid=files-menu] .nnp-menu-list')!.getBoundingClientRect();
      return { left: r.left, right: r.right, width: innerWidth };
    });
    expect(list.left).toBeGreaterThanOrEqual(0);
    expect(list.right).toBeLessThanOrEqual(list.width);

    // the smallest targets: checkboxes and the bias squares (their hit area: the element at points 11 px from the centre)
    const sizes = await page.evaluate(() => ({
      checkboxes: [...document.querySelectorAll<HTMLElement>('.nnp input[type=checkbox]')]
        .filter((c) => c.offsetParent)
        .map((c) => Math.min(c.getBoundingClientRect().width, c.getBoundingClientRect().height)),
      biasHits: [...document.querySelectorAll<HTMLElement>('.nnp-bias')].map((b) => {
        b.scrollIntoView({ block: 'center', inline: 'center' }); // elementFromPoint sees the viewport only
        const r = b.getBoundingClientRect();
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        return [
          [x - 11, y],
          [x + 11, y],
          [x, y - 11],
          [x, y + 11],
        ].every(([px, py]) => document.elementFromPoint(px!, py!) === b);
      }),
    }));
    expect(sizes.checkboxes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes.checkboxes)).toBeGreaterThanOrEqual(24);
    expect(sizes.biasHits.length).toBeGreaterThan(0);
    expect(sizes.biasHits.every(Boolean)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
