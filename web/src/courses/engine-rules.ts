// The engine's tables and rules as the course modules need them without
// loading the WebAssembly module, all read from the engine's generated
// description (engine/describe.cpp -> ../engine/description.generated.ts):
// ids, defaults, ranges and which output fits which task. Nothing here
// restates a limit or a default; where the description cannot say (custom
// points, weights), the engine refuses when the configuration reaches it.

import { ENGINE, type Range, type RangeKey } from '../engine/description.generated';
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

export type DatasetRule = (typeof ENGINE.datasets)[number];
export type ActivationRule = (typeof ENGINE.activations)[number];
export type OutputRule = (typeof ENGINE.outputs)[number];

export const DATASETS: readonly DatasetRule[] = ENGINE.datasets;
export const ACTIVATIONS: readonly ActivationRule[] = ENGINE.activations;
export const OUTPUTS: readonly OutputRule[] = ENGINE.outputs;

const ids = <T extends string>(table: readonly { id: T }[]): readonly T[] => table.map((r) => r.id);
export const DATASET_IDS: readonly DatasetId[] = ids(ENGINE.datasets);
export const FEATURE_IDS: readonly FeatureId[] = ids(ENGINE.features);
export const ACTIVATION_IDS: readonly ActivationId[] = ids(ENGINE.activations);
export const OUTPUT_IDS: readonly OutputId[] = ids(ENGINE.outputs);
export const OPTIMIZER_IDS: readonly OptimizerId[] = ids(ENGINE.optimizers);
export const INIT_IDS: readonly InitId[] = ids(ENGINE.inits);
export const REGULARIZATION_IDS: readonly RegularizationId[] = ids(ENGINE.regularizations);
export const PROBLEMS: readonly Problem[] = ENGINE.problems;

const R = ENGINE.ranges;
// The bounds under the names the course modules use.
export const LIMITS = {
  maxClasses: R.classes.max,
  minSamples: R.samples.min,
  maxSamples: R.samples.max,
  minTrainRatio: R.train_ratio.min,
  maxTrainRatio: R.train_ratio.max,
  maxSeed: R.seed.max,
  maxHiddenLayers: R.hidden_layers.max,
  maxWidth: R.width.max,
  maxAlpha: R.alpha.max,
  maxLearningRate: R.learning_rate.max,
  maxBatch: R.batch_size.max,
  maxRegRate: R.reg_rate.max,
} as const;

// engine/config.hpp `Config{}`: what a missing field of a configuration means.
export function engineDefaults(): PlaygroundConfig {
  return JSON.parse(JSON.stringify(ENGINE.defaults)) as PlaygroundConfig;
}

