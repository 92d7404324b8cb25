// Text from outside never finds a member of JavaScript's built-in objects:
// every setting, side B's keys, lesson ids, setState patches and mount()
// options are fed the names of Object.prototype's and Function.prototype's
// members, in any case, and every value read must be one of the setting's own
// (a value the engine can take, one that can be sent to the worker).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLessonHash } from '../../web/src/lessons/hash';
import { lessonById } from '../../web/src/lessons/registry';
import { LIBRARY_OPTIONS, MOUNT_OPTIONS, optionProblems } from '../../web/src/embed/options';
import { toConfig } from '../../web/src/settings/config';
import { COMPARE_KEYS, sideB, splitCompareHash } from '../../web/src/settings/compare';
import { validPatch } from '../../web/src/settings/patch';
import { SCHEMA, SETTING_IDS, defaults, specOf, type SettingId, type Settings } from '../../web/src/settings/schema';
import { knownKeys, parseHash } from '../../web/src/settings/url';
import { SEED } from './fuzz-arbitraries';

const BUILT_IN_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype'])];

// A built-in member's name in some case: constructor, CONSTRUCTOR, conStructor…
const builtInName = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...BUILT_IN_NAMES), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), fc.constantFrom('same', 'lower', 'upper', 'mixed'))
    .map(([name, flips, how]) =>
      how === 'same'
        ? name
        : how === 'lower'
          ? name.toLowerCase()
          : how === 'upper'
            ? name.toUpperCase()
            : [...name].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
    );

// Every value of `s` is one its spec accepts, and the configuration can be cloned to a worker.
function expectOwnValues(s: Settings): void {
  for (const id of SETTING_IDS) {
    const v: unknown = s[id];
    expect(typeof v, id).not.toBe('function');
    expect(specOf(id).check(v), `${id}=${String(v)}`).toBe(true);
  }
  expect(() => structuredClone(toConfig(s))).not.toThrow();
}

const URL_KEYS = [...knownKeys()];

describe('text that names a built-in member', () => {
  it('is refused as a value of every setting and alias key in a link, with a notice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URL_KEYS), builtInName(), (key, name) => {
        const { settings, notices } = parseHash(`#${encodeURIComponent(key)}=${encodeURIComponent(name)}`);
        expectOwnValues(settings);
        // Read as a real value of that key (a hidden control's name may look
        // like anything), or named in a notice, or (a key that changes
        // nothing here) nothing taken at all.
        const own = SETTING_IDS.some((id) => SCHEMA[id].key === key && specOf(id).check(specOf(id).parse(name) as never));
        if (own) return;
        if (notices.length > 0) expect(notices.join('\n')).toContain(key);
        else expect(settings).toEqual(defaults());
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('is refused as a value of the TensorFlow Playground keys that pick a data set (problem=regression&regDataset=…)', () => {
    fc.assert(
      fc.property(builtInName(), (name) => {
        const { settings, notices } = parseHash(`#problem=regression&regDataset=${encodeURIComponent(name)}`);
        expectOwnValues(settings);
        expect(notices.join('\n')).toMatch(/not a valid data set/);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('is refused as a key or value of side B, and B gets only settings of its own', () => {
    const bKeys = COMPARE_KEYS.map((k) => SCHEMA[k].key);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...bKeys), builtInName()), builtInName(), (key, name) => {
        const split = splitCompareHash(`#dataset=xor&compare=1&b.${encodeURIComponent(key)}=${encodeURIComponent(name)}`);
        const a = parseHash(split.aHash).settings;
        expectOwnValues(a);
        const b = sideB(a, split);
        const merged = { ...a, ...b.patch } as Settings;
        expectOwnValues(merged);
        const all = [...split.notices, ...b.notices].join('\n');
        if (!(bKeys as string[]).includes(key)) expect(all).toContain('side B may change only');
        else if (Object.keys(b.patch).length === 0) expect(all).toMatch(/^B: /m);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('is not a lesson or a lesson preset', () => {
    fc.assert(
      fc.property(builtInName(), (name) => {
        expect(lessonById(name)).toBeUndefined();
        const { settings, notices } = parseLessonHash(`#lesson=${encodeURIComponent(name)}&variant=${encodeURIComponent(name.toLowerCase())}`);
        expectOwnValues(settings);
        expect(settings.lesson).toBe('');
        expect(notices.join('\n')).toMatch(/lesson=.*: not a (known|valid) lesson/);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('is an unknown setting in a setState patch, and a value of none', () => {
    fc.assert(
      fc.property(builtInName(), fc.constantFrom<SettingId>(...SETTING_IDS), builtInName(), (key, id, name) => {
        const checked = validPatch({ [key]: 1, [id]: name } as never);
        expect(Object.hasOwn(checked.patch, key)).toBe(false);
        expect(checked.reasons.join('\n')).toContain('unknown setting');
        if (Object.hasOwn(checked.patch, id)) expect(specOf(id).check(checked.patch[id])).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('is not a mount() or library option', () => {
    fc.assert(
      fc.property(builtInName(), (name) => {
        for (const rules of [MOUNT_OPTIONS, LIBRARY_OPTIONS]) {
          const problems = optionProblems(JSON.parse(`{${JSON.stringify(name)}: true}`) as unknown, rules);
          expect(problems.join('\n')).toContain('is not an option');
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('a built-in member name as a value is refused with a notice, and the link’s other keys are kept', () => {
    for (const hash of [
      '#dataset=constructor&learningRate=0.1&networkShape=3',
      '#dataset=toString',
      '#dataset=__proto__',
      '#dataset=CONSTRUCTOR',
      '#regularization=valueOf',
      '#regularization=hasOwnProperty',
      '#regularization=__proto__',
    ]) {
      const { settings, notices } = parseHash(hash);
      expectOwnValues(settings);
      expect(notices.length, hash).toBeGreaterThan(0);
      expect(notices[0]).toMatch(/: not a valid (data set|regularization)$/);
    }
    expect(parseHash('#dataset=constructor&learningRate=0.1&networkShape=3').settings).toMatchObject({ learningRate: 0.1, networkShape: [3] });
  });
});
