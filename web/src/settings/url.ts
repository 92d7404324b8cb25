// The whole configuration in the URL hash, derived from the schema. Reads our
// own links and TensorFlow Playground's; anything unknown or invalid is left
// out (the default is used) and listed in `notices` for the page to show.
import { ENGINE } from '../engine/description.generated';
import { INVALID } from './kinds';
import { MAX_HASH_CHARS, MAX_HASH_KEYS } from './limits';
import { shorten as cut } from '../shared/messages';
import { isRelevant } from './relevance';
import { SCHEMA, SETTING_IDS, defaults, specOf, type SettingId, type Settings } from './schema';

// TensorFlow Playground keys that change nothing here (no article, no stats panel).
const INERT_KEYS = ['collectStats', 'hideText', 'tutorial'];

export interface ParseResult {
  settings: Settings;
  notices: string[]; // one line per ignored key or value, e.g. `learningRate=abc: not a valid value`
  info: string[]; // what the link does that is worth saying, nothing ignored (a replayed seed)
}

export const IGNORED_TITLE = 'Some settings were ignored or changed';
export const REPLAY_TITLE = 'TensorFlow Playground run, replayed exactly';

// What the page says of a link: a warning titled `ignoredTitle` when something
// was ignored or changed (the information lines follow), else the information
// alone under its own title; null when there is nothing to say.
export function linkNotice(
  notices: readonly string[],
  info: readonly string[],
  ignoredTitle = IGNORED_TITLE,
): { title: string; lines: string[]; kind: 'warning' | 'info' } | null {
  if (notices.length) return { title: ignoredTitle, lines: [...notices, ...info], kind: 'warning' };
  if (info.length) return { title: REPLAY_TITLE, lines: [...info], kind: 'info' };
  return null;
}

const shorten = (text: string, max = 40): string => cut(text, max);

// Why a whole link is not read (too long, too many keys), or '' when it may
// be. Checked before any work that grows with the link, comparison keys included.
export function hashLimitProblem(hash: string): string {
  const body = hash.replace(/^#/, '');
  if (body.length > MAX_HASH_CHARS) return `The link is ${body.length} characters long; at most ${MAX_HASH_CHARS} are read, so none of it was used`;
  let keys = 1; // counted after the length check, so the count's work is bounded too
  for (let i = body.indexOf('&'); i >= 0; i = body.indexOf('&', i + 1)) keys++;
  if (keys > MAX_HASH_KEYS) return `The link has ${keys} settings; at most ${MAX_HASH_KEYS} are read, so none of them was used`;
  return '';
}

function splitHash(hash: string, notices: string[]): Map<string, string> {
  const params = new Map<string, string>();
  const body = hash.replace(/^#/, '');
  if (body.trim() === '') return params;
  const tooBig = hashLimitProblem(body);
  if (tooBig) {
    notices.push(tooBig);
    return params;
  }
  const given = new Map<string, string[]>(); // every value of a key given more than once
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      const key = decodeURIComponent(rawKey);
      const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
      if (params.has(key)) given.set(key, [...(given.get(key) ?? [params.get(key) ?? '']), value]);
      params.set(key, value);
    } catch {
      notices.push(`${shorten(part)}: not readable`);
    }
  }
  for (const [key, values] of given) notices.push(`${shorten(key)} is given ${values.length} times (${shorten(values.join(', '))}); only the last is read`);
  return params;
}

// Every URL key some setting reads: ours and the aliases.
export function knownKeys(): Set<string> {
  const keys = new Set<string>(INERT_KEYS);
  for (const id of SETTING_IDS) {
    const spec = SCHEMA[id];
    keys.add(spec.key);
    for (const k of spec.aliasKeys ?? []) keys.add(k);
  }
  return keys;
}

