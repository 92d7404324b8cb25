// A comparison: side B is a second session in the same worker, on A's data
// and seed, differing only in its own settings (settings/compare.ts). The
// pair trains in lockstep: both are asked for the same epoch (trainTo) and
// both answers are taken in together, so the page never shows them apart.
// A change that restarts one side restarts both, from the same weights where
// the shapes (and the initialisation) agree.
import { COMPARE_KEYS, differences, type SidePatch } from '../settings/compare';
import { reconcile, toConfig } from '../settings/config';
import { classCount, type TaskCatalog } from '../shared/task';
import { enginePoints } from '../settings/points-codec';
import type { Settings } from '../settings/schema';
import { toHash } from '../settings/url';
import type { SessionHandle, TrainingClient } from '../worker/client';
import { MAX_TRAIN_TO_EPOCHS } from '../worker/protocol';
import { pointsText } from './session-core';
import { createSessionStore, type Notifier, type RefusalLike, type SessionStore } from './session-store';

type Opened = Awaited<ReturnType<TrainingClient['open']>>;

export interface Pair {
  b: SessionStore;
  readonly own: SidePatch; // B's settings that differ from A's
  differences(): string[];
  setB(patch: Partial<Settings>): Promise<void>;
  train(epochs: number): Promise<void>; // both, to the same epoch
  step(): Promise<void>;
  reset(): Promise<void>;
  follow(): Promise<void>; // after a change of A: B takes A's shared settings
  adoptModel(json: string): Promise<void>; // after A loaded a model file: B restarts from its weights, at its epoch
  destroy(): void;
}

const pick = (s: Settings, own: SidePatch): Settings => ({ ...s, ...own, lesson: s.lesson, variant: s.variant });

// B on A's very points and split, when B's own settings end a TensorFlow
// Playground replay that A keeps (the engine refused B's replay: the replay's
// seed would otherwise fall back to another data set).
function onPointsOf(a: SessionStore, s: Settings, catalog: TaskCatalog): Settings {
  const c = a.snapshot?.config;
  if (!a.points || !c) return { ...s, tfpSeed: '' };
  const classes = Math.max(2, classCount(a.settings, catalog));
  return { ...s, tfpSeed: '', dataset: 'custom', problem: c.problem, classes, points: pointsText(a.points) };
}

// Side B's settings: A's with B's own over them, fitted as A's are; while B
// does not replay A's seed (`replays`), on A's points.
function sideSettings(a: SessionStore, own: SidePatch, catalog: TaskCatalog, replays: boolean): { settings: Settings; note: string } {
  const fitted = reconcile(pick(a.settings, own), catalog);
  return fitted.settings.tfpSeed === '' || replays ? fitted : { ...fitted, settings: onPointsOf(a, fitted.settings, catalog) };
}

// Opens B with `first`; when the engine refuses its replay (code tfp_replay), on A's points instead, saying why.
async function openSide(
  a: SessionStore,
  client: TrainingClient,
  own: SidePatch,
  catalog: TaskCatalog,
): Promise<{ settings: Settings; note: string; opened: Opened }> {
  const open = (s: Settings) => client.open(toConfig(s), s.dataset === 'custom' ? enginePoints(s.points) : {});
  const first = sideSettings(a, own, catalog, true);
  try {
    return { ...first, opened: await open(first.settings) };
  } catch (e) {
    if (!(e instanceof Error) || (e as RefusalLike).code !== 'tfp_replay') throw e;
    const left = sideSettings(a, own, catalog, false);
    const why = `not replayed exactly (${(e as RefusalLike).reason || e.message}), so B trains on A’s points as its own`;
    return { settings: left.settings, note: left.note ? `${left.note}; ${why}` : why, opened: await open(left.settings) };
  }
}

// B's own settings are those that differ from A's (a value equal to A's follows A).
function ownOf(a: SessionStore, bs: Settings): SidePatch {
  const out: SidePatch = {};
  for (const k of COMPARE_KEYS) if (JSON.stringify(bs[k]) !== JSON.stringify(a.settings[k])) (out as Record<string, unknown>)[k] = bs[k];
  return out;
}

// The same request to both sides at once.
function both<T>(a: SessionStore, b: SessionStore, req: (s: SessionStore) => Promise<T>): Promise<[T, T]> {
  return Promise.all([req(a), req(b)]);
}

// Same epoch on both sides, and at epoch 0 the same weights where shapes agree.
async function alignSides(a: SessionStore, b: SessionStore): Promise<void> {
  const ea = a.snapshot?.epoch ?? 0;
  const eb = b.snapshot?.epoch ?? 0;
  if (ea !== eb) {
    const [sa, sb] = await both(a, b, (s) => s.request({ kind: 'reset' }));
    a.receive(sa);
    b.receive(sb);
  }
  if ((a.snapshot?.epoch ?? 0) === 0 && a.settings.init === b.settings.init) b.receive(await b.request({ kind: 'copyWeights', from: 0 }));
}

