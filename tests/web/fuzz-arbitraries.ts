// Shared by the property-based fuzzers (tests/web/fuzz-*.test.ts, and the
// shorter run in tests/e2e/fuzz.test.ts): seeded generators of what arrives
// from outside — URL hashes, setState patches, postMessage messages and
// mount() options — mostly near-valid (real keys, values in and just out of
// range), with plain garbage mixed in.
import fc from 'fast-check';
import { LESSONS } from '../../web/src/lessons/builtin';
import type { Playground } from '../../web/src/engine/types';
import { PANEL_IDS } from '../../web/src/embed/panels';
import { encodePoints, type PointRow } from '../../web/src/settings/points-codec';
import { SCHEMA, SETTING_IDS, specOf, type SettingId } from '../../web/src/settings/schema';
import { knownKeys } from '../../web/src/settings/url';

export const SEED = 42;

// The engine's points as the page's rows.
export function engineRows(pg: Playground): PointRow[] {
  const p = pg.points();
  return Array.from(p.x, (x, i) => [x, p.y[i]!, p.label[i]!] as PointRow);
}

// A few points: whole classes 0..6 (some beyond a set's classes) or values.
export const pointRows = (): fc.Arbitrary<PointRow[]> =>
  fc.array(
    fc.tuple(
      fc.double({ min: -6, max: 6, noNaN: true }),
      fc.double({ min: -6, max: 6, noNaN: true }),
      fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: -1, max: 1, noNaN: true })),
    ),
    { minLength: 0, maxLength: 12 },
  );

// A value of one setting as code would hand it in: valid, near-valid or junk.
export function settingValue(id: SettingId): fc.Arbitrary<unknown> {
  const spec = specOf(id);
  const c = spec.control;
  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 10 }),
  );
  let valid: fc.Arbitrary<unknown>;
  if (id === 'points') valid = pointRows().map((rows) => encodePoints(rows));
  else if (id === 'features') valid = fc.subarray(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2', 'cos_x1', 'cos_x2'], { minLength: 0, maxLength: 9 });
  else if (id === 'networkShape') valid = fc.array(fc.integer({ min: 0, max: 33 }), { maxLength: 9 });
  else if (id === 'activation')
    valid = fc.array(fc.constantFrom('tanh', 'relu', 'sigmoid', 'linear', 'leaky_relu', 'elu', 'step', 'gelu', 'swish'), { minLength: 0, maxLength: 9 });
  else if (id === 'hide') valid = fc.array(fc.constantFrom(...knownKeys(), 'bogus'), { maxLength: 4 });
  else if (id === 'lesson') valid = fc.constantFrom('', ...LESSONS.map((l) => l.id), 'no-such-lesson');
  else if (id === 'variant') valid = fc.constantFrom('', ...LESSONS.flatMap((l) => l.variants.map((v) => v.id)), 'nope');
  else if (c.kind === 'select') valid = fc.constantFrom(...c.options.map((o) => (typeof spec.default === 'number' ? Number(o.value) : o.value)));
  else if (c.kind === 'range' || c.kind === 'number')
    valid = fc.oneof(
      fc.double({ min: c.min, max: c.max, noNaN: true }),
      fc.integer({ min: Math.ceil(c.min), max: Math.floor(Math.min(c.max, 2 ** 32)) }),
      fc.constantFrom(c.min, c.max, c.max + 1, c.min - 1),
    );
  else if (c.kind === 'checkbox') valid = fc.boolean();
  else valid = junk;
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

// Your own points with a task, whose labels may not fit the classes.
const customPatch = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    dataset: fc.constant('custom'),
    problem: fc.constantFrom('classification', 'regression'),
    classes: fc.integer({ min: 2, max: 6 }),
    points: pointRows().map((rows) => encodePoints(rows)),
  });

// A setState patch: a few real settings, sometimes an unknown key.
export const patchArb = (): fc.Arbitrary<Record<string, unknown>> => fc.oneof({ weight: 4, arbitrary: mixedPatch() }, { weight: 1, arbitrary: customPatch() });

const mixedPatch = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.subarray([...SETTING_IDS], { minLength: 1, maxLength: 5 }).chain((ids) => fc.tuple(...ids.map((id) => settingValue(id).map((v) => [id, v] as const)))),
      fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 1 })), { freq: 5 }),
    )
    .map(([pairs, extra]) => {
      const out: Record<string, unknown> = Object.fromEntries(pairs);
      if (extra && !(extra[0] in out) && extra[0] !== '__proto__') out[extra[0]] = extra[1];
      return out;
    });

