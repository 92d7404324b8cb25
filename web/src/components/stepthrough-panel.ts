// The step-through's panel: its buttons, the chosen point, the progress list
// and the place for a step's title, sentence and table. Builds the elements
// and writes text into them; stepthrough.ts decides what to show.
import { h, show } from './dom';
import { exactText, formatNumber4 } from './network-notes';
import { stepLabel, type Step } from './stepthrough-steps';
import type { StepContent } from './stepthrough-tables';
import type { View } from './view';

export interface StepPanel {
  element: HTMLElement;
  close: HTMLButtonElement;
  random: HTMLButtonElement;
  back: HTMLButtonElement;
  next: HTMLButtonElement;
  apply: HTMLButtonElement;
  pointText: HTMLElement;
  progress: HTMLElement;
  title: HTMLElement;
  explain: HTMLElement;
  body: HTMLElement;
}

// The point being stepped through: index into the view's points, its place and label.
export interface StepPoint {
  index: number;
  x: number;
  y: number;
  label: number;
}

export function buildStepPanel(): StepPanel {
  const close = h('button', { type: 'button', class: 'nnp-icon-button', text: '×', 'aria-label': 'Close the step-through', title: 'Close' });
  const random = h('button', { type: 'button', class: 'nnp-button', text: 'Random training point', 'data-testid': 'st-random' });
  const pointText = h('div', { class: 'nnp-st-point', 'data-testid': 'st-point', text: 'No point chosen yet.' });
  const back = h('button', { type: 'button', class: 'nnp-button', text: '← Back', 'aria-label': 'Previous step', 'data-testid': 'st-back' });
  const next = h('button', { type: 'button', class: 'nnp-button nnp-primary', text: 'Next →', 'aria-label': 'Next step', 'data-testid': 'st-next' });
  const apply = h('button', {
    type: 'button',
    class: 'nnp-button',
    text: 'Apply update',
    title: 'One plain SGD step on this point: w ← w − η ∂L/∂w',
    'data-testid': 'st-apply',
  });
  const progress = h('ol', { class: 'nnp-st-progress', 'aria-hidden': 'true' });
  const title = h('h3', { class: 'nnp-st-title', 'data-testid': 'st-title', 'aria-live': 'polite' });
  const explain = h('p', { class: 'nnp-st-explain' });
  const body = h('div', { class: 'nnp-st-body', 'data-testid': 'st-body' });
  const element = h('section', { class: 'nnp-panel nnp-stepthrough', 'aria-label': 'Step through one point', 'data-testid': 'stepthrough', tabindex: -1 }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { text: 'Step through one point' }), close]),
    h('p', {
      class: 'nnp-muted nnp-st-hint',
      text: [
        'Click a training point on the output map, or pick one at random.',
        'Next (or →) walks forward layer by layer, to the loss, and back; ← goes back.',
      ].join(' '),
    }),
    h('div', { class: 'nnp-row nnp-wrap' }, [random, pointText]),
    h('div', { class: 'nnp-row nnp-wrap nnp-st-nav' }, [back, next, apply]),
    progress,
    title,
    explain,
    body,
  ]);
  show(element, false);
  return { element, close, random, back, next, apply, pointText, progress, title, explain, body };
}

// The chosen point in words, its exact numbers as data attributes.
export function drawPoint(pointText: HTMLElement, point: StepPoint | null, view: View | null): void {
  if (!point) {
    pointText.textContent = 'No point chosen yet.';
    for (const k of ['x', 'y', 'label', 'index']) delete pointText.dataset[k];
  } else if (view) {
    const k = view.snapshot.config.problem === 'regression' || view.snapshot.config.dataset === 'reg_plane' || view.snapshot.config.dataset === 'reg_gauss';
    pointText.dataset['x'] = exactText(point.x);
    pointText.dataset['y'] = exactText(point.y);
    pointText.dataset['label'] = String(point.label);
    pointText.dataset['index'] = String(point.index);
    const at = `x₁ = ${formatNumber4(point.x)}, x₂ = ${formatNumber4(point.y)}`;
    pointText.textContent = `Point ${point.index + 1}: ${at}, ${k ? 'value' : 'class'} ${formatNumber4(point.label)}`;
  }
}

// The steps in a row, the current one marked (or "Update" after an update); empty without a trace.
export function drawProgress(progress: HTMLElement, all: readonly Step[], step: number, traced: boolean, updated: boolean): void {
  progress.replaceChildren(
    ...(traced
      ? all.map((s, i) =>
          h('li', {
            class: `${!updated && i === step ? 'nnp-st-now' : ''}${!updated && i < step ? ' nnp-st-done' : ''}`,
            text: stepLabel(s, all),
          }),
        )
      : []),
    ...(traced ? [h('li', { class: updated ? 'nnp-st-now' : '', text: 'Update' })] : []),
  );
}

export function showContent(panel: StepPanel, content: StepContent): void {
  panel.title.textContent = content.title;
  panel.explain.textContent = content.explain;
  panel.body.replaceChildren(...content.body);
}

// Buttons are marked aria-disabled, not disabled: the focused button keeps the focus (and the keys work on).
export function enableButtons(panel: StepPanel, traced: boolean, busy: boolean, atStart: boolean, atEnd: boolean): void {
  const off = (b: HTMLButtonElement, v: boolean) => b.setAttribute('aria-disabled', String(v));
  off(panel.back, !traced || busy || atStart);
  off(panel.next, !traced || busy || atEnd);
  off(panel.apply, !traced || busy);
}

export const isEnabled = (b: HTMLButtonElement) => b.getAttribute('aria-disabled') !== 'true';

// Below the fold (the usual place on a laptop): bring its buttons up.
export function scrollIntoReach(element: HTMLElement): void {
  requestAnimationFrame(() => {
    const r = element.getBoundingClientRect();
    const want = Math.min(340, r.height);
    if (r.top > window.innerHeight - want) window.scrollBy({ top: r.top - (window.innerHeight - want) });
  });
}
