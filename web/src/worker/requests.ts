// A session's requests, by what they do: train or configure, edit the points
// or the weights, load a model or a lesson, or read without changing anything.
import { DEFAULT_OUTPUT } from '../engine/outputs';
import { taskOf } from '../shared/task';
import { loaded } from './courses';
import { configureWith, dataKey, trainTimed } from './engine-calls';
import { layerCopies } from './picture';
import { MAX_TRAIN_MS, MAX_TRAIN_TO_EPOCHS, type Reply, type Request, type TraceData } from './protocol';
import type { Session } from './session';

type Answer = { reply: Reply; transfer: Transferable[] };
type Of<K extends Request['kind']> = Extract<Request, { kind: K }>;

export function handleRequest(s: Session, req: Request): Answer {
  switch (req.kind) {
    case 'configure':
    case 'reset':
    case 'train':
    case 'trainTo':
      return training(s, req);
    case 'focus':
    case 'addPoint':
    case 'movePoint':
    case 'removePoint':
    case 'loadCsv':
    case 'setWeight':
    case 'setBias':
    case 'applySampleUpdate':
      return edits(s, req);
    case 'importModel':
    case 'lesson':
      return loads(s, req);
    case 'snapshot':
    case 'stop':
      return s.snapshotReply();
    case 'exportCsv':
    case 'exportModel':
    case 'exportPyTorch':
      return exports(s, req);
    case 'predict':
    case 'previews':
    case 'trace':
    case 'hiddenSpace':
    case 'curve':
      return reads(s, req);
    case 'open':
    case 'close':
    case 'copyWeights':
    case 'stream':
      throw new Error(`${req.kind} is handled by the worker, not a session`);
    default: {
      // Unreachable after checkMessage; said clearly if a new kind is ever left out here.
      const unknown: never = req;
      throw new Error(`unknown request kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}

function training(s: Session, req: Of<'configure' | 'reset' | 'train' | 'trainTo'>): Answer {
  const pg = s.pg;
  switch (req.kind) {
    case 'configure': {
      const before = dataKey(pg.config());
      // Configuration and points in one engine call: a refusal leaves both as they were.
      const points = configureWith(pg, req);
      if (points || dataKey(pg.config()) !== before) s.dataChanged();
      break;
    }
    case 'reset':
      pg.reset();
      break;
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
      break;
    }
    case 'trainTo': {
      // Whole epochs up to the target, however long it takes: two sessions
      // asked for the same epoch end at the same epoch (unless one diverged).
      const target = Math.min(Math.floor(req.epoch), pg.epoch() + MAX_TRAIN_TO_EPOCHS);
      const perCall = s.engine.catalog().limits.maxEpochsPerCall;
      while (pg.epoch() < target && pg.status() === 'ok') {
        const before = pg.epoch();
        trainTimed(pg, Math.min(perCall, target - before));
        if (pg.epoch() === before) break; // at the engine's epoch limit
      }
      break;
    }
  }
  return s.snapshotReply();
}

function edits(s: Session, req: Of<'focus' | 'addPoint' | 'movePoint' | 'removePoint' | 'loadCsv' | 'setWeight' | 'setBias' | 'applySampleUpdate'>): Answer {
  const pg = s.pg;
  switch (req.kind) {
    case 'focus':
      s.focus = req.map;
      break;
    case 'addPoint':
      pg.addPoint(req.x, req.y, req.label);
      s.dataChanged();
      break;
    case 'movePoint':
      pg.movePoint(req.index, req.x, req.y);
      s.dataChanged();
      break;
    case 'removePoint':
      pg.removePoint(req.index);
      s.dataChanged();
      break;
    case 'loadCsv': {
      const result = pg.loadCsv(req.text);
      if (result.ok) s.dataChanged();
      const { snapshot, transfer } = s.snapshot();
      return { reply: { kind: 'csv', result, snapshot }, transfer };
    }
    case 'setWeight':
      pg.setWeight(req.layer, req.to, req.from, req.value);
      break;
    case 'setBias':
      pg.setBias(req.layer, req.neuron, req.value);
      break;
    case 'applySampleUpdate':
      pg.applySampleUpdate(req.x, req.y, req.label);
      break;
  }
  return s.snapshotReply();
}

// A model file or a lesson's preset: a new session, its history sent whole.
function loads(s: Session, req: Of<'importModel' | 'lesson'>): Answer {
  if (req.kind === 'importModel') {
    const note = s.pg.importModel(req.json);
    s.newSession();
    const { snapshot, transfer } = s.snapshot();
    return { reply: { kind: 'model', snapshot, note }, transfer };
  }
  loaded().applyPreset(s.pg, req.preset);
  s.newSession();
  return s.snapshotReply();
}

function exports(s: Session, req: Of<'exportCsv' | 'exportModel' | 'exportPyTorch'>): Answer {
  const pg = s.pg;
  if (req.kind === 'exportCsv') return { reply: { kind: 'text', text: pg.exportCsv() }, transfer: [] };
  if (req.kind === 'exportModel') return { reply: { kind: 'text', text: pg.exportModel() }, transfer: [] };
  const { toPyTorch } = loaded();
  return { reply: { kind: 'text', text: toPyTorch(pg.exportModel(), { points: pg.points() }) }, transfer: [] };
}

function reads(s: Session, req: Of<'predict' | 'previews' | 'trace' | 'hiddenSpace' | 'curve'>): Answer {
  const pg = s.pg;
  switch (req.kind) {
    case 'predict': {
      const value = pg.predict(req.x, req.y);
      return { reply: { kind: 'predict', value }, transfer: [value.buffer] };
    }
    case 'previews':
      return previews(s, req);
    case 'trace': {
      const trace: TraceData = pg.trace(req.x, req.y, req.label);
      const layers = layerCopies(pg);
      const transfer = [
        trace.input.buffer,
        trace.target.buffer,
        trace.output.buffer,
        ...trace.layers.flatMap((l) => [l.z.buffer, l.a.buffer, l.delta.buffer, l.dW.buffer, l.db.buffer]),
        ...layers.flatMap((l) => [l.weights.buffer, l.biases.buffer]),
      ];
      return { reply: { kind: 'trace', trace, layers }, transfer };
    }
    case 'hiddenSpace': {
      const space = pg.hiddenSpace(req.layer, req.u1, req.u2, req.n);
      return { reply: { kind: 'hiddenSpace', space, epoch: pg.epoch() }, transfer: [space.points.buffer, space.lines.buffer, space.output.buffer] };
    }
    case 'curve': {
      const { value, derivative } = s.engine.activationCurve(req.activation, req.alpha, req.z);
      return { reply: { kind: 'curve', value, derivative }, transfer: [value.buffer, derivative.buffer] };
    }
  }
}

// Each data set drawn once, small, for its thumbnail.
function previews(s: Session, req: Of<'previews'>): Answer {
  const engine = s.engine;
  const catalog = engine.catalog();
  const previews = catalog.datasets
    .filter((d) => d.id !== 'custom')
    .map((d) => {
      const task = taskOf({ dataset: d.id, problem: d.problem, classes: req.classes }, catalog);
      const tmp = engine.createPlayground({
        dataset: d.id,
        samples: req.samples,
        classes: req.classes,
        noise: 0,
        seed: 7,
        hidden: [],
        output: DEFAULT_OUTPUT[task],
      });
      try {
        return { id: d.id, points: tmp.points() };
      } finally {
        tmp.delete();
      }
    });
  return {
    reply: { kind: 'previews', previews },
    transfer: previews.flatMap((p) => [p.points.x.buffer, p.points.y.buffer, p.points.label.buffer, p.points.test.buffer]),
  };
}
