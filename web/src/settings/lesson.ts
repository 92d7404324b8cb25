// Lessons in the page's settings: a lesson's preset (an engine configuration,
// sometimes with points and weights; web/src/courses/lessons.ts) as the
// settings the URL and the controls speak, and back.
import { LESSONS, lessonById, variantById, type Lesson, type LessonVariant } from '../courses/lessons';
import { ENGINE } from '../engine/description.generated';
import type { ActivationId, PlaygroundConfig } from '../engine/types';
import { toConfig } from './config';
import { decodePoints, encodePoints, type PointRow } from './points-codec';
import type { Settings } from './schema';

// Settings the engine's configuration decides (everything but the view).
export const ENGINE_SETTINGS = [
  'dataset', 'problem', 'classes', 'samples', 'noise', 'percTrainData', 'seed', 'points', 'shuffle', 'features',
  'networkShape', 'activation', 'leakyAlpha', 'eluAlpha', 'output', 'init', 'optimizer', 'learningRate', 'momentum',
  'rho', 'beta1', 'beta2', 'epsilon', 'batchSize', 'regularization', 'regularizationRate', 'tfpSeed',
] as const satisfies readonly (keyof Settings)[];

// 0.2 -> 20 without 20.000000000000004
const percent = (v: number) => Number((v * 100).toPrecision(12));

// The alpha a layer of this activation has when its configuration gives none.
const defaultAlpha = (id: ActivationId): number | undefined => {
  const a = ENGINE.activations.find((x) => x.id === id);
  return a?.hasAlpha ? a.defaultAlpha : undefined;
};

function alphaOf(c: PlaygroundConfig, id: ActivationId): number | undefined {
  return c.hidden.find((h) => h.activation === id && h.alpha !== undefined)?.alpha;
}

// The settings that make toConfig() give `c` back (custom points from `points`).
export function settingsFromConfig(c: PlaygroundConfig, points?: readonly PointRow[]): Pick<Settings, (typeof ENGINE_SETTINGS)[number]> & Partial<Settings> {
  const acts = c.hidden.map((h) => h.activation);
  const same = acts.every((a) => a === acts[0]);
  const out: Pick<Settings, (typeof ENGINE_SETTINGS)[number]> = {
    dataset: c.dataset,
    problem: c.problem,
    classes: c.classes,
    samples: c.samples,
    noise: percent(c.noise),
    percTrainData: percent(c.train_ratio),
    seed: c.seed,
    points: c.dataset === 'custom' && points && points.length > 0 ? encodePoints(points) : '',
    shuffle: c.shuffle,
    features: [...c.features],
    networkShape: c.hidden.map((h) => h.width),
    activation: acts.length === 0 ? [ENGINE.defaults.hidden[0].activation] : same ? [acts[0]!] : acts,
    leakyAlpha: alphaOf(c, 'leaky_relu') ?? defaultAlpha('leaky_relu')!,
    eluAlpha: alphaOf(c, 'elu') ?? defaultAlpha('elu')!,
    output: c.output,
    init: c.init,
    optimizer: c.optimizer.kind,
    learningRate: c.optimizer.learning_rate,
    momentum: c.optimizer.momentum,
    rho: c.optimizer.rho,
    beta1: c.optimizer.beta1,
    beta2: c.optimizer.beta2,
    epsilon: c.optimizer.epsilon,
    batchSize: c.batch_size,
    regularization: c.regularization,
    tfpSeed: c.tfp_seed ?? '',
    regularizationRate: c.reg_rate,
  };
  return out;
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
export function lessonSettings(lesson: Lesson, variant: LessonVariant): Pick<Settings, (typeof ENGINE_SETTINGS)[number] | 'lesson' | 'variant'> {
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
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
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

export function lessonIds(): string[] {
  return LESSONS.map((l) => l.id);
}
