// Every setting of the playground, declared once: its URL key, TensorFlow
// Playground alias, range, default, label and hover text. URL parsing and
// serialising (url.ts), the controls (components/controls.ts) and validation
// (setState) are all derived from this table.
import type { ActivationId, DatasetId, FeatureId, InitId, OptimizerId, OutputId, Problem, RegularizationId } from '../engine/types';
import { LESSONS } from '../courses/lessons';
import { INVALID, bool, choice, list, num, text, type Spec } from './kinds';
import { decodePoints } from './points-codec';
import { MAX_SEED, parseSeed } from './seed';

export const DATASETS = [
  { value: 'circle', label: 'Circle' },
  { value: 'xor', label: 'Exclusive or' },
  { value: 'gauss', label: 'Two Gaussians' },
  { value: 'spiral', label: 'Spiral' },
  { value: 'moons', label: 'Two moons' },
  { value: 'checkerboard', label: 'Checkerboard' },
  { value: 'xor_table', label: 'XOR truth table' },
  { value: 'blobs', label: 'Gaussian blobs' },
  { value: 'multi_spiral', label: 'Many-armed spiral' },
  { value: 'reg_plane', label: 'Plane (regression)' },
  { value: 'reg_gauss', label: 'Gaussian bumps (regression)' },
  { value: 'custom', label: 'Your points' },
] as const satisfies readonly { value: DatasetId; label: string }[];

export const ACTIVATIONS = [
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'linear', label: 'Linear' },
  { value: 'leaky_relu', label: 'Leaky ReLU' },
  { value: 'elu', label: 'ELU' },
  { value: 'selu', label: 'SELU' },
  { value: 'silu', label: 'SiLU / Swish' },
  { value: 'gelu', label: 'GELU' },
  { value: 'softplus', label: 'Softplus' },
  { value: 'arctan', label: 'Arctan' },
  { value: 'abs', label: 'Absolute value' },
  { value: 'step', label: 'Step (no gradient)' },
  { value: 'sign', label: 'Sign (no gradient)' },
] as const satisfies readonly { value: ActivationId; label: string }[];

export const OUTPUTS = [
  { value: 'tanh_mse', label: 'tanh + squared error' },
  { value: 'sigmoid_bce', label: 'sigmoid + cross-entropy' },
  { value: 'sigmoid_mse', label: 'sigmoid + squared error' },
  { value: 'softmax_ce', label: 'softmax + cross-entropy' },
  { value: 'linear_hinge', label: 'linear + hinge' },
  { value: 'linear_mse', label: 'linear + squared error' },
  { value: 'linear_mae', label: 'linear + absolute error' },
  { value: 'perceptron', label: 'perceptron (sign)' },
] as const satisfies readonly { value: OutputId; label: string }[];

// Features with TensorFlow Playground's URL key for each.
export const FEATURES = [
  { value: 'x1', label: 'X₁', tf: 'x' },
  { value: 'x2', label: 'X₂', tf: 'y' },
  { value: 'x1sq', label: 'X₁²', tf: 'xSquared' },
  { value: 'x2sq', label: 'X₂²', tf: 'ySquared' },
  { value: 'x1x2', label: 'X₁X₂', tf: 'xTimesY' },
  { value: 'sin_x1', label: 'sin(X₁)', tf: 'sinX' },
  { value: 'sin_x2', label: 'sin(X₂)', tf: 'sinY' },
  { value: 'cos_x1', label: 'cos(X₁)', tf: 'cosX' },
  { value: 'cos_x2', label: 'cos(X₂)', tf: 'cosY' },
] as const satisfies readonly { value: FeatureId; label: string; tf: string }[];

const OPTIMIZERS = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'Momentum' },
  { value: 'nesterov', label: 'Nesterov' },
  { value: 'rmsprop', label: 'RMSprop' },
  { value: 'adam', label: 'Adam' },
  { value: 'adagrad', label: 'Adagrad' },
] as const satisfies readonly { value: OptimizerId; label: string }[];

const INITS = [
  { value: 'tfp', label: 'Uniform ±0.5' },
  { value: 'xavier_uniform', label: 'Xavier uniform' },
  { value: 'xavier_normal', label: 'Xavier normal' },
  { value: 'he_uniform', label: 'He uniform' },
  { value: 'he_normal', label: 'He normal' },
  { value: 'zeros', label: 'Zeros' },
] as const satisfies readonly { value: InitId; label: string }[];

const REGULARIZATIONS = [
  { value: 'none', label: 'None' },
  { value: 'l1', label: 'L1' },
  { value: 'l2', label: 'L2' },
] as const satisfies readonly { value: RegularizationId; label: string }[];

