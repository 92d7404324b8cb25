// The "PyTorch code" export: fills the Python template (pytorch-template.py)
// with a model file written by the engine (engine/model_io.cpp, schema 3:
// with the optimizer's state and the shuffle's) and the points with their
// train/test flags. The script draws its batches with the engine's own
// generator from the state it had reached, so it needs no list of them. The engine wrote and checked the
// model file, so it is read as it is; the script's numbers are written by
// `pyFloat` so Python reads back the same float64s.
// tests/wasm/pytorch-check.test.ts runs the result against the engine.

import template from './pytorch-template.py?raw';
import type { PlaygroundConfig, Points } from '../engine/types';
// The one engine rule the export needs (0 for regression, else the class count).
import { ENGINE } from '../engine/description.generated';
import { classCount } from '../shared/task';

export const MODEL_FORMAT = 'nn-playground-model';
// The schema lesson presets write: their weights are at step 0, where schema 2
// (no optimizer state) resumes exactly. The engine writes 3 and reads 1 to 3.
export const MODEL_SCHEMA = 2;

// One weight layer as the model file holds it: weights[i][j] from input j to neuron i.
export interface ModelLayer {
  weights: number[][];
  biases: number[];
}

// One parameter's optimizer state by PyTorch's name: rows for a weight, numbers for a bias.
type ParamState = Record<string, number[][] | number[]>;

// What the export reads from a model file (engine/model_io.cpp export_model).
interface ModelFile {
  config: PlaygroundConfig;
  epoch: number;
  steps: number;
  layers: ModelLayer[];
  shuffle: { state: string[]; order: number[]; position: number }; // state: "0x" and 16 hex digits each
  optimizer: { step: number; layers: { weights: ParamState; biases: ParamState }[] };
}

// What the engine adds beside the model file: every point with its train/test flag.
export interface PyTorchData {
  points: Points;
}

// A Python float literal that reads back as exactly the same float64: JavaScript's
// shortest round-trip digits, with ".0" added to whole numbers and -0 kept.
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`toPyTorch: cannot write ${String(v)} as a Python float`);
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const pyInt = (v: number): string => String(Math.trunc(v));
const pyStr = (s: string): string => JSON.stringify(s); // engine ids: plain ASCII words
const pyList = (items: string[]): string => `[${items.join(', ')}]`;
// A generator word as the model file writes it; Python reads 0x... as the same integer.
function pyWord(w: string): string {
  if (!/^0x[0-9a-f]{16}$/.test(w)) throw new Error(`toPyTorch: ${JSON.stringify(w)} is not a generator word`);
  return w;
}

function header(m: ModelFile, d: PyTorchData): string {
  const c = m.config;
  const n = d.points.test.length;
  const held = d.points.test.reduce((s, t) => s + t, 0);
  const classes = classCount(c, ENGINE);
  const data = c.dataset === 'custom' ? 'custom points' : `${c.dataset}, seed ${c.seed}, noise ${c.noise}`;
  const task = classes === 0 ? 'regression' : `${classes} classes`;
  return [
    `Data: ${data}, ${task}: ${n} points, ${n - held} for training, ${held} held out.`,
    `# Weights after ${m.epoch} epochs (${m.steps} steps); training goes on ${m.shuffle.position} training points into epoch ${m.epoch + 1}.`,
  ].join('\n');
}

// {"name": values, ...} as a Python dict, the values as nested lists of floats.
function pyState(state: ParamState): string {
  const value = (v: number[][] | number[]): string => pyList(v.map((x) => (Array.isArray(x) ? pyList(x.map(pyFloat)) : pyFloat(x))));
  return `{${Object.keys(state)
    .map((k) => `${pyStr(k)}: ${value(state[k] ?? [])}`)
    .join(', ')}}`;
}

// The PyTorch script for a model file exported by the engine and the engine's points.
export function toPyTorch(modelJson: string, data: PyTorchData): string {
  const m = JSON.parse(modelJson) as ModelFile;
  const c = m.config;
  const o = c.optimizer;
  const p = data.points;
  const points = Array.from(p.test, (t, i) => `    [${pyFloat(p.x[i] ?? NaN)}, ${pyFloat(p.y[i] ?? NaN)}, ${pyFloat(p.label[i] ?? NaN)}, ${pyInt(t)}],`);
  const layers = m.layers.map(
    (l) => `    (\n        ${pyList(l.weights.map((row) => pyList(row.map(pyFloat))))},\n        ${pyList(l.biases.map(pyFloat))},\n    ),`,
  );
  const fill: Record<string, string> = {
    HEADER: header(m, data),
    FEATURES: pyList(c.features.map(pyStr)),
    HIDDEN: pyList(c.hidden.map((h) => `(${h.width}, ${pyStr(h.activation)}, ${h.alpha === undefined ? 'None' : pyFloat(h.alpha)})`)),
    OUTPUT: pyStr(c.output),
    CLASSES: pyInt(classCount(c, ENGINE)),
    OPTIMIZER: pyStr(o.kind),
    LEARNING_RATE: pyFloat(o.learning_rate),
    MOMENTUM: pyFloat(o.momentum),
    RHO: pyFloat(o.rho),
    BETAS: `(${pyFloat(o.beta1)}, ${pyFloat(o.beta2)})`,
    EPSILON: pyFloat(o.epsilon),
    BATCH_SIZE: pyInt(c.batch_size),
    REGULARIZATION: pyStr(c.regularization),
    REG_RATE: pyFloat(c.reg_rate),
    SHUFFLE: c.shuffle ? 'True' : 'False',
    SEED: pyInt(c.seed),
    SHUFFLE_STATE: pyList(m.shuffle.state.map(pyWord)),
    ORDER: pyList(m.shuffle.order.map(pyInt)),
    POSITION: pyInt(m.shuffle.position),
    OPTIMIZER_STEP: pyInt(m.optimizer.step),
    OPTIMIZER_STATE: `[\n${m.optimizer.layers.map((l) => `    (${pyState(l.weights)}, ${pyState(l.biases)}),`).join('\n')}\n]`,
    POINTS: `[\n${points.join('\n')}\n]`,
    TRAINED: `[\n${layers.join('\n')}\n]`,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = fill[key];
    if (v === undefined) throw new Error(`toPyTorch: the template names an unknown value {{${key}}}`);
    return v;
  });
}
