// An engine configuration (a lesson's preset, a model file's) as the settings
// the URL and the controls speak, and two configurations compared.
import { ENGINE } from '../engine/description.generated';
import type { PlaygroundConfig } from '../engine/types';
import { ALPHA_SETTINGS, defaultAlpha } from './alpha';
import { getPath, scaled } from './engine-fields';
import { encodePoints, type PointRow } from './points-codec';
import { SCHEMA, SETTING_IDS, type Settings } from './schema';

// The settings that make toConfig() give `c` back (custom points from `points`).
export function settingsFromConfig(c: PlaygroundConfig, points?: readonly PointRow[]): Partial<Settings> {
  const acts = c.hidden.map((h) => h.activation);
  const same = acts.every((a) => a === acts[0]);
  const out: Record<string, unknown> = {
    dataset: c.dataset,
    problem: c.problem,
    points: c.dataset === 'custom' && points && points.length > 0 ? encodePoints(points) : '',
    networkShape: c.hidden.map((h) => h.width),
    activation: acts.length === 0 ? [ENGINE.defaults.hidden[0].activation] : same ? [acts[0]!] : acts,
  };
  // An α from the first layer that has one, else the engine's default.
  for (const [activation, id] of ALPHA_SETTINGS)
    out[id] = c.hidden.find((h) => h.activation === activation && h.alpha !== undefined)?.alpha ?? defaultAlpha(activation);
  // Every setting that is one field of the configuration (its spec's `config`).
  for (const id of SETTING_IDS) {
    const field = SCHEMA[id].config;
    if (!field) continue;
    const v = getPath(c, field.path);
    out[id] = Array.isArray(v) ? [...(v as unknown[])] : typeof v === 'number' ? scaled(v, field.scale) : (v ?? SCHEMA[id].default);
  }
  return out as Partial<Settings>;
}

// JSON with keys in sorted order, so key order does not matter.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

// Both configurations alike, field by field (key order and absent default alphas aside).
export function sameConfig(a: PlaygroundConfig, b: PlaygroundConfig): boolean {
  const norm = (c: PlaygroundConfig) => ({
    ...c,
    hidden: c.hidden.map((h) => ({
      width: h.width,
      activation: h.activation,
      alpha: h.alpha ?? defaultAlpha(h.activation),
    })),
  });
  return canonical(norm(a)) === canonical(norm(b));
}
