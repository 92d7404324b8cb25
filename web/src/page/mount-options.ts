// What a playground starts from: mount()'s options, the full page's query and
// hash, and side B's settings when it opens comparing. Checked and merged
// before anything runs; what was ignored or changed becomes notice lines.
import type { PanelId } from '../embed/panels';
import { COMPARE_KEYS, sideB, splitCompareHash, type SidePatch } from '../settings/compare';
import { validPatch } from '../settings/patch';
import { defaults, type Settings } from '../settings/schema';
import { parseHash } from '../settings/url';
import type { Lesson } from '../lessons/format';
import { lessonSettings } from '../lessons/choice';
import { parseLessonHash } from '../lessons/hash';
import { takeLesson } from './author-lesson';

export interface MountOptions {
  hash?: boolean; // read the settings from location.hash and keep it up to date (the full page)
  initialHash?: string; // start from this hash (an embedded playground)
  settings?: Partial<Settings>; // over the hash
  panels?: Partial<Record<PanelId, boolean>>; // all shown unless false
  autoplay?: boolean;
  // Compare two runs: side B's settings that differ from A's ({} for none yet).
  // The hash's `compare=1` and `b.<key>=` keys do the same (docs/using.md, "Compare").
  compare?: Partial<Settings>;
  // An author's lesson (docs/lesson-format.md): a URL to fetch its file from
  // (relative to the page's base URI), or the file's text. The playground
  // opens at its first preset; a lesson that cannot be read is a notice.
  lessonSrc?: string;
  lessonText?: string;
  // Lines the host adds to the playground's first notice, before the link's:
  // what it could not read of its own input (the tag's attributes).
  notices?: readonly string[];
}

// The full page may name a lesson in the query (?lesson=…&variant=…) as well as in the hash.
function lessonQuery(search: string, hash: string): string {
  const q = new URLSearchParams(search);
  const lesson = q.get('lesson');
  if (lesson === null || /(^#|&)lesson=/.test(hash)) return hash;
  const variant = q.get('variant');
  const head = `lesson=${encodeURIComponent(lesson)}${variant ? `&variant=${encodeURIComponent(variant)}` : ''}`;
  const body = hash.replace(/^#/, '');
  return `#${head}${body ? `&${body}` : ''}`;
}

export interface StartingPoint {
  split: ReturnType<typeof splitCompareHash>; // the hash, side A's and side B's parts
  settings: Settings; // side A's
  notices: string[];
  info: string[];
  comparing: boolean;
}

export function startingPoint(options: MountOptions): StartingPoint {
  const split = splitCompareHash(options.hash ? lessonQuery(location.search, location.hash) : (options.initialHash ?? ''));
  const taken = options.lessonText === undefined ? null : takeLesson(options.lessonText, 'given as text');
  const own = ownSettings(options, split.aHash, taken && 'lesson' in taken ? taken.lesson : undefined);
  const notices = [...(options.notices ?? []), ...own.fromHash, ...split.notices, ...(taken && 'notice' in taken ? [taken.notice] : []), ...own.fromOptions];
  return { split, settings: own.settings, notices, info: own.info, comparing: split.compare || options.compare !== undefined };
}

// Side A's settings: the hash's keys, then the options' settings, over an
// author's lesson's first preset when there is one (as a link's keys change
// a preset); what was not read of each.
export function ownSettings(
  options: MountOptions,
  aHash: string,
  lesson?: Lesson,
): { settings: Settings; fromHash: string[]; fromOptions: string[]; info: string[] } {
  const first = lesson?.variants[0];
  const parsed = lesson && first ? parseHash(aHash, { ...defaults(), ...lessonSettings(lesson, first) }) : parseLessonHash(aHash);
  let settings = lesson && first ? { ...parsed.settings, lesson: lesson.id, variant: '' } : parsed.settings;
  const fromOptions: string[] = [];
  if (options.settings) {
    const { patch, reasons } = validPatch(options.settings);
    settings = { ...settings, ...patch };
    for (const r of reasons) fromOptions.push(`${r} (from the page’s options)`);
  }
  return { settings, fromHash: parsed.notices, fromOptions, info: parsed.info };
}

// Side B's own settings at the start: the hash's `b.` keys, then mount()'s
// `compare` option (only the keys side B may change; the rest are said, in
// `fromOptions`, before the hash's `notices`).
export function startingSideB(
  a: Settings,
  split: StartingPoint['split'],
  compare: Partial<Settings> | undefined,
): { patch: SidePatch; notices: string[]; fromOptions: string[] } {
  const fromHash = sideB(a, split);
  const own: SidePatch = { ...fromHash.patch };
  const notices: string[] = [];
  if (compare) {
    const { patch, reasons } = validPatch(compare);
    for (const k of COMPARE_KEYS) if (Object.hasOwn(patch, k)) (own as Record<string, unknown>)[k] = patch[k];
    for (const k of Object.keys(patch))
      if (!(COMPARE_KEYS as readonly string[]).includes(k)) notices.push(`compare.${k}: side B may change only ${COMPARE_KEYS.join(', ')}`);
    for (const r of reasons) notices.push(`compare: ${r}`);
  }
  return { patch: own, notices: fromHash.notices, fromOptions: notices };
}
