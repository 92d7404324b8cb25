// A lesson written back as a lesson file (docs/lesson-format.md): what
// "Make a lesson" offers, and what parseLesson reads back into the same lesson.
import { ENGINE_SETTINGS, SETTING_IDS, defaults, settingsIn, type SettingId, type Settings } from '../settings/schema';
import { LESSON_FORMAT_VERSION, type Lesson, type LessonVariant } from './format';

type Value = string | number | boolean | (string | number)[];

// Keys the file never carries in `settings`: the lesson names itself, points are the preset's own.
const NOT_WRITTEN = new Set<SettingId>(['lesson', 'variant', 'points', 'hide']);
const WRITTEN = SETTING_IDS.filter((id) => !NOT_WRITTEN.has(id) && (ENGINE_SETTINGS.includes(id) || settingsIn('view', 'run').includes(id)));

// A setting's value as the file writes it (a list of one activation as that activation).
function valueOf(id: SettingId, v: Settings[SettingId]): Value {
  if (Array.isArray(v)) return id === 'activation' && v.length === 1 ? String(v[0]) : [...(v as (string | number)[])];
  return v;
}

// The settings of `s` that differ from the defaults, as the file's `settings` object.
function settingsObject(s: Settings): Record<string, Value> {
  const base = defaults();
  const out: Record<string, Value> = {};
  for (const id of WRITTEN) if (JSON.stringify(s[id]) !== JSON.stringify(base[id])) out[id] = valueOf(id, s[id]);
  return out;
}

const same = (a: Value | undefined, b: Value | undefined) => JSON.stringify(a) === JSON.stringify(b);

function presetObject(v: LessonVariant, own: Record<string, Value>): Record<string, unknown> {
  return {
    id: v.id,
    label: v.label,
    ...(Object.keys(own).length ? { settings: own } : {}),
    epochs: v.epochs,
    ...(v.expect ? { expect: v.expect } : {}),
    ...(v.points ? { points: v.points.map((p) => [...p]) } : {}),
    ...(v.weights ? { weights: v.weights } : {}),
  };
}

// The lesson as a file's object: the settings all presets share at the top, each preset's own in it.
function lessonObject(lesson: Lesson): Record<string, unknown> {
  const each = lesson.variants.map((v) => settingsObject(v.settings));
  const shared: Record<string, Value> = {};
  for (const [k, v] of Object.entries(each[0] ?? {})) if (each.every((o) => same(o[k], v))) shared[k] = v;
  // A key the first preset leaves at its default but another sets stays with the presets.
  const presets = lesson.variants.map((v, i) => {
    const own = Object.fromEntries(Object.entries(each[i] ?? {}).filter(([k]) => !(k in shared)));
    return presetObject(v, own);
  });
  const { locked, hidden } = lesson.controls;
  return {
    nnPlaygroundLesson: LESSON_FORMAT_VERSION,
    id: lesson.id,
    ...(lesson.number !== undefined ? { number: lesson.number } : {}),
    title: lesson.title,
    text: lesson.summary,
    ...(lesson.tryThis.length ? { tryThis: lesson.tryThis } : {}),
    ...(lesson.expect ? { expect: lesson.expect } : {}),
    ...(Object.keys(shared).length ? { settings: shared } : {}),
    presets,
    ...(lesson.compare ? { compare: lesson.compare } : {}),
    ...(locked.length || hidden.length ? { controls: { ...(locked.length ? { locked } : {}), ...(hidden.length ? { hidden } : {}) } } : {}),
    ...(lesson.goals.length ? { goals: lesson.goals } : {}),
  };
}

// The lesson file's text: JSON, two spaces, a list of numbers (a point, a weight row) on one line.
export function lessonText(lesson: Lesson): string {
  const text = JSON.stringify(lessonObject(lesson), null, 2);
  return `${text.replace(/\[[\s\d.eE+,-]*\]/g, (list) => list.replace(/\s+/g, ' ').replace(/\[ /, '[').replace(/ \]/, ']'))}\n`;
}
