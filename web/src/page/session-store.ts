// One playground's session: its settings, the engine's last answer and the
// history the page holds. Every change goes one way: a request to the engine,
// then (once it said yes) one commit that writes the URL and emits events.
// No DOM here: the store talks to the engine through a SessionPort, so a fake
// (tests/web) or the worker (worker/client.ts) can stand behind it.
import type { Lesson, LessonVariant } from '../courses/lessons';
import type { Catalog, EpochStats, ErrorCode, Status } from '../engine/types';
import { reconcile, toConfig } from '../settings/config';
import { planChange } from '../settings/change';
import { encodePoints, enginePoints, type PointRow } from '../settings/points-codec';
import { ENGINE_SETTINGS, cloneSettings, defaults, type Settings } from '../settings/schema';
import { isUnchangedPreset, lessonOf, lessonSettings, settingsFromConfig } from '../settings/lesson';
import { emptyHistory, mergeHistory } from '../components/history-data';
import type { HistoryData } from '../components/view';
import type { PointsData, Reply, Request, Snapshot } from '../worker/protocol';

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
}

// The engine said no: the message is its reason; nothing was changed.
export class Refusal extends Error {}

export interface StoreOptions {
  notice: Notifier;
  writeUrl?: (hash: string) => void; // the full page keeps the settings in its address
  toHash: (s: Settings) => string;
}

export function pointRows(p: PointsData): PointRow[] {
  return Array.from(p.x, (x, i) => [x, p.y[i]!, p.label[i]!] as PointRow);
}

