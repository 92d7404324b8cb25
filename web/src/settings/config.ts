// From the page's settings to the engine's configuration, and the rules that
// keep a combination valid (which output pairs fit which task).
import { ENGINE } from '../engine/description.generated';
import type { Catalog, OutputId, PlaygroundConfig } from '../engine/types';
import { DEFAULT_OUTPUT, type Task } from '../engine/outputs';
import type { Settings } from './schema';

// The part of the engine's catalog these rules read.
export type TaskCatalog = {
  datasets: readonly Pick<Catalog['datasets'][number], 'id' | 'problem' | 'anyClasses'>[];
  outputs: readonly Pick<Catalog['outputs'][number], 'id' | 'classification' | 'regression' | 'multiclass' | 'noHiddenLayers'>[];
};

export function taskOf(s: Pick<Settings, 'dataset' | 'problem' | 'classes'>, catalog: TaskCatalog): Task {
  const ds = catalog.datasets.find((d) => d.id === s.dataset);
  const problem = s.dataset === 'custom' ? s.problem : ds?.problem ?? 'classification';
  if (problem === 'regression') return 'regression';
  const classes = ds?.anyClasses ? s.classes : 2;
  return classes > 2 ? 'multiclass' : 'binary';
}

export function classCount(s: Pick<Settings, 'dataset' | 'problem' | 'classes'>, catalog: TaskCatalog): number {
  const task = taskOf(s, catalog);
  return task === 'regression' ? 0 : task === 'binary' ? 2 : s.classes;
}

// Output pairs the engine accepts for the task (and the network: a
// single-neuron output such as the perceptron only without hidden layers).
export function validOutputs(task: Task, hiddenLayers: number, catalog: TaskCatalog): OutputId[] {
  return catalog.outputs
    .filter((o) => (task === 'regression' ? o.regression : task === 'binary' ? o.classification : o.multiclass))
    .filter((o) => !o.noHiddenLayers || hiddenLayers === 0)
    .map((o) => o.id as OutputId);
}

// Returns the settings with an output that fits; `changed` says whether it
// had to move, and `note` what was changed and why (for the page to say).
export function reconcile(s: Settings, catalog: TaskCatalog): { settings: Settings; changed: boolean; note: string } {
  const fitted = reconcileOutput(s, catalog);
  const why = fitted.settings.tfpSeed === '' ? '' : tfpMismatch(fitted.settings);
  if (!why) return fitted;
  // Leaving TensorFlow Playground's exact replay is said, never silent.
  const note = `No longer TensorFlow Playground-exact: ${why}`;
  return { settings: { ...fitted.settings, tfpSeed: '' }, changed: true, note: fitted.note ? `${fitted.note}; ${note}` : note };
}

// What of `s` TensorFlow Playground does not have (its rules from the
// engine's description), or '' when its run can be replayed exactly.
export function tfpMismatch(s: Settings): string {
  const t = ENGINE.tfpReplay;
  const regression = s.dataset === 'reg_plane' || s.dataset === 'reg_gauss';
  if (!(t.datasets as readonly string[]).includes(s.dataset)) return `it has no data set ${s.dataset}`;
  const samples = regression ? t.regressionSamples : t.classificationSamples;
  if (s.samples !== samples) return `it uses ${samples} points for this data set`;
  if (Math.abs(s.percTrainData - Math.round(s.percTrainData)) > 1e-9) return 'its training share is a whole percent';
  if (s.shuffle) return 'it does not reshuffle between epochs';
  const order = t.features as readonly string[];
  const at = s.features.map((f) => order.indexOf(f));
  if (at.some((i) => i < 0)) return 'it has no cos features';
  if (at.some((i, k) => k > 0 && i < (at[k - 1] ?? 0))) return 'its features come in its own order';
  const acts = s.networkShape.map((_, i) => s.activation[i] ?? s.activation[s.activation.length - 1] ?? '');
  if (acts.some((a) => !(t.activations as readonly string[]).includes(a))) return `its activations are ${t.activations.join(', ')}`;
  if (acts.some((a) => a !== acts[0])) return 'it uses one activation for all layers';
  if (s.output !== (regression ? t.regressionOutput : t.classificationOutput)) return 'its output is tanh + squared error (linear for regression)';
  if (s.optimizer !== t.optimizer) return 'it trains with plain SGD';
  if (!(t.inits as readonly string[]).includes(s.init)) return 'it starts from uniform ±0.5 or zero weights';
  return '';
}

