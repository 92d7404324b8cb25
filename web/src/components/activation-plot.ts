// The chosen activation f(z) and its derivative f'(z), as the engine computes
// them (Engine.activationCurve), on z in [-4, 4].
import { ENGINE } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';
import { h } from './dom';
import type { Actions, Component, View } from './view';

const Z_MAX = 4;
const SAMPLES = 161;

// f(z) solid and f′(z) dashed over z, clipped to [−5, 5], with the axes; the canvas
// at its CSS width and the screen's pixel density.
const HEIGHT = 120;

// The plot is an image drawn in a canvas that is not on the page: every canvas
// on the page is a compositing layer that Chromium hands over in every frame,
// changed or not.
function drawCurve(plot: HTMLImageElement, curve: { value: Float64Array; derivative: Float64Array }, z: Float64Array): void {
  const canvas = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  const w = plot.clientWidth || 240;
  const hgt = HEIGHT;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const finite = [...curve.value, ...curve.derivative].filter(Number.isFinite);
  const lo = Math.min(-1, ...finite.map((v) => Math.max(v, -5)));
  const hi = Math.max(1, ...finite.map((v) => Math.min(v, 5)));
  const X = (v: number) => 6 + ((v + Z_MAX) / (2 * Z_MAX)) * (w - 12);
  const Y = (v: number) => 6 + ((hi - v) / (hi - lo)) * (hgt - 12);
  ctx.strokeStyle = '#d5d9de';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(X(-Z_MAX), Y(0));
  ctx.lineTo(X(Z_MAX), Y(0));
  ctx.moveTo(X(0), Y(lo));
  ctx.lineTo(X(0), Y(hi));
  ctx.stroke();
  const line = (ys: Float64Array, color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ys.forEach((v, i) => {
      const y = Y(Math.max(lo, Math.min(hi, v)));
      if (i === 0) ctx.moveTo(X(z[i]!), y);
      else ctx.lineTo(X(z[i]!), y);
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(curve.derivative, '#e07b00', [4, 3]);
  line(curve.value, '#1f6fb2', []);
  plot.src = canvas.toDataURL();
}

export function createActivationPlot(actions: Actions): Component {
  const plot = h('img', { class: 'nnp-activation-canvas', alt: '', style: `height:${HEIGHT}px` });
  const formula = h('div', { class: 'nnp-formula' });
  const layerSelect = h('select', {
    class: 'nnp-small-select',
    'aria-label': 'Which hidden layer’s activation to plot',
    title: 'Which hidden layer’s activation to plot',
  });
  const heading = h('h2', { text: 'Activation' });
  const element = h('section', { class: 'nnp-panel nnp-activation', 'aria-label': 'Activation function' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [heading, layerSelect]),
    plot,
    h('div', { class: 'nnp-row nnp-legend-line' }, [
      h('span', { class: 'nnp-key nnp-key-f', text: 'f(z)' }),
      h('span', { class: 'nnp-key nnp-key-d', text: 'f′(z)' }),
    ]),
    formula,
  ]);
  const z = Float64Array.from({ length: SAMPLES }, (_, i) => -Z_MAX + (2 * Z_MAX * i) / (SAMPLES - 1));
  let shown = '';
  let request = 0;
  let layer = 0;
  layerSelect.addEventListener('change', () => {
    layer = Number(layerSelect.value);
    shown = '';
  });

  return {
    element,
    update(view: View) {
      const acts = view.snapshot.config.hidden;
      const options = acts.map((l, i) => `${i}:${l.activation}`).join('|');
      if (layerSelect.dataset['options'] !== options) {
        layerSelect.dataset['options'] = options;
        layerSelect.replaceChildren(...acts.map((l, i) => h('option', { value: i, text: `Layer ${i + 1}: ${l.activation}` })));
        if (layer >= acts.length) layer = 0;
        layerSelect.value = String(layer);
      }
      layerSelect.style.display = acts.length > 1 ? '' : 'none';
      const chosen = acts[layer] ?? acts[0];
      // No hidden layer: the only unit is the output's, so that is what is plotted (its unit from the engine's description).
      const outputUnit = acts.length === 0 ? ENGINE.outputs.find((o) => o.id === view.snapshot.config.output)?.unit : undefined;
      const unitIsCurve = outputUnit !== undefined && view.catalog.activations.some((a) => a.id === outputUnit);
      const id: ActivationId = unitIsCurve
        ? (outputUnit as ActivationId)
        : (chosen?.activation ?? view.settings.activation[0] ?? ENGINE.defaults.hidden[0].activation);
      const info = view.catalog.activations.find((a) => a.id === id);
      const title = acts.length === 0 ? 'Output unit' : 'Activation';
      if (heading.textContent !== title) heading.textContent = title; // every frame while training: no write when unchanged
      if (acts.length === 0 && !unitIsCurve) {
        // softmax: no curve of one z
        if (shown === `none:${outputUnit}`) return;
        shown = `none:${outputUnit}`;
        ++request;
        plot.removeAttribute('src');
        plot.alt = '';
        formula.replaceChildren(h('div', {}, [h('b', { text: outputUnit ?? '' }), ' depends on all the output units together: no curve of one z']));
        return;
      }
      const alpha = chosen?.alpha ?? info?.defaultAlpha ?? 0;
      const key = `${id}:${alpha}`;
      if (key === shown) return;
      shown = key;
      plot.alt = `Plot of ${info?.name ?? id} and its derivative`;
      formula.replaceChildren(
        h('div', {}, [h('b', { text: info?.name ?? id }), ` f(z) = ${info?.formula ?? ''}`]),
        h('div', { class: 'nnp-muted', text: `f′(z) = ${info?.derivative ?? ''}` }),
      );
      const ticket = ++request;
      actions
        .activationCurve(id, alpha, z)
        .then((c) => {
          if (ticket !== request) return;
          drawCurve(plot, c, z);
        })
        .catch(() => undefined);
    },
  };
}
