// A small loss curve over the epochs, training (solid) and test (dashed), for
// the top of the output panel: as TensorFlow Playground does, the curve sits
// next to the map and the play button, while the full charts (axes, legend,
// accuracy) live in their own panel further down.
import { historyColumn, historyLength } from './history-data';
import { CHART_HZ, createPace } from './pace';
import type { HistoryData } from './view';

const HEIGHT = 48; // CSS pixels
const MAX_POINTS = 400; // longer histories are thinned evenly (the last epoch kept)

export interface LossCurve {
  element: HTMLCanvasElement;
  update(history: HistoryData, log: boolean, running: boolean): void;
  destroy(): void;
}

export function createLossCurve(): LossCurve {
  const canvas = document.createElement('canvas');
  canvas.className = 'nnp-loss-curve';
  canvas.dataset['testid'] = 'loss-curve';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Loss over the epochs: training (solid) and test (dashed)');
  canvas.style.height = `${HEIGHT}px`;
  const pace = createPace(CHART_HZ);
  let cssWidth = 0;
  let drawn: { rows: number; history: HistoryData; log: boolean; width: number } | null = null;
  let last: { history: HistoryData; log: boolean } | null = null;

  function draw(history: HistoryData, log: boolean): void {
    const rows = historyLength(history);
    if (drawn && drawn.rows === rows && drawn.history === history && drawn.log === log && drawn.width === cssWidth) return;
    drawn = { rows, history, log, width: cssWidth };
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(cssWidth * dpr));
    const hgt = Math.round(HEIGHT * dpr);
    if (canvas.width !== w || canvas.height !== hgt) {
      canvas.width = w;
      canvas.height = hgt;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, HEIGHT);
    const epoch = historyColumn(history, 'epoch');
    const idx = rows <= MAX_POINTS ? epoch.map((_, i) => i) : Array.from({ length: MAX_POINTS }, (_, k) => Math.round((k * (rows - 1)) / (MAX_POINTS - 1)));
    const value = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && (!log || v > 0) ? (log ? Math.log10(v) : v) : null);
    const lines = ['train_loss', 'test_loss'].map((k) => {
      const col = historyColumn(history, k);
      return idx.map((i) => value(col[i]));
    });
    const all = lines.flat().filter((v): v is number => v !== null);
    canvas.dataset['points'] = String(all.length);
    ctx.strokeStyle = '#e1e4e8';
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, cssWidth - 1, HEIGHT - 1);
    if (all.length === 0 || idx.length === 0) return;
    const lo = log ? Math.min(...all) : 0;
    const hi = Math.max(...all);
    const span = hi - lo || 1;
    const e0 = epoch[idx[0]!]!;
    const e1 = epoch[idx[idx.length - 1]!]!;
    const x = (i: number) => 2 + ((epoch[i]! - e0) / (e1 - e0 || 1)) * (cssWidth - 4);
    const y = (v: number) => HEIGHT - 3 - ((v - lo) / span) * (HEIGHT - 6);
    const styles = [
      { stroke: '#1f6fb2', dash: [] as number[] },
      { stroke: '#e07b00', dash: [4, 3] },
    ];
    lines.forEach((line, s) => {
      ctx.beginPath();
      ctx.strokeStyle = styles[s]!.stroke;
      ctx.setLineDash(styles[s]!.dash);
      ctx.lineWidth = 1.5;
      let open = false;
      line.forEach((v, k) => {
        if (v === null) {
          open = false;
          return;
        }
        if (open) ctx.lineTo(x(idx[k]!), y(v));
        else ctx.moveTo(x(idx[k]!), y(v));
        open = true;
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
  }

  const resize = new ResizeObserver(() => {
    cssWidth = canvas.clientWidth;
    if (last && cssWidth > 0) draw(last.history, last.log);
  });
  resize.observe(canvas);

  return {
    element: canvas,
    update(history, log, running) {
      last = { history, log };
      if (cssWidth <= 0) return; // not laid out (hidden): drawn when it is
      if (pace.due(running)) draw(history, log);
    },
    destroy: () => resize.disconnect(),
  };
}
