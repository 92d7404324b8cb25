// The bar above the playground: the lessons menu, the step-through switch, and
// saving and loading (model JSON, decision map PNG, loss history CSV, PyTorch code).
import { LESSONS } from '../lessons/builtin';
import type { Lesson } from '../lessons/format';
import { h, show } from './dom';
import type { Component } from './view';

export interface ToolbarHost {
  chooseLesson(lesson: Lesson): void;
  toggleStepThrough(): void;
  saveModel(): Promise<void>;
  loadModel(file: File): Promise<void>;
  savePicture(): Promise<void>;
  saveHistory(): void;
  savePyTorch(): Promise<void>;
  share?(): void; // the Share / embed dialog (the full page only)
  makeLesson?(): void; // the Make a lesson dialog (the full page only)
}

export interface ToolbarParts {
  lessons: boolean;
  stepThrough: boolean;
  files: boolean;
}

export interface Toolbar extends Component {
  // The model file input: the page puts it after everything else (not part of the bar's layout).
  fileInput: HTMLInputElement;
  setStepping(open: boolean): void;
  say(text: string): void;
}

function menu(label: string, testid: string, items: HTMLElement[]): HTMLDetailsElement {
  const summary = h('summary', { class: 'nnp-button nnp-menu-button', text: label, 'data-testid': `${testid}-button` });
  return h('details', { class: 'nnp-menu', 'data-testid': testid }, [summary, h('div', { class: 'nnp-menu-list', role: 'group', 'aria-label': label }, items)]);
}

// The lessons menu: one item a lesson.
function lessonsMenu(host: ToolbarHost) {
  const lessonItems = LESSONS.map((l) =>
    h('button', { type: 'button', class: 'nnp-menu-item', 'data-lesson': l.id }, [
      h('span', { class: 'nnp-menu-num', text: `${l.number}` }),
      h('span', { text: l.title }),
    ]),
  );
  const lessons = menu('Lessons', 'lessons-menu', lessonItems);
  lessonItems.forEach((b, i) =>
    b.addEventListener('click', () => {
      lessons.open = false;
      host.chooseLesson(LESSONS[i]!);
      lessons.querySelector('summary')?.focus(); // the item is hidden now: keep the focus on the menu
    }),
  );

  return { lessons, lessonItems };
}

// The Save / load menu and the hidden model-file input it opens.
function filesMenu(host: ToolbarHost) {
  const fileInput = h('input', {
    type: 'file',
    accept: '.json,application/json',
    hidden: true,
    'data-testid': 'model-file',
    tabindex: -1,
    'aria-hidden': 'true',
  }); // display: none: takes no place, even in a box of fixed height
  const item = (text: string, testid: string, title: string) => h('button', { type: 'button', class: 'nnp-menu-item', text, 'data-testid': testid, title });
  const saveModel = item('Save the model (JSON)', 'save-model', 'Configuration, data, weights and history, to load again later');
  const loadModel = item('Load a model (JSON)…', 'load-model', 'Open a model file saved from the playground');
  const savePng = item('Decision map (PNG)', 'save-png', 'The output picture with the data');
  const saveCsv = item('Loss history (CSV)', 'save-csv', 'One row per epoch: epoch, train_loss, test_loss, train_accuracy, test_accuracy');
  const savePy = item('PyTorch code (.py)', 'save-pytorch', 'The same network, weights and training as a PyTorch script');
  const files = menu('Save / load', 'files-menu', [saveModel, loadModel, savePng, saveCsv, savePy]);
  const status = h('span', { class: 'nnp-muted nnp-toolbar-status', role: 'status', 'data-testid': 'files-status' });

  // Each item closes the menu, then does its job.
  const actions: [HTMLElement, () => unknown][] = [
    [saveModel, () => host.saveModel()],
    [loadModel, () => fileInput.click()],
    [savePng, () => host.savePicture()],
    [saveCsv, () => host.saveHistory()],
    [savePy, () => host.savePyTorch()],
  ];
  for (const [button, act] of actions)
    button.addEventListener('click', () => {
      files.open = false;
      void act();
    });
  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    fileInput.value = '';
    if (f) void host.loadModel(f);
  });
  return { files, fileInput, status };
}

// A menu closes on a click elsewhere and on Escape; returns the document's listener (removed on destroy).
function closeMenusOutside(menus: HTMLDetailsElement[]): (e: PointerEvent) => void {
  // composedPath: inside a shadow root the document sees the host as the target.
  const outside = (e: PointerEvent) => menus.forEach((m) => m.open && !e.composedPath().includes(m) && (m.open = false));
  document.addEventListener('pointerdown', outside);
  menus.forEach((m) =>
    m.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && m.open) {
        m.open = false;
        m.querySelector('summary')?.focus();
      }
    }),
  );

  return outside;
}

export function createToolbar(host: ToolbarHost, parts: ToolbarParts): Toolbar {
  const { lessons, lessonItems } = lessonsMenu(host);
  const step = h('button', {
    type: 'button',
    class: 'nnp-button',
    text: 'Step through',
    'aria-pressed': 'false',
    'data-testid': 'stepthrough-toggle',
    title: 'Follow one training point through the network: forward, loss, backward, update',
  });
  step.addEventListener('click', () => host.toggleStepThrough());
  const share = h('button', {
    type: 'button',
    class: 'nnp-button',
    text: 'Share / embed',
    'data-testid': 'share-button',
    title: 'The link to this state, and the snippets to embed it in a course page',
  });
  share.addEventListener('click', () => host.share?.());
  const makeLesson = h('button', {
    type: 'button',
    class: 'nnp-button',
    text: 'Make a lesson',
    'data-testid': 'make-lesson-button',
    title: 'A lesson file from this state, with your text, locked controls and goals, and the tag that shows it in a course page',
  });
  makeLesson.addEventListener('click', () => host.makeLesson?.());

  const { files, fileInput, status } = filesMenu(host);
  const outside = closeMenusOutside([lessons, files]);

  show(lessons, parts.lessons);
  show(step, parts.stepThrough);
  show(files, parts.files);
  show(share, host.share !== undefined);
  show(makeLesson, host.makeLesson !== undefined);
  const element = h('nav', { class: 'nnp-toolbar', 'aria-label': 'Lessons, step-through and files' }, [lessons, step, files, share, makeLesson, status]);

  let said: ReturnType<typeof setTimeout> | null = null;
  return {
    element,
    fileInput,
    update(view) {
      for (const b of lessonItems) b.setAttribute('aria-current', b.dataset['lesson'] === view.settings.lesson ? 'true' : 'false');
    },
    setStepping(open) {
      step.setAttribute('aria-pressed', String(open));
      step.classList.toggle('nnp-selected', open);
    },
    say(text) {
      status.textContent = text;
      if (said) clearTimeout(said);
      said = setTimeout(() => (status.textContent = ''), 8000);
    },
    destroy() {
      document.removeEventListener('pointerdown', outside);
      if (said) clearTimeout(said);
    },
  };
}
