// A course page's listeners (controller.on) against the real engine in Node:
// a listener that throws, rejects or is not a function never harms the
// playground (its epoch counter, its settings, setState's answer), is
// reported once, and on() refuses bad arguments with a clear TypeError.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine, EpochStats } from '../../web/src/engine/types';
import { createController, type Controller } from '../../web/src/page/controller';
import { createSessionStore, type SessionStore } from '../../web/src/page/session-store';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { toHash } from '../../web/src/settings/url';
import { nodeEngine } from './engine-fixture';
import { fakeWorker, type FakeWorker } from './fake-worker';

let engine: Engine;
beforeAll(async () => {
  engine = await nodeEngine();
});
afterEach(() => vi.restoreAllMocks());

interface Rig {
  store: SessionStore;
  worker: FakeWorker;
  pg: Controller;
  shown: { epoch: number; dataset: string }; // what the page's own panels draw (from the store's snapshots and commits)
}

async function rig(initial: Partial<Settings> = {}): Promise<Rig> {
  const worker = fakeWorker(engine);
  const store = createSessionStore({ ...defaults(), ...initial }, { toHash, notice: { set: () => undefined, clear: () => undefined } });
  await store.start(worker, engine.catalog(), worker.snapshot(), []);
  const shown = { epoch: store.snapshot?.epoch ?? -1, dataset: store.settings.dataset };
  // The page's own views listen first (playground.ts registers them before any host can).
  store.on('snapshot', (s) => (shown.epoch = s.epoch));
  store.on('state', (s) => (shown.dataset = s.dataset));
  const pg = createController(store, {
    ready: () => Promise.resolve(),
    play: () => undefined,
    pause: () => undefined,
    step: async () => {
      await store.call({ kind: 'train', epochs: 1 });
    },
    reset: async () => {
      await store.call({ kind: 'reset' });
    },
    destroy: () => store.destroy(),
    toHash,
    compare: () => null,
  });
  return { store, worker, pg, shown };
}

describe('host listeners are isolated', () => {
  it('a throwing epoch listener: the page and the engine agree after two steps, one console report', async () => {
    const { worker, pg, shown } = await rig();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    pg.on('epoch', () => {
      calls++;
      throw new Error('course page bug');
    });
    const seen: number[] = [];
    pg.on('epoch', (s: EpochStats) => seen.push(s.epoch));
    await pg.step();
    await pg.step();
    expect(worker.pg.epoch()).toBe(2);
    expect(pg.debug.epoch()).toBe(2);
    expect(shown.epoch).toBe(2);
    // The throwing listener kept being called, and a later listener heard every epoch.
    expect(calls).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/a listener of 'epoch' failed; the playground goes on/);
    expect(errors.mock.calls[0]![1]).toMatchObject({ message: 'course page bug' });
  });

  it('each failing listener is reported once, a rejecting async listener too', async () => {
    const { pg } = await rig();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    pg.on('epoch', () => {
      throw new Error('first');
    });
    pg.on('epoch', async () => {
      throw new Error('second');
    });
    for (let i = 0; i < 5; i++) await pg.step();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors.mock.calls.map((c) => (c[1] as Error).message).sort()).toEqual(['first', 'second']);
  });

  it('setState resolves when the change was made, whatever a state listener throws', async () => {
    const { worker, pg, store, shown } = await rig({ dataset: 'circle' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    pg.on('state', () => {
      throw new Error('state listener bug');
    });
    await expect(pg.setState({ dataset: 'xor' })).resolves.toEqual([]);
    expect(worker.pg.config().dataset).toBe('xor');
    expect(store.settings.dataset).toBe('xor');
    expect(pg.getState().dataset).toBe('xor');
    expect(shown.dataset).toBe('xor');
    // And it still rejects when nothing changed.
    await expect(pg.setState('xor' as unknown as Partial<Settings>)).rejects.toThrow(/setState/);
    expect(worker.pg.config().dataset).toBe('xor');
  });

  it('on() refuses an unknown event or a listener that is not a function, naming what is allowed', async () => {
    const { pg } = await rig();
    const on = pg.on as (event: unknown, fn: unknown) => () => void;
    for (const name of ['nope', 'snapshot', 'constructor', '__proto__', 'toString', 'EPOCH', '']) {
      expect(() => on(name, () => undefined)).toThrow(TypeError);
      expect(() => on(name, () => undefined)).toThrow(`on(): unknown event ${JSON.stringify(name)}; known: epoch, state, diverged, goal`);
    }
    expect(() => on(42, () => undefined)).toThrow('unknown event 42; known: epoch, state, diverged, goal');
    for (const [fn, said] of [
      [null, 'null'],
      [undefined, 'undefined'],
      ['alert(1)', '"alert(1)"'],
      [{}, 'an object'],
    ] as const) {
      expect(() => on('epoch', fn)).toThrow(TypeError);
      expect(() => on('epoch', fn)).toThrow(`on('epoch', listener): the listener must be a function (got ${said})`);
    }
    // A refused on() added nothing: stepping works and nothing is reported.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await pg.step();
    expect(pg.debug.epoch()).toBe(1);
    expect(errors).not.toHaveBeenCalled();
    // The function on() returns removes the listener.
    const seen: number[] = [];
    const off = pg.on('epoch', (s) => seen.push(s.epoch));
    await pg.step();
    off();
    await pg.step();
    expect(seen).toEqual([2]);
  });
});
