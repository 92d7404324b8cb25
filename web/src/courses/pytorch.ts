// Turns a model exported by the playground (engine/model_io.hpp) into a
// runnable PyTorch script that computes, and keeps training, the same network:
// the same input features, layers, activations, output unit and loss (with
// the playground's ½ in squared errors), label encoding, optimizer,
// TensorFlow Playground-style L1/L2 step and batch size, with the trained
// weights written out at full float64 precision.
//
// Nothing from the file reaches the code as text: every string is checked
// against the engine's ids and every number is written by `pyFloat`. A bad
// file throws an Error naming the field, as the engine does:
// "toPyTorch: config.hidden[1].activation: got "foo", expected one of ...".

import type {
  ActivationId,
  FeatureId,
  HiddenLayerConfig,
  OptimizerConfig,
  OutputId,
  PlaygroundConfig,
} from '../engine/types';
import {
  ACTIVATION_IDS,
  DATASET_IDS,
  FEATURE_IDS,
  INIT_IDS,
  LIMITS,
  OPTIMIZER_IDS,
  OUTPUT_IDS,
  PROBLEMS,
  REGULARIZATION_IDS,
  activationRule,
  checkConfig,
  classCount,
  effectiveProblem,
  engineDefaults,
  isOneOf,
  layerAlpha,
  outputWidth,
} from './engine-rules';

export const MODEL_FORMAT = 'nn-playground-model';
export const MODEL_SCHEMA = 2; // 2: history as named columns (not read here), 1 still accepted

// One weight layer as the model file holds it: weights[i][j] from input j to neuron i.
export interface ModelLayer {
  weights: number[][];
  biases: number[];
}

// What toPyTorch reads from a model file, checked.
export interface ParsedModel {
  config: PlaygroundConfig;
  epoch: number;
  steps: number;
  layers: ModelLayer[];
  points: number; // custom points stored in the file
}

