// Reads a lesson file's text (docs/lesson-format.md) into a Lesson, or says
// what is wrong with it: the line, the field and why. Never throws: any text
// at all gets a lesson or one short message.
import { toConfig } from '../settings/config';
import { decodePoints } from '../settings/points-codec';
import { SETTING_IDS, type SettingId } from '../settings/schema';
import { knownKeys } from '../settings/url';
import type { LessonPoint, PresetWeights } from '../courses/preset-load';
import { LESSON_FORMAT_VERSION, LESSON_ID, LESSON_LIMITS as L, type Lesson, type LessonVariant } from './format';
import { LessonProblem, fail, fields, finite, items, lineOf, num, readTree, str, type At } from './json-reader';
import { readGoals } from './read-goals';
import { presetSettings, settingsEntries } from './read-settings';

interface LessonError {
  line: number; // from 1
  field: string; // the field's path, e.g. presets[1].settings.learningRate ('' for the file as a whole)
  reason: string;
  message: string; // all three in one line: "line 12, presets[1].settings.learningRate: …"
}

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; error: LessonError };

const TOP = ['!nnPlaygroundLesson', '!id', 'number', '!title', '!text', 'tryThis', 'expect', 'settings', 'presets', 'compare', 'controls', 'goals'];
const PRESET = ['!id', '!label', 'settings', 'epochs', 'expect', 'points', 'weights'];
const NO_SETTINGS = new Map<string, string>();

const longText = (at: At | undefined): string => (at ? str(at, L.maxTextChars) : '');
const id = (at: At): string => str(at, L.maxIdChars, LESSON_ID, 'an id of a–z, 0–9 and -');

function points(at: At): LessonPoint[] {
  return items(at, 1, L.maxPoints).map((p) => {
    const [x, y, label] = items(p, 3, 3).map(finite);
    return [x!, y!, label!];
  });
}

function weights(at: At): PresetWeights {
  const layers = items(fields(at, ['!layers']).get('layers')!, 1, L.maxWeightLayers).map((layerAt) => {
    const f = fields(layerAt, ['!weights', '!biases']);
    const rows = items(f.get('weights')!, 1, L.maxLayerSize).map((row) => items(row, 1, L.maxLayerSize).map(finite));
    return { weights: rows, biases: items(f.get('biases')!, 1, L.maxLayerSize).map(finite) };
  });
  return { layers };
}

// One preset: the lesson's settings with the preset's over them, its points and weights.
function readPreset(at: At, lessonSettings: Map<string, string>, lessonAt: At): LessonVariant {
  const f = at.path === '' ? new Map<string, At>() : fields(at, PRESET);
  const own = f.get('settings');
  const settings = presetSettings(lessonSettings, own ? settingsEntries(own) : NO_SETTINGS, own ?? lessonAt);
  const pointsAt = f.get('points');
  const given = pointsAt ? points(pointsAt) : settings.points ? (decodePoints(settings.points) ?? []) : undefined;
  const where = pointsAt ?? own ?? lessonAt;
  if (given && settings.dataset !== 'custom') fail(where, 'points need the data set "custom" (dataset: "custom")');
  if (!given && settings.dataset === 'custom') fail(where, 'the data set "custom" needs points');
  const weightsAt = f.get('weights');
  const epochsAt = f.get('epochs');
  return {
    id: f.get('id') ? id(f.get('id')!) : 'start',
    label: f.get('label') ? str(f.get('label')!, L.maxTitleChars) : 'Start',
    settings: { ...settings, points: '' },
    config: toConfig(settings),
    ...(given ? { points: given } : {}),
    ...(weightsAt ? { weights: weights(weightsAt) } : {}),
    epochs: epochsAt ? num(epochsAt, 1, L.maxPresetEpochs, true) : 100,
    expect: longText(f.get('expect')),
  };
}

