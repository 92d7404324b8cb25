// The menus of the settings: the engine's ids and names, in the engine's order.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId, DatasetId, FeatureId, OutputId } from '../engine/types';

export const DATASETS: readonly { value: DatasetId; label: string }[] = ENGINE.datasets.map((d) => ({
  value: d.id,
  label: d.problem === 'regression' ? `${d.name} (regression)` : d.name,
}));

export const ACTIVATIONS: readonly { value: ActivationId; label: string }[] = ENGINE.activations.map((a) => ({
  value: a.id,
  label: a.trainable ? a.name : `${a.name} (no gradient)`,
}));

export const OUTPUTS: readonly { value: OutputId; label: string }[] = ENGINE.outputs.map((o) => ({ value: o.id, label: o.name }));

// TensorFlow Playground's URL key of each feature (a link's `xSquared=true`).
const TF_FEATURE_KEYS: Record<FeatureId, string> = {
  x1: 'x',
  x2: 'y',
  x1sq: 'xSquared',
  x2sq: 'ySquared',
  x1x2: 'xTimesY',
  sin_x1: 'sinX',
  sin_x2: 'sinY',
  cos_x1: 'cosX',
  cos_x2: 'cosY',
};
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
export const FEATURES: readonly { value: FeatureId; label: string; tf: string }[] = ENGINE.features.map((f) => ({
  value: f.id,
  label: f.label.replace(/X(\d)/g, (_, d: string) => `X${SUBSCRIPTS[Number(d)] ?? d}`), // X1 -> X₁
  tf: TF_FEATURE_KEYS[f.id],
}));

const byName = <T extends string>(table: readonly { id: T; name: string }[]) => table.map((r) => ({ value: r.id, label: r.name }));
export const OPTIMIZERS = byName(ENGINE.optimizers);
export const INITS = byName(ENGINE.inits);
export const REGULARIZATIONS = byName(ENGINE.regularizations);
export const PROBLEMS = ENGINE.problems.map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) }));

// Reads and writes the ids of a menu (a list setting's items).
export const idOf = <T extends string>(options: readonly { value: T }[]) => {
  const ids = new Set<string>(options.map((o) => o.value));
  return {
    parse: (t: string) => (ids.has(t) ? (t as T) : undefined),
    check: (v: unknown): v is T => typeof v === 'string' && ids.has(v),
    format: (v: T) => v,
  };
};
