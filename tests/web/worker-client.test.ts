// The page's side of the worker: a request the browser refuses to send (a
// value that cannot be cloned) is not left pending, so the page is not busy
// forever, and the refusal is said in the user's words.
import { describe, expect, it, vi } from 'vitest';

// A worker that answers the first message with its hello and refuses to clone functions, as browsers do.
vi.mock('../../web/src/worker/same-origin-worker', () => ({
  SameOriginWorker: class {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: unknown = null;
    startHint = '';
    sent: unknown[] = [];
    postMessage(message: Record<string, unknown>): void {
      if (JSON.stringify(message, (_, v: unknown) => (typeof v === 'function' ? '<fn>' : v)).includes('<fn>')) {
        const e = new Error("Failed to execute 'postMessage' on 'Worker': function Object() { [native code] } could not be cloned.");
        e.name = 'DataCloneError';
        throw e;
      }
      this.sent.push(message);
      const reply = message.kind === 'init' ? { kind: 'ready', catalog: {}, snapshot: {} } : { id: message.id, kind: 'text', text: 'ok' };
      queueMicrotask(() => this.onmessage?.({ data: reply }));
    }
    terminate(): void {}
  },
}));

const { TrainingClient } = await import('../../web/src/worker/client');

describe('the training client', () => {
  it('is not busy after a request that could not be sent, and says what failed without the browser’s text', async () => {
    const { client } = await TrainingClient.start({});
    const bad = client.request({ kind: 'configure', patch: { regularization: Object } as never });
    expect(client.busy).toBe(false);
    await expect(bad).rejects.toThrow('The page could not send “configure” to the engine: it holds a value that is not plain data');
    await expect(bad).rejects.not.toThrow(/native code/);
    // The next request goes through and is answered.
    await expect(client.request({ kind: 'exportCsv' })).resolves.toEqual({ kind: 'text', text: 'ok' });
    expect(client.busy).toBe(false);
  });
});
