// Settings handed in by code (setState, mount()'s `settings`, the iframe's
// messages): checked against the schema, with a limit on their count that is
// checked before anything else, so a huge object is refused at once.
import { MAX_PATCH_KEYS } from './limits';
import { MAX_QUOTE_CHARS, describeValue, shorten } from '../shared/messages';
import { SETTING_IDS, specOf, type Settings } from './schema';

export type AnyPatch = Partial<Record<keyof Settings, unknown>>;

export interface CheckedPatch {
  patch: Partial<Settings>; // the valid keys
  refused: string[]; // the other keys (long ones shortened)
  reasons: string[]; // one line per refused key: what was wrong
}

// A plain object (not an array, a Map, a class instance…).
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// Own keys of `o`, counted without building a list of them; stops past `max`.
export function countKeys(o: object, max: number): number {
  let n = 0;
  for (const k in o) if (Object.hasOwn(o, k) && ++n > max) break;
  return n;
}

// Throws (a short message) when `patch` cannot be a patch at all: not an
// object, or more keys than there are settings to set. `what` names it.
export function assertPatchShape(patch: unknown, what: string): asserts patch is AnyPatch {
  if (!isPlainRecord(patch)) throw new TypeError(`${what} must be an object of settings like { dataset: 'xor' } (got ${describeValue(patch)})`);
  if (countKeys(patch, MAX_PATCH_KEYS) > MAX_PATCH_KEYS) throw new RangeError(`${what} has more than ${MAX_PATCH_KEYS} keys; nothing was applied`);
}

export function validPatch(patch: AnyPatch): CheckedPatch {
  assertPatchShape(patch, 'The settings');
  const out: Partial<Record<keyof Settings, unknown>> = {};
  const refused: string[] = [];
  const reasons: string[] = [];
  for (const key of Object.keys(patch)) {
    const value = (patch as Record<string, unknown>)[key];
    const id = SETTING_IDS.find((s) => s === key);
    if (!id) {
      refused.push(shorten(key, MAX_QUOTE_CHARS));
      reasons.push(`${shorten(key, MAX_QUOTE_CHARS)}: unknown setting`);
    } else if (!specOf(id).check(value)) {
      refused.push(key);
      reasons.push(`${key}: ${describeValue(value)} is not a valid ${specOf(id).label.toLowerCase()}`);
    } else out[id] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return { patch: out as Partial<Settings>, refused, reasons };
}

// The settings of `to` that differ from `from`: the patch that makes one the other.
export function changedSettings(from: Settings, to: Settings): Partial<Settings> {
  const out: AnyPatch = {};
  for (const id of SETTING_IDS) if (!specOf(id).equal(from[id] as never, to[id] as never)) out[id] = to[id];
  return out as Partial<Settings>;
}
