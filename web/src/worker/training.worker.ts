// The training worker: owns the engine and its Playground sessions (one per
// network shown; ids in every request), trains on request, and answers with
// snapshots made of copies it transfers to the page (worker/serve.ts).
import { serve } from './serve';

// In a worker: serve at once. (The Node tests import serve.ts, where there is no worker global.)
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serve(self as unknown as DedicatedWorkerGlobalScope);
