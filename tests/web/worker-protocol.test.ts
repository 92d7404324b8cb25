// The training worker's message handling (worker/training.worker.ts `serve`)
// driven in Node with the real engine: any script of the page can post to the
// worker, so every message is checked. Init happens once; a request without a
// numeric id and session, of an unknown kind or with a field of the wrong type
// gets an error reply and changes nothing; training per request is bounded.
import { describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../web/src/worker/protocol';
import { MAX_TRAIN_MS } from '../../web/src/worker/protocol';
import { serve } from '../../web/src/worker/serve';
import { REQUEST_KINDS } from '../../web/src/worker/validate';
import { ENGINE } from '../../web/src/engine/description.generated';
import { nodeEngine } from './engine-fixture';

type Out = { id?: number | null; kind: string; message?: string; snapshot?: Snapshot | null };

function workerUnderTest() {
  const out: Out[] = [];
  const scope = { postMessage: (m: unknown) => out.push(m as Out), onmessage: null as ((e: MessageEvent) => void) | null };
  serve(scope as unknown as Parameters<typeof serve>[0], nodeEngine);
  const post = (data: unknown) => scope.onmessage!({ data } as MessageEvent);
  // Posts and waits for the next message out of the worker.
  const ask = async (data: unknown): Promise<Out> => {
    const n = out.length;
    post(data);
    await vi.waitFor(() => expect(out.length).toBeGreaterThan(n), { timeout: 55_000, interval: 5 });
    return out[n]!;
  };
  let next = 100;
  const request = (req: Record<string, unknown>, session = 0) => ask({ ...req, id: next++, session });
  return { out, post, ask, request };
}

async function started(patch: Record<string, unknown> = { dataset: 'xor', hidden: [{ width: 3, activation: 'tanh' }] }) {
  const w = workerUnderTest();
  const hello = (await w.ask({ kind: 'init', patch })) as Out & { catalog?: unknown };
  expect(hello.kind).toBe('ready');
  const trained = await w.request({ kind: 'train', epochs: 3 });
  expect(trained.snapshot!.epoch).toBe(3);
  return w;
}

const stateOf = async (w: ReturnType<typeof workerUnderTest>) => {
  const r = await w.request({ kind: 'snapshot' });
  expect(r.kind).toBe('snapshot');
  return { epoch: r.snapshot!.epoch, dataset: r.snapshot!.config.dataset, weights: r.snapshot!.layers.map((l) => Array.from(l.weights)) };
};

describe('the worker checks every message', () => {
  it('starts once: a second init, or a request without a numeric id or session, is refused and session 0 stays as it was', async () => {
    const w = await started();
    const before = await stateOf(w);
    const refusals: [unknown, number | null, string][] = [
      [{ kind: 'init', patch: { dataset: 'circle' } }, null, 'init: the worker was started already; it starts once'],
      [{ kind: 'init', id: 7, session: 0, patch: { dataset: 'circle' } }, 7, 'unknown request kind "init"; known: configure, reset, train,'],
      [{ kind: 'reset', session: 0 }, null, 'a request needs an id, a whole number from 0 (got undefined)'],
      [{ kind: 'reset', id: '8', session: 0 }, null, 'a request needs an id, a whole number from 0 (got "8")'],
      [{ kind: 'reset', id: 1.5, session: 0 }, null, 'a request needs an id, a whole number from 0 (got 1.5)'],
      [{ kind: 'reset', id: 9 }, 9, 'a request needs a session, a whole number from 0 (got undefined)'],
      [{ kind: 'configure', id: 10, session: '0', patch: { dataset: 'circle' } }, 10, 'a request needs a session, a whole number from 0 (got "0")'],
      [null, null, 'a message to the worker must be an object (got null)'],
      ['reset', null, 'a message to the worker must be an object (got "reset")'],
      [[1, 2], null, 'a message to the worker must be an object (got an array of 2)'],
    ];
    for (const [message, id, text] of refusals) {
      const reply = await w.ask(message);
      expect(reply).toMatchObject({ id, kind: 'error', snapshot: null });
      expect(reply.message).toContain(text);
    }
    expect(await stateOf(w)).toEqual(before);
    expect(before).toMatchObject({ epoch: 3, dataset: 'xor' });
  });

  it('a malformed first init fails the start with a hello naming the field; a good init after it starts the engine', async () => {
    const w = workerUnderTest();
    expect(await w.ask({ kind: 'init', patch: null })).toEqual({ kind: 'failed', message: 'init: patch must be an object (got null)' });
    expect(await w.ask({ kind: 'init', patch: { dataset: 'xor' }, points: 'none' })).toEqual({
      kind: 'failed',
      message: 'init: points must be a list of [x, y, label] numbers (got "none")',
    });
    expect((await w.ask({ kind: 'init', patch: { dataset: 'circle' } })).kind).toBe('ready');
    expect((await stateOf(w)).dataset).toBe('circle');
  });

  it('an unknown kind gets an error reply naming the known kinds', async () => {
    const w = await started();
    const before = await stateOf(w);
    for (const kind of ['fly', undefined, 42, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'RESET']) {
      const reply = await w.request(kind === undefined ? {} : { kind });
      expect(reply.kind).toBe('error');
      expect(reply.message).toBe(`unknown request kind ${typeof kind === 'string' ? JSON.stringify(kind) : String(kind)}; known: ${REQUEST_KINDS.join(', ')}`);
    }
    expect(REQUEST_KINDS).toContain('trainTo');
    expect(await stateOf(w)).toEqual(before);
  });

  it('a field of the wrong type is named, and nothing changes', async () => {
    const w = await started();
    const before = await stateOf(w);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'setWeight', layer: '0', to: 0, from: 0, value: 1 }, 'setWeight: layer must be a whole number from 0 (got "0")'],
      [{ kind: 'setWeight', layer: 0, to: 0, from: 0, value: Number.NaN }, 'setWeight: value must be a finite number (got NaN)'],
      [{ kind: 'setBias', layer: 0, neuron: -1, value: 1 }, 'setBias: neuron must be a whole number from 0 (got -1)'],
      [{ kind: 'addPoint', x: 1, y: Infinity, label: 1 }, 'addPoint: y must be a finite number (got Infinity)'],
      [{ kind: 'trace', x: 1, y: 2 }, 'trace: label must be a finite number (got undefined)'],
      [{ kind: 'configure', patch: null }, 'configure: patch must be an object (got null)'],
      [{ kind: 'configure', patch: { dataset: 'circle' }, points: [[0, 0]] }, 'configure: points must be a list of [x, y, label] numbers (got an array of 1)'],
      [
        { kind: 'configure', patch: { dataset: 'custom' }, points: [[0, 0, 1]], heldOut: [true] },
        'configure: heldOut must be a list of 0/1 flags, one per point (got an array of 1)',
      ],
      [{ kind: 'loadCsv', text: { length: 3 } }, 'loadCsv: text must be a string (got an object)'],
      [{ kind: 'importModel' }, 'importModel: json must be a string (got undefined)'],
      [{ kind: 'focus', map: 'all' }, 'focus: map must be a map number from 0, or null (got "all")'],
      [{ kind: 'curve', activation: 'tanh', alpha: 0, z: [1, 2] }, 'curve: z must be a Float64Array (got an array of 2)'],
      [{ kind: 'trainTo', epoch: -1 }, `trainTo: epoch must be a whole number from 0 to ${ENGINE.limits.maxEpoch} (got -1)`],
    ];
    for (const [req, text] of cases) {
      const reply = await w.request(req);
      expect(reply.kind).toBe('error');
      expect(reply.message).toBe(text);
    }
    expect(await stateOf(w)).toEqual(before);
  });

  it('training is bounded: 1e9 epochs are refused naming the limit; a long request without a budget stops after MAX_TRAIN_MS', async () => {
    // A slow network: about 100 to 200 epochs a second here, so the engine's limit of epochs takes minutes.
    const w = await started({ dataset: 'spiral', samples: 500, hidden: Array.from({ length: 6 }, () => ({ width: 32, activation: 'tanh' })) });
    const limit = ENGINE.limits.maxEpochsPerCall;
    for (const kind of ['train', 'stream']) {
      for (const epochs of [1e9, limit + 1, 0, 2.5, Number.NaN, '10']) {
        const reply = await w.request({ kind, epochs });
        expect(reply.kind).toBe('error');
        expect(reply.message).toMatch(new RegExp(`^${kind}: epochs must be a whole number from 1 to ${limit} \\(the engine's epochs per call\\)`));
      }
    }
    expect((await stateOf(w)).epoch).toBe(3);
    // 5,000 epochs (half a minute or more of this network), with no budget and with a far longer one: each
    // stops after about MAX_TRAIN_MS. (Not the full limit: without the cap that would hang this test for minutes.)
    const many = 5000;
    for (const extra of [{}, { budgetMs: 1e9 }]) {
      const t0 = performance.now();
      const before = (await stateOf(w)).epoch;
      const reply = await w.request({ kind: 'train', epochs: many, ...extra });
      const trained = reply.snapshot!.epoch - before;
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(MAX_TRAIN_MS + 3000); // the snapshots around it included
      expect(trained).toBeGreaterThan(0);
      expect(trained).toBeLessThan(many);
      console.log(`train ${many} epochs ${JSON.stringify(extra)}: ${trained} epochs in ${Math.round(ms)} ms (MAX_TRAIN_MS ${MAX_TRAIN_MS})`);
    }
    // A short budget still trains at least one epoch, and one epoch asked is one epoch.
    const before = (await stateOf(w)).epoch;
    expect((await w.request({ kind: 'train', epochs: 1 })).snapshot!.epoch).toBe(before + 1);
    expect((await w.request({ kind: 'train', epochs: 5, budgetMs: 0 })).snapshot!.epoch).toBe(before + 2);
  });
});
