// One engine session (a Playground) as the worker keeps it: what the page
// already has (history rows, points), continuous training at the page's pace
// (worker/stream.ts), and its snapshots, made of copies it transfers.
import type { Engine, Playground } from '../engine/types';
import { timing, trainTimed, upTo, type Post } from './engine-calls';
import { picture, type Picture } from './picture';
import type { Reply, Request, Snapshot } from './protocol';
import { handleRequest } from './requests';
import { MIN_REPLY_INTERVAL_MS, StreamPace, type StreamState } from './stream';

// Requests that change a session (or stop its training): a session that was
// training continuously answers the page's outstanding request first, then
// stops until the page asks again (so a change never meets epochs trained ahead).
export const ENDS_STREAM = new Set<Request['kind']>([
  'configure',
  'reset',
  'train',
  'trainTo',
  'stop',
  'close',
  'copyWeights',
  'addPoint',
  'movePoint',
  'removePoint',
  'loadCsv',
  'setWeight',
  'setBias',
  'applySampleUpdate',
  'importModel',
  'lesson',
]);

// Requests that leave the session as it was (a picture made ahead stays good).
const READS_ONLY = new Set<Request['kind']>([
  'snapshot',
  'predict',
  'exportCsv',
  'exportModel',
  'exportPyTorch',
  'curve',
  'previews',
  'trace',
  'hiddenSpace',
  'describe',
]);

export class Session {
  focus: number | null = null; // the neuron whose map is shown large
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
    readonly engine: Engine,
    readonly pg: Playground,
  ) {}

  // A request for this session (worker/requests.ts).
  handle(req: Request): { reply: Reply; transfer: Transferable[] } {
    if (!READS_ONLY.has(req.kind)) this.ready = null;
    return handleRequest(this, req);
  }

  // Its points changed: the next snapshot sends them.
  dataChanged(): void {
    this.dataVersion++;
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
      this.ready = { epoch: this.pg.epoch(), focus: this.focus, frame: picture(this.engine, this.pg, this.focus), madeAt: t0 };
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

  // A loaded model or preset: new points, and its history sent whole.
  newSession(): void {
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
    const frame = usable ? ready.frame : picture(this.engine, this.pg, this.focus);
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
}
