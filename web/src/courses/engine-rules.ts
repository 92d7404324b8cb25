// The engine's tables and configuration rules, as the course modules need them
// without loading the WebAssembly module: the ids (engine/*.cpp tables), the
// defaults (engine/config.hpp `Config`), the limits (`Limits`) and the checks
// of engine/config.cpp `validate()`. Error messages follow the engine's
// "field: got X, expected Y". tests/wasm/lessons.test.ts checks these tables
// against the engine's own catalog.

import type {
  ActivationId,
  ConfigPatch,
  DatasetId,
  FeatureId,
  HiddenLayerConfig,
  InitId,
  OptimizerId,
  OutputId,
  PlaygroundConfig,
  Problem,
  RegularizationId,
} from '../engine/types';

export interface DatasetRule {
  id: DatasetId;
  problem: Problem; // for 'custom' the configuration's `problem` decides
  anyClasses: boolean; // the class count comes from the configuration
}

export const DATASETS: readonly DatasetRule[] = [
  { id: 'circle', problem: 'classification', anyClasses: false },
  { id: 'xor', problem: 'classification', anyClasses: false },
  { id: 'gauss', problem: 'classification', anyClasses: false },
  { id: 'spiral', problem: 'classification', anyClasses: false },
  { id: 'moons', problem: 'classification', anyClasses: false },
  { id: 'checkerboard', problem: 'classification', anyClasses: false },
  { id: 'xor_table', problem: 'classification', anyClasses: false },
  { id: 'blobs', problem: 'classification', anyClasses: true },
  { id: 'multi_spiral', problem: 'classification', anyClasses: true },
  { id: 'reg_plane', problem: 'regression', anyClasses: false },
  { id: 'reg_gauss', problem: 'regression', anyClasses: false },
  { id: 'custom', problem: 'classification', anyClasses: true },
];

export const FEATURE_IDS: readonly FeatureId[] = [
  'x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2', 'cos_x1', 'cos_x2',
];

export interface ActivationRule {
  id: ActivationId;
  hasAlpha: boolean;
  defaultAlpha: number;
}

export const ACTIVATIONS: readonly ActivationRule[] = [
  { id: 'linear', hasAlpha: false, defaultAlpha: 0 },
  { id: 'step', hasAlpha: false, defaultAlpha: 0 },
  { id: 'sign', hasAlpha: false, defaultAlpha: 0 },
  { id: 'sigmoid', hasAlpha: false, defaultAlpha: 0 },
  { id: 'tanh', hasAlpha: false, defaultAlpha: 0 },
  { id: 'arctan', hasAlpha: false, defaultAlpha: 0 },
  { id: 'relu', hasAlpha: false, defaultAlpha: 0 },
  { id: 'leaky_relu', hasAlpha: true, defaultAlpha: 0.01 },
  { id: 'elu', hasAlpha: true, defaultAlpha: 1 },
  { id: 'selu', hasAlpha: false, defaultAlpha: 0 },
  { id: 'silu', hasAlpha: false, defaultAlpha: 0 },
  { id: 'softplus', hasAlpha: false, defaultAlpha: 0 },
  { id: 'gelu', hasAlpha: false, defaultAlpha: 0 },
  { id: 'abs', hasAlpha: false, defaultAlpha: 0 },
];

export interface OutputRule {
  id: OutputId;
  classification: boolean; // learns classes
  regression: boolean; // learns values
  multiclass: boolean; // one output per class (softmax)
}

export const OUTPUTS: readonly OutputRule[] = [
  { id: 'tanh_mse', classification: true, regression: true, multiclass: false },
  { id: 'sigmoid_bce', classification: true, regression: false, multiclass: false },
  { id: 'sigmoid_mse', classification: true, regression: false, multiclass: false },
  { id: 'softmax_ce', classification: true, regression: false, multiclass: true },
  { id: 'linear_hinge', classification: true, regression: false, multiclass: false },
  { id: 'linear_mse', classification: false, regression: true, multiclass: false },
  { id: 'linear_mae', classification: false, regression: true, multiclass: false },
  { id: 'perceptron', classification: true, regression: false, multiclass: false },
];

