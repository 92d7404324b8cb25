// The data sets' thumbnails: a button per data set with a small picture of
// its points (the engine's preview), "Your points" drawn from the points
// themselves or as a plus while there are none.
import type { DatasetId } from '../engine/types';
import { classColors, diverging, toCss } from '../render/colors';
import { toPixel } from '../render/plane';
import { DATASETS } from '../settings/menus';
import type { PointsData } from '../worker/protocol';
import { h } from './dom';
import type { View } from './view';

const THUMB = 52;

// A thumbnail is an image, drawn in a canvas that is not on the page: a
// canvas on the page is a compositing layer of its own, and every element
// painted over it after it becomes one too (each a cost in every frame).
export interface Thumb {
  button: HTMLButtonElement;
  image: HTMLImageElement;
}

const scratch = document.createElement('canvas');

// pick: the user chose data set id.
export function buildThumbs(pick: (id: DatasetId) => void): { element: HTMLElement; buttons: Map<DatasetId, Thumb> } {
  const element = h('div', { class: 'nnp-thumbs', role: 'group', 'aria-label': 'Data sets', 'data-setting': 'dataset' });
  const buttons = new Map<DatasetId, Thumb>();
  for (const d of DATASETS) {
    const image = h('img', { alt: '', 'aria-hidden': 'true', width: THUMB, height: THUMB });
    const button = h('button', { type: 'button', class: 'nnp-thumb', title: d.label, 'aria-label': d.label, 'data-dataset': d.value }, [image]);
    button.addEventListener('click', () => pick(d.value));
    buttons.set(d.value, { button, image });
    element.append(button);
  }
  return { element, buttons };
}

export function drawThumb(image: HTMLImageElement, p: PointsData | undefined, id: string, view: View): void {
  scratch.width = scratch.height = THUMB * 2;
  paintThumb(scratch, p, id, view);
  const url = scratch.toDataURL();
  if (image.src !== url) image.src = url;
}

function paintThumb(canvas: HTMLCanvasElement, p: PointsData | undefined, id: string, view: View): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#f6f7f9';
  ctx.fillRect(0, 0, size, size);
  if (!p || p.x.length === 0) {
    if (id === 'custom') {
      // "Your points": a pencil-free hint, a plus to place points by clicking
      ctx.strokeStyle = '#9aa3ad';
      ctx.lineWidth = size / 26;
      ctx.beginPath();
      ctx.moveTo(size / 2, size * 0.3);
      ctx.lineTo(size / 2, size * 0.7);
      ctx.moveTo(size * 0.3, size / 2);
      ctx.lineTo(size * 0.7, size / 2);
      ctx.stroke();
    }
    return;
  }
  const info = view.catalog.datasets.find((d) => d.id === id);
  const regression = info?.problem === 'regression';
  const k = info?.anyClasses ? 3 : 2;
  const colors = classColors(view.settings.palette, k);
  const plane = { lo: -6, hi: 6, size };
  for (let i = 0; i < p.x.length; i++) {
    const [x, y] = toPixel(plane, p.x[i]!, p.y[i]!);
    ctx.fillStyle = toCss(regression ? diverging(view.settings.palette, p.label[i]!) : (colors[Math.round(p.label[i]!)] ?? [0, 0, 0]));
    ctx.beginPath();
    ctx.arc(x, y, id === 'xor_table' ? 8 : 3, 0, Math.PI * 2);
    ctx.fill();
  }
}
