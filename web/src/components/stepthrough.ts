// Step-through: one training point through the network, a step per click.
// Forward layer by layer (z and a), the loss, backward layer by layer (δ =
// ∂L/∂z, ∂L/∂w, ∂L/∂b), then one SGD step on that point with the weights
// before and after. Every number is the engine's (a trace from the worker);
// this component only places them, as text. This file walks the steps and
// answers the buttons and keys; stepthrough-panel.ts builds the panel,
// stepthrough-tables.ts writes a step's table, stepthrough-steps.ts lists the
// steps and the numbers beside the neurons.
import type { LayerData, TraceData } from '../worker/protocol';
import type { NeuronNote } from './network-notes';
import {
  buildStepPanel,
  drawPoint,
  drawProgress,
  enableButtons,
  isEnabled,
  scrollIntoReach,
  showContent,
  type StepPanel,
  type StepPoint,
} from './stepthrough-panel';
import { notesFor, sameLayers, stepNames, stepsFor, type Update } from './stepthrough-steps';
import { stepContent, updateContent } from './stepthrough-tables';
import { show } from './dom';
import type { Component, View } from './view';

export interface StepHost {
  trace(x: number, y: number, label: number): Promise<{ trace: TraceData; layers: LayerData[] }>;
  applyUpdate(x: number, y: number, label: number): Promise<boolean>;
  annotate(notes: NeuronNote[] | null): void;
  pick(handler: ((index: number) => void) | null): void;
  mark(point: { x: number; y: number } | null): void;
  pause(): void;
  error(e: unknown): void;
}

export interface StepThrough extends Component {
  // takeFocus false: shown where it is, the focus and the scroll left where the user has gone.
  open(takeFocus?: boolean): void;
  close(): void;
  isOpen(): boolean;
  choose(index: number): Promise<void>;
  onToggle(fn: (open: boolean) => void): void;
}

// Where the walk is: the point, its trace, the step shown, an applied update.
interface Walk {
  host: StepHost;
  panel: StepPanel;
  opened: boolean;
  view: View | null;
  point: StepPoint | null;
  trace: TraceData | null;
  traceLayers: LayerData[]; // the weights the trace was taken with
  step: number;
  update: Update | null; // shown instead of a step after "Apply update"
  busy: boolean; // a trace or an update is on its way
  dataVersion: number; // of the data the point was chosen from
}

const stepsOf = (w: Walk) => stepsFor(w.trace?.layers.length ?? 0);

async function refresh(w: Walk): Promise<void> {
  if (!w.point) return;
  w.busy = true;
  try {
    const r = await w.host.trace(w.point.x, w.point.y, w.point.label);
    w.trace = r.trace;
    w.traceLayers = r.layers;
    w.step = Math.min(w.step, stepsOf(w).length - 1);
  } catch (e) {
    w.host.error(e);
  } finally {
    w.busy = false;
  }
  render(w);
}

async function choose(w: Walk, index: number): Promise<void> {
  const p = w.view?.points;
  if (!p || index < 0 || index >= p.x.length) return;
  w.point = { index, x: p.x[index]!, y: p.y[index]!, label: p.label[index]! };
  w.host.mark({ x: w.point.x, y: w.point.y });
  w.step = 0;
  w.update = null;
  await refresh(w);
}

function chooseRandom(w: Walk): void {
  const p = w.view?.points;
  if (!p) return;
  const train: number[] = [];
  for (let i = 0; i < p.x.length; i++) if (p.test[i] !== 1) train.push(i);
  if (train.length === 0) return;
  void choose(w, train[Math.floor(Math.random() * train.length)]!);
}

function go(w: Walk, delta: number): void {
  if (!w.trace || w.busy) return;
  if (w.update) {
    w.update = null; // back to the steps, with the updated network's trace
    w.step = delta > 0 ? 0 : stepsOf(w).length - 1;
  } else w.step = Math.max(0, Math.min(stepsOf(w).length - 1, w.step + delta));
  render(w);
}

