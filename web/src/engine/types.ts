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

// History as columns (copies), from epoch index `since`.
export interface HistoryColumns {
  epoch: Float64Array;
  trainLoss: Float64Array;
  testLoss: Float64Array;
  trainAccuracy: Float64Array;
  testAccuracy: Float64Array;
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
  limits: { maxHiddenLayers: number; maxWidth: number; minSamples: number; maxSamples: number; maxBatch: number; maxLearningRate: number; maxGrid: number };
}

export interface Playground {
  configure(patch: ConfigPatch): void; // throws Error naming the field; nothing changes then
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
  history(since?: number): HistoryColumns;
  evaluate(): EpochStats;
  grid(n: number, lo?: number, hi?: number): GridView;
  layers(): LayerParams[];
  setWeight(layer: number, to: number, from: number, value: number): void;
  setBias(layer: number, neuron: number, value: number): void;
  predict(x: number, y: number): Float64Array;
  trace(x: number, y: number, label: number): Trace;
  applySampleUpdate(x: number, y: number, label: number): void;
  exportModel(): string;
  // The next `steps` mini-batches (indices into points()) in the order training will take
  // them, reshuffles included; nothing changes. The PyTorch export writes them out.
  upcomingBatches(steps: number): number[][];
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
