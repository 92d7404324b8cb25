// A comparison in one link: side A's settings as usual, `compare=1`, and
// side B's differing settings under the prefix `b.` (e.g.
// `#dataset=spiral&optimizer=sgd&compare=1&b.optimizer=adam`). Side B shares
// the data, the seed and the view with A; it may differ only in the model and
// its training (COMPARE_KEYS). Pure, so it can be checked in Node.
import { hashLimitProblem, parseHash, toHash } from './url';
import { defaults, settingsIn, specOf, type SettingId, type Settings } from './schema';
import { shorten } from '../shared/messages';

const COMPARE_FLAG = 'compare';
const B_PREFIX = 'b.';

// What side B may change: the network, its output and how it is trained (the settings' groups).
export const COMPARE_KEYS: readonly SettingId[] = settingsIn('network', 'training');
type CompareKey = SettingId;
export type SidePatch = Partial<Pick<Settings, CompareKey>>;

const URL_KEY_OF = new Map<string, CompareKey>(COMPARE_KEYS.map((id) => [specOf(id).key, id]));

export interface SplitHash {
  compare: boolean;
  aHash: string; // the hash without the comparison's keys (side A)
  bHash: string; // side B's whole hash: A's keys with B's over them
  bKeys: string[]; // the URL keys given under b.
  notices: string[]; // b. keys that side B may not change
}

function parts(hash: string): string[] {
  const body = hash.replace(/^#/, '');
  return body === '' ? [] : body.split('&');
}

const keyOf = (part: string) => {
  const eq = part.indexOf('=');
  try {
    return decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
  } catch {
    return part;
  }
};

// Reads the comparison's keys off a hash (before parseHash sees it: it would
// call them unknown). Limits on the hash's size are parseHash's.
export function splitCompareHash(hash: string): SplitHash {
  const a: string[] = [];
  const b = new Set<string>();
  const bParts: string[] = [];
  const notices: string[] = [];
  let compare = false;
  // The link's limits hold for B's keys too: a link over them is not read at
  // all (parseHash says why), so B's keys cannot get around them.
  if (hashLimitProblem(hash)) return { compare: false, aHash: hash, bHash: '#', bKeys: [], notices };
  for (const part of parts(hash)) {
    const key = keyOf(part);
    if (key === COMPARE_FLAG) {
      const v = part.slice(part.indexOf('=') + 1);
      if (v === '1' || v === 'true' || part === COMPARE_FLAG) compare = true;
      else if (v !== '0' && v !== 'false') notices.push(`${COMPARE_FLAG}=${shorten(v, 40)}: not 1 or 0`);
    } else if (key.startsWith(B_PREFIX)) {
      const own = key.slice(B_PREFIX.length);
      if (!URL_KEY_OF.has(own)) notices.push(`${shorten(key, 40)}: side B may change only ${COMPARE_KEYS.map((k) => specOf(k).key).join(', ')}`);
      else {
        b.add(own);
        // Repeats stay: parseHash says which value of a repeated key is read.
        bParts.push(`${own}=${part.includes('=') ? part.slice(part.indexOf('=') + 1) : ''}`);
      }
    } else a.push(part);
  }
  // B: A's keys, with B's own in place of A's.
  const bHash = a.filter((p) => !b.has(keyOf(p))).concat(bParts);
  return { compare: compare || b.size > 0, aHash: `#${a.join('&')}`, bHash: `#${bHash.join('&')}`, bKeys: [...b], notices };
}

// Side B's own settings: those its hash gives under b. (read with A's keys
// around them, so a value that depends on another reads the same way).
// Its notices are those about B's own values: what A's part of the hash says
// is A's notice already.
export function sideB(a: Settings, split: Pick<SplitHash, 'aHash' | 'bHash' | 'bKeys'>): { patch: SidePatch; notices: string[] } {
  const parsed = parseHash(split.bHash);
  const patch: SidePatch = {};
  for (const id of COMPARE_KEYS) {
    if (!split.bKeys.includes(specOf(id).key)) continue;
    if (!specOf(id).equal(parsed.settings[id] as never, a[id] as never)) (patch as Record<string, unknown>)[id] = parsed.settings[id];
  }
  const aSaid = new Set(parseHash(split.aHash).notices);
  return { patch, notices: parsed.notices.filter((n) => !aSaid.has(n)).map((n) => `B: ${n}`) };
}

// The pair's link: A's hash, the flag, and B's settings that differ from A's.
export function pairHash(a: Settings, b: Settings): string {
  const aParams = new Map(parts(toHash(a)).map((p) => [keyOf(p), p]));
  const extra: string[] = [];
  for (const p of parts(toHash(b))) {
    const key = keyOf(p);
    if (!URL_KEY_OF.has(key) || aParams.get(key) === p) continue;
    extra.push(`${B_PREFIX}${p}`);
  }
  // A key A writes and B leaves out (not relevant to B) needs no b. key: B ignores it.
  return `${toHash(a)}&${COMPARE_FLAG}=1${extra.length ? `&${extra.join('&')}` : ''}`;
}

// Side B's settings that differ from A's, in words: "B: optimizer adam (A: sgd)".
export function differences(a: Settings, b: Settings): string[] {
  const out: string[] = [];
  for (const id of COMPARE_KEYS) {
    const spec = specOf(id);
    if (spec.equal(a[id] as never, b[id] as never)) continue;
    out.push(`B: ${spec.label.toLowerCase()} ${spec.format(b[id] as never)} (A: ${spec.format(a[id] as never)})`);
  }
  return out;
}
