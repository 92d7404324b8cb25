// One engine session through Embind (implements Playground of types.ts):
// arguments checked before the call, arrays copied out of wasm memory (all
// but GridView.values), failures turned into Errors with the engine's message,
// and the Embind object's delete() owned here.
import type { NnpModule, RawPlayground, RawTrace } from '../../../build/wasm/nnp.js';
import type {
  ActivationId,
  ConfigPatch,
  CsvResult,
  EpochStats,
  GridView,
  HiddenSpace,
  HistoryColumns,
  LayerParams,
  MapsDescription,
  Playground,
  PlaygroundConfig,
  Points,
  Status,
  Trace,
} from './types';
import { bounded, checkPatch, finite, flags, flatPoints, statusOf, text, whole, type Limits } from './arguments';
import { engineError } from './engine-error';

export class WasmPlayground implements Playground {
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
    return this.#train('trainEpochs', k);
  }

  trainSteps(k: number): Status {
    return this.#train('trainSteps', k);
  }

  #train(w: 'trainEpochs' | 'trainSteps', k: number): Status {
    const code = this.#r(w)[w](whole(w, 'k', k));
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

  describeMaps(outN: number, mapN: number, lo: number, hi: number): MapsDescription {
    const w = 'describeMaps';
    const text = this.#r(w).describeMaps(whole(w, 'outN', outN), whole(w, 'mapN', mapN), finite(w, 'lo', lo), finite(w, 'hi', hi));
    if (text === null) this.#fail();
    return JSON.parse(text) as MapsDescription;
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
