// The training worker: owns the engine and its Playground sessions (one per
// network shown; ids in every request), trains on request, and answers with
// snapshots made of copies it transfers to the page.
import { applyPreset, lessonById, variantById } from '../courses/lessons';
import { exportedSteps, toPyTorch } from '../courses/pytorch';
import { loadEngine } from '../engine/index';
import { DEFAULT_OUTPUT } from '../settings/config';
import type { Engine, Playground, PlaygroundConfig } from '../engine/types';
import {
  OUTPUT_GRID,
  THUMB_GRID,
  type Envelope,
  type Hello,
  type InitMessage,
  type LayerData,
  type Reply,
  type Request,
  type Snapshot,
  type TraceData,
  MAX_TRAIN_TO_EPOCHS,
} from './protocol';

const DATA_FIELDS: (keyof PlaygroundConfig)[] = ['dataset', 'problem', 'classes', 'samples', 'noise', 'train_ratio', 'seed'];

function dataKey(c: PlaygroundConfig): string {
  return JSON.stringify(DATA_FIELDS.map((k) => c[k]));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class Session {
  private focus: number | null = null;
  private historySent = 0;
  private historyRevision = -1; // the engine's history revision the page holds
  private dataVersion = 1;
  private dataSent = 0;

  constructor(
    private readonly engine: Engine,
    readonly pg: Playground,
  ) {}

  handle(req: Request): { reply: Reply; transfer: Transferable[] } {
    const pg = this.pg;
    switch (req.kind) {
      case 'configure': {
        const before = dataKey(pg.config());
        // Configuration and points in one engine call: a refusal leaves both as they were.
        const points = req.points && req.points.length > 0 ? req.points : undefined;
        pg.configure(req.patch, points);
        if (points || dataKey(pg.config()) !== before) this.dataVersion++;
        return this.snapshotReply();
      }
      case 'reset':
        pg.reset();
        return this.snapshotReply();
      case 'train': {
        // Epoch by epoch up to the count, within the time budget, so a frame
        // never waits long for its picture and the page keeps a core to itself.
        const target = Math.max(1, Math.floor(req.epochs));
        const start = performance.now();
        let done = 0;
        while (done < target && pg.status() === 'ok') {
          pg.trainEpochs(1);
          done++;
          if (req.budgetMs !== undefined && performance.now() - start >= req.budgetMs) break;
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
          pg.trainEpochs(Math.min(perCall, target - before));
          if (pg.epoch() === before) break; // at the engine's epoch limit
        }
        return this.snapshotReply();
      }
      case 'open':
      case 'close':
      case 'copyWeights':
        throw new Error(`${req.kind} is handled by the worker, not a session`);
      case 'snapshot':
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
        const points = pg.points();
        const batches = pg.upcomingBatches(exportedSteps(points, pg.config().batch_size));
        return { reply: { kind: 'text', text: toPyTorch(pg.exportModel(), { points, batches }) }, transfer: [] };
      }
      case 'importModel':
        pg.importModel(req.json);
        this.newSession();
        return this.snapshotReply();
      case 'lesson': {
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
    }
  }

  // The wrapper's results are already copies that own their buffers: they are transferred as they are.
  private layerCopies(): LayerData[] {
    return this.pg.layers().map(({ rows, cols, weights, biases }) => ({ rows, cols, weights, biases }));
  }

  // A loaded model or preset: new points, and its history sent whole.
  private newSession(): void {
    this.dataVersion++;
    this.historySent = 0;
    this.historyRevision = -1;
  }

  snapshotReply(): { reply: Reply; transfer: Transferable[] } {
    const { snapshot, transfer } = this.snapshot();
    return { reply: { kind: 'snapshot', snapshot }, transfer };
  }

  snapshot(): { snapshot: Snapshot; transfer: Transferable[] } {
    const pg = this.pg;
    const epoch = pg.epoch();
    // The engine's history is bounded: when it was thinned, reset or replaced
    // (a new revision) the page gets all of it again, else the new rows.
    const revision = pg.historyRevision();
    if (revision !== this.historyRevision || epoch < this.historySent) this.historySent = 0;
    this.historyRevision = revision;
    const since = this.historySent;
    const history = { revision, since, columns: pg.history(since) };
    this.historySent = since + history.columns.epoch.length;

    // Copy out of wasm memory at once: the next engine call may move it.
    const small = pg.grid(THUMB_GRID);
    const thumbs = small.values.slice(0, small.maps * THUMB_GRID * THUMB_GRID);
    const mapStart = [...small.mapStart];
    const maps = small.maps;
    const big = pg.grid(OUTPUT_GRID);
    const px = OUTPUT_GRID * OUTPUT_GRID;
    const outFirst = mapStart[mapStart.length - 1] ?? maps - 1;
    const output = big.values.slice(outFirst * px, maps * px);
    const focus = this.focus !== null && this.focus < maps ? this.focus : null;
    const focusValues = focus === null ? null : big.values.slice(focus * px, (focus + 1) * px);

    const layers = this.layerCopies();

    let points: Snapshot['points'] = null;
    if (this.dataSent !== this.dataVersion) {
      points = pg.points();
      this.dataSent = this.dataVersion;
    }

    const snapshot: Snapshot = {
      config: pg.config(),
      epoch,
      steps: pg.steps(),
      status: pg.status(),
      statusMessage: pg.statusMessage(),
      stats: pg.evaluate(),
      history,
      grid: { lo: big.lo, hi: big.hi, mapStart, maps, thumbN: THUMB_GRID, thumbs, outN: OUTPUT_GRID, output, focus, focusValues },
      layers,
      points,
      dataVersion: this.dataVersion,
    };
    const transfer: Transferable[] = [
      ...Object.values(history.columns).map((c) => c.buffer),
      thumbs.buffer,
      output.buffer,
      ...(focusValues ? [focusValues.buffer] : []),
      ...layers.flatMap((l) => [l.weights.buffer, l.biases.buffer]),
      ...(points ? [points.x.buffer, points.y.buffer, points.label.buffer, points.test.buffer] : []),
    ];
    return { snapshot, transfer };
  }
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

function serve(scope: DedicatedWorkerGlobalScope): void {
  let engine: Engine | null = null;
  const sessions = new Map<number, Session>();
  const MAX_SESSIONS = 4;

  // Requests about sessions themselves; the rest go to the named session.
  function handle(session: number, msg: Request): { reply: Reply; transfer: Transferable[] } {
    if (!engine) throw new Error('The engine is not ready');
    if (msg.kind === 'open') {
      if (sessions.has(session)) throw new Error(`session ${session} is already open`);
      if (sessions.size >= MAX_SESSIONS) throw new Error(`at most ${MAX_SESSIONS} sessions`);
      const pg = engine.createPlayground();
      try {
        pg.configure(msg.patch, msg.points && msg.points.length > 0 ? msg.points : undefined);
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

  scope.onmessage = async (event: MessageEvent<InitMessage | Envelope<Request>>) => {
    const msg = event.data;
    if (!('id' in msg)) {
      try {
        engine = await loadEngine();
        const pg = engine.createPlayground();
        pg.configure(msg.patch, msg.points && msg.points.length > 0 ? msg.points : undefined);
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
    if (!engine) return;
    const { id, session, ...req } = msg;
    try {
      const { reply, transfer } = handle(session, req as Request);
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
      scope.postMessage({ id, kind: 'error', message: messageOf(e), snapshot }, transfer);
    }
  };
}

serve(self as unknown as DedicatedWorkerGlobalScope);
