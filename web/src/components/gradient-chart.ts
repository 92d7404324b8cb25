// Gradient flow over the epochs: each weight layer's gradient size (RMS of
// dL/dW over the epoch's steps, log scale) and each hidden layer's share of
// saturated units, from the history's grad_rms_<l> and saturation_<l> columns
// (engine/flow.hpp defines both). Hovering a chart shows the epoch's numbers.
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chart, columns, legendAtLatest, chartWidth, withUPlot } from './charts';
import { formatValue, h, show } from './dom';
import { historyLength } from '../shared/history-data';
import type { Component, View } from './view';
import type { HistoryData } from '../shared/history-data';
import { GRAD_RMS_PREFIX, SATURATION_PREFIX } from '../engine/history-columns';

const REDRAW_MS = 250;

// Whole decades around [lo, hi], kept within 1e-12..1e12: uPlot's log ticks
// loop forever beyond about 1e-16 (a layer with no gradient, e.g. the
// perceptron's, gives 1e-36); smaller values are drawn at the floor's edge.
function logRange(lo: number | null, hi: number | null): [number, number] {
  let a = lo !== null && lo > 0 && Number.isFinite(lo) ? lo : 1e-6;
  let b = hi !== null && hi > 0 && Number.isFinite(hi) ? hi : 1;
  a = Math.min(Math.max(a, 1e-12), 1e11);
  b = Math.min(Math.max(b, a), 1e12);
  const lower = 10 ** Math.floor(Math.log10(a));
  const upper = 10 ** Math.ceil(Math.log10(b));
  return [lower, upper > lower ? upper : lower * 10];
}

// Columns of one kind, by layer index: grad_rms_0, grad_rms_1, ...
function layerColumns(hist: HistoryData, prefix: string): string[] {
  return Object.keys(hist)
    .filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
}

// First layer light, last layer dark: depth reads as shade.
function layerColour(i: number, n: number): string {
  const t = n <= 1 ? 1 : i / (n - 1);
  return `hsl(${Math.round(200 + 140 * t)} 70% ${Math.round(62 - 30 * t)}%)`;
}

export function createGradientChart(): Component {
  const gradBox = h('div', { class: 'nnp-chart', 'data-testid': 'gradient-chart' });
  const satBox = h('div', { class: 'nnp-chart', 'data-testid': 'saturation-chart' });
  const element = h('section', { class: 'nnp-panel nnp-gradients', 'aria-label': 'Gradient flow', 'data-testid': 'gradients-panel' }, [
    h('h2', { text: 'Gradient flow' }),
    gradBox,
    satBox,
  ]);
  let grad: uPlot | null = null;
  let sat: uPlot | null = null;
  let shape = ''; // the column names the charts were made for
  let plotted = -1;
  let plottedHist: HistoryData | null = null;
  let drawnAt = 0;

  const rebuild = (U: typeof uPlot, gradKeys: string[], satKeys: string[]) => {
    grad?.destroy();
    sat?.destroy();
    grad = sat = null;
    if (gradKeys.length === 0) return; // no history columns yet
    const label = (k: string, prefix: string) => `Layer ${Number(k.slice(prefix.length)) + 1}`;
    const gs = gradKeys.map((k, i) => ({ label: label(k, GRAD_RMS_PREFIX), stroke: layerColour(i, gradKeys.length) }));
    const ss = satKeys.map((k, i) => ({ label: label(k, SATURATION_PREFIX), stroke: layerColour(i, gradKeys.length) }));
    const gradOpts = chart('Gradient size (RMS of ∂L/∂W)', gs, true, false);
    // A log axis leaves its minor ticks unlabelled (uPlot passes null for them);
    // small decades read 1e-4 (1.00e-4 did not fit the axis).
    const yAxis = gradOpts.axes?.[1];
    const tick = (v: number) =>
      v > 0 && v < 1e-3 && Number.isInteger(Math.round(Math.log10(v) * 1e6) / 1e6) ? `1e${Math.round(Math.log10(v))}` : formatValue(v);
    if (yAxis) yAxis.values = (_u, vals) => vals.map((v) => (v === null || v === undefined ? '' : tick(v)));
    gradOpts.scales = { ...gradOpts.scales, y: { distr: 3, range: (_u, lo, hi) => logRange(lo, hi) } };
    grad = new U({ ...gradOpts, width: resize.width }, [[], ...gs.map(() => [])], gradBox);
    // No hidden layer: nothing can saturate (uPlot needs at least one series).
    if (ss.length > 0)
      sat = new U({ ...chart('Saturated or dead units', ss, false, true), width: resize.width, height: 110 }, [[], ...ss.map(() => [])], satBox);
    plotted = -1;
  };
  const resize = chartWidth(gradBox, () => [
    [grad, 150],
    [sat, 110],
  ]);

  const draw = withUPlot(gradBox, (U, view) => {
    const hist = view.history;
    const gradKeys = layerColumns(hist, GRAD_RMS_PREFIX);
    const satKeys = layerColumns(hist, SATURATION_PREFIX);
    const key = [...gradKeys, ...satKeys].join(',');
    if (key !== shape) {
      shape = key;
      rebuild(U, gradKeys, satKeys);
    }
    show(satBox, satKeys.length > 0);
    if (historyLength(hist) === plotted && plottedHist === hist) return;
    // While training, a few redraws a second are enough and keep frames short.
    const now = performance.now();
    if (view.running && plottedHist === hist && now - drawnAt < REDRAW_MS) return;
    drawnAt = now;
    plotted = historyLength(hist);
    plottedHist = hist;
    for (const [u, data] of [
      [grad, columns(hist, gradKeys, true)],
      [sat, columns(hist, satKeys, false)],
    ] as const) {
      if (!u) continue;
      u.setData(data);
      legendAtLatest(u);
    }
  });

  return {
    element,
    update: (view: View) => draw(view),
    destroy() {
      resize.disconnect();
      grad?.destroy();
      sat?.destroy();
    },
  };
}