// --- reading and checking the file ------------------------------------------

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (NaN, Infinity or no value)';
  if (typeof v === 'number') return String(v); // JSON.parse reads 1e999 as Infinity
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function fail(field: string, got: unknown, expected: string): never {
  throw new Error(`toPyTorch: ${field}: got ${describe(got)}, expected ${expected}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readNumber(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, v, 'a finite number');
  return v;
}

function readInt(v: unknown, field: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    fail(field, v, `a whole number from ${lo} to ${hi}`);
  return v;
}

function readId<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
  if (!isOneOf(allowed, v)) fail(field, v, `one of ${allowed.join(' ')}`);
  return v;
}

function checkKeys(o: Record<string, unknown>, where: string, keys: readonly string[]): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k)) throw new Error(`toPyTorch: ${where}${k}: got an unknown field, expected one of ${keys.join(' ')}`);
}

const CONFIG_KEYS = [
  'dataset', 'problem', 'classes', 'samples', 'noise', 'train_ratio', 'seed', 'shuffle', 'features', 'hidden',
  'output', 'optimizer', 'batch_size', 'regularization', 'reg_rate', 'init',
] as const;
const OPTIMIZER_KEYS = ['kind', 'learning_rate', 'momentum', 'rho', 'beta1', 'beta2', 'epsilon'] as const;

// engine/config.cpp config_from_json: a (possibly partial) object over the defaults, then validated.
function readConfig(j: unknown): PlaygroundConfig {
  if (!isObject(j)) fail('config', j, 'an object');
  checkKeys(j, 'config.', CONFIG_KEYS);
  const c = engineDefaults();
  if ('dataset' in j) c.dataset = readId(j.dataset, 'config.dataset', DATASET_IDS);
  if ('problem' in j) c.problem = readId(j.problem, 'config.problem', PROBLEMS);
  if ('classes' in j) c.classes = readInt(j.classes, 'config.classes', 2, LIMITS.maxClasses);
  if ('samples' in j) c.samples = readInt(j.samples, 'config.samples', LIMITS.minSamples, LIMITS.maxSamples);
  if ('noise' in j) c.noise = readNumber(j.noise, 'config.noise');
  if ('train_ratio' in j) c.train_ratio = readNumber(j.train_ratio, 'config.train_ratio');
  if ('seed' in j) c.seed = readInt(j.seed, 'config.seed', 0, LIMITS.maxSeed);
  if ('shuffle' in j) {
    if (typeof j.shuffle !== 'boolean') fail('config.shuffle', j.shuffle, 'true or false');
    c.shuffle = j.shuffle;
  }
  if ('features' in j) {
    if (!Array.isArray(j.features)) fail('config.features', j.features, 'an array of feature ids');
    c.features = j.features.map((f: unknown, i) => readId<FeatureId>(f, `config.features[${i}]`, FEATURE_IDS));
  }
  if ('hidden' in j) {
    const h = j.hidden;
    if (!Array.isArray(h)) fail('config.hidden', h, 'an array of layers {width, activation}');
    if (h.length > LIMITS.maxHiddenLayers)
      fail('config.hidden (number of layers)', h.length, `a whole number from 0 to ${LIMITS.maxHiddenLayers}`);
    c.hidden = h.map((layer: unknown, i): HiddenLayerConfig => {
      const f = `config.hidden[${i}]`;
      if (!isObject(layer)) fail(f, layer, 'an object {width, activation}');
      checkKeys(layer, `${f}.`, ['width', 'activation', 'alpha']);
      const width = 'width' in layer ? readInt(layer.width, `${f}.width`, 1, LIMITS.maxWidth) : 4;
      const activation: ActivationId =
        'activation' in layer ? readId(layer.activation, `${f}.activation`, ACTIVATION_IDS) : 'tanh';
      const alpha = 'alpha' in layer ? readNumber(layer.alpha, `${f}.alpha`) : activationRule(activation).defaultAlpha;
      return activationRule(activation).hasAlpha ? { width, activation, alpha } : { width, activation };
    });
  }
  if ('output' in j) c.output = readId(j.output, 'config.output', OUTPUT_IDS);
  if ('optimizer' in j) {
    const o = j.optimizer;
    if (typeof o === 'string') {
      c.optimizer.kind = readId(o, 'config.optimizer', OPTIMIZER_IDS);
    } else {
      if (!isObject(o)) fail('config.optimizer', o, 'an object {kind, learning_rate, ...} or an optimizer id');
      checkKeys(o, 'config.optimizer.', OPTIMIZER_KEYS);
      if ('kind' in o) c.optimizer.kind = readId(o.kind, 'config.optimizer.kind', OPTIMIZER_IDS);
      for (const k of OPTIMIZER_KEYS)
        if (k !== 'kind' && k in o) c.optimizer[k] = readNumber(o[k], `config.optimizer.${k}`);
    }
  }
  if ('batch_size' in j) c.batch_size = readInt(j.batch_size, 'config.batch_size', 1, LIMITS.maxBatch);
  if ('regularization' in j) c.regularization = readId(j.regularization, 'config.regularization', REGULARIZATION_IDS);
  if ('reg_rate' in j) c.reg_rate = readNumber(j.reg_rate, 'config.reg_rate');
  if ('init' in j) c.init = readId(j.init, 'config.init', INIT_IDS);
  try {
    checkConfig(c);
  } catch (e) {
    throw new Error(`toPyTorch: config.${(e as Error).message}`);
  }
  return c;
}

// Widths of the weight layers: [inputs, hidden..., outputs].
function layerWidths(c: PlaygroundConfig): number[] {
  return [c.features.length, ...c.hidden.map((h) => h.width), outputWidth(c)];
}

function layerName(c: PlaygroundConfig, l: number): string {
  return l < c.hidden.length ? `hidden layer ${l + 1}` : 'the output layer';
}

function readLayers(j: unknown, c: PlaygroundConfig): ModelLayer[] {
  const widths = layerWidths(c);
  const expected = widths.length - 1;
  if (!Array.isArray(j)) fail('layers', j, 'an array of {weights, biases}');
  if (j.length !== expected)
    fail('layers', `${j.length} layers`, `${expected} (one per hidden layer of config.hidden, then the output layer)`);
  return j.map((layer: unknown, l): ModelLayer => {
    const f = `layers[${l}]`;
    const rows = widths[l + 1] ?? 0;
    const cols = widths[l] ?? 0;
    if (!isObject(layer)) fail(f, layer, 'an object {weights, biases}');
    const w = layer.weights;
    const b = layer.biases;
    if (!Array.isArray(w)) fail(`${f}.weights`, w, 'an array of rows');
    if (w.length !== rows)
      fail(`${f}.weights`, `${w.length} rows`, `${rows} (one per neuron of ${layerName(c, l)})`);
    const weights = w.map((row: unknown, i): number[] => {
      if (!Array.isArray(row) || row.length !== cols)
        fail(
          `${f}.weights[${i}]`,
          Array.isArray(row) ? `${row.length} numbers` : row,
          `${cols} numbers (one per ${l === 0 ? 'input feature' : `neuron of hidden layer ${l}`})`,
        );
      return row.map((v: unknown, k) => readNumber(v, `${f}.weights[${i}][${k}]`));
    });
    if (!Array.isArray(b)) fail(`${f}.biases`, b, 'an array of numbers');
    if (b.length !== rows) fail(`${f}.biases`, `${b.length} numbers`, `${rows} (one per neuron of ${layerName(c, l)})`);
    const biases = b.map((v: unknown, i) => readNumber(v, `${f}.biases[${i}]`));
    return { weights, biases };
  });
}

// Checks a model file (the engine's export_model JSON) and returns what it holds.
export function parseModel(modelJson: string): ParsedModel {
  if (typeof modelJson !== 'string') fail('model', modelJson, 'the model file as a JSON string');
  let j: unknown;
  try {
    j = JSON.parse(modelJson);
  } catch (e) {
    throw new Error(`toPyTorch: model: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(j)) fail('model', j, 'a JSON object');
  if (j.format !== MODEL_FORMAT) fail('format', j.format, `"${MODEL_FORMAT}"`);
  if (j.schema !== MODEL_SCHEMA && j.schema !== 1) fail('schema', j.schema, `schema version 1 or ${MODEL_SCHEMA}`);
  if (!('config' in j)) fail('config', undefined, 'a value (the field is missing)');
  const config = readConfig(j.config);
  if (!('layers' in j)) fail('layers', undefined, 'a value (the field is missing)');
  const layers = readLayers(j.layers, config);
  const epoch = 'epoch' in j ? readInt(j.epoch, 'epoch', 0, Number.MAX_SAFE_INTEGER) : 0;
  const steps = 'steps' in j ? readInt(j.steps, 'steps', 0, Number.MAX_SAFE_INTEGER) : 0;
  let points = 0;
  if ('points' in j) {
    if (!Array.isArray(j.points)) fail('points', j.points, 'an array of [x, y, label, test]');
    points = j.points.length;
  }
  return { config, epoch, steps, layers, points };
}

