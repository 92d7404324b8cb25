// The settings a link may also give in TensorFlow Playground's keys (a data
// set by problem, features as flags, a seed to replay, …): their specs, each
// read from its own key when the link has it, else from TensorFlow
// Playground's. The table of all settings is schema.ts.
import { ENGINE } from '../engine/description.generated';
import type { DatasetId, FeatureId, InitId, OutputId } from '../engine/types';
import { engineNumber } from './engine-fields';
import { INVALID, choice, list, text, type Spec } from './kinds';
import { DATASETS, FEATURES, INITS, OUTPUTS, idOf } from './menus';
import { isTfpSeed, parseSeed } from './seed';

const D = ENGINE.defaults;

// `spec` read from its own key when the link has it, else by `theirs`.
function ownOr<T>(spec: Spec<T>, theirs: NonNullable<Spec<T>['read']>): void {
  spec.read = (get) => {
    const own = get(spec.key);
    return own !== null ? (spec.parse(own) ?? INVALID) : theirs(get);
  };
}

export const datasetSpec = choice<DatasetId>({ key: 'dataset', label: 'Data set', help: 'Which points to learn from', group: 'data' }, D.dataset, DATASETS, {
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
export const featuresSpec = list<FeatureId>(
  { key: 'features', label: 'Features', help: 'Which properties of a point the network sees', group: 'features', config: { path: 'features', scale: 1 } },
  [...D.features],
  featureIds,
  { min: 1, max: FEATURES.length },
  { unique: true, aliasKeys: FEATURES.map((f) => f.tf) },
);
ownOr(featuresSpec, (get) => {
  const flags = FEATURES.map((f) => [f.value, get(f.tf)] as const).filter(([, v]) => v !== null);
  if (flags.length === 0) return undefined;
  if (flags.some(([, v]) => v !== 'true' && v !== 'false')) return INVALID;
  const on = FEATURES.filter((f) => get(f.tf) === 'true').map((f) => f.value as FeatureId);
  return on.length > 0 ? on : INVALID;
});

// A choice of the network that is one field of the configuration, read from
// its own key or by `theirs` (from `aliasKeys`).
function networkChoice<T extends string>(
  base: { key: 'output' | 'init'; label: string; help: string },
  def: T,
  options: readonly { value: T; label: string }[],
  aliasKeys: string[],
  theirs: NonNullable<Spec<T>['read']>,
): Spec<T> {
  const spec = choice<T>({ ...base, group: 'network', config: { path: base.key, scale: 1 } }, def, options, { aliasKeys });
  ownOr(spec, theirs);
  return spec;
}

// Without an output in the link: the engine's output for the task
// (TensorFlow Playground's pairs); the default's for classification.
export const outputSpec = networkChoice<OutputId>(
  {
    key: 'output',
    label: 'Output / loss',
    help: 'The output unit and the loss it is trained with (only pairs that fit the task are offered)',
  },
  D.output,
  OUTPUTS,
  ['problem'],
  (get) => {
    const dataset = datasetSpec.read?.(get);
    return ENGINE.datasets.find((d) => d.id === dataset)?.problem === 'regression' ? ENGINE.defaultOutputs.regression : undefined;
  },
);

export const initSpec = networkChoice<InitId>(
  {
    key: 'init',
    label: 'Initialisation',
    help: 'How the weights start: TensorFlow Playground’s uniform ±0.5, Xavier, He or zeros (the seed fixes the draw)',
  },
  D.init,
  INITS,
  ['initZero'],
  (get) => {
    const zero = get('initZero');
    return zero === null || zero === 'false' ? undefined : zero === 'true' ? 'zeros' : INVALID;
  },
);

export const seedSpec = engineNumber(
  { key: 'seed', label: 'Seed', help: 'Fixes the data and the initial weights: the same seed gives the same run', group: 'data' },
  'seed',
  { typed: true },
);
seedSpec.parse = parseSeed;

// A TensorFlow Playground link's seed as written ("0.12345"): the engine
// replays that run exactly (its tfp_seed). Read from TensorFlow Playground's
// `seed` key when it has that form, or from our own key on a link of ours.
export const tfpSeedSpec = text(
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
ownOr(tfpSeedSpec, (get) => {
  const theirs = get('seed');
  return theirs !== null && isTfpSeed(theirs) ? theirs.trim() : undefined;
});
