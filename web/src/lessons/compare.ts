// A lesson's comparison (its file's `compare`): preset A as side A, and side B
// with preset B's model settings.
import { COMPARE_KEYS, type SidePatch } from '../settings/compare';
import { defaults, specOf, type Settings } from '../settings/schema';
import { lessonSettings } from './choice';
import type { Lesson, LessonVariant } from './format';
import { variantById } from './registry';

// The lesson's two presets to compare; null for a lesson without a comparison.
export function comparedPresets(lesson: Lesson): { a: LessonVariant; b: LessonVariant } | null {
  const a = lesson.compare && variantById(lesson, lesson.compare.a);
  const b = lesson.compare && variantById(lesson, lesson.compare.b);
  return a && b ? { a, b } : null;
}

export function lessonComparison(lesson: Lesson): { a: Settings; b: SidePatch } | null {
  const pair = comparedPresets(lesson);
  if (!pair) return null;
  const a: Settings = { ...defaults(), ...lessonSettings(lesson, pair.a) };
  const bAll: Settings = { ...a, ...lessonSettings(lesson, pair.b) };
  const b: SidePatch = {};
  for (const k of COMPARE_KEYS) if (!specOf(k).equal(a[k] as never, bAll[k] as never)) (b as Record<string, unknown>)[k] = bAll[k];
  return { a, b };
}
