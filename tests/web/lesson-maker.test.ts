// The lesson maker's output: the lesson file it writes from the page's state
// and the author's draft, read back as the page reads a link, and the snippets
// that carry it into a course page.
import { describe, expect, it } from 'vitest';
import { buildLesson, lessonJson, lessonSettingsOf, type LessonDraft, type LessonFile } from '../../web/src/components/lesson-maker-file';
import { GOAL_KIND_IDS, initialGoal, type Goal } from '../../web/src/components/lesson-maker-goals';
import { lessonSnippets } from '../../web/src/components/lesson-maker-snippets';
import { decodePoints, encodePoints, type PointRow } from '../../web/src/settings/points-codec';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';

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

// The lesson's settings (and its preset's points) read the way a link's hash is read.
function readBack(lesson: LessonFile): Settings {
  const entries = Object.entries(lesson.settings).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  const points = lesson.presets?.[0]?.points;
  if (points) entries.push(`points=${encodePoints(points)}`);
  const { settings, notices } = parseHash(`#${entries.join('&')}`);
  expect(notices).toEqual([]);
  return settings;
}

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
  it('states the page’s settings as a link’s keys, typed, and reads back to the same settings', () => {
    const { lesson, problems } = buildLesson(draft(), xor, null);
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({ nnPlaygroundLesson: 1, id: 'xor-with-two-features', title: 'XOR with two features' });
    expect(lesson.settings).toMatchObject({
      dataset: 'xor',
      networkShape: '4',
      activation: 'relu',
      learningRate: 0.1,
      showTestData: true,
      regularization: 'l2',
    });
    // The lesson, the hidden controls and the points are said elsewhere in the file.
    for (const k of ['lesson', 'variant', 'hide', 'points']) expect(lesson.settings).not.toHaveProperty(k);
    expect(readBack(lesson)).toEqual({ ...xor, lesson: '', hide: [] });
  });

  it('leaves out what the defaults already say, but always names the data set', () => {
    const { lesson } = buildLesson(draft(), defaults(), null);
    expect(lesson.settings).toEqual({ dataset: defaults().dataset });
    expect(readBack(lesson)).toEqual(defaults());
  });

  it('carries custom points in its preset, without the split, and refuses more than the engine takes', () => {
    const rows: PointRow[] = [
      [0.25, -1.5, 0],
      [1e-9, 3, 1],
      [-2, 0.125, 1],
    ];
    const s: Settings = { ...defaults(), dataset: 'custom', points: encodePoints(rows, [0, 1, 0]) };
    const { lesson, problems } = buildLesson(draft(), s, null);
    expect(problems).toEqual([]);
    expect(lesson.presets).toEqual([{ id: 'start', label: 'Start', settings: {}, points: rows }]);
    expect(decodePoints(readBack(lesson).points)).toEqual(rows);
    const many = Array.from({ length: 5001 }, (_, i): PointRow => [i / 5001, 0, i % 2]);
    expect(buildLesson(draft(), { ...s, points: encodePoints(many) }, null).problems).toEqual(['There are 5001 points; a lesson may have at most 5000']);
  });

  it('takes the current weights on request, row by row (weights[i][j]: input j to neuron i)', () => {
    const layers = [
      { rows: 2, cols: 3, weights: Float64Array.from([1, 2, 3, 4, 5, 6]), biases: Float64Array.from([0.5, -0.5]) },
      { rows: 1, cols: 2, weights: Float64Array.from([7, 8]), biases: Float64Array.from([9]) },
    ];
    expect(buildLesson(draft(), defaults(), layers).lesson.presets).toBeUndefined(); // not asked for
    const { lesson, problems } = buildLesson(draft({ withWeights: true }), defaults(), layers);
    expect(problems).toEqual([]);
    expect(lesson.presets?.[0]?.weights).toEqual({
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
    const diverged = [{ ...layers[0]!, weights: Float64Array.from([1, NaN, 3, 4, 5, 6]) }];
    expect(buildLesson(draft({ withWeights: true }), defaults(), diverged).problems).toEqual([
      'Starting weights: the current weights are not finite numbers (the run diverged): reset, then take them',
    ]);
    expect(buildLesson(draft({ withWeights: true }), defaults(), null).problems).toEqual([
      'Starting weights: there are no weights yet: wait for the engine, then take them',
    ]);
  });

  it('locks and hides controls by their link keys; hidden wins over locked; unknown keys are dropped', () => {
    const { lesson } = buildLesson(draft({ locked: ['dataset', 'learningRate', 'nonsense'], hidden: ['learningRate', 'regularization'] }), xor, null);
    expect(lesson.controls).toEqual({ locked: ['dataset'], hidden: ['learningRate', 'regularization'] });
    expect(buildLesson(draft(), xor, null).lesson).not.toHaveProperty('controls');
  });

  it('writes every goal kind from the table, and refuses goals out of range', () => {
    const goals = GOAL_KIND_IDS.map((k) => initialGoal(k));
    const { lesson, problems } = buildLesson(draft({ goals }), xor, null);
    expect(problems).toEqual([]);
    expect(lesson.goals).toEqual([
      { kind: 'testLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'trainLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'accuracyAbove', value: 0.95, on: 'test', withinEpochs: 500 },
      { kind: 'maxHiddenNeurons', value: 4 },
      { kind: 'onlyFeatures', features: ['x1', 'x2'] },
      { kind: 'noRegularization' },
      { kind: 'diverge', withinEpochs: 100 },
    ]);
    const bad: Goal[] = [
      { kind: 'testLossBelow' },
      { kind: 'accuracyAbove', value: 1.5, on: 'test' },
      { kind: 'diverge', withinEpochs: 0.5 },
      { kind: 'onlyFeatures', features: [] },
      { kind: 'noRegularization', label: 'x'.repeat(121) },
    ];
    expect(buildLesson(draft({ goals: bad }), xor, null).problems).toEqual([
      'Goal 1: loss below needs a number',
      'Goal 2: accuracy above (0 to 1) must be from 0 to 1',
      'Goal 3: within (epochs, empty: any time) must be a whole number from 1 to 1000000',
      'Goal 4: pick at least one feature',
      'Goal 5: the label is longer than 120 characters',
    ]);
    expect(buildLesson(draft({ goals: Array.from({ length: 9 }, () => initialGoal('noRegularization')) }), xor, null).problems).toEqual([
      'There are 9 goals; at most 8',
    ]);
  });

  it('bounds the text an author writes', () => {
    const long = draft({ title: ' ', text: 'x'.repeat(4001), tryThis: Array.from({ length: 9 }, () => 'y'), expect: 'z'.repeat(501) });
    expect(buildLesson(long, xor, null).problems).toEqual([
      'The lesson needs a title',
      'The text has 4001 characters; at most 4000',
      'There are 9 “try this” lines; at most 8',
      'The expected outcome has 501 characters; at most 500',
    ]);
    expect(buildLesson(draft({ title: 'Ünïcode — ok?!' }), xor, null).lesson.id).toBe('unicode-ok');
    expect(buildLesson(draft({ title: '???' }), xor, null).lesson.id).toBe('my-lesson');
  });

  it('is JSON with every list of numbers on one line, the text untouched', () => {
    const rows: PointRow[] = [
      [0.5, -1, 0],
      [1, 2, 1],
    ];
    const text = 'Brackets [\n 1, 2 ] stay, and so does [ 3, 4 ]';
    const { lesson } = buildLesson(draft({ text }), { ...defaults(), dataset: 'custom', points: encodePoints(rows) }, null);
    const json = lessonJson(lesson);
    expect(JSON.parse(json)).toEqual(lesson);
    expect(json).toContain('\n        [0.5, -1, 0],\n        [1, 2, 1]\n');
    expect(JSON.parse(json).text).toBe(text);
  });
});

