// A small loss curve over the epochs, training (solid) and test (dashed), for
// the top of the output panel: as TensorFlow Playground does, the curve sits
// next to the map and the play button, while the full charts (axes, legend,
// accuracy) live in their own panel further down. A uPlot sparkline: no axes,
// legend or cursor, the same thinned columns as the full chart.
import type uPlot from 'uplot';
import { columns, withUPlot } from './charts';
import { historyLength } from '../shared/history-data';
import { CHART_HZ, createPace } from './pace';
import type { View } from './view';
import type { HistoryData } from '../shared/history-data';
import { LOSS_COLUMNS } from '../engine/history-columns';

const HEIGHT = 48; // CSS pixels

export interface LossCurve {
  element: HTMLElement;
  update(view: View): void;
  destroy(): void;
}

function sparkline(log: boolean, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: false }, y: log ? { distr: 3 } : { range: (_u, _lo, hi) => [0, hi > 0 ? hi : 1] } },
    series: [{}, { stroke: '#1f6fb2', width: 1.5 }, { stroke: '#e07b00', width: 1.5, dash: [4, 3] }],
  };
}

export function createLossCurve(): LossCurve {
  const element = document.createElement('div');
  element.className = 'nnp-loss-curve';
  element.dataset['testid'] = 'loss-curve';
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', 'Loss over the epochs: training (solid) and test (dashed)');
  element.style.height = `${HEIGHT}px`;
  const pace = createPace(CHART_HZ);
  let width = 0;
  let plot: uPlot | null = null;
  let plotLog: boolean | null = null;
  let drawn: { rows: number; history: HistoryData } | null = null;

  const draw = withUPlot(element, (U, view) => {
    const log = view.settings.lossScale === 'log';
    if (width <= 0) return; // not laid out (hidden): drawn when it is
    if (plotLog !== log) {
      plot?.destroy();
      plot = new U(sparkline(log, width), [[], [], []], element);
      plotLog = log;
      drawn = null;
    }
    const rows = historyLength(view.history);
    if (drawn && drawn.rows === rows && drawn.history === view.history) return;
    if (!pace.due(view.running && drawn?.history === view.history)) return;
    drawn = { rows, history: view.history };
    const data = columns(view.history, LOSS_COLUMNS, log);
    plot!.setData(data);
    // How many values are plotted (the tests read it off the element).
    let points = 0;
    for (const s of data.slice(1)) for (const v of s as Iterable<number | null | undefined>) if (v !== null && v !== undefined) points++;
    element.dataset['points'] = String(points);
  });

  let last: View | null = null;
  const resize = new ResizeObserver(() => {
    width = Math.floor(element.clientWidth);
    if (width <= 0) return;
    if (plot) plot.setSize({ width, height: HEIGHT });
    else if (last) draw(last);
  });
  resize.observe(element);

  return {
    element,
    update(view) {
      last = view;
      draw(view);
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
    },
  };
}
