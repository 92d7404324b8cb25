// Paints the output's plane: the decision regions (or the hovered neuron's
// map) from the engine's grid, the axes, and the data points over them. The
// map is painted once per snapshot into a small canvas and scaled; axes and
// points go on a layer at the canvas's size, redrawn only when they change.
import { classColors, diverging, makeScale, signedOutput, toCss, type Palette, type RGB, type Scale } from '../render/colors';
import { paintClasses, paintSigned } from '../render/heatmap';
import { tickStep, ticks, toPixel, type Plane } from '../render/plane';
import { classCount } from '../shared/task';
import type { View } from './view';

export const MARGIN = { left: 26, bottom: 20, top: 6, right: 6 };
const BACKGROUND = 0.78; // the map is a little paler than the points on it

export function outputUnit(view: View): string {
  return view.catalog.outputs.find((o) => o.id === view.snapshot.config.output)?.unit ?? 'tanh';
}

export function pointColor(view: View, label: number): RGB {
  const palette = view.settings.palette;
  const k = classCount(view.settings, view.catalog);
  if (k === 0) return diverging(palette, label);
  return classColors(palette, k)[Math.round(label)] ?? [0, 0, 0];
}

// The plane inside the margins of a canvas cssW wide, over the view's grid (−6…6 before any).
export function planeOf(view: View | null, cssW: number): Plane {
  const size = cssW - MARGIN.left - MARGIN.right;
  const g = view?.snapshot.grid;
  return { lo: g?.lo ?? -6, hi: g?.hi ?? 6, size: Math.max(1, size) };
}

export interface PlanePoint {
  x: number;
  y: number;
}

// A point being dragged (index into the points), drawn where the pointer has it.
export interface MovingPoint extends PlanePoint {
  index: number;
}

// What the painter reads from its owner when it draws.
export interface PlaneSource {
  view(): View | null;
  moving(): MovingPoint | null;
  marked(): PlanePoint | null; // the step-through's sample, drawn with a ring
}

export interface PlanePainter {
  paintMap(view: View): void; // a new snapshot: paint its map
  draw(): void;
  redrawLayer(): void; // the points or the mark moved
  drawEmpty(): void; // before the engine's first answer: the plane's axes only
  resized(cssWidth: number): void;
  lastImage(): ImageData | null;
}

export function createPlanePainter(canvas: HTMLCanvasElement, source: PlaneSource): PlanePainter {
  const heat = document.createElement('canvas'); // n x n pixels, scaled when drawn
  // Axes and points at the canvas's size, redrawn only when they change: a
  // frame while training draws the map and this layer over it.
  const layer = document.createElement('canvas');
  let layerOf: { points: View['points']; settings: View['settings']; width: number; height: number; lo: number; hi: number } | null = null;
  let cssWidth = -1; // the canvas's CSS width, from the resize observer (no layout read in a frame)
  let scale: Scale = makeScale('default');
  let image: ImageData | null = null;
  let previewing = false;
  const width = () => (cssWidth < 0 ? (cssWidth = canvas.clientWidth) : cssWidth);

  // The canvas at its CSS size (device pixels), cleared; null when not laid out.
  function sized(): { ctx: CanvasRenderingContext2D; cssW: number; cssH: number; dpr: number } | null {
    const dpr = window.devicePixelRatio || 1;
    const cssW = width();
    if (cssW === 0) return null;
    const cssH = cssW - MARGIN.left - MARGIN.right + MARGIN.top + MARGIN.bottom;
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
      canvas.style.height = `${cssH}px`;
    }
    const ctx = canvas.getContext('2d');
    return ctx && { ctx, cssW, cssH, dpr };
  }

  function drawEmpty(): void {
    const c = sized();
    if (!c) return;
    c.ctx.setTransform(c.dpr, 0, 0, c.dpr, 0, 0);
    c.ctx.clearRect(0, 0, c.cssW, c.cssH);
    drawAxes(c.ctx, planeOf(source.view(), c.cssW));
  }

  function draw(): void {
    const view = source.view();
    if (!view) return void (previewing && drawEmpty());
    const c = sized();
    if (!c) return;
    const { ctx, cssW, cssH, dpr } = c;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    const pl = planeOf(view, cssW);
    ctx.imageSmoothingEnabled = !view.settings.discretize;
    ctx.drawImage(heat, MARGIN.left, MARGIN.top, pl.size, pl.size);
    const l = layerOf;
    if (
      !l ||
      l.points !== view.points ||
      l.settings !== view.settings ||
      l.width !== canvas.width ||
      l.height !== canvas.height ||
      l.lo !== pl.lo ||
      l.hi !== pl.hi
    ) {
      layer.width = canvas.width;
      layer.height = canvas.height;
      const lctx = layer.getContext('2d');
      if (!lctx) return;
      lctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawAxes(lctx, pl);
      drawPoints(lctx, view, pl, source.moving(), source.marked());
      layerOf = { points: view.points, settings: view.settings, width: canvas.width, height: canvas.height, lo: pl.lo, hi: pl.hi };
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(layer, 0, 0);
  }

  return {
    paintMap(view) {
      if (scale.palette !== view.settings.palette) scale = makeScale(view.settings.palette);
      image = paintMap(heat, view, scale) ?? image;
    },
    draw,
    redrawLayer() {
      layerOf = null;
      draw();
    },
    drawEmpty() {
      previewing = true;
      drawEmpty();
    },
    resized(w) {
      cssWidth = w;
      draw();
    },
    lastImage: () => image,
  };
}

