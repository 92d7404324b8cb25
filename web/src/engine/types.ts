// The contract between the WebAssembly engine and the page. The typed wrapper
// (index.ts) implements `Engine` and `Playground` over the Embind module; the
// page and its worker use only these types. Ids match the engine's tables.

import type { ActivationId, DatasetId, EngineDescription, FeatureId, InitId, OptimizerId, OutputId, Problem, RegularizationId } from './description.generated';
import type { BaseHistoryColumn } from './history-columns';

// The ids and the description's types (EngineDescription, Range, ...).
export type * from './description.generated';

// The engine's configuration, exactly as its JSON (engine/config.cpp): the
// shape of the description's defaults, with the literal values widened and the
// id fields typed as the engine's ids. A field added to the engine's Config
// appears here with no edit. Ranges and the rules between fields are the
// engine's: see ENGINE.ranges in description.generated.ts.
type Widen<T> = T extends number
  ? number
  : T extends boolean
    ? boolean
    : T extends string
      ? string
      : T extends readonly (infer U)[]
        ? Widen<U>[]
        : { -readonly [K in keyof T]: Widen<T[K]> };
type Defaults = EngineDescription['defaults'];

type HiddenLayerConfig = Omit<Widen<Defaults['hidden'][number]>, 'activation'> & {
  activation: ActivationId;
  alpha?: number; // activations with hasAlpha; absent: their defaultAlpha
};

type OptimizerConfig = Omit<Widen<Defaults['optimizer']>, 'kind'> & { kind: OptimizerId };

// The fields whose values are ids of the engine's tables.
type IdFields = {
  dataset: DatasetId;
  problem: Problem; // read only for 'custom'
  features: FeatureId[];
  hidden: HiddenLayerConfig[];
  output: OutputId;
  optimizer: OptimizerConfig;
  regularization: RegularizationId;
  init: InitId;
};

export type PlaygroundConfig = Omit<Widen<Defaults>, keyof IdFields> & IdFields;

// A partial configuration merged over the current one (optimizer may be partial too).
export type ConfigPatch = Partial<Omit<PlaygroundConfig, 'optimizer'>> & { optimizer?: Partial<OptimizerConfig> };

export type Status = 'ok' | 'diverged';

export interface EpochStats {
  epoch: number;
  trainLoss: number;
  testLoss: number; // NaN when there is no test set
  trainAccuracy: number; // NaN for regression
  testAccuracy: number;
}

// The engine's history as named columns (copies), rows from index `since`, in
// the engine's column order (history-columns.ts, from the description). NaN
// means no value. Read columns by name: a new series is one more key.
export type HistoryColumns = Record<string, Float64Array> & Record<BaseHistoryColumn, Float64Array>;

// The data seen from two units (u1, u2) of hidden layer `layer` (engine: nnp::HiddenSpace).
export interface HiddenSpace {
  layer: number;
  u1: number;
  u2: number;
  n: number; // the background grid is n x n
  outputs: number; // output maps in `output`
  xLo: number;
  xHi: number;
  yLo: number;
  yHi: number;
  points: Float64Array; // (a_u1, a_u2) of every data point, in points() order
  output: Float32Array; // outputs * n * n: the network's output over the plane, row 0 at yHi
  lineCount: number; // the input plane's grid lines, vertical then horizontal
  linePoints: number; // points per line
  lines: Float64Array; // lineCount * linePoints * (x, y)
}

export interface Points {
  x: Float64Array;
  y: Float64Array;
  label: Float64Array; // class index 0..K-1, or a value for regression
  test: Uint8Array; // 1 = held out
}

export interface CsvResult {
  ok: boolean; // false: nothing was loaded, `errors` says why ("line N: ...")
  loaded: number;
  errors: string[];
}

// Every neuron's value over an n x n grid; see engine/trainer.hpp `Grid`.
// `values` is a view into wasm memory: valid until the next call on any
// Playground of the same Engine (memory may grow); copy it to keep it.
export interface GridView {
  n: number;
  maps: number;
  lo: number;
  hi: number;
  mapStart: number[]; // first map of: inputs, hidden layer 0, 1, ..., output layer
  values: Float32Array; // maps * n * n, map-major, row 0 = top (x2 = hi)
}