// The text a link would carry for a value handed in by code.
function asText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => String(x)).join(',');
  return String(v);
}

// A URL hash: our keys with near-valid values, TensorFlow Playground's keys,
// unknown keys, broken escapes.
export const hashArb = (): fc.Arbitrary<string> => {
  const ours = fc.constantFrom(...SETTING_IDS).chain((id) => settingValue(id).map((v) => `${SCHEMA[id].key}=${encodeURIComponent(asText(v))}`));
  const tf = fc
    .tuple(
      fc.constantFrom('x', 'y', 'xTimesY', 'sinX', 'cosY', 'initZero', 'collectStats', 'problem', 'regDataset', 'dataset_hide', 'noise_hide'),
      fc.constantFrom('true', 'false', 'regression', 'classification', 'reg-plane', 'junk'),
    )
    .map(([k, v]) => `${k}=${v}`);
  const junk = fc.oneof(
    fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    fc.constantFrom('%', '%E0%A4%A', '=', '&&', 'points=AAAA', 'dataset=custom', 'output=perceptron', 'networkShape=4'),
  );
  // Your own points, whose labels may not fit the classes named with them.
  const custom = fc
    .tuple(fc.constantFrom('classification', 'regression', 'bogus'), fc.integer({ min: 1, max: 7 }), pointRows(), fc.constantFrom('', 'AAAA', 'A', '!!'))
    .map(([problem, classes, rows, tail]) => `dataset=custom&problem=${problem}&classes=${classes}&points=${encodePoints(rows)}${tail}`);
  const lesson = fc.constantFrom(...LESSONS.map((l) => `lesson=${l.id}`), ...LESSONS.flatMap((l) => l.variants.map((v) => `lesson=${l.id}&variant=${v.id}`)));
  const parts = fc.array(fc.oneof({ weight: 6, arbitrary: ours }, { weight: 2, arbitrary: tf }, { weight: 1, arbitrary: junk }), { maxLength: 10 });
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: custom }, { weight: 1, arbitrary: lesson }), parts)
    .map(([head, rest]) => `#${[...(head ? [head] : []), ...rest].join('&')}`);
};

// A postMessage payload for the embed frame: commands, near-commands, anything.
export const messageArb = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          type: fc.constantFrom('nnp:command', 'nnp:command', 'nnp:command', 'nnp:reply'),
          requestId: fc.oneof(
            { weight: 5, arbitrary: fc.string({ maxLength: 10 }) },
            { weight: 3, arbitrary: fc.integer() },
            { weight: 1, arbitrary: fc.oneof(fc.double(), fc.constant(null), fc.string({ minLength: 199, maxLength: 202 })) },
          ),
          command: fc.constantFrom('play', 'pause', 'step', 'reset', 'getState', 'setState', 'setState', 'setState', 'fly', '__proto__'),
          patch: fc.oneof({ weight: 4, arbitrary: patchArb() }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }),
        },
        { requiredKeys: ['type', 'requestId'] },
      ),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  );

// mount() options with the documented types.
const goodOptions = () =>
  fc.record(
    {
      hash: fc.boolean(),
      initialHash: hashArb(),
      settings: patchArb(),
      panels: fc.dictionary(fc.constantFrom(...PANEL_IDS), fc.boolean(), { maxKeys: 3 }),
      autoplay: fc.boolean(),
    },
    { requiredKeys: [] },
  );

// One option of the wrong type (or an unknown one), as careless code would pass.
const badOption = () =>
  fc.oneof(
    fc.record({ autoplay: fc.constantFrom('false', 'true', 1, null) }),
    fc.record({ initialHash: fc.oneof(fc.integer(), fc.constant(null), fc.object({ maxDepth: 0 })) }),
    fc.record({ settings: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null), fc.array(fc.integer())) }),
    fc.record({
      panels: fc.oneof(fc.string({ maxLength: 10 }), fc.dictionary(fc.constantFrom('bogus', 'run'), fc.string({ maxLength: 3 }), { minKeys: 1, maxKeys: 2 })),
    }),
    fc.record({ width: fc.constantFrom(-1, Number.NaN, {}, 'x'.repeat(200)) }),
    fc.record({ autoPlay: fc.boolean() }),
    fc.record({ hash: fc.constantFrom('false', 0) }),
  );

// mount() options: documented, with one wrong, or anything at all.
export const optionsArb = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: goodOptions() },
    { weight: 3, arbitrary: fc.tuple(goodOptions(), badOption()).map(([a, b]) => ({ ...a, ...b })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
