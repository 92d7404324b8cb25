// Compare mode's side B against the real engine (fake workers in Node): when
// the engine refuses B's TensorFlow Playground replay (code tfp_replay), B
// trains on A's very points instead, whether at opening or after a change of
// B's own settings, and the notice gives the engine's reason.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../web/src/engine/types';
import { openPair } from '../../web/src/page/pair';
import { MAX_NOTICE_LINE_CHARS } from '../../web/src/shared/messages';
import { createSessionStore, type SessionStore } from '../../web/src/page/session-store';
import { defaults } from '../../web/src/settings/schema';
import { toHash } from '../../web/src/settings/url';
import type { TrainingClient } from '../../web/src/worker/client';
import { nodeEngine } from './engine-fixture';
import { fakeWorker } from './fake-worker';

let engine: Engine;
beforeAll(async () => {
  engine = await nodeEngine();
});

const quiet = { set: () => undefined, clear: () => undefined };

// Side A replaying a TensorFlow Playground seed, and a client whose sessions are fake workers.
async function replayingA(): Promise<{ a: SessionStore; client: TrainingClient }> {
  const worker = fakeWorker(engine);
  const a = createSessionStore({ ...defaults(), dataset: 'xor', tfpSeed: '0.12345', shuffle: false, samples: 500 }, { toHash, notice: quiet });
  expect(await a.start(worker, engine.catalog(), worker.snapshot(), [])).toEqual([]);
  const client = {
    async open(patch: Parameters<TrainingClient['open']>[0], data: Parameters<TrainingClient['open']>[1] = {}) {
      const port = Object.assign(fakeWorker(engine), { id: 1 });
      const reply = await port.request({ kind: 'configure', patch, ...data });
      if (reply.kind !== 'snapshot') throw new Error('no snapshot');
      return { port, snapshot: reply.snapshot };
    },
  } as unknown as TrainingClient;
  return { a, client };
}

describe('compare mode, side B of a replay', () => {
  it("opens on A's points when the engine refuses B's replay, with the engine's reason", async () => {
    const { a, client } = await replayingA();
    // A different init keeps the sides' own weights (nothing is copied between the fakes).
    const { pair, notes } = await openPair(a, client, { init: 'xavier_uniform' }, quiet);
    expect(notes).toEqual(['B: not replayed exactly (TensorFlow Playground starts from uniform ±0.5 or zeros), so B trains on A’s points as its own']);
    for (const n of notes) expect(n.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS); // shown whole
    expect(pair.b.settings).toMatchObject({ tfpSeed: '', dataset: 'custom', init: 'xavier_uniform' });
    expect(pair.b.points?.x).toEqual(a.points?.x);
    expect(pair.b.points?.test).toEqual(a.points?.test);
    // A's next change leaves B on A's points: B follows without reloading them.
    await a.apply({ learningRate: 0.1 });
    await pair.follow();
    expect(pair.b.settings).toMatchObject({ tfpSeed: '', dataset: 'custom', learningRate: 0.1 });
    expect(pair.b.snapshot?.config.tfp_seed).toBe('');
  });

  it("moves to A's points when a change of B's own settings ends its replay", async () => {
    const { a, client } = await replayingA();
    const notices: string[][] = [];
    const { pair, notes } = await openPair(a, client, { init: 'zeros' }, { set: (_t, lines) => notices.push(lines), clear: () => undefined });
    expect(notes).toEqual([]);
    expect(pair.b.settings).toMatchObject({ tfpSeed: '0.12345', dataset: 'xor' });
    await pair.setB({ optimizer: 'adam' });
    expect(pair.b.settings).toMatchObject({ tfpSeed: '', dataset: 'custom', optimizer: 'adam' });
    expect(pair.b.snapshot?.config).toMatchObject({ tfp_seed: '', dataset: 'custom' });
    expect(pair.b.points?.x).toEqual(a.points?.x);
    expect(notices.at(-1)).toEqual(['TensorFlow Playground trains with plain SGD']);
  });
});