// --- writing Python ------------------------------------------------------------

// A Python float literal that reads back as exactly the same float64: JavaScript's
// shortest round-trip digits, with ".0" added to whole numbers and -0 kept.
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`toPyTorch: cannot write ${String(v)} as a Python float`);
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const FEATURE_EXPR: Record<FeatureId, string> = {
  x1: 'x1',
  x2: 'x2',
  x1sq: 'x1 * x1',
  x2sq: 'x2 * x2',
  x1x2: 'x1 * x2',
  sin_x1: 'torch.sin(x1)',
  sin_x2: 'torch.sin(x2)',
  cos_x1: 'torch.cos(x1)',
  cos_x2: 'torch.cos(x2)',
};

// Modules for activations torch.nn does not have as the playground defines them.
const CUSTOM_MODULES: Partial<Record<ActivationId, string[]>> = {
  step: [
    'class Step(nn.Module):',
    '    """Heaviside step: 1 where z >= 0, else 0. The playground takes its derivative as 0;',
    '    torch.heaviside has none in autograd, so it runs on a detached z and 0 * sign(z)',
    '    (whose gradient is 0) keeps z in the graph."""',
    '',
    '    def forward(self, z: torch.Tensor) -> torch.Tensor:',
    '        return torch.heaviside(z.detach(), torch.ones_like(z)) + 0.0 * torch.sign(z)',
  ],
  sign: [
    'class Sign(nn.Module):',
    '    """+1 where z > 0, -1 where z < 0, 0 at 0; derivative 0."""',
    '',
    '    def forward(self, z: torch.Tensor) -> torch.Tensor:',
    '        return torch.sign(z)',
  ],
  arctan: [
    'class Arctan(nn.Module):',
    '    """arctan z; derivative 1 / (1 + z^2)."""',
    '',
    '    def forward(self, z: torch.Tensor) -> torch.Tensor:',
    '        return torch.atan(z)',
  ],
  abs: [
    'class Abs(nn.Module):',
    '    """The absolute-value rectifier |z|; derivative sign(z)."""',
    '',
    '    def forward(self, z: torch.Tensor) -> torch.Tensor:',
    '        return torch.abs(z)',
  ],
};

