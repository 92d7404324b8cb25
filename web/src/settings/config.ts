// From the page's settings to the engine's configuration, and what keeps a
// combination valid (an output that fits the task, task.ts).
import { ENGINE } from '../engine/description.generated';
import type { PlaygroundConfig } from '../engine/types';
import { DEFAULT_OUTPUT } from '../engine/outputs';
import { alphaSettingOf } from './alpha';
import { setPath } from './engine-fields';
import { layerActivation, layerActivations } from './layers';
import { SCHEMA, SETTING_IDS, settingsIn, type Settings } from './schema';
import { taskOf, validOutputs, type TaskCatalog } from '../shared/task';

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
function tfpMismatch(s: Settings): string {
  const t = ENGINE.tfpReplay;
  const regression = taskOf(s, ENGINE) === 'regression';
  if (!(t.datasets as readonly string[]).includes(s.dataset)) return `it has no data set ${s.dataset}`;
  const samples = regression ? t.regressionSamples : t.classificationSamples;
  if (s.samples !== samples) return `it uses ${samples} points for this data set`;
  if (Math.abs(s.percTrainData - Math.round(s.percTrainData)) > 1e-9) return 'its training share is a whole percent';
  if (s.shuffle) return 'it does not reshuffle between epochs';
  const order = t.features as readonly string[];
  const at = s.features.map((f) => order.indexOf(f));
  if (at.some((i) => i < 0)) return 'it has no cos features';
  if (at.some((i, k) => k > 0 && i < (at[k - 1] ?? 0))) return 'its features come in its own order';
  const acts = layerActivations(s);
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
  const output = valid.includes(DEFAULT_OUTPUT[task]) ? DEFAULT_OUTPUT[task] : (valid[0] ?? DEFAULT_OUTPUT[task]);
  const why =
    s.output === 'perceptron' && validOutputs(task, 0, catalog).includes('perceptron')
      ? 'the perceptron is a single neuron, so it takes no hidden layers'
      : `it does not fit ${task === 'regression' ? 'regression' : task === 'binary' ? 'two-class' : 'many-class'} data`;
  return { settings: { ...s, output }, changed: true, note: `output=${s.output}: ${why}; ${output} is used instead` };
}

export function toConfig(s: Settings): PlaygroundConfig {
  const out: Record<string, unknown> = {
    dataset: s.dataset,
    // The engine reads the problem of custom data only; a built-in set has its
    // own, and config() reports that one, so the page sends it too.
    problem: s.dataset === 'custom' ? s.problem : (ENGINE.datasets.find((d) => d.id === s.dataset)?.problem ?? s.problem),
    hidden: s.networkShape.map((width, i) => {
      const activation = layerActivation(s, i);
      const alphaId = alphaSettingOf(activation);
      return alphaId === undefined ? { width, activation } : { width, activation, alpha: s[alphaId] };
    }),
  };
  // Every setting that is one field of the configuration (its spec's `config`).
  for (const id of SETTING_IDS) {
    const field = SCHEMA[id].config;
    if (!field) continue;
    const v = s[id];
    setPath(out, field.path, Array.isArray(v) ? [...v] : typeof v === 'number' && field.scale !== 1 ? v / field.scale : v);
  }
  return out as unknown as PlaygroundConfig;
}

// Settings that only the optimizer reads: changing them keeps the network.
const TRAINING_ONLY: (keyof Settings)[] = settingsIn('training');
// Settings the engine never sees.
const VIEW_ONLY: (keyof Settings)[] = settingsIn('view', 'run');

export type ChangeKind = 'none' | 'view' | 'training' | 'network' | 'data';

const DATA: (keyof Settings)[] = settingsIn('data');

export function changeKind(before: Settings, after: Settings): ChangeKind {
  const differs = (k: keyof Settings) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  const changed = (Object.keys(after) as (keyof Settings)[]).filter(differs);
  if (changed.length === 0) return 'none';
  if (changed.some((k) => DATA.includes(k))) return 'data';
  if (changed.every((k) => VIEW_ONLY.includes(k))) return 'view';
  if (changed.every((k) => VIEW_ONLY.includes(k) || TRAINING_ONLY.includes(k))) return 'training';
  return 'network';
}
