// Every setting of the playground, declared once: its URL key, TensorFlow
// Playground alias, range, default, label and hover text. URL parsing and
// serialising (url.ts), the controls (components/controls.ts) and validation
// (setState) are all derived from this table.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId, DatasetId, FeatureId, InitId, OptimizerId, OutputId, Problem, RegularizationId } from '../engine/types';
import { ALPHA_SPECS } from './alpha';
import { engineNumber } from './engine-fields';
import { INVALID, bool, choice, list, num, text, type Group, type Spec } from './kinds';
import { ACTIVATIONS, DATASETS, FEATURES, INITS, OPTIMIZERS, OUTPUTS, PROBLEMS, REGULARIZATIONS, idOf } from './menus';
import { decodePoints } from './points-codec';
import { isTfpSeed, parseSeed } from './seed';

const R = ENGINE.ranges;
const D = ENGINE.defaults;

const widthItem = {
  parse: (t: string) => (/^\d+$/.test(t) ? Number(t) : undefined),
  check: (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= R.width.min && v <= R.width.max,
  format: (v: number) => String(v),
};

const datasetSpec = choice<DatasetId>({ key: 'dataset', label: 'Data set', help: 'Which points to learn from', group: 'data' }, D.dataset, DATASETS, {
  synonyms: { 'reg-plane': 'reg_plane', 'reg-gauss': 'reg_gauss' },
  aliasKeys: ['regDataset', 'problem'],
});
// TensorFlow Playground keeps a classification and a regression data set and
// picks one by `problem`.
datasetSpec.read = (get) => {
  const reg = get('regDataset');
  if (get('problem') === 'regression' && reg !== null) return datasetSpec.parse(reg) ?? INVALID;
  const d = get('dataset');
  return d === null ? undefined : (datasetSpec.parse(d) ?? INVALID);
};

const featureIds = idOf(FEATURES);
const featuresSpec = list<FeatureId>(
  { key: 'features', label: 'Features', help: 'Which properties of a point the network sees', group: 'features', config: { path: 'features', scale: 1 } },
  [...D.features],
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
  {
    key: 'output',
    label: 'Output / loss',
    help: 'The output unit and the loss it is trained with (only pairs that fit the task are offered)',
    group: 'network',
    config: { path: 'output', scale: 1 },
  },
  D.output,
  OUTPUTS,
  { aliasKeys: ['problem'] },
);
// Without an output in the link: the engine's output for the task
// (TensorFlow Playground's pairs); the default's for classification.
outputSpec.read = (get) => {
  const own = get('output');
  if (own !== null) return outputSpec.parse(own) ?? INVALID;
  const dataset = datasetSpec.read?.(get);
  return ENGINE.datasets.find((d) => d.id === dataset)?.problem === 'regression' ? ENGINE.defaultOutputs.regression : undefined;
};

const initSpec = choice<InitId>(
  {
    key: 'init',
    label: 'Initialisation',
    help: 'How the weights start: TensorFlow Playground’s uniform ±0.5, Xavier, He or zeros (the seed fixes the draw)',
    group: 'network',
    config: { path: 'init', scale: 1 },
  },
  D.init,
  INITS,
  { aliasKeys: ['initZero'] },
);
initSpec.read = (get) => {
  const own = get('init');
  if (own !== null) return initSpec.parse(own) ?? INVALID;
  const zero = get('initZero');
  return zero === null || zero === 'false' ? undefined : zero === 'true' ? 'zeros' : INVALID;
};

const seedSpec = engineNumber(
  { key: 'seed', label: 'Seed', help: 'Fixes the data and the initial weights: the same seed gives the same run', group: 'data' },
  'seed',
  { typed: true },
);
seedSpec.parse = parseSeed;

// A TensorFlow Playground link's seed as written ("0.12345"): the engine
// replays that run exactly (its tfp_seed). Read from TensorFlow Playground's
// `seed` key when it has that form, or from our own key on a link of ours.
const tfpSeedSpec = text(
  {
    key: 'tfpSeed',
    label: 'TensorFlow Playground seed',
    help: 'The seed of a TensorFlow Playground link, kept as written: its run is replayed exactly',
    group: 'data',
    config: { path: 'tfp_seed', scale: 1 },
  },
  '',
  new RegExp(`^[\\x20-\\x7e]{0,${ENGINE.tfpReplay.maxSeedChars}}$`),
);
tfpSeedSpec.read = (get) => {
  const own = get('tfpSeed');
  if (own !== null) return tfpSeedSpec.parse(own) ?? INVALID;
  const theirs = get('seed');
  return theirs !== null && isTfpSeed(theirs) ? theirs.trim() : undefined;
};

export const SCHEMA = {
  // --- the lesson shown (its presets and text; the settings below say the rest) ---
  lesson: text({ key: 'lesson', label: 'Lesson', help: 'The lesson whose text and presets are shown', group: 'view' }, '', /^[a-z0-9-]{0,40}$/),
  variant: text({ key: 'variant', label: 'Preset', help: 'Which preset of the lesson (empty: the lesson’s own)', group: 'view' }, '', /^[a-z0-9-]{0,40}$/),
  // --- data ---
  dataset: datasetSpec,
  classes: engineNumber(
    { key: 'classes', label: 'Classes', help: 'Number of classes (blobs, many-armed spiral and your own points)', group: 'data' },
    'classes',
    { step: 1 },
  ),
  problem: choice<Problem>({ key: 'problem', label: 'Problem', help: 'Your own points: classes or values', group: 'data' }, D.problem, PROBLEMS),
  samples: engineNumber({ key: 'samples', label: 'Points', help: 'How many points the data set has', group: 'data' }, 'samples', {
    presets: [50, 100, 200, 300, 500, 1000, 2000, R.samples.max],
  }),
  noise: engineNumber(
    { key: 'noise', label: 'Noise', help: 'How far points stray from the pattern (0-100, TensorFlow Playground’s scale)', group: 'data' },
    'noise',
    {
      scale: 100,
      step: 5,
    },
  ),
  percTrainData: engineNumber(
    { key: 'percTrainData', label: 'Training share', help: 'Percentage of the points used for training; the rest is the test set', group: 'data' },
    'train_ratio',
    {
      scale: 100,
      step: 10,
      unit: '%',
    },
  ),
  seed: seedSpec,
  tfpSeed: tfpSeedSpec,
  // Only text that decodes to whole points: a damaged link must not pass for data.
  points: text(
    { key: 'points', label: 'Your points', help: 'Points you placed or imported', group: 'data' },
    '',
    /^(f64\.)?[A-Za-z0-9_-]*$/,
    (v) => decodePoints(v) !== undefined,
  ),
  showTestData: bool({ key: 'showTestData', label: 'Show test data', help: 'Draw the held-out test points on the output', group: 'view' }, false),
  // --- features ---
  features: featuresSpec,
  // --- network ---
  networkShape: list<number>(
    { key: 'networkShape', label: 'Hidden layers', help: 'Neurons in each hidden layer', group: 'network', ranges: ['hidden_layers', 'width'] },
    D.hidden.map((h) => h.width),
    widthItem,
    { min: R.hidden_layers.min, max: R.hidden_layers.max },
  ),
  activation: list<ActivationId>(
    { key: 'activation', label: 'Activation', help: 'Activation of the hidden layers (one value: the same for all)', group: 'network' },
    [D.hidden[0].activation],
    idOf(ACTIVATIONS),
    { min: 1, max: R.hidden_layers.max },
  ),
  ...ALPHA_SPECS,
  output: outputSpec,
  init: initSpec,
  // --- training ---
  optimizer: choice<OptimizerId>(
    { key: 'optimizer', label: 'Optimizer', help: 'How a gradient becomes a weight update', group: 'training', config: { path: 'optimizer.kind', scale: 1 } },
    D.optimizer.kind,
    OPTIMIZERS,
  ),
  learningRate: engineNumber(
    { key: 'learningRate', label: 'Learning rate', help: 'Step size of each update; lower it if the loss explodes', group: 'training' },
    'optimizer.learning_rate',
    {
      presets: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
    },
  ),
  momentum: engineNumber(
    { key: 'momentum', label: 'Momentum', help: 'Share of the previous update kept (momentum, Nesterov)', group: 'training' },
    'optimizer.momentum',
    {
      presets: [0, 0.5, 0.8, 0.9, 0.95, 0.99],
    },
  ),
  rho: engineNumber({ key: 'rho', label: 'Decay ρ', help: 'RMSprop: decay of the running mean of squared gradients', group: 'training' }, 'optimizer.rho', {
    presets: [0.9, 0.95, 0.99, 0.999],
  }),
  beta1: engineNumber({ key: 'beta1', label: 'β₁', help: 'Adam: decay of the running mean of gradients', group: 'training' }, 'optimizer.beta1', {
    presets: [0, 0.5, 0.8, 0.9, 0.95, 0.99],
  }),
  beta2: engineNumber({ key: 'beta2', label: 'β₂', help: 'Adam: decay of the running mean of squared gradients', group: 'training' }, 'optimizer.beta2', {
    presets: [0.9, 0.99, 0.999, 0.9999],
  }),
  epsilon: engineNumber({ key: 'epsilon', label: 'ε', help: 'Added to the denominator of adaptive optimizers', group: 'training' }, 'optimizer.epsilon', {
    presets: [1e-8, 1e-7, 1e-6, 1e-4, 1e-2],
  }),
  batchSize: engineNumber({ key: 'batchSize', label: 'Batch size', help: 'Points per weight update', group: 'training' }, 'batch_size', {
    presets: [1, 2, 5, 10, 20, 30, 50, 100, 250, 500],
  }),
  regularization: choice<RegularizationId>(
    { key: 'regularization', label: 'Regularization', help: 'Penalty on large weights', group: 'training', config: { path: 'regularization', scale: 1 } },
    D.regularization,
    REGULARIZATIONS,
    { synonyms: { L1: 'l1', L2: 'l2' } },
  ),
  regularizationRate: engineNumber(
    { key: 'regularizationRate', label: 'Regularization rate', help: 'Strength of the weight penalty', group: 'training' },
    'reg_rate',
    {
      presets: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
    },
  ),
  shuffle: bool(
    { key: 'shuffle', label: 'Shuffle', help: 'Reshuffle the training points every epoch', group: 'training', config: { path: 'shuffle', scale: 1 } },
    D.shuffle,
  ),
  // --- run and view ---
  epochsPerFrame: num(
    {
      key: 'epochsPerFrame',
      label: 'Epochs per frame',
      help: 'Epochs trained between two pictures: higher is faster (fewer when epochs are slow, so the page stays smooth)',
      group: 'run',
    },
    1,
    {
      min: 1,
      max: 1000,
      integer: true,
      presets: [1, 2, 5, 10, 20, 50, 100],
    },
  ),
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
    {
      parse: (t) => (/^[A-Za-z0-9_]+$/.test(t) ? t : undefined),
      check: (v): v is string => typeof v === 'string' && /^[A-Za-z0-9_]+$/.test(v),
      format: (v) => v,
    },
    { min: 0, max: 100 },
    { unique: true },
  ),
};

type Schema = typeof SCHEMA;
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

// The settings of some groups, in the schema's order. Each setting's role
// comes from its group: what a change to it rebuilds (settings/config.ts),
// which bar shows it, what side B of a comparison may change.
export function settingsIn(...groups: Group[]): SettingId[] {
  return SETTING_IDS.filter((id) => groups.includes(SCHEMA[id].group));
}

// Settings the engine's configuration decides (everything but the view and the run).
export const ENGINE_SETTINGS: readonly SettingId[] = settingsIn('data', 'features', 'network', 'training');
