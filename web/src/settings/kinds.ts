// Value kinds of the settings schema: each kind knows how to read its value from
// URL text, write it back, check a value handed in by code, and which control
// shows it. The schema (schema.ts) is a table of settings built from these.

export type Group = 'data' | 'features' | 'network' | 'training' | 'run' | 'view';

export interface Option {
  value: string;
  label: string;
}

type Control =
  | { kind: 'select'; options: Option[] } // choices, or number presets (value = formatted number)
  | { kind: 'range'; min: number; max: number; step: number; unit?: string }
  | { kind: 'number'; min: number; max: number; step: number } // a typed value (e.g. the seed)
  | { kind: 'checkbox' }
  | { kind: 'custom' }; // drawn by its own component (features, layers, points, hidden controls)

// What a TensorFlow Playground link (or an alias key) says about one setting.
// `get(key)` returns the raw text of a URL key, or null when it is absent.
// Returns undefined when the link says nothing, INVALID when it says nonsense.
export const INVALID = Symbol('invalid');
type AliasReader<T> = (get: (key: string) => string | null) => T | undefined | typeof INVALID;

export interface Spec<T> {
  key: string; // our URL key
  label: string;
  help: string; // the short explanation shown on hover (title)
  group: Group;
  default: T;
  parse(text: string): T | undefined; // undefined: not a valid value
  format(value: T): string;
  check(value: unknown): value is T;
  equal(a: T, b: T): boolean;
  control: Control;
  aliasKeys?: string[]; // further URL keys this setting reads (TensorFlow Playground's)
  read?: AliasReader<T>; // replaces the plain `parse(get(key))` when the setting needs several keys
  // The engine's configuration field this setting is, as a path ('optimizer.learning_rate'):
  // toConfig() and settingsFromConfig() copy it (divided by / times `scale`).
  config?: { path: string; scale: number };
  // The engine's ranges (ENGINE.ranges keys) this control offers, beyond its config field's own.
  ranges?: readonly string[];
}

type Base = Pick<Spec<unknown>, 'key' | 'label' | 'help' | 'group' | 'config' | 'ranges'>;
type Extra<T> = Partial<Pick<Spec<T>, 'aliasKeys' | 'read'>>;

const sameValue = <T>(a: T, b: T): boolean => a === b;

// Shortest text that reads back as the same double.
function formatNumber(v: number): string {
  return String(v);
}

function parseFiniteNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export interface NumberOptions {
  min: number;
  max: number;
  minOpen?: boolean; // min itself is not allowed
  integer?: boolean;
  step?: number; // for a range control
  presets?: number[]; // a select of these values instead of a range
  typed?: boolean; // a number box instead of a range
  unit?: string;
}

export function num(base: Base, def: number, o: NumberOptions, extra: Extra<number> = {}): Spec<number> {
  const ok = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v <= o.max && (o.minOpen ? v > o.min : v >= o.min) && (!o.integer || Number.isInteger(v));
  // Presets are the page's choice of round values; the range and the default
  // are the engine's, so the menu keeps to the one and always offers the other.
  const presets = o.presets && [...new Set([...o.presets.filter(ok), def])].sort((a, b) => a - b);
  const control: Control = presets
    ? { kind: 'select', options: presets.map((p) => ({ value: formatNumber(p), label: formatNumber(p) })) }
    : o.typed
      ? { kind: 'number', min: o.min, max: o.max, step: o.step ?? (o.integer ? 1 : 0.001) }
      : { kind: 'range', min: o.min, max: o.max, step: o.step ?? (o.integer ? 1 : (o.max - o.min) / 100), ...(o.unit ? { unit: o.unit } : {}) };
  return {
    ...base,
    ...extra,
    default: def,
    parse: (text) => {
      const v = parseFiniteNumber(text);
      return v !== undefined && ok(v) ? v : undefined;
    },
    format: formatNumber,
    check: ok,
    equal: sameValue,
    control,
  };
}

export function bool(base: Base, def: boolean, extra: Extra<boolean> = {}): Spec<boolean> {
  return {
    ...base,
    ...extra,
    default: def,
    parse: (text) => (text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined),
    format: (v) => (v ? 'true' : 'false'),
    check: (v): v is boolean => typeof v === 'boolean',
    equal: sameValue,
    control: { kind: 'checkbox' },
  };
}

// One of a fixed list of ids. `synonyms` maps other spellings (e.g. TensorFlow
// Playground's "reg-plane" or "L1") to an id.
export function choice<T extends string>(
  base: Base,
  def: T,
  options: readonly { value: T; label: string }[],
  extra: Extra<T> & { synonyms?: Record<string, T> } = {},
): Spec<T> {
  const ids = new Set<string>(options.map((o) => o.value));
  const is = (v: unknown): v is T => typeof v === 'string' && ids.has(v);
  const { synonyms, ...rest } = extra;
  // A Map, never the object itself: text such as "constructor" must not find Object's members.
  const other = new Map<string, T>(Object.entries(synonyms ?? {}));
  return {
    ...base,
    ...rest,
    default: def,
    parse: (text) => (is(text) ? text : (other.get(text) ?? other.get(text.toLowerCase()))),
    format: (v) => v,
    check: is,
    equal: sameValue,
    control: { kind: 'select', options: options.map((o) => ({ value: o.value, label: o.label })) },
  };
}

// A comma-separated list of items, each read by `item`.
export function list<T>(
  base: Base,
  def: T[],
  item: { parse(text: string): T | undefined; check(v: unknown): v is T; format(v: T): string },
  size: { min: number; max: number },
  extra: Extra<T[]> & { unique?: boolean } = {},
): Spec<T[]> {
  const { unique, ...rest } = extra;
  const ok = (v: unknown): v is T[] =>
    Array.isArray(v) && v.length >= size.min && v.length <= size.max && v.every((x) => item.check(x)) && (!unique || new Set(v).size === v.length);
  return {
    ...base,
    ...rest,
    default: def,
    parse: (text) => {
      const parts = text.trim() === '' ? [] : text.split(',');
      const out: T[] = [];
      for (const p of parts) {
        const v = item.parse(p.trim());
        if (v === undefined) return undefined;
        out.push(v);
      }
      return ok(out) ? out : undefined;
    },
    format: (v) => v.map((x) => item.format(x)).join(','),
    check: ok,
    equal: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
    control: { kind: 'custom' },
  };
}

// Free text with a pattern, and optionally a check of what it encodes (the custom points).
export function text(base: Base, def: string, pattern: RegExp, valid: (v: string) => boolean = () => true): Spec<string> {
  const ok = (v: unknown): v is string => typeof v === 'string' && pattern.test(v) && valid(v);
  return {
    ...base,
    default: def,
    parse: (t) => (ok(t) ? t : undefined),
    format: (v) => v,
    check: ok,
    equal: sameValue,
    control: { kind: 'custom' },
  };
}
