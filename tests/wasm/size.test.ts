// The size budget: the module and its loader, gzipped as bench/wasm_bench.mjs
// measures them (zlib level 9), stay within bench/size-budget.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';

import budget from '../../bench/size-budget.json';
import { ROOT } from './helpers';

test('nnp.wasm + nnp.js, gzipped, stay within the size budget', () => {
  const sizes = ['nnp.wasm', 'nnp.js'].map((f) => gzipSync(readFileSync(resolve(ROOT, 'build/wasm', f)), { level: 9 }).length);
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`size, gzip -9: nnp.wasm ${sizes[0]} B + nnp.js ${sizes[1]} B = ${total} B (budget ${budget.gzipBytes} B)`);
  expect(total).toBeGreaterThan(50_000); // the real module, not an empty file
  expect(total).toBeLessThanOrEqual(budget.gzipBytes);
});