// The engine's points as the link writes them: exact, with their split.
export function pointsText(p: PointsData): string {
  return encodePoints(pointRows(p), p.test);
}

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(initial: Settings, options: StoreOptions) {
  const { notice } = options;
  let settings = initial;
  let port: SessionPort | null = null;
  let catalog: Catalog | null = null;
  let snapshot: Snapshot | null = null;
  let points: PointsData | null = null;
  let history: HistoryData = emptyHistory();
  let historyRevision = -1; // the engine's, of the history the page holds
  let running = false;
  let destroyed = false;
  let lastHash = '';
  let lastStatus: Status = 'ok';
  let lastEpoch = -1;
  let lastStats = ''; // the stats of the last epoch event, as JSON (NaN: null)
  let refusal = '';

  const listeners: { [E in keyof StoreEvents]: Set<(p: StoreEvents[E]) => void> } = { epoch: new Set(), state: new Set(), diverged: new Set(), snapshot: new Set() };
  const emit = <E extends keyof StoreEvents>(event: E, payload: StoreEvents[E]) => listeners[event].forEach((fn) => fn(payload));

  function writeHash(): void {
    lastHash = options.toHash(settings);
    options.writeUrl?.(lastHash);
  }

  // The one commit path: the settings become `next`, the URL follows, listeners hear it.
  function commit(next: Settings): void {
    settings = next;
    writeHash();
    emit('state', cloneSettings(settings));
  }

  function showError(e: unknown): void {
    refusal = e instanceof Error ? e.message : String(e);
    notice.set('The engine refused that change; nothing was changed', [refusal], 'error');
  }

  // Takes in a snapshot from the engine (every one: each carries a piece of the history).
  function receive(snap: Snapshot): void {
    history = mergeHistory(history, historyRevision, snap.history);
    historyRevision = snap.history.revision;
    if (snap.points) points = snap.points;
    snapshot = snap;
    // Point edits turn the data into the user's own: follow the engine.
    const c = snap.config;
    if (c.dataset === 'custom' && (snap.points || settings.dataset !== 'custom')) {
      const synced: Settings = { ...settings, dataset: 'custom', problem: c.problem, classes: c.classes, points: points ? pointsText(points) : settings.points };
      if (JSON.stringify(synced) !== JSON.stringify(settings)) commit(synced);
    }
    if (snap.status === 'diverged' && lastStatus !== 'diverged') {
      running = false;
      emit('diverged', { message: snap.statusMessage });
    }
    lastStatus = snap.status;
    // A new epoch; or, before the first step, a new epoch 0 (new weights or
    // data give a new initial loss, as the history's row 0 does).
    const stats = JSON.stringify(snap.stats);
    if (snap.epoch !== lastEpoch || (snap.steps === 0 && stats !== lastStats)) {
      lastEpoch = snap.epoch;
      lastStats = stats;
      emit('epoch', { ...snap.stats });
    }
    emit('snapshot', snap);
  }

  // One engine request; a refusal is shown and thrown as a Refusal (the
  // engine changed nothing: its snapshot, if any, is taken in as it is).
  async function ask(req: Request): Promise<Reply> {
    if (!port) throw new Refusal('The engine is not ready');
    try {
      return await port.request(req);
    } catch (e) {
      if (destroyed) throw e;
      const snap = (e as RefusalLike).snapshot;
      if (snap) receive(snap);
      showError(e);
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
      receive(snap);
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

  // Applies a patch as one change: the engine first, in one call; the
  // settings change only once it has accepted. Throws a Refusal otherwise.
  // `said`: what the caller has to tell of the change already (ignored keys),
  // shown in one notice with what the page had to change to fit.
  function apply(patch: Partial<Settings>, said: Said = { title: '', lines: [] }): Promise<void> {
    return serially(() => applyNow(patch, said));
  }

  async function applyNow(patch: Partial<Settings>, said: Said): Promise<void> {
    const tell = (note: string) => {
      const lines = note ? [...said.lines, note] : said.lines;
      // Information stays information only while nothing had to change.
      if (note && said.kind === 'info') notice.set('A setting was changed to fit the others', lines);
      else if (lines.length) notice.set(said.title || 'A setting was changed to fit the others', lines, said.kind);
    };
    if (!catalog) {
      settings = { ...settings, ...patch };
      tell('');
      return;
    }
    // Naming another lesson (and nothing the engine reads) loads its preset.
    if (patch.lesson && (patch.lesson !== settings.lesson || (patch.variant ?? '') !== settings.variant) && !ENGINE_SETTINGS.some((k) => k in patch)) {
      const chosen = lessonOf({ lesson: patch.lesson, variant: patch.variant ?? '' });
      if (chosen) {
        tell('');
        await loadLessonNow(chosen.lesson, chosen.variant, { ...settings, ...patch });
        return;
      }
    }
    // A new seed ends TensorFlow Playground's exact replay.
    const leaving = settings.tfpSeed !== '' && 'seed' in patch && !('tfpSeed' in patch);
    const plan = planChange(settings, leaving ? { ...patch, tfpSeed: '' } : patch, catalog);
    tell(plan.note);
    if (leaving) notice.set('No longer TensorFlow Playground-exact', ['A new seed: the run is this playground’s own from now on']);
    if (plan.kind === 'none') return;
    if (plan.kind === 'view') return commit(plan.next);
    const configure = (s: Settings): Request => ({ kind: 'configure', patch: toConfig(s), ...(plan.points ? { points: plan.points, heldOut: plan.heldOut } : {}) });
    let next = plan.next;
    let snap: Snapshot | undefined;
    if (next.tfpSeed !== '' && port) {
      // Leaving the exact replay is said, never silent: a change it cannot
      // follow (the engine refuses it naming tfp_seed) ends it, with the reason.
      const tried = await port.request(configure(next)).catch((e: unknown): RefusalLike => (e instanceof Error ? e : new Error(String(e))));
      if (tried instanceof Error && tried.code === 'tfp_replay') {
        next = { ...next, tfpSeed: '' };
        notice.set('No longer TensorFlow Playground-exact', [tried.reason ?? tried.message]);
      } else if (!(tried instanceof Error) && tried.kind === 'snapshot') snap = tried.snapshot;
    }
    snap ??= await request(configure(next));
    settings = next;
    receive(snap);
    commit(settings);
  }

  // A lesson's preset: its configuration, points and weights from epoch 0; the
  // view settings stay (from `base`). The settings change once the engine has it.
  function loadLesson(lesson: Lesson, variant: LessonVariant, base?: Settings): Promise<void> {
    return serially(() => loadLessonNow(lesson, variant, base ?? settings));
  }

  async function loadLessonNow(lesson: Lesson, variant: LessonVariant, base: Settings): Promise<void> {
    if (!catalog || !port) return;
    running = false;
    const next = reconcile({ ...base, ...lessonSettings(lesson, variant) }, catalog).settings;
    const snap = await request({ kind: 'lesson', lesson: lesson.id, variant: variant.id });
    settings = next;
    receive(snap);
    commit(settings);
  }

  // After a model file: the settings become what the engine now runs.
  function adoptEngineConfig(snap: Snapshot): void {
    if (!catalog) return;
    const own = snap.config.dataset === 'custom' && points ? pointsText(points) : '';
    commit(reconcile({ ...settings, ...settingsFromConfig(snap.config), points: own, lesson: '', variant: '' }, catalog).settings);
  }

  // The engine is there: the settings asked for are checked and sent (a
  // lesson link nobody changed loads the preset itself). Returns the notices.
  async function start(engine: SessionPort, engineCatalog: Catalog, first: Snapshot, notices: string[]): Promise<string[]> {
    port = engine;
    catalog = engineCatalog;
    receive(first);
    const fixed = reconcile(settings, catalog);
    settings = fixed.settings;
    const out = [...notices];
    if (fixed.note) out.push(fixed.note);
    const preset = isUnchangedPreset(settings) ? lessonOf(settings) : null;
    const ok = preset
      ? await call({ kind: 'lesson', lesson: preset.lesson.id, variant: preset.variant.id })
      : await call({ kind: 'configure', patch: toConfig(settings), ...(settings.dataset === 'custom' ? enginePoints(settings.points) : {}) });
    if (!ok) {
      out.push(`The engine refused the combination (${refusal}); the default settings are used`);
      settings = reconcile(defaults(), catalog).settings;
      await call({ kind: 'configure', patch: toConfig(settings) });
    }
    writeHash();
    return out;
  }

  return {
    get settings() {
      return settings;
    },
    get catalog() {
      return catalog;
    },
    get snapshot() {
      return snapshot;
    },
    get points() {
      return points;
    },
    get history() {
      return history;
    },
    get port() {
      return port;
    },
    get running() {
      return running;
    },
    set running(on: boolean) {
      running = on;
    },
    get lastHash() {
      return lastHash;
    },
    get destroyed() {
      return destroyed;
    },
    on<E extends keyof StoreEvents>(event: E, fn: (payload: StoreEvents[E]) => void): () => void {
      listeners[event].add(fn);
      return () => listeners[event].delete(fn);
    },
    start,
    receive,
    ask,
    request,
    call,
    serially,
    apply,
    loadLesson,
    commit,
    writeHash,
    adoptEngineConfig,
    showError,
    destroy() {
      destroyed = true;
      running = false;
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
