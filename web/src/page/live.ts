// One mounted playground's moving parts, as the wiring (playground.ts) and
// its helpers here share them: the engine's client once it answers, what the
// views were made, and the little view state that is not a setting.
import type { OutputView } from '../components/output-view';
import type { Component, View } from '../components/view';
import type { TrainingClient } from '../worker/client';
import type { CompareMode } from './compare-mode';
import { createLoop, type Loop } from './loop';
import type { SessionStore } from './session-store';

export interface Live {
  store: SessionStore; // side A
  client: TrainingClient | null; // once the engine has started
  destroyed: boolean;
  focusLabel: string | null; // the hovered neuron's name, while its map is shown
  addLabel: number; // the class a click on the map adds
  components: Component[];
  outputView: OutputView | null;
  say(text: string): void; // the toolbar's status line
}

// What the views draw for one side (A's store, or B's in a comparison).
export function viewOf(live: Live, compare: CompareMode, side: SessionStore = live.store): View | null {
  const { store } = live;
  const { snapshot, catalog } = side;
  const points = side.points ?? store.points;
  if (!snapshot || !catalog || !points) return null;
  const pair = compare.pair;
  const other = pair && side === store ? { compare: { history: pair.b.history } } : {};
  return {
    settings: side.settings,
    catalog,
    snapshot,
    points,
    history: side.history,
    running: store.running,
    addLabel: live.addLabel,
    focusLabel: snapshot.grid.focus === null ? null : live.focusLabel,
    ...other,
  };
}

// The animation loop over both sides, and when the store's news draws.
export function createRunLoop(live: Live, compare: () => CompareMode): Loop {
  const { store } = live;
  const loop = createLoop({
    running: () => store.running,
    train: () => {
      const client = live.client;
      if (!client || client.busy || compare().opening) return;
      // A comparison trains both sides to the same epoch (no time budget: lockstep).
      const pair = compare().pair;
      if (pair) void pair.train(store.settings.epochsPerFrame).catch(() => undefined);
      // One: the worker trains on its own and answers with its latest state (worker/stream.ts).
      else void store.call({ kind: 'stream', epochs: store.settings.epochsPerFrame });
    },
    draw: () => {
      const v = viewOf(live, compare());
      if (v) for (const c of live.components) c.update(v);
      compare().draw();
    },
  });
  // Paused, an answer shows at once (the page never lags behind the engine's
  // last answer, e.g. a training request that was under way at pause);
  // playing, the next frame draws it.
  store.on('snapshot', () => (store.running ? loop.requestDraw() : loop.drawNow()));
  store.on('state', () => {
    loop.requestDraw();
    // Side B follows A's shared settings (data, seed, view), after A's change.
    const p = compare().pair;
    if (p) void store.serially(() => p.follow()).catch(() => undefined);
  });
  return loop;
}

// Play, pause, step and reset, for one side or both in lockstep.
export function runControls(live: Live, loop: Loop, compare: CompareMode) {
  const { store } = live;
  return {
    play() {
      if (live.destroyed || !live.client || store.running) return;
      store.running = true;
      loop.requestDraw();
    },
    pause() {
      const was = store.running;
      store.running = false;
      // The worker stops training on and sends where it stopped.
      if (was && live.client && !compare.pair) void store.call({ kind: 'stop' });
      loop.requestDraw();
    },
    async step() {
      store.running = false;
      const pair = compare.pair;
      if (pair) await pair.step().catch(() => undefined);
      else await store.call({ kind: 'train', epochs: 1 });
    },
    async reset() {
      const pair = compare.pair;
      if (pair) await pair.reset().catch(() => undefined);
      else await store.call({ kind: 'reset' });
    },
  };
}

// The step-through's engine calls.
export function stepCalls(live: Live) {
  return {
    trace: async (x: number, y: number, label: number) => {
      if (!live.client) throw new Error('The engine is not ready');
      const reply = await live.client.request({ kind: 'trace', x, y, label });
      if (reply.kind !== 'trace') throw new Error('Unexpected reply');
      return { trace: reply.trace, layers: reply.layers };
    },
    applySampleUpdate: async (x: number, y: number, label: number) => (await live.store.call({ kind: 'applySampleUpdate', x, y, label })) !== null,
  };
}
