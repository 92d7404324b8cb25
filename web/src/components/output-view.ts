// The output: decision regions (or the hovered neuron's map) with the data on
// top, axes, a colour legend and the diverged state. Points are edited here:
// click adds, drag moves, right-click or long-press deletes. This file makes
// the panel and passes each view on; the parts each do one job:
// output-plane.ts (painting the plane), output-pointer.ts (editing points with
// the pointer), output-keyboard.ts (editing them from the keyboard) and
// output-readouts.ts (read-outs, legend, diverged notice).
import { createAnnouncer, type Announcer } from './announcer';
import { createControl } from './controls';
import { h, show } from './dom';
import { createLossCurve } from './loss-curve';
import { createMapDescription } from './map-description';
import { createPlaneKeyboard } from './output-keyboard';
import { createPlanePainter, type PlanePoint } from './output-plane';
import { createPlanePointer } from './output-pointer';
import { createDivergedNotice, createLegend, createStats } from './output-readouts';
import type { Actions, Component, View } from './view';

const EDIT_TITLE = 'Click to add a point of the selected class · drag a point to move it · right-click or long-press a point to delete it';

export interface OutputView extends Component {
  canvas: HTMLCanvasElement;
  lastImage(): ImageData | null;
  // While set, a click picks the training point under it instead of adding one.
  pick(handler: ((index: number) => void) | null): void;
  // A point drawn with a ring (the step-through's sample).
  mark(point: { x: number; y: number } | null): void;
  // Where the pointer is on the plane (the data point under it, if any), null when it leaves.
  onHover(fn: (point: { x: number; y: number } | null) => void): void;
  announcer: Announcer; // the live region (announcer.ts): its goal() says a lesson goal reached
}

export function createOutputView(actions: Actions): OutputView {
  const canvas = h('canvas', {
    class: 'nnp-output-canvas',
    'data-testid': 'output-canvas',
    role: 'img',
    'aria-label': 'Decision regions of the network with the data points',
    title: EDIT_TITLE,
  });
  const caption = h('div', { class: 'nnp-output-caption', 'aria-live': 'polite' });
  const diverged = createDivergedNotice(actions);
  const legend = createLegend();
  const stats = createStats();
  const plot = h('div', { class: 'nnp-plot' }, [canvas, diverged.element, caption]);
  const viewControls = h('div', { class: 'nnp-row nnp-wrap' });
  const controls = (['showTestData', 'discretize', 'palette', 'announce'] as const).map((id) => createControl(id, actions.set));
  controls.forEach((c) => viewControls.append(c.element));
  const curve = createLossCurve(); // above the map, as TensorFlow Playground's
  const words = createMapDescription(canvas, actions);
  const announcer = createAnnouncer();
  const element = h('section', { class: 'nnp-panel nnp-output', 'aria-label': 'Output' }, [
    h('h2', { text: 'Output' }),
    stats.element,
    curve.element,
    plot,
    words.element,
    legend.element,
    viewControls,
    announcer.element,
  ]);

  let current: View | null = null;
  let marked: PlanePoint | null = null;
  const painter = createPlanePainter(canvas, { view: () => current, moving: () => pointer.moving() ?? keys.moving(), marked: () => marked });
  const pointer = createPlanePointer(
    canvas,
    actions,
    () => current,
    () => painter.redrawLayer(),
  );
  const keys = createPlaneKeyboard(
    plot,
    canvas,
    actions,
    () => current,
    () => painter.redrawLayer(),
  );

  const resize = new ResizeObserver(() => painter.resized(canvas.clientWidth));
  resize.observe(canvas);

  return {
    element,
    canvas,
    lastImage: () => painter.lastImage(),
    pick(handler) {
      pointer.pick(handler);
      keys.pick(handler);
      canvas.classList.toggle('nnp-picking', handler !== null);
      canvas.title = handler ? 'Click a training point to step it through the network' : EDIT_TITLE;
    },
    mark(point) {
      marked = point;
      painter.redrawLayer();
    },
    onHover: (fn) => pointer.onHover(fn),
    announcer,
    preview(s) {
      if (current) return;
      controls.forEach((c) => c.update(s));
      painter.drawEmpty();
    },
    update(view) {
      current = view;
      controls.forEach((c) => c.update(view.settings));
      keys.update(view);
      painter.paintMap(view);
      painter.draw();
      legend.update(view);
      stats.update(view);
      curve.update(view);
      diverged.update(view);
      words.update(view);
      announcer.update(view);
      const said = view.focusLabel ? `Showing ${view.focusLabel}` : '';
      if (caption.textContent !== said) caption.textContent = said;
      show(caption, view.focusLabel !== null);
    },
    destroy() {
      resize.disconnect();
      curve.destroy();
      pointer.destroy();
      keys.destroy();
    },
  };
}
