// The lesson reader (web/src/lessons/parse-lesson.ts): a valid file gives its
// lesson and reads back the same; anything else gets one message naming the
// line and the field, and nothing is ever thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../web/src/lessons/builtin';
import { LESSON_LIMITS } from '../../web/src/lessons/format';
import { lessonText } from '../../web/src/lessons/lesson-file';
import { parseLesson } from '../../web/src/lessons/parse-lesson';

// The contract's example (/docs/lesson-format.md), with points of its own.
const EXAMPLE = `{
  "nnPlaygroundLesson": 1,
  "id": "my-lesson",
  "title": "XOR with two features",
  "text": "z = w·x + b.",
  "tryThis": ["Train until the test loss is below 0.1."],
  "expect": "A hidden layer of four ReLUs solves XOR.",
  "settings": { "dataset": "xor", "networkShape": "4", "activation": "relu", "learningRate": 0.03 },
  "presets": [
    { "id": "start", "label": "Start", "settings": {}, "epochs": 100 },
    { "id": "wide", "label": "Wide", "settings": { "networkShape": [8, 8] } }
  ],
  "compare": { "a": "start", "b": "wide" },
  "controls": { "locked": ["dataset", "features"], "hidden": ["regularization"] },
  "goals": [
    { "kind": "testLossBelow", "value": 0.1, "withinEpochs": 500 },
    { "kind": "onlyFeatures", "features": ["x1", "x2"] }
  ]
}`;

const errorOf = (text: string) => {
  const r = parseLesson(text);
  if (r.ok) throw new Error('read as a lesson');
  return r.error;
};

// The example with one line replaced.
const withLine = (n: number, line: string) =>
  EXAMPLE.split('\n')
    .map((l, i) => (i === n - 1 ? line : l))
    .join('\n');