function reconcileOutput(s: Settings, catalog: TaskCatalog): { settings: Settings; changed: boolean; note: string } {
  const task = taskOf(s, catalog);
  const valid = validOutputs(task, s.networkShape.length, catalog);
  if (valid.includes(s.output)) return { settings: s, changed: false, note: '' };
  const output = valid.includes(DEFAULT_OUTPUT[task]) ? DEFAULT_OUTPUT[task] : valid[0] ?? DEFAULT_OUTPUT[task];
  const why =
    s.output === 'perceptron' && validOutputs(task, 0, catalog).includes('perceptron')
      ? 'the perceptron is a single neuron, so it takes no hidden layers'
      : `it does not fit ${task === 'regression' ? 'regression' : task === 'binary' ? 'two-class' : 'many-class'} data`;
  return { settings: { ...s, output }, changed: true, note: `output=${s.output}: ${why}; ${output} is used instead` };
}

export function toConfig(s: Settings): PlaygroundConfig {
  const lastActivation = s.activation[s.activation.length - 1] ?? ENGINE.defaults.hidden[0].activation;
  return {
    dataset: s.dataset,
    // The engine reads the problem of custom data only; a built-in set has its
    // own, and config() reports that one, so the page sends it too.
    problem: s.dataset === 'custom' ? s.problem : (ENGINE.datasets.find((d) => d.id === s.dataset)?.problem ?? s.problem),
    classes: s.classes,
    samples: s.samples,
    noise: s.noise / 100,
    train_ratio: s.percTrainData / 100,
    seed: s.seed,
    shuffle: s.shuffle,
    features: [...s.features],
    hidden: s.networkShape.map((width, i) => {
      const activation = s.activation[i] ?? lastActivation;
      const alpha = activation === 'leaky_relu' ? s.leakyAlpha : activation === 'elu' ? s.eluAlpha : undefined;
      return alpha === undefined ? { width, activation } : { width, activation, alpha };
    }),
    output: s.output,
    optimizer: {
      kind: s.optimizer,
      learning_rate: s.learningRate,
      momentum: s.momentum,
      rho: s.rho,
      beta1: s.beta1,
      beta2: s.beta2,
      epsilon: s.epsilon,
    },
    batch_size: s.batchSize,
    regularization: s.regularization,
    reg_rate: s.regularizationRate,
    init: s.init,
    tfp_seed: s.tfpSeed,
  };
}

// Settings that only the optimizer reads: changing them keeps the network.
const TRAINING_ONLY: (keyof Settings)[] = [
  'optimizer', 'learningRate', 'momentum', 'rho', 'beta1', 'beta2', 'epsilon', 'batchSize', 'regularization', 'regularizationRate', 'shuffle',
];
// Settings the engine never sees.
const VIEW_ONLY: (keyof Settings)[] = ['lesson', 'variant', 'showTestData', 'epochsPerFrame', 'discretize', 'palette', 'lossScale', 'hide'];

export type ChangeKind = 'none' | 'view' | 'training' | 'network' | 'data';

const DATA: (keyof Settings)[] = ['dataset', 'classes', 'problem', 'samples', 'noise', 'percTrainData', 'seed', 'tfpSeed', 'points'];

export function changeKind(before: Settings, after: Settings): ChangeKind {
  const differs = (k: keyof Settings) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  const changed = (Object.keys(after) as (keyof Settings)[]).filter(differs);
  if (changed.length === 0) return 'none';
  if (changed.some((k) => DATA.includes(k))) return 'data';
  if (changed.every((k) => VIEW_ONLY.includes(k))) return 'view';
  if (changed.every((k) => VIEW_ONLY.includes(k) || TRAINING_ONLY.includes(k))) return 'training';
  return 'network';
}
