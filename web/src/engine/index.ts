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
import type { NnpModule, RawPlayground, RawTrace } from '../../../build/wasm/nnp.js';
import type {
  ActivationId,
  Catalog,
  ConfigPatch,
  CsvResult,
  Engine,
  EpochStats,
  ErrorCode,
  GridView,
  HiddenSpace,
  HistoryColumns,
  LayerParams,
  Playground,
  PlaygroundConfig,
  Points,
  Status,
  Trace,
} from './types';
import { ENGINE } from './description.generated';

export type * from './types';

// A refusal of the engine: its message, and a code (ENGINE.errorCodes) and
// cause the page decides by, never by the message's text.
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(message);
  }
}

function engineError(mod: NnpModule): EngineError {
  const code = mod.errorCode();
  const reason = mod.errorReason();
  return new EngineError(mod.takeError(), (ENGINE.errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal', reason);
}

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

// --- argument checks -------------------------------------------------------

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null || typeof v === 'bigint')
    return String(v);
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

function argError(where: string, name: string, expected: string, got: unknown): Error {
  return new Error(`${where}: ${name} must be ${expected} (got ${show(got)})`);
}

function finite(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw argError(where, name, 'a finite number', v);
  return v;
}

// Safe integers only: anything larger cannot be an exact index or count.
function whole(where: string, name: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
    throw argError(where, name, `a whole number >= ${min}`, v);
  return v;
}

// Refuses text longer than the engine accepts before it is copied into wasm
// memory. A string of n UTF-16 units is at least n bytes of UTF-8, so this
// refuses only what the engine would refuse too (it checks the exact bytes).
function bounded(where: string, name: string, v: unknown, maxBytes: number): string {
  const s = text(where, name, v);
  if (s.length > maxBytes) throw new Error(`${where}: ${name} is ${s.length} characters long; at most ${maxBytes} bytes`);
  return s;
}

// The engine's input limits, and the most points a data set may have.
type Limits = Catalog['limits'] & { maxSamples: number };

// x, y, label triples of `points` (an array of [x, y, label]), each checked:
// a hole, a short row or a non-finite value is refused naming its index.
function flatPoints(where: string, points: unknown, limits: Limits): Float64Array {
  if (!Array.isArray(points)) throw argError(where, 'points', 'an array of [x, y, label]', points);
  if (points.length > limits.maxSamples)
    throw new Error(`points: got ${points.length} points, expected at most ${limits.maxSamples}`); // as the engine says
  const flat = new Float64Array(points.length * 3);
  // An index loop, not forEach: forEach skips holes, which would become (0, 0, 0).
  for (let i = 0; i < points.length; ++i) {
    const p: unknown = points[i];
    if (!Array.isArray(p) || p.length !== 3) throw argError(where, `points[${i}]`, 'an array [x, y, label]', p);
    flat[3 * i] = finite(where, `points[${i}][0] (x)`, p[0]);
    flat[3 * i + 1] = finite(where, `points[${i}][1] (y)`, p[1]);
    flat[3 * i + 2] = finite(where, `points[${i}][2] (label)`, p[2]);
  }
  return flat;
}

// One 0 or 1 per point (the engine checks the count against the points).
function flags(where: string, v: unknown, points: number): Float64Array {
  if (!Array.isArray(v) || v.length !== points) throw argError(where, 'heldOut', `an array of ${points} 0/1 flags, one per point`, v);
  const out = new Float64Array(points);
  for (let i = 0; i < points; ++i) {
    const f: unknown = v[i];
    if (f !== 0 && f !== 1) throw argError(where, `heldOut[${i}]`, '0 or 1', f);
    out[i] = f;
  }
  return out;
}

function text(where: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw argError(where, name, 'a string', v);
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

// The fields of each JSON type, read off the engine's default configuration.
const fieldsOf = (o: object, type: 'string' | 'number' | 'boolean'): string[] =>
  Object.entries(o).filter(([, v]) => typeof v === type).map(([k]) => k);
const STRING_FIELDS = fieldsOf(ENGINE.defaults, 'string');
const NUMBER_FIELDS = fieldsOf(ENGINE.defaults, 'number');
const BOOLEAN_FIELDS = fieldsOf(ENGINE.defaults, 'boolean');
const OPTIMIZER_NUMBERS = fieldsOf(ENGINE.defaults.optimizer, 'number');

// Type checks of a ConfigPatch; ranges, ids and unknown keys are the engine's
// to check (config_from_json), so there is one source of truth for them.
function checkPatch(where: string, patch: unknown): void {
  if (!isPlainObject(patch)) throw argError(where, 'patch', 'an object', patch);
  for (const key of STRING_FIELDS)
    if (patch[key] !== undefined && typeof patch[key] !== 'string') throw argError(where, key, 'a string id', patch[key]);
  for (const key of NUMBER_FIELDS)
    if (patch[key] !== undefined) finite(where, key, patch[key]);
  for (const key of BOOLEAN_FIELDS)
    if (patch[key] !== undefined && typeof patch[key] !== 'boolean') throw argError(where, key, 'true or false', patch[key]);
  if (patch.features !== undefined) {
    if (!Array.isArray(patch.features)) throw argError(where, 'features', 'an array of feature ids', patch.features);
    patch.features.forEach((f: unknown, i: number) => text(where, `features[${i}]`, f));
  }
  if (patch.hidden !== undefined) {
    if (!Array.isArray(patch.hidden)) throw argError(where, 'hidden', 'an array of layers {width, activation}', patch.hidden);
    patch.hidden.forEach((layer: unknown, i: number) => {
      const name = `hidden[${i}]`;
      if (!isPlainObject(layer)) throw argError(where, name, 'an object {width, activation}', layer);
      if (layer.width !== undefined) finite(where, `${name}.width`, layer.width);
      if (layer.activation !== undefined) text(where, `${name}.activation`, layer.activation);
      if (layer.alpha !== undefined) finite(where, `${name}.alpha`, layer.alpha);
    });
  }
  if (patch.optimizer !== undefined) {
    const o = patch.optimizer;
    if (typeof o === 'string') return; // the engine's shorthand: just the kind
    if (!isPlainObject(o)) throw argError(where, 'optimizer', 'an object {kind, learning_rate, ...}', o);
    if (o.kind !== undefined) text(where, 'optimizer.kind', o.kind);
    for (const key of OPTIMIZER_NUMBERS) if (o[key] !== undefined) finite(where, `optimizer.${key}`, o[key]);
  }
}

const statusOf = (code: number): Status => (code === 0 ? 'ok' : 'diverged');

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

class WasmPlayground implements Playground {
  readonly #mod: NnpModule;
  readonly #limits: Limits;
  #raw: RawPlayground | null;

  constructor(mod: NnpModule, raw: RawPlayground, limits: Limits) {
    this.#mod = mod;
    this.#raw = raw;
    this.#limits = limits;
  }

  #r(where: string): RawPlayground {
    if (this.#raw === null) throw new Error(`${where}: this Playground was deleted`);
    return this.#raw;
  }

  #fail(): never {
    throw engineError(this.#mod);
  }

  #check(ok: boolean): void {
    if (!ok) this.#fail();
  }

  configure(patch: ConfigPatch, points?: [number, number, number][], heldOut?: number[]): void {
    const w = 'configure';
    checkPatch(w, patch);
    const raw = this.#r(w);
    const flat = points === undefined ? null : flatPoints(w, points, this.#limits);
    const held = heldOut === undefined ? null : flags(w, heldOut, points?.length ?? 0);
    const json = bounded(w, 'patch (as JSON)', JSON.stringify(patch), this.#limits.maxConfigBytes);
    this.#check(raw.configure(json, flat, held));
  }

  config(): PlaygroundConfig {
    return JSON.parse(this.#r('config').config()) as PlaygroundConfig;
  }

  reset(): void {
    this.#check(this.#r('reset').reset());
  }

  points(): Points {
    const p = this.#r('points').points();
    return { x: p.x.slice(), y: p.y.slice(), label: p.label.slice(), test: p.test.slice() };
  }

  addPoint(x: number, y: number, label: number): void {
    const w = 'addPoint';
    const raw = this.#r(w);
    this.#check(raw.addPoint(finite(w, 'x', x), finite(w, 'y', y), finite(w, 'label', label)));
  }

  movePoint(index: number, x: number, y: number): void {
    const w = 'movePoint';
    const raw = this.#r(w);
    this.#check(raw.movePoint(whole(w, 'index', index), finite(w, 'x', x), finite(w, 'y', y)));
  }

  removePoint(index: number): void {
    const w = 'removePoint';
    const raw = this.#r(w);
    this.#check(raw.removePoint(whole(w, 'index', index)));
  }

  setPoints(points: [number, number, number][]): void {
    const w = 'setPoints';
    const raw = this.#r(w);
    this.#check(raw.setPoints(flatPoints(w, points, this.#limits)));
  }

  loadCsv(csv: string): CsvResult {
    const w = 'loadCsv';
    const raw = this.#r(w);
    const s = text(w, 'text', csv);
    if (s.length > this.#limits.maxCsvBytes)
      return { ok: false, loaded: 0, errors: [`the file is more than ${this.#limits.maxCsvBytes} bytes; at most ${this.#limits.maxCsvBytes} are allowed`] };
    const r = raw.loadCsv(s);
    return { ok: r.ok, loaded: r.loaded, errors: Array.from(r.errors) };
  }

  exportCsv(): string {
    return this.#r('exportCsv').exportCsv();
  }

  trainEpochs(k: number): Status {
    const w = 'trainEpochs';
    const raw = this.#r(w);
    const code = raw.trainEpochs(whole(w, 'k', k));
    if (code < 0) this.#fail();
    return statusOf(code);
  }

  trainSteps(k: number): Status {
    const w = 'trainSteps';
    const raw = this.#r(w);
    const code = raw.trainSteps(whole(w, 'k', k));
    if (code < 0) this.#fail();
    return statusOf(code);
  }

  epoch(): number {
    return this.#r('epoch').epoch();
  }

  steps(): number {
    return this.#r('steps').steps();
  }

  status(): Status {
    return statusOf(this.#r('status').status());
  }

  statusMessage(): string {
    return this.#r('statusMessage').statusMessage();
  }

  historyRevision(): number {
    return this.#r('historyRevision').historyRevision();
  }

  history(since = 0): HistoryColumns {
    const w = 'history';
    const raw = this.#r(w);
    const h = raw.history(whole(w, 'since', since));
    const out: Record<string, Float64Array> = {};
    for (const [name, col] of Object.entries(h)) out[name] = col.slice();
    return out as HistoryColumns; // the engine always has the base columns
  }

  hiddenSpace(layer: number, u1: number, u2: number, n: number): HiddenSpace {
    const w = 'hiddenSpace';
    const s = this.#r(w).hiddenSpace(whole(w, 'layer', layer), whole(w, 'u1', u1), whole(w, 'u2', u2), whole(w, 'n', n));
    if (s === null) this.#fail();
    return { ...s, points: s.points.slice(), lines: s.lines.slice(), output: s.output.slice() };
  }

  evaluate(): EpochStats {
    const s = this.#r('evaluate').evaluate();
    if (s === null) this.#fail();
    return {
      epoch: s[0] ?? NaN,
      trainLoss: s[1] ?? NaN,
      testLoss: s[2] ?? NaN,
      trainAccuracy: s[3] ?? NaN,
      testAccuracy: s[4] ?? NaN,
    };
  }

  // `values` is a view into wasm memory, valid until the next call into the
  // module (any call may grow memory, which empties old views); copy to keep.
  grid(n: number, lo = -6, hi = 6): GridView {
    const w = 'grid';
    const raw = this.#r(w);
    const g = raw.grid(whole(w, 'n', n), finite(w, 'lo', lo), finite(w, 'hi', hi));
    if (g === null) this.#fail();
    return { n: g.n, maps: g.maps, lo: g.lo, hi: g.hi, mapStart: Array.from(g.mapStart), values: g.values };
  }

  layers(): LayerParams[] {
    return this.#r('layers')
      .layers()
      .map((l) => ({
        rows: l.rows,
        cols: l.cols,
        weights: l.weights.slice(),
        biases: l.biases.slice(),
        activation: l.activation as ActivationId | 'output',
      }));
  }

  setWeight(layer: number, to: number, from: number, value: number): void {
    const w = 'setWeight';
    const raw = this.#r(w);
    this.#check(raw.setWeight(whole(w, 'layer', layer), whole(w, 'to', to), whole(w, 'from', from), finite(w, 'value', value)));
  }

  setBias(layer: number, neuron: number, value: number): void {
    const w = 'setBias';
    const raw = this.#r(w);
    this.#check(raw.setBias(whole(w, 'layer', layer), whole(w, 'neuron', neuron), finite(w, 'value', value)));
  }

  predict(x: number, y: number): Float64Array {
    const w = 'predict';
    const raw = this.#r(w);
    const out = raw.predict(finite(w, 'x', x), finite(w, 'y', y));
    if (out === null) this.#fail();
    return out.slice();
  }

  trace(x: number, y: number, label: number): Trace {
    const w = 'trace';
    const raw = this.#r(w);
    const t: RawTrace | null = raw.trace(finite(w, 'x', x), finite(w, 'y', y), finite(w, 'label', label));
    if (t === null) this.#fail();
    return {
      input: t.input.slice(),
      target: t.target.slice(),
      output: t.output.slice(),
      loss: t.loss,
      layers: t.layers.map((l) => ({
        z: l.z.slice(),
        a: l.a.slice(),
        delta: l.delta.slice(),
        dW: l.dW.slice(),
        db: l.db.slice(),
      })),
    };
  }

  applySampleUpdate(x: number, y: number, label: number): void {
    const w = 'applySampleUpdate';
    const raw = this.#r(w);
    this.#check(raw.applySampleUpdate(finite(w, 'x', x), finite(w, 'y', y), finite(w, 'label', label)));
  }

  exportModel(): string {
    return this.#r('exportModel').exportModel();
  }

  upcomingBatches(steps: number): number[][] {
    const w = 'upcomingBatches';
    const r = this.#r(w).upcomingBatches(whole(w, 'steps', steps));
    if (r === null) this.#fail();
    let start = 0;
    return Array.from(r.sizes, (n) => Array.from(r.points.subarray(start, (start += n))));
  }

  importModel(json: string): string {
    const w = 'importModel';
    const raw = this.#r(w);
    const note = raw.importModel(bounded(w, 'json', json, this.#limits.maxModelBytes));
    if (note === null) this.#fail();
    return note;
  }

  // Frees the engine's session; later calls throw. Safe to call twice.
  delete(): void {
    if (this.#raw === null) return;
    this.#raw.delete();
    this.#raw = null;
  }
}
