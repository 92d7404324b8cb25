// The playground's public API (mount() returns it): play, pause, step, reset,
// settings in and out, events, and read-only views for tests and tools.
import type { EpochStats, PlaygroundConfig, Status } from '../engine/types';
import { classCount } from '../shared/task';
import { describeValue } from '../shared/messages';
import { assertPatchShape, validPatch, type AnyPatch } from '../settings/patch';
import { cloneSettings, type Settings } from '../settings/schema';
import type { HistoryData } from '../shared/history-data';
import type { LayerData, PointsData, TraceData, WorkerTiming } from '../worker/protocol';
import type { SessionStore } from './session-store';
import type { GoalEvent } from '../lessons/goals';

type PointsJson = { x: number[]; y: number[]; label: number[]; test: number[] };
const pointsJson = (p: PointsData | null): PointsJson => ({
  x: Array.from(p?.x ?? []),
  y: Array.from(p?.y ?? []),
  label: Array.from(p?.label ?? []),
  test: Array.from(p?.test ?? []),
});

export interface PlaygroundEvents {
  epoch: EpochStats;
  state: Settings;
  diverged: { message: string };
  goal: GoalEvent; // once, when every goal of the lesson's exercise holds
}

export interface Controller {
  readonly ready: Promise<void>;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  reset(): Promise<void>;
  getState(): Settings;
  // Applies the valid keys of `patch` as one change; resolves to the keys it
  // refused. Rejects (and changes nothing) when the patch is not an object of
  // at most MAX_PATCH_KEYS keys, or the engine refuses the combination.
  setState(patch: Partial<Record<keyof Settings, unknown>>): Promise<string[]>;
  destroy(): void;
  // Throws a TypeError for an unknown event or a listener that is not a
  // function. A listener's own failure is reported once on the console and
  // changes nothing else (setState still resolves, the page still updates).
  on<E extends keyof PlaygroundEvents>(event: E, fn: (payload: PlaygroundEvents[E]) => void): () => void;
  // Read-only views for tests and tools.
  readonly debug: {
    predict(x: number, y: number): Promise<number[]>;
    // Resolves once every change asked for before it has been answered by the
    // engine and taken in, and a frame drawn: a test's "nothing changed" is
    // then a fact, not a guess after a pause.
    sync(): Promise<void>;
    outputGrid(): { n: number; lo: number; hi: number; classes: number; unit: string; values: number[] } | null;
    epoch(): number;
    status(): Status;
    running(): boolean;
    hash(): string;
    pointCount(): number;
    // The engine's trace of one sample and the weights it used (what the step-through shows).
    trace(x: number, y: number, label: number): Promise<{ trace: TraceJson; layers: LayersJson }>;
    layers(): LayersJson; // the weights of the last snapshot
    config(): PlaygroundConfig | null; // the engine's configuration in the last snapshot
    points(): PointsJson;
    history(): HistoryData; // what the loss history CSV holds
    workerTiming(): WorkerTiming | null; // the worker's running totals at the last snapshot (bench/page_bench.mjs)
    // A comparison's side B (null when not comparing): its epoch, settings, history and named differences.
    compare(): { epoch: number; settings: Settings; history: HistoryData; differences: string[]; layers: LayersJson; points: PointsJson } | null;
  };
}

export type LayersJson = { rows: number; cols: number; weights: number[]; biases: number[] }[];
export interface TraceJson {
  input: number[];
  target: number[];
  output: number[];
  loss: number;
  layers: { z: number[]; a: number[]; delta: number[]; dW: number[]; db: number[] }[];
}

const layersJson = (ls: LayerData[]): LayersJson =>
  ls.map((l) => ({ rows: l.rows, cols: l.cols, weights: Array.from(l.weights), biases: Array.from(l.biases) }));
const traceJson = (t: TraceData): TraceJson => ({
  input: Array.from(t.input),
  target: Array.from(t.target),
  output: Array.from(t.output),
  loss: t.loss,
  layers: t.layers.map((l) => ({ z: Array.from(l.z), a: Array.from(l.a), delta: Array.from(l.delta), dW: Array.from(l.dW), db: Array.from(l.db) })),
});

// What the controller drives besides the store.
export interface ControllerHost {
  ready: () => Promise<void>;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  reset(): Promise<void>;
  destroy(): void;
  toHash(s: Settings): string;
  compare(): { b: SessionStore; differences: string[] } | null;
}

