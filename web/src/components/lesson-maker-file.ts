// The lesson file the lesson maker writes (docs/lesson-format.md): the page's
// settings as a link's hash keys (toHash, read back the way the hash is), its
// custom points, optionally its current weights, the author's text, the
// controls locked or hidden and the goals. Pure: no DOM, tested in Node.
import { ENGINE } from '../engine/description.generated';
import { decodePoints, type PointRow } from '../settings/points-codec';
import { SCHEMA, SETTING_IDS, defaults, type Settings } from '../settings/schema';
import { toHash } from '../settings/url';
import { MAX_GOALS, goalProblems, type Goal } from './lesson-maker-goals';

// Sizes of what an author writes (a lesson card is read on a page, not a book).
export const MAKER_LIMITS = {
  title: 120,
  text: 4000,
  tryThis: 8, // lines
  tryThisLine: 300,
  expect: 500,
  points: ENGINE.ranges.samples.max,
} as const;

export interface LessonDraft {
  title: string;
  text: string;
  tryThis: string[];
  expect: string;
  locked: string[]; // setting keys (a link's hash keys)
  hidden: string[];
  goals: Goal[];
  withWeights: boolean;
}

// The weights of the engine's last snapshot: weights[to * cols + from].
export interface LayerWeights {
  rows: number;
  cols: number;
  weights: ArrayLike<number>;
  biases: ArrayLike<number>;
}

type Value = string | number | boolean;

interface LessonPreset {
  id: string;
  label: string;
  settings: Record<string, Value>;
  points?: PointRow[];
  weights?: { layers: { weights: number[][]; biases: number[] }[] };
}

export interface LessonFile {
  nnPlaygroundLesson: 1;
  id: string;
  title: string;
  text: string;
  tryThis?: string[];
  expect?: string;
  settings: Record<string, Value>;
  presets?: LessonPreset[];
  controls?: { locked?: string[]; hidden?: string[] };
  goals?: Goal[];
}

// Keys the lesson states elsewhere: the lesson itself, the hidden controls
// (controls.hidden) and the points (the preset's `points`).
const NOT_SETTINGS = new Set([SCHEMA.lesson.key, SCHEMA.variant.key, SCHEMA.hide.key, SCHEMA.points.key]);

// The settings a student may be kept from changing: every control of the schema.
export const CONTROL_KEYS: readonly string[] = SETTING_IDS.filter((id) => !['lesson', 'variant', 'hide', 'tfpSeed'].includes(id)).map((id) => SCHEMA[id].key);

function hashEntries(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.set(decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1)));
  }
  return out;
}

// A hash value as JSON: numbers and booleans as such where the setting is one.
function typed(key: string, text: string): Value {
  const id = SETTING_IDS.find((i) => SCHEMA[i].key === key);
  const kind = id === undefined ? 'string' : typeof SCHEMA[id].default;
  if (kind === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

// The settings the lesson states: those of the link that differ from the
// defaults', and always the data set.
export function lessonSettingsOf(s: Settings): Record<string, Value> {
  const mine = hashEntries(toHash(s));
  const base = hashEntries(toHash(defaults()));
  const out: Record<string, Value> = {};
  for (const [key, text] of mine) {
    if (NOT_SETTINGS.has(key)) continue;
    if (key === SCHEMA.dataset.key || base.get(key) !== text) out[key] = typed(key, text);
  }
  return out;
}

// "XOR with two features!" -> "xor-with-two-features"
function lessonId(title: string): string {
  const id = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: é -> e
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return id === '' ? 'my-lesson' : id;
}

function weightsOf(layers: readonly LayerWeights[]): LessonPreset['weights'] | string {
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
  const L = MAKER_LIMITS;
  if (d.title.trim() === '') out.push('The lesson needs a title');
  if (d.title.length > L.title) out.push(`The title has ${d.title.length} characters; at most ${L.title}`);
  if (d.text.length > L.text) out.push(`The text has ${d.text.length} characters; at most ${L.text}`);
  if (d.tryThis.length > L.tryThis) out.push(`There are ${d.tryThis.length} “try this” lines; at most ${L.tryThis}`);
  d.tryThis.forEach((t, i) => t.length > L.tryThisLine && out.push(`“Try this” line ${i + 1} has ${t.length} characters; at most ${L.tryThisLine}`));
  if (d.expect.length > L.expect) out.push(`The expected outcome has ${d.expect.length} characters; at most ${L.expect}`);
  if (d.goals.length > MAX_GOALS) out.push(`There are ${d.goals.length} goals; at most ${MAX_GOALS}`);
  d.goals.forEach((g, i) => out.push(...goalProblems(g, `Goal ${i + 1}`)));
  return out;
}

// The preset that carries the points and the weights, when there are any.
function presetOf(settings: Settings, draft: LessonDraft, layers: readonly LayerWeights[] | null, problems: string[]): LessonPreset | null {
  const points = settings.dataset === 'custom' ? (decodePoints(settings.points) ?? []) : [];
  if (points.length > MAKER_LIMITS.points) problems.push(`There are ${points.length} points; a lesson may have at most ${MAKER_LIMITS.points}`);
  const weights = draft.withWeights ? weightsOf(layers ?? []) : undefined;
  if (typeof weights === 'string') problems.push(`Starting weights: ${weights}`);
  if (points.length === 0 && (weights === undefined || typeof weights === 'string')) return null;
  return {
    id: 'start',
    label: 'Start',
    settings: {},
    ...(points.length ? { points } : {}),
    ...(weights && typeof weights !== 'string' ? { weights } : {}),
  };
}

// The lesson, and what keeps it from being written ([] when nothing does).
export function buildLesson(draft: LessonDraft, settings: Settings, layers: readonly LayerWeights[] | null): { lesson: LessonFile; problems: string[] } {
  const problems = textProblems(draft);
  const tryThis = draft.tryThis.map((t) => t.trim()).filter((t) => t !== '');
  const preset = presetOf(settings, draft, layers, problems);
  const known = new Set(CONTROL_KEYS);
  const locked = draft.locked.filter((k) => known.has(k) && !draft.hidden.includes(k));
  const hidden = draft.hidden.filter((k) => known.has(k));
  const lesson: LessonFile = {
    nnPlaygroundLesson: 1,
    id: lessonId(draft.title),
    title: draft.title.trim(),
    text: draft.text.trim(),
    ...(tryThis.length ? { tryThis } : {}),
    ...(draft.expect.trim() ? { expect: draft.expect.trim() } : {}),
    settings: lessonSettingsOf(settings),
    ...(preset ? { presets: [preset] } : {}),
    ...(locked.length || hidden.length ? { controls: { ...(locked.length ? { locked } : {}), ...(hidden.length ? { hidden } : {}) } } : {}),
    ...(draft.goals.length ? { goals: draft.goals.map((g) => ({ ...g })) } : {}),
  };
  return { lesson, problems };
}

// The file's text: two-space JSON, each list of numbers (a point, a row of
// weights) on one line. A string never holds a raw line break in JSON, so the
// pattern only ever meets lists.
export function lessonJson(lesson: LessonFile): string {
  return `${JSON.stringify(lesson, null, 2).replace(/\[\n\s+([-+\d.eE,\s]+?)\n\s*\]/g, (_, inner: string) => `[${inner.replace(/,\s+/g, ', ')}]`)}\n`;
}
