// The output plane from the keyboard alone: the plot takes the focus, the
// arrows move a cursor (Shift: big steps), Enter adds a point of the class
// chosen under "Click adds", Delete or Backspace removes the nearest point,
// Space (or M) picks the nearest point up, the arrows carry it, Space or Enter
// drops it and Escape puts it back. While the step-through picks, Enter
// chooses the training point nearest the cursor. Edits go through the same
// Actions as the pointer's (so the same limits and refusal messages), and each
// is said in the plane's own polite live region once the engine has taken it.
import { tickStep, toPixel } from '../render/plane';
import { classCount } from '../shared/task';
import { h } from './dom';
import { MARGIN, planeOf, type MovingPoint } from './output-plane';
import type { Actions, View } from './view';

const SMALL_STEPS = 8; // a small step is this fraction of a tick; Shift moves a whole tick

export interface PlaneKeyboard {
  moving(): MovingPoint | null; // the point being carried, drawn where the cursor has it
  pick(handler: ((index: number) => void) | null): void;
  update(view: View): void;
  destroy(): void;
}

// An edit sent to the engine, said once the points come back with `count` points.
interface Pending {
  count: number;
  text: string;
}

interface Keys {
  box: HTMLElement;
  canvas: HTMLCanvasElement;
  cursorEl: HTMLElement;
  live: HTMLElement;
  actions: Actions;
  current: () => View | null;
  redrawLayer: () => void;
  x: number;
  y: number;
  carry: MovingPoint | null;
  pending: Pending | null;
  picker: ((index: number) => void) | null;
  points: View['points'] | null; // the points the last update had
}

const uid = () => Math.random().toString(36).slice(2, 9);

export function createPlaneKeyboard(
  box: HTMLElement,
  canvas: HTMLCanvasElement,
  actions: Actions,
  current: () => View | null,
  redrawLayer: () => void,
): PlaneKeyboard {
  const help = h('p', {
    class: 'nnp-visually-hidden',
    id: `nnp-plane-keys-${uid()}`,
    text: 'Arrow keys move the cursor, Shift for big steps. Enter adds a point of the chosen class. Delete removes the nearest point. Space picks up the nearest point; arrows move it; Space drops it; Escape puts it back.',
  });
  const live = h('div', { class: 'nnp-visually-hidden', 'aria-live': 'polite', 'data-testid': 'plane-said' });
  const cursorEl = h('div', { class: 'nnp-plane-cursor', 'aria-hidden': 'true' });
  if (!canvas.id) canvas.id = `nnp-plane-map-${uid()}`;
  box.append(cursorEl, help, live);
  box.tabIndex = 0;
  box.setAttribute('role', 'application');
  box.setAttribute('aria-roledescription', 'data plane');
  box.setAttribute('aria-label', 'Data points: add, move and delete them from the keyboard');
  box.setAttribute('aria-describedby', `${canvas.id} ${help.id}`);
  const k: Keys = { box, canvas, cursorEl, live, actions, current, redrawLayer, x: 0, y: 0, carry: null, pending: null, picker: null, points: null };
  box.addEventListener('keydown', (e) => {
    if (e.target !== box || e.altKey || e.ctrlKey || e.metaKey) return;
    if (onKey(k, e.key, e.shiftKey)) e.preventDefault();
  });
  box.addEventListener('focus', () => placeCursor(k));
  const resize = new ResizeObserver(() => placeCursor(k)); // the cursor stays on its data point when the plane is resized
  resize.observe(canvas);
  box.addEventListener('blur', () => k.carry && cancel(k));
  return {
    moving: () => k.carry,
    pick(handler) {
      k.picker = handler;
    },
    update(view) {
      if (view.points === k.points) return;
      k.points = view.points;
      const p = k.pending;
      k.pending = null;
      if (p && p.count === view.points.x.length) say(k, `${p.text}; ${plural(p.count)}`);
      if (k.carry && k.carry.index >= view.points.x.length) k.carry = null; // the data changed under it
    },
    destroy: () => resize.disconnect(),
  };
}

// One key; true when it was the plane's.
function onKey(k: Keys, key: string, shift: boolean): boolean {
  const view = k.current();
  if (!view) return false;
  const arrow = ARROWS.get(key);
  if (arrow) moveCursor(k, view, arrow[0], arrow[1], shift);
  else if (k.carry) {
    if (key === ' ' || key === 'Enter') drop(k, view);
    else if (key === 'Escape') cancel(k);
    else return false;
  } else if (key === 'Enter') {
    if (k.picker) pickNearest(k, view);
    else add(k, view);
  } else if (key === 'Delete' || key === 'Backspace') remove(k, view);
  else if (key === ' ' || key === 'm' || key === 'M') pickUp(k, view);
  else return false;
  return true;
}

// A Map: looked up by the key the student pressed.
const ARROWS: ReadonlyMap<string, [number, number]> = new Map([
  ['ArrowLeft', [-1, 0]],
  ['ArrowRight', [1, 0]],
  ['ArrowUp', [0, 1]],
  ['ArrowDown', [0, -1]],
]);

