// The output plane's pointer: a click adds a point of the selected class, a
// drag moves a point, a right-click or a long press deletes one; while the
// step-through picks, a click chooses the training point under it. Hovering
// reports where the pointer is. Changes go out through Actions.
import { hitTest, toData, toPixel, type Plane } from '../render/plane';
import { MARGIN, planeOf, type MovingPoint, type PlanePoint } from './output-plane';
import type { Actions, View } from './view';

const LONG_PRESS_MS = 550;
const DRAG_SLOP = 5;

export interface PlanePointer {
  moving(): MovingPoint | null; // the point being dragged, once it has moved
  pick(handler: ((index: number) => void) | null): void;
  onHover(fn: (point: PlanePoint | null) => void): void;
  destroy(): void;
}

interface Drag {
  index: number;
  x: number;
  y: number;
  moved: boolean;
  startX: number;
  startY: number;
  pointer: number;
}

// The nearest training point within reach of (px, py), or −1.
function nearestTraining(pl: Plane, p: View['points'], px: number, py: number, reach: number): number {
  let best = -1;
  let bestD = reach;
  for (let i = 0; i < p.x.length; i++) {
    if (p.test[i] === 1) continue;
    const [qx, qy] = toPixel(pl, p.x[i]!, p.y[i]!);
    const d = Math.hypot(qx - px, qy - py);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

// What the handlers share: the canvas, where changes go, and the gesture under way.
interface Gesture {
  canvas: HTMLCanvasElement;
  actions: Actions;
  current: () => View | null;
  redrawLayer: () => void; // draws the points again (a dragged point moved, or a drag ended)
  drag: Drag | null;
  pressTimer: ReturnType<typeof setTimeout> | null;
  pendingAdd: { px: number; py: number; pointer: number } | null; // a press that adds a point if it does not wander
  picker: ((index: number) => void) | null;
  hover: ((point: PlanePoint | null) => void) | null;
}

export function createPlanePointer(canvas: HTMLCanvasElement, actions: Actions, current: () => View | null, redrawLayer: () => void): PlanePointer {
  const g: Gesture = { canvas, actions, current, redrawLayer, drag: null, pressTimer: null, pendingAdd: null, picker: null, hover: null };
  canvas.addEventListener('pointerdown', (e) => press(g, e));
  canvas.addEventListener('pointerleave', () => g.hover?.(null));
  canvas.addEventListener('pointermove', (e) => move(g, e));
  canvas.addEventListener('pointerup', (e) => release(g, e));
  canvas.addEventListener('pointercancel', () => {
    clearPress(g);
    g.drag = null;
    g.pendingAdd = null;
    redrawLayer();
  });
  canvas.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    const view = current();
    if (!view || g.picker) return;
    const [px, py] = local(g, e);
    const i = hitTest(plane(g), view.points.x, view.points.y, px, py, 8);
    if (i >= 0) actions.removePoint(i);
  });
  return {
    moving: () => (g.drag?.moved ? g.drag : null),
    pick(handler) {
      g.picker = handler;
    },
    onHover(fn) {
      g.hover = fn;
    },
    destroy: () => clearPress(g),
  };
}

// Pointer events read the canvas's size now (a layout read outside a frame is
// fine, and the observer's value may lag a layout change); drawing passes the kept one.
const plane = (g: Gesture): Plane => planeOf(g.current(), g.canvas.clientWidth);

// The pointer in plane pixels (from the plane's top left corner).
function local(g: Gesture, e: PointerEvent | MouseEvent): [number, number] {
  const r = g.canvas.getBoundingClientRect();
  return [e.clientX - r.left - MARGIN.left, e.clientY - r.top - MARGIN.top];
}

function clearPress(g: Gesture): void {
  if (g.pressTimer !== null) clearTimeout(g.pressTimer);
  g.pressTimer = null;
}

// A press picks a point, starts a drag (a long press deletes), or may add a point on release.
function press(g: Gesture, e: PointerEvent): void {
  const view = g.current();
  if (!view || e.button !== 0) return;
  const [px, py] = local(g, e);
  const p = view.points;
  if (g.picker) {
    const best = nearestTraining(plane(g), p, px, py, e.pointerType === 'touch' ? 18 : 12);
    if (best >= 0) g.picker(best);
    e.preventDefault();
    return;
  }
  const i = hitTest(plane(g), p.x, p.y, px, py, e.pointerType === 'touch' ? 14 : 7);
  g.canvas.setPointerCapture(e.pointerId);
  if (i >= 0) {
    g.drag = { index: i, x: p.x[i]!, y: p.y[i]!, moved: false, startX: px, startY: py, pointer: e.pointerId };
    clearPress(g);
    g.pressTimer = setTimeout(() => {
      if (g.drag && !g.drag.moved) {
        g.actions.removePoint(g.drag.index);
        g.drag = null;
      }
    }, LONG_PRESS_MS);
  } else g.pendingAdd = { px, py, pointer: e.pointerId };
  e.preventDefault();
}

function move(g: Gesture, e: PointerEvent): void {
  const [px, py] = local(g, e);
  const view = g.current();
  if (g.hover && view && !g.drag) {
    const pl = plane(g);
    const p = view.points;
    const i = hitTest(pl, p.x, p.y, px, py, 7);
    const [x, y] = i >= 0 ? [p.x[i]!, p.y[i]!] : toData(pl, px, py);
    g.hover(px < 0 || py < 0 || px > pl.size || py > pl.size ? null : { x, y });
  }
  if (g.pendingAdd && Math.hypot(px - g.pendingAdd.px, py - g.pendingAdd.py) > DRAG_SLOP) g.pendingAdd = null;
  const drag = g.drag;
  if (!drag || drag.pointer !== e.pointerId) return;
  if (!drag.moved && Math.hypot(px - drag.startX, py - drag.startY) > DRAG_SLOP) {
    drag.moved = true;
    clearPress(g);
  }
  if (drag.moved) {
    const pl = plane(g);
    const [x, y] = toData(pl, Math.max(0, Math.min(pl.size, px)), Math.max(0, Math.min(pl.size, py)));
    drag.x = x;
    drag.y = y;
    g.redrawLayer();
  }
}

// A drag ends in a move; a press that stayed put on the plane adds a point.
function release(g: Gesture, e: PointerEvent): void {
  clearPress(g);
  const view = g.current();
  if (g.drag && g.drag.pointer === e.pointerId) {
    if (g.drag.moved) g.actions.movePoint(g.drag.index, g.drag.x, g.drag.y);
    g.drag = null;
  } else if (g.pendingAdd && g.pendingAdd.pointer === e.pointerId && view) {
    const pl = plane(g);
    const [px, py] = local(g, e);
    if (px >= 0 && py >= 0 && px <= pl.size && py <= pl.size) {
      const [x, y] = toData(pl, px, py);
      g.actions.addPoint(x, y, view.addLabel);
    }
  }
  g.pendingAdd = null;
}