function activationModule(h: HiddenLayerConfig): string {
  switch (h.activation) {
    case 'linear': return 'nn.Identity()';
    case 'step': return 'Step()';
    case 'sign': return 'Sign()';
    case 'sigmoid': return 'nn.Sigmoid()';
    case 'tanh': return 'nn.Tanh()';
    case 'arctan': return 'Arctan()';
    case 'relu': return 'nn.ReLU()';
    case 'leaky_relu': return `nn.LeakyReLU(negative_slope=${pyFloat(layerAlpha(h))})`;
    case 'elu': return `nn.ELU(alpha=${pyFloat(layerAlpha(h))})`;
    case 'selu': return 'nn.SELU()';
    case 'silu': return 'nn.SiLU()';
    // Above z = 40, log(1 + e^z) equals z in float64, so this threshold changes no value.
    case 'softplus': return 'nn.Softplus(beta=1.0, threshold=40.0)';
    case 'gelu': return 'nn.GELU(approximate="none")';
    case 'abs': return 'Abs()';
  }
}

interface OutputCode {
  unit: string; // Python expression of the output unit applied to z
  labels: string; // how labels become targets (comment)
  targets: string[]; // body of targets(labels)
  loss: string[]; // definition of loss_fn
  summary: string; // one line for the header
}

function outputCode(o: OutputId, regression: boolean): OutputCode {
  const pm1 = ['    return ((labels > 0).double() * 2.0 - 1.0).unsqueeze(1)'];
  const zo = ['    return (labels > 0).double().unsqueeze(1)'];
  switch (o) {
    case 'tanh_mse':
      return {
        unit: 'torch.tanh(z)',
        labels: regression ? 'the values themselves' : 'class 1 -> +1, class 0 -> -1',
        targets: regression ? ['    return labels.unsqueeze(1)'] : pm1,
        loss: [
          'def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:',
          '    """1/2 (tanh z - y)^2, the mean over the batch (the 1/2 as in TensorFlow Playground)."""',
          '    return 0.5 * F.mse_loss(torch.tanh(z), y)',
        ],
        summary: 'tanh_mse: a = tanh z, loss 1/2 (a - y)^2',
      };
    case 'sigmoid_bce':
      return {
        unit: 'torch.sigmoid(z)',
        labels: 'class 1 -> 1, class 0 -> 0',
        targets: zo,
        loss: [
          '# -y ln a - (1 - y) ln(1 - a) with a = sigmoid z, computed stably from the logit z;',
          '# its derivative with respect to z is sigmoid(z) - y.',
          'loss_fn = nn.BCEWithLogitsLoss()',
        ],
        summary: 'sigmoid_bce: a = sigmoid z, binary cross-entropy',
      };
    case 'sigmoid_mse':
      return {
        unit: 'torch.sigmoid(z)',
        labels: 'class 1 -> 1, class 0 -> 0',
        targets: zo,
        loss: [
          'def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:',
          '    """1/2 (sigmoid z - y)^2, the mean over the batch. Its gradient (a - y) a (1 - a)',
          '    vanishes where the sigmoid saturates."""',
          '    return 0.5 * F.mse_loss(torch.sigmoid(z), y)',
        ],
        summary: 'sigmoid_mse: a = sigmoid z, loss 1/2 (a - y)^2',
      };
    case 'softmax_ce':
      return {
        unit: 'torch.softmax(z, dim=1)',
        labels: 'class indices 0..K-1 (one-hot inside the loss)',
        targets: ['    return labels.long()'],
        loss: [
          '# logsumexp(z) - z_y = -ln softmax(z)_y, from the logits; gradient softmax(z) - onehot(y).',
          'loss_fn = nn.CrossEntropyLoss()',
        ],
        summary: 'softmax_ce: a = softmax z, categorical cross-entropy',
      };
    case 'linear_hinge':
      return {
        unit: 'z',
        labels: 'class 1 -> +1, class 0 -> -1',
        targets: pm1,
        loss: [
          'def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:',
          '    """Hinge max(0, 1 - y z), the mean over the batch."""',
          '    return F.relu(1.0 - y * z).mean()',
        ],
        summary: 'linear_hinge: a = z, hinge loss max(0, 1 - y z)',
      };
    case 'linear_mse':
      return {
        unit: 'z',
        labels: 'the values themselves',
        targets: ['    return labels.unsqueeze(1)'],
        loss: [
          'def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:',
          '    """1/2 (z - y)^2, the mean over the batch (the 1/2 as in TensorFlow Playground)."""',
          '    return 0.5 * F.mse_loss(z, y)',
        ],
        summary: 'linear_mse: a = z, loss 1/2 (z - y)^2',
      };
    case 'linear_mae':
      return {
        unit: 'z',
        labels: 'the values themselves',
        targets: ['    return labels.unsqueeze(1)'],
        loss: ['# |z - y|, the mean over the batch.', 'loss_fn = nn.L1Loss()'],
        summary: 'linear_mae: a = z, loss |z - y|',
      };
    case 'perceptron':
      return {
        unit: 'torch.sign(z)',
        labels: 'class 1 -> +1, class 0 -> -1',
        targets: pm1,
        loss: [
          'def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:',
          '    """Perceptron criterion max(0, -y z), the mean over the batch. Its gradient is -y',
          '    exactly where y z <= 0 (a mistake, including z = 0), so SGD with batch size 1 is',
          '    Rosenblatt\'s rule w <- w + lr y x."""',
          '    return torch.where(y * z <= 0, -y * z, torch.zeros_like(z)).mean()',
        ],
        summary: 'perceptron: a = sign z, perceptron criterion max(0, -y z)',
      };
  }
}

