// The output: decision regions (or the hovered neuron's map) with the data on
// top, axes, a colour legend and the diverged state. Points are edited here:
// click adds, drag moves, right-click or long-press deletes.
import { classColors, diverging, makeScale, signedOutput, toCss, type Palette, type RGB, type Scale } from '../render/colors';
import { paintClasses, paintSigned } from '../render/heatmap';
import { hitTest, tickStep, ticks, toData, toPixel, type Plane } from '../render/plane';
import { classCount } from '../settings/config';
import { createControl } from './controls';
import { h, show, formatValue } from './dom';
import { createLossCurve } from './loss-curve';
import { createPace, TEXT_HZ } from './pace';
import type { Actions, Component, View } from './view';

const MARGIN = { left: 26, bottom: 20, top: 6, right: 6 };
const LONG_PRESS_MS = 550;
const DRAG_SLOP = 5;
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

export interface OutputView extends Component {
  canvas: HTMLCanvasElement;
  lastImage(): ImageData | null;
  // While set, a click picks the training point under it instead of adding one.
  pick(handler: ((index: number) => void) | null): void;
  // A point drawn with a ring (the step-through's sample).
  mark(point: { x: number; y: number } | null): void;
  // Where the pointer is on the plane (the data point under it, if any), null when it leaves.
  onHover(fn: (point: { x: number; y: number } | null) => void): void;
}

