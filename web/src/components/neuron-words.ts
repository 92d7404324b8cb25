// One map of the network (an input feature, a hidden neuron, an output) in
// words: the engine's summary of its picture and the weights coming into it.
// No DOM here (Node tests read it).
import { ENGINE } from '../engine/description.generated';
import type { MapsDescription } from '../engine/types';
import type { LayerData } from '../worker/protocol';
import { formatValue } from './dom';
import { describeValues, describeWins } from './map-words';

// What the words need of a snapshot.
export interface NetworkShape {
  features: readonly string[]; // the engine's feature ids, in order
  mapStart: readonly number[]; // first map of: inputs, hidden layer 0.., output layer
  layers: readonly LayerData[];
}

const FEATURE_LABEL = new Map<string, string>(ENGINE.features.map((f) => [f.id, f.label]));

// Map m as stage (0 inputs, 1.. weight layers) and index within it.
function place(shape: NetworkShape, m: number): { stage: number; index: number } {
  let stage = 0;
  for (let c = 0; c < shape.mapStart.length; c++) if ((shape.mapStart[c] ?? Infinity) <= m) stage = c;
  return { stage, index: m - (shape.mapStart[stage] ?? 0) };
}

// The name of map m, as the diagram's labels say it.
function mapName(shape: NetworkShape, m: number): string {
  const { stage, index } = place(shape, m);
  const last = shape.mapStart.length - 1;
  if (stage === 0) return `Feature ${FEATURE_LABEL.get(shape.features[index] ?? '') ?? index + 1}`;
  if (stage === last) return (shape.layers[stage - 1]?.rows ?? 1) > 1 ? `Output for class ${index}` : 'Output';
  return `Neuron ${index + 1} of hidden layer ${stage}`;
}

const signed = (v: number) => (v >= 0 ? `+${formatValue(v)}` : `−${formatValue(-v)}`);

// The weights into neuron `index` of weight layer `layer`: each source with its signed weight, then the bias.
function incomingWords(shape: NetworkShape, layer: number, index: number): string {
  const l = shape.layers[layer];
  if (!l) return '';
  const from = (k: number) => (layer === 0 ? (FEATURE_LABEL.get(shape.features[k] ?? '') ?? `input ${k + 1}`) : `neuron ${k + 1}`);
  const parts = Array.from({ length: l.cols }, (_, k) => `from ${from(k)} ${signed(l.weights[index * l.cols + k] ?? NaN)}`);
  return `Weights in: ${parts.join(', ')}; bias ${signed(l.biases[index] ?? NaN)}.`;
}

// Map m's description: its picture, then (a neuron) its incoming weights.
export function describeMap(d: MapsDescription, shape: NetworkShape, m: number): string {
  const s = d.maps[m];
  const name = mapName(shape, m);
  if (!s) return name;
  const { stage, index } = place(shape, m);
  const multiclassOutput = stage === shape.mapStart.length - 1 && (shape.layers[stage - 1]?.rows ?? 1) > 1;
  const picture = multiclassOutput ? describeWins(s, name) : describeValues(s, name);
  return stage === 0 ? picture : `${picture} ${incomingWords(shape, stage - 1, index)}`;
}
