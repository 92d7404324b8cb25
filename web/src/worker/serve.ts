// The worker's side of the protocol: the engine's start, the sessions by id,
// continuous training in slices, and every message checked, handled in order
// and answered (an error reply carries the session's unchanged snapshot).
import { loadEngine } from '../engine/index';
import { EngineError } from '../engine/engine-error';
import type { Engine } from '../engine/types';
import { configureWith, copyWeights, messageOf, type Post } from './engine-calls';
import { NEEDS_COURSES, loadCourses } from './courses';
import type { Hello, InitMessage, Reply, Request, Snapshot } from './protocol';
import { ENDS_STREAM, Session } from './session';
import { checkMessage } from './validate';

// Longest stretch of continuous training before the worker looks at its messages (ms).
const SLICE_MS = 5;
const MAX_SESSIONS = 4;

interface Worker {
  engine: Engine | null;
  sessions: Map<number, Session>;
  post: Post;
}

// Continuous training runs in slices, each a task of its own (a message to
// itself: no timer clamping), so requests are handled between two slices.
function slices(w: Worker): () => void {
  const wake = new MessageChannel();
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    wake.port2.postMessage(0);
  };
  wake.port1.onmessage = () => {
    scheduled = false;
    const until = performance.now() + SLICE_MS;
    let more = false;
    for (const s of w.sessions.values()) {
      try {
        if (s.pump(until, w.post)) more = true;
      } catch (e) {
        s.failStream(messageOf(e), w.post);
      }
    }
    if (more) schedule();
  };
  return schedule;
}

// Requests about sessions themselves; the rest go to the named session.
function handle(w: Worker, session: number, msg: Request): { reply: Reply; transfer: Transferable[] } {
  const { engine, sessions } = w;
  if (!engine) throw new Error('The engine is not ready');
  if (msg.kind === 'open') {
    if (sessions.has(session)) throw new Error(`session ${session} is already open`);
    if (sessions.size >= MAX_SESSIONS) throw new Error(`at most ${MAX_SESSIONS} sessions`);
    const pg = engine.createPlayground();
    try {
      configureWith(pg, msg);
    } catch (e) {
      pg.delete();
      throw e;
    }
    const s = new Session(engine, pg);
    sessions.set(session, s);
    return s.snapshotReply();
  }
  const s = sessions.get(session);
  if (!s) throw new Error(`no session ${session}`);
  if (ENDS_STREAM.has(msg.kind)) s.endStream(w.post);
  if (msg.kind === 'close') {
    if (session === 0) throw new Error('session 0 stays open');
    sessions.delete(session);
    s.pg.delete();
    return { reply: { kind: 'text', text: '' }, transfer: [] };
  }
  if (msg.kind === 'copyWeights') {
    const from = sessions.get(msg.from);
    if (!from) throw new Error(`no session ${msg.from}`);
    copyWeights(from.pg, s.pg);
    return s.snapshotReply();
  }
  return s.handle(msg);
}

// The engine starts with session 0 configured as the page asked.
async function start(w: Worker, scope: Pick<DedicatedWorkerGlobalScope, 'postMessage'>, msg: InitMessage, load: () => Promise<Engine>): Promise<void> {
  try {
    const engine = await load();
    w.engine = engine;
    const pg = engine.createPlayground();
    configureWith(pg, msg);
    const session = new Session(engine, pg);
    w.sessions.set(0, session);
    const { snapshot, transfer } = session.snapshot();
    const hello: Hello = { kind: 'ready', catalog: engine.catalog(), snapshot };
    scope.postMessage(hello, transfer);
  } catch (e) {
    const hello: Hello = { kind: 'failed', message: messageOf(e) };
    scope.postMessage(hello);
  }
}

// An error reply carries the session's snapshot (unchanged by the refusal), when there is one.
function refusal(w: Worker, session: number, id: number, e: unknown): { message: unknown; transfer: Transferable[] } {
  let snapshot: Snapshot | null = null;
  let transfer: Transferable[] = [];
  try {
    const s = w.sessions.get(session);
    if (s) ({ snapshot, transfer } = s.snapshot());
  } catch {
    snapshot = null;
  }
  // The engine's code and cause go with its message: the page decides by them.
  const why = e instanceof EngineError ? { code: e.code, reason: e.reason } : {};
  return { message: { id, kind: 'error', message: messageOf(e), ...why, snapshot }, transfer };
}

// The worker's side of the protocol on `scope` (the worker's global, or a
// stand-in in the Node tests, with `load` giving the engine there).
export function serve(scope: Pick<DedicatedWorkerGlobalScope, 'postMessage' | 'onmessage'>, load: () => Promise<Engine> = loadEngine): void {
  const w: Worker = { engine: null, sessions: new Map(), post: (message, transfer) => scope.postMessage(message, transfer) };
  const schedule = slices(w);

  // Messages are handled one after the other, in order, even when one waits
  // (the engine's start, a lazily loaded module). Each is checked first
  // (worker/validate.ts): a bad one gets an error reply and changes nothing.
  let chain: Promise<void> = Promise.resolve();
  let started = false;
  scope.onmessage = (event: MessageEvent<unknown>) => {
    const checked = checkMessage(event.data, started);
    if (checked.kind === 'init') started = true;
    chain = chain.then(() => onMessage(checked));
  };
  async function onMessage(checked: ReturnType<typeof checkMessage>): Promise<void> {
    if (checked.kind === 'refused') {
      if (checked.start) scope.postMessage({ kind: 'failed', message: checked.message } satisfies Hello);
      else scope.postMessage({ id: checked.id, kind: 'error', message: checked.message, snapshot: null });
      return;
    }
    if (checked.kind === 'init') return start(w, scope, checked.init, load);
    const { id, session, req } = checked;
    if (!w.engine) {
      scope.postMessage({ id, kind: 'error', message: 'The engine is not ready (the worker was not started, or failed to start)', snapshot: null });
      return;
    }
    if (req.kind === 'stream') {
      const s = w.sessions.get(session);
      try {
        if (!s) throw new Error(`no session ${session}`);
        if (s.ask(id, req.epochs, w.post)) schedule();
      } catch (e) {
        if (s) s.failStream(messageOf(e), w.post);
        else scope.postMessage({ id, kind: 'error', message: messageOf(e), snapshot: null });
      }
      return;
    }
    try {
      if (NEEDS_COURSES.has(req.kind)) await loadCourses();
      const { reply, transfer } = handle(w, session, req);
      scope.postMessage({ ...reply, id }, transfer);
    } catch (e) {
      const r = refusal(w, session, id, e);
      scope.postMessage(r.message, r.transfer);
    }
  }
}
