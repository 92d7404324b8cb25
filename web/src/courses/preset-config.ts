// A preset's configuration as a patch over the engine's defaults (the
// engine's configure() merges the same way), and its parameter count.
import { ENGINE } from '../engine/description.generated';
import type { ConfigPatch, PlaygroundConfig } from '../engine/types';
import { classCount } from '../shared/task';

// engine/config.hpp `Config{}`: what a missing field of a configuration means.
export function engineDefaults(): PlaygroundConfig {
  return JSON.parse(JSON.stringify(ENGINE.defaults)) as PlaygroundConfig;
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

// Weights and biases of a configuration's network: Σ (inputs · outputs + outputs)
// over its weight layers, the inputs of the first being the features and the
// last layer one output, or one per class for a multiclass output.
export function parameterCount(c: PlaygroundConfig): number {
  const multiclass = ENGINE.outputs.find((o) => o.id === c.output)?.multiclass ?? false;
  const widths = [c.features.length, ...c.hidden.map((h) => h.width), multiclass ? classCount(c, ENGINE) : 1];
  let n = 0;
  for (let l = 1; l < widths.length; l++) n += (widths[l - 1] ?? 0) * (widths[l] ?? 0) + (widths[l] ?? 0);
  return n;
}