// A map in numbers a sentence can say (engine/map_summary.hpp): the share of
// the plane each region covers, its shape (an id of ENGINE.mapShapes), the
// values' range and, for the decision map, the points on their class's side.
export interface MapRegion {
  pixels: number; // of n * n
  shape: string;
  fit: number; // overlap with the shape's template, 0 to 1
  patches: number;
}

export interface MapSummary {
  n: number;
  classes: boolean; // a decision map: one region per class; else two, at most `middle` and above
  middle: number;
  low: number | null; // least and greatest finite value (null: none)
  high: number | null;
  notFinite: number; // pixels without a finite value
  regions: MapRegion[];
  train?: { points: number; onSide: number }; // decision maps only
  test?: { points: number; onSide: number };
}

// The decision map's summary and every map's (Grid order), see describeMaps().
export interface MapsDescription {
  output: MapSummary;
  maps: MapSummary[];
}

export interface LayerParams {
  rows: number; // neurons
  cols: number; // inputs
  weights: Float64Array; // row-major: weights[to * cols + from]
  biases: Float64Array;
  activation: ActivationId | 'output';
}

interface TraceLayer {
  z: Float64Array;
  a: Float64Array;
  delta: Float64Array; // dL/dz
  dW: Float64Array; // row-major like LayerParams.weights
  db: Float64Array;
}

export interface Trace {
  input: Float64Array;
  target: Float64Array;
  output: Float64Array;
  loss: number;
  layers: TraceLayer[];
}

// The engine's description (engine/describe.cpp): what catalog() returns,
// the same as ENGINE in description.generated.ts.
export type Catalog = EngineDescription;

export interface Playground {
  // Throws Error naming the field; nothing changes then. With `points`, the
  // patch and the points (replacing all points; the data becomes custom with
  // the patched task) are one change, applied whole or not at all.
  // `heldOut` (one 0/1 per point, 1 = test) keeps a split; without it the
  // configured share splits the points.
  configure(patch: ConfigPatch, points?: [number, number, number][], heldOut?: number[]): void;
  config(): PlaygroundConfig;
  reset(): void;
  points(): Points;
  addPoint(x: number, y: number, label: number): void;
  movePoint(index: number, x: number, y: number): void;
  removePoint(index: number): void;
  setPoints(points: [number, number, number][]): void;
  loadCsv(text: string): CsvResult;
  exportCsv(): string;
  trainEpochs(k: number): Status;
  trainSteps(k: number): Status;
  epoch(): number;
  steps(): number;
  status(): Status;
  statusMessage(): string;
  // Changes whenever history rows change other than by being appended: the
  // history was thinned (it keeps at most limits.maxHistory rows), reset,
  // started again for a new network, or loaded. Compare for equality only.
  // A reader that has rows [0, k) may ask for history(k) while the revision
  // is unchanged; when it changes, it must fetch history(0) again.
  historyRevision(): number;
  history(since?: number): HistoryColumns; // rows from index `since`
  // The data in the plane of units u1, u2 of hidden layer `layer`, the rest of
  // the network's output over that plane (n x n) and the input grid's lines.
  hiddenSpace(layer: number, u1: number, u2: number, n: number): HiddenSpace;
  evaluate(): EpochStats;
  grid(n: number, lo?: number, hi?: number): GridView;
  // The decision map over an outN grid and every map over a mapN grid of [lo, hi]^2, summarised.
  describeMaps(outN: number, mapN: number, lo: number, hi: number): MapsDescription;
  layers(): LayerParams[];
  setWeight(layer: number, to: number, from: number, value: number): void;
  setBias(layer: number, neuron: number, value: number): void;
  predict(x: number, y: number): Float64Array;
  trace(x: number, y: number, label: number): Trace;
  applySampleUpdate(x: number, y: number, label: number): void;
  exportModel(): string;
  // The next `steps` mini-batches (indices into points()) in the order training will take
  // them, reshuffles included; nothing changes.
  upcomingBatches(steps: number): number[][];
  // All or nothing. Returns a note for the user when the file cannot resume
  // exactly (schema 1 or 2 past step 0: no optimizer state), else ''.
  importModel(json: string): string;
  delete(): void;
}

export interface Engine {
  createPlayground(patch?: ConfigPatch): Playground;
  catalog(): Catalog;
  // f(z) and f'(z) at each z, for the activation plot (the page never does engine math).
  activationCurve(id: ActivationId, alpha: number, z: Float64Array): { value: Float64Array; derivative: Float64Array };
  memoryBytes(): number; // current wasm heap size
}