function moveCursor(k: Keys, view: View, dx: number, dy: number, big: boolean): void {
  const { lo, hi } = planeOf(view, 1);
  const step = tickStep(lo, hi) / (big ? 1 : SMALL_STEPS);
  k.x = clamp(snap(k.x + dx * step), lo, hi);
  k.y = clamp(snap(k.y + dy * step), lo, hi);
  placeCursor(k);
  if (k.carry) {
    k.carry.x = k.x;
    k.carry.y = k.y;
    k.redrawLayer();
    say(k, `Carrying the point ${at(k.x, k.y)}`);
  } else say(k, `Cursor ${at(k.x, k.y)}${near(k, view)}`);
}

function add(k: Keys, view: View): void {
  const n = view.points.x.length;
  k.pending = { count: n + 1, text: `Added ${labelName(view, view.addLabel)} point ${at(k.x, k.y)}` };
  k.actions.addPoint(k.x, k.y, view.addLabel);
}

function remove(k: Keys, view: View): void {
  const i = nearest(view, k.x, k.y, false);
  if (i < 0) return say(k, `No point within ${reach(view)} of the cursor`);
  const p = view.points;
  k.pending = { count: p.x.length - 1, text: `Removed ${labelName(view, p.label[i]!)} point ${at(p.x[i]!, p.y[i]!)}` };
  k.actions.removePoint(i);
}

function pickUp(k: Keys, view: View): void {
  const i = nearest(view, k.x, k.y, false);
  if (i < 0) return say(k, `No point within ${reach(view)} of the cursor`);
  const p = view.points;
  k.x = p.x[i]!;
  k.y = p.y[i]!;
  k.carry = { index: i, x: k.x, y: k.y };
  placeCursor(k);
  k.redrawLayer();
  say(k, `Picked up ${labelName(view, p.label[i]!)} point ${at(k.x, k.y)}. Arrows move it, Space drops it, Escape puts it back`);
}

function drop(k: Keys, view: View): void {
  const c = k.carry;
  if (!c) return;
  k.carry = null;
  k.pending = { count: view.points.x.length, text: `Moved ${labelName(view, view.points.label[c.index]!)} point to ${xy(c.x, c.y)}` };
  k.actions.movePoint(c.index, c.x, c.y);
}

function cancel(k: Keys): void {
  const c = k.carry;
  const view = k.current();
  k.carry = null;
  k.redrawLayer();
  if (c && view) say(k, `Put the point back ${at(view.points.x[c.index]!, view.points.y[c.index]!)}`);
}

// The step-through's sample: the training point nearest the cursor.
function pickNearest(k: Keys, view: View): void {
  const i = nearest(view, k.x, k.y, true);
  if (i < 0) return say(k, `No training point within ${reach(view)} of the cursor`);
  k.picker?.(i);
}

// The nearest shown point (training only when `training`) within reach of (x, y), or −1.
function nearest(view: View, x: number, y: number, training: boolean): number {
  const p = view.points;
  let best = -1;
  let bestD = reach(view);
  for (let i = 0; i < p.x.length; i++) {
    if (p.test[i] === 1 && (training || !view.settings.showTestData)) continue;
    const d = Math.hypot(p.x[i]! - x, p.y[i]! - y);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

// How far from the cursor a point is still "the nearest": one big step.
const reach = (view: View): number => {
  const { lo, hi } = planeOf(view, 1);
  return tickStep(lo, hi);
};

// " — near a class 1 point at (…)" when a point is within a small step.
function near(k: Keys, view: View): string {
  const i = nearest(view, k.x, k.y, false);
  const p = view.points;
  if (i < 0 || Math.hypot(p.x[i]! - k.x, p.y[i]! - k.y) > reach(view) / SMALL_STEPS) return '';
  return `, on ${labelName(view, p.label[i]!)} point`;
}

// The cursor drawn over the canvas at (k.x, k.y).
function placeCursor(k: Keys): void {
  const pl = planeOf(k.current(), k.canvas.clientWidth);
  const [px, py] = toPixel(pl, k.x, k.y);
  k.cursorEl.style.transform = `translate(${MARGIN.left + px}px, ${MARGIN.top + py}px)`;
}

function say(k: Keys, text: string): void {
  // The same words twice would not be read again: a no-break space makes them new.
  k.live.textContent = k.live.textContent === text ? `${text}\u00a0` : text;
}

function labelName(view: View, label: number): string {
  return classCount(view.settings, view.catalog) === 0 ? `a value ${num(label)}` : `a class ${label}`;
}

const plural = (n: number): string => `${n} point${n === 1 ? '' : 's'}`;
const xy = (x: number, y: number): string => `(${num(x)}, ${num(y)})`;
const at = (x: number, y: number): string => `at ${xy(x, y)}`;
const num = (v: number): string => String(round(v)).replace('-', '−');
const round = (v: number): number => Math.round(v * 100) / 100 + 0; // + 0: no −0
const snap = (v: number): number => Math.round(v * 1e6) / 1e6 + 0; // steps of 1/16 stay exact; no drift from adding
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