describe('the snippets', () => {
  const hostile = draft({ title: 'A </script><script>alert(1)</script> & “quotes” "too"', text: '<!-- not a comment --> and </SCRIPT >' });
  const { lesson } = buildLesson(hostile, xor, null);
  const json = lessonJson(lesson);
  const page = 'https://course.example/play/index.html';
  const s = lessonSnippets(lesson, json, page, '#dataset=xor');

  it('put the lesson inside the tag so that nothing in it ends the script or opens a comment', () => {
    const open = '<script type="application/json">';
    const body = s.tag.slice(s.tag.indexOf(open) + open.length, s.tag.indexOf('</script>'));
    expect(body).not.toContain('<');
    expect(JSON.parse(body)).toEqual(lesson);
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
    expect(s.iframe).toContain(
      'src="https://course.example/play/embed.html?lesson-src=https%3A%2F%2Fcourse.example%2Fplay%2Fa-script-script-alert-1-script-quotes-to.json"',
    );
    expect(s.iframe).toContain('title="A &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes” &quot;too&quot;"');
  });

  it('give mount() the lesson as text or as its file', () => {
    const literal = /lessonText: ("(?:[^"\\]|\\.)*")/.exec(s.mount)?.[1] ?? '';
    expect(literal).not.toContain('<');
    expect(JSON.parse(literal)).toBe(json);
    expect(s.mount).toContain(`import { mount } from "https://course.example/play/nn-playground.js";`);
    expect(s.mountSrc).toContain(`mount(document.getElementById("${lesson.id}"), { lessonSrc: "${lesson.id}.json" });`);
    expect(s.mountSrc.match(/<\/script>/g)).toHaveLength(1);
  });
});

describe('lessonSettingsOf', () => {
  it('writes list settings as the hash does, comma-separated', () => {
    expect(lessonSettingsOf({ ...defaults(), networkShape: [6, 6, 6], activation: ['tanh', 'relu', 'sigmoid'] })).toMatchObject({
      networkShape: '6,6,6',
      activation: 'tanh,relu,sigmoid',
    });
  });
});
