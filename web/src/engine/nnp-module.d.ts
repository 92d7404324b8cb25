// Types of the generated Embind module build/wasm/nnp.js (emcc 3.1.6 has no
// --emit-tsd). Written by hand from bindings/nnp_bindings.cpp; keep in step.
//
// Fallible calls never throw: they return false, -1 or null and leave the
// engine's message for takeError(). Arrays are views into wasm memory over
// buffers the session reuses: copy them before the next call.

declare module '*/build/wasm/nnp.js' {
  export interface RawPoints {
    x: Float64Array;
    y: Float64Array;
    label: Float64Array;
    test: Uint8Array;
  }

  // Every history column by its engine name (views into wasm memory).
  export type RawHistory = Record<string, Float64Array>;

  export interface RawHiddenSpace {
    layer: number;
    u1: number;
    u2: number;
    n: number;
    outputs: number;
    xLo: number;
    xHi: number;
    yLo: number;
    yHi: number;
    lineCount: number;
    linePoints: number;
    points: Float64Array;
    lines: Float64Array;
    output: Float32Array;
  }

  export interface RawGrid {
    n: number;
    maps: number;
    lo: number;
    hi: number;
    mapStart: Int32Array;
    values: Float32Array;
  }

  export interface RawLayer {
    rows: number;
    cols: number;
    weights: Float64Array; // row-major
    biases: Float64Array;
    activation: string; // an activation id, or 'output'
  }

  export interface RawTraceLayer {
    z: Float64Array;
    a: Float64Array;
    delta: Float64Array;
    dW: Float64Array; // row-major
    db: Float64Array;
  }

  export interface RawTrace {
    input: Float64Array;
    target: Float64Array;
    output: Float64Array;
    loss: number;
    layers: RawTraceLayer[];
  }

  export interface RawCsvResult {
    ok: boolean;
    loaded: number;
    errors: string[];
  }

  // The Embind class wrapping nnp::Trainer. Must be delete()d.
  export interface RawPlayground {
    // A (partial) config as JSON, merged over the current one; with `flat`
    // (x, y, label triples) the points are replaced in the same change.
    configure(json: string, flat: Float64Array | null, heldOut: Float64Array | null): boolean;
    config(): string;
    reset(): boolean;
    points(): RawPoints;
    addPoint(x: number, y: number, label: number): boolean;
    movePoint(index: number, x: number, y: number): boolean;
    removePoint(index: number): boolean;
    setPoints(flat: Float64Array | number[]): boolean; // x, y, label triples
    loadCsv(text: string): RawCsvResult;
    exportCsv(): string;
    trainEpochs(k: number): number; // 0 ok, 1 diverged, -1 error
    trainSteps(k: number): number;
    epoch(): number;
    steps(): number;
    status(): number; // 0 ok, 1 diverged
    statusMessage(): string;
    historyRevision(): number; // changes when history rows change other than by appending
    history(since: number): RawHistory;
    hiddenSpace(layer: number, u1: number, u2: number, n: number): RawHiddenSpace | null; // null: error
    evaluate(): Float64Array | null; // [epoch, trainLoss, testLoss, trainAccuracy, testAccuracy]
    grid(n: number, lo: number, hi: number): RawGrid | null;
    describeMaps(outN: number, mapN: number, lo: number, hi: number): string | null; // JSON; null: error
    layers(): RawLayer[];
    setWeight(layer: number, to: number, from: number, value: number): boolean;
    setBias(layer: number, neuron: number, value: number): boolean;
    predict(x: number, y: number): Float64Array | null;
    trace(x: number, y: number, label: number): RawTrace | null;
    applySampleUpdate(x: number, y: number, label: number): boolean;
    exportModel(): string;
    upcomingBatches(steps: number): { points: Float64Array; sizes: Float64Array } | null; // indices batch after batch; each batch's size
    importModel(json: string): string | null; // the note for the user ('' when the file resumes exactly); null on error
    delete(): void;
    isDeleted(): boolean;
  }

  export interface NnpModule {
    Playground: new () => RawPlayground;
    takeError(): string; // message of the last failed call (and clears it)
    errorCode(): string; // its code (the description's errorCodes), read before takeError()
    errorReason(): string; // its cause alone, for codes that have one (tfp_replay)
    catalog(): string; // JSON of the engine's tables
    activationCurve(id: string, alpha: number, z: Float64Array): { value: Float64Array; derivative: Float64Array } | null;
    memoryBytes(): number; // wasm heap size
    heapInUse(): number; // bytes malloc has handed out
  }

  // The only Module option the build reads (-sINCOMING_MODULE_JS_API, bindings/wasm.cmake).
  export interface NnpModuleOptions {
    wasmBinary?: ArrayBuffer | Uint8Array;
  }

  export default function createNnpModule(options?: NnpModuleOptions): Promise<NnpModule>;
}