function optimizerCode(o: OptimizerConfig): { lines: string[]; summary: string } {
  const lr = pyFloat(o.learning_rate);
  const p = 'model.parameters()';
  switch (o.kind) {
    case 'sgd':
      return { lines: [`    return torch.optim.SGD(${p}, lr=${lr})`], summary: `sgd, learning rate ${lr}` };
    case 'momentum':
      return {
        lines: [`    return torch.optim.SGD(${p}, lr=${lr}, momentum=${pyFloat(o.momentum)})`],
        summary: `momentum ${pyFloat(o.momentum)}, learning rate ${lr}`,
      };
    case 'nesterov':
      if (o.momentum === 0)
        return {
          lines: ['    # Nesterov with momentum 0 is plain SGD (PyTorch refuses nesterov=True without momentum).',
            `    return torch.optim.SGD(${p}, lr=${lr})`],
          summary: `nesterov with momentum 0 (plain sgd), learning rate ${lr}`,
        };
      return {
        lines: [`    return torch.optim.SGD(${p}, lr=${lr}, momentum=${pyFloat(o.momentum)}, nesterov=True)`],
        summary: `nesterov momentum ${pyFloat(o.momentum)}, learning rate ${lr}`,
      };
    case 'rmsprop':
      return {
        lines: [`    return torch.optim.RMSprop(${p}, lr=${lr}, alpha=${pyFloat(o.rho)}, eps=${pyFloat(o.epsilon)})`],
        summary: `rmsprop rho ${pyFloat(o.rho)}, eps ${pyFloat(o.epsilon)}, learning rate ${lr}`,
      };
    case 'adam':
      return {
        lines: [
          `    return torch.optim.Adam(${p}, lr=${lr}, betas=(${pyFloat(o.beta1)}, ${pyFloat(o.beta2)}), eps=${pyFloat(o.epsilon)})`,
        ],
        summary: `adam betas (${pyFloat(o.beta1)}, ${pyFloat(o.beta2)}), eps ${pyFloat(o.epsilon)}, learning rate ${lr}`,
      };
    case 'adagrad':
      return {
        lines: [`    return torch.optim.Adagrad(${p}, lr=${lr}, eps=${pyFloat(o.epsilon)})`],
        summary: `adagrad eps ${pyFloat(o.epsilon)}, learning rate ${lr}`,
      };
  }
}

