// The training worker: owns the engine and its Playground sessions (one per
// network shown; ids in every request), trains on request, and answers with
// snapshots made of copies it transfers to the page.
import { EngineError, loadEngine } from '../engine/index';
import { DEFAULT_OUTPUT } from '../settings/task';
import { viewOf } from '../render/plane';
import type { ConfigPatch, Engine, HistoryColumns, Playground, PlaygroundConfig } from '../engine/types';
import { MIN_REPLY_INTERVAL_MS, StreamPace, type StreamState } from './stream';
import { checkMessage } from './validate';
import {
  OUTPUT_GRID,
  THUMB_GRID,
  type Hello,
  type InitMessage,
  type LayerData,
  type Reply,
  type Request,
  type Snapshot,
  type TraceData,
  type WorkerTiming,
  MAX_TRAIN_TO_EPOCHS,
  MAX_TRAIN_MS,
} from './protocol';

// The lessons' presets and the PyTorch export load when first asked for (they
// are not part of the first view's download).
type Courses = typeof import('../courses/lessons') & typeof import('../courses/pytorch');
let courses: Courses | null = null;
const NEEDS_COURSES = new Set<Request['kind']>(['lesson', 'exportPyTorch']);
async function loadCourses(): Promise<Courses> {
  if (!courses) {
    const [lessons, pytorch] = await Promise.all([import('../courses/lessons'), import('../courses/pytorch')]);
    courses = { ...lessons, ...pytorch };
  }
  return courses;
}
function loaded(): Courses {
  if (!courses) throw new Error('the lessons are not loaded');
  return courses;
}

// Running totals for the benchmark (bench/page_bench.mjs): one worker, all sessions.
const timing: WorkerTiming = { trainMs: 0, epochs: 0, snapshotMs: 0, snapshots: 0 };

// Trains `epochs` epochs of `pg` and counts the time.
function trainTimed(pg: Playground, epochs: number): void {
  const t0 = performance.now();
  const before = pg.epoch();
  pg.trainEpochs(epochs);
  timing.trainMs += performance.now() - t0;
  timing.epochs += pg.epoch() - before;
}

const DATA_FIELDS: (keyof PlaygroundConfig)[] = ['dataset', 'problem', 'classes', 'samples', 'noise', 'train_ratio', 'seed'];

function dataKey(c: PlaygroundConfig): string {
  return JSON.stringify(DATA_FIELDS.map((k) => c[k]));
}