async function trainBoth(a: SessionStore, b: SessionStore, target: number): Promise<void> {
  const [sa, sb] = await both(a, b, (s) => s.request({ kind: 'trainTo', epoch: target }));
  // Taken in together: nothing sees one side ahead of the other.
  a.receive(sa);
  b.receive(sb);
}

// B takes A's shared settings (and its own over them, `target`) in one change.
async function takeShared(b: SessionStore, target: Settings): Promise<void> {
  const patch: Partial<Settings> = {};
  for (const k of Object.keys(target) as (keyof Settings)[]) {
    if (k === 'lesson' || k === 'variant') continue;
    if (JSON.stringify(target[k]) !== JSON.stringify(b.settings[k])) (patch as Record<string, unknown>)[k] = target[k];
  }
  if (Object.keys(patch).length > 0) await b.apply(patch);
}

export async function openPair(a: SessionStore, client: TrainingClient, own0: SidePatch, notice: Notifier): Promise<{ pair: Pair; notes: string[] }> {
  const catalog = a.catalog;
  if (!catalog) throw new Error('The engine is not ready');
  let own: SidePatch = { ...own0 };
  const { settings: first, note, opened } = await openSide(a, client, own, catalog);
  const port: SessionHandle = opened.port;
  // B's commits rewrite the pair's link (A's commit path writes it). Once
  // the engine refuses B's replay, B stays on A's points.
  const leaveReplay = (s: Settings) => onPointsOf(a, s, catalog);
  const b = createSessionStore(first, { notice, toHash, writeUrl: () => a.writeHash(), leaveReplay });
  const want = () => sideSettings(a, own, catalog, b.settings.tfpSeed !== '').settings;
  await b.start(port, catalog, opened.snapshot, []);
  b.on('diverged', () => (a.running = false));

  const epochs = () => Math.max(a.snapshot?.epoch ?? 0, b.snapshot?.epoch ?? 0);
  // Playing: as many epochs a frame as asked, but a request (both sides, and
  // their pictures) of about FRAME_MS, so slow networks keep the page smooth:
  // the count doubles while answers come fast and halves when they are slow.
  // Both sides are still asked for the same epoch.
  const FRAME_MS = 50;
  let perFrame = 1;

  const align = () => alignSides(a, b);
  const trainTo = (target: number) => trainBoth(a, b, target);
  const takeA = () => takeShared(b, want());
  await align();

  const pair: Pair = {
    b,
    get own() {
      return own;
    },
    differences: () => differences(a.settings, b.settings),
    async setB(patch) {
      const mine: Partial<Settings> = {};
      for (const k of COMPARE_KEYS) if (k in patch) (mine as Record<string, unknown>)[k] = patch[k];
      await b.apply(mine);
      own = ownOf(a, b.settings);
      a.writeHash();
      await a.serially(align);
    },
    async follow() {
      await takeA();
      await align();
    },
    async adoptModel(json) {
      // B loads the same file (its weights, points, epoch and history), then
      // takes its own settings: a training setting keeps the loaded weights; a
      // network of its own starts fresh and is trained to A's epoch.
      const loaded = await b.request({ kind: 'importModel', json });
      b.receive(loaded);
      b.adoptEngineConfig(loaded);
      await takeA();
      const target = a.snapshot?.epoch ?? 0;
      while ((b.snapshot?.epoch ?? 0) < target && b.snapshot?.status === 'ok') {
        b.receive(await b.request({ kind: 'trainTo', epoch: Math.min(target, (b.snapshot?.epoch ?? 0) + MAX_TRAIN_TO_EPOCHS) }));
      }
    },
    async train(n) {
      const k = Math.max(1, Math.min(Math.floor(n), perFrame));
      const t0 = performance.now();
      await trainTo(epochs() + k);
      const took = performance.now() - t0;
      if (took < FRAME_MS) perFrame = Math.min(Math.max(1, Math.floor(n)), k * 2);
      else if (took > 3 * FRAME_MS) perFrame = Math.max(1, Math.floor(k / 2));
    },
    async step() {
      a.running = false;
      await trainTo(epochs() + 1);
    },
    async reset() {
      const [sa, sb] = await both(a, b, (s) => s.request({ kind: 'reset' }));
      a.receive(sa);
      b.receive(sb);
      await align();
    },
    destroy() {
      b.destroy();
      void port.request({ kind: 'close' }).catch(() => undefined);
    },
  };
  return { pair, notes: note ? [`B: ${note}`] : [] };
}
