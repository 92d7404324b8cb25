// The α settings: one per activation the engine says has an α (hasAlpha), with
// the engine's default and range. The table must name every such activation
// (TypeScript refuses it otherwise), so a new one in the engine asks for its
// control here and nowhere else.
import { ENGINE, type EngineDescription } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';
import { num, type Spec } from './kinds';

type AlphaActivation = Extract<EngineDescription['activations'][number], { hasAlpha: true }>['id'];

const ALPHA = {
  leaky_relu: { key: 'leakyAlpha', label: 'Leaky ReLU α', help: 'Slope of leaky ReLU for z < 0', step: 0.01 },
  elu: { key: 'eluAlpha', label: 'ELU α', help: 'ELU: the value it approaches for very negative z is −α', step: 0.1 },
} as const satisfies Record<AlphaActivation, { key: string; label: string; help: string; step: number }>;

export type AlphaSettingId = (typeof ALPHA)[AlphaActivation]['key'];

const HAS_ALPHA = new Map<string, AlphaSettingId>(ENGINE.activations.filter((a) => a.hasAlpha).map((a) => [a.id, ALPHA[a.id as AlphaActivation].key] as const));

// The setting holding the α of an activation, or undefined when it has none.
export function alphaSettingOf(activation: string): AlphaSettingId | undefined {
  return HAS_ALPHA.get(activation);
}

// The α an activation's layer has when its configuration gives none (undefined: it has no α).
export function defaultAlpha(activation: ActivationId): number | undefined {
  const a = ENGINE.activations.find((x) => x.id === activation);
  return a?.hasAlpha ? a.defaultAlpha : undefined;
}

// [activation, setting] for every activation with an α, in the engine's order.
export const ALPHA_SETTINGS: readonly (readonly [ActivationId, AlphaSettingId])[] = [...HAS_ALPHA].map(([a, id]) => [a as ActivationId, id] as const);

// The specs, in the engine's order of the activations.
export const ALPHA_SPECS = Object.fromEntries(
  ALPHA_SETTINGS.map(([activation, id]) => {
    const row = ALPHA[activation as AlphaActivation];
    const r = ENGINE.ranges.alpha;
    const spec = num({ key: id, label: row.label, help: row.help, group: 'network', ranges: ['alpha'] }, defaultAlpha(activation) ?? 0, {
      min: r.min,
      max: r.max,
      minOpen: r.minOpen,
      integer: r.integer,
      typed: true,
      step: row.step,
    });
    return [id, spec];
  }),
) as Record<AlphaSettingId, Spec<number>>;
