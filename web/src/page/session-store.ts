// One playground's session: its settings, the engine's last answer and the
// history the page holds. Every change goes one way: a request to the engine,
// then (once it said yes) one commit that writes the URL and emits events.
// No DOM here: the store talks to the engine through a SessionPort, so a fake
// (tests/web) or the worker (worker/client.ts) can stand behind it. The state
// and the commit path are in session-core.ts, the changes in session-changes.ts.
import type { Lesson, LessonVariant } from '../lessons/format';
import type { EpochStats, ErrorCode } from '../engine/types';
import type { GoalEvent } from '../lessons/goals';
import type { Settings } from '../settings/schema';
import type { Reply, Request, Snapshot } from '../worker/protocol';
import { adoptEngineConfig, applyNow, loadLessonNow, start } from './session-changes';
import { createCore, createEngineLink } from './session-core';

// The engine as the store sees it: requests answered in order.
export interface SessionPort {
  request(req: Request): Promise<Reply>;
  readonly busy: boolean;
}

// A refusal from the engine carries its reason and, when it has one, the
// snapshot of the unchanged session (worker/client.ts WorkerError).
export interface RefusalLike extends Error {
  snapshot?: Snapshot | null;
  code?: ErrorCode; // the engine's code for its refusal (ENGINE.errorCodes), and its cause
  reason?: string;
}

export interface Notifier {
  set(title: string, lines: string[], kind?: 'warning' | 'error' | 'info'): void;
  clear(): void;
}

// What a caller has to tell of a change already (ignored keys, or information).
export interface Said {
  title: string;
  lines: string[];
  kind?: 'warning' | 'info';
}

export interface StoreEvents {
  epoch: EpochStats;
  state: Settings;
  diverged: { message: string };
  snapshot: Snapshot; // every answer taken in (the loop draws it)
  goal: GoalEvent; // a lesson's exercise reached (page/goal-tracker.ts)
}

export interface StoreOptions {
  notice: Notifier;
  writeUrl?: (hash: string) => void; // the full page keeps the settings in its address
  toHash: (s: Settings) => string;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(initial: Settings, options: StoreOptions) {
  const core = createCore(initial, options);
  const link = createEngineLink(core);
  const { state, listeners } = core;
  const parts = { core, link };
  return {
    get settings() {
      return state.settings;
    },
    get catalog() {
      return state.catalog;
    },
    get snapshot() {
      return state.snapshot;
    },
    get points() {
      return state.points;
    },
    get history() {
      return state.history;
    },
    get port() {
      return state.port;
    },
    get running() {
      return state.running;
    },
    set running(on: boolean) {
      state.running = on;
    },
    get lastHash() {
      return state.lastHash;
    },
    get destroyed() {
      return state.destroyed;
    },
    on<E extends keyof StoreEvents>(event: E, fn: (payload: StoreEvents[E]) => void): () => void {
      listeners[event].add(fn);
      return () => listeners[event].delete(fn);
    },
    start: (engine: SessionPort, catalog: Parameters<typeof start>[2], first: Snapshot, notices: string[]) => start(parts, engine, catalog, first, notices),
    receive: core.receive,
    ask: link.ask,
    request: link.request,
    call: link.call,
    serially: link.serially,
    // `said`: what the caller has to tell of the change already (ignored keys),
    // shown in one notice with what the page had to change to fit.
    apply: (patch: Partial<Settings>, said: Said = { title: '', lines: [] }): Promise<void> => link.serially(() => applyNow(parts, patch, said)),
    loadLesson: (lesson: Lesson, variant: LessonVariant, base?: Settings): Promise<void> =>
      link.serially(() => loadLessonNow(parts, lesson, variant, base ?? state.settings)),
    commit: core.commit,
    reachGoal: (g: GoalEvent) => core.emit('goal', g),
    writeHash: core.writeHash,
    adoptEngineConfig: (snap: Snapshot) => adoptEngineConfig(core, snap),
    showError: core.showError,
    destroy() {
      state.destroyed = true;
      state.running = false;
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