async function applyUpdate(w: Walk): Promise<void> {
  if (!w.point || !w.trace || w.busy) return;
  w.busy = true;
  render(w);
  const grads = w.trace;
  const before = w.traceLayers;
  const rate = w.view?.snapshot.config.optimizer.learning_rate ?? NaN;
  try {
    const ok = await w.host.applyUpdate(w.point.x, w.point.y, w.point.label);
    if (ok) {
      const r = await w.host.trace(w.point.x, w.point.y, w.point.label);
      w.update = { before, after: r.layers, grads, lossAfter: r.trace.loss, rate };
      w.trace = r.trace;
      w.traceLayers = r.layers;
    }
  } catch (e) {
    w.host.error(e);
  } finally {
    w.busy = false;
  }
  render(w);
}

function render(w: Walk): void {
  if (!w.opened) return;
  const { panel, trace, view, update } = w;
  const all = stepsOf(w);
  enableButtons(panel, trace !== null, w.busy, !update && w.step === 0, !update && w.step >= all.length - 1);
  drawPoint(panel.pointText, w.point, view);
  drawProgress(panel.progress, all, w.step, trace !== null, update !== null);
  if (!trace || !view) {
    showContent(panel, { title: w.point ? 'Tracing…' : 'Choose a point', explain: '', body: [] });
    w.host.annotate(null);
    return;
  }
  const names = stepNames(trace.layers.length, view.snapshot.config.features);
  if (update) {
    showContent(panel, updateContent(update, names));
    w.host.annotate(null);
    return;
  }
  const s = all[w.step]!;
  showContent(panel, stepContent(s, trace, w.traceLayers, view, names));
  w.host.annotate(notesFor(s, trace));
}

// A new view: new data drops the chosen point; weights changed elsewhere (training, an edit) trace it again.
function viewChanged(w: Walk, v: View): void {
  w.view = v;
  if (!w.opened) return;
  if (v.snapshot.dataVersion !== w.dataVersion && !w.busy) {
    const first = w.dataVersion === -1;
    w.dataVersion = v.snapshot.dataVersion;
    if (!first && w.point) {
      w.point = null;
      w.trace = null;
      w.update = null;
      w.host.mark(null);
      render(w);
      return;
    }
  }
  if (w.point && w.trace && !w.busy && !w.update && !sameLayers(v.snapshot.layers, w.traceLayers)) void refresh(w);
}

// The panel's keys: → and ← walk, Escape closes (not while typing in a field).
function listenToKeys(w: Walk, close: () => void): void {
  w.panel.element.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      go(w, 1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      go(w, -1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
}

export function createStepThrough(host: StepHost): StepThrough {
  const panel = buildStepPanel();
  const { element, back, next, apply } = panel;
  const w: Walk = { host, panel, opened: false, view: null, point: null, trace: null, traceLayers: [], step: 0, update: null, busy: false, dataVersion: -1 };
  let toggled: (open: boolean) => void = () => undefined;

  panel.random.addEventListener('click', () => chooseRandom(w));
  back.addEventListener('click', () => isEnabled(back) && go(w, -1));
  next.addEventListener('click', () => isEnabled(next) && go(w, 1));
  apply.addEventListener('click', () => isEnabled(apply) && void applyUpdate(w));
  panel.close.addEventListener('click', () => api.close());
  listenToKeys(w, () => api.close());

  const api: StepThrough = {
    element,
    update: (v) => viewChanged(w, v),
    open(takeFocus = true) {
      if (w.opened) return;
      w.opened = true;
      w.dataVersion = w.view?.snapshot.dataVersion ?? -1;
      host.pause();
      show(element, true);
      host.pick((i) => void choose(w, i));
      render(w);
      toggled(true);
      if (!takeFocus) return;
      element.focus({ preventScroll: true });
      scrollIntoReach(element);
    },
    close() {
      if (!w.opened) return;
      w.opened = false;
      show(element, false);
      host.pick(null);
      host.mark(null);
      host.annotate(null);
      w.point = null;
      w.trace = null;
      w.update = null;
      toggled(false);
    },
    isOpen: () => w.opened,
    choose: (index) => choose(w, index),
    onToggle(fn) {
      toggled = fn;
    },
  };
  return api;
}
