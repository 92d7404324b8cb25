// Paints the network diagram from the engine's numbers: each neuron's small
// map, the links (colour and width by weight, the hovered one on top) and the
// biases' colours. Reads the snapshot; changes nothing else.
import { makeScale, type Scale } from '../render/colors';
import { paintSigned } from '../render/heatmap';
import type { LinkRef } from '../render/links';
import type { Snapshot } from '../worker/protocol';
import type { DiagramLayout } from './network-diagram';
import { createPace, LINK_HZ, THUMB_HZ } from './pace';
import type { View } from './view';

export interface PaintedNode {
  map: number | null; // index of the neuron's map in the grid, null for an unused feature
  box: { x: number; y: number; size: number } | null; // the node in the diagram (CSS px); null: not shown
  transform: (v: number) => number;
}

// Every neuron's small map, painted into a sheet (one map under the other)
// and drawn from there over the links, on the same canvas: the nodes are
// see-through where a map is. One canvas for the page to hand over in each
// commit instead of two (or one per neuron).
interface MapSheet {
  canvas: HTMLCanvasElement;
  image: ImageData | null;
  shown: PaintedNode[]; // the nodes whose maps the sheet holds, in its order
  step: number; // rows from one map to the next
  n: number; // pixels per side of a map
}

export function weightIn(snap: Snapshot | undefined, l: number, to: number, from: number): number {
  const layer = snap?.layers[l];
  return layer ? (layer.weights[to * layer.cols + from] ?? 0) : 0;
}

export function biasIn(snap: Snapshot | undefined, l: number, i: number): number {
  return snap?.layers[l]?.biases[i] ?? 0;
}

function strokeLinks(ctx: CanvasRenderingContext2D, links: LinkRef[], active: LinkRef | undefined, snap: Snapshot, scale: Scale): void {
  ctx.lineCap = 'round';
  const stroke = (ref: LinkRef) => {
    const w = weightIn(snap, ref.layer, ref.to, ref.from);
    // colour saturates at |w| = 1 (with a floor so small weights stay visible); width grows to |w| = 4
    ctx.strokeStyle = scale.cssOf(Math.sign(w) * Math.min(1, 0.25 + Math.abs(w)));
    ctx.lineWidth = 0.7 + 4.3 * Math.min(1, Math.abs(w) / 4);
    const mx = (ref.x0 + ref.x1) / 2;
    ctx.beginPath();
    ctx.moveTo(ref.x0, ref.y0);
    ctx.bezierCurveTo(mx, ref.y0, mx, ref.y1, ref.x1, ref.y1);
    ctx.stroke();
  };
  ctx.globalAlpha = active ? 0.45 : 0.85;
  links.forEach(stroke);
  if (active) {
    ctx.globalAlpha = 1;
    ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
    ctx.shadowBlur = 3;
    stroke(active);
    ctx.shadowBlur = 0;
  }
  ctx.globalAlpha = 1;
}

// The maps of the snapshot into the sheet.
function paintSheet(sheet: MapSheet, nodes: PaintedNode[], snap: Snapshot, scale: Scale): void {
  const g = snap.grid;
  const n = g.thumbN;
  const px = n * n;
  const step = n + 2; // a transparent gap: no map bleeds into the next when scaled
  const shown = nodes.filter((d) => d.map !== null && d.box !== null && d.map < g.maps);
  const sctx = sheet.canvas.getContext('2d');
  Object.assign(sheet, { shown: [], step, n });
  if (!sctx || n === 0) return;
  const height = Math.max(1, step * shown.length);
  if (sheet.canvas.width !== n || sheet.canvas.height !== height) {
    sheet.canvas.width = n;
    sheet.canvas.height = height;
  }
  if (sheet.image?.width !== n || sheet.image.height !== height) sheet.image = sctx.createImageData(n, height);
  shown.forEach((d, k) => paintSigned(sheet.image!, g.thumbs, d.map! * px, scale.lut, d.transform, false, k * step * n, px));
  sctx.putImageData(sheet.image, 0, 0);
  sheet.shown = shown;
}

