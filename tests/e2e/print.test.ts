// embed.html printed: inside the iframe of docs/embedding.md's example (a box 620 px tall, narrower
// than the playground's content), the printed frame shows the network and the
// map whole, scaled to the box, and leaves the controls out.
import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { newPageWatched, pageErrors, useBrowser, waitUntil } from './harness';

const env = useBrowser();

// Boxes in the frame's viewport (getBoundingClientRect follows the print scale).
const boxes = (frame: Frame) =>
  frame.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r && r.width > 0 && r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
    };
    return {
      width: innerWidth,
      height: innerHeight,
      map: box('[data-testid=output-canvas]'),
      network: box('.nnp-diagram'),
      run: box('.nnp-runbar'),
      data: box('.nnp-data'),
    };
  });

describe('printing an embedded playground', () => {
  it('the frame prints the map and the network whole inside its box, without the controls', async () => {
    const page = await newPageWatched(env.session.context);
    // The course page, served from the playground's origin.
    const host = `<!doctype html><body style="margin:0"><p>Course notes</p><iframe id="f" style="width: 800px; height: 620px; border: 0" src="${env.server.url}embed.html#dataset=spiral&networkShape=8,8"></iframe></body>`;
    await page.route(`${env.server.url}print-host`, (route) => route.fulfill({ contentType: 'text/html', body: host }));
    await page.goto(`${env.server.url}print-host`);
    const frame = await waitUntil(
      async () => page.frames().find((f) => f.url().includes('embed.html')) ?? null,
      (f) => f !== null,
      10000,
      'the frame',
    );
    await frame!.waitForFunction(() => (window as unknown as { nnp?: { ready: Promise<void> } }).nnp !== undefined);
    await frame!.evaluate(() => (window as unknown as { nnp: { ready: Promise<void> } }).nnp.ready);
    await frame!.waitForSelector('[data-testid=output-canvas]');

    // On screen the content is taller than the box: printed as it is, the map would be cut off.
    const screen = await boxes(frame!);
    expect(screen.network!.bottom).toBeGreaterThan(screen.height);

    await page.emulateMedia({ media: 'print' });
    const printed = await waitUntil(
      () => boxes(frame!),
      (b) => b.run === null,
      5000,
      'the print layout',
    );
    expect(printed.data).toBeNull();
    for (const part of ['map', 'network'] as const) {
      const r = printed[part];
      expect(r, part).not.toBeNull();
      expect([part, r!.left >= 0, r!.top >= 0, r!.right <= printed.width + 0.5, r!.bottom <= printed.height + 0.5]).toEqual([part, true, true, true, true]);
    }
    // A picture, not a thumbnail: the map keeps a good part of the box's width.
    expect(printed.map!.right - printed.map!.left).toBeGreaterThan(200);
    // A real print to PDF goes through beforeprint/afterprint; it succeeds and the page is back afterwards.
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ width: '210mm', height: '297mm' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const after = await waitUntil(
      () => boxes(frame!),
      (b) => b.run !== null,
      5000,
      'the screen layout again',
    );
    expect(after.map!.right - after.map!.left).toBeCloseTo(screen.map!.right - screen.map!.left, 0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
