// The playground's box, put together: the toolbar (lessons, step-through,
// files, share), the lesson card and the panels of the layout, each placed.
import { handFocus } from '../components/focus-home';
import { createLessonCard } from '../components/lesson-card';
import { createLessonLocks } from '../components/lesson-locks';
import type { OutputView } from '../components/output-view';
import type { StepThrough } from '../components/stepthrough';
import { createToolbar } from '../components/toolbar';
import type { Component } from '../components/view';
import type { Lesson } from '../lessons/format';
import type { GoalReport } from '../lessons/goals';
import type { PanelId } from '../embed/panels';
import type { Files } from './files';
import { buildLayout, type PanelContext } from './layout';
import type { SessionStore } from './session-store';

interface PageHost {
  root: HTMLElement;
  store: SessionStore;
  panels: Omit<PanelContext, 'panel'>;
  shown(id: PanelId): boolean;
  files: Files;
  share: (() => void) | null; // the Share / embed dialog (the full page only)
  makeLesson: (() => void) | null; // the Make a lesson dialog (the full page only)
  compareLesson(lesson: Lesson): Promise<void>; // the lesson card's "compare" button
  goals(): GoalReport | null; // where the lesson's exercise stands
  placed(grid: HTMLElement): void; // the grid is on the page (side B's panel goes under it)
}

interface PageParts {
  components: Component[];
  outputView: OutputView | null;
  stepper: StepThrough | null;
  say: ((text: string) => void) | null; // the toolbar's status line, if it is shown
}

// For changes started by the user: a refusal is already on the notice.
const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

export function assemblePage(host: PageHost): PageParts {
  const { root, store, shown } = host;
  const layout = buildLayout(host.panels, shown);
  const outputView = (layout.panels.get('output') as OutputView | undefined) ?? null;
  const stepper = (layout.panels.get('stepthrough') as StepThrough | undefined) ?? null;
  const canStep = stepper !== null;
  const chooseLesson = (l: Lesson) => {
    const v = l.variants[0];
    if (v) quietly(store.loadLesson(l, v));
  };
  const { share, makeLesson } = host;
  const bar = createToolbar(
    {
      chooseLesson,
      toggleStepThrough: () => (stepper?.isOpen() ? stepper.close() : stepper?.open()),
      ...host.files,
      ...(share ? { share: () => share() } : {}),
      ...(makeLesson ? { makeLesson: () => makeLesson() } : {}),
    },
    { lessons: shown('lessons'), stepThrough: canStep, files: shown('files') },
  );
  const lessonCard = createLessonCard({
    load: (l, v) => quietly(store.loadLesson(l, v)),
    close: () => {
      quietly(store.apply({ lesson: '', variant: '' }));
      handFocus(lessonCard.element, root.querySelector<HTMLElement>('[data-testid=lessons-menu-button]')); // the card goes: to the menu that opens it
    },
    compare: (l) => quietly(host.compareLesson(l)),
    goals: host.goals,
  });
  const toolbarUsed = shown('lessons') || canStep || shown('files');
  if (!toolbarUsed) bar.destroy?.();
  const locks = createLessonLocks(root);
  const components = [...(toolbarUsed ? [bar] : []), ...(shown('lessons') ? [lessonCard] : []), ...layout.panels.values(), locks];
  stepper?.onToggle((open) => {
    bar.setStepping(open);
    if (!open) handFocus(stepper?.element ?? null, root.querySelector<HTMLElement>('[data-testid=stepthrough-toggle]'));
    layout.grid.classList.toggle('nnp-stepping', open);
  });
  // The lesson sits at the head of the network column (beside the map, the
  // play button above both; style.css puts it first when the columns fold);
  // without the network panel, above the run bar.
  const lessonColumn = layout.panels.has('network') ? layout.grid.querySelector('.nnp-column-network') : null;
  if (shown('lessons') && lessonColumn) lessonColumn.prepend(lessonCard.element);
  root.append(
    ...(toolbarUsed ? [bar.element] : []),
    ...(shown('lessons') && !lessonColumn ? [lessonCard.element] : []),
    ...layout.top,
    layout.grid,
    ...(toolbarUsed && shown('files') ? [bar.fileInput] : []),
  );
  host.placed(layout.grid);
  return { components, outputView, stepper, say: toolbarUsed ? (t) => bar.say(t) : null };
}
