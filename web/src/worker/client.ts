// The page's side of the training worker: requests as promises, one at a time
// in order (the worker handles messages sequentially).
import { SameOriginWorker as Worker } from './same-origin-worker';
import type { Catalog, ConfigPatch, ErrorCode } from '../engine/types';
import { shorten } from '../shared/messages';
import type { Envelope, Hello, InitMessage, Reply, Request, Snapshot } from './protocol';

class WorkerError extends Error {
  constructor(
    message: string,
    readonly snapshot: Snapshot | null,
    readonly code?: ErrorCode, // an engine refusal's code and cause (ENGINE.errorCodes)
    readonly reason?: string,
  ) {
    super(message);
  }
}

// One session of the worker, as a session store uses it.
export interface SessionHandle {
  readonly id: number;
  request(req: Request, transfer?: Transferable[]): Promise<Reply>;
  readonly busy: boolean; // the worker has an answer to give (to any session)
}

// A request the browser refused to send (postMessage throws before anything
// reaches the worker), in the user's words rather than the browser's.
function unsent(kind: string, e: unknown): Error {
  const clone = e instanceof Error && e.name === 'DataCloneError';
  const why = clone
    ? 'it holds a value that is not plain data (a function or an object the engine cannot take)'
    : shorten(e instanceof Error ? e.message : String(e), 120);
  return new Error(`The page could not send “${kind}” to the engine: ${why}`);
}

export class TrainingClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Envelope<Reply>>) => {
      const { id, ...reply } = event.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (reply.kind === 'error') p.reject(new WorkerError(reply.message, reply.snapshot, reply.code, reply.reason));
      else p.resolve(reply as Reply);
    };
  }

  static start(patch: ConfigPatch, points?: [number, number, number][]): Promise<{ client: TrainingClient; catalog: Catalog; snapshot: Snapshot }> {
    const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'nn-playground-training' });
    return new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`The training worker failed to start: ${e.message || worker.startHint}`));
      worker.onmessage = (event: MessageEvent<Hello>) => {
        const hello = event.data;
        if (hello.kind === 'failed') {
          worker.terminate();
          reject(new Error(hello.message));
          return;
        }
        worker.onerror = null;
        resolve({ client: new TrainingClient(worker), catalog: hello.catalog, snapshot: hello.snapshot });
      };
      const init: InitMessage = { kind: 'init', patch, ...(points ? { points } : {}) };
      worker.postMessage(init);
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  // A request to session 0 (the one the init message made).
  request(req: Request, transfer: Transferable[] = []): Promise<Reply> {
    return this.requestTo(0, req, transfer);
  }

  requestTo(session: number, req: Request, transfer: Transferable[] = []): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('The playground was destroyed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...req, id, session }, transfer);
      } catch (e) {
        // Never sent, so no answer will come: not pending (the page would wait for it forever).
        this.pending.delete(id);
        reject(unsent(req.kind, e));
      }
    });
  }

  // Another session in the same worker, made from `patch` (and points): its
  // port for a session store, and its first snapshot.
  async open(patch: ConfigPatch, data: { points?: [number, number, number][]; heldOut?: number[] } = {}): Promise<{ port: SessionHandle; snapshot: Snapshot }> {
    const session = this.nextSession++;
    const reply = await this.requestTo(session, { kind: 'open', patch, ...data });
    if (reply.kind !== 'snapshot') throw new Error(`Unexpected reply ${reply.kind} to open`);
    return { port: this.session(session), snapshot: reply.snapshot };
  }

  // The port of one session (0: the first).
  session(id: number): SessionHandle {
    const client = this;
    return {
      id,
      request: (req, transfer) => this.requestTo(id, req, transfer),
      get busy() {
        return client.busy;
      },
    };
  }

  // A request whose answer is a snapshot.
  private nextSession = 1;

  async snapshotOf(req: Request): Promise<Snapshot> {
    const reply = await this.request(req);
    if (reply.kind === 'snapshot' || reply.kind === 'csv' || reply.kind === 'model') return reply.snapshot;
    throw new Error(`Unexpected reply ${reply.kind} to ${req.kind}`);
  }

  destroy(): void {
    this.closed = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('The playground was destroyed'));
    this.pending.clear();
  }
}
