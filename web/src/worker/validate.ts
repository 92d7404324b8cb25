// Every message to the training worker is checked here before it is acted on:
// the worker is reachable by any script of the page, not only by the page's
// own client (worker/client.ts), so nothing about a message is trusted.
//   - `init` (no id) starts the engine, once;
//   - every other message needs a numeric `id` and `session` and a known
//     `kind`, with each field of that kind of the right type;
//   - training is bounded: `train` and `stream` take at most the engine's
//     epochs per call (ENGINE.limits.maxEpochsPerCall).
// Values within the right type (a learning rate, a point's label) are the
// engine's to check: it refuses them with its own messages.
import { ENGINE } from '../engine/description.generated';
import { describeValue } from '../shared/messages';
import type { Envelope, InitMessage, Request } from './protocol';

export type Checked =
  | { kind: 'init'; init: InitMessage }
  | { kind: 'request'; id: number; session: number; req: Request }
  // Refused: answered with an error under `id` (null when the message has no usable id);
  // `start`: the first init was refused (answered as a failed start: the page waits for a hello).
  | { kind: 'refused'; id: number | null; message: string; start?: true };

// What a field must be; each returns a description of what was expected, or '' when it is fine.
type Check = (v: unknown) => string;

const MAX_EPOCHS = ENGINE.limits.maxEpochsPerCall;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? '' : 'a finite number');
const index: Check = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? '' : 'a whole number from 0');
const text: Check = (v) => (typeof v === 'string' ? '' : 'a string');
const object: Check = (v) => (isRecord(v) ? '' : 'an object');
const epochs: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_EPOCHS ? '' : `a whole number from 1 to ${MAX_EPOCHS} (the engine's epochs per call)`;
const epoch: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= ENGINE.limits.maxEpoch ? '' : `a whole number from 0 to ${ENGINE.limits.maxEpoch}`;
const duration: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? '' : 'a number of milliseconds from 0');
const mapOrNull: Check = (v) => (v === null ? '' : index(v) && 'a map number from 0, or null');
const floats: Check = (v) => (v instanceof Float64Array ? '' : 'a Float64Array');
const points: Check = (v) =>
  Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 3 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))
    ? ''
    : 'a list of [x, y, label] numbers';
// A lesson's preset: its parts' types here; their values are the engine's to check.
const preset: Check = (v) =>
  isRecord(v) && isRecord(v['config']) && (v['points'] === undefined || points(v['points']) === '') && (v['weights'] === undefined || isRecord(v['weights']))
    ? ''
    : 'a preset: { config, points?, weights? } with config and weights objects and points a list of [x, y, label] numbers';
const heldOut: Check = (v) => (Array.isArray(v) && v.every((f) => f === 0 || f === 1) ? '' : 'a list of 0/1 flags, one per point');

// Each kind's fields; a `?` after a name: optional (undefined is fine).
const KINDS = new Map<Request['kind'], Record<string, Check>>([
  ['configure', { patch: object, 'points?': points, 'heldOut?': heldOut }],
  ['reset', {}],
  ['train', { epochs, 'budgetMs?': duration }],
  ['trainTo', { epoch }],
  ['stream', { epochs }],
  ['stop', {}],
  ['open', { patch: object, 'points?': points, 'heldOut?': heldOut }],
  ['close', {}],
  ['copyWeights', { from: index }],
  ['snapshot', {}],
  ['focus', { map: mapOrNull }],
  ['addPoint', { x: finite, y: finite, label: finite }],
  ['movePoint', { index, x: finite, y: finite }],
  ['removePoint', { index }],
  ['loadCsv', { text }],
  ['exportCsv', {}],
  ['setWeight', { layer: index, to: index, from: index, value: finite }],
  ['setBias', { layer: index, neuron: index, value: finite }],
  ['predict', { x: finite, y: finite }],
  ['curve', { activation: text, alpha: finite, z: floats }],
  ['previews', { classes: index, samples: index }],
  ['trace', { x: finite, y: finite, label: finite }],
  ['applySampleUpdate', { x: finite, y: finite, label: finite }],
  ['exportModel', {}],
  ['exportPyTorch', {}],
  ['importModel', { json: text }],
  ['lesson', { preset }],
  ['hiddenSpace', { layer: index, u1: index, u2: index, n: index }],
]);

export const REQUEST_KINDS: readonly string[] = [...KINDS.keys()];

const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

function fieldProblem(kind: string, msg: Record<string, unknown>, fields: Record<string, Check>): string {
  for (const [spec, check] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const name = optional ? spec.slice(0, -1) : spec;
    const value = own(msg, name);
    if (optional && value === undefined) continue;
    const expected = check(value);
    if (expected) return `${kind}: ${name} must be ${expected} (got ${describeValue(value)})`;
  }
  return '';
}

// `started`: an init message came already (the engine starts once).
export function checkMessage(data: unknown, started: boolean): Checked {
  if (!isRecord(data)) return { kind: 'refused', id: null, message: `a message to the worker must be an object (got ${describeValue(data)})` };
  const id = own(data, 'id');
  const kind = own(data, 'kind');
  // The init message is the only one without an id (worker/client.ts start).
  if (id === undefined && kind === 'init') {
    if (started) return { kind: 'refused', id: null, message: 'init: the worker was started already; it starts once' };
    const problem = fieldProblem('init', data, { patch: object, 'points?': points, 'heldOut?': heldOut });
    if (problem) return { kind: 'refused', id: null, message: problem, start: true };
    // Every field passes on, as for requests (fields not listed here are the handler's to read).
    return { kind: 'init', init: { ...data } as unknown as InitMessage };
  }
  const usableId = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
  if (usableId === null) return { kind: 'refused', id: null, message: `a request needs an id, a whole number from 0 (got ${describeValue(id)})` };
  const session = own(data, 'session');
  if (typeof session !== 'number' || !Number.isSafeInteger(session) || session < 0) {
    return { kind: 'refused', id: usableId, message: `a request needs a session, a whole number from 0 (got ${describeValue(session)})` };
  }
  const fields = typeof kind === 'string' ? KINDS.get(kind as Request['kind']) : undefined;
  if (!fields) return { kind: 'refused', id: usableId, message: `unknown request kind ${describeValue(kind)}; known: ${REQUEST_KINDS.join(', ')}` };
  const problem = fieldProblem(kind as string, data, fields);
  if (problem) return { kind: 'refused', id: usableId, message: problem };
  const { id: _id, session: _session, ...req } = data as Envelope<Request>;
  return { kind: 'request', id: usableId, session, req: req as Request };
}
