// Loss and accuracy over the epochs (uPlot), training and test, with a
// linear/log loss axis. Hovering (or touching) a chart shows the values of
// that epoch in its legend.
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { lazyPart, whenIdle } from '../shared/lazy';
import { classCount } from '../shared/task';
import { createControl } from './controls';
import { h, show, formatValue } from './dom';
import { historyColumn, historyLength } from '../shared/history-data';
import { createHistoryTable } from './history-table';
import { CHART_HZ, createPace } from './pace';
import type { Actions, Component, View } from './view';
import type { HistoryData } from '../shared/history-data';
import { ACCURACY_COLUMNS, LOSS_COLUMNS } from '../engine/history-columns';

// uPlot (a fifth of the page's script) is not needed for the first map: the
// charts load it when the browser is idle after the first view, and draw the
// latest view once it is here.
const UPLOT = lazyPart('The charts', () => import('uplot').then((m) => m.default));

// The charts' common width: the box's (at least 200 px; 300 until measured),
// each chart of `sized()` (with its height) resized as the box changes.
export function chartWidth(box: HTMLElement, sized: () => [uPlot | null, number][]): { readonly width: number; disconnect(): void } {
  let width = 300;
  const observer = new ResizeObserver(() => {
    const w = Math.max(200, Math.floor(box.clientWidth));
    if (w === width) return;
    width = w;
    for (const [chart, height] of sized()) chart?.setSize({ width, height });
  });
  observer.observe(box);
  return {
    get width() {
      return width;
    },
    disconnect: () => observer.disconnect(),
  };
}

// Calls draw(view) now if uPlot is here, else once it is (with the latest view);
// a failed load puts its message in `box`.
export function withUPlot(box: HTMLElement, draw: (U: typeof uPlot, view: View) => void): (view: View) => void {
  let latest: View | null = null;
  let waiting = false;
  let retryAt = 0; // after a failed load, not again at every frame
  return (view) => {
    const U = UPLOT.loaded();
    if (U) return draw(U, view);
    latest = view;
    if (waiting || performance.now() < retryAt) return;
    waiting = true;
    whenIdle(() =>
      UPLOT.get().then(
        (L) => {
          waiting = false;
          box.querySelector('.nnp-chart-error')?.remove();
          if (latest && box.isConnected) draw(L, latest);
        },
        (e: unknown) => {
          waiting = false; // an update after a few seconds tries again
          retryAt = performance.now() + 5000;
          if (!box.querySelector('.nnp-chart-error')) box.append(h('p', { class: 'nnp-muted nnp-chart-error', role: 'status', text: (e as Error).message }));
        },
      ),
    );
  };
}

const MAX_PLOTTED = 1500; // longer histories are thinned (evenly, always keeping the last epoch)

function thin(n: number, max = MAX_PLOTTED): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(Math.round(k * step));
  return out;
}

// The named columns against epoch, thinned to what the chart can show. With
// side B of a comparison: its rows at the same epochs (lockstep), after A's.
export function columns(hist: HistoryData, keys: readonly string[], positive: boolean, other?: HistoryData): uPlot.AlignedData {
  const epoch = historyColumn(hist, 'epoch');
  const idx = thin(epoch.length);
  const value = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && (!positive || v > 0) ? v : null);
  const pick = (arr: number[]) => idx.map((i) => value(arr[i]));
  const cols = [idx.map((i) => epoch[i]!), ...keys.map((k) => pick(historyColumn(hist, k)))];
  if (other) {
    const row = new Map<number, number>();
    historyColumn(other, 'epoch').forEach((e, i) => row.set(e, i));
    for (const k of keys) {
      const col = historyColumn(other, k);
      cols.push(idx.map((i) => value(col[row.get(epoch[i]!) ?? -1])));
    }
  }
  return cols as uPlot.AlignedData;
}

// Not hovering, a legend shows the latest epoch: after new data, when a chart
// is first drawn (uPlot's "ready": its first cursor update clears the legend,
// and a chart made after training paused gets no later data), and when the
// cursor leaves it (uPlot then clears the legend too).
export function legendAtLatest(u: uPlot): void {
  const n = u.data[0]?.length ?? 0;
  if ((u.cursor.left ?? -1) < 0 && n > 0) u.setLegend({ idx: n - 1 });
}

// How many series of a chart's data have a value (tests read it off the element).
const seriesWithData = (data: uPlot.AlignedData) => data.slice(1).filter((s) => s.some((v) => v !== null && v !== undefined)).length;