const PROBLEMS = [
  { value: 'classification', label: 'Classification' },
  { value: 'regression', label: 'Regression' },
] as const satisfies readonly { value: Problem; label: string }[];

const idOf = <T extends string>(options: readonly { value: T }[]) => {
  const ids = new Set<string>(options.map((o) => o.value));
  return {
    parse: (t: string) => (ids.has(t) ? (t as T) : undefined),
    check: (v: unknown): v is T => typeof v === 'string' && ids.has(v),
    format: (v: T) => v,
  };
};

const widthItem = {
  parse: (t: string) => (/^\d+$/.test(t) ? Number(t) : undefined),
  check: (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 32,
  format: (v: number) => String(v),
};

const datasetSpec = choice<DatasetId>(
  { key: 'dataset', label: 'Data set', help: 'Which points to learn from', group: 'data' },
  'circle',
  DATASETS,
  {
    synonyms: { 'reg-plane': 'reg_plane', 'reg-gauss': 'reg_gauss' },
    aliasKeys: ['regDataset', 'problem'],
  },
);
// TensorFlow Playground keeps a classification and a regression data set and
// picks one by `problem`.
datasetSpec.read = (get) => {
  const reg = get('regDataset');
  if (get('problem') === 'regression' && reg !== null) return datasetSpec.parse(reg) ?? INVALID;
  const d = get('dataset');
  return d === null ? undefined : datasetSpec.parse(d) ?? INVALID;
};

const featureIds = idOf(FEATURES);
const featuresSpec = list<FeatureId>(
  { key: 'features', label: 'Features', help: 'Which properties of a point the network sees', group: 'features' },
  ['x1', 'x2'],
  featureIds,
  { min: 1, max: FEATURES.length },
  { unique: true, aliasKeys: FEATURES.map((f) => f.tf) },
);
featuresSpec.read = (get) => {
  const own = get('features');
  if (own !== null) return featuresSpec.parse(own) ?? INVALID;
  const flags = FEATURES.map((f) => [f.value, get(f.tf)] as const).filter(([, v]) => v !== null);
  if (flags.length === 0) return undefined;
  if (flags.some(([, v]) => v !== 'true' && v !== 'false')) return INVALID;
  const on = FEATURES.filter((f) => get(f.tf) === 'true').map((f) => f.value as FeatureId);
  return on.length > 0 ? on : INVALID;
};

const outputSpec = choice<OutputId>(
  { key: 'output', label: 'Output / loss', help: 'The output unit and the loss it is trained with (only pairs that fit the task are offered)', group: 'network' },
  'tanh_mse',
  OUTPUTS,
  { aliasKeys: ['problem'] },
);
// Without an output in the link: TensorFlow Playground's pairs, tanh + squared
// error for classification (the default) and a linear output for regression.
outputSpec.read = (get) => {
  const own = get('output');
  if (own !== null) return outputSpec.parse(own) ?? INVALID;
  const dataset = datasetSpec.read?.(get);
  return dataset === 'reg_plane' || dataset === 'reg_gauss' ? 'linear_mse' : undefined;
};

const initSpec = choice<InitId>(
  { key: 'init', label: 'Initialisation', help: 'How the weights start: TensorFlow Playground’s uniform ±0.5, Xavier, He or zeros (the seed fixes the draw)', group: 'network' },
  'tfp',
  INITS,
  { aliasKeys: ['initZero'] },
);
initSpec.read = (get) => {
  const own = get('init');
  if (own !== null) return initSpec.parse(own) ?? INVALID;
  const zero = get('initZero');
  return zero === null || zero === 'false' ? undefined : zero === 'true' ? 'zeros' : INVALID;
};

const seedSpec = num({ key: 'seed', label: 'Seed', help: 'Fixes the data and the initial weights: the same seed gives the same run', group: 'data' }, 1, {
  min: 0,
  max: MAX_SEED,
  integer: true,
  typed: true,
});
seedSpec.parse = parseSeed;

export const SCHEMA = {
  // --- the lesson shown (its presets and text; the settings below say the rest) ---
  lesson: choice<string>(
    { key: 'lesson', label: 'Lesson', help: 'The lesson whose text and presets are shown', group: 'view' },
    '',
    [{ value: '', label: 'None' }, ...LESSONS.map((l) => ({ value: l.id, label: `${l.number}. ${l.title}` }))],
  ),
  variant: text({ key: 'variant', label: 'Preset', help: 'Which preset of the lesson (empty: the lesson’s own)', group: 'view' }, '', /^[a-z0-9-]*$/),
  // --- data ---
  dataset: datasetSpec,
  classes: num({ key: 'classes', label: 'Classes', help: 'Number of classes (blobs, many-armed spiral and your own points)', group: 'data' }, 3, { min: 2, max: 6, integer: true, step: 1 }),
  problem: choice<Problem>({ key: 'problem', label: 'Problem', help: 'Your own points: classes or values', group: 'data' }, 'classification', PROBLEMS),
  samples: num({ key: 'samples', label: 'Points', help: 'How many points the data set has', group: 'data' }, 500, {
    min: 4,
    max: 5000,
    integer: true,
    presets: [50, 100, 200, 300, 500, 1000, 2000, 5000],
  }),
  noise: num({ key: 'noise', label: 'Noise', help: 'How far points stray from the pattern (0-100, TensorFlow Playground’s scale)', group: 'data' }, 0, {
    min: 0,
    max: 100,
    step: 5,
  }),
  percTrainData: num({ key: 'percTrainData', label: 'Training share', help: 'Percentage of the points used for training; the rest is the test set', group: 'data' }, 50, {
    min: 10,
    max: 90,
    step: 10,
    unit: '%',
  }),
  seed: seedSpec,
  // Only text that decodes to whole points: a damaged link must not pass for data.
  points: text({ key: 'points', label: 'Your points', help: 'Points you placed or imported', group: 'data' }, '', /^[A-Za-z0-9_-]*$/, (v) => decodePoints(v) !== undefined),
  showTestData: bool({ key: 'showTestData', label: 'Show test data', help: 'Draw the held-out test points on the output', group: 'view' }, false),
  // --- features ---
  features: featuresSpec,
  // --- network ---
  networkShape: list<number>(
    { key: 'networkShape', label: 'Hidden layers', help: 'Neurons in each hidden layer', group: 'network' },
    [4, 2],
    widthItem,
    { min: 0, max: 8 },
  ),
  activation: list<ActivationId>(
    { key: 'activation', label: 'Activation', help: 'Activation of the hidden layers (one value: the same for all)', group: 'network' },
    ['tanh'],
    idOf(ACTIVATIONS),
    { min: 1, max: 8 },
  ),
  leakyAlpha: num({ key: 'leakyAlpha', label: 'Leaky ReLU α', help: 'Slope of leaky ReLU for z < 0', group: 'network' }, 0.01, {
    min: 0,
    max: 10,
    typed: true,
    step: 0.01,
  }),
  eluAlpha: num({ key: 'eluAlpha', label: 'ELU α', help: 'ELU: the value it approaches for very negative z is −α', group: 'network' }, 1, {
    min: 0,
    max: 10,
    typed: true,
    step: 0.1,
  }),
  output: outputSpec,
  init: initSpec,
  // --- training ---
  optimizer: choice<OptimizerId>({ key: 'optimizer', label: 'Optimizer', help: 'How a gradient becomes a weight update', group: 'training' }, 'sgd', OPTIMIZERS),
  learningRate: num({ key: 'learningRate', label: 'Learning rate', help: 'Step size of each update; lower it if the loss explodes', group: 'training' }, 0.03, {
    min: 0,
    minOpen: true,
    max: 100,
    presets: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  }),
  momentum: num({ key: 'momentum', label: 'Momentum', help: 'Share of the previous update kept (momentum, Nesterov)', group: 'training' }, 0.9, {
    min: 0,
    max: 0.999,
    presets: [0, 0.5, 0.8, 0.9, 0.95, 0.99],
  }),
  rho: num({ key: 'rho', label: 'Decay ρ', help: 'RMSprop: decay of the running mean of squared gradients', group: 'training' }, 0.99, {
    min: 0,
    max: 0.9999,
    presets: [0.9, 0.95, 0.99, 0.999],
  }),
  beta1: num({ key: 'beta1', label: 'β₁', help: 'Adam: decay of the running mean of gradients', group: 'training' }, 0.9, {
    min: 0,
    max: 0.9999,
    presets: [0, 0.5, 0.8, 0.9, 0.95, 0.99],
  }),
  beta2: num({ key: 'beta2', label: 'β₂', help: 'Adam: decay of the running mean of squared gradients', group: 'training' }, 0.999, {
    min: 0,
    max: 0.99999,
    presets: [0.9, 0.99, 0.999, 0.9999],
  }),
  epsilon: num({ key: 'epsilon', label: 'ε', help: 'Added to the denominator of adaptive optimizers', group: 'training' }, 1e-8, {
    min: 0,
    minOpen: true,
    max: 1,
    presets: [1e-8, 1e-7, 1e-6, 1e-4, 1e-2],
  }),
  batchSize: num({ key: 'batchSize', label: 'Batch size', help: 'Points per weight update', group: 'training' }, 10, {
    min: 1,
    max: 5000,
    integer: true,
    presets: [1, 2, 5, 10, 20, 30, 50, 100, 250, 500],
  }),
  regularization: choice<RegularizationId>(
    { key: 'regularization', label: 'Regularization', help: 'Penalty on large weights', group: 'training' },
    'none',
    REGULARIZATIONS,
    { synonyms: { L1: 'l1', L2: 'l2' } },
  ),
  regularizationRate: num({ key: 'regularizationRate', label: 'Regularization rate', help: 'Strength of the weight penalty', group: 'training' }, 0, {
    min: 0,
    max: 10,
    presets: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  }),
  shuffle: bool({ key: 'shuffle', label: 'Shuffle', help: 'Reshuffle the training points every epoch', group: 'training' }, true),
  // --- run and view ---
  epochsPerFrame: num({ key: 'epochsPerFrame', label: 'Epochs per frame', help: 'Epochs trained between two pictures: higher is faster (fewer when epochs are slow, so the page stays smooth)', group: 'run' }, 1, {
    min: 1,
    max: 1000,
    integer: true,
    presets: [1, 2, 5, 10, 20, 50, 100],
  }),
  discretize: bool({ key: 'discretize', label: 'Discretize output', help: 'Show only the predicted class, not the confidence', group: 'view' }, false),
  palette: choice<'default' | 'colorblind'>({ key: 'palette', label: 'Colours', help: 'Colour scheme of the maps and points', group: 'view' }, 'default', [
    { value: 'default', label: 'Orange / blue' },
    { value: 'colorblind', label: 'Colour-blind safe' },
  ]),
  lossScale: choice<'linear' | 'log'>({ key: 'lossScale', label: 'Loss axis', help: 'Linear or logarithmic loss axis', group: 'view' }, 'linear', [
    { value: 'linear', label: 'Linear' },
    { value: 'log', label: 'Log' },
  ]),
  hide: list<string>(
    { key: 'hide', label: 'Hidden controls', help: 'Controls hidden by the link (TensorFlow Playground’s *_hide keys)', group: 'view' },
    [],
    { parse: (t) => (/^[A-Za-z0-9_]+$/.test(t) ? t : undefined), check: (v): v is string => typeof v === 'string' && /^[A-Za-z0-9_]+$/.test(v), format: (v) => v },
    { min: 0, max: 100 },
    { unique: true },
  ),
};

export type Schema = typeof SCHEMA;
export type SettingId = keyof Schema;
export type Settings = { [K in SettingId]: Schema[K] extends Spec<infer T> ? T : never };

export const SETTING_IDS = Object.keys(SCHEMA) as SettingId[];

export function specOf<K extends SettingId>(id: K): Spec<Settings[K]> {
  return SCHEMA[id] as unknown as Spec<Settings[K]>;
}

export function defaults(): Settings {
  const out = {} as Record<SettingId, unknown>;
  for (const id of SETTING_IDS) {
    const d = SCHEMA[id].default;
    out[id] = Array.isArray(d) ? [...d] : d;
  }
  return out as Settings;
}

export function cloneSettings(s: Settings): Settings {
  const out = { ...s };
  for (const id of SETTING_IDS) {
    const v = s[id];
    if (Array.isArray(v)) (out as Record<SettingId, unknown>)[id] = [...v];
  }
  return out;
}

// Settings that matter only for some choices (controls hide, URLs omit them otherwise).
const uses = (s: Settings, a: ActivationId) => s.networkShape.length > 0 && s.networkShape.some((_, i) => (s.activation[i] ?? s.activation[s.activation.length - 1]) === a);

export const RELEVANT: Partial<Record<SettingId, (s: Settings) => boolean>> = {
  lesson: (s) => s.lesson !== '',
  variant: (s) => s.lesson !== '' && s.variant !== '',
  leakyAlpha: (s) => uses(s, 'leaky_relu'),
  eluAlpha: (s) => uses(s, 'elu'),
  classes: (s) => (s.dataset === 'blobs' || s.dataset === 'multi_spiral' || s.dataset === 'custom') && !(s.dataset === 'custom' && s.problem === 'regression'),
  problem: (s) => s.dataset === 'custom',
  points: (s) => s.dataset === 'custom',
  momentum: (s) => s.optimizer === 'momentum' || s.optimizer === 'nesterov',
  rho: (s) => s.optimizer === 'rmsprop',
  beta1: (s) => s.optimizer === 'adam',
  beta2: (s) => s.optimizer === 'adam',
  epsilon: (s) => s.optimizer === 'rmsprop' || s.optimizer === 'adam' || s.optimizer === 'adagrad',
  regularizationRate: (s) => s.regularization !== 'none',
};

export function isRelevant(id: SettingId, s: Settings): boolean {
  return RELEVANT[id]?.(s) ?? true;
}
