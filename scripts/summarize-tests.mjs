// Adds up the suites' own result files into one closing line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const junit = (file) => {
  const xml = readFileSync(join(dir, file), 'utf8');
  const attr = (name) => Number(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);
  return { total: attr('tests'), failed: attr('failures'), skipped: attr('skipped') };
};
const native = junit('ctest.xml');
// The Catch2 suite again under ASan + UBSan, and the fuzz targets (one test each); both optional.
const sanitized = existsSync(join(dir, 'ctest-asan.xml')) ? junit('ctest-asan.xml') : { total: 0, failed: 0, skipped: 0 };
const fuzz = existsSync(join(dir, 'fuzz.json')) ? JSON.parse(readFileSync(join(dir, 'fuzz.json'), 'utf8')) : [];
const fuzzFailed = fuzz.filter((t) => !t.ok).length;
const ok = (r) => r.total - r.failed - r.skipped;
// The browser suite, then the part of it run again with late chunks (optional).
const vitest = ['node.json', 'e2e.json', 'e2e-late-parts.json']
  .filter((f, i) => i < 2 || existsSync(join(dir, f)))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const passed = ok(native) + ok(sanitized) + fuzz.length - fuzzFailed + vitest.reduce((n, r) => n + r.numPassedTests, 0);
const failed = native.failed + sanitized.failed + fuzzFailed + vitest.reduce((n, r) => n + r.numFailedTests, 0);
const skipped = native.skipped + sanitized.skipped + vitest.reduce((n, r) => n + r.numPendingTests + r.numTodoTests, 0);
if ([passed, failed, skipped].some(Number.isNaN)) throw new Error(`unreadable test results in ${dir}`);
console.log(
  `native ${ok(native)}, sanitized ${ok(sanitized)}, fuzz targets ${fuzz.length - fuzzFailed}, ` +
    `node ${vitest[0].numPassedTests}, browser ${vitest[1].numPassedTests}` +
    (vitest[2] ? `, browser with late parts ${vitest[2].numPassedTests}` : '') +
    ' passed',
);
console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
