// The loss history as CSV, one row per epoch, and the names of downloaded files.
import type { HistoryData } from './view';

export const HISTORY_HEADER = 'epoch,train_loss,test_loss,train_accuracy,test_accuracy';

// A number as CSV reads it back: the shortest exact text; empty when there is
// no value (no test set, a regression's accuracy); inf for a diverged loss.
export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return '';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

export function historyCsv(h: HistoryData): string {
  const rows = [HISTORY_HEADER];
  for (let i = 0; i < h.epoch.length; i++) {
    rows.push(
      [h.epoch[i]!, h.trainLoss[i] ?? NaN, h.testLoss[i] ?? NaN, h.trainAccuracy[i] ?? NaN, h.testAccuracy[i] ?? NaN].map(csvNumber).join(','),
    );
  }
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
