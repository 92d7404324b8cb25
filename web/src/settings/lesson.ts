// Lessons in the page's settings: a lesson's preset (an engine configuration,
// sometimes with points and weights; web/src/courses/lessons.ts) as the
// settings the URL and the controls speak, and back.
import { LESSONS, lessonById, variantById, type Lesson, type LessonVariant } from '../courses/lessons';
import { ENGINE } from '../engine/description.generated';
import type { PlaygroundConfig } from '../engine/types';
import { ALPHA_SETTINGS, defaultAlpha } from './alpha';
import { toConfig } from './config';
import { getPath, scaled } from './engine-fields';
import { decodePoints, encodePoints, type PointRow } from './points-codec';
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

export interface LessonChoice {
  lesson: Lesson;
  variant: LessonVariant;
}

// The lesson and preset the settings name; null without a (known) lesson.
export function lessonOf(s: Pick<Settings, 'lesson' | 'variant'>): LessonChoice | null {
  const lesson = s.lesson === '' ? undefined : lessonById(s.lesson);
  if (!lesson) return null;
  const variant = (s.variant === '' ? undefined : variantById(lesson, s.variant)) ?? lesson.variants[0];
  return variant ? { lesson, variant } : null;
}

// The settings of a lesson's preset (view settings are not part of it).
export function lessonSettings(lesson: Lesson, variant: LessonVariant): Partial<Settings> & Pick<Settings, 'lesson' | 'variant'> {
  return {
    ...settingsFromConfig(variant.config, variant.points),
    lesson: lesson.id,
    variant: variant === lesson.variants[0] ? '' : variant.id,
  };
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

// True when the settings are exactly the preset of their lesson: a lesson URL
// that nobody changed. Presets with weights of their own load them then.
export function isUnchangedPreset(s: Settings): boolean {
  const chosen = lessonOf(s);
  if (!chosen) return false;
  const v = chosen.variant;
  if (!sameConfig(toConfig(s), v.config)) return false;
  if (v.config.dataset !== 'custom') return true;
  const rows = decodePoints(s.points) ?? [];
  const want = v.points ?? [];
  return rows.length === want.length && rows.every((r, i) => r.every((x, k) => Math.fround(x) === Math.fround(want[i]![k]!)));
}
