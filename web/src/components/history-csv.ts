// The history as CSV, one row per epoch and one column per history column, and the names of downloaded files.
import type { HistoryData } from '../shared/history-data';
import { BASE_HISTORY_COLUMNS } from '../engine/history-columns';

// The columns every history starts with; the gradient-flow columns follow.
export const HISTORY_HEADER = BASE_HISTORY_COLUMNS.join(',');

// A number as CSV reads it back: the shortest exact text; empty when there is
// no value (no test set, a regression's accuracy); inf for a diverged loss.
export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return '';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

// Every column by its engine name, in the engine's order.
export function historyCsv(h: HistoryData): string {
  const names = Object.keys(h);
  const cols = names.map((k) => h[k] ?? []);
  const rows = [names.join(',')];
  const n = h.epoch?.length ?? 0;
  for (let i = 0; i < n; i++) rows.push(cols.map((c) => csvNumber(c[i] ?? NaN)).join(','));
  return `${rows.join('\n')}\n`;
}

// File names: what, where from, and at which epoch.
export function downloadName(what: 'model' | 'decision' | 'history' | 'pytorch', dataset: string, epoch: number): string {
  const safe = dataset.replace(/[^a-z0-9_-]/gi, '');
  switch (what) {
    case 'model':
      return `nn-playground-${safe}-epoch${epoch}.json`;
    case 'decision':
      return `nn-playground-${safe}-epoch${epoch}.png`;
    case 'history':
      return `nn-playground-${safe}-history.csv`;
    case 'pytorch':
      return `nn_playground_${safe.replace(/-/g, '_')}_epoch${epoch}.py`;
  }
}