function regularizerCode(c: PlaygroundConfig): string[] {
  const head = ['def regularize(model: nn.Sequential) -> None:'];
  if (c.regularization === 'none' || c.reg_rate === 0)
    return [...head, '    """No weight penalty in this model."""', '    return None'];
  const common = [
    '    step = LEARNING_RATE * REG_RATE',
    '    with torch.no_grad():',
    '        for layer in model:',
    '            if isinstance(layer, nn.Linear):',
  ];
  if (c.regularization === 'l2')
    return [
      ...head,
      '    """L2 penalty 1/2 sum w^2 on the weights (never the biases), applied after each optimizer',
      '    step as TensorFlow Playground does: w <- w - lr * rate * w."""',
      ...common,
      '                layer.weight.mul_(1.0 - step)',
    ];
  return [
    ...head,
    '    """L1 penalty sum |w| on the weights (never the biases), applied after each optimizer step',
    '    as TensorFlow Playground does: w <- w - lr * rate * sign(w), and a weight this step would',
    '    carry across zero becomes exactly 0, so unneeded weights end at 0."""',
    ...common,
    '                w = layer.weight',
    '                shrunk = w - step * torch.sign(w)',
    '                w.copy_(torch.where(shrunk * w < 0, torch.zeros_like(w), shrunk))',
  ];
}

// `"key": [` then one row a line, at `indent`.
function matrixLines(key: string, m: number[][], indent: string): string[] {
  return [`${indent}"${key}": [`, ...m.map((row) => `${indent}    [${row.map(pyFloat).join(', ')}],`), `${indent}],`];
}

function describeNetwork(c: PlaygroundConfig): string {
  const parts = [`${c.features.length} inputs`];
  for (const h of c.hidden) {
    const a = activationRule(h.activation).hasAlpha ? `${h.activation}(alpha=${pyFloat(layerAlpha(h))})` : h.activation;
    parts.push(`${h.width} ${a}`);
  }
  const k = outputWidth(c);
  parts.push(`${k} output${k === 1 ? '' : 's'}`);
  return parts.join(' -> ');
}

