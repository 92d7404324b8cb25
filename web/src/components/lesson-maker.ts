// "Make a lesson": a dialog that takes the page's state (settings, points,
// optionally the current weights), the author's text, the controls locked or
// hidden and the goals, and gives the lesson file and the snippets that show
// it in a course page, each ready to copy. Nothing is written while the lesson
// would not be valid: the problems are listed instead.
import type { Settings } from '../settings/schema';
import { copy, modal, type Modal } from './dialog-parts';
import { h } from './dom';
import { buildLesson, type LayerWeights } from './lesson-maker-file';
import { controlsPicker, textFields } from './lesson-maker-form';
import { goalsEditor } from './lesson-maker-goal-editor';
import { lessonSnippets, type LessonSnippets } from './lesson-maker-snippets';

export interface LessonMakerSource {
  settings(): Settings; // side A's, when comparing
  sideB(): Settings | null; // side B's when comparing (the lesson then compares two presets)
  layers(): readonly LayerWeights[] | null; // the weights of the last snapshot
  hash(): string; // '#…' for the current state (the tag's fallback link)
  pageUrl(): string; // the page's address without its hash
  download(name: string, blob: Blob): void;
}

type OutputKey = 'json' | keyof Omit<LessonSnippets, 'fileName'>;
const OUTPUTS: readonly [OutputKey, string][] = [
  ['json', 'The lesson file (JSON)'],
  ['script', 'Once in the site’s template (or the page’s head): the script that defines the tag'],
  ['tag', 'The tag, with the lesson inside it'],
  ['tagSrc', 'The tag, with the lesson file next to the page'],
  ['iframe', 'An iframe (any site; the lesson file in the playground’s folder, beside embed.html)'],
  ['mount', 'mount() with the lesson inside the script'],
  ['mountSrc', 'mount() with the lesson file next to the page'],
];

interface OutputBlock {
  element: HTMLElement;
  set(text: string): void;
}

function outputBlock(key: OutputKey, label: string, say: (text: string) => void, extra: HTMLElement | null): OutputBlock {
  const area = h('textarea', { class: 'nnp-share-text', readonly: true, rows: key === 'json' ? 8 : 4, spellcheck: 'false', 'data-testid': `lm-out-${key}` });
  area.id = `nnp-lm-out-${key}-${Math.random().toString(36).slice(2, 8)}`;
  const button = h('button', { type: 'button', class: 'nnp-button', text: 'Copy', 'data-testid': `lm-copy-${key}`, 'aria-describedby': area.id });
  button.addEventListener('click', async () => say((await copy(area.value, area)) ? `Copied: ${label}` : 'Selected: press Ctrl+C (⌘C) to copy'));
  const element = h('div', { class: 'nnp-share-block' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('label', { for: area.id, text: label }), h('span', { class: 'nnp-row' }, [extra, button])]),
    area,
  ]);
  return {
    element,
    set(text) {
      area.value = text;
      button.disabled = text === '';
      if (extra instanceof HTMLButtonElement) extra.disabled = text === '';
    },
  };
}

export function createLessonMaker(source: LessonMakerSource): Modal {
  const text = textFields();
  const controls = controlsPicker();
  controls.reset(source.settings().hide);
  const goals = goalsEditor(() => fill());
  const weights = h('input', { type: 'checkbox', 'data-testid': 'lm-weights' });
  const weightsRow = h('fieldset', { class: 'nnp-lm-section' }, [
    h('legend', { text: 'Starting point' }),
    h('label', {}, [weights, ' Start from the current weights (otherwise the seed draws them)']),
  ]);
  const status = h('p', { class: 'nnp-muted nnp-share-status', role: 'status', 'data-testid': 'lm-status' });
  const problems = h('ul', { class: 'nnp-lm-problems', role: 'alert', 'data-testid': 'lm-problems' });
  const download = h('button', { type: 'button', class: 'nnp-button', text: 'Download', 'data-testid': 'lm-download' });
  const say = (t: string) => (status.textContent = t);
  const blocks = new Map(OUTPUTS.map(([key, label]) => [key, outputBlock(key, label, say, key === 'json' ? download : null)]));
  const close = h('button', { type: 'button', class: 'nnp-icon-button', 'aria-label': 'Close', text: '×', 'data-testid': 'lm-close' });
  const form = h('form', { class: 'nnp-lm-form', method: 'dialog' }, [text.element, controls.element, goals.element, weightsRow]);
  const element = h('dialog', { class: 'nnp-share nnp-lm', 'aria-labelledby': 'nnp-lm-title', 'data-testid': 'lesson-maker' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { id: 'nnp-lm-title', text: 'Make a lesson' }), close]),
    h('p', { class: 'nnp-muted nnp-lm-hint', text: 'The lesson starts from the playground as it is now: its settings and points.' }),
    form,
    h('h3', { text: 'The lesson and where to put it' }),
    problems,
    ...[...blocks.values()].map((b) => b.element),
    status,
  ]);
  close.addEventListener('click', () => element.close());
  form.addEventListener('input', () => fill());
  form.addEventListener('submit', (e) => e.preventDefault()); // Enter in a field does not close the dialog
  let fileName = 'lesson.json';
  let json = '';
  download.addEventListener('click', () => json && source.download(fileName, new Blob([json], { type: 'application/json' })));

  function fill(): void {
    const draft = { ...text.read(), ...controls.read(), goals: goals.read(), withWeights: weights.checked };
    const built = buildLesson(draft, { settings: source.settings(), layers: source.layers(), sideB: source.sideB() });
    problems.replaceChildren(...built.problems.map((p) => h('li', { text: p })));
    problems.hidden = built.problems.length === 0;
    json = built.json;
    const s = json ? lessonSnippets({ id: built.id, title: draft.title.trim() }, json, source.pageUrl(), source.hash()) : null;
    fileName = s?.fileName ?? fileName;
    for (const [key, block] of blocks) block.set(key === 'json' ? json : (s?.[key] ?? ''));
  }

  return modal(element, { fill, status, focus: () => text.focus() });
}