export function isOneOf<T extends string>(allowed: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function rule<T extends { id: string }>(table: readonly T[], what: string, id: string): T {
  const r = table.find((x) => x.id === id);
  if (!r) throw new Error(`${what}: got ${JSON.stringify(id)}, expected one of ${table.map((x) => x.id).join(' ')}`);
  return r;
}

export const datasetRule = (id: DatasetId): DatasetRule => rule(ENGINE.datasets, 'dataset', id);
export const activationRule = (id: ActivationId): ActivationRule => rule(ENGINE.activations, 'activation', id);
export const outputRule = (id: OutputId): OutputRule => rule(ENGINE.outputs, 'output', id);

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

// Neurons of the output layer: one per class for a multiclass output, else one.
export function outputWidth(c: PlaygroundConfig): number {
  return outputRule(c.output).multiclass ? classCount(c) : 1;
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

function fail(field: string, got: string, expected: string): never {
  throw new Error(`${field}: got ${got}, expected ${expected}`);
}

// The engine's wording of a range: "a whole number from <min> to <max>", "a number above <min> to <max>".
export function describeRange(r: Range): string {
  return `${r.integer ? 'a whole number' : 'a number'} ${r.minOpen ? 'above' : 'from'} ${r.min} to ${r.max}`;
}

export function inRange(r: Range, v: unknown): v is number {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v <= r.max &&
    (r.minOpen ? v > r.min : v >= r.min) &&
    (!r.integer || Number.isInteger(v))
  );
}

function checkRange(field: string, key: RangeKey, v: unknown): void {
  const r: Range = R[key];
  if (!inRange(r, v)) fail(field, String(v), describeRange(r));
}

function checkId(field: string, allowed: readonly string[], v: unknown): void {
  if (!isOneOf(allowed, v)) fail(field, JSON.stringify(v), `one of ${allowed.join(' ')}`);
}

const isRangeKey = (k: string): k is RangeKey => k in R;

// Checks a configuration against the description: every id against its
// table, every number against the range of the same name, and the output
// against the task (and the network, for single-neuron outputs). Throws an
// Error naming the first bad field, in the engine's words.
export function checkConfig(c: PlaygroundConfig): void {
  checkId('dataset', DATASET_IDS, c.dataset);
  checkId('problem', PROBLEMS, c.problem);
  const takesClasses = datasetRule(c.dataset).anyClasses && effectiveProblem(c) === 'classification';
  for (const [key, v] of Object.entries(c))
    if (isRangeKey(key) && (key !== 'classes' || takesClasses)) checkRange(key, key, v);
  if (typeof c.shuffle !== 'boolean') fail('shuffle', String(c.shuffle), 'true or false');
  if (c.features.length === 0) fail('features', '[]', 'at least one input feature');
  c.features.forEach((f, i) => {
    checkId(`features[${i}]`, FEATURE_IDS, f);
    if (c.features.indexOf(f) !== i) fail(`features[${i}]`, `"${f}" again`, 'each feature at most once');
  });
  checkRange('hidden (number of layers)', 'hidden_layers', c.hidden.length);
  c.hidden.forEach((h, i) => {
    checkRange(`hidden[${i}].width`, 'width', h.width);
    checkId(`hidden[${i}].activation`, ACTIVATION_IDS, h.activation);
    if (activationRule(h.activation).hasAlpha) checkRange(`hidden[${i}].alpha`, 'alpha', layerAlpha(h));
  });
  checkId('output', OUTPUT_IDS, c.output);
  const out = outputRule(c.output);
  const classes = classCount(c);
  const data = `dataset "${c.dataset}"`;
  const list = (fits: (o: OutputRule) => boolean) => {
    const ids = OUTPUTS.filter(fits).map((o) => o.id);
    return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}` : ids.join('');
  };
  if (classes === 0 && !out.regression)
    fail('output', `"${c.output}"`, `an output for regression (${data} has values, not classes): ${list((o) => o.regression)}`);
  if (classes > 0 && !out.classification)
    fail('output', `"${c.output}"`, `an output for classification (${data} has classes): ${list((o) => o.classification)}`);
  if (classes > 2 && !out.multiclass)
    fail('output', `"${c.output}"`, `${list((o) => o.multiclass)}, the only output for ${classes} classes`);
  if (out.noHiddenLayers && c.hidden.length > 0)
    fail('hidden (number of layers)', String(c.hidden.length), `0 with the ${c.output} output (a single neuron)`);
  checkId('optimizer.kind', OPTIMIZER_IDS, c.optimizer.kind);
  for (const [key, v] of Object.entries(c.optimizer)) if (isRangeKey(key)) checkRange(`optimizer.${key}`, key, v);
  checkId('regularization', REGULARIZATION_IDS, c.regularization);
  checkId('init', INIT_IDS, c.init);
}

// Weights and biases of a configuration's network: Σ (inputs · outputs + outputs)
// over its weight layers, the inputs of the first being the features.
export function parameterCount(c: PlaygroundConfig): number {
  const widths = [c.features.length, ...c.hidden.map((h) => h.width), outputWidth(c)];
  let n = 0;
  for (let l = 1; l < widths.length; l++) n += (widths[l - 1] ?? 0) * (widths[l] ?? 0) + (widths[l] ?? 0);
  return n;
}
