// The page's copy of the engine's (bounded) history, kept from the pieces the
// worker sends: a new revision of the engine's history (thinned, reset or
// replaced) replaces the copy, else the new rows are appended. Every column
// goes by its engine name (HistoryColumns): nothing here names a column but
// 'epoch'. No spreads: a long array as arguments overflows the call stack.

// The history, column by engine name (see HistoryColumns in engine/types),
// in the engine's column order; read it with historyColumn().
export type HistoryData = Record<string, number[]>;

export interface HistoryPiece {
  revision: number;
  since: number; // row index of the first row sent
  columns: Record<string, ArrayLike<number>>;
}

export function emptyHistory(): HistoryData {
  return { epoch: [] };
}

// The named column, or an empty one when the history has no such column.
export function historyColumn(h: HistoryData, name: string): number[] {
  return h[name] ?? [];
}

export function historyLength(h: HistoryData): number {
  return historyColumn(h, 'epoch').length;
}

// Returns the history after `piece`: the same object when rows were only
// appended, a new one when it was replaced (the charts redraw a new one whole).
export function mergeHistory(held: HistoryData, heldRevision: number, piece: HistoryPiece): HistoryData {
  let out = held;
  const names = Object.keys(piece.columns);
  const sameColumns = names.length === Object.keys(held).length && names.every((k) => k in held);
  if (piece.revision !== heldRevision || piece.since < historyLength(held) || !sameColumns) {
    const keep = piece.revision === heldRevision && sameColumns ? Math.min(piece.since, historyLength(held)) : 0;
    out = {};
    for (const k of names) out[k] = historyColumn(held, k).slice(0, keep);
  }
  for (const k of names) {
    const to = (out[k] ??= []);
    const from = piece.columns[k]!;
    for (let i = 0; i < from.length; i++) to.push(from[i]!);
  }
  return out;
}
