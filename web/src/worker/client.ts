// The page's side of the training worker: requests as promises, one at a time
// in order (the worker handles messages sequentially).
import type { Catalog, ConfigPatch } from '../engine/types';
import type { Envelope, Hello, InitMessage, Reply, Request, Snapshot } from './protocol';

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly snapshot: Snapshot | null,
  ) {
    super(message);
  }
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
      if (reply.kind === 'error') p.reject(new WorkerError(reply.message, reply.snapshot));
      else p.resolve(reply as Reply);
    };
  }

  static start(patch: ConfigPatch, points?: [number, number, number][]): Promise<{ client: TrainingClient; catalog: Catalog; snapshot: Snapshot }> {
    const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'nn-playground-training' });
    return new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`The training worker failed to start: ${e.message || 'unknown error'}`));
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

  request(req: Request, transfer: Transferable[] = []): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('The playground was destroyed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  // A request whose answer is a snapshot.
  async snapshotOf(req: Request): Promise<Snapshot> {
    const reply = await this.request(req);
    if (reply.kind === 'snapshot' || reply.kind === 'csv') return reply.snapshot;
    throw new Error(`Unexpected reply ${reply.kind} to ${req.kind}`);
  }

  destroy(): void {
    this.closed = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('The playground was destroyed'));
    this.pending.clear();
  }
}
