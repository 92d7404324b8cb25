// mount()'s options, checked before anything is put on the page: a wrong type
// is refused with a short message naming the option (never coerced, so
// `autoplay: 'false'` does not autoplay).
import { MAX_PATCH_KEYS } from '../settings/limits';
import { MAX_NOTICE_LINES, boundLines, describeValue } from '../shared/messages';
import { countKeys, isPlainRecord } from '../settings/patch';
import { PANEL_IDS, isPanelId } from './panels';

export interface OptionRule {
  expects: string; // what the message says the option must be
  ok(value: unknown): boolean;
}

// A URL an option names (a lesson file, a stylesheet).
export const MAX_URL_CHARS = 2000;

const isBool = (v: unknown) => typeof v === 'boolean';
const panelRecord = (v: unknown) =>
  isPlainRecord(v) &&
  countKeys(v, PANEL_IDS.length) <= PANEL_IDS.length &&
  Object.entries(v).every(([k, on]) => isPanelId(k) && (on === undefined || typeof on === 'boolean'));

// The component's options (playground.ts MountOptions).
export const MOUNT_OPTIONS: Record<string, OptionRule> = {
  hash: { expects: 'true or false', ok: isBool },
  initialHash: { expects: "a string like '#dataset=xor'", ok: (v) => typeof v === 'string' },
  settings: {
    expects: `an object of settings like { dataset: 'xor' } (at most ${MAX_PATCH_KEYS} keys)`,
    ok: (v) => isPlainRecord(v) && countKeys(v, MAX_PATCH_KEYS) <= MAX_PATCH_KEYS,
  },
  panels: { expects: `an object like { data: false } with panel ids (${PANEL_IDS.join(', ')})`, ok: panelRecord },
  autoplay: { expects: 'true or false', ok: isBool },
  compare: {
    expects: `an object of side B's settings like { optimizer: 'adam' } (at most ${MAX_PATCH_KEYS} keys)`,
    ok: (v) => isPlainRecord(v) && countKeys(v, MAX_PATCH_KEYS) <= MAX_PATCH_KEYS,
  },
  // A lesson's text too long or malformed is not refused here: it is a notice, and the playground opens.
  lessonSrc: { expects: `a URL of a lesson file (at most ${MAX_URL_CHARS} characters)`, ok: (v) => typeof v === 'string' && v.length <= MAX_URL_CHARS },
  lessonText: { expects: 'the text of a lesson file', ok: (v) => typeof v === 'string' },
  notices: {
    expects: `a list of at most ${MAX_NOTICE_LINES} lines of text`,
    ok: (v) => Array.isArray(v) && v.length <= MAX_NOTICE_LINES && v.every((l) => typeof l === 'string'),
  },
};

const cssLength = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0) || (typeof v === 'string' && v.length <= 100);

// The library's options (lib.ts EmbedOptions): the component's, with a list form of panels and a size.
export const LIBRARY_OPTIONS: Record<string, OptionRule> = {
  ...MOUNT_OPTIONS,
  panels: {
    expects: `a list of panel ids (${PANEL_IDS.join(', ')}) or an object like { data: false }`,
    ok: (v) => panelRecord(v) || (Array.isArray(v) && v.length <= PANEL_IDS.length && v.every(isPanelId)),
  },
  width: { expects: "a number of pixels or a CSS length like '100%'", ok: cssLength },
  height: { expects: "a number of pixels or a CSS length like '30rem'", ok: cssLength },
  stylesheet: { expects: 'true, false or a URL', ok: (v) => typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_URL_CHARS) },
};

// One short line per problem; none when the options are fine. Never throws.
export function optionProblems(options: unknown, rules: Record<string, OptionRule>): string[] {
  if (options === undefined) return [];
  if (!isPlainRecord(options)) return [`the options must be an object (got ${describeValue(options)})`];
  const problems: string[] = [];
  const names = Object.keys(rules);
  let seen = 0;
  for (const key in options) {
    if (!Object.hasOwn(options, key)) continue;
    if (++seen > names.length * 2) {
      problems.push('too many options');
      break;
    }
    const value = options[key];
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (!rule) problems.push(`${describeValue(key)} is not an option (the options are ${names.join(', ')})`);
    else if (value !== undefined && !rule.ok(value)) problems.push(`${key} must be ${rule.expects} (got ${describeValue(value)})`);
  }
  return problems;
}

// Throws one TypeError listing the problems (bounded), before anything is mounted.
export function assertOptions(options: unknown, rules: Record<string, OptionRule>): void {
  const problems = optionProblems(options, rules);
  if (problems.length > 0) throw new TypeError(`nn-playground: mount(): ${boundLines(problems, 5).join('; ')}`);
}