// The PyTorch script for a model file. Throws an Error naming the bad field.
export function toPyTorch(modelJson: string): string {
  const m = parseModel(modelJson);
  const c = m.config;
  const problem = effectiveProblem(c);
  const regression = problem === 'regression';
  const classes = classCount(c);
  const widths = layerWidths(c);
  const out = outputCode(c.output, regression);
  const opt = optimizerCode(c.optimizer);
  const trainRatio = c.dataset === 'xor_table' ? 1 : c.train_ratio;
  const task = regression ? 'regression' : `${classes} classes`;
  const data =
    c.dataset === 'custom'
      ? `custom points (${m.points} in the file), ${task}`
      : c.dataset === 'xor_table'
        ? 'xor_table (the 4 points of the XOR truth table)'
        : `${c.dataset}, ${task}, ${c.samples} samples, noise ${c.noise}`;

  const L: string[] = [];
  const add = (...lines: string[]): void => {
    L.push(...lines);
  };

  add(
    '# PyTorch version of a network trained in nn-playground, written from its model file',
    `# (format ${MODEL_FORMAT}, schema ${MODEL_SCHEMA}).`,
    '#',
    `# Data:           ${data}; train ratio ${c.train_ratio}, seed ${c.seed}`,
    `# Features:       ${c.features.join(', ')}`,
    `# Network:        ${describeNetwork(c)}`,
    `# Output, loss:   ${out.summary}; labels: ${out.labels}`,
    `# Optimizer:      ${opt.summary}; batch size ${c.batch_size}`,
    `# Regularization: ${c.regularization === 'none' ? 'none' : `${c.regularization}, rate ${c.reg_rate}`}`,
    `# Trained:        ${m.epoch} epochs (${m.steps} steps); the weights below are the ones at that point.`,
    '#',
    '# Usage: python3 this_file.py points.csv [epochs]',
    '# points.csv has rows x,y,label (the playground exports its data in this form). The script',
    '# evaluates the exported network on the points, then trains it further for [epochs] epochs',
    '# (default 100) with the same loss, optimizer, batch size and regularization. The train/test',
    '# split and the shuffling use PyTorch\'s generator, not the playground\'s, and the optimizer',
    '# state (momentum, Adam\'s moments) starts from zero, as after importing the model file.',
    '',
    'import math',
    'import re',
    'import sys',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from torch.utils.data import DataLoader, TensorDataset',
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
    `FEATURES = [${c.features.map((f) => `"${f}"`).join(', ')}]`,
    `CLASSES = ${classes}  # 0: regression (labels are values)`,
    `TRAIN_RATIO = ${pyFloat(trainRatio)}${c.dataset === 'xor_table' ? '  # the truth table holds nothing out' : ''}`,
    `SEED = ${c.seed}`,
    `SHUFFLE = ${c.shuffle ? 'True' : 'False'}  # reshuffle the training points every epoch`,
    `BATCH_SIZE = ${c.batch_size}`,
    `LEARNING_RATE = ${pyFloat(c.optimizer.learning_rate)}`,
    `REGULARIZATION = "${c.regularization}"`,
    `REG_RATE = ${pyFloat(c.reg_rate)}`,
    '',
    '',
    'def features(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:',
    '    """The network\'s inputs from the points\' coordinates, one column per feature of FEATURES."""',
    `    return torch.stack([${c.features.map((f) => FEATURE_EXPR[f]).join(', ')}], dim=1)`,
    '',
  );

  const used = new Set(c.hidden.map((h) => h.activation));
  for (const id of ACTIVATION_IDS) {
    const mod = CUSTOM_MODULES[id];
    if (used.has(id) && mod) add('', ...mod, '');
  }

  add('', 'def build_model() -> nn.Sequential:', '    """Weight layers z = W a + b with the activation after each hidden layer."""', '    return nn.Sequential(');
  for (let l = 0; l + 1 < widths.length; l++) {
    const note = l < c.hidden.length ? `hidden layer ${l + 1}` : `output layer: the scores z${c.output === 'softmax_ce' ? ', one per class' : ''}`;
    add(`        nn.Linear(${widths[l]}, ${widths[l + 1]}),  # ${note}`);
    const h = c.hidden[l];
    if (h) add(`        ${activationModule(h)},`);
  }
  add('    ).to(torch.float64)', '', '');

  add(
    '# The trained parameters, first weight layer first. weight[i][j] connects input j to neuron i:',
    '# shape (out, in), as nn.Linear stores it.',
    'TRAINED = [',
  );
  for (const layer of m.layers) {
    add('    {', ...matrixLines('weight', layer.weights, '        '), `        "bias": [${layer.biases.map(pyFloat).join(', ')}],`, '    },');
  }
  add(
    ']',
    '',
    '',
    'def load_trained(model: nn.Sequential) -> None:',
    '    layers = [m for m in model if isinstance(m, nn.Linear)]',
    '    assert len(layers) == len(TRAINED)',
    '    with torch.no_grad():',
    '        for layer, p in zip(layers, TRAINED):',
    '            layer.weight.copy_(torch.tensor(p["weight"], dtype=torch.float64))',
    '            layer.bias.copy_(torch.tensor(p["bias"], dtype=torch.float64))',
    '',
    '',
    'def output_unit(z: torch.Tensor) -> torch.Tensor:',
    '    """The output unit applied to the logits, as the playground shows it."""',
    `    return ${out.unit}`,
    '',
    '',
    'def targets(labels: torch.Tensor) -> torch.Tensor:',
    `    """Labels (class indices, or values for regression) as the loss expects them: ${out.labels}."""`,
    ...out.targets,
    '',
    '',
    ...out.loss,
    '',
    '',
    'def predicted_class(z: torch.Tensor) -> torch.Tensor:',
    CLASS_RULE[c.output === 'softmax_ce' ? 'argmax' : 'sign'],
    '',
    '',
    'def make_optimizer(model: nn.Sequential) -> torch.optim.Optimizer:',
    ...opt.lines,
    '',
    '',
    ...regularizerCode(c),
    '',
    '',
    ...SCRIPT_TAIL,
  );
  return L.join('\n') + '\n';
}

const CLASS_RULE = {
  sign: '    return (z[:, 0] > 0).long()  # class 1 where z > 0',
  argmax: '    return z.argmax(dim=1)',
} as const;