describe('a valid lesson file', () => {
  it('gives the lesson: settings over the defaults, each preset over the lesson, goals and controls', () => {
    const r = parseLesson(EXAMPLE);
    if (!r.ok) throw new Error(r.error.message);
    const [start, wide] = r.lesson.variants;
    expect(start!.config).toMatchObject({ dataset: 'xor', hidden: [{ width: 4, activation: 'relu' }], optimizer: { learning_rate: 0.03 } });
    expect(wide!.config.hidden.map((h) => h.width)).toEqual([8, 8]);
    expect(wide!.epochs).toBe(100);
    expect(r.lesson.compare).toEqual({ a: 'start', b: 'wide' });
    expect(r.lesson.controls).toEqual({ locked: ['dataset', 'features'], hidden: ['regularization'] });
    expect(r.lesson.goals).toEqual([
      { kind: 'testLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'onlyFeatures', features: ['x1', 'x2'] },
    ]);
  });

  it('takes TensorFlow Playground keys as a link does', () => {
    const r = parseLesson(withLine(8, '  "settings": { "dataset": "xor", "x": true, "y": false, "xSquared": true, "initZero": true },'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.lesson.variants[0]!.config.features).toEqual(['x1', 'x1sq']);
    expect(r.lesson.variants[0]!.config.init).toBe('zeros');
  });

  it('reads back the same from the text it writes (every built-in lesson)', () => {
    for (const l of LESSONS) {
      const r = parseLesson(lessonText(l));
      expect(r.ok && r.lesson).toEqual(l);
    }
  });
});

describe('a malformed lesson file: the line and the field', () => {
  const cases: [string, string, string][] = [
    [withLine(8, '  "settings": { "dataset": "xor", "learningRate": "abc" },'), 'line 8, settings.learningRate', 'not a valid learning rate'],
    [
      withLine(10, '    { "id": "start", "label": "Start", "settings": { "learningRate": 1000 }, "epochs": 100 },'),
      'line 10, presets[0].settings.learningRate',
      'learning rate',
    ],
    [withLine(5, '  "txet": "z",'), 'line 5, txet', 'unknown field'],
    [withLine(16, '    { "kind": "testLossUnder", "value": 0.1 },'), 'line 16, goals[0].kind', 'not one of testLossBelow'],
    [withLine(16, '    { "kind": "accuracyAbove", "value": 1.5 },'), 'line 16, goals[0].value', '1.5 is not a number from 0 to 1'],
    [withLine(16, '    { "kind": "testLossBelow", "value": "0.1" },'), 'line 16, goals[0].value', 'must be a number'],
    [withLine(3, '  "id": "My Lesson",'), 'line 3, id', 'not an id'],
    [withLine(13, '  "compare": { "a": "start", "b": "narrow" },'), 'line 13, compare.b', '"narrow" is not a preset of this lesson'],
    [withLine(14, '  "controls": { "locked": ["datset"] },'), 'line 14, controls.locked[0]', 'not a setting'],
    [withLine(8, '  "settings": { "lesson": "perceptron" },'), 'line 8, settings.lesson', 'cannot name a lesson'],
    [withLine(8, '  "settings": { "dataset": "xor", "dataset": "circle" },'), 'line 8, settings.dataset', 'given twice'],
    [withLine(10, '    { "id": "start", "label": "Start", "points": [[0, 0, 1]] },'), 'line 10, presets[0].points', 'need the data set "custom"'],
    [withLine(11, '    { "id": "start", "label": "Wide" }'), 'line 11, presets[1]', 'given twice'],
    [withLine(2, '  "nnPlaygroundLesson": 2,'), 'line 2, nnPlaygroundLesson', 'version 1'],
    [withLine(6, '  "tryThis": ["a",],'), 'line 6', 'not JSON'],
    [withLine(6, '  // a comment'), 'line 6', 'comments are not JSON'],
  ];
  for (const [text, where, why] of cases) {
    it(`${where}: ${why}`, () => {
      const e = errorOf(text);
      expect(e.message.startsWith(`${where}: `), e.message).toBe(true);
      expect(e.message).toContain(why);
    });
  }

  it('a missing field is named at its object', () => {
    expect(errorOf(EXAMPLE.replace('  "title": "XOR with two features",\n', '')).message).toBe('line 1: the field "title" is missing');
  });

  it('refuses beyond every limit before reading further', () => {
    expect(errorOf(' '.repeat(LESSON_LIMITS.maxBytes + 1)).reason).toContain('at most');
    expect(errorOf('['.repeat(100_000)).reason).toBe(`nested deeper than ${LESSON_LIMITS.maxDepth} levels`);
    const many = JSON.stringify({ ...JSON.parse(EXAMPLE), presets: Array.from({ length: 17 }, (_, i) => ({ id: `p${i}`, label: 'P' })) });
    expect(errorOf(many).message).toContain('presets: has 17 items; from 1 to 16 expected');
    const goals = JSON.stringify({ ...JSON.parse(EXAMPLE), goals: Array.from({ length: 9 }, () => ({ kind: 'noRegularization' })) });
    expect(errorOf(goals).message).toContain('goals: has 9 items');
    const long = JSON.stringify({ ...JSON.parse(EXAMPLE), title: 'x'.repeat(201) });
    expect(errorOf(long).message).toContain('title: is 201 characters long; at most 200');
  });
});

describe('hostile lesson files (fast-check)', () => {
  const outcome = (text: string) => {
    const r = parseLesson(text);
    if (r.ok) return;
    expect(r.error.line).toBeGreaterThanOrEqual(1);
    expect(r.error.message).toMatch(/^line \d+/);
    expect(r.error.message.length).toBeLessThan(400);
  };

  it('a field name of any length is quoted shortened, at the top and inside the settings', () => {
    const key = 'k'.repeat(100_000);
    const top = errorOf(JSON.stringify({ ...JSON.parse(EXAMPLE), [key]: 1 })).message;
    const inSettings = errorOf(JSON.stringify({ ...JSON.parse(EXAMPLE), settings: { [key]: 1 } })).message;
    for (const message of [top, inSettings]) {
      expect(message).toContain(`${'k'.repeat(39)}…`);
      expect(message.length).toBeLessThan(400);
    }
    expect(inSettings).toContain('settings.kkk');
  });

  it('any text: a lesson or one message, never an exception', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), outcome), { numRuns: 500 });
  });

  it('any JSON value: a lesson or one message', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), outcome), { numRuns: 500 });
  });

  it('the example with any field replaced by any JSON, or any character cut: a lesson or one message', () => {
    const keys = Object.keys(JSON.parse(EXAMPLE) as object);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 4 }), (key, value) => outcome(JSON.stringify({ ...JSON.parse(EXAMPLE), [key]: value }))),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat({ max: EXAMPLE.length - 1 }), (at) => outcome(EXAMPLE.slice(0, at) + EXAMPLE.slice(at + 1))),
      { numRuns: 300 },
    );
  });

  it('a valid lesson with random settings and goals reads back the same from its own text', () => {
    const settings = fc.record(
      {
        dataset: fc.constantFrom('xor', 'circle', 'gauss', 'spiral'),
        networkShape: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
        learningRate: fc.constantFrom(0.001, 0.03, 0.3),
        batchSize: fc.integer({ min: 1, max: 30 }),
        regularization: fc.constantFrom('none', 'l1', 'l2'),
      },
      { requiredKeys: [] },
    );
    const goal = fc.oneof(
      fc.record({ kind: fc.constant('testLossBelow'), value: fc.double({ min: 0, max: 2, noNaN: true }), withinEpochs: fc.integer({ min: 1, max: 9999 }) }),
      fc.record({ kind: fc.constant('accuracyAbove'), value: fc.double({ min: 0, max: 1, noNaN: true }), on: fc.constantFrom('test', 'train') }),
      fc.record({ kind: fc.constant('maxHiddenNeurons'), value: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant('noRegularization'), label: fc.string({ maxLength: 20 }) }),
    );
    fc.assert(
      fc.property(settings, fc.array(settings, { minLength: 1, maxLength: 4 }), fc.array(goal, { maxLength: 4 }), (shared, presets, goals) => {
        const file = {
          nnPlaygroundLesson: 1,
          id: 'random',
          title: 'Random',
          text: 'Text',
          settings: shared,
          presets: presets.map((s, i) => ({ id: `p${i}`, label: `P${i}`, settings: s })),
          goals,
        };
        const first = parseLesson(JSON.stringify(file));
        if (!first.ok) throw new Error(first.error.message);
        const again = parseLesson(lessonText(first.lesson));
        expect(again.ok && again.lesson).toEqual(first.lesson);
      }),
      { numRuns: 150 },
    );
  });
});
