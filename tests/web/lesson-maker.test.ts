// The lesson maker's output: the lesson file it writes from the page's state
// and the author's draft, read back by the lesson reader a course page's tag
// uses, and the snippets that carry it into a course page.
import { describe, expect, it } from 'vitest';
import { buildLesson, type LessonDraft, type PageState } from '../../web/src/components/lesson-maker-file';
import { initialGoal, type GoalDraft } from '../../web/src/components/lesson-maker-goals';
import { lessonSnippets } from '../../web/src/components/lesson-maker-snippets';
import { GOAL_KINDS, type Lesson } from '../../web/src/lessons/format';
import { parseLesson } from '../../web/src/lessons/parse-lesson';
import { toConfig } from '../../web/src/settings/config';
import { encodePoints, type PointRow } from '../../web/src/settings/points-codec';
import { defaults, type Settings } from '../../web/src/settings/schema';

const draft = (over: Partial<LessonDraft> = {}): LessonDraft => ({
  title: 'XOR with two features',
  text: 'A hidden layer of four ReLUs.\n\nz = w·x + b',
  tryThis: ['Train until the test loss is below 0.1.'],
  expect: 'The four corners are split.',
  locked: [],
  hidden: [],
  goals: [],
  withWeights: false,
  ...over,
});

// The lesson file read back by the lesson reader, as a course page's tag reads it.
function readBack(json: string): Lesson {
  const r = parseLesson(json);
  if (!r.ok) throw new Error(r.error.message);
  return r.lesson;
}
const page = (settings: Settings, over: Partial<PageState> = {}): PageState => ({ settings, layers: null, sideB: null, ...over });
// The page's settings as a lesson's preset holds them (the lesson, its hidden controls and its points are said elsewhere).
const asPreset = (s: Settings): Settings => ({ ...s, lesson: '', variant: '', hide: [], points: '' });

const xor: Settings = {
  ...defaults(),
  lesson: 'xor-hidden',
  variant: '',
  dataset: 'xor',
  networkShape: [4],
  activation: ['relu'],
  learningRate: 0.1,
  features: ['x1', 'x2'],
  regularization: 'l2',
  regularizationRate: 0.01,
  showTestData: true,
  hide: ['noise'],
};

