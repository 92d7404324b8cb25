// A fake training worker for the page's session store: the real engine in
// Node behind the store's SessionPort, answering with small snapshots (no
// maps). It records every request and can be told to refuse the next one.
import type { Engine, ErrorCode, Playground } from '../../web/src/engine/types';
import type { SessionPort } from '../../web/src/page/session-store';
import type { Reply, Request, Snapshot } from '../../web/src/worker/protocol';
import { applyPreset } from '../../web/src/courses/preset-load';
import { EngineError } from '../../web/src/engine/engine-error';

export interface FakeWorker extends SessionPort {
  pg: Playground;
  requests: Request[];
  refuseNext(message: string, code?: ErrorCode, reason?: string): void; // code, reason: as an engine refusal carries them
  snapshot(): Snapshot;
}

export function fakeWorker(engine: Engine): FakeWorker {
  const pg = engine.createPlayground();
  const requests: Request[] = [];
  let refusal: { message: string; code?: ErrorCode; reason?: string } | null = null;
  let pending = 0;
  let historySent = 0; // rows
  let historyEpoch = -1; // the epoch of the last row sent
  let revision = -1;
  let dataVersion = 1;
  let dataSent = 0;

  function snapshot(): Snapshot {
    const rev = pg.historyRevision();
    // As the worker: rows and epochs differ by one (row 0 is epoch 0).
    if (rev !== revision || pg.epoch() < historyEpoch) historySent = 0;
    revision = rev;
    const since = historySent;
    const history = { revision: rev, since, columns: pg.history(since) };
    const sent = history.columns.epoch;
    historySent = since + sent.length;
    if (sent.length) historyEpoch = sent[sent.length - 1]!;
    else if (since === 0) historyEpoch = -1;
    const points = dataSent !== dataVersion ? pg.points() : null;
    dataSent = dataVersion;
    return {
      config: pg.config(),
      epoch: pg.epoch(),
      steps: pg.steps(),
      status: pg.status(),
      statusMessage: pg.statusMessage(),
      stats: pg.evaluate(),
      history,
      grid: {
        lo: -6,
        hi: 6,
        mapStart: [0],
        maps: 0,
        thumbN: 0,
        thumbs: new Float32Array(0),
        outN: 0,
        output: new Float32Array(0),
        focus: null,
        focusValues: null,
      },
      layers: pg.layers().map(({ rows, cols, weights, biases }) => ({ rows, cols, weights, biases })),
      points,
      dataVersion,
      work: { trainMs: 0, epochs: 0, snapshotMs: 0, snapshots: 0 },
    };
  }

  function handle(req: Request): Reply {
    switch (req.kind) {
      case 'configure':
        pg.configure(req.patch, req.points && req.points.length ? req.points : undefined, req.points && req.points.length ? req.heldOut : undefined);
        dataVersion++;
        break;
      case 'train':
      case 'stream':
        pg.trainEpochs(Math.max(1, Math.floor(req.epochs)));
        break;
      case 'stop':
        break;
      case 'reset':
        pg.reset();
        break;
      case 'lesson': {
        applyPreset(pg, req.preset);
        dataVersion++;
        historySent = 0;
        revision = -1;
        break;
      }
      case 'addPoint':
        pg.addPoint(req.x, req.y, req.label);
        dataVersion++;
        break;
      default:
        throw new Error(`the fake worker does not answer ${req.kind}`);
    }
    return { kind: 'snapshot', snapshot: snapshot() };
  }

  return {
    pg,
    requests,
    snapshot,
    refuseNext(message, code, reason) {
      refusal = { message, code, reason };
    },
    get busy() {
      return pending > 0;
    },
    async request(req) {
      requests.push(req);
      pending++;
      try {
        await Promise.resolve(); // answers come later, as from a worker
        if (refusal !== null) {
          const { message, ...coded } = refusal;
          refusal = null;
          throw Object.assign(new Error(message), { snapshot: snapshot() }, coded.code ? coded : {});
        }
        try {
          return handle(req);
        } catch (e) {
          // As the worker does: an engine refusal keeps its code and cause.
          const refusal = e instanceof EngineError ? { code: e.code, reason: e.reason } : {};
          throw Object.assign(new Error(e instanceof Error ? e.message : String(e)), { snapshot: snapshot(), ...refusal });
        }
      } finally {
        pending--;
      }
    },
  };
}
