// The page's copy of the engine's (bounded) loss history, kept from the
// pieces the worker sends: a new revision of the engine's history (thinned,
// reset or replaced) replaces the copy, else the new rows are appended. No
// spreads: a long array as arguments overflows the call stack.
import type { HistoryData } from './view';

export interface HistoryPiece {
  revision: number;
  since: number; // row index of the first row sent
  epoch: ArrayLike<number>;
  trainLoss: ArrayLike<number>;
  testLoss: ArrayLike<number>;
  trainAccuracy: ArrayLike<number>;
  testAccuracy: ArrayLike<number>;
}

export const HISTORY_KEYS = ['epoch', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;

export function emptyHistory(): HistoryData {
  return { epoch: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] };
}

// Returns the history after `piece`: the same object when rows were only
// appended, a new one when it was replaced (the charts redraw a new one whole).
export function mergeHistory(held: HistoryData, heldRevision: number, piece: HistoryPiece): HistoryData {
  let out = held;
  if (piece.revision !== heldRevision || piece.since < held.epoch.length) {
    const keep = piece.revision === heldRevision ? Math.min(piece.since, held.epoch.length) : 0;
    out = emptyHistory();
    for (const k of HISTORY_KEYS) out[k] = held[k].slice(0, keep);
  }
  for (const k of HISTORY_KEYS) {
    const to = out[k];
    const from = piece[k];
    for (let i = 0; i < from.length; i++) to.push(from[i]!);
  }
  return out;
}