describe('the lesson file', () => {
  it('holds the page’s settings and reads back to the same settings and configuration', () => {
    const { json, id, problems } = buildLesson(draft(), page(xor));
    expect(problems).toEqual([]);
    expect(id).toBe('xor-with-two-features');
    const file = JSON.parse(json) as Record<string, unknown>;
    expect(file).toMatchObject({ nnPlaygroundLesson: 1, id, title: 'XOR with two features', text: 'A hidden layer of four ReLUs.\n\nz = w·x + b' });
    expect(file['settings']).toMatchObject({
      dataset: 'xor',
      networkShape: [4],
      activation: 'relu',
      learningRate: 0.1,
      showTestData: true,
      regularization: 'l2',
    });
    for (const k of ['lesson', 'variant', 'hide', 'points']) expect(file['settings']).not.toHaveProperty(k);
    const lesson = readBack(json);
    expect(lesson).toMatchObject({
      title: 'XOR with two features',
      tryThis: ['Train until the test loss is below 0.1.'],
      expect: 'The four corners are split.',
    });
    expect(lesson.variants).toHaveLength(1);
    expect(lesson.variants[0]!.settings).toEqual(asPreset(xor));
    expect(lesson.variants[0]!.config).toEqual(toConfig(xor));
  });

  it('carries custom points in its preset, without the split; refuses more than a lesson holds, and a custom data set without points', () => {
    const rows: PointRow[] = [
      [0.25, -1.5, 0],
      [1e-9, 3, 1],
      [-2, 0.125, 1],
    ];
    const s: Settings = { ...defaults(), dataset: 'custom', points: encodePoints(rows, [0, 1, 0]) };
    const { json, problems } = buildLesson(draft(), page(s));
    expect(problems).toEqual([]);
    expect(readBack(json).variants[0]!.points).toEqual(rows);
    const many = Array.from({ length: 5001 }, (_, i): PointRow => [i / 5001, 0, i % 2]);
    expect(buildLesson(draft(), page({ ...s, points: encodePoints(many) })).problems).toEqual(['There are 5001 points; a lesson may have at most 5000']);
    // Nothing the maker checks itself says this; the reader does, and nothing is written.
    const none = buildLesson(draft(), page({ ...s, points: '' }));
    expect(none.json).toBe('');
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]).toMatch(/^The lesson would not load: line \d+, settings: the data set "custom" needs points$/);
  });

  it('takes the current weights on request, row by row (weights[i][j]: input j to neuron i)', () => {
    const s: Settings = { ...defaults(), networkShape: [2], features: ['x1', 'x2', 'x1x2'] };
    const layers = [
      { rows: 2, cols: 3, weights: Float64Array.from([1, 2, 3, 4, 5, 6]), biases: Float64Array.from([0.5, -0.5]) },
      { rows: 1, cols: 2, weights: Float64Array.from([7, 8]), biases: Float64Array.from([9]) },
    ];
    expect(readBack(buildLesson(draft(), page(s, { layers })).json).variants[0]!.weights).toBeUndefined(); // not asked for
    const { json, problems } = buildLesson(draft({ withWeights: true }), page(s, { layers }));
    expect(problems).toEqual([]);
    expect(readBack(json).variants[0]!.weights).toEqual({
      layers: [
        {
          weights: [
            [1, 2, 3],
            [4, 5, 6],
          ],
          biases: [0.5, -0.5],
        },
        { weights: [[7, 8]], biases: [9] },
      ],
    });
    expect(json).toContain('[1, 2, 3]'); // a row of numbers on one line
    const diverged = [{ ...layers[0]!, weights: Float64Array.from([1, NaN, 3, 4, 5, 6]) }, layers[1]!];
    expect(buildLesson(draft({ withWeights: true }), page(s, { layers: diverged })).problems).toEqual([
      'Starting weights: the current weights are not finite numbers (the run diverged): reset, then take them',
    ]);
    expect(buildLesson(draft({ withWeights: true }), page(s)).problems).toEqual([
      'Starting weights: there are no weights yet: wait for the engine, then take them',
    ]);
  });

  it('compares side A with side B when the page compares', () => {
    const b: Settings = { ...xor, optimizer: 'adam', learningRate: 0.01 };
    const lesson = readBack(buildLesson(draft(), page(xor, { sideB: b })).json);
    expect(lesson.compare).toEqual({ a: 'a', b: 'b' });
    expect(lesson.variants.map((v) => v.settings)).toEqual([asPreset(xor), asPreset(b)]);
  });

  it('locks and hides controls by their keys; hidden wins over locked; unknown keys are dropped', () => {
    const { json } = buildLesson(draft({ locked: ['dataset', 'learningRate', 'nonsense'], hidden: ['learningRate', 'regularization'] }), page(xor));
    expect(readBack(json).controls).toEqual({ locked: ['dataset'], hidden: ['learningRate', 'regularization'] });
    expect(JSON.parse(buildLesson(draft(), page(xor)).json)).not.toHaveProperty('controls');
  });

  it('writes every goal kind of the format, read back the same, and refuses goals out of range', () => {
    const goals = GOAL_KINDS.map((k) => initialGoal(k));
    const { json, problems } = buildLesson(draft({ goals }), page(xor));
    expect(problems).toEqual([]);
    expect(readBack(json).goals).toEqual([
      { kind: 'testLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'trainLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'accuracyAbove', value: 0.95, on: 'test', withinEpochs: 500 },
      { kind: 'maxHiddenNeurons', value: 4 },
      { kind: 'onlyFeatures', features: ['x1', 'x2'] },
      { kind: 'noRegularization' },
      { kind: 'diverge', withinEpochs: 100 },
    ]);
    const bad: GoalDraft[] = [
      { kind: 'testLossBelow' },
      { kind: 'accuracyAbove', value: 1.5, on: 'test' },
      { kind: 'diverge', withinEpochs: 0.5 },
      { kind: 'onlyFeatures', features: [] },
      { kind: 'noRegularization', label: 'x'.repeat(201) },
    ];
    const refused = buildLesson(draft({ goals: bad }), page(xor));
    expect(refused.json).toBe('');
    expect(refused.problems).toEqual([
      'Goal 1: loss below needs a number',
      'Goal 2: accuracy above (0 to 1) must be from 0 to 1',
      'Goal 3: within (epochs, empty: any time) must be a whole number from 1 to 1000000',
      'Goal 4: pick at least one feature',
      'Goal 5: the label is longer than 200 characters',
    ]);
    expect(buildLesson(draft({ goals: Array.from({ length: 9 }, () => initialGoal('noRegularization')) }), page(xor)).problems).toEqual([
      'There are 9 goals; at most 8',
    ]);
  });

  it('bounds the text an author writes, and makes the id from the title', () => {
    const long = draft({ title: ' ', text: 'x'.repeat(20_001), tryThis: Array.from({ length: 13 }, () => 'y'), expect: 'z'.repeat(20_001) });
    expect(buildLesson(long, page(xor)).problems).toEqual([
      'The lesson needs a title',
      'The text has 20001 characters; at most 20000',
      'There are 13 “try this” lines; at most 12',
      'The expected outcome has 20001 characters; at most 20000',
    ]);
    expect(buildLesson(draft({ title: 'Ünïcode — ok?!' }), page(xor)).id).toBe('unicode-ok');
    expect(buildLesson(draft({ title: '???' }), page(xor)).id).toBe('my-lesson');
  });
});

