// The text around the output plane: the loss and accuracy read-outs, the
// colour legend, and the notice shown when training diverged. Each is built
// once and updated in place from the view.
import { classColors, diverging, toCss } from '../render/colors';
import { classCount } from '../shared/task';
import { formatValue, h, show } from './dom';
import { createPace, TEXT_HZ } from './pace';
import type { Actions, View } from './view';

export interface Readout {
  element: HTMLElement;
  update(view: View): void;
}

const STATS = [
  { label: 'Test loss', id: 'test-loss', key: 'testLoss', percent: false },
  { label: 'Training loss', id: 'train-loss', key: 'trainLoss', percent: false },
  { label: 'Test accuracy', id: 'test-accuracy', key: 'testAccuracy', percent: true },
  { label: 'Train accuracy', id: 'train-accuracy', key: 'trainAccuracy', percent: true },
] as const;

// Loss and accuracy (accuracy only when classifying), at most TEXT_HZ while training.
export function createStats(): Readout {
  const element = h('div', { class: 'nnp-stats' });
  const statEls = STATS.map((st) => {
    const value = h('span', { class: 'nnp-stat-value', 'data-testid': st.id });
    const row = h('div', { class: 'nnp-stat' }, [h('span', { class: 'nnp-stat-label', text: st.label }), value]);
    element.append(row);
    return { row, value };
  });
  const pace = createPace(TEXT_HZ);
  function update(view: View): void {
    if (!pace.due(view.running)) return;
    const classification = classCount(view.settings, view.catalog) > 0;
    STATS.forEach((st, i) => {
      const v = view.snapshot.stats[st.key];
      const { row, value } = statEls[i]!;
      show(row, !st.percent || classification);
      const text = st.percent ? (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–') : formatValue(v);
      if (value.textContent !== text) value.textContent = text;
      if (value.dataset['value'] !== String(v)) value.dataset['value'] = String(v);
    });
  }
  return { element, update };
}

// A swatch per class, or the signed scale from −1 to +1 (two classes: class 0 to class 1).
// Drawn again only when the palette or the number of classes changed.
export function createLegend(): Readout {
  const element = h('div', { class: 'nnp-legend' });
  let prev: View | null = null;
  function draw(view: View): void {
    const k = classCount(view.settings, view.catalog);
    const palette = view.settings.palette;
    if (k > 2) {
      element.replaceChildren(
        ...classColors(palette, k).map((c, i) => h('span', { class: 'nnp-swatch' }, [h('i', { style: `background:${toCss(c)}` }), `Class ${i}`])),
        h('span', { class: 'nnp-muted', text: 'Paler: less sure' }),
      );
      return;
    }
    const stops = Array.from({ length: 11 }, (_, i) => `${toCss(diverging(palette, i / 5 - 1))} ${i * 10}%`).join(', ');
    const [lo, hi] = k === 2 ? ['Class 0', 'Class 1'] : ['−1', '+1'];
    element.replaceChildren(
      h('span', { text: lo }),
      h('i', { class: 'nnp-scale', style: `background:linear-gradient(to right, ${stops})` }),
      h('span', { text: hi }),
    );
  }
  return {
    element,
    update(view) {
      if (!prev || prev.settings.palette !== view.settings.palette || classCount(prev.settings, prev.catalog) !== classCount(view.settings, view.catalog))
        draw(view);
      prev = view;
    },
  };
}

// Over the plane when the weights grew without bound: the engine's message and a reset.
export function createDivergedNotice(actions: Actions): Readout {
  const divergedText = h('p', { class: 'nnp-diverged-message' });
  const resetButton = h('button', {
    type: 'button',
    class: 'nnp-button nnp-primary',
    text: 'Reset the network',
    title: 'Start again from the initial weights',
  });
  resetButton.addEventListener('click', () => actions.reset());
  const element = h('div', { class: 'nnp-diverged', role: 'alert', 'data-testid': 'diverged' }, [
    h('strong', { text: 'Training diverged' }),
    divergedText,
    h('p', { text: 'The weights grew without bound. Lower the learning rate, then reset.' }),
    resetButton,
  ]);
  return {
    element,
    update(view) {
      show(element, view.snapshot.status === 'diverged');
      if (divergedText.textContent !== view.snapshot.statusMessage) divergedText.textContent = view.snapshot.statusMessage;
    },
  };
}
