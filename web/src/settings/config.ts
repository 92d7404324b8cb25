// From the page's settings to the engine's configuration, and what keeps a
// combination valid (an output that fits the task, task.ts).
import { ENGINE } from '../engine/description.generated';
import type { PlaygroundConfig } from '../engine/types';
import { DEFAULT_OUTPUT } from '../engine/outputs';
import { alphaSettingOf } from './alpha';
import { setPath } from './engine-fields';
import { layerActivation } from './layers';
import { SCHEMA, SETTING_IDS, settingsIn, type Settings } from './schema';
import { taskOf, validOutputs, type TaskCatalog } from '../shared/task';

// Returns the settings with an output that fits; `changed` says whether it
// had to move, and `note` what was changed and why (for the page to say).
// Whether a TensorFlow Playground replay can follow is the engine's to say
// (it refuses with the code tfp_replay; page/session-changes.ts).
export function reconcile(s: Settings, catalog: TaskCatalog): { settings: Settings; changed: boolean; note: string } {
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
