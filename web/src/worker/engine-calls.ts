// The worker's small engine calls: timed training, configuration with its
// points, the history up to an epoch, weights copied between sessions.
import type { ConfigPatch, HistoryColumns, Playground, PlaygroundConfig } from '../engine/types';
import type { WorkerTiming } from './protocol';

// Running totals for the benchmark (bench/page_bench.mjs): one worker, all sessions.
export const timing: WorkerTiming = { trainMs: 0, epochs: 0, snapshotMs: 0, snapshots: 0 };

// Trains `epochs` epochs of `pg` and counts the time.
export function trainTimed(pg: Playground, epochs: number): void {
  const t0 = performance.now();
  const before = pg.epoch();
  pg.trainEpochs(epochs);
  timing.trainMs += performance.now() - t0;
  timing.epochs += pg.epoch() - before;
}

const DATA_FIELDS: (keyof PlaygroundConfig)[] = ['dataset', 'problem', 'classes', 'samples', 'noise', 'train_ratio', 'seed'];

export function dataKey(c: PlaygroundConfig): string {
  return JSON.stringify(DATA_FIELDS.map((k) => c[k]));
}

// A configuration with, when given, the points (and their train/test flags) in one engine call.
export function configureWith(
  pg: Playground,
  m: { patch: ConfigPatch; points?: [number, number, number][]; heldOut?: number[] },
): [number, number, number][] | undefined {
  const points = m.points && m.points.length > 0 ? m.points : undefined;
  pg.configure(m.patch, points, points && m.heldOut ? m.heldOut : undefined);
  return points;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Posts one message to the page (the worker's postMessage).
export type Post = (message: unknown, transfer: Transferable[]) => void;

// The history's rows up to `epoch` (the picture's; training may have gone on).
export function upTo(columns: HistoryColumns, epoch: number): HistoryColumns {
  const e = columns.epoch;
  let n = e.length;
  while (n > 0 && e[n - 1]! > epoch) n--;
  if (n === e.length) return columns;
  return Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.slice(0, n)])) as HistoryColumns;
}

// Session `to` starts from the weights of `from` in every layer whose shape
// agrees (the same initial weights for a comparison); other layers keep theirs.
export function copyWeights(from: Playground, to: Playground): void {
  const src = from.layers();
  const dst = to.layers();
  for (let l = 0; l < Math.min(src.length, dst.length); l++) {
    const a = src[l]!;
    const b = dst[l]!;
    if (a.rows !== b.rows || a.cols !== b.cols) continue;
    for (let r = 0; r < a.rows; r++) {
      for (let c = 0; c < a.cols; c++) to.setWeight(l, r, c, a.weights[r * a.cols + c]!);
      to.setBias(l, r, a.biases[r]!);
    }
  }
}