export const DATASET_IDS: readonly DatasetId[] = DATASETS.map((d) => d.id);
export const ACTIVATION_IDS: readonly ActivationId[] = ACTIVATIONS.map((a) => a.id);
export const OUTPUT_IDS: readonly OutputId[] = OUTPUTS.map((o) => o.id);
export const OPTIMIZER_IDS: readonly OptimizerId[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad'];
export const INIT_IDS: readonly InitId[] = ['tfp', 'zeros', 'xavier_uniform', 'xavier_normal', 'he_uniform', 'he_normal'];
export const REGULARIZATION_IDS: readonly RegularizationId[] = ['none', 'l1', 'l2'];
export const PROBLEMS: readonly Problem[] = ['classification', 'regression'];

export const LIMITS = {
  maxClasses: 6,
  minSamples: 4,
  maxSamples: 5000,
  minTrainRatio: 0.1,
  maxTrainRatio: 0.9,
  maxSeed: 4294967295,
  maxHiddenLayers: 8,
  maxWidth: 32,
  maxAlpha: 10,
  maxLearningRate: 100,
  maxBatch: 5000,
  maxRegRate: 10,
} as const;

// engine/config.hpp `Config{}`: what a missing field of a configuration means.
export function engineDefaults(): PlaygroundConfig {
  return {
    dataset: 'circle',
    problem: 'classification',
    classes: 3,
    samples: 500,
    noise: 0,
    train_ratio: 0.5,
    seed: 1,
    shuffle: true,
    features: ['x1', 'x2'],
    hidden: [
      { width: 4, activation: 'tanh' },
      { width: 2, activation: 'tanh' },
    ],
    output: 'tanh_mse',
    optimizer: { kind: 'sgd', learning_rate: 0.03, momentum: 0.9, rho: 0.99, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    batch_size: 10,
    regularization: 'none',
    reg_rate: 0,
    init: 'tfp',
  };
}

export function isOneOf<T extends string>(allowed: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

export function datasetRule(id: DatasetId): DatasetRule {
  const r = DATASETS.find((d) => d.id === id);
  if (!r) throw new Error(`dataset: got ${JSON.stringify(id)}, expected one of ${DATASET_IDS.join(' ')}`);
  return r;
}

export function activationRule(id: ActivationId): ActivationRule {
  const r = ACTIVATIONS.find((a) => a.id === id);
  if (!r) throw new Error(`activation: got ${JSON.stringify(id)}, expected one of ${ACTIVATION_IDS.join(' ')}`);
  return r;
}

export function outputRule(id: OutputId): OutputRule {
  const r = OUTPUTS.find((o) => o.id === id);
  if (!r) throw new Error(`output: got ${JSON.stringify(id)}, expected one of ${OUTPUT_IDS.join(' ')}`);
  return r;
}

// The alpha a hidden layer uses: its own, or the activation's default.
export function layerAlpha(layer: HiddenLayerConfig): number {
  return layer.alpha ?? activationRule(layer.activation).defaultAlpha;
}

export function effectiveProblem(c: PlaygroundConfig): Problem {
  return c.dataset === 'custom' ? c.problem : datasetRule(c.dataset).problem;
}

// 0 for regression, otherwise the number of classes (2 unless the data set takes any).
export function classCount(c: PlaygroundConfig): number {
  if (effectiveProblem(c) === 'regression') return 0;
  return datasetRule(c.dataset).anyClasses ? c.classes : 2;
}

// Neurons of the output layer: one per class for softmax, else one.
export function outputWidth(c: PlaygroundConfig): number {
  return c.output === 'softmax_ce' ? classCount(c) : 1;
}

// A patch merged over a full configuration, as the engine's configure() does.
export function applyPatch(base: PlaygroundConfig, patch: ConfigPatch): PlaygroundConfig {
  const { optimizer, hidden, features, ...rest } = patch;
  return {
    ...base,
    ...rest,
    features: features ? [...features] : [...base.features],
    hidden: (hidden ?? base.hidden).map((h) => ({ ...h })),
    optimizer: { ...base.optimizer, ...optimizer },
  };
}

function show(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

function fail(field: string, got: string, expected: string): never {
  throw new Error(`${field}: got ${got}, expected ${expected}`);
}

function checkRange(field: string, v: number, lo: number, hi: number, loOpen = false): void {
  if (!Number.isFinite(v) || v > hi || v < lo || (loOpen && v === lo))
    fail(field, show(v), `a number ${loOpen ? 'above' : 'from'} ${lo} to ${hi}`);
}

function checkInt(field: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) fail(field, show(v), `a whole number from ${lo} to ${hi}`);
}

// engine/config.cpp validate(): throws an Error naming the first bad field.
export function checkConfig(c: PlaygroundConfig): void {
  if (!isOneOf(DATASET_IDS, c.dataset)) fail('dataset', JSON.stringify(c.dataset), `one of ${DATASET_IDS.join(' ')}`);
  if (!isOneOf(PROBLEMS, c.problem)) fail('problem', JSON.stringify(c.problem), 'classification or regression');
  const ds = datasetRule(c.dataset);
  if (ds.anyClasses && effectiveProblem(c) === 'classification') checkInt('classes', c.classes, 2, LIMITS.maxClasses);
  checkInt('samples', c.samples, LIMITS.minSamples, LIMITS.maxSamples);
  checkRange('noise', c.noise, 0, 1);
  checkRange('train_ratio', c.train_ratio, LIMITS.minTrainRatio, LIMITS.maxTrainRatio);
  checkInt('seed', c.seed, 0, LIMITS.maxSeed);
  if (typeof c.shuffle !== 'boolean') fail('shuffle', String(c.shuffle), 'true or false');
  if (c.features.length === 0) fail('features', '[]', 'at least one input feature');
  c.features.forEach((f, i) => {
    if (!isOneOf(FEATURE_IDS, f)) fail(`features[${i}]`, JSON.stringify(f), `one of ${FEATURE_IDS.join(' ')}`);
    if (c.features.indexOf(f) !== i) fail(`features[${i}]`, `"${f}" again`, 'each feature at most once');
  });
  checkInt('hidden (number of layers)', c.hidden.length, 0, LIMITS.maxHiddenLayers);
  c.hidden.forEach((h, i) => {
    const f = `hidden[${i}]`;
    checkInt(`${f}.width`, h.width, 1, LIMITS.maxWidth);
    if (!isOneOf(ACTIVATION_IDS, h.activation))
      fail(`${f}.activation`, JSON.stringify(h.activation), `one of ${ACTIVATION_IDS.join(' ')}`);
    if (activationRule(h.activation).hasAlpha) checkRange(`${f}.alpha`, layerAlpha(h), 0, LIMITS.maxAlpha);
  });
  if (!isOneOf(OUTPUT_IDS, c.output)) fail('output', JSON.stringify(c.output), `one of ${OUTPUT_IDS.join(' ')}`);
  const out = outputRule(c.output);
  const problem = effectiveProblem(c);
  const classes = classCount(c);
  const data = `dataset "${c.dataset}"`;
  if (problem === 'regression' && !out.regression)
    fail('output', `"${c.output}"`, `an output for regression (${data} has values, not classes): linear_mse, linear_mae or tanh_mse`);
  if (problem === 'classification' && !out.classification)
    fail(
      'output',
      `"${c.output}"`,
      `an output for classification (${data} has classes): tanh_mse, sigmoid_bce, sigmoid_mse, softmax_ce, linear_hinge or perceptron`,
    );
  if (problem === 'classification' && classes > 2 && !out.multiclass)
    fail('output', `"${c.output}"`, `softmax_ce, the only output for ${classes} classes`);
  if (c.output === 'perceptron' && c.hidden.length > 0)
    fail('hidden (number of layers)', String(c.hidden.length), '0 with the perceptron output (a single neuron)');
  const o = c.optimizer;
  if (!isOneOf(OPTIMIZER_IDS, o.kind)) fail('optimizer.kind', JSON.stringify(o.kind), `one of ${OPTIMIZER_IDS.join(' ')}`);
  checkRange('optimizer.learning_rate', o.learning_rate, 0, LIMITS.maxLearningRate, true);
  checkRange('optimizer.momentum', o.momentum, 0, 0.999);
  checkRange('optimizer.rho', o.rho, 0, 0.9999);
  checkRange('optimizer.beta1', o.beta1, 0, 0.9999);
  checkRange('optimizer.beta2', o.beta2, 0, 0.99999);
  checkRange('optimizer.epsilon', o.epsilon, 0, 1, true);
  checkInt('batch_size', c.batch_size, 1, LIMITS.maxBatch);
  if (!isOneOf(REGULARIZATION_IDS, c.regularization))
    fail('regularization', JSON.stringify(c.regularization), 'one of none l1 l2');
  checkRange('reg_rate', c.reg_rate, 0, LIMITS.maxRegRate);
  if (!isOneOf(INIT_IDS, c.init)) fail('init', JSON.stringify(c.init), `one of ${INIT_IDS.join(' ')}`);
}

// Weights and biases of a configuration's network: Σ (inputs · outputs + outputs)
// over its weight layers, the inputs of the first being the features.
export function parameterCount(c: PlaygroundConfig): number {
  const widths = [c.features.length, ...c.hidden.map((h) => h.width), outputWidth(c)];
  let n = 0;
  for (let l = 1; l < widths.length; l++) n += (widths[l - 1] ?? 0) * (widths[l] ?? 0) + (widths[l] ?? 0);
  return n;
}
