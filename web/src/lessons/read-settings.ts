// A lesson's settings: the keys and values of a link's hash, read by the
// hash's own reader (settings/url.ts), so a lesson file and a link accept
// exactly the same. Each key is read alone first, so a wrong one is named
// with its line; then the lesson's and the preset's together.
import { ENGINE } from '../engine/description.generated';
import { reconcile } from '../settings/config';
import { settingsIn, type Settings } from '../settings/schema';
import { knownKeys, parseHash } from '../settings/url';
import { LESSON_LIMITS } from './format';
import { entries, fail, type At } from './json-reader';

// Keys a lesson's settings may not have: the lesson itself says which lesson and preset it is.
const NOT_IN_A_LESSON = new Set(['lesson', 'variant']);

// The text the hash would carry for a value: strings, numbers, booleans, or a list of them (joined by commas).
function hashText(at: At): string {
  const { node } = at;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return String(node.value);
  if (node.type === 'array' && (node.children ?? []).length <= ENGINE.ranges.hidden_layers.max + 32) {
    const parts = (node.children ?? []).map((c) => (c.type === 'string' || c.type === 'number' ? String(c.value) : null));
    if (parts.every((p) => p !== null)) return parts.join(',');
  }
  return fail(at, 'must be a string, a number, true or false, or a list of strings or numbers');
}

const hashOf = (keys: Map<string, string>) => [...keys].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

// One settings object of the file: its keys with their hash text, read as one
// link (TensorFlow Playground's feature flags, say, only make sense together);
// what the link reader says is wrong is told at the key it names.
export function settingsEntries(at: At): Map<string, string> {
  const known = knownKeys();
  const out = new Map<string, string>();
  const where = new Map<string, At>();
  for (const [key, value] of entries(at, LESSON_LIMITS.maxSettings)) {
    if (NOT_IN_A_LESSON.has(key)) fail(value, 'a lesson’s settings cannot name a lesson or a preset');
    if (!known.has(key)) fail(value, 'unknown setting (the settings are the keys of a link’s hash)');
    out.set(key, hashText(value));
    where.set(key, value);
  }
  const said = parseHash(hashOf(out)).notices[0];
  if (said) fail([...where].find(([key]) => said.startsWith(`${key}=`) || said.includes(`, ${key}=`))?.[1] ?? at, said);
  return out;
}

// The view settings a lesson set (the configuration says the rest).
const VIEW = settingsIn('view', 'run');
export function viewSettingsOf(s: Settings): Partial<Settings> {
  const base = parseHash('').settings;
  const out: Partial<Record<keyof Settings, unknown>> = {};
  for (const id of VIEW) if (JSON.stringify(s[id]) !== JSON.stringify(base[id]) && id !== 'lesson' && id !== 'variant') out[id] = s[id];
  return out as Partial<Settings>;
}

// The settings of a preset: the lesson's keys, then the preset's over them,
// read as one link; `at` names where the preset's settings are (or the lesson's).
export function presetSettings(lesson: Map<string, string>, preset: Map<string, string>, at: At): Settings {
  const merged = new Map([...lesson, ...preset]);
  const { settings, notices } = parseHash(hashOf(merged));
  if (notices[0]) fail(at, notices[0]);
  // An output that fits the task, as the page chooses it when a setting changes.
  return reconcile(settings, ENGINE).settings;
}
