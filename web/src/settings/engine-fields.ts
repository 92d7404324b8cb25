// Settings that are one field of the engine's configuration: the field's path,
// its default and its range come from the engine's description, so a number
// setting is one row of the schema (schema.ts) and nothing else on the page.
import { ENGINE, type Range } from '../engine/description.generated';
import { num, type NumberOptions, type Spec } from './kinds';

type Base = Pick<Spec<unknown>, 'key' | 'label' | 'help' | 'group'>;

// The value at a dotted path of a configuration ('optimizer.learning_rate').
export function getPath(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' && Object.hasOwn(v, part) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

// Writes `value` at the path, making the objects on the way.
export function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = o;
  for (const part of parts.slice(0, -1)) {
    if (!Object.hasOwn(at, part)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
}

// 0.2 -> 20 without 20.000000000000004 (the page shows noise and the training share in percent).
export const scaled = (v: number, scale: number) => (scale === 1 ? v : Number((v * scale).toPrecision(12)));

// The engine's range of a configuration field: the range named by the path's last part.
function rangeOfField(path: string): Range {
  const key = path.split('.').pop() ?? '';
  const r = Object.hasOwn(ENGINE.ranges, key) ? (ENGINE.ranges as Record<string, Range>)[key] : undefined;
  if (!r) throw new Error(`the engine describes no range "${key}" for ${path}`);
  return r;
}

// A number setting that is the engine's field at `path`, shown times `scale`:
// default and range are the engine's; `o` holds only how the control looks.
export function engineNumber(base: Base, path: string, o: Omit<NumberOptions, 'min' | 'max' | 'minOpen' | 'integer'> & { scale?: number } = {}): Spec<number> {
  const { scale = 1, ...look } = o;
  const r = rangeOfField(path);
  const def = getPath(ENGINE.defaults, path);
  if (typeof def !== 'number') throw new Error(`the engine's default config has no number at ${path}`);
  return num({ ...base, config: { path, scale } }, scaled(def, scale), {
    min: scaled(r.min, scale),
    max: scaled(r.max, scale),
    minOpen: r.minOpen,
    integer: r.integer,
    ...look,
  });
}