// A configuration with, when given, the points (and their train/test flags) in one engine call.
function configureWith(pg: Playground, m: { patch: ConfigPatch; points?: [number, number, number][]; heldOut?: number[] }): [number, number, number][] | undefined {
  const points = m.points && m.points.length > 0 ? m.points : undefined;
  pg.configure(m.patch, points, points && m.heldOut ? m.heldOut : undefined);
  return points;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Posts one message to the page (the worker's postMessage).
type Post = (message: unknown, transfer: Transferable[]) => void;

// The part of a snapshot that depends only on the weights (not on what the page already has).
interface Picture {
  parts: Pick<Snapshot, 'config' | 'steps' | 'status' | 'statusMessage' | 'stats' | 'grid' | 'layers'>;
  transfer: Transferable[];
}

// Requests that change a session (or stop its training): a session that was
// training continuously answers the page's outstanding request first, then
// stops until the page asks again (so a change never meets epochs trained ahead).
const ENDS_STREAM = new Set<Request['kind']>([
  'configure', 'reset', 'train', 'trainTo', 'stop', 'close', 'copyWeights', 'addPoint', 'movePoint', 'removePoint',
  'loadCsv', 'setWeight', 'setBias', 'applySampleUpdate', 'importModel', 'lesson',
]);

// Requests that leave the session as it was (a picture made ahead stays good).
const READS_ONLY = new Set<Request['kind']>(['snapshot', 'predict', 'exportCsv', 'exportModel', 'exportPyTorch', 'curve', 'previews', 'trace', 'hiddenSpace']);

class Session {
  private focus: number | null = null;
  private stream: StreamPace | null = null; // training continuously (worker/stream.ts)
  private atLimit = false; // the engine trains no further (its epoch limit)
  // Made while waiting for the page's next request (continuous training with
  // its epochs done), so the answer goes out at once; any other request drops it.
  private ready: { epoch: number; focus: number | null; frame: Picture; madeAt: number } | null = null;
  private historySent = 0; // rows
  private historyEpoch = -1; // the epoch of the last row sent (row 0 is epoch 0: rows and epochs differ by one)
  private historyRevision = -1; // the engine's history revision the page holds
  private dataVersion = 1;
  private dataSent = 0;

  constructor(
    private readonly engine: Engine,
    readonly pg: Playground,
  ) {}

  handle(req: Request): { reply: Reply; transfer: Transferable[] } {
    const pg = this.pg;
    if (!READS_ONLY.has(req.kind)) this.ready = null;
    switch (req.kind) {
      case 'configure': {
        const before = dataKey(pg.config());
        // Configuration and points in one engine call: a refusal leaves both as they were.
        const points = configureWith(pg, req);
        if (points || dataKey(pg.config()) !== before) this.dataVersion++;
        return this.snapshotReply();
      }
      case 'reset':
        pg.reset();
        return this.snapshotReply();
      case 'train': {
        // Epoch by epoch up to the count, within the time budget, so a frame
        // never waits long for its picture and the page keeps a core to itself.
        // Without a budget (or with a longer one) MAX_TRAIN_MS: no request holds the worker longer.
        const target = Math.max(1, Math.floor(req.epochs));
        const budget = Math.min(req.budgetMs ?? Infinity, MAX_TRAIN_MS);
        const start = performance.now();
        let done = 0;
        while (done < target && pg.status() === 'ok') {
          trainTimed(pg, 1);
          done++;
          if (performance.now() - start >= budget) break;
        }
        return this.snapshotReply();
      }
      case 'trainTo': {
        // Whole epochs up to the target, however long it takes: two sessions
        // asked for the same epoch end at the same epoch (unless one diverged).
        const target = Math.min(Math.floor(req.epoch), pg.epoch() + MAX_TRAIN_TO_EPOCHS);
        const perCall = this.engine.catalog().limits.maxEpochsPerCall;
        while (pg.epoch() < target && pg.status() === 'ok') {
          const before = pg.epoch();
          trainTimed(pg, Math.min(perCall, target - before));
          if (pg.epoch() === before) break; // at the engine's epoch limit
        }
        return this.snapshotReply();
      }
      case 'open':
      case 'close':
      case 'copyWeights':
      case 'stream':
        throw new Error(`${req.kind} is handled by the worker, not a session`);
      case 'snapshot':
      case 'stop':
        return this.snapshotReply();
      case 'focus':
        this.focus = req.map;
        return this.snapshotReply();
      case 'addPoint':
        pg.addPoint(req.x, req.y, req.label);
        this.dataVersion++;
        return this.snapshotReply();
      case 'movePoint':
        pg.movePoint(req.index, req.x, req.y);
        this.dataVersion++;
        return this.snapshotReply();
      case 'removePoint':
        pg.removePoint(req.index);
        this.dataVersion++;
        return this.snapshotReply();
      case 'loadCsv': {
        const result = pg.loadCsv(req.text);
        if (result.ok) this.dataVersion++;
        const { snapshot, transfer } = this.snapshot();
        return { reply: { kind: 'csv', result, snapshot }, transfer };
      }
      case 'exportCsv':
        return { reply: { kind: 'text', text: pg.exportCsv() }, transfer: [] };
      case 'setWeight':
        pg.setWeight(req.layer, req.to, req.from, req.value);
        return this.snapshotReply();
      case 'setBias':
        pg.setBias(req.layer, req.neuron, req.value);
        return this.snapshotReply();
      case 'predict': {
        const value = pg.predict(req.x, req.y);
        return { reply: { kind: 'predict', value }, transfer: [value.buffer] };
      }
      case 'previews': {
        // Each data set drawn once, small, for its thumbnail.
        const previews = this.engine.catalog().datasets
          .filter((d) => d.id !== 'custom')
          .map((d) => {
            const task = d.problem === 'regression' ? 'regression' : d.anyClasses ? 'multiclass' : 'binary';
            const tmp = this.engine.createPlayground({ dataset: d.id, samples: req.samples, classes: req.classes, noise: 0, seed: 7, hidden: [], output: DEFAULT_OUTPUT[task] });
            try {
              return { id: d.id, points: tmp.points() };
            } finally {
              tmp.delete();
            }
          });
        return { reply: { kind: 'previews', previews }, transfer: previews.flatMap((p) => [p.points.x.buffer, p.points.y.buffer, p.points.label.buffer, p.points.test.buffer]) };
      }
      case 'trace': {
        const t = pg.trace(req.x, req.y, req.label);
        const trace: TraceData = t;
        const layers = this.layerCopies();
        const transfer = [
          trace.input.buffer,
          trace.target.buffer,
          trace.output.buffer,
          ...trace.layers.flatMap((l) => [l.z.buffer, l.a.buffer, l.delta.buffer, l.dW.buffer, l.db.buffer]),
          ...layers.flatMap((l) => [l.weights.buffer, l.biases.buffer]),
        ];
        return { reply: { kind: 'trace', trace, layers }, transfer };
      }
      case 'applySampleUpdate':
        pg.applySampleUpdate(req.x, req.y, req.label);
        return this.snapshotReply();
      case 'exportModel':
        return { reply: { kind: 'text', text: pg.exportModel() }, transfer: [] };
      case 'exportPyTorch': {
        const { toPyTorch } = loaded();
        return { reply: { kind: 'text', text: toPyTorch(pg.exportModel(), { points: pg.points() }) }, transfer: [] };
      }
      case 'importModel': {
        const note = pg.importModel(req.json);
        this.newSession();
        const { snapshot, transfer } = this.snapshot();
        return { reply: { kind: 'model', snapshot, note }, transfer };
      }
      case 'lesson': {
        const { applyPreset, lessonById, variantById } = loaded();
        const lesson = lessonById(req.lesson);
        const variant = lesson && variantById(lesson, req.variant);
        if (!lesson || !variant) throw new Error(`lesson: no preset "${req.variant}" in lesson "${req.lesson}"`);
        applyPreset(pg, variant);
        this.newSession();
        return this.snapshotReply();
      }
      case 'hiddenSpace': {
        const space = pg.hiddenSpace(req.layer, req.u1, req.u2, req.n);
        return { reply: { kind: 'hiddenSpace', space, epoch: pg.epoch() }, transfer: [space.points.buffer, space.lines.buffer, space.output.buffer] };
      }
      case 'curve': {
        const c = this.engine.activationCurve(req.activation, req.alpha, req.z);
        const { value, derivative } = c;
        return { reply: { kind: 'curve', value, derivative }, transfer: [value.buffer, derivative.buffer] };
      }
      default: {
        // Unreachable after checkMessage; said clearly if a new kind is ever left out here.
        const unknown: never = req;
        throw new Error(`unknown request kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
      }
    }
  }

  private streamState(): StreamState {
    return { epoch: this.pg.epoch(), training: !this.atLimit && this.pg.status() === 'ok' };
  }

  // The page asks for its next picture while playing (request `id`, `epochs` a
  // picture). True while the session has training or an answer to give.
  ask(id: number, epochs: number, post: Post): boolean {
    if (!this.stream) {
      this.stream = new StreamPace(this.pg.epoch(), epochs, performance.now());
      this.atLimit = false;
    }
    this.stream.ask(id, epochs);
    return this.pump(performance.now(), post);
  }

  // Trains epoch by epoch until `until` (performance.now()) or until an answer
  // is due, and gives it. True while there is more to do.
  pump(until: number, post: Post): boolean {
    const st = this.stream;
    if (!st) return false;
    let s = this.streamState();
    while (st.wantsTraining(s) && !st.due(s, performance.now()) && performance.now() < until) {
      trainTimed(this.pg, 1);
      const next = this.streamState();
      if (next.epoch === s.epoch) {
        this.atLimit = true;
        next.training = false;
      }
      s = next;
    }
    if (st.due(s, performance.now())) this.answer(st, post);
    const more = st.pending !== null || st.wantsTraining(this.streamState());
    // Nothing to do until the page asks, or a picture is due by the clock
    // before the page asked: its next picture is made now (training goes on).
    if (this.ready === null && (!more || st.pictureDue(this.streamState(), performance.now()))) {
      const t0 = performance.now();
      this.ready = { epoch: this.pg.epoch(), focus: this.focus, frame: this.picture(), madeAt: t0 };
      timing.snapshotMs += performance.now() - t0;
    }
    return more;
  }

  // Continuous training ends (a change, a pause): the outstanding request is answered first.
  endStream(post: Post): void {
    const st = this.stream;
    this.stream = null;
    if (!st || st.pending === null) this.ready = null;
    if (st && st.pending !== null) this.answer(st, post);
  }

  failStream(message: string, post: Post): void {
    const id = this.stream?.pending ?? null;
    this.stream = null;
    if (id !== null) post({ id, kind: 'error', message, snapshot: null }, []);
  }

  private answer(st: StreamPace, post: Post): void {
    const id = st.pending;
    // A picture made ahead, if still recent, even when training moved on since.
    const t0 = performance.now();
    const made = this.makeSnapshot(MIN_REPLY_INTERVAL_MS);
    timing.snapshotMs += performance.now() - t0;
    timing.snapshots++;
    made.snapshot.work = { ...timing };
    st.replied(made.snapshot.epoch, performance.now());
    post({ kind: 'snapshot', snapshot: made.snapshot, id }, made.transfer);
  }

  // The wrapper's results are already copies that own their buffers: they are transferred as they are.
  private layerCopies(): LayerData[] {
    return this.pg.layers().map(({ rows, cols, weights, biases }) => ({ rows, cols, weights, biases }));
  }

  // A loaded model or preset: new points, and its history sent whole.
  private newSession(): void {
    this.dataVersion++;
    this.historySent = 0;
    this.historyEpoch = -1;
    this.historyRevision = -1;
  }

  snapshotReply(): { reply: Reply; transfer: Transferable[] } {
    const { snapshot, transfer } = this.snapshot();
    return { reply: { kind: 'snapshot', snapshot }, transfer };
  }

  snapshot(): { snapshot: Snapshot; transfer: Transferable[] } {
    const t0 = performance.now();
    const made = this.makeSnapshot();
    timing.snapshotMs += performance.now() - t0;
    timing.snapshots++;
    made.snapshot.work = { ...timing };
    return made;
  }

  // `staleMs`: a picture made ahead at an earlier epoch serves if at most that
  // old (continuous training); else only one of this epoch does.
  private makeSnapshot(staleMs = 0): { snapshot: Snapshot; transfer: Transferable[] } {
    const pg = this.pg;
    const now = pg.epoch();
    // A picture made ahead (pump) serves if nothing but training changed since.
    const ready = this.ready;
    this.ready = null;
    const usable = ready !== null && ready.focus === this.focus && (ready.epoch === now || performance.now() - ready.madeAt <= staleMs);
    const frame = usable ? ready.frame : this.picture();
    const epoch = usable ? ready.epoch : now;
    // The engine's history is bounded: when it was thinned, reset or replaced
    // (a new revision) the page gets all of it again, else the new rows.
    const revision = pg.historyRevision();
    if (revision !== this.historyRevision || epoch < this.historyEpoch) this.historySent = 0;
    this.historyRevision = revision;
    const since = this.historySent;
    const history = { revision, since, columns: upTo(pg.history(since), epoch) };
    const sent = history.columns.epoch;
    this.historySent = since + sent.length;
    if (sent.length) this.historyEpoch = sent[sent.length - 1]!;
    else if (since === 0) this.historyEpoch = -1;

    let points: Snapshot['points'] = null;
    if (this.dataSent !== this.dataVersion) {
      points = pg.points();
      this.dataSent = this.dataVersion;
    }

    const snapshot: Snapshot = { ...frame.parts, epoch, history, points, dataVersion: this.dataVersion, work: timing };
    const transfer: Transferable[] = [
      ...Object.values(history.columns).map((c) => c.buffer),
      ...frame.transfer,
      ...(points ? [points.x.buffer, points.y.buffer, points.label.buffer, points.test.buffer] : []),
    ];
    return { snapshot, transfer };
  }

  // What the page draws of the session now: maps, weights, figures (copies).
  private picture(): Picture {
    const pg = this.pg;
    // Copy out of wasm memory at once: the next engine call may move it.
    // A small table (the XOR truth table) is drawn zoomed to where its points lie.
    const config = pg.config();
    const { lo, hi } = viewOf(this.engine.catalog().datasets, config.dataset);
    const small = pg.grid(THUMB_GRID, lo, hi);
    const thumbs = small.values.slice(0, small.maps * THUMB_GRID * THUMB_GRID);
    const mapStart = [...small.mapStart];
    const maps = small.maps;
    const big = pg.grid(OUTPUT_GRID, lo, hi);
    const px = OUTPUT_GRID * OUTPUT_GRID;
    const outFirst = mapStart[mapStart.length - 1] ?? maps - 1;
    const output = big.values.slice(outFirst * px, maps * px);
    const focus = this.focus !== null && this.focus < maps ? this.focus : null;
    const focusValues = focus === null ? null : big.values.slice(focus * px, (focus + 1) * px);

    const layers = this.layerCopies();
    const parts: Picture['parts'] = {
      config,
      steps: pg.steps(),
      status: pg.status(),
      statusMessage: pg.statusMessage(),
      stats: pg.evaluate(),
      grid: { lo: big.lo, hi: big.hi, mapStart, maps, thumbN: THUMB_GRID, thumbs, outN: OUTPUT_GRID, output, focus, focusValues },
      layers,
    };
    const transfer: Transferable[] = [thumbs.buffer, output.buffer, ...(focusValues ? [focusValues.buffer] : []), ...layers.flatMap((l) => [l.weights.buffer, l.biases.buffer])];
    return { parts, transfer };
  }
}

// The history's rows up to `epoch` (the picture's; training may have gone on).
function upTo(columns: HistoryColumns, epoch: number): HistoryColumns {
  const e = columns.epoch;
  let n = e.length;
  while (n > 0 && e[n - 1]! > epoch) n--;
  if (n === e.length) return columns;
  return Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.slice(0, n)])) as HistoryColumns;
}

// Session `to` starts from the weights of `from` in every layer whose shape
// agrees (the same initial weights for a comparison); other layers keep theirs.
function copyWeights(from: Playground, to: Playground): void {
  const src = from.layers();
  const dst = to.layers();
  for (let l = 0; l < Math.min(src.length, dst.length); l++) {
    const a = src[l]!;
    const b = dst[l]!;
    if (a.rows !== b.rows || a.cols !== b.cols) continue;
    for (let r = 0; r < a.rows; r++) {
      for (let c = 0; c < a.cols; c++) to.setWeight(l, r, c, a.weights[r * a.cols + c]!);
      to.setBias(l, r, a.biases[r]!);
    }
  }
}

// Longest stretch of continuous training before the worker looks at its messages (ms).
const SLICE_MS = 5;

// The worker's side of the protocol on `scope` (the worker's global, or a
// stand-in in the Node tests, with `load` giving the engine there).
export function serve(scope: Pick<DedicatedWorkerGlobalScope, 'postMessage' | 'onmessage'>, load: () => Promise<Engine> = loadEngine): void {
  let engine: Engine | null = null;
  const sessions = new Map<number, Session>();
  const MAX_SESSIONS = 4;
  const post: Post = (message, transfer) => scope.postMessage(message, transfer);

  // Continuous training runs in slices, each a task of its own (a message to
  // itself: no timer clamping), so requests are handled between two slices.
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
    for (const s of sessions.values()) {
      try {
        if (s.pump(until, post)) more = true;
      } catch (e) {
        s.failStream(messageOf(e), post);
      }
    }
    if (more) schedule();
  };

  // Requests about sessions themselves; the rest go to the named session.
  function handle(session: number, msg: Request): { reply: Reply; transfer: Transferable[] } {
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
    if (ENDS_STREAM.has(msg.kind)) s.endStream(post);
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
    if (checked.kind === 'init') {
      const msg = checked.init;
      try {
        engine = await load();
        const pg = engine.createPlayground();
        configureWith(pg, msg);
        const session = new Session(engine, pg);
        sessions.set(0, session);
        const { snapshot, transfer } = session.snapshot();
        const hello: Hello = { kind: 'ready', catalog: engine.catalog(), snapshot };
        scope.postMessage(hello, transfer);
      } catch (e) {
        const hello: Hello = { kind: 'failed', message: messageOf(e) };
        scope.postMessage(hello);
      }
      return;
    }
    const { id, session, req } = checked;
    if (!engine) {
      scope.postMessage({ id, kind: 'error', message: 'The engine is not ready (the worker was not started, or failed to start)', snapshot: null });
      return;
    }
    if (req.kind === 'stream') {
      const s = sessions.get(session);
      try {
        if (!s) throw new Error(`no session ${session}`);
        if (s.ask(id, req.epochs, post)) schedule();
      } catch (e) {
        if (s) s.failStream(messageOf(e), post);
        else scope.postMessage({ id, kind: 'error', message: messageOf(e), snapshot: null });
      }
      return;
    }
    try {
      if (NEEDS_COURSES.has(req.kind)) await loadCourses();
      const { reply, transfer } = handle(session, req);
      scope.postMessage({ ...reply, id }, transfer);
    } catch (e) {
      let snapshot: Snapshot | null = null;
      let transfer: Transferable[] = [];
      try {
        const s = sessions.get(session);
        if (s) ({ snapshot, transfer } = s.snapshot());
      } catch {
        snapshot = null;
      }
      const refusal = e instanceof EngineError ? { code: e.code, reason: e.reason } : {};
      scope.postMessage({ id, kind: 'error', message: messageOf(e), ...refusal, snapshot }, transfer);
    }
  }
}

// In a worker: serve at once. (Imported by the Node tests, where there is no worker global.)
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serve(self as unknown as DedicatedWorkerGlobalScope);
