// The hidden space: the data as a hidden layer sees it. Every point at the
// values (a_u1, a_u2) of two units of one hidden layer, coloured by class;
// behind them the rest of the network's decision over that plane, and the
// input plane's grid lines pushed through the network, so the folding the
// layer does is visible. The engine computes all of it (HiddenSpace); this
// only draws (hidden-space-painter.ts), and asks again whenever a new
// snapshot (weights) arrives.
import type { HiddenSpace } from '../engine/types';
import { h, show } from './dom';
import { createHiddenSpacePainter } from './hidden-space-painter';
import { frameLag } from './pace';
import type { Actions, Component, View } from './view';

const HIDDEN_GRID = 64; // background pixels per side
const SIZE = 240; // canvas pixels per side
// While training runs, ask at most this often: a request in flight holds back
// the next training frame (the worker answers one message at a time); longer
// while frames run late (pace.ts).
const MIN_INTERVAL_MS = 150;

interface Choice {
  layer: number;
  u1: number;
  u2: number;
}

export interface HiddenSpaceView extends Component {
  canvas: HTMLCanvasElement;
  last(): HiddenSpace | null; // what the canvas shows (tests)
}

// A select's options, replaced only when their labels changed.
function setOptions(sel: HTMLSelectElement, labels: string[], value: number): void {
  if (sel.options.length !== labels.length || labels.some((l, i) => sel.options[i]!.text !== l))
    sel.replaceChildren(...labels.map((l, i) => h('option', { value: String(i), text: l })));
  if (sel.value !== String(value)) sel.value = String(value); // setting it, even unchanged, selects again: work in every frame
}

// The choice kept when it still fits the layers' widths; else the first layer
// wide enough, or units 1 and 2.
function fitChoice(choice: Choice, widths: number[]): Choice {
  if ((widths[choice.layer] ?? 0) < 2) choice = { layer: widths.findIndex((w) => w >= 2), u1: 0, u2: 1 };
  const width = widths[choice.layer]!;
  if (choice.u1 >= width || choice.u2 >= width) choice = { ...choice, u1: 0, u2: 1 };
  return choice;
}

// The panel: the layer and the two units to look from, the canvas and a note.
function buildPanel() {
  const canvas = h('canvas', { class: 'nnp-hidden-canvas', width: String(SIZE), height: String(SIZE), 'data-testid': 'hidden-canvas' });
  const layerSel = h('select', { 'aria-label': 'Hidden layer', 'data-testid': 'hidden-layer' });
  const u1Sel = h('select', { 'aria-label': 'Horizontal unit', 'data-testid': 'hidden-u1' });
  const u2Sel = h('select', { 'aria-label': 'Vertical unit', 'data-testid': 'hidden-u2' });
  const unitRow = h('div', { class: 'nnp-row' }, [h('span', { text: 'units' }), u1Sel, u2Sel]);
  const note = h('p', { class: 'nnp-hint', 'data-testid': 'hidden-note' });
  const element = h('section', { class: 'nnp-panel nnp-hidden', 'aria-label': 'The hidden space', 'data-testid': 'hidden-panel' }, [
    h('h2', { text: 'The hidden space' }),
    h('div', { class: 'nnp-row' }, [h('span', { text: 'layer' }), layerSel]),
    unitRow,
    canvas,
    note,
  ]);
  return { element, canvas, layerSel, u1Sel, u2Sel, unitRow, note };
}

export function createHiddenSpaceView(actions: Pick<Actions, 'hiddenSpace'>): HiddenSpaceView {
  const { element, canvas, layerSel, u1Sel, u2Sel, unitRow, note } = buildPanel();
  const painter = createHiddenSpacePainter(canvas, SIZE, HIDDEN_GRID);
  let choice: Choice = { layer: 0, u1: 0, u2: 1 };
  let widths: number[] = [];
  let view: View | null = null;
  let asked: unknown = null; // the snapshot the last request was for
  let inFlight = false;
  let space: HiddenSpace | null = null;
  let spaceView: View | null = null;
  let lastAsked = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pick = (next: Partial<Choice>) => {
    choice = { ...choice, ...next };
    if (choice.u1 === choice.u2) choice.u2 = choice.u1 === 0 ? 1 : 0;
    asked = null;
    if (view) request(view);
  };
  layerSel.addEventListener('change', () => pick({ layer: Number(layerSel.value), u1: 0, u2: 1 }));
  u1Sel.addEventListener('change', () => pick({ u1: Number(u1Sel.value) }));
  u2Sel.addEventListener('change', () => pick({ u2: Number(u2Sel.value) }));

  function request(v: View): void {
    if (inFlight || timer !== null || asked === v.snapshot) return;
    const width = widths[choice.layer] ?? 0;
    if (width < 2) return;
    const wait = lastAsked + MIN_INTERVAL_MS * frameLag() - performance.now();
    if (v.running && wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        if (view) request(view);
      }, wait);
      return;
    }
    lastAsked = performance.now();
    asked = v.snapshot;
    inFlight = true;
    const want = { ...choice };
    void actions
      .hiddenSpace(want.layer, want.u1, want.u2, HIDDEN_GRID)
      .then((s) => {
        if (s && s.layer === choice.layer && s.u1 === choice.u1 && s.u2 === choice.u2) {
          space = s;
          spaceView = view;
          draw();
        }
      })
      .finally(() => {
        inFlight = false;
        // Training moved on while the engine was busy: ask for the newest weights.
        if (view && asked !== view.snapshot) request(view);
      });
  }

  function draw(): void {
    if (space && spaceView) painter.paint(space, spaceView);
  }

  return {
    element,
    canvas,
    last: () => space,
    update(v: View) {
      view = v;
      widths = v.snapshot.config.hidden.map((l) => l.width);
      const usable = widths.some((w) => w >= 2);
      show(canvas, usable);
      show(layerSel.parentElement!, usable && widths.length > 1);
      if (!usable) {
        note.textContent = 'Needs a hidden layer of at least two units.';
        show(unitRow, false);
        space = null;
        return;
      }
      choice = fitChoice(choice, widths);
      const width = widths[choice.layer]!;
      setOptions(
        layerSel,
        widths.map((w, i) => `${i + 1} (${w} units)`),
        choice.layer,
      );
      const units = Array.from({ length: width }, (_, i) => `unit ${i + 1}`);
      setOptions(u1Sel, units, choice.u1);
      setOptions(u2Sel, units, choice.u2);
      show(unitRow, width > 2);
      const said =
        width > 2 ? 'The layer’s other units are held at their mean over the data.' : 'Each point where the layer puts it; lines: the input plane’s grid.';
      if (note.textContent !== said) note.textContent = said; // no DOM write in a frame when unchanged
      request(v);
    },
    destroy() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      view = null;
    },
  };
}
