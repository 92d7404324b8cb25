// Hostile input, the page's side: what the page decides itself (notices,
// limits, mount options, the plan of a change, the history copy) gives a
// short clear message and changes nothing it should not. What the engine
// decides is tested in tests/engine (test_hostile.cpp), the wiring in
// tests/e2e/hostile.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyHistory, mergeHistory } from '../../web/src/shared/history-data';
import { readCommand } from '../../web/src/embed/protocol';
import { LIBRARY_OPTIONS, MOUNT_OPTIONS, optionProblems } from '../../web/src/embed/options';
import { parseFrameParams } from '../../web/src/embed/frame-params';
import type { Catalog, Engine } from '../../web/src/engine/types';
import { planChange } from '../../web/src/settings/change';
import { reconcile, toConfig } from '../../web/src/settings/config';
import { MAX_HASH_CHARS, MAX_HASH_KEYS, MAX_PATCH_KEYS } from '../../web/src/settings/limits';
import { MAX_NOTICE_LINE_CHARS, MAX_NOTICE_LINES, boundLines, shorten } from '../../web/src/shared/messages';
import { assertPatchShape, validPatch } from '../../web/src/settings/patch';
import { encodePoints } from '../../web/src/settings/points-codec';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';
import { nodeEngine } from './engine-fixture';

let engine: Engine;
let catalog: Catalog;
beforeAll(async () => {
  engine = await nodeEngine();
  catalog = engine.catalog();
});

const s = (patch: Partial<Settings>): Settings => ({ ...defaults(), ...patch });

// Milliseconds of `fn`, printed (speed is reported, never asserted).
function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    console.log(`${what}: ${(performance.now() - t0).toFixed(1)} ms`);
  }
}

describe('a long-trained model keeps its history', () => {
  it('merges 300,000 history rows without a spread (no call-stack overflow)', () => {
    const n = 300_000;
    const rows = Float64Array.from({ length: n }, (_, i) => i + 1);
    const piece = { revision: 4, since: 0, columns: { epoch: rows, train_loss: rows, test_loss: rows, train_accuracy: rows, test_accuracy: rows } };
    const h = timed('merge 300,000 history rows', () => mergeHistory(emptyHistory(), -1, piece));
    expect(h.epoch!.length).toBe(n);
    expect(h.epoch![n - 1]).toBe(n);
  });

  it('appends within a revision and replaces the copy on a new one (bounded history)', () => {
    const col = (xs: number[]) => Float64Array.from(xs);
    const piece = (revision: number, since: number, xs: number[]) => ({
      revision,
      since,
      columns: { epoch: col(xs), train_loss: col(xs), grad_rms_0: col(xs) },
    });
    let h = mergeHistory(emptyHistory(), -1, piece(1, 0, [1, 2, 3]));
    const same = mergeHistory(h, 1, piece(1, 3, [4, 5]));
    expect(same).toBe(h); // appended in place
    expect(same.epoch).toEqual([1, 2, 3, 4, 5]);
    // The engine thinned its history: a new revision, sent whole, replaces the copy.
    h = mergeHistory(same, 1, piece(2, 0, [1, 3, 5, 6]));
    expect(h).not.toBe(same);
    expect(h.epoch).toEqual([1, 3, 5, 6]);
    expect(h.train_loss).toEqual([1, 3, 5, 6]);
    expect(h.grad_rms_0).toEqual([1, 3, 5, 6]);
  });
});

describe('messages quote a short excerpt of huge input', () => {
  it('a long value in the hash or a 5 MB one in setState gives a short notice line', () => {
    const big = 'x'.repeat(MAX_HASH_CHARS - 100);
    const { notices } = parseHash(`#learningRate=${big}`);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.length).toBeLessThan(MAX_NOTICE_LINE_CHARS);
    expect(notices[0]).toMatch(/^learningRate=x+…: not a valid learning rate$/);
    const { reasons, refused } = validPatch({ learningRate: 'x'.repeat(5_000_000) });
    expect(refused).toEqual(['learningRate']);
    expect(reasons[0]!.length).toBeLessThan(MAX_NOTICE_LINE_CHARS);
    expect(reasons[0]).toMatch(/^learningRate: "x+…" is not a valid learning rate$/);
  });

  it('a link longer than the limit is refused whole, before it is split', () => {
    const { notices, settings } = timed('parse a 10 MB hash', () => parseHash(`#dataset=xor&${'a'.repeat(10_000_000)}`));
    expect(settings).toEqual(defaults());
    expect(notices).toEqual([`The link is ${10_000_000 + 12} characters long; at most ${MAX_HASH_CHARS} are read, so none of it was used`]);
    expect(parseFrameParams(`#${'p'.repeat(MAX_HASH_CHARS + 1)}`).notices).toEqual([]); // passed on for the playground to refuse
  });
});

describe('a change with points is one engine call', () => {
  // The engine refuses such a call whole (test_hostile.cpp); the page must not split it.
  it('custom points and their class count are planned as one configuration with the points', () => {
    const before = s({ dataset: 'xor' });
    const rows: [number, number, number][] = [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 3],
    ];
    const plan = planChange(before, { dataset: 'custom', classes: 2, points: encodePoints(rows) }, catalog);
    expect(plan.kind).toBe('data');
    expect(plan.points).toEqual(rows);
    expect(toConfig(plan.next)).toMatchObject({ dataset: 'custom', classes: 2 });
  });
});

