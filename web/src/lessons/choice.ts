// Lessons in the page's settings: the lesson and preset the settings name,
// and a preset as the settings the URL and the controls speak.
import { toConfig } from '../settings/config';
import { sameConfig, settingsFromConfig } from '../settings/lesson';
import { decodePoints } from '../settings/points-codec';
import type { Settings } from '../settings/schema';
import type { Lesson, LessonVariant } from './format';
import { viewSettingsOf } from './read-settings';
import { lessonById, variantById } from './registry';

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

// The settings of a lesson's preset: its configuration, and the view settings the file set.
export function lessonSettings(lesson: Lesson, variant: LessonVariant): Partial<Settings> & Pick<Settings, 'lesson' | 'variant'> {
  return {
    ...viewSettingsOf(variant.settings),
    ...settingsFromConfig(variant.config, variant.points),
    lesson: lesson.id,
    variant: variant === lesson.variants[0] ? '' : variant.id,
  };
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