// The links into `cache` (off the page, the canvas's size): stroked only when
// they are due or hovered, copied in one drawImage when only the maps are.
function paintLinks(
  cache: HTMLCanvasElement,
  canvas: HTMLCanvasElement,
  layout: DiagramLayout,
  active: LinkRef | undefined,
  snap: Snapshot,
  scale: Scale,
): void {
  if (cache.width !== canvas.width || cache.height !== canvas.height) {
    cache.width = canvas.width;
    cache.height = canvas.height;
  }
  const ctx = cache.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, cache.width, cache.height);
  // The CSS width as build() set it (clientWidth would force a layout).
  const cssWidth = parseFloat(canvas.style.width);
  const dpr = cssWidth > 0 ? canvas.width / cssWidth : 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  strokeLinks(ctx, layout.links, active, snap, scale);
}

// The links, then the sheet's maps over them, each inside its node's 1 px
// border with the node's rounded corners (style.css .nnp-node).
function paintCanvas(canvas: HTMLCanvasElement, cache: HTMLCanvasElement, sheet: MapSheet): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (cache.width > 0 && cache.height > 0) ctx.drawImage(cache, 0, 0);
  const cssWidth = parseFloat(canvas.style.width);
  const dpr = cssWidth > 0 ? canvas.width / cssWidth : 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const { shown, step, n } = sheet;
  if (shown.length === 0) return;
  ctx.imageSmoothingEnabled = true;
  ctx.save();
  ctx.beginPath();
  for (const d of shown) ctx.roundRect(d.box!.x + 1, d.box!.y + 1, d.box!.size - 2, d.box!.size - 2, 3);
  ctx.clip();
  shown.forEach((d, k) => ctx.drawImage(sheet.canvas, 0, k * step, n, n, d.box!.x + 1, d.box!.y + 1, d.box!.size - 2, d.box!.size - 2));
  ctx.restore();
}

// A colour written only when it changed: each write invalidates the node's style.
const biasFill = new WeakMap<HTMLElement, string>();
function paintBiases(biases: { layer: number; neuron: number; el: HTMLElement }[], snap: Snapshot, scale: Scale): void {
  for (const b of biases) {
    const css = scale.cssOf(biasIn(snap, b.layer, b.neuron));
    if (biasFill.get(b.el) === css) continue;
    biasFill.set(b.el, css);
    b.el.style.background = css;
  }
}

export interface DiagramPainter {
  // force: a new structure, paint everything now.
  paint(view: View, layout: DiagramLayout, active: LinkRef | undefined, force: boolean): void;
  paintLinks(view: View, layout: DiagramLayout, active: LinkRef | undefined): void;
}

// The diagram's canvas in the view's palette. While training the small maps
// follow at THUMB_HZ and the links at LINK_HZ (components/pace.ts), the
// canvas drawn again when either is due; a new structure or a pause paints
// everything.
export function createDiagramPainter(canvas: HTMLCanvasElement): DiagramPainter {
  const sheet: MapSheet = { canvas: document.createElement('canvas'), image: null, shown: [], step: 0, n: 0 };
  let scale: Scale = makeScale('default');
  const cache = document.createElement('canvas'); // the links
  let linksOf: Snapshot | null = null; // the snapshot whose weights the links show
  const scaleFor = (view: View) => {
    if (scale.palette !== view.settings.palette) scale = makeScale(view.settings.palette);
    return scale;
  };
  const thumbPace = createPace(THUMB_HZ);
  const linkPace = createPace(LINK_HZ);
  return {
    paint(view, layout, active, force) {
      scaleFor(view);
      const running = view.running && !force;
      const maps = thumbPace.due(running);
      const links = linkPace.due(running);
      if (maps) paintSheet(sheet, layout.nodes, view.snapshot, scale);
      if (links || !linksOf) {
        linksOf = view.snapshot;
        paintLinks(cache, canvas, layout, active, view.snapshot, scale);
        paintBiases(layout.biases, view.snapshot, scale);
      }
      if (maps || links) paintCanvas(canvas, cache, sheet);
    },
    paintLinks(view, layout, active) {
      paintLinks(cache, canvas, layout, active, linksOf ?? view.snapshot, scaleFor(view));
      paintCanvas(canvas, cache, sheet);
    },
  };
}