function readPresets(presetsAt: At | undefined, settingsAt: At | undefined, root: At): LessonVariant[] {
  const lessonSettings = settingsAt ? settingsEntries(settingsAt) : NO_SETTINGS;
  if (!presetsAt) return [readPreset({ node: root.node, path: '' }, lessonSettings, settingsAt ?? root)];
  const out = items(presetsAt, 1, L.maxPresets).map((p) => readPreset(p, lessonSettings, settingsAt ?? p));
  const ids = items(presetsAt, 1, L.maxPresets);
  out.forEach((v, i) => out.findIndex((w) => w.id === v.id) < i && fail(ids[i]!, `the preset id "${v.id}" is given twice`));
  return out;
}

function readControls(at: At | undefined): Lesson['controls'] {
  if (!at) return { locked: [], hidden: [] };
  const f = fields(at, ['locked', 'hidden']);
  const known = knownKeys();
  const keyList = (list: At | undefined, ok: (k: string) => boolean, what: string) =>
    (list ? items(list, 0, L.maxSettings) : []).map((k) => {
      const v = str(k, 60);
      return ok(v) ? v : fail(k, `"${v}" is not ${what}`);
    });
  const locked = keyList(f.get('locked'), (k) => SETTING_IDS.includes(k as SettingId) && k !== 'lesson' && k !== 'variant', 'a setting’s key') as SettingId[];
  return { locked, hidden: keyList(f.get('hidden'), (k) => known.has(k), 'a setting’s key') };
}

function readLesson(root: At): Lesson {
  const f = fields(root, TOP);
  const version = f.get('nnPlaygroundLesson')!;
  if (num(version, 0, 1e9, true) !== LESSON_FORMAT_VERSION) fail(version, `this playground reads lesson files of version ${LESSON_FORMAT_VERSION}`);
  const variants = readPresets(f.get('presets'), f.get('settings'), root);
  const compareAt = f.get('compare');
  let compare: Lesson['compare'];
  if (compareAt) {
    const c = fields(compareAt, ['!a', '!b']);
    const [a, b] = [id(c.get('a')!), id(c.get('b')!)];
    for (const [side, v] of [['a', a] as const, ['b', b] as const])
      if (!variants.some((p) => p.id === v))
        fail(c.get(side)!, `"${v}" is not a preset of this lesson (its presets are ${variants.map((p) => p.id).join(', ')})`);
    if (a === b) fail(compareAt, 'compares a preset with itself');
    compare = { a, b };
  }
  const numberAt = f.get('number');
  const tryAt = f.get('tryThis');
  return {
    id: id(f.get('id')!),
    ...(numberAt ? { number: num(numberAt, 1, L.maxLessonNumber, true) } : {}),
    title: str(f.get('title')!, L.maxTitleChars),
    summary: longText(f.get('text')),
    tryThis: tryAt ? items(tryAt, 0, L.maxTryThis).map(longText) : [],
    expect: longText(f.get('expect')),
    variants,
    ...(compare ? { compare } : {}),
    controls: readControls(f.get('controls')),
    goals: readGoals(f.get('goals')),
  };
}

// The lesson a file's text holds, or where and why it is not one.
export function parseLesson(text: string): LessonResult {
  if (typeof text !== 'string') return refusal('', 0, '', 'a lesson file is text');
  if (text.length > L.maxBytes) return refusal(text, 0, '', `the file is ${text.length} characters long; at most ${L.maxBytes}`);
  try {
    return { ok: true, lesson: readLesson({ node: readTree(text, L.maxDepth), path: '' }) };
  } catch (e) {
    if (e instanceof LessonProblem) return refusal(text, e.offset, e.path, e.message);
    throw e;
  }
}

function refusal(text: string, offset: number, field: string, reason: string): LessonResult {
  const line = lineOf(text, offset);
  return { ok: false, error: { line, field, reason, message: `line ${line}${field ? `, ${field}` : ''}: ${reason}` } };
}
