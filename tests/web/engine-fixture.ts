// The real engine in Node, for tests that check the page's tables and rules
// against it (the page must offer exactly what the engine accepts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEngine } from '../../web/src/engine/index';
import type { Engine } from '../../web/src/engine/types';

export async function nodeEngine(): Promise<Engine> {
  const wasmBinary = readFileSync(resolve(import.meta.dirname, '../../build/wasm/nnp.wasm'));
  return loadEngine({ wasmBinary });
}
