// Screenshots compared to committed baselines (tests/e2e/baselines/NAME.png)
// with pixelmatch. UPDATE_BASELINES=1 writes the baseline from this run; a
// missing baseline fails otherwise. The run's picture and the difference go
// to test-output/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { outDir, ROOT } from './harness';

const BASELINES = join(ROOT, 'tests/e2e/baselines');

// `selector`'s box and `pad` pixels around it (where a focus ring is drawn), decoded.
export async function shoot(page: Page, selector: string, pad = 0): Promise<{ png: PNG; shot: Buffer }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  const clip = { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad };
  const shot = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  return { png: PNG.sync.read(shot), shot };
}

// The share of pixels of the picture that differ from the baseline `name` (1 when the sizes differ).
export function matchBaseline(shot: Buffer, name: string): number {
  writeFileSync(join(outDir(), `${name}.png`), shot);
  const file = join(BASELINES, `${name}.png`);
  if (process.env['UPDATE_BASELINES'] === '1') {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, shot);
  }
  if (!existsSync(file)) throw new Error(`no baseline ${file}: run with UPDATE_BASELINES=1 to write it`);
  const now = PNG.sync.read(shot);
  const base = PNG.sync.read(readFileSync(file));
  if (now.width !== base.width || now.height !== base.height) return 1;
  const diff = new PNG({ width: now.width, height: now.height });
  const differing = pixelmatch(base.data, now.data, diff.data, now.width, now.height, { threshold: 0.1 });
  writeFileSync(join(outDir(), `${name}-diff.png`), PNG.sync.write(diff));
  return differing / (now.width * now.height);
}
