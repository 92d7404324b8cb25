// The session store's state and its one way in and out: the events, the one
// commit path (settings, then the URL, then the listeners), taking in the
// engine's snapshots, and requests to the engine whose refusals are shown.
// The changes built on these are in session-changes.ts.
import type { Catalog, Status } from '../engine/types';
import { emptyHistory, mergeHistory, type HistoryData } from '../shared/history-data';
import { encodePoints, type PointRow } from '../settings/points-codec';
import { cloneSettings, type Settings } from '../settings/schema';
import type { PointsData, Reply, Request, Snapshot } from '../worker/protocol';
import type { RefusalLike, SessionPort, StoreEvents, StoreOptions } from './session-store';

// The engine said no: the message is its reason; nothing was changed.
class Refusal extends Error {}

function pointRows(p: PointsData): PointRow[] {
  return Array.from(p.x, (x, i) => [x, p.y[i]!, p.label[i]!] as PointRow);
}

// The engine's points as the link writes them: exact, with their split.
export function pointsText(p: PointsData): string {
  return encodePoints(pointRows(p), p.test);
}

interface SessionState {
  settings: Settings;
  port: SessionPort | null;
  catalog: Catalog | null;
  snapshot: Snapshot | null;
  points: PointsData | null;
  history: HistoryData;
  historyRevision: number; // the engine's, of the history the page holds
  running: boolean;
  destroyed: boolean;
  lastHash: string;
  lastStatus: Status;
  lastEpoch: number;
  lastStats: string; // the stats of the last epoch event, as JSON (NaN: null)
  refusal: string; // the last refusal's message
}

export type Core = ReturnType<typeof createCore>;

export function createCore(initial: Settings, options: StoreOptions) {
  const state: SessionState = {
    settings: initial,
    port: null,
    catalog: null,
    snapshot: null,
    points: null,
    history: emptyHistory(),
    historyRevision: -1,
    running: false,
    destroyed: false,
    lastHash: '',
    lastStatus: 'ok',
    lastEpoch: -1,
    lastStats: '',
    refusal: '',
  };
  const listeners: { [E in keyof StoreEvents]: Set<(p: StoreEvents[E]) => void> } = {
    epoch: new Set(),
    state: new Set(),
    diverged: new Set(),
    snapshot: new Set(),
    goal: new Set(),
  };
  const emit = <E extends keyof StoreEvents>(event: E, payload: StoreEvents[E]) => listeners[event].forEach((fn) => fn(payload));

  function writeHash(): void {
    state.lastHash = options.toHash(state.settings);
    options.writeUrl?.(state.lastHash);
  }

  // The one commit path: the settings become `next`, the URL follows, listeners hear it.
  function commit(next: Settings): void {
    state.settings = next;
    writeHash();
    emit('state', cloneSettings(state.settings));
  }

  function showError(e: unknown): void {
    state.refusal = e instanceof Error ? e.message : String(e);
    options.notice.set('The engine refused that change; nothing was changed', [state.refusal], 'error');
  }

  const core = { state, listeners, emit, writeHash, commit, showError, notice: options.notice, receive: (snap: Snapshot) => receive(core, snap) };
  return core;
}

// Takes in a snapshot from the engine (every one: each carries a piece of the history).
function receive(core: Pick<Core, 'state' | 'commit' | 'emit'>, snap: Snapshot): void {
  const { state } = core;
  state.history = mergeHistory(state.history, state.historyRevision, snap.history);
  state.historyRevision = snap.history.revision;
  if (snap.points) state.points = snap.points;
  state.snapshot = snap;
  // Point edits turn the data into the user's own: follow the engine.
  const c = snap.config;
  if (c.dataset === 'custom' && (snap.points || state.settings.dataset !== 'custom')) {
    const points = state.points ? pointsText(state.points) : state.settings.points;
    const synced: Settings = { ...state.settings, dataset: 'custom', problem: c.problem, classes: c.classes, points };
    if (JSON.stringify(synced) !== JSON.stringify(state.settings)) core.commit(synced);
  }
  if (snap.status === 'diverged' && state.lastStatus !== 'diverged') {
    state.running = false;
    core.emit('diverged', { message: snap.statusMessage });
  }
  state.lastStatus = snap.status;
  // A new epoch; or, before the first step, a new epoch 0 (new weights or
  // data give a new initial loss, as the history's row 0 does).
  const stats = JSON.stringify(snap.stats);
  if (snap.epoch !== state.lastEpoch || (snap.steps === 0 && stats !== state.lastStats)) {
    state.lastEpoch = snap.epoch;
    state.lastStats = stats;
    core.emit('epoch', { ...snap.stats });
  }
  core.emit('snapshot', snap);
}

export type EngineLink = ReturnType<typeof createEngineLink>;

// Requests to the engine, one at a time, and what a refusal does.
export function createEngineLink(core: Core) {
  const { state } = core;

  // One engine request; a refusal is shown and thrown as a Refusal (the
  // engine changed nothing: its snapshot, if any, is taken in as it is).
  async function ask(req: Request): Promise<Reply> {
    if (!state.port) throw new Refusal('The engine is not ready');
    try {
      return await state.port.request(req);
    } catch (e) {
      if (state.destroyed) throw e;
      const snap = (e as RefusalLike).snapshot;
      if (snap) core.receive(snap);
      core.showError(e);
      throw new Refusal(e instanceof Error ? e.message : String(e));
    }
  }

  async function request(req: Request): Promise<Snapshot> {
    const reply = await ask(req);
    if (reply.kind === 'snapshot' || reply.kind === 'csv' || reply.kind === 'model') return reply.snapshot;
    throw new Refusal(`Unexpected reply ${reply.kind} to ${req.kind}`);
  }

  // A request whose refusal is only shown (point edits, weights, training).
  async function call(req: Request): Promise<Snapshot | null> {
    try {
      const snap = await request(req);
      core.receive(snap);
      return snap;
    } catch {
      return null;
    }
  }

  // Changes run one at a time, each from the settings the last one left.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return { ask, request, call, serially };
}