// The view's grid into `heat` (n x n): the focused neuron's map, the classes, or the signed output.
function paintMap(heat: HTMLCanvasElement, view: View, scale: Scale): ImageData | null {
  const g = view.snapshot.grid;
  const palette: Palette = view.settings.palette;
  const n = g.outN;
  if (heat.width !== n) {
    heat.width = n;
    heat.height = n;
  }
  const ctx = heat.getContext('2d');
  if (!ctx) return null;
  const img = ctx.createImageData(n, n);
  if (g.focus !== null && g.focusValues) {
    paintSigned(img, g.focusValues, 0, scale.lut, (v) => v, false);
  } else {
    const k = g.output.length / (n * n);
    if (k > 1) paintClasses(img, g.output, k, palette, view.settings.discretize, BACKGROUND);
    else {
      const unit = outputUnit(view);
      paintSigned(img, g.output, 0, scale.lut, (v) => BACKGROUND * signedOutput(unit, v), view.settings.discretize);
    }
  }
  ctx.putImageData(img, 0, 0);
  return img;
}

function drawAxes(ctx: CanvasRenderingContext2D, pl: Plane): void {
  ctx.strokeStyle = '#9aa3ad';
  ctx.fillStyle = '#5f6b76';
  ctx.font = '10px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left - 0.5, MARGIN.top - 0.5, pl.size + 1, pl.size + 1);
  for (const t of ticks(pl.lo, pl.hi, tickStep(pl.lo, pl.hi))) {
    const [tx, ty] = toPixel(pl, t, t);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(String(t), MARGIN.left + tx, MARGIN.top + pl.size + 5);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(t), MARGIN.left - 5, MARGIN.top + ty);
    ctx.beginPath();
    ctx.moveTo(MARGIN.left + tx, MARGIN.top + pl.size);
    ctx.lineTo(MARGIN.left + tx, MARGIN.top + pl.size + 3);
    ctx.moveTo(MARGIN.left - 3, MARGIN.top + ty);
    ctx.lineTo(MARGIN.left, MARGIN.top + ty);
    ctx.stroke();
  }
}

// points: training with a white ring, test with a dark one
function drawPoints(ctx: CanvasRenderingContext2D, view: View, pl: Plane, moving: MovingPoint | null, marked: PlanePoint | null): void {
  const p = view.points;
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, pl.size, pl.size);
  ctx.clip();
  const r = p.x.length <= 16 ? 6 : pl.size > 250 ? 3.6 : 3; // a small table's few points drawn larger
  for (let i = 0; i < p.x.length; i++) {
    const test = p.test[i] === 1;
    if (test && !view.settings.showTestData) continue;
    const dragged = moving?.index === i ? moving : null;
    const [px, py] = toPixel(pl, dragged ? dragged.x : p.x[i]!, dragged ? dragged.y : p.y[i]!);
    ctx.beginPath();
    ctx.arc(MARGIN.left + px, MARGIN.top + py, dragged ? r + 2 : r, 0, Math.PI * 2);
    ctx.fillStyle = toCss(pointColor(view, p.label[i]!));
    ctx.fill();
    ctx.lineWidth = test ? 1.4 : 1;
    ctx.strokeStyle = test ? '#1b1f24' : '#ffffff';
    ctx.stroke();
  }
  if (marked) drawMark(ctx, pl, marked, r);
  ctx.restore();
}

// The step-through's sample: a dark ring inside a white one.
function drawMark(ctx: CanvasRenderingContext2D, pl: Plane, marked: PlanePoint, r: number): void {
  const [mx, my] = toPixel(pl, marked.x, marked.y);
  ctx.beginPath();
  ctx.arc(MARGIN.left + mx, MARGIN.top + my, r + 5, 0, Math.PI * 2);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#15324d';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(MARGIN.left + mx, MARGIN.top + my, r + 7.5, 0, Math.PI * 2);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}
