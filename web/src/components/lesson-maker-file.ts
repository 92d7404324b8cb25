// The lesson the lesson maker writes (docs/lesson-format.md): the page's
// settings, its custom points, optionally its current weights (side B's own
// preset when comparing), the author's text, the controls locked or hidden and
// the goals, written by the lesson files' own writer and read back by their
// reader before it is offered. Pure: no DOM, tested in Node.
import { lessonText } from '../lessons/lesson-file';
import type { PresetWeights } from '../courses/preset-load';
import { LESSON_LIMITS as L, type Goal, type Lesson, type LessonVariant } from '../lessons/format';
import { parseLesson } from '../lessons/parse-lesson';
import { toConfig } from '../settings/config';
import { decodePoints } from '../settings/points-codec';
import { SCHEMA, SETTING_IDS, type Settings } from '../settings/schema';
import { goalProblems, type GoalDraft } from './lesson-maker-goals';

export interface LessonDraft {
  title: string;
  text: string;
  tryThis: string[];
  expect: string;
  locked: string[]; // setting keys (a link's hash keys)
  hidden: string[];
  goals: GoalDraft[];
  withWeights: boolean;
}

// The weights of the engine's last snapshot: weights[to * cols + from].
export interface LayerWeights {
  rows: number;
  cols: number;
  weights: ArrayLike<number>;
  biases: ArrayLike<number>;
}

// What the page is now: side A's settings and weights, side B's settings when comparing.
export interface PageState {
  settings: Settings;
  layers: readonly LayerWeights[] | null;
  sideB: Settings | null;
}

// The settings a student may be kept from changing: every control of the schema.
export const CONTROL_KEYS: readonly string[] = SETTING_IDS.filter((id) => !['lesson', 'variant', 'hide', 'tfpSeed'].includes(id)).map((id) => SCHEMA[id].key);

// "XOR with two features!" -> "xor-with-two-features"
function lessonId(title: string): string {
  const id = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: é -> e
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, L.maxIdChars)
    .replace(/-+$/, '');
  return id === '' ? 'my-lesson' : id;
}

function weightsOf(layers: readonly LayerWeights[]): PresetWeights | string {
  const out = layers.map((l) => ({
    weights: Array.from({ length: l.rows }, (_, i) => Array.from({ length: l.cols }, (_, j) => l.weights[i * l.cols + j] ?? NaN)),
    biases: Array.from(l.biases),
  }));
  if (out.length === 0) return 'there are no weights yet: wait for the engine, then take them';
  if (!out.every((l) => l.biases.every(Number.isFinite) && l.weights.every((r) => r.every(Number.isFinite))))
    return 'the current weights are not finite numbers (the run diverged): reset, then take them';
  return { layers: out };
}

function textProblems(d: LessonDraft): string[] {
  const out: string[] = [];
  const long = (what: string, text: string, max: number) => text.length > max && out.push(`${what} has ${text.length} characters; at most ${max}`);
  if (d.title.trim() === '') out.push('The lesson needs a title');
  long('The title', d.title, L.maxTitleChars);
  long('The text', d.text, L.maxTextChars);
  if (d.tryThis.length > L.maxTryThis) out.push(`There are ${d.tryThis.length} “try this” lines; at most ${L.maxTryThis}`);
  d.tryThis.forEach((t, i) => long(`“Try this” line ${i + 1}`, t, L.maxTextChars));
  long('The expected outcome', d.expect, L.maxTextChars);
  if (d.goals.length > L.maxGoals) out.push(`There are ${d.goals.length} goals; at most ${L.maxGoals}`);
  d.goals.forEach((g, i) => out.push(...goalProblems(g, `Goal ${i + 1}`)));
  return out;
}

// A preset of the page's settings (the lesson's own settings, not the page's view of a lesson).
function preset(id: string, label: string, s: Settings, extra: Pick<LessonVariant, 'points' | 'weights'>): LessonVariant {
  const settings: Settings = { ...s, lesson: '', variant: '', hide: [], points: '' };
  return { id, label, settings, config: toConfig(s), ...extra, epochs: 100, expect: '' };
}

function presetsOf(page: PageState, withWeights: boolean, problems: string[]): LessonVariant[] {
  const s = page.settings;
  const points = s.dataset === 'custom' ? (decodePoints(s.points) ?? []) : [];
  if (points.length > L.maxPoints) problems.push(`There are ${points.length} points; a lesson may have at most ${L.maxPoints}`);
  const weights = withWeights ? weightsOf(page.layers ?? []) : undefined;
  if (typeof weights === 'string') problems.push(`Starting weights: ${weights}`);
  const extra = { ...(points.length ? { points } : {}), ...(weights && typeof weights !== 'string' ? { weights } : {}) };
  if (!page.sideB) return [preset('start', 'Start', s, extra)];
  // Comparing: side B trains on side A's points (and its own starting weights).
  return [preset('a', 'A', s, extra), preset('b', 'B', page.sideB, points.length ? { points } : {})];
}

// The lesson file's text, and what keeps it from being written ('' and the problems).
export function buildLesson(draft: LessonDraft, page: PageState): { json: string; id: string; problems: string[] } {
  const problems = textProblems(draft);
  const variants = presetsOf(page, draft.withWeights, problems);
  const known = new Set(CONTROL_KEYS);
  const lesson: Lesson = {
    id: lessonId(draft.title),
    title: draft.title.trim(),
    summary: draft.text.trim(),
    tryThis: draft.tryThis.map((t) => t.trim()).filter((t) => t !== ''),
    expect: draft.expect.trim(),
    variants,
    ...(page.sideB ? { compare: { a: 'a', b: 'b' } } : {}),
    controls: {
      locked: draft.locked.filter((k) => known.has(k) && !draft.hidden.includes(k)) as Lesson['controls']['locked'],
      hidden: draft.hidden.filter((k) => known.has(k)),
    },
    goals: draft.goals as Goal[], // whole once goalProblems found nothing
  };
  if (problems.length) return { json: '', id: lesson.id, problems };
  const json = lessonText(lesson);
  // What the page offers is what the lesson reader takes: checked, not assumed.
  const read = parseLesson(json);
  return read.ok ? { json, id: lesson.id, problems } : { json: '', id: lesson.id, problems: [`The lesson would not load: ${read.error.message}`] };
}
