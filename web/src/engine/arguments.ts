// The wrapper's checks of JS arguments before they reach wasm: types, finite
// numbers, whole counts, text within the engine's byte limits, points and
// flags row by row. Ranges, ids and unknown keys stay the engine's to check.
import type { Catalog, Status } from './types';
import { ENGINE } from './description.generated';

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

export function argError(where: string, name: string, expected: string, got: unknown): Error {
  return new Error(`${where}: ${name} must be ${expected} (got ${show(got)})`);
}

export function finite(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw argError(where, name, 'a finite number', v);
  return v;
}

// Safe integers only: anything larger cannot be an exact index or count.
export function whole(where: string, name: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw argError(where, name, `a whole number >= ${min}`, v);
  return v;
}

// Refuses text longer than the engine accepts before it is copied into wasm
// memory. A string of n UTF-16 units is at least n bytes of UTF-8, so this
// refuses only what the engine would refuse too (it checks the exact bytes).
export function bounded(where: string, name: string, v: unknown, maxBytes: number): string {
  const s = text(where, name, v);
  if (s.length > maxBytes) throw new Error(`${where}: ${name} is ${s.length} characters long; at most ${maxBytes} bytes`);
  return s;
}

// The engine's input limits, and the most points a data set may have.
export type Limits = Catalog['limits'] & { maxSamples: number };

// x, y, label triples of `points` (an array of [x, y, label]), each checked:
// a hole, a short row or a non-finite value is refused naming its index.
export function flatPoints(where: string, points: unknown, limits: Limits): Float64Array {
  if (!Array.isArray(points)) throw argError(where, 'points', 'an array of [x, y, label]', points);
  if (points.length > limits.maxSamples) throw new Error(`points: got ${points.length} points, expected at most ${limits.maxSamples}`); // as the engine says
  const flat = new Float64Array(points.length * 3);
  // An index loop, not forEach: forEach skips holes, which would become (0, 0, 0).
  for (let i = 0; i < points.length; ++i) {
    const p: unknown = points[i];
    if (!Array.isArray(p) || p.length !== 3) throw argError(where, `points[${i}]`, 'an array [x, y, label]', p);
    flat[3 * i] = finite(where, `points[${i}][0] (x)`, p[0]);
    flat[3 * i + 1] = finite(where, `points[${i}][1] (y)`, p[1]);
    flat[3 * i + 2] = finite(where, `points[${i}][2] (label)`, p[2]);
  }
  return flat;
}

// One 0 or 1 per point (the engine checks the count against the points).
export function flags(where: string, v: unknown, points: number): Float64Array {
  if (!Array.isArray(v) || v.length !== points) throw argError(where, 'heldOut', `an array of ${points} 0/1 flags, one per point`, v);
  const out = new Float64Array(points);
  for (let i = 0; i < points; ++i) {
    const f: unknown = v[i];
    if (f !== 0 && f !== 1) throw argError(where, `heldOut[${i}]`, '0 or 1', f);
    out[i] = f;
  }
  return out;
}

export function text(where: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw argError(where, name, 'a string', v);
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

// The fields of each JSON type, read off the engine's default configuration.
const fieldsOf = (o: object, type: 'string' | 'number' | 'boolean'): string[] =>
  Object.entries(o)
    .filter(([, v]) => typeof v === type)
    .map(([k]) => k);
const STRING_FIELDS = fieldsOf(ENGINE.defaults, 'string');
const NUMBER_FIELDS = fieldsOf(ENGINE.defaults, 'number');
const BOOLEAN_FIELDS = fieldsOf(ENGINE.defaults, 'boolean');
const OPTIMIZER_NUMBERS = fieldsOf(ENGINE.defaults.optimizer, 'number');

// Type checks of a ConfigPatch; ranges, ids and unknown keys are the engine's
// to check (config_from_json), so there is one source of truth for them.
export function checkPatch(where: string, patch: unknown): void {
  if (!isPlainObject(patch)) throw argError(where, 'patch', 'an object', patch);
  for (const key of STRING_FIELDS) if (patch[key] !== undefined && typeof patch[key] !== 'string') throw argError(where, key, 'a string id', patch[key]);
  for (const key of NUMBER_FIELDS) if (patch[key] !== undefined) finite(where, key, patch[key]);
  for (const key of BOOLEAN_FIELDS) if (patch[key] !== undefined && typeof patch[key] !== 'boolean') throw argError(where, key, 'true or false', patch[key]);
  if (patch.features !== undefined) {
    if (!Array.isArray(patch.features)) throw argError(where, 'features', 'an array of feature ids', patch.features);
    patch.features.forEach((f: unknown, i: number) => text(where, `features[${i}]`, f));
  }
  if (patch.hidden !== undefined) {
    if (!Array.isArray(patch.hidden)) throw argError(where, 'hidden', 'an array of layers {width, activation}', patch.hidden);
    patch.hidden.forEach((layer: unknown, i: number) => {
      const name = `hidden[${i}]`;
      if (!isPlainObject(layer)) throw argError(where, name, 'an object {width, activation}', layer);
      if (layer.width !== undefined) finite(where, `${name}.width`, layer.width);
      if (layer.activation !== undefined) text(where, `${name}.activation`, layer.activation);
      if (layer.alpha !== undefined) finite(where, `${name}.alpha`, layer.alpha);
    });
  }
  if (patch.optimizer !== undefined) {
    const o = patch.optimizer;
    if (typeof o === 'string') return; // the engine's shorthand: just the kind
    if (!isPlainObject(o)) throw argError(where, 'optimizer', 'an object {kind, learning_rate, ...}', o);
    if (o.kind !== undefined) text(where, 'optimizer.kind', o.kind);
    for (const key of OPTIMIZER_NUMBERS) if (o[key] !== undefined) finite(where, `optimizer.${key}`, o[key]);
  }
}

export const statusOf = (code: number): Status => (code === 0 ? 'ok' : 'diverged');
