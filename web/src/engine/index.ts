// The typed wrapper over the Embind module: implements the contract in
// types.ts. It checks the types of JS arguments before calling into wasm,
// owns the delete() of Embind objects, copies arrays out of wasm memory (all
// but GridView.values) and turns the engine's failures into Error objects
// carrying the engine's message, which names the field.
//
// Works in a browser (page or module Worker: Vite bundles nnp.wasm from the
// loader's `new URL('nnp.wasm', import.meta.url)`) and in Node, where the
// loader cannot fetch a file path: pass `wasmBinary` read from disk.

import createNnpModule from '../../../build/wasm/nnp.js';
import type { NnpModule } from '../../../build/wasm/nnp.js';
import type { ActivationId, Catalog, ConfigPatch, Engine, Playground } from './types';
import { argError, checkPatch, finite, text } from './arguments';
import { WasmPlayground } from './playground';
import { engineError } from './engine-error';

export interface LoadEngineOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
}

// Engine plus a diagnostic used by the leak tests.
export interface WasmEngine extends Engine {
  heapInUse(): number; // bytes currently allocated by malloc inside the module
}

export async function loadEngine(options?: LoadEngineOptions): Promise<WasmEngine> {
  const binary = options?.wasmBinary;
  if (binary !== undefined && !(binary instanceof ArrayBuffer) && !(binary instanceof Uint8Array))
    throw new Error('loadEngine: options.wasmBinary must be an ArrayBuffer or a Uint8Array');
  if (binary === undefined && isNode())
    throw new Error('loadEngine: in Node pass options.wasmBinary (the bytes of build/wasm/nnp.wasm): the web loader cannot fetch a file path');
  const mod = await createNnpModule(binary !== undefined ? { wasmBinary: binary } : {});
  return new WasmEngineImpl(mod);
}

function isNode(): boolean {
  return (
    typeof process !== 'undefined' &&
    typeof process.versions === 'object' &&
    typeof process.versions.node === 'string' &&
    typeof (globalThis as { window?: unknown }).window === 'undefined'
  );
}

// --- the engine ------------------------------------------------------------

class WasmEngineImpl implements WasmEngine {
  readonly #mod: NnpModule;
  #catalog: Catalog | null = null;

  constructor(mod: NnpModule) {
    this.#mod = mod;
  }

  createPlayground(patch?: ConfigPatch): Playground {
    if (patch !== undefined) checkPatch('createPlayground', patch);
    const c = this.catalog();
    const limits = { ...c.limits, maxSamples: c.ranges.samples.max };
    const raw = new this.#mod.Playground();
    const p = new WasmPlayground(this.#mod, raw, limits);
    if (patch !== undefined) {
      try {
        p.configure(patch);
      } catch (e) {
        p.delete();
        throw e;
      }
    }
    return p;
  }

  catalog(): Catalog {
    // A fresh copy each time so callers cannot alter the cached one.
    this.#catalog ??= JSON.parse(this.#mod.catalog()) as Catalog;
    return structuredClone(this.#catalog);
  }

  activationCurve(id: ActivationId, alpha: number, z: Float64Array): { value: Float64Array; derivative: Float64Array } {
    const where = 'activationCurve';
    text(where, 'id', id);
    finite(where, 'alpha', alpha);
    if (!(z instanceof Float64Array)) throw argError(where, 'z', 'a Float64Array', z);
    for (let i = 0; i < z.length; ++i) if (!Number.isFinite(z[i])) throw argError(where, `z[${i}]`, 'a finite number', z[i]);
    const r = this.#mod.activationCurve(id, alpha, z);
    if (r === null) throw engineError(this.#mod);
    return { value: r.value.slice(), derivative: r.derivative.slice() };
  }

  memoryBytes(): number {
    return this.#mod.memoryBytes();
  }

  heapInUse(): number {
    return this.#mod.heapInUse();
  }
}