// `base`: what the link's keys change (a lesson's preset, lessons/hash.ts);
// the lesson and preset keys are read as plain ids here.
export function parseHash(hash: string, base: Settings = defaults()): ParseResult {
  const notices: string[] = [];
  const info: string[] = [];
  const params = splitHash(hash, notices);
  let settings = { ...base };
  const used = new Set<string>();
  const get = (key: string): string | null => params.get(key) ?? null;

  let pointsInvalid = '';
  for (const id of SETTING_IDS) {
    const spec = specOf(id);
    const keys = [spec.key, ...(spec.aliasKeys ?? [])];
    keys.forEach((k) => params.has(k) && used.add(k));
    let value: unknown;
    if (spec.read) value = spec.read(get);
    else {
      const raw = get(spec.key);
      value = raw === null ? undefined : (spec.parse(raw) ?? INVALID);
    }
    if (value === INVALID) {
      const said = keys.filter((k) => params.has(k) && k !== 'problem').map((k) => `${k}=${shorten(params.get(k) ?? '')}`);
      if (id === 'points') pointsInvalid = `${said.join(', ')}: not whole points (x, y, label triples, base64url)`;
      else notices.push(`${said.join(', ') || spec.key}: not a valid ${spec.label.toLowerCase()}`);
    } else if (value !== undefined) {
      (settings as Record<SettingId, unknown>)[id] = value;
    }
  }

  // A TensorFlow Playground link (its seed text, no tfpSeed key of ours): its
  // run is replayed exactly, with its fixed point counts and no reshuffling.
  if (settings.tfpSeed !== '' && !params.has('tfpSeed')) {
    const regression = settings.dataset === 'reg_plane' || settings.dataset === 'reg_gauss';
    if (!params.has('samples')) settings.samples = regression ? ENGINE.tfpReplay.regressionSamples : ENGINE.tfpReplay.classificationSamples;
    if (!params.has('shuffle')) settings.shuffle = false;
    info.push(`TensorFlow Playground link: seed ${settings.tfpSeed} is replayed exactly (its points, split, weights and updates)`);
  }

  // Damaged points never pass for data: the data set stays what it would be without them.
  if (pointsInvalid) {
    if (settings.dataset === 'custom') {
      settings = { ...settings, dataset: base.dataset, problem: base.problem, classes: base.classes, points: base.points };
      notices.push(`${pointsInvalid}; the data set stays ${base.dataset === 'custom' ? 'the lesson’s points' : base.dataset}`);
    } else notices.push(pointsInvalid);
  }

  // TensorFlow Playground's `<key>_hide=true` hides a control.
  const known = knownKeys();
  const hide = new Set(settings.hide.filter((k) => known.has(k)));
  for (const [key, value] of params) {
    if (!key.endsWith('_hide')) continue;
    used.add(key);
    const base = key.slice(0, -'_hide'.length);
    if (!known.has(base)) notices.push(`${shorten(key)}: unknown setting`);
    else if (value === 'true') hide.add(base);
    else if (value !== 'false') notices.push(`${key}=${shorten(value)}: not true or false`);
  }
  settings.hide = [...hide];

  for (const key of INERT_KEYS) used.add(key);
  for (const key of params.keys()) if (!used.has(key)) notices.push(`${shorten(key)}: unknown setting`);

  // Keep the activation list consistent with the layers: one value means all.
  const acts = settings.activation;
  const layers = settings.networkShape.length;
  if (acts.length > 1 && acts.length !== layers) {
    const last = acts[acts.length - 1] ?? 'tanh';
    settings.activation = settings.networkShape.map((_, i) => acts[i] ?? last);
    if (settings.activation.length === 0) settings.activation = [last];
    const what = `activation=${shorten(acts.join(','))}: ${acts.length} activations for ${layers} hidden layer${layers === 1 ? '' : 's'}`;
    notices.push(
      acts.length > layers
        ? `${what}; ${layers === 0 ? 'none is' : `the first ${layers === 1 ? 'is' : `${layers} are`}`} used`
        : `${what}; the last, ${last}, is used for the rest`,
    );
  }
  return { settings, notices, info };
}

// The hash for a configuration: every setting that matters for it, in schema order.
export function toHash(s: Settings): string {
  const parts: string[] = [];
  for (const id of SETTING_IDS) {
    if (!isRelevant(id, s)) continue;
    if ((id === 'points' || id === 'hide') && specOf(id).equal(s[id] as never, specOf(id).default as never)) continue;
    const spec = specOf(id);
    const text = spec.format(s[id] as never);
    parts.push(`${spec.key}=${encodeURIComponent(text).replace(/%2C/g, ',')}`);
  }
  return `#${parts.join('&')}`;
}
