// Settings that matter only for some choices: controls hide them and URLs omit
// them otherwise. What each data set, optimizer and activation reads is the
// engine's (its description says which).
import { ENGINE } from '../engine/description.generated';
import { ALPHA_SETTINGS } from './alpha';
import { layerActivations } from './layers';
import { SCHEMA, SETTING_IDS, type SettingId, type Settings } from './schema';

// The class count matters for data sets that take one, unless custom points are values.
const takesClasses = (s: Settings) =>
  (ENGINE.datasets.find((d) => d.id === s.dataset)?.anyClasses ?? false) && !(s.dataset === 'custom' && s.problem === 'regression');
// Whether the chosen optimizer reads a parameter.
const optimizerReads = (s: Settings, param: string) =>
  (ENGINE.optimizers.find((o) => o.id === s.optimizer)?.params as readonly string[] | undefined)?.includes(param) ?? false;
// Whether the chosen data set reads a data setting (the XOR truth table has a
// fixed count, no noise and no test share).
const datasetReads = (s: Settings, key: string) =>
  (ENGINE.datasets.find((d) => d.id === s.dataset)?.reads as readonly string[] | undefined)?.includes(key) ?? true;

const anyOptimizerReads = new Set<string>(ENGINE.optimizers.flatMap((o) => o.params as readonly string[]));
const anyDatasetReads = new Set<string>(ENGINE.datasets.flatMap((d) => d.reads as readonly string[]));

// A setting that is an optimizer's parameter or a data set's field matters
// when the chosen one reads it.
function byEngineField(id: SettingId): ((s: Settings) => boolean) | undefined {
  const path = SCHEMA[id].config?.path;
  if (!path) return undefined;
  const optimizerParam = path.startsWith('optimizer.') ? path.slice('optimizer.'.length) : '';
  if (anyOptimizerReads.has(optimizerParam)) return (s) => optimizerReads(s, optimizerParam);
  if (anyDatasetReads.has(path)) return (s) => datasetReads(s, path);
  return undefined;
}

const RELEVANT: Partial<Record<SettingId, (s: Settings) => boolean>> = {
  ...Object.fromEntries(
    SETTING_IDS.flatMap((id) => {
      const f = byEngineField(id);
      return f ? [[id, f]] : [];
    }),
  ),
  lesson: (s) => s.lesson !== '',
  variant: (s) => s.lesson !== '' && s.variant !== '',
  // An α matters while a layer uses its activation.
  ...Object.fromEntries(ALPHA_SETTINGS.map(([activation, id]) => [id, (s: Settings) => layerActivations(s).includes(activation)])),
  classes: (s) => takesClasses(s),
  problem: (s) => s.dataset === 'custom',
  points: (s) => s.dataset === 'custom',
  regularizationRate: (s) => s.regularization !== 'none',
  tfpSeed: (s) => s.tfpSeed !== '',
};

export function isRelevant(id: SettingId, s: Settings): boolean {
  return RELEVANT[id]?.(s) ?? true;
}
