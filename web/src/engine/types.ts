// The contract between the WebAssembly engine and the page. The typed wrapper
// (index.ts) implements `Engine` and `Playground` over the Embind module; the
// page and its worker use only these types. Ids match the engine's tables.

export type DatasetId =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'checkerboard' | 'xor_table'
  | 'blobs' | 'multi_spiral' | 'reg_plane' | 'reg_gauss' | 'custom';
export type FeatureId = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sin_x1' | 'sin_x2' | 'cos_x1' | 'cos_x2';
export type ActivationId =
  | 'linear' | 'step' | 'sign' | 'sigmoid' | 'tanh' | 'arctan' | 'relu' | 'leaky_relu'
  | 'elu' | 'selu' | 'silu' | 'softplus' | 'gelu' | 'abs';
export type OutputId =
  | 'tanh_mse' | 'sigmoid_bce' | 'sigmoid_mse' | 'softmax_ce' | 'linear_hinge' | 'linear_mse' | 'linear_mae' | 'perceptron';
export type OptimizerId = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam' | 'adagrad';
export type InitId = 'tfp' | 'zeros' | 'xavier_uniform' | 'xavier_normal' | 'he_uniform' | 'he_normal';
export type RegularizationId = 'none' | 'l1' | 'l2';
export type Problem = 'classification' | 'regression';

export interface HiddenLayerConfig {
  width: number; // 1..32
  activation: ActivationId;
  alpha?: number; // leaky_relu (default 0.01) and elu (default 1)
}

export interface OptimizerConfig {
  kind: OptimizerId;
  learning_rate: number; // (0, 100]
  momentum: number; // momentum, nesterov (0.9)
  rho: number; // rmsprop (0.99)
  beta1: number; // adam (0.9)
  beta2: number; // adam (0.999)
  epsilon: number; // 1e-8
}

// The engine's configuration, exactly as its JSON (engine/config.cpp).
export interface PlaygroundConfig {
  dataset: DatasetId;
  problem: Problem; // read only for 'custom'
  classes: number; // 2..6: blobs, multi_spiral, custom classification
  samples: number; // 4..5000
  noise: number; // 0..1 (TensorFlow Playground's slider value / 100)
  train_ratio: number; // 0.1..0.9
  seed: number; // 0..4294967295
  shuffle: boolean;
  features: FeatureId[];
  hidden: HiddenLayerConfig[]; // 0..8 layers
  output: OutputId;
  optimizer: OptimizerConfig;
  batch_size: number; // 1..5000
  regularization: RegularizationId;
  reg_rate: number; // 0..10
  init: InitId;
}

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
// the engine's column order: epoch, train_loss, test_loss, train_accuracy,
// test_accuracy, then grad_rms_<l> for every weight layer l (0 = first) and
// saturation_<l> for every hidden layer (engine/flow.hpp defines both). NaN
// means no value. Read columns by name: a new series is one more key.
export type HistoryColumns = Record<string, Float64Array> & Record<BaseHistoryColumn, Float64Array>;
export type BaseHistoryColumn = 'epoch' | 'train_loss' | 'test_loss' | 'train_accuracy' | 'test_accuracy';

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

export interface LayerParams {
  rows: number; // neurons
  cols: number; // inputs
  weights: Float64Array; // row-major: weights[to * cols + from]
  biases: Float64Array;
  activation: ActivationId | 'output';
}

export interface TraceLayer {
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

export interface CatalogEntry {
  id: string;
  name: string;
}
export interface Catalog {
  activations: (CatalogEntry & { formula: string; derivative: string; hasAlpha: boolean; defaultAlpha: number; trainable: boolean })[];
  outputs: (CatalogEntry & { unit: string; loss: string; formula: string; classification: boolean; regression: boolean; multiclass: boolean })[];
  datasets: (CatalogEntry & { problem: Problem; anyClasses: boolean })[];
  features: (CatalogEntry & { label: string })[];
  optimizers: string[];
  inits: string[];
  limits: {
    maxHiddenLayers: number;
    maxWidth: number;
    minSamples: number;
    maxSamples: number;
    maxBatch: number;
    maxLearningRate: number;
    maxGrid: number;
    maxGridBound: number; // |lo|, |hi| of grid()
    maxConfigBytes: number; // a configure() patch as JSON
    maxModelBytes: number; // importModel() text
    maxJsonDepth: number; // nesting of any JSON the engine parses
    maxCsvBytes: number;
    maxCsvLines: number;
    maxCsvErrors: number; // errors listed; the rest are counted in one last line
    maxHistory: number; // history rows kept (older ones thinned), see historyRevision()
    maxEpochsPerCall: number; // trainEpochs(k)
    maxStepsPerCall: number; // trainSteps(k)
    maxEpoch: number; // epochs in all (and in a model file)
    maxSteps: number; // steps in all
  };
}

export interface Playground {
  // Throws Error naming the field; nothing changes then. With `points`, the
  // patch and the points (replacing all points; the data becomes custom with
  // the patched task) are one change, applied whole or not at all.
  configure(patch: ConfigPatch, points?: [number, number, number][]): void;
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
  layers(): LayerParams[];
  setWeight(layer: number, to: number, from: number, value: number): void;
  setBias(layer: number, neuron: number, value: number): void;
  predict(x: number, y: number): Float64Array;
  trace(x: number, y: number, label: number): Trace;
  applySampleUpdate(x: number, y: number, label: number): void;
  exportModel(): string;
  importModel(json: string): void;
  delete(): void;
}

export interface Engine {
  createPlayground(patch?: ConfigPatch): Playground;
  catalog(): Catalog;
  // f(z) and f'(z) at each z, for the activation plot (the page never does engine math).
  activationCurve(id: ActivationId, alpha: number, z: Float64Array): { value: Float64Array; derivative: Float64Array };
  memoryBytes(): number; // current wasm heap size
}
