// Shared by the WebAssembly tests: loads the real module in Node, passing the
// binary read from disk (the web/worker loader cannot fetch a file path).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadEngine, type WasmEngine } from '../../web/src/engine/index';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function engine(): Promise<WasmEngine> {
  return loadEngine({ wasmBinary: readFileSync(resolve(ROOT, 'build/wasm/nnp.wasm')) });
}

// |a - b| <= rel * max(|a|, |b|) + abs, with NaN equal only to NaN.
export function close(a: number, b: number, rel: number, abs = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}