describe('input is never silently dropped or mangled', () => {
  it('#dataset=custom&points=AAAA names the points and does not pass them off as data', () => {
    const { settings, notices } = parseHash('#dataset=custom&points=AAAA');
    expect(notices).toEqual(['points=AAAA: not whole points (x, y, label triples, base64url); the data set stays circle']);
    expect(settings.dataset).toBe('circle');
    expect(settings.points).toBe('');
    // setState refuses them too
    expect(validPatch({ points: 'AAAA' }).reasons).toEqual(['points: "AAAA" is not a valid your points']);
  });

  it('#output=perceptron&networkShape=4 says what was changed and why', () => {
    const { settings, notices } = parseHash('#output=perceptron&networkShape=4');
    expect(notices).toEqual([]);
    const fitted = reconcile(settings, catalog);
    expect(fitted.settings.output).toBe('tanh_mse');
    expect(fitted.note).toBe('output=perceptron: the perceptron is a single neuron, so it takes no hidden layers; tanh_mse is used instead');
    // and through setState
    expect(planChange(defaults(), { output: 'perceptron', networkShape: [4] }, catalog).note).toBe(fitted.note);
    expect(reconcile(s({ dataset: 'reg_plane', output: 'softmax_ce' }), catalog).note).toBe(
      'output=softmax_ce: it does not fit regression data; linear_mse is used instead',
    );
  });

  it('mount() options of the wrong type are refused with one short message each', () => {
    expect(optionProblems({ autoplay: 'false' }, MOUNT_OPTIONS)).toEqual(['autoplay must be true or false (got "false")']);
    expect(optionProblems({ initialHash: 42 }, MOUNT_OPTIONS)).toEqual(["initialHash must be a string like '#dataset=xor' (got 42)"]);
    const settings = optionProblems({ settings: 'dataset=xor' }, MOUNT_OPTIONS);
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatch(/^settings must be an object of settings like \{ dataset: 'xor' \}.* \(got "dataset=xor"\)$/);
    expect(optionProblems({ autoPlay: true }, MOUNT_OPTIONS)[0]).toMatch(/^"autoPlay" is not an option/);
    expect(optionProblems({ panels: ['run', 'bogus'] }, LIBRARY_OPTIONS)[0]).toMatch(/^panels must be a list of panel ids/);
    expect(optionProblems({ width: {} }, LIBRARY_OPTIONS)).toEqual(["width must be a number of pixels or a CSS length like '100%' (got an object)"]);
    expect(optionProblems('dataset=xor', MOUNT_OPTIONS)).toEqual(['the options must be an object (got "dataset=xor")']);
    // The documented forms pass.
    expect(
      optionProblems({ hash: false, initialHash: '#dataset=xor', settings: { dataset: 'xor' }, panels: { data: false }, autoplay: true }, MOUNT_OPTIONS),
    ).toEqual([]);
    expect(optionProblems({ panels: ['run', 'output'], width: '100%', height: 400, stylesheet: false }, LIBRARY_OPTIONS)).toEqual([]);
    expect(optionProblems(undefined, MOUNT_OPTIONS)).toEqual([]);
  });
});

describe('notices and patches have size limits', () => {
  it('5,000 unknown hash keys give one short notice', () => {
    const hash = `#${Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&')}`;
    const { notices, settings } = timed('parse 5,000 unknown hash keys', () => parseHash(hash));
    expect(notices).toEqual([`The link has 5000 settings; at most ${MAX_HASH_KEYS} are read, so none of them was used`]);
    expect(settings).toEqual(defaults());
    // Under the key limit, every unknown key is listed, and the notice shows a bounded part.
    const some = parseHash(`#${Array.from({ length: MAX_HASH_KEYS }, (_, i) => `k${i}=1`).join('&')}`).notices;
    expect(some).toHaveLength(MAX_HASH_KEYS);
    const shown = boundLines(some);
    expect(shown).toHaveLength(MAX_NOTICE_LINES);
    expect(shown[MAX_NOTICE_LINES - 1]).toBe(`… and ${MAX_HASH_KEYS - MAX_NOTICE_LINES + 1} more`);
    expect(shown.join('\n').length).toBeLessThan(MAX_NOTICE_LINES * MAX_NOTICE_LINE_CHARS);
  });

  it('100,000 setState keys are refused before they are read', () => {
    const patch: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) patch[`k${i}`] = i;
    expect(() => timed('refuse a 100,000-key setState patch', () => assertPatchShape(patch, 'setState: the patch'))).toThrow(
      `setState: the patch has more than ${MAX_PATCH_KEYS} keys; nothing was applied`,
    );
    const reply = timed('refuse a 100,000-key postMessage patch', () => readCommand({ type: 'nnp:command', requestId: 1, command: 'setState', patch }));
    expect(reply).toEqual({ kind: 'error', requestId: 1, error: `setState: the patch has more than ${MAX_PATCH_KEYS} keys; nothing was applied` });
    expect(optionProblems({ settings: patch }, MOUNT_OPTIONS)).toHaveLength(1);
  });

  it('lines are cut whole characters at a time, and lists end in a count', () => {
    expect(shorten('ab😀cd', 4)).toBe('ab…'); // never half a surrogate pair
    expect(boundLines(['a'.repeat(500)])[0]!.length).toBe(MAX_NOTICE_LINE_CHARS);
    expect(boundLines(['a', 'b', 'c'], 2)).toEqual(['a', '… and 2 more']);
  });
});