describe('the snippets', () => {
  const hostile = draft({ title: 'A </script><script>alert(1)</script> & “quotes” "too"', text: '<!-- not a comment --> and </SCRIPT >' });
  const built = buildLesson(hostile, page(xor));
  const json = built.json;
  const lesson = { id: built.id, title: hostile.title };
  const url = 'https://course.example/play/index.html';
  const s = lessonSnippets(lesson, json, url, '#dataset=xor');

  it('put the lesson inside the tag so that nothing in it ends the script or opens a comment', () => {
    const open = '<script type="application/json">';
    const body = s.tag.slice(s.tag.indexOf(open) + open.length, s.tag.indexOf('</script>'));
    expect(body).not.toContain('<');
    expect(readBack(body).title).toBe(hostile.title);
    expect(JSON.parse(body)).toEqual(JSON.parse(json));
    expect(s.tag.match(/<\/script>/g)).toHaveLength(1); // the tag's own
    expect(s.tag.startsWith('<nn-playground>\n')).toBe(true);
    expect(s.tag.endsWith('</nn-playground>')).toBe(true);
  });

  it('show a link to the full page until the element is defined, its text escaped', () => {
    const link =
      '  <a href="https://course.example/play/index.html#dataset=xor">Open “A &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes” "too"” in the playground</a>';
    expect(s.tag).toContain(link);
    expect(s.tagSrc).toBe(`<nn-playground lesson-src="${lesson.id}.json">\n${link}\n</nn-playground>`);
    expect(s.fileName).toBe('a-script-script-alert-1-script-quotes-to.json');
  });

  it('load the library from next to the page, once', () => {
    expect(s.script).toBe('<script type="module" src="https://course.example/play/nn-playground.js"></script>');
    expect(s.iframe).toContain('src="https://course.example/play/embed.html#lessonSrc=a-script-script-alert-1-script-quotes-to.json"');
    expect(s.iframe).toContain('title="A &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes” &quot;too&quot;"');
  });

  it('give mount() the lesson as text or as its file', () => {
    const literal = /lessonText: ("(?:[^"\\]|\\.)*")/.exec(s.mount)?.[1] ?? '';
    expect(literal).not.toContain('<');
    expect(JSON.parse(literal)).toBe(json);
    expect(readBack(JSON.parse(literal) as string).title).toBe(hostile.title);
    expect(s.mount).toContain(`import { mount } from "https://course.example/play/nn-playground.js";`);
    expect(s.mountSrc).toContain(`mount(document.getElementById("${lesson.id}"), { lessonSrc: "${lesson.id}.json" });`);
    expect(s.mountSrc.match(/<\/script>/g)).toHaveLength(1);
  });
});
