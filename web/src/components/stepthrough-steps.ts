// The step-through's steps and what each shows beside the neurons: the input,
// forward layer by layer, the loss, backward layer by layer. Pure functions of
// the engine's trace; stepthrough.ts walks them, stepthrough-tables.ts writes
// their tables.
import { FEATURES } from '../settings/menus';
import type { LayerData, TraceData } from '../worker/protocol';
import type { NeuronNote } from './network-notes';

export type Step = { kind: 'input' } | { kind: 'forward'; l: number } | { kind: 'loss' } | { kind: 'backward'; l: number };

export function stepsFor(layers: number): Step[] {
  const out: Step[] = [{ kind: 'input' }];
  for (let l = 0; l < layers; l++) out.push({ kind: 'forward', l });
  out.push({ kind: 'loss' });
  for (let l = layers - 1; l >= 0; l--) out.push({ kind: 'backward', l });
  return out;
}

// One SGD step on the point: the weights before and after, the gradients it used.
export interface Update {
  before: LayerData[];
  after: LayerData[];
  grads: TraceData;
  lossAfter: number;
  rate: number;
}

export const sameLayers = (a: LayerData[], b: LayerData[]) =>
  a.length === b.length &&
  a.every(
    (l, i) =>
      l.rows === b[i]!.rows &&
      l.cols === b[i]!.cols &&
      l.weights.every((w, k) => Object.is(w, b[i]!.weights[k])) &&
      l.biases.every((w, k) => Object.is(w, b[i]!.biases[k])),
  );

// How the tables name layers, neurons and inputs, for a network of `layers` weight layers.
export interface StepNames {
  layerName(l: number): string;
  featureLabel(j: number): string;
  outputLabel(i: number, rows: number): string;
  neuronLabel(l: number, i: number, rows: number): string;
  inputLabel(l: number, j: number): string;
}

// features: the ids the network reads, in order.
export function stepNames(layers: number, features: readonly string[]): StepNames {
  const hiddenCount = layers - 1;
  const featureLabel = (j: number) => FEATURES.find((f) => f.value === features[j])?.label ?? `x${j + 1}`;
  const outputLabel = (i: number, rows: number) => (rows > 1 ? `Class ${i}` : 'Output');
  return {
    layerName: (l) => (l === hiddenCount ? 'the output layer' : `hidden layer ${l + 1}`),
    featureLabel,
    outputLabel,
    neuronLabel: (l, i, rows) => (l === hiddenCount ? outputLabel(i, rows) : `Neuron ${i + 1}`),
    inputLabel: (l, j) => (l === 0 ? featureLabel(j) : `a${j + 1}`),
  };
}

// The progress list's name for step s of `all`.
export function stepLabel(s: Step, all: readonly Step[]): string {
  return s.kind === 'input'
    ? 'Input'
    : s.kind === 'loss'
      ? 'Loss'
      : s.kind === 'forward'
        ? s.l === all.length / 2 - 2
          ? 'Output'
          : `Layer ${s.l + 1}`
        : s.l === all.length / 2 - 2
          ? 'δ output'
          : `δ layer ${s.l + 1}`;
}

// The numbers beside the neurons at step s: what has been computed so far, the step's own marked current.
export function notesFor(s: Step, t: TraceData): NeuronNote[] {
  const out: NeuronNote[] = [];
  const L = t.layers.length;
  t.input.forEach((v, j) => out.push({ stage: 0, index: j, rows: [{ label: 'x', value: v, key: `x:${j}` }], current: s.kind === 'input' }));
  if (s.kind === 'forward') {
    for (let l = 0; l <= s.l; l++) {
      const layer = t.layers[l]!;
      layer.a.forEach((a, i) =>
        out.push({
          stage: l + 1,
          index: i,
          rows:
            l === s.l
              ? [
                  { label: 'z', value: layer.z[i]!, key: `z:${l}:${i}` },
                  { label: 'a', value: a, key: `a:${l}:${i}` },
                ]
              : [{ label: 'a', value: a, key: `a:${l}:${i}` }],
          current: l === s.l,
        }),
      );
    }
  } else if (s.kind === 'loss') {
    for (let l = 0; l < L - 1; l++)
      t.layers[l]!.a.forEach((a, i) => out.push({ stage: l + 1, index: i, rows: [{ label: 'a', value: a, key: `a:${l}:${i}` }], current: false }));
    t.output.forEach((a, i) =>
      out.push({
        stage: L,
        index: i,
        rows: [
          { label: 'a', value: a, key: `out:${i}` },
          { label: 'y', value: t.target[i]!, key: `y:${i}` },
        ],
        current: true,
      }),
    );
  } else if (s.kind === 'backward') {
    for (let l = s.l; l < L; l++) {
      t.layers[l]!.delta.forEach((d, i) => out.push({ stage: l + 1, index: i, rows: [{ label: 'δ', value: d, key: `d:${l}:${i}` }], current: l === s.l }));
    }
  }
  return out;
}
