// The page's session store against a fake worker (the real engine in Node):
// one commit path (the URL written once, one state event, only after the
// engine said yes), refusals that change nothing, the history taken from the
// replies, divergence stopping the run, and changes one at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../web/src/engine/types';
import { createSessionStore, type SessionStore } from '../../web/src/page/session-store';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { toHash } from '../../web/src/settings/url';
import { nodeEngine } from './engine-fixture';
import { fakeWorker, type FakeWorker } from './fake-worker';

let engine: Engine;
beforeAll(async () => {
  engine = await nodeEngine();
});

interface Rig {
  store: SessionStore;
  worker: FakeWorker;
  urls: string[];
  states: Settings[];
  notices: { title: string; lines: string[]; kind?: string }[];
}

async function rig(initial: Partial<Settings> = {}): Promise<Rig> {
  const worker = fakeWorker(engine);
  const urls: string[] = [];
  const states: Settings[] = [];
  const notices: Rig['notices'] = [];
  const store = createSessionStore(
    { ...defaults(), ...initial },
    {
      toHash,
      writeUrl: (h) => urls.push(h),
      notice: { set: (title, lines, kind) => notices.push({ title, lines, kind }), clear: () => undefined },
    },
  );
  const said = await store.start(worker, engine.catalog(), worker.snapshot(), []);
  expect(said).toEqual([]);
  store.on('state', (s) => states.push(s));
  urls.length = 0;
  return { store, worker, urls, states, notices };
}