export function createOutputView(actions: Actions): OutputView {
  const canvas = h('canvas', {
    class: 'nnp-output-canvas',
    'data-testid': 'output-canvas',
    role: 'img',
    'aria-label': 'Decision regions of the network with the data points',
    title: 'Click to add a point of the selected class · drag a point to move it · right-click or long-press a point to delete it',
  });
  const heat = document.createElement('canvas'); // n x n pixels, scaled when drawn
  // Axes and points at the canvas's size, redrawn only when they change: a
  // frame while training draws the map and this layer over it.
  const layer = document.createElement('canvas');
  let layerOf: { points: View['points']; settings: View['settings']; width: number; height: number; lo: number; hi: number } | null = null;
  let cssWidth = -1; // the canvas's CSS width, from the resize observer (no layout read in a frame)
  const caption = h('div', { class: 'nnp-output-caption', 'aria-live': 'polite' });
  const divergedText = h('p', { class: 'nnp-diverged-message' });
  const resetButton = h('button', { type: 'button', class: 'nnp-button nnp-primary', text: 'Reset the network', title: 'Start again from the initial weights' });
  resetButton.addEventListener('click', () => actions.reset());
  const diverged = h('div', { class: 'nnp-diverged', role: 'alert', 'data-testid': 'diverged' }, [
    h('strong', { text: 'Training diverged' }),
    divergedText,
    h('p', { text: 'The weights grew without bound. Lower the learning rate, then reset.' }),
    resetButton,
  ]);
  const legend = h('div', { class: 'nnp-legend' });
  const stats = h('div', { class: 'nnp-stats' });
  const plot = h('div', { class: 'nnp-plot' }, [canvas, diverged, caption]);
  const viewControls = h('div', { class: 'nnp-row nnp-wrap' });
  const controls = (['showTestData', 'discretize', 'palette'] as const).map((id) => createControl(id, actions.set));
  controls.forEach((c) => viewControls.append(c.element));
  const curve = createLossCurve(); // above the map, as TensorFlow Playground's
  const element = h('section', { class: 'nnp-panel nnp-output', 'aria-label': 'Output' }, [h('h2', { text: 'Output' }), stats, curve.element, plot, legend, viewControls]);

  let current: View | null = null;
  let scale: Scale = makeScale('default');
  let image: ImageData | null = null;
  let drag: { index: number; x: number; y: number; moved: boolean; startX: number; startY: number; pointer: number } | null = null;
  let pressTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingAdd: { px: number; py: number; pointer: number } | null = null;
  let picker: ((index: number) => void) | null = null;
  let marked: { x: number; y: number } | null = null;

  const width = () => (cssWidth < 0 ? (cssWidth = canvas.clientWidth) : cssWidth);
  // Pointer events read the canvas's size now (a layout read outside a frame is
  // fine, and the observer's value may lag a layout change); drawing passes the kept one.
  const plane = (cssW = canvas.clientWidth): Plane => {
    const size = cssW - MARGIN.left - MARGIN.right;
    const g = current?.snapshot.grid;
    return { lo: g?.lo ?? -6, hi: g?.hi ?? 6, size: Math.max(1, size) };
  };
  const local = (e: PointerEvent | MouseEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left - MARGIN.left, e.clientY - r.top - MARGIN.top];
  };
  const clearPress = () => {
    if (pressTimer !== null) clearTimeout(pressTimer);
    pressTimer = null;
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (!current || e.button !== 0) return;
    const [px, py] = local(e);
    const p = current.points;
    if (picker) {
      // the nearest training point within reach
      const pl = plane();
      let best = -1;
      let bestD = e.pointerType === 'touch' ? 18 : 12;
      for (let i = 0; i < p.x.length; i++) {
        if (p.test[i] === 1) continue;
        const [qx, qy] = toPixel(pl, p.x[i]!, p.y[i]!);
        const d = Math.hypot(qx - px, qy - py);
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
      if (best >= 0) picker(best);
      e.preventDefault();
      return;
    }
    const i = hitTest(plane(), p.x, p.y, px, py, e.pointerType === 'touch' ? 14 : 7);
    canvas.setPointerCapture(e.pointerId);
    if (i >= 0) {
      drag = { index: i, x: p.x[i]!, y: p.y[i]!, moved: false, startX: px, startY: py, pointer: e.pointerId };
      clearPress();
      pressTimer = setTimeout(() => {
        if (drag && !drag.moved) {
          actions.removePoint(drag.index);
          drag = null;
        }
      }, LONG_PRESS_MS);
    } else pendingAdd = { px, py, pointer: e.pointerId };
    e.preventDefault();
  });
  let hover: ((point: { x: number; y: number } | null) => void) | null = null;
  canvas.addEventListener('pointerleave', () => hover?.(null));
  canvas.addEventListener('pointermove', (e) => {
    const [px, py] = local(e);
    if (hover && current && !drag) {
      const pl = plane();
      const p = current.points;
      const i = hitTest(pl, p.x, p.y, px, py, 7);
      const [x, y] = i >= 0 ? [p.x[i]!, p.y[i]!] : toData(pl, px, py);
      hover(px < 0 || py < 0 || px > pl.size || py > pl.size ? null : { x, y });
    }
    if (pendingAdd && Math.hypot(px - pendingAdd.px, py - pendingAdd.py) > DRAG_SLOP) pendingAdd = null;
    if (!drag || drag.pointer !== e.pointerId) return;
    if (!drag.moved && Math.hypot(px - drag.startX, py - drag.startY) > DRAG_SLOP) {
      drag.moved = true;
      clearPress();
    }
    if (drag.moved) {
      const pl = plane();
      const [x, y] = toData(pl, Math.max(0, Math.min(pl.size, px)), Math.max(0, Math.min(pl.size, py)));
      drag.x = x;
      drag.y = y;
      redrawLayer();
    }
  });
  const finish = (e: PointerEvent) => {
    clearPress();
    if (drag && drag.pointer === e.pointerId) {
      if (drag.moved) actions.movePoint(drag.index, drag.x, drag.y);
      drag = null;
    } else if (pendingAdd && pendingAdd.pointer === e.pointerId && current) {
      const pl = plane();
      const [px, py] = local(e);
      if (px >= 0 && py >= 0 && px <= pl.size && py <= pl.size) {
        const [x, y] = toData(pl, px, py);
        actions.addPoint(x, y, current.addLabel);
      }
    }
    pendingAdd = null;
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', () => {
    clearPress();
    drag = null;
    pendingAdd = null;
    redrawLayer();
  });
  canvas.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    if (!current || picker) return;
    const [px, py] = local(e);
    const i = hitTest(plane(), current.points.x, current.points.y, px, py, 8);
    if (i >= 0) actions.removePoint(i);
  });

  function paint(view: View): void {
    const g = view.snapshot.grid;
    const palette: Palette = view.settings.palette;
    if (scale.palette !== palette) scale = makeScale(palette);
    const n = g.outN;
    if (heat.width !== n) {
      heat.width = n;
      heat.height = n;
    }
    const ctx = heat.getContext('2d');
    if (!ctx) return;
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
    image = img;
  }

  // The points or the mark moved: the layer is drawn again.
  function redrawLayer(): void {
    layerOf = null;
    draw();
  }

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

  // Before the engine's first answer: the empty plane and its axes.
  let previewing = false;
  function drawEmpty(): void {
    const c = sized();
    if (!c) return;
    c.ctx.setTransform(c.dpr, 0, 0, c.dpr, 0, 0);
    c.ctx.clearRect(0, 0, c.cssW, c.cssH);
    drawAxes(c.ctx, plane(c.cssW));
  }

  function draw(): void {
    const view = current;
    if (!view) return void (previewing && drawEmpty());
    const c = sized();
    if (!c) return;
    const { ctx, cssW, cssH, dpr } = c;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    const pl = plane(cssW);
    ctx.imageSmoothingEnabled = !view.settings.discretize;
    ctx.drawImage(heat, MARGIN.left, MARGIN.top, pl.size, pl.size);
    const l = layerOf;
    if (!l || l.points !== view.points || l.settings !== view.settings || l.width !== canvas.width || l.height !== canvas.height || l.lo !== pl.lo || l.hi !== pl.hi) {
      layer.width = canvas.width;
      layer.height = canvas.height;
      const lctx = layer.getContext('2d');
      if (!lctx) return;
      lctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawLayer(lctx, view, pl);
      layerOf = { points: view.points, settings: view.settings, width: canvas.width, height: canvas.height, lo: pl.lo, hi: pl.hi };
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(layer, 0, 0);
  }

  // The axes and the points (and the step-through's marked sample).
  function drawLayer(ctx: CanvasRenderingContext2D, view: View, pl: Plane): void {
    drawAxes(ctx, pl);
    drawPoints(ctx, view, pl);
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
  function drawPoints(ctx: CanvasRenderingContext2D, view: View, pl: Plane): void {
    const p = view.points;
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top, pl.size, pl.size);
    ctx.clip();
    const r = p.x.length <= 16 ? 6 : pl.size > 250 ? 3.6 : 3; // a small table's few points drawn larger
    for (let i = 0; i < p.x.length; i++) {
      const test = p.test[i] === 1;
      if (test && !view.settings.showTestData) continue;
      const moving = drag?.moved && drag.index === i;
      const [px, py] = toPixel(pl, moving ? drag!.x : p.x[i]!, moving ? drag!.y : p.y[i]!);
      ctx.beginPath();
      ctx.arc(MARGIN.left + px, MARGIN.top + py, moving ? r + 2 : r, 0, Math.PI * 2);
      ctx.fillStyle = toCss(pointColor(view, p.label[i]!));
      ctx.fill();
      ctx.lineWidth = test ? 1.4 : 1;
      ctx.strokeStyle = test ? '#1b1f24' : '#ffffff';
      ctx.stroke();
    }
    if (marked) {
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
    ctx.restore();
  }

  function drawLegend(view: View): void {
    const k = classCount(view.settings, view.catalog);
    const palette = view.settings.palette;
    if (k > 2) {
      legend.replaceChildren(
        ...classColors(palette, k).map((c, i) =>
          h('span', { class: 'nnp-swatch' }, [h('i', { style: `background:${toCss(c)}` }), `Class ${i}`]),
        ),
        h('span', { class: 'nnp-muted', text: 'Paler: less sure' }),
      );
      return;
    }
    const stops = Array.from({ length: 11 }, (_, i) => `${toCss(diverging(palette, i / 5 - 1))} ${i * 10}%`).join(', ');
    const [lo, hi] = k === 2 ? ['Class 0', 'Class 1'] : ['−1', '+1'];
    legend.replaceChildren(h('span', { text: lo }), h('i', { class: 'nnp-scale', style: `background:linear-gradient(to right, ${stops})` }), h('span', { text: hi }));
  }

  // Loss and accuracy read-outs, built once and updated in place.
  const STATS = [
    { label: 'Test loss', id: 'test-loss', key: 'testLoss', percent: false },
    { label: 'Training loss', id: 'train-loss', key: 'trainLoss', percent: false },
    { label: 'Test accuracy', id: 'test-accuracy', key: 'testAccuracy', percent: true },
    { label: 'Train accuracy', id: 'train-accuracy', key: 'trainAccuracy', percent: true },
  ] as const;
  const statEls = STATS.map((st) => {
    const value = h('span', { class: 'nnp-stat-value', 'data-testid': st.id });
    const row = h('div', { class: 'nnp-stat' }, [h('span', { class: 'nnp-stat-label', text: st.label }), value]);
    stats.append(row);
    return { row, value };
  });
  const statsPace = createPace(TEXT_HZ);
  function drawStats(view: View): void {
    const classification = classCount(view.settings, view.catalog) > 0;
    STATS.forEach((st, i) => {
      const v = view.snapshot.stats[st.key];
      const { row, value } = statEls[i]!;
      show(row, !st.percent || classification);
      const text = st.percent ? (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–') : formatValue(v);
      if (value.textContent !== text) value.textContent = text;
      value.dataset['value'] = String(v);
    });
  }

  const resize = new ResizeObserver(() => {
    cssWidth = canvas.clientWidth;
    draw();
  });
  resize.observe(canvas);

  return {
    element,
    canvas,
    lastImage: () => image,
    pick(handler) {
      picker = handler;
      canvas.classList.toggle('nnp-picking', handler !== null);
      canvas.title = handler
        ? 'Click a training point to step it through the network'
        : 'Click to add a point of the selected class · drag a point to move it · right-click or long-press a point to delete it';
    },
    mark(point) {
      marked = point;
      redrawLayer();
    },
    onHover(fn) {
      hover = fn;
    },
    preview(s) {
      if (current) return;
      previewing = true;
      controls.forEach((c) => c.update(s));
      drawEmpty();
    },
    update(view) {
      const prev = current;
      current = view;
      controls.forEach((c) => c.update(view.settings));
      paint(view);
      draw();
      if (!prev || prev.settings.palette !== view.settings.palette || classCount(prev.settings, prev.catalog) !== classCount(view.settings, view.catalog)) drawLegend(view);
      if (statsPace.due(view.running)) drawStats(view);
      curve.update(view);
      show(diverged, view.snapshot.status === 'diverged');
      if (divergedText.textContent !== view.snapshot.statusMessage) divergedText.textContent = view.snapshot.statusMessage;
      const said = view.focusLabel ? `Showing ${view.focusLabel}` : '';
      if (caption.textContent !== said) caption.textContent = said;
      show(caption, view.focusLabel !== null);
    },
    destroy() {
      resize.disconnect();
      curve.destroy();
      clearPress();
    },
  };
}