export function chart(title: string, series: { label: string; stroke: string; dash?: number[] }[], log: boolean, percent: boolean): uPlot.Options {
  return {
    width: 300,
    height: 150,
    title,
    legend: { live: true },
    hooks: { ready: [legendAtLatest], setCursor: [legendAtLatest] },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: false },
      y: log ? { distr: 3 } : percent ? { range: [0, 1] } : { range: (_u, _lo, hi) => [0, hi > 0 ? hi * 1.05 : 1] },
    },
    axes: [
      { stroke: '#5f6b76', grid: { stroke: '#eef0f2' }, ticks: { stroke: '#d5d9de' }, size: 30 },
      {
        stroke: '#5f6b76',
        grid: { stroke: '#eef0f2' },
        ticks: { stroke: '#d5d9de' },
        size: 52,
        values: (_u, vals) => vals.map((v) => (percent ? `${Math.round(v * 100)}%` : formatValue(v))),
      },
    ],
    series: [
      { label: 'Epoch', value: (_u, v) => (v === null ? '–' : String(v)) },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        width: 1.6,
        ...(s.dash ? { dash: s.dash } : {}),
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : percent ? `${(v * 100).toFixed(1)}%` : formatValue(v)),
      })),
    ],
  };
}

export function createCharts(actions: Actions): Component {
  const lossBox = h('div', { class: 'nnp-chart', 'data-testid': 'loss-chart' });
  const accBox = h('div', { class: 'nnp-chart', 'data-testid': 'accuracy-chart' });
  const scale = createControl('lossScale', actions.set);
  const table = createHistoryTable();
  const element = h('section', { class: 'nnp-panel nnp-charts', 'aria-label': 'Loss and accuracy' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { text: 'Loss and accuracy' }), scale.element]),
    lossBox,
    accBox,
    table.element,
  ]);
  const SERIES = [
    { label: 'Training', stroke: '#1f6fb2' },
    { label: 'Test', stroke: '#e07b00', dash: [5, 3] },
  ];
  // A comparison: each side its colour, test dashed.
  const PAIR_SERIES = [
    { label: 'A training', stroke: '#1f6fb2' },
    { label: 'A test', stroke: '#1f6fb2', dash: [5, 3] },
    { label: 'B training', stroke: '#c0392b' },
    { label: 'B test', stroke: '#c0392b', dash: [5, 3] },
  ];
  let paired = false;
  let loss: uPlot | null = null;
  let acc: uPlot | null = null;
  let lossLog: boolean | null = null;
  let plotted = -1;
  let plottedSince: HistoryData | null = null;
  let plottedOther = 0;
  const pace = createPace(CHART_HZ);
  const resize = chartWidth(lossBox, () => [
    [loss, 150],
    [acc, 150],
  ]);

  const make = (U: typeof uPlot, log: boolean) => {
    loss?.destroy();
    const series = paired ? PAIR_SERIES : SERIES;
    loss = new U({ ...chart('Loss', series, log, false), width: resize.width }, [[], ...series.map(() => [])] as uPlot.AlignedData, lossBox);
    lossLog = log;
    plotted = -1;
  };

  const draw = withUPlot(lossBox, (U, view) => {
    const log = view.settings.lossScale === 'log';
    const other = view.compare?.history;
    if (paired !== (other !== undefined)) {
      paired = other !== undefined;
      lossLog = null;
      acc?.destroy();
      acc = null;
    }
    if (lossLog !== log) make(U, log);
    const series = paired ? PAIR_SERIES : SERIES;
    if (!acc) acc = new U({ ...chart('Accuracy', series, false, true), width: resize.width }, [[], ...series.map(() => [])] as uPlot.AlignedData, accBox);
    const hist = view.history;
    show(accBox, classCount(view.settings, view.catalog) > 0);
    const otherRows = other ? historyLength(other) : 0;
    if (historyLength(hist) === plotted && plottedSince === hist && otherRows === plottedOther) return;
    // While training a few redraws a second are enough (components/pace.ts).
    if (!pace.due(view.running && plottedSince === hist)) return;
    plotted = historyLength(hist);
    plottedSince = hist;
    plottedOther = otherRows;
    for (const [u, data, box] of [
      [loss!, columns(hist, LOSS_COLUMNS, log, other), lossBox],
      [acc, columns(hist, ACCURACY_COLUMNS, false, other), accBox],
    ] as const) {
      u.setData(data);
      box.dataset['series'] = String(seriesWithData(data));
      legendAtLatest(u);
    }
  });

  return {
    element,
    update(view) {
      scale.update(view.settings);
      draw(view);
      table.update(view);
    },
    destroy() {
      resize.disconnect();
      loss?.destroy();
      acc?.destroy();
    },
  };
}
