// The loss and accuracy history as a table: the engine's columns (ENGINE's
// history description: ids as headers, their meaning as the headers' titles),
// at most TABLE_ROWS epochs evenly spread over the run, the last always in.
import { ENGINE } from '../engine/description.generated';
import { ACCURACY_COLUMNS, type BaseHistoryColumn } from '../engine/history-columns';
import { historyColumn, historyLength, type HistoryData } from '../shared/history-data';
import { formatInt, formatValue } from './dom';
import { createTableView, dataTable, type TableView } from './table-view';

const TABLE_ROWS = 25;

// Row indices: every row of a short history, else TABLE_ROWS evenly spread with the first and last.
export function spreadRows(n: number, most = TABLE_ROWS): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.round((k * (n - 1)) / (most - 1)));
}

const PERCENT = new Set<string>(ACCURACY_COLUMNS);
const cell = (id: string, v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '–' : id === 'epoch' ? formatInt(v) : PERCENT.has(id) ? `${(v * 100).toFixed(1)} %` : formatValue(v);

// The table of `h`: the base columns that have a value in the rows shown.
function historyTable(h: HistoryData): HTMLTableElement {
  const n = historyLength(h);
  const rows = spreadRows(n);
  const columns = ENGINE.history.columns.filter((c) => c.id === 'epoch' || rows.some((i) => Number.isFinite(historyColumn(h, c.id)[i])));
  const caption =
    n === rows.length
      ? `Loss and accuracy, all ${formatInt(n)} rows`
      : `Loss and accuracy, ${rows.length} of ${formatInt(n)} rows, evenly spread, the last included`;
  return dataTable(
    caption,
    columns.map((c) => c.id.replace(/_/g, ' ')),
    rows.map((i) => columns.map((c) => cell(c.id as BaseHistoryColumn, historyColumn(h, c.id)[i]))),
    columns.map((c) => c.meaning),
  );
}

export function createHistoryTable(): TableView {
  return createTableView(
    'Show as table',
    'history-table',
    (view) => [view.history, historyLength(view.history)],
    (view) => [historyTable(view.history)],
  );
}
