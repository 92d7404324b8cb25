// Adds up the suites' own result files into one closing line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const xml = readFileSync(join(dir, 'ctest.xml'), 'utf8');
const attr = (name) => Number(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);
const native = { total: attr('tests'), failed: attr('failures'), skipped: attr('skipped') };
const vitest = ['node.json', 'e2e.json'].map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const passed = native.total - native.failed - native.skipped + vitest.reduce((n, r) => n + r.numPassedTests, 0);
const failed = native.failed + vitest.reduce((n, r) => n + r.numFailedTests, 0);
const skipped = native.skipped + vitest.reduce((n, r) => n + r.numPendingTests + r.numTodoTests, 0);
if ([passed, failed, skipped].some(Number.isNaN)) throw new Error(`unreadable test results in ${dir}`);
console.log(`native ${native.total - native.failed - native.skipped}, node ${vitest[0].numPassedTests}, browser ${vitest[1].numPassedTests} passed`);
console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