// Reading the CSV, evaluating and the training loop: the same for every model.
const SCRIPT_TAIL: readonly string[] = [
  'def read_label(text: str, where: str) -> float:',
  '    value = float(text)',
  '    if not math.isfinite(value):',
  '        raise ValueError(f"{where}: the label is not a finite number")',
  '    if CLASSES == 0:',
  '        return value',
  '    if CLASSES == 2 and value in (-1.0, 0.0, 1.0):',
  '        return 1.0 if value == 1.0 else 0.0  # -1 means class 0, as in TensorFlow Playground',
  '    if value.is_integer() and 0 <= value < CLASSES:',
  '        return value',
  '    raise ValueError(f"{where}: the label must be a class 0..{CLASSES - 1}")',
  '',
  '',
  'def read_csv(path: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:',
  '    """Rows x,y,label (comma, semicolon or tab separated); blank lines, lines starting with #',
  '    and a header row are skipped."""',
  '    xs, ys, labels = [], [], []',
  '    with open(path, newline="") as f:',
  '        for number, line in enumerate(f, start=1):',
  '            line = line.strip()',
  '            if not line or line.startswith("#"):',
  '                continue',
  '            cells = [cell.strip() for cell in re.split(r"[,;\\t]", line)]',
  '            where = f"{path} line {number}"',
  '            if len(cells) != 3:',
  '                raise ValueError(f"{where}: expected 3 columns x,y,label, got {len(cells)}")',
  '            try:',
  '                x, y = float(cells[0]), float(cells[1])',
  '            except ValueError:',
  '                if not xs:',
  '                    continue  # the header row',
  '                raise ValueError(f"{where}: x and y must be numbers") from None',
  '            xs.append(x)',
  '            ys.append(y)',
  '            labels.append(read_label(cells[2], where))',
  '    if not xs:',
  '        raise ValueError(f"{path}: no points")',
  '    return torch.tensor(xs), torch.tensor(ys), torch.tensor(labels)',
  '',
  '',
  'def evaluate(model: nn.Sequential, x: torch.Tensor, labels: torch.Tensor) -> str:',
  '    if len(labels) == 0:',
  '        return "no points"',
  '    with torch.no_grad():',
  '        z = model(x)',
  '        text = f"loss {loss_fn(z, targets(labels)).item():.6f}"',
  '        if CLASSES > 0:',
  '            accuracy = (predicted_class(z) == labels.long()).double().mean().item()',
  '            text += f", accuracy {100 * accuracy:.1f} %"',
  '    return text',
  '',
  '',
  'def main() -> None:',
  '    if len(sys.argv) < 2:',
  '        sys.exit(f"usage: python3 {sys.argv[0]} points.csv [epochs]")',
  '    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 100',
  '    x1, x2, labels = read_csv(sys.argv[1])',
  '    generator = torch.Generator().manual_seed(SEED)',
  '    order = torch.randperm(len(labels), generator=generator)',
  '    n_train = min(max(int(math.floor(TRAIN_RATIO * len(labels) + 0.5)), 1), len(labels))',
  '    train, test = order[:n_train], order[n_train:]',
  '    x = features(x1, x2)',
  '',
  '    model = build_model()',
  '    load_trained(model)',
  '    print(f"exported weights: train {evaluate(model, x[train], labels[train])}; "',
  '          f"test {evaluate(model, x[test], labels[test])}")',
  '',
  '    optimizer = make_optimizer(model)',
  '    loader = DataLoader(TensorDataset(x[train], targets(labels[train])), batch_size=BATCH_SIZE,',
  '                        shuffle=SHUFFLE, generator=generator)',
  '    with torch.no_grad():',
  '        print("output unit at the first points:", output_unit(model(x[:3])).tolist())',
  '    for epoch in range(1, epochs + 1):',
  '        for xb, yb in loader:',
  '            optimizer.zero_grad()',
  '            loss = loss_fn(model(xb), yb)',
  '            loss.backward()',
  '            optimizer.step()',
  '            regularize(model)',
  '        if epoch % 10 == 0 or epoch == epochs:',
  '            print(f"epoch {epoch}: train {evaluate(model, x[train], labels[train])}; "',
  '                  f"test {evaluate(model, x[test], labels[test])}")',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
];
