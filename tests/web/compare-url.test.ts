// The comparison's link: A's keys, compare=1 and B's differing settings
// under b.; B may change only the model and its training.
import { describe, expect, it } from 'vitest';
import { differences, pairHash, sideB, splitCompareHash } from '../../web/src/settings/compare';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { MAX_HASH_CHARS, MAX_HASH_KEYS } from '../../web/src/settings/limits';
import { parseHash } from '../../web/src/settings/url';

const A: Settings = { ...defaults(), dataset: 'spiral', optimizer: 'sgd', learningRate: 0.03, networkShape: [6, 6] };

describe('compare link', () => {
  it('round-trips a pair through its hash', () => {
    const B: Settings = { ...A, optimizer: 'adam', activation: ['relu'], networkShape: [8] };
    const hash = pairHash(A, B);
    expect(hash).toMatch(/&compare=1&/);
    expect(hash).toContain('b.optimizer=adam');
    expect(hash).toContain('b.activation=relu');
    expect(hash).toContain('b.networkShape=8');
    expect(hash).not.toContain('b.dataset');
    const split = splitCompareHash(hash);
    expect(split.compare).toBe(true);
    expect(split.notices).toEqual([]);
    const a = parseHash(split.aHash);
    expect(a.notices).toEqual([]);
    expect(a.settings).toEqual(A);
    expect(sideB(a.settings, split).patch).toEqual({ optimizer: 'adam', activation: ['relu'], networkShape: [8] });
  });

  it('names the differences, B first', () => {
    expect(differences(A, { ...A, optimizer: 'adam', learningRate: 0.1 })).toEqual(['B: optimizer adam (A: sgd)', 'B: learning rate 0.1 (A: 0.03)']);
    expect(differences(A, A)).toEqual([]);
  });

  it('refuses b. keys B may not change, and says so; A keeps its own', () => {
    const split = splitCompareHash('#dataset=xor&b.dataset=spiral&b.seed=3&b.learningRate=0.3&compare=yes');
    expect(split.notices).toHaveLength(3);
    expect(split.notices[0]).toMatch(/^b\.dataset: side B may change only networkShape, activation/);
    expect(split.notices[2]).toBe('compare=yes: not 1 or 0');
    expect(split.compare).toBe(true); // a b. key it reads asks for a comparison
    const a = parseHash(split.aHash).settings;
    expect(a.dataset).toBe('xor');
    expect(sideB(a, split).patch).toEqual({ learningRate: 0.3 });
  });

  it('a hash without the comparison stays as it is', () => {
    const split = splitCompareHash('#dataset=xor&learningRate=0.1');
    expect(split).toMatchObject({ compare: false, aHash: '#dataset=xor&learningRate=0.1', bKeys: [], notices: [] });
  });
});

describe('the comparison link’s limits', () => {
  it('10,000 b. keys are not read: the whole link is refused as any link over the key limit is', () => {
    const hash = `#dataset=xor&compare=1${'&b.learningRate=0.1'.repeat(10_000)}`;
    const split = splitCompareHash(hash);
    expect(split).toMatchObject({ compare: false, bKeys: [] });
    const a = parseHash(split.aHash);
    expect(a.notices).toEqual([`The link has 10002 settings; at most ${MAX_HASH_KEYS} are read, so none of them was used`]);
    expect(a.settings).toEqual(defaults());
  });

  it('a b. value over the length limit keeps A’s settings from applying too', () => {
    const hash = `#dataset=xor&learningRate=0.3&compare=1&b.learningRate=${'1'.repeat(MAX_HASH_CHARS)}&b.optimizer=adam`;
    const split = splitCompareHash(hash);
    expect(split.compare).toBe(false);
    const a = parseHash(split.aHash);
    expect(a.notices[0]).toMatch(new RegExp(`^The link is \\d+ characters long; at most ${MAX_HASH_CHARS} are read, so none of it was used$`));
    expect(a.settings).toEqual(defaults());
  });

  it('a repeated b. key is named, and only its last value is read', () => {
    const split = splitCompareHash('#dataset=xor&compare=1&b.learningRate=0.1&b.learningRate=abc&b.learningRate=0.3');
    const b = sideB(parseHash(split.aHash).settings, split);
    expect(b.patch).toEqual({ learningRate: 0.3 });
    expect(b.notices).toEqual(['B: learningRate is given 3 times (0.1, abc, 0.3); only the last is read']);
  });

  it('B’s notices are about B’s own values: A’s are not said twice', () => {
    const split = splitCompareHash('#dataset=xor&learningRate=fast&seed=0.12345&compare=1&b.optimizer=adam&b.momentum=7');
    const a = parseHash(split.aHash);
    expect(a.notices.some((n) => n.startsWith('learningRate=fast'))).toBe(true);
    expect(a.info.some((n) => n.startsWith('TensorFlow Playground link: seed 0.12345'))).toBe(true);
    expect(sideB(parseHash(split.aHash).settings, split).notices).toEqual(['B: momentum=7: not a valid momentum']);
  });
});

describe('lessons as comparisons', () => {
  it('lessons 4, 5, 7, 8 and 9 open as their two presets, B differing in what the lesson compares', async () => {
    const { lessonComparison } = await import('../../web/src/lessons/compare');
    const { lessonById } = await import('../../web/src/lessons/registry');
    expect(lessonComparison(lessonById('activations')!)?.b).toEqual({ activation: ['relu'] });
    expect(lessonComparison(lessonById('sigmoid-loss')!)?.b).toEqual({ output: 'sigmoid_bce' });
    expect(lessonComparison(lessonById('depth-width')!)?.b).toEqual({ networkShape: [27] });
    expect(lessonComparison(lessonById('learning-rate')!)?.b).toEqual({ learningRate: 0.0003 });
    expect(lessonComparison(lessonById('batch-size')!)?.b).toEqual({ batchSize: 100 });
    expect(lessonComparison(lessonById('perceptron')!)).toBeNull();
    const c = lessonComparison(lessonById('learning-rate')!)!;
    expect(c.a).toMatchObject({ lesson: 'learning-rate', variant: '', learningRate: 0.03 }); // the lesson's own preset (variant '')
  });
});
