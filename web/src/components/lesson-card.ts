// The lesson being followed: its explanation, what to try, what to expect and
// a button per preset. The text comes from the lesson's file (web/src/lessons/).
import { LESSONS } from '../lessons/builtin';
import { lessonOf } from '../lessons/choice';
import { comparedPresets } from '../lessons/compare';
import type { Lesson, LessonVariant } from '../lessons/format';
import type { GoalReport } from '../lessons/goals';
import { createGoalsBlock } from './lesson-goals';
import { h, hasFocus, show } from './dom';
import type { Component } from './view';

export interface LessonHost {
  load(lesson: Lesson, variant: LessonVariant): void;
  close(): void;
  compare?(lesson: Lesson): void; // open the lesson's two presets side by side
  goals?(): GoalReport | null; // where the lesson's exercise stands
}

// A button per preset of the lesson, the one loaded pressed (a click loads it again from epoch 0).
function variantButtons(lesson: Lesson, variant: LessonVariant, host: LessonHost): HTMLButtonElement[] {
  return lesson.variants.map((v) => {
    const b = h('button', {
      type: 'button',
      class: `nnp-button nnp-variant${v === variant ? ' nnp-selected' : ''}`,
      text: v.label,
      'aria-pressed': v === variant ? 'true' : 'false',
      'data-variant': v.id,
      title: v === variant ? 'Load this preset again (from epoch 0)' : `Load the preset “${v.label}”`,
    });
    b.addEventListener('click', () => host.load(lesson, v));
    return b;
  });
}

// The card's DOM: its heading and buttons, the text, the tries and the presets.
function buildCard() {
  const bodyId = `nnp-lesson-${Math.random().toString(36).slice(2, 9)}`;
  const number = h('span', { class: 'nnp-lesson-number' });
  const title = h('h2', { class: 'nnp-lesson-title', 'data-testid': 'lesson-title' });
  const prev = h('button', { type: 'button', class: 'nnp-button', text: '← Previous', title: 'The previous lesson' });
  const nextButton = h('button', { type: 'button', class: 'nnp-button', text: 'Next lesson →', title: 'The next lesson' });
  const fold = h('button', { type: 'button', class: 'nnp-button', text: 'Hide text', 'aria-expanded': 'true', 'data-testid': 'lesson-fold' });
  const close = h('button', {
    type: 'button',
    class: 'nnp-icon-button',
    text: '×',
    'aria-label': 'Close the lesson',
    title: 'Close the lesson (the settings stay)',
  });
  const summary = h('p', { class: 'nnp-lesson-summary', 'data-testid': 'lesson-summary' });
  const expect = h('p', { class: 'nnp-lesson-expect', 'data-testid': 'lesson-expect' });
  const tryList = h('ul', { class: 'nnp-lesson-try', 'data-testid': 'lesson-try' });
  const variants = h('div', { class: 'nnp-lesson-variants', role: 'group', 'aria-label': 'Presets of this lesson', 'data-testid': 'lesson-variants' });
  const compare = h('button', { type: 'button', class: 'nnp-button nnp-variant nnp-lesson-compare', 'data-testid': 'lesson-compare' });
  const variantExpect = h('p', { class: 'nnp-lesson-variant-expect', 'data-testid': 'lesson-variant-expect', 'aria-live': 'polite' });
  const goals = createGoalsBlock();
  const expectWrap = h('p', { class: 'nnp-lesson-expect-wrap' }, [h('strong', { text: 'What you should see: ' }), expect]);
  const tryBlock = h('div', { class: 'nnp-lesson-tryblock' }, [h('h3', { text: 'Try this' }), tryList]);
  const element = h('section', { class: 'nnp-panel nnp-lesson', 'aria-label': 'Lesson', 'data-testid': 'lesson' }, [
    h('div', { class: 'nnp-lesson-head' }, [
      h('div', { class: 'nnp-lesson-heading' }, [number, title]),
      h('div', { class: 'nnp-row nnp-wrap' }, [fold, prev, nextButton, close]),
    ]),
    h('div', { class: 'nnp-lesson-body', id: bodyId }, [
      h('div', { class: 'nnp-lesson-text' }, [summary, expectWrap]),
      h('div', { class: 'nnp-lesson-side' }, [tryBlock, goals.element, h('h3', { text: 'Presets' }), variants, compare, variantExpect]),
    ]),
  ]);
  return {
    bodyId,
    number,
    title,
    prev,
    nextButton,
    fold,
    close,
    summary,
    expect,
    expectWrap,
    tryList,
    tryBlock,
    variants,
    compare,
    variantExpect,
    goals,
    element,
  };
}

