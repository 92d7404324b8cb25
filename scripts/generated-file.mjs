// A committed file that a script writes: with --check on the command line,
// write nothing and exit 1 (with `stale`, saying why and what to run) when the
// file is not exactly `text`; else write it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function writeGenerated(root, relative, text, stale) {
  const target = resolve(root, relative);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${relative} ${stale}`);
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${relative}`);
  }
}
