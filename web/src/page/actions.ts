// The actions the views are given (components/view.ts, Actions): each one a
// request to the engine through the session store or the worker client. The
// panels are drawn before the engine answers: an action used before it does
// waits for it (hovering a neuron, which shows its map, has nothing to show).
import type { Actions } from '../components/view';
import { randomSeed } from '../settings/seed';
import type { TrainingClient } from '../worker/client';
import type { SessionStore } from './session-store';

interface ActionHost {
  store: SessionStore;
  client(): TrainingClient | null;
  ready(): Promise<void>; // the engine's first answer
  play(): void;
  pause(): void;
  step(): Promise<void>;
  reset(): Promise<void>;
  focused(map: number | null, label: string | null): void; // a neuron's map shown, or none
}

// For changes started by the user: a refusal is already on the notice.
const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

function engineActions(host: ActionHost): Actions {
  const { store } = host;
  const call = store.call;
  const engine = (): TrainingClient => {
    const client = host.client();
    if (!client) throw new Error('The engine is not ready');
    return client;
  };
  return {
    set: (patch) => quietly(store.apply(patch)),
    play: () => host.play(),
    pause: () => host.pause(),
    step: () => void host.step(),
    reset: () => void host.reset(),
    regenerate: () => quietly(store.apply({ seed: randomSeed() })),
    addPoint: (x, y, label) => void call({ kind: 'addPoint', x, y, label }),
    movePoint: (index, x, y) => void call({ kind: 'movePoint', index, x, y }),
    removePoint: (index) => void call({ kind: 'removePoint', index }),
    importCsv: (text) =>
      store.serially(async () => {
        const reply = await engine().request({ kind: 'loadCsv', text });
        if (reply.kind !== 'csv') throw new Error('Unexpected reply');
        store.receive(reply.snapshot);
        return reply.result;
      }),
    exportCsv: async () => {
      const client = host.client();
      if (!client) return '';
      const reply = await client.request({ kind: 'exportCsv' });
      return reply.kind === 'text' ? reply.text : '';
    },
    setWeight: (layer, to, from, value) => void call({ kind: 'setWeight', layer, to, from, value }),
    setBias: (layer, neuron, value) => void call({ kind: 'setBias', layer, neuron, value }),
    focus: (map, label) => {
      void call({ kind: 'focus', map });
      host.focused(map, map === null ? null : (label ?? null));
    },
    activationCurve: async (id, alpha, z) => {
      const reply = await engine().request({ kind: 'curve', activation: id, alpha, z: Float64Array.from(z) });
      if (reply.kind !== 'curve') throw new Error('Unexpected reply');
      return reply;
    },
    hiddenSpace: async (layer, u1, u2, n) => {
      const client = host.client();
      if (!client) return null;
      const reply = await client.request({ kind: 'hiddenSpace', layer, u1, u2, n }).catch(() => null);
      return reply?.kind === 'hiddenSpace' ? reply.space : null;
    },
    describe: async () => {
      const client = host.client();
      if (!client) return null;
      const reply = await client.request({ kind: 'describe' }).catch(() => null);
      return reply?.kind === 'describe' ? { description: reply.description, epoch: reply.epoch } : null;
    },
    datasetPreview: async () => {
      const client = host.client();
      if (!client) return [];
      const reply = await client.request({ kind: 'previews', classes: 3, samples: 160 });
      return reply.kind === 'previews' ? reply.previews : [];
    },
  };
}

export function createActions(host: ActionHost): Actions {
  const now = engineActions(host);
  return Object.fromEntries(
    Object.entries(now).map(([name, fn]: [string, (...a: unknown[]) => unknown]) => [
      name,
      (...a: unknown[]) => {
        const client = host.client();
        if (client || name === 'focus') return client ? fn(...a) : undefined;
        const later = host.ready().then(() => fn(...a));
        later.catch(() => undefined); // the engine's failure is on the page already
        return later;
      },
    ]),
  ) as unknown as Actions;
}
