// Messages between the page and the training worker. The worker owns the
// engine session; the page only renders what arrives here. Large arrays are
// copies made in the worker and transferred (never views into wasm memory).
import type {
  ActivationId,
  Catalog,
  ConfigPatch,
  CsvResult,
  EpochStats,
  HiddenSpace,
  HistoryColumns,
  ErrorCode,
  PlaygroundConfig,
  Points,
  Status,
  Trace,
} from '../engine/types';
import { ENGINE } from '../engine/description.generated';
import type { PresetData } from '../courses/preset-load';

export type Request =
  // One engine call: all or nothing. `heldOut` (one 0/1 per point) keeps the points' split.
  | { kind: 'configure'; patch: ConfigPatch; points?: [number, number, number][]; heldOut?: number[] }
  | { kind: 'reset' }
  | { kind: 'train'; epochs: number; budgetMs?: number } // 1 to ENGINE.limits.maxEpochsPerCall; stops early once budgetMs (at most MAX_TRAIN_MS) have passed (at least one epoch)
  | { kind: 'trainTo'; epoch: number } // trains up to that epoch exactly (or until it diverges): sessions stay in lockstep
  // Playing: the worker trains continuously, `epochs` epochs a picture, and
  // answers with the next picture (worker/stream.ts); one outstanding at a time.
  | { kind: 'stream'; epochs: number }
  | { kind: 'stop' } // continuous training stops; answers with the session as it is
  | { kind: 'open'; patch: ConfigPatch; points?: [number, number, number][]; heldOut?: number[] } // a new session (its id is the envelope's session)
  | { kind: 'close' } // ends the envelope's session (not session 0)
  | { kind: 'copyWeights'; from: number } // the weights of session `from`, layer by layer where the shapes agree
  | { kind: 'snapshot' }
  | { kind: 'focus'; map: number | null } // which neuron map to send at full size
  | { kind: 'addPoint'; x: number; y: number; label: number }
  | { kind: 'movePoint'; index: number; x: number; y: number }
  | { kind: 'removePoint'; index: number }
  | { kind: 'loadCsv'; text: string }
  | { kind: 'exportCsv' }
  | { kind: 'setWeight'; layer: number; to: number; from: number; value: number }
  | { kind: 'setBias'; layer: number; neuron: number; value: number }
  | { kind: 'predict'; x: number; y: number }
  | { kind: 'curve'; activation: ActivationId; alpha: number; z: Float64Array }
  | { kind: 'previews'; classes: number; samples: number }
  | { kind: 'trace'; x: number; y: number; label: number } // one sample through the network: forward and backward
  | { kind: 'applySampleUpdate'; x: number; y: number; label: number } // one plain SGD step on that sample
  | { kind: 'exportModel' }
  | { kind: 'exportPyTorch' } // the model as a PyTorch script, with the points and the next batches
  | { kind: 'importModel'; json: string } // all or nothing: a bad file changes nothing
  | { kind: 'lesson'; preset: PresetData } // a lesson's preset as data: configuration, points, weights, at epoch 0
  | { kind: 'hiddenSpace'; layer: number; u1: number; u2: number; n: number }; // the data seen from two hidden units

// The engine's own shapes, sent as the wrapper returns them.
export type PointsData = Points;

export interface LayerData {
  rows: number;
  cols: number;
  weights: Float64Array;
  biases: Float64Array;
}

// Everything a frame draws.
export interface Snapshot {
  config: PlaygroundConfig;
  epoch: number;
  steps: number; // weight updates since the start (one per mini-batch)
  status: Status;
  statusMessage: string;
  stats: EpochStats; // of the current weights
  // The engine's bounded history: a new `revision` (thinned, reset, replaced)
  // comes whole (since 0) and replaces the page's copy; else rows from `since`.
  history: { revision: number; since: number; columns: HistoryColumns };
  grid: {
    lo: number;
    hi: number;
    mapStart: number[]; // first map of: inputs, hidden layer 0.., output layer
    maps: number;
    thumbN: number;
    thumbs: Float32Array; // every map at thumbN x thumbN
    outN: number;
    output: Float32Array; // the output maps at outN x outN
    focus: number | null; // the neuron map sent at outN (hover)
    focusValues: Float32Array | null;
  };
  layers: LayerData[];
  points: PointsData | null; // only when the data changed since the last snapshot
  dataVersion: number;
  work: WorkerTiming; // the worker's running totals (the benchmark reads them)
}

// What the worker has spent, in total since it started (ms of performance.now()).
export interface WorkerTiming {
  trainMs: number;
  epochs: number;
  snapshotMs: number;
  snapshots: number;
}

// The engine's trace of one sample (copies).
export type TraceData = Trace;

export type Reply =
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'model'; snapshot: Snapshot; note: string } // a loaded model file; note: why it does not resume exactly, or ''
  | { kind: 'csv'; result: CsvResult; snapshot: Snapshot }
  | { kind: 'text'; text: string }
  | { kind: 'predict'; value: Float64Array }
  | { kind: 'curve'; value: Float64Array; derivative: Float64Array }
  | { kind: 'previews'; previews: { id: string; points: PointsData }[] }
  | { kind: 'trace'; trace: TraceData; layers: LayerData[] } // with the weights it was computed with
  | { kind: 'hiddenSpace'; space: HiddenSpace; epoch: number }
  | { kind: 'error'; message: string; code?: ErrorCode; reason?: string; snapshot: Snapshot | null }; // code, reason: an engine refusal's

// Every request names its session: one worker hosts several (session 0 is
// made by the init message; 'open' makes others), so a comparison's two
// networks train in one thread, one after the other, in lockstep.
export type Envelope<T> = { id: number; session: number } & T;

// Most epochs one trainTo request may train (the page asks again for more).
export const MAX_TRAIN_TO_EPOCHS = ENGINE.limits.maxEpochsPerCall;
// Longest a train request trains (its budgetMs, if shorter, stops it sooner):
// the worker answers its other requests within about this long.
export const MAX_TRAIN_MS = 1000;

// The first message from the worker.
export type Hello = { kind: 'ready'; catalog: Catalog; snapshot: Snapshot } | { kind: 'failed'; message: string };

export interface InitMessage {
  kind: 'init';
  patch: ConfigPatch;
  points?: [number, number, number][];
  heldOut?: number[];
}

export const OUTPUT_GRID = 100; // the decision map, pixels per side
export const THUMB_GRID = 28; // each neuron's small map