// Writes one lesson and preset into the card (the preset buttons are made again).
function fillCard(card: ReturnType<typeof buildCard>, lesson: Lesson, variant: LessonVariant, host: LessonHost): void {
  const { number, title, summary, expect, expectWrap, tryList, tryBlock, variants, compare, variantExpect, prev, nextButton } = card;
  // A built-in lesson has its place in the course; an author's stands alone.
  number.textContent = lesson.number !== undefined && LESSONS.includes(lesson) ? `Lesson ${lesson.number} of ${LESSONS.length}` : 'Lesson';
  title.textContent = lesson.title;
  summary.textContent = lesson.summary;
  expect.textContent = lesson.expect;
  tryList.replaceChildren(...lesson.tryThis.map((t) => h('li', { text: t })));
  // An author's lesson may leave these out: no empty boxes, and no place in the built-in course.
  show(expectWrap, lesson.expect !== '');
  show(tryBlock, lesson.tryThis.length > 0);
  show(prev, LESSONS.includes(lesson));
  show(nextButton, LESSONS.includes(lesson));
  // The preset buttons are made again: the focus stays on the same preset.
  const active = (variants.getRootNode() as Document | ShadowRoot).activeElement;
  const focusedVariant = active && variants.contains(active) ? active.getAttribute('data-variant') : null;
  variants.replaceChildren(...variantButtons(lesson, variant, host));
  if (focusedVariant) variants.querySelector<HTMLElement>(`[data-variant="${CSS.escape(focusedVariant)}"]`)?.focus({ preventScroll: true });
  variantExpect.textContent = variant.expect === '' ? '' : `${variant.label}: ${variant.expect}`;
  const pair = comparedPresets(lesson);
  const [va, vb] = pair ? [pair.a, pair.b] : [];
  show(compare, host.compare !== undefined && va !== undefined && vb !== undefined);
  compare.textContent = va && vb ? `Side by side: ${va.label} | ${vb.label}` : '';
}

export function createLessonCard(host: LessonHost): Component {
  const card = buildCard();
  const { bodyId, prev, nextButton, fold, close, compare, goals, element } = card;
  show(element, false);
  fold.setAttribute('aria-controls', bodyId);
  // The text folds away (on a phone it starts folded, below the title and presets).
  const setFolded = (folded: boolean) => {
    element.classList.toggle('nnp-collapsed', folded);
    fold.setAttribute('aria-expanded', String(!folded));
    fold.textContent = folded ? 'Show text' : 'Hide text';
  };
  fold.addEventListener('click', () => setFolded(!element.classList.contains('nnp-collapsed')));
  if (typeof matchMedia === 'function' && matchMedia('(max-width: 760px)').matches) setFolded(true);

  let shown = '';
  let current: { lesson: Lesson; variant: LessonVariant } | null = null;
  const neighbour = (d: number) => (current && LESSONS.includes(current.lesson) ? LESSONS[LESSONS.indexOf(current.lesson) + d] : undefined);
  prev.addEventListener('click', () => {
    const l = neighbour(-1);
    if (l?.variants[0]) host.load(l, l.variants[0]);
  });
  nextButton.addEventListener('click', () => {
    const l = neighbour(1);
    if (l?.variants[0]) host.load(l, l.variants[0]);
  });
  close.addEventListener('click', () => host.close());
  compare.addEventListener('click', () => current && host.compare?.(current.lesson));
  show(compare, false);

  return {
    element,
    update(view) {
      const chosen = lessonOf(view.settings);
      show(element, chosen !== null);
      if (!chosen) {
        current = null;
        shown = '';
        return;
      }
      current = chosen;
      goals.update(host.goals?.() ?? null);
      const key = `${chosen.lesson.id}/${chosen.variant.id}`;
      if (key === shown) return;
      shown = key;
      fillCard(card, chosen.lesson, chosen.variant, host);
      // The first or the last lesson: its disabled button hands the focus to the other one.
      const [hadPrev, hadNext] = [hasFocus(prev), hasFocus(nextButton)];
      prev.disabled = !neighbour(-1);
      nextButton.disabled = !neighbour(1);
      if (hadPrev && prev.disabled) nextButton.focus({ preventScroll: true });
      if (hadNext && nextButton.disabled) prev.focus({ preventScroll: true });
    },
  };
}