// The events a host may listen to (the store's 'snapshot' is the page's own).
export const HOST_EVENTS: readonly (keyof PlaygroundEvents)[] = ['epoch', 'state', 'diverged', 'goal'];
const isHostEvent = (e: unknown): e is keyof PlaygroundEvents => typeof e === 'string' && HOST_EVENTS.some((k) => k === e);

// A host's listener runs inside the page's own update (the counter, the data
// panel and the URL follow after it): whatever it throws, or an async one
// rejects with, stays with it. Reported once per listener, so a listener that
// fails on every epoch does not flood the console.
function isolated<T>(event: string, fn: (payload: T) => unknown): (payload: T) => void {
  let reported = false;
  const report = (e: unknown) => {
    if (reported) return;
    reported = true;
    console.error(`nn-playground: a listener of '${event}' failed; the playground goes on (later failures of this listener are not reported):`, e);
  };
  return (payload) => {
    try {
      const r = fn(payload);
      if (r instanceof Promise) r.catch(report);
    } catch (e) {
      report(e);
    }
  };
}

const historyCopy = (hd: HistoryData): HistoryData => Object.fromEntries(Object.entries(hd).map(([k, v]) => [k, v.slice()]));

export function createController(store: SessionStore, host: ControllerHost): Controller {
  const port = () => {
    const p = store.port;
    if (!p) throw new Error('The engine is not ready');
    return p;
  };
  return {
    get ready() {
      return host.ready();
    },
    play: () => host.play(),
    pause: () => host.pause(),
    step: () => host.step(),
    reset: () => host.reset(),
    getState: () => cloneSettings(store.settings),
    async setState(patch) {
      assertPatchShape(patch, 'setState: the patch');
      const { patch: valid, refused, reasons } = validPatch(patch as AnyPatch);
      // The engine checks every change: one asked for before it runs waits for it.
      await host.ready();
      await store.apply(valid, { title: 'Some settings were ignored or changed', lines: reasons });
      return refused;
    },
    destroy: () => host.destroy(),
    on(event, fn) {
      // Checked at once: a typo or a missing function is the host's bug, said where it is made.
      if (!isHostEvent(event)) throw new TypeError(`nn-playground: on(): unknown event ${describeValue(event)}; known: ${HOST_EVENTS.join(', ')}`);
      if (typeof fn !== 'function') throw new TypeError(`nn-playground: on('${event}', listener): the listener must be a function (got ${describeValue(fn)})`);
      return store.on(event, isolated(event, fn));
    },
    debug: {
      predict: async (x, y) => {
        const reply = await port().request({ kind: 'predict', x, y });
        if (reply.kind !== 'predict') throw new Error('Unexpected reply');
        return Array.from(reply.value);
      },
      sync: () =>
        store.serially(async () => {
          // A request with no effect, after all earlier ones (the worker answers in order).
          await port().request({ kind: 'predict', x: 0, y: 0 });
          await new Promise<void>((r) => requestAnimationFrame(() => r()));
        }),
      outputGrid: () => {
        const snapshot = store.snapshot;
        const catalog = store.catalog;
        if (!snapshot || !catalog) return null;
        const g = snapshot.grid;
        return {
          n: g.outN,
          lo: g.lo,
          hi: g.hi,
          classes: classCount(store.settings, catalog),
          unit: catalog.outputs.find((o) => o.id === snapshot.config.output)?.unit ?? '',
          values: Array.from(g.output),
        };
      },
      epoch: () => store.snapshot?.epoch ?? 0,
      status: () => store.snapshot?.status ?? 'ok',
      running: () => store.running,
      hash: () => host.toHash(store.settings),
      pointCount: () => store.points?.x.length ?? 0,
      trace: async (x, y, label) => {
        const reply = await port().request({ kind: 'trace', x, y, label });
        if (reply.kind !== 'trace') throw new Error('Unexpected reply');
        return { trace: traceJson(reply.trace), layers: layersJson(reply.layers) };
      },
      layers: () => layersJson(store.snapshot?.layers ?? []),
      config: () => (store.snapshot ? (JSON.parse(JSON.stringify(store.snapshot.config)) as PlaygroundConfig) : null),
      points: () => pointsJson(store.points),
      history: () => historyCopy(store.history),
      workerTiming: () => (store.snapshot ? { ...store.snapshot.work } : null),
      compare: () => {
        const c = host.compare();
        if (!c) return null;
        const b = c.b;
        return {
          epoch: b.snapshot?.epoch ?? 0,
          settings: cloneSettings(b.settings),
          history: historyCopy(b.history),
          differences: c.differences,
          layers: layersJson(b.snapshot?.layers ?? []),
          points: pointsJson(b.points),
        };
      },
    },
  };
}