describe('session store', () => {
  it('starts by configuring the engine with the settings asked for', async () => {
    const { store, worker } = await rig({ dataset: 'spiral', networkShape: [5, 3], learningRate: 0.1 });
    expect(worker.requests.map((r) => r.kind)).toEqual(['configure']);
    expect(worker.pg.config().dataset).toBe('spiral');
    expect(worker.pg.config().hidden.map((l) => l.width)).toEqual([5, 3]);
    expect(store.lastHash).toBe(toHash(store.settings));
    expect(store.snapshot?.config.optimizer.learning_rate).toBe(0.1);
  });

  it('commits a change once, after the engine accepted it: one URL write, one state event', async () => {
    const { store, worker, urls, states } = await rig();
    const change = store.apply({ learningRate: 0.3, optimizer: 'adam' });
    // Nothing changed before the engine answered.
    expect(store.settings.learningRate).toBe(defaults().learningRate);
    expect(urls).toEqual([]);
    await change;
    expect(worker.pg.config().optimizer).toMatchObject({ kind: 'adam', learning_rate: 0.3 });
    expect(store.settings).toMatchObject({ learningRate: 0.3, optimizer: 'adam' });
    expect(urls).toEqual([toHash(store.settings)]);
    expect(urls[0]).toContain('learningRate=0.3');
    expect(states).toHaveLength(1);
    expect(states[0]).toEqual(store.settings);
  });

  it('replays a TensorFlow Playground seed, and leaving the replay is said with the reason', async () => {
    const { store, worker, notices } = await rig({ tfpSeed: '0.12345', shuffle: false, samples: 500 });
    expect(worker.pg.config().tfp_seed).toBe('0.12345');
    await store.apply({ learningRate: 0.1 }); // a setting TensorFlow Playground has: still exact
    expect(worker.pg.config().tfp_seed).toBe('0.12345');
    expect(notices).toEqual([]);
    await store.apply({ optimizer: 'adam' });
    expect(worker.pg.config().optimizer.kind).toBe('adam');
    expect(worker.pg.config().tfp_seed).toBe('');
    expect(store.settings.tfpSeed).toBe('');
    expect(notices.at(-1)).toEqual({ title: 'No longer TensorFlow Playground-exact', lines: ['TensorFlow Playground trains with plain SGD'], kind: undefined });
  });

  it("starts without the replay the engine refuses (code tfp_replay), saying the engine's reason", async () => {
    const worker = fakeWorker(engine);
    const store = createSessionStore(
      { ...defaults(), tfpSeed: '0.5', shuffle: false, samples: 500, features: ['x2', 'x1'] },
      { toHash, notice: { set: () => undefined, clear: () => undefined } },
    );
    const said = await store.start(worker, engine.catalog(), worker.snapshot(), []);
    expect(said).toEqual(["No longer TensorFlow Playground-exact: features must be in TensorFlow Playground's order"]);
    expect(store.settings).toMatchObject({ tfpSeed: '', features: ['x2', 'x1'] });
    expect(worker.pg.config()).toMatchObject({ tfp_seed: '', features: ['x2', 'x1'] });
  });

  it('leaving the replay is said in one notice with what the caller had to say (ignored keys)', async () => {
    const { store, notices } = await rig({ tfpSeed: '0.5', shuffle: false, samples: 500 });
    await store.apply({ optimizer: 'adam' }, { title: 'Some settings were ignored', lines: ['nonsense: not a setting'] });
    expect(store.settings.tfpSeed).toBe('');
    expect(notices.at(-1)).toEqual({
      title: 'Some settings were ignored',
      lines: ['nonsense: not a setting', 'No longer TensorFlow Playground-exact: TensorFlow Playground trains with plain SGD'],
      kind: undefined,
    });
  });

  it("a replay refusal (code tfp_replay) ends the replay with the engine's reason, whatever its message says", async () => {
    const { store, worker, notices } = await rig({ tfpSeed: '0.5', shuffle: false, samples: 500 });
    // A learning rate keeps the replay; the engine is made to refuse it as a replay rule all the same.
    worker.refuseNext('some message the page must not parse', 'tfp_replay', "the cause in the engine's words");
    await store.apply({ learningRate: 0.1 });
    expect(store.settings).toMatchObject({ learningRate: 0.1, tfpSeed: '' });
    expect(worker.pg.config()).toMatchObject({ tfp_seed: '', optimizer: { learning_rate: 0.1 } });
    expect(notices.at(-1)).toEqual({ title: 'No longer TensorFlow Playground-exact', lines: ["the cause in the engine's words"], kind: undefined });
  });

  it('a refusal with another code does not end the replay, even when its message reads like a replay refusal', async () => {
    const { store, worker } = await rig({ tfpSeed: '0.5', shuffle: false, samples: 500 });
    // The first try is refused (code invalid); the store asks once more, as for any refusal of the try.
    worker.refuseNext('tfp_seed: looks like a replay message (clear tfp_seed to leave the exact replay)', 'invalid');
    await store.apply({ learningRate: 0.1 });
    expect(store.settings).toMatchObject({ learningRate: 0.1, tfpSeed: '0.5' });
    expect(worker.pg.config()).toMatchObject({ tfp_seed: '0.5', optimizer: { learning_rate: 0.1 } });
  });

  it('a new seed ends the TensorFlow Playground replay, saying so', async () => {
    const { store, worker, notices } = await rig({ tfpSeed: '0.5', shuffle: false, samples: 500 });
    await store.apply({ seed: 7 });
    expect(worker.pg.config()).toMatchObject({ seed: 7, tfp_seed: '' });
    expect(notices.at(-1)?.title).toBe('No longer TensorFlow Playground-exact');
  });

  it('a view-only change commits without asking the engine', async () => {
    const { store, worker, urls } = await rig();
    const before = worker.requests.length;
    await store.apply({ palette: 'colorblind' as Settings['palette'] });
    expect(worker.requests.length).toBe(before);
    expect(store.settings.palette).toBe('colorblind');
    expect(urls).toHaveLength(1);
  });

  it('a refusal leaves the settings, the URL and the engine as they were, and says why', async () => {
    const { store, worker, urls, states, notices } = await rig();
    const before = JSON.stringify(store.settings);
    const config = JSON.stringify(worker.pg.config());
    worker.refuseNext('learning rate too silly');
    await expect(store.apply({ learningRate: 0.5 })).rejects.toThrow('learning rate too silly');
    expect(JSON.stringify(store.settings)).toBe(before);
    expect(JSON.stringify(worker.pg.config())).toBe(config);
    expect(urls).toEqual([]);
    expect(states).toEqual([]);
    expect(notices.at(-1)).toMatchObject({ kind: 'error', lines: ['learning rate too silly'] });
    // The next change starts from the settings the refusal left.
    await store.apply({ learningRate: 0.01 });
    expect(store.settings.learningRate).toBe(0.01);
  });

  it('emits epoch 0 with the initial loss, again when new weights change it before the first step, then each new epoch', async () => {
    const events: { epoch: number; trainLoss: number }[] = [];
    const worker = fakeWorker(engine);
    const store = createSessionStore({ ...defaults(), dataset: 'xor' }, { toHash, notice: { set: () => undefined, clear: () => undefined } });
    store.on('epoch', (s) => events.push({ epoch: s.epoch, trainLoss: s.trainLoss }));
    await store.start(worker, engine.catalog(), worker.snapshot(), []);
    // The worker's first snapshot (the engine's defaults), then the settings asked for: xor's epoch 0.
    const start = worker.pg.history(0);
    expect([...start.epoch]).toEqual([0]);
    expect(events.map((e) => e.epoch)).toEqual([0, 0]);
    expect(events.at(-1)).toEqual({ epoch: 0, trainLoss: start.train_loss[0] });
    // A new network at epoch 0: a new initial loss, a new epoch-0 event with it.
    await store.apply({ networkShape: [3] });
    const second = worker.pg.history(0).train_loss[0]!;
    expect(second).not.toBe(start.train_loss[0]);
    expect(events).toHaveLength(3);
    expect(events.at(-1)).toEqual({ epoch: 0, trainLoss: second });
    // A learning rate leaves the weights and the event stream alone.
    await store.apply({ learningRate: 0.1 });
    expect(events).toHaveLength(3);
    await store.call({ kind: 'train', epochs: 1 });
    expect(events.map((e) => e.epoch)).toEqual([0, 0, 0, 1]);
    expect(store.history['epoch']).toEqual([0, 1]);
    expect(store.history['train_loss']?.[0]).toBe(second);
  });

  it('takes the history from the replies, piece by piece, and emits each new epoch', async () => {
    const { store } = await rig({ dataset: 'xor' });
    const epochs: number[] = [];
    store.on('epoch', () => epochs.push(store.snapshot!.epoch));
    await store.call({ kind: 'train', epochs: 3 });
    await store.call({ kind: 'train', epochs: 2 });
    expect(store.snapshot?.epoch).toBe(5);
    expect(epochs).toEqual([3, 5]);
    const h = store.history;
    expect(h['epoch']?.at(-1)).toBe(5);
    expect(h['train_loss']?.length).toBe(h['epoch']?.length);
    const engineRows = engine.createPlayground(); // the same run elsewhere gives the same rows
    engineRows.configure(store.snapshot!.config);
    engineRows.trainEpochs(5);
    expect(h['train_loss']).toEqual(Array.from(engineRows.history(0)['train_loss'] ?? []));
    engineRows.delete();
  });

  it('stops running and says so when training diverges', async () => {
    const { store } = await rig({
      dataset: 'reg_plane',
      problem: 'regression',
      output: 'linear_mse',
      samples: 40,
      networkShape: [8],
      activation: ['linear'],
      learningRate: 10,
    });
    const diverged: string[] = [];
    store.on('diverged', (d) => diverged.push(d.message));
    store.running = true;
    for (let i = 0; i < 20 && store.snapshot?.status !== 'diverged'; i++) await store.call({ kind: 'train', epochs: 5 });
    expect(store.settings.learningRate).toBe(10);
    expect(store.snapshot?.status).toBe('diverged');
    expect(store.running).toBe(false);
    expect(diverged).toHaveLength(1);
    expect(diverged[0]).toBe(store.snapshot?.statusMessage);
  });

  it('runs changes one at a time, each from the settings the last one left', async () => {
    const { store, worker, states } = await rig();
    await Promise.all([store.apply({ learningRate: 0.2 }), store.apply({ networkShape: [2] }), store.apply({ optimizer: 'adam' as Settings['optimizer'] })]);
    expect(states.map((s) => [s.learningRate, s.networkShape.join(','), s.optimizer])).toEqual([
      [0.2, defaults().networkShape.join(','), defaults().optimizer],
      [0.2, '2', defaults().optimizer],
      [0.2, '2', 'adam'],
    ]);
    expect(worker.pg.config()).toMatchObject({ optimizer: { kind: 'adam', learning_rate: 0.2 } });
  });

  it('follows the engine when a point is added: the data becomes the user’s own, in the URL', async () => {
    const { store, urls } = await rig({ dataset: 'xor' });
    await store.call({ kind: 'addPoint', x: 1, y: 2, label: 1 });
    expect(store.settings.dataset).toBe('custom');
    const p = store.points!;
    expect(Array.from(p.x).some((x, i) => x === 1 && p.y[i] === 2 && p.label[i] === 1)).toBe(true);
    expect(urls.at(-1)).toContain('dataset=custom');
  });

  it('keeps the points’ split in the settings: a store started from them has the same points, flags and weights', async () => {
    const { store } = await rig({ dataset: 'xor', seed: 9 });
    await store.call({ kind: 'addPoint', x: 0.1, y: 1 / 3, label: 1 });
    const p = store.points!;
    expect(p.test[p.x.length - 1]).toBe(0); // added points train
    const again = await rig({ ...store.settings });
    const q = again.store.points!;
    expect(Array.from(q.x)).toEqual(Array.from(p.x));
    expect(Array.from(q.y)).toEqual(Array.from(p.y));
    expect(Array.from(q.test)).toEqual(Array.from(p.test));
    // The same run: from the seed's weights, three epochs each.
    for (const st of [store, again.store]) {
      await st.call({ kind: 'reset' });
      await st.call({ kind: 'train', epochs: 3 });
    }
    expect(again.store.history.train_loss).toEqual(store.history.train_loss);
    expect(again.store.history.train_loss!.length).toBeGreaterThanOrEqual(3);
  });
});
