// The PyTorch export: hand-built model files (the engine's export_model JSON)
// go through toPyTorch; python3 checks that the result parses, and reads the
// weights back to compare them bit for bit. When the WebAssembly engine is
// built, a trained model's weights, as Python reads them, reproduce the
// engine's own predictions through the layout the script uses.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigPatch, PlaygroundConfig } from '../../web/src/engine/types';
import { applyPatch, engineDefaults, outputWidth } from '../../web/src/courses/engine-rules';
import { parseModel, pyFloat, toPyTorch } from '../../web/src/courses/pytorch';

// --- fixtures ------------------------------------------------------------------

// Values that test the float writer: tiny, huge, negative zero, many digits.
const AWKWARD = [0.1, -0, 5e-324, 1.7976931348623157e308, -2, 1 / 3, 123456789.12345679, 1e-7, 1e21, -2.5e-15];

function weightsFor(c: PlaygroundConfig, seed: number) {
  // A small LCG so fixtures are fixed but every weight differs.
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 4 - 2 + s / 2 ** 52;
  };
  const widths = [c.features.length, ...c.hidden.map((h) => h.width), outputWidth(c)];
  let k = 0;
  const value = (): number => (k++ % 7 === 3 ? (AWKWARD[(k >> 3) % AWKWARD.length] ?? 0) : next());
  return widths.slice(1).map((rows, l) => ({
    weights: Array.from({ length: rows }, () => Array.from({ length: widths[l] ?? 0 }, value)),
    biases: Array.from({ length: rows }, value),
  }));
}

function modelFile(patch: ConfigPatch, seed = 7, extra: Record<string, unknown> = {}): string {
  const config = applyPatch(engineDefaults(), patch);
  return JSON.stringify({
    format: 'nn-playground-model',
    schema: 1,
    config,
    epoch: 120,
    steps: 3000,
    layers: weightsFor(config, seed),
    history: [[1, 0.5, 0.6, 0.7, null]],
    ...extra,
  });
}

const FIXTURES: Record<string, ConfigPatch> = {
  tanhSpiral: {
    dataset: 'spiral', noise: 0.1, features: ['x1', 'x2', 'sin_x1', 'sin_x2'],
    hidden: [{ width: 8, activation: 'tanh' }, { width: 8, activation: 'tanh' }],
    output: 'tanh_mse', optimizer: { kind: 'sgd', learning_rate: 0.03 }, batch_size: 10,
  },
  softmaxBlobs: {
    dataset: 'blobs', classes: 3,
    hidden: [{ width: 6, activation: 'relu' }, { width: 5, activation: 'leaky_relu', alpha: 0.2 }],
    output: 'softmax_ce', optimizer: { kind: 'adam', learning_rate: 0.01, beta1: 0.85, beta2: 0.995, epsilon: 1e-7 },
    batch_size: 16,
  },
  bceCircle: {
    dataset: 'circle',
    hidden: [{ width: 4, activation: 'elu', alpha: 1.5 }, { width: 3, activation: 'gelu' }],
    output: 'sigmoid_bce', optimizer: { kind: 'momentum', learning_rate: 0.1, momentum: 0.8 },
    regularization: 'l2', reg_rate: 0.003,
  },
  regressionPlane: {
    dataset: 'reg_plane',
    hidden: [{ width: 3, activation: 'selu' }, { width: 3, activation: 'silu' }, { width: 2, activation: 'softplus' }],
    output: 'linear_mse', optimizer: { kind: 'rmsprop', learning_rate: 0.001, rho: 0.95, epsilon: 1e-6 },
    regularization: 'l1', reg_rate: 0.01, batch_size: 25,
  },
  perceptron: {
    dataset: 'gauss', hidden: [], output: 'perceptron', optimizer: { kind: 'sgd', learning_rate: 1 }, batch_size: 1,
    init: 'zeros',
  },
  hingeOddUnits: {
    dataset: 'xor',
    hidden: [
      { width: 3, activation: 'step' }, { width: 3, activation: 'sign' }, { width: 3, activation: 'arctan' },
      { width: 3, activation: 'abs' }, { width: 2, activation: 'linear' },
    ],
    output: 'linear_hinge', optimizer: { kind: 'nesterov', learning_rate: 0.05, momentum: 0.95 },
  },
  tanhRegressionAllFeatures: {
    dataset: 'reg_gauss',
    features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2', 'cos_x1', 'cos_x2'],
    hidden: [{ width: 5, activation: 'sigmoid' }],
    output: 'tanh_mse', optimizer: { kind: 'adagrad', learning_rate: 0.3, epsilon: 1e-10 },
  },
  maeGauss: { dataset: 'reg_gauss', hidden: [{ width: 2, activation: 'relu' }], output: 'linear_mae' },
  sigmoidMseTable: { dataset: 'xor_table', hidden: [{ width: 2, activation: 'relu' }], output: 'sigmoid_mse' },
  nesterovZeroMomentum: {
    dataset: 'moons', hidden: [{ width: 2, activation: 'tanh' }],
    optimizer: { kind: 'nesterov', learning_rate: 0.1, momentum: 0 },
  },
};

// --- python ----------------------------------------------------------------------

function python(script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PARSE = 'import ast,sys; src=sys.stdin.read(); ast.parse(src); compile(src, "model.py", "exec")';
const TRAINED = [
  'import ast, json, sys',
  'tree = ast.parse(sys.stdin.read())',
  'values = [n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "TRAINED"]',
  'print(json.dumps(ast.literal_eval(values[0])))',
].join('\n');

interface PyLayer {
  weight: number[][];
  bias: number[];
}

function trainedFromPython(code: string): PyLayer[] {
  const r = python(TRAINED, code);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as PyLayer[];
}

// --- tests -----------------------------------------------------------------------

describe('toPyTorch writes valid Python', () => {
  for (const [name, patch] of Object.entries(FIXTURES)) {
    it(`${name}: python3 parses and compiles it`, () => {
      const code = toPyTorch(modelFile(patch));
      const r = python(PARSE, code);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('a broken script is refused by the same check (the check can fail)', () => {
    const code = toPyTorch(modelFile(FIXTURES.tanhSpiral ?? {}));
    expect(python(PARSE, code.replace('def features(', 'def features(('),).status).not.toBe(0);
  });
});

describe('toPyTorch keeps every trained value exactly', () => {
  for (const [name, patch] of Object.entries(FIXTURES)) {
    it(`${name}: the weights Python reads are the file's float64 values`, () => {
      const file = modelFile(patch, name.length * 97);
      const layers = (JSON.parse(file) as { layers: { weights: number[][]; biases: number[] }[] }).layers;
      const py = trainedFromPython(toPyTorch(file));
      expect(py.length).toBe(layers.length);
      layers.forEach((layer, l) => {
        const got = py[l];
        expect(got).toBeDefined();
        expect(got?.weight.length).toBe(layer.weights.length);
        layer.weights.forEach((row, i) =>
          row.forEach((w, j) => expect(Object.is(got?.weight[i]?.[j], w), `layer ${l} weight [${i}][${j}] = ${w}`).toBe(true)),
        );
        layer.biases.forEach((b, i) => expect(Object.is(got?.bias[i], b), `layer ${l} bias ${i} = ${b}`).toBe(true));
      });
    });
  }

  it('writes floats Python reads back bit for bit', () => {
    const values = [...AWKWARD, 2, 1e300, -1e-300, 0.30000000000000004, 9007199254740993, 4.35];
    const text = values.map(pyFloat).join('\n');
    expect(pyFloat(2)).toBe('2.0');
    expect(pyFloat(-0)).toBe('-0.0');
    const r = python('import sys, json\nprint(json.dumps([float(t) for t in sys.stdin.read().split()]))', text);
    expect(r.status).toBe(0);
    const back = JSON.parse(r.stdout) as number[];
    values.forEach((v, i) => expect(Object.is(back[i], v), `${v}`).toBe(true));
    expect(() => pyFloat(Number.NaN)).toThrow(/NaN/);
  });
});

describe('toPyTorch writes the network, loss and optimizer of the file', () => {
  const code = (name: string): string => toPyTorch(modelFile(FIXTURES[name] ?? {}));

  it('layers and activations, in order', () => {
    const c = code('tanhSpiral');
    const seq = c.slice(c.indexOf('return nn.Sequential('), c.indexOf(').to(torch.float64)'));
    expect(seq.match(/nn\.Linear\(\d+, \d+\)|nn\.\w+\(\)/g)).toEqual([
      'nn.Linear(4, 8)', 'nn.Tanh()', 'nn.Linear(8, 8)', 'nn.Tanh()', 'nn.Linear(8, 1)',
    ]);
    expect(c).toContain('return torch.stack([x1, x2, torch.sin(x1), torch.sin(x2)], dim=1)');
    expect(c).toContain('torch.set_default_dtype(torch.float64)');
    expect(c).toContain('import torch.nn as nn');
  });

  it('every feature formula of engine/features.cpp', () => {
    expect(code('tanhRegressionAllFeatures')).toContain(
      'return torch.stack([x1, x2, x1 * x1, x2 * x2, x1 * x2, torch.sin(x1), torch.sin(x2), torch.cos(x1), torch.cos(x2)], dim=1)',
    );
  });

  it('activations with their parameters, and custom modules only where used', () => {
    const soft = code('softmaxBlobs');
    expect(soft).toContain('nn.Linear(2, 6)');
    expect(soft).toContain('nn.ReLU(),');
    expect(soft).toContain('nn.LeakyReLU(negative_slope=0.2),');
    expect(soft).toContain('nn.Linear(5, 3),  # output layer: the scores z, one per class');
    expect(soft).not.toContain('class Step');
    const bce = code('bceCircle');
    expect(bce).toContain('nn.ELU(alpha=1.5),');
    expect(bce).toContain('nn.GELU(approximate="none"),');
    const reg = code('regressionPlane');
    expect(reg).toContain('nn.SELU(),');
    expect(reg).toContain('nn.SiLU(),');
    expect(reg).toContain('nn.Softplus(beta=1.0, threshold=40.0),');
    const odd = code('hingeOddUnits');
    for (const m of ['Step()', 'Sign()', 'Arctan()', 'Abs()', 'nn.Identity()']) expect(odd).toContain(`        ${m},`);
    expect(odd).toContain('torch.heaviside(z.detach(), torch.ones_like(z))');
    expect(odd).toContain('return torch.sign(z)');
    expect(odd).toContain('return torch.atan(z)');
    expect(odd).toContain('return torch.abs(z)');
    expect(code('tanhSpiral')).not.toMatch(/class (Step|Sign|Arctan|Abs)\b/);
  });

  it('losses with the engine formulas and label encodings', () => {
    expect(code('tanhSpiral')).toContain('return 0.5 * F.mse_loss(torch.tanh(z), y)');
    expect(code('tanhSpiral')).toContain('return ((labels > 0).double() * 2.0 - 1.0).unsqueeze(1)');
    expect(code('tanhRegressionAllFeatures')).toContain('return 0.5 * F.mse_loss(torch.tanh(z), y)');
    expect(code('tanhRegressionAllFeatures')).toMatch(/def targets[^\n]*\n[^\n]*\n {4}return labels\.unsqueeze\(1\)/);
    expect(code('softmaxBlobs')).toContain('loss_fn = nn.CrossEntropyLoss()');
    expect(code('softmaxBlobs')).toContain('return labels.long()');
    expect(code('softmaxBlobs')).toContain('return z.argmax(dim=1)');
    expect(code('softmaxBlobs')).toContain('CLASSES = 3');
    expect(code('bceCircle')).toContain('loss_fn = nn.BCEWithLogitsLoss()');
    expect(code('bceCircle')).toContain('return (labels > 0).double().unsqueeze(1)');
    expect(code('sigmoidMseTable')).toContain('return 0.5 * F.mse_loss(torch.sigmoid(z), y)');
    expect(code('sigmoidMseTable')).toContain('TRAIN_RATIO = 1.0  # the truth table holds nothing out');
    expect(code('hingeOddUnits')).toContain('return F.relu(1.0 - y * z).mean()');
    expect(code('regressionPlane')).toContain('return 0.5 * F.mse_loss(z, y)');
    expect(code('regressionPlane')).toContain('CLASSES = 0');
    expect(code('maeGauss')).toContain('loss_fn = nn.L1Loss()');
    const p = code('perceptron');
    expect(p).toContain('return torch.where(y * z <= 0, -y * z, torch.zeros_like(z)).mean()');
    expect(p).toContain('return torch.sign(z)');
    expect(p).toMatch(/return nn\.Sequential\(\n {8}nn\.Linear\(2, 1\),[^\n]*\n {4}\)/);
  });

  it('optimizers with the same hyper-parameters', () => {
    expect(code('tanhSpiral')).toContain('return torch.optim.SGD(model.parameters(), lr=0.03)');
    expect(code('softmaxBlobs')).toContain(
      'return torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.85, 0.995), eps=1e-7)',
    );
    expect(code('bceCircle')).toContain('return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.8)');
    expect(code('regressionPlane')).toContain(
      'return torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.95, eps=0.000001)',
    );
    expect(code('hingeOddUnits')).toContain(
      'return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.95, nesterov=True)',
    );
    expect(code('tanhRegressionAllFeatures')).toContain('return torch.optim.Adagrad(model.parameters(), lr=0.3, eps=1e-10)');
    expect(code('nesterovZeroMomentum')).toContain('return torch.optim.SGD(model.parameters(), lr=0.1)');
    expect(code('perceptron')).toContain('BATCH_SIZE = 1');
    expect(code('regressionPlane')).toContain('BATCH_SIZE = 25');
  });

  it('L1 and L2 as a step after optimizer.step(), on weights only', () => {
    const l1 = code('regressionPlane');
    expect(l1).toContain('REGULARIZATION = "l1"');
    expect(l1).toContain('REG_RATE = 0.01');
    expect(l1).toContain('shrunk = w - step * torch.sign(w)');
    expect(l1).toContain('w.copy_(torch.where(shrunk * w < 0, torch.zeros_like(w), shrunk))');
    expect(l1).not.toContain('layer.bias.mul_');
    const l2 = code('bceCircle');
    expect(l2).toContain('layer.weight.mul_(1.0 - step)');
    expect(l2).toContain('step = LEARNING_RATE * REG_RATE');
    const loop = l2.slice(l2.indexOf('for xb, yb in loader:'));
    expect(loop.indexOf('optimizer.step()')).toBeGreaterThan(0);
    expect(loop.indexOf('regularize(model)')).toBeGreaterThan(loop.indexOf('optimizer.step()'));
    expect(code('tanhSpiral')).toContain('"""No weight penalty in this model."""');
  });

  it('a header naming the source, configuration and epoch, and a CSV training loop', () => {
    const c = code('softmaxBlobs');
    expect(c.startsWith('# PyTorch version of a network trained in nn-playground')).toBe(true);
    expect(c).toContain('# Data:           blobs, 3 classes, 500 samples, noise 0;');
    expect(c).toContain('# Network:        2 inputs -> 6 relu -> 5 leaky_relu(alpha=0.2) -> 3 outputs');
    expect(c).toContain('# Trained:        120 epochs (3000 steps)');
    expect(c).toContain('def read_csv(path: str)');
    expect(c).toContain('DataLoader(TensorDataset(x[train], targets(labels[train])), batch_size=BATCH_SIZE,');
    expect(c).toContain('load_trained(model)');
  });

  it('parseModel reads a partial configuration over the engine defaults, as import does', () => {
    const file = JSON.stringify({
      format: 'nn-playground-model', schema: 1, config: { dataset: 'xor' },
      layers: weightsFor(engineDefaults(), 3),
    });
    const m = parseModel(file);
    expect(m.config.hidden.map((h) => h.width)).toEqual([4, 2]);
    expect(m.epoch).toBe(0);
    expect(toPyTorch(file)).toContain('nn.Linear(4, 2)');
  });
});

describe('toPyTorch refuses bad files, naming the field', () => {
  const good = JSON.parse(modelFile(FIXTURES.tanhSpiral ?? {})) as Record<string, unknown> & {
    config: Record<string, unknown>;
    layers: { weights: unknown[][]; biases: unknown[] }[];
  };
  const withChange = (change: (m: typeof good) => void): string => {
    const m = structuredClone(good);
    change(m);
    return JSON.stringify(m);
  };
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /model: not valid JSON/],
    ['an array', '[1, 2]', /model: got \[1,2\], expected a JSON object/],
    ['wrong format', withChange((m) => { m.format = 'keras'; }), /format: got "keras"/],
    ['wrong schema', withChange((m) => { m.schema = 3; }), /schema: got 3, expected schema version 1 or 2/],
    ['no config', withChange((m) => { delete (m as Record<string, unknown>).config; }), /config: got nothing/],
    ['no layers', withChange((m) => { delete (m as Record<string, unknown>).layers; }), /layers: got nothing/],
    ['unknown activation', withChange((m) => { m.config.hidden = [{ width: 8, activation: 'swish2' }, { width: 8, activation: 'tanh' }]; }),
      /config\.hidden\[0\]\.activation: got "swish2", expected one of linear step/],
    ['code in a feature id', withChange((m) => { m.config.features = ['x1', 'x2")\nimport os\n("', 'sin_x1', 'sin_x2']; }),
      /config\.features\[1\]: got "x2\\"\)\\nimport os/],
    ['unknown dataset', withChange((m) => { m.config.dataset = 'mnist'; }), /config\.dataset: got "mnist"/],
    ['unknown optimizer', withChange((m) => { m.config.optimizer = { kind: 'lion', learning_rate: 0.1 }; }), /config\.optimizer\.kind: got "lion"/],
    ['unknown output', withChange((m) => { m.config.output = 'softmax'; }), /config\.output: got "softmax"/],
    ['unknown regularization', withChange((m) => { m.config.regularization = 'l3'; }), /config\.regularization: got "l3"/],
    ['unknown config field', withChange((m) => { m.config.colour = 'red'; }), /config\.colour: got an unknown field/],
    ['string width', withChange((m) => { m.config.hidden = [{ width: '8', activation: 'tanh' }, { width: 8, activation: 'tanh' }]; }),
      /config\.hidden\[0\]\.width: got "8", expected a whole number from 1 to 32/],
    ['learning rate 0', withChange((m) => { m.config.optimizer = { kind: 'sgd', learning_rate: 0 }; }),
      /config\.optimizer\.learning_rate: got 0, expected a number above 0 to 100/],
    ['regression output on classes', withChange((m) => { m.config.output = 'linear_mse'; }),
      /config\.output: got "linear_mse", expected an output for classification/],
    ['perceptron with hidden layers', withChange((m) => { m.config.output = 'perceptron'; }),
      /config\.hidden \(number of layers\): got 2, expected 0 with the perceptron output/],
    ['a layer missing', withChange((m) => { m.layers.pop(); }), /layers: got "2 layers", expected 3/],
    ['weights rows', withChange((m) => { m.layers[1]?.weights.pop(); }),
      /layers\[1\]\.weights: got "7 rows", expected 8 \(one per neuron of hidden layer 2\)/],
    ['weights columns', withChange((m) => { m.layers[2]?.weights[0]?.push(1); }),
      /layers\[2\]\.weights\[0\]: got "9 numbers", expected 8 numbers \(one per neuron of hidden layer 2\)/],
    ['input columns', withChange((m) => { m.layers[0]?.weights[3]?.pop(); }),
      /layers\[0\]\.weights\[3\]: got "3 numbers", expected 4 numbers \(one per input feature\)/],
    ['biases count', withChange((m) => { m.layers[0]?.biases.push(0); }),
      /layers\[0\]\.biases: got "9 numbers", expected 8 \(one per neuron of hidden layer 1\)/],
    ['a text weight', withChange((m) => { const row = m.layers[2]?.weights[0]; if (row) row[5] = '0.5'; }),
      /layers\[2\]\.weights\[0\]\[5\]: got "0.5", expected a finite number/],
    ['a null bias', withChange((m) => { const b = m.layers[1]?.biases; if (b) b[2] = null; }),
      /layers\[1\]\.biases\[2\]: got null/],
    ['negative epoch', withChange((m) => { m.epoch = -1; }), /epoch: got -1/],
  ];
  for (const [name, text, message] of cases)
    it(name, () => {
      expect(() => toPyTorch(text)).toThrow(message);
    });

  it('a weight too large for a float64 (1e999 reads as Infinity)', () => {
    const text = modelFile(FIXTURES.perceptron ?? {}).replace(/"weights":\[\[[^,\]]+/, '"weights":[[1e999');
    expect(() => toPyTorch(text)).toThrow(/layers\[0\]\.weights\[0\]\[0\]: got Infinity, expected a finite number/);
  });
});

// Runs a generated script against a stand-in for torch whose classes have
// PyTorch's real constructor signatures (a wrong keyword fails), whose
// nn.Linear checks the shape of what load_trained copies into it, and then
// reads a CSV with the script's own reader. Reports what was built.
const STUB_RUNNER = String.raw`import json, sys, types, inspect, tempfile, os

src = sys.stdin.read()
csv_text = sys.argv[1]

def module(name):
    m = types.ModuleType(name)
    sys.modules[name] = m
    return m

torch = module("torch"); nn = module("torch.nn"); F = module("torch.nn.functional")
utils = module("torch.utils"); data = module("torch.utils.data"); optim = module("torch.optim")
torch.nn = nn; torch.optim = optim; torch.utils = utils; utils.data = data; nn.functional = F
torch.float64 = "float64"
torch.set_default_dtype = lambda dtype: None
torch.tensor = lambda values, dtype=None: values
class Tensor: pass
torch.Tensor = Tensor
class no_grad:
    def __enter__(self): return self
    def __exit__(self, *a): return False
torch.no_grad = no_grad

def shape_of(v):
    return [len(v), len(v[0])] if v and isinstance(v[0], list) else [len(v)]

class Param:
    def __init__(self, shape): self.shape, self.value = shape, None
    def copy_(self, v):
        assert shape_of(v) == self.shape, f"copy_ of shape {shape_of(v)} into {self.shape}"
        self.value = v

class Module:
    def __init__(self): pass
nn.Module = Module
class Linear(Module):
    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        self.weight, self.bias = Param([out_features, in_features]), Param([out_features])
nn.Linear = Linear
def simple(name, sig):
    ns = {}
    exec(f"def __init__(self{sig}): self.args = dict(locals()); del self.args['self']", ns)
    cls = type(name, (Module,), {"__init__": ns["__init__"]})
    setattr(nn, name, cls)
for name, sig in [("Identity", ", *args, **kwargs"), ("Sigmoid", ""), ("Tanh", ""), ("ReLU", ", inplace=False"),
                  ("LeakyReLU", ", negative_slope=0.01, inplace=False"), ("ELU", ", alpha=1.0, inplace=False"),
                  ("SELU", ", inplace=False"), ("SiLU", ", inplace=False"), ("Softplus", ", beta=1.0, threshold=20.0"),
                  ("GELU", ", approximate='none'"), ("BCEWithLogitsLoss", ", weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None"),
                  ("CrossEntropyLoss", ", weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0"),
                  ("L1Loss", ", size_average=None, reduce=None, reduction='mean'")]:
    simple(name, sig)
class Sequential(Module):
    def __init__(self, *layers): self.layers = list(layers)
    def __iter__(self): return iter(self.layers)
    def to(self, dtype): return self
    def parameters(self): return []
nn.Sequential = Sequential
def opt(name, sig):
    ns = {}
    exec(f"def __init__(self, params{sig}): self.args = dict(locals()); del self.args['self']; del self.args['params']", ns)
    setattr(optim, name, type(name, (), {"__init__": ns["__init__"]}))
opt("Optimizer", ", defaults=None")
opt("SGD", ", lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None")
opt("Adam", ", lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None")
opt("RMSprop", ", lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, capturable=False, foreach=None, maximize=False, differentiable=False")
opt("Adagrad", ", lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None")
data.DataLoader = object; data.TensorDataset = object

g = {"__name__": "generated"}
exec(compile(src, "model.py", "exec"), g)
model = g["build_model"]()
g["load_trained"](model)
o = g["make_optimizer"](model)
with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    f.write(csv_text)
try:
    xs, ys, labels = g["read_csv"](f.name)
    csv = {"x": xs, "y": ys, "labels": labels}
except ValueError as e:
    csv = {"error": str(e).replace(f.name, "FILE")}
os.unlink(f.name)
layers = []
for m in model:
    if isinstance(m, Linear): layers.append(["Linear", m.weight.shape[1], m.weight.shape[0]])
    else: layers.append([type(m).__name__, getattr(m, "args", {})])
loss = g["loss_fn"]
print(json.dumps({"layers": layers, "optimizer": [type(o).__name__, {k: v for k, v in o.args.items()}],
                  "loss": type(loss).__name__ if not callable(loss) or isinstance(loss, Module) else loss.__name__,
                  "csv": csv, "features": g["FEATURES"], "classes": g["CLASSES"]}))
`;

interface StubReport {
  layers: [string, number | Record<string, unknown>, number?][];
  optimizer: [string, Record<string, unknown>];
  loss: string;
  csv: { x: number[]; y: number[]; labels: number[] } | { error: string };
  features: string[];
  classes: number;
}

function runWithStubTorch(code: string, csv: string): StubReport {
  const r = spawnSync('python3', ['-c', STUB_RUNNER, csv], { input: code, encoding: 'utf8' });
  if (r.error) throw r.error;
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as StubReport;
}

describe('the generated script runs (against a stand-in for torch)', () => {
  const CSV = 'x,y,label\n# a comment\n1.5,-2,1\n-3;4;0\n\n0.25\t5\t-1\n';
  for (const [name, patch] of Object.entries(FIXTURES)) {
    it(`${name}: builds the layers, loads the weights into them, makes the optimizer`, () => {
      const c = applyPatch(engineDefaults(), patch);
      const rep = runWithStubTorch(toPyTorch(modelFile(patch)), CSV);
      const widths = [c.features.length, ...c.hidden.map((h) => h.width), outputWidth(c)];
      const linears = rep.layers.filter((l) => l[0] === 'Linear').map((l) => [l[1], l[2]]);
      expect(linears).toEqual(widths.slice(1).map((w, i) => [widths[i], w]));
      expect(rep.layers.length).toBe(2 * c.hidden.length + 1);
      expect(rep.features).toEqual(c.features);
      expect(rep.optimizer[1].lr).toBe(c.optimizer.learning_rate);
    });
  }

  it('activation modules with their parameters', () => {
    const names = (patch: ConfigPatch): unknown[] =>
      runWithStubTorch(toPyTorch(modelFile(patch)), CSV).layers.filter((l) => l[0] !== 'Linear');
    expect(names(FIXTURES.softmaxBlobs ?? {})).toEqual([['ReLU', { inplace: false }], ['LeakyReLU', { negative_slope: 0.2, inplace: false }]]);
    expect(names(FIXTURES.bceCircle ?? {})).toEqual([['ELU', { alpha: 1.5, inplace: false }], ['GELU', { approximate: 'none' }]]);
    expect(names(FIXTURES.regressionPlane ?? {})).toEqual([
      ['SELU', { inplace: false }], ['SiLU', { inplace: false }], ['Softplus', { beta: 1, threshold: 40 }],
    ]);
    expect(names(FIXTURES.hingeOddUnits ?? {}).map((l) => (l as unknown[])[0])).toEqual(['Step', 'Sign', 'Arctan', 'Abs', 'Identity']);
  });

  it('optimizers with PyTorch\'s keyword arguments', () => {
    const opt = (name: string) => runWithStubTorch(toPyTorch(modelFile(FIXTURES[name] ?? {})), CSV).optimizer;
    expect(opt('softmaxBlobs')).toEqual(['Adam', expect.objectContaining({ lr: 0.01, betas: [0.85, 0.995], eps: 1e-7 })]);
    expect(opt('bceCircle')).toEqual(['SGD', expect.objectContaining({ lr: 0.1, momentum: 0.8, nesterov: false })]);
    expect(opt('hingeOddUnits')).toEqual(['SGD', expect.objectContaining({ momentum: 0.95, nesterov: true })]);
    expect(opt('regressionPlane')).toEqual(['RMSprop', expect.objectContaining({ alpha: 0.95, eps: 1e-6, momentum: 0 })]);
    expect(opt('tanhRegressionAllFeatures')).toEqual(['Adagrad', expect.objectContaining({ lr: 0.3, eps: 1e-10 })]);
  });

  it('reads the CSV: header, comments, separators, -1 as class 0, values for regression', () => {
    const run = (name: string, csv = CSV) => runWithStubTorch(toPyTorch(modelFile(FIXTURES[name] ?? {})), csv);
    expect(run('tanhSpiral').csv).toEqual({ x: [1.5, -3, 0.25], y: [-2, 4, 5], labels: [1, 0, 0] });
    expect(run('regressionPlane').csv).toEqual({ x: [1.5, -3, 0.25], y: [-2, 4, 5], labels: [1, 0, -1] });
    expect(run('softmaxBlobs', '0,0,2\n1,1,0\n').csv).toEqual({ x: [0, 1], y: [0, 1], labels: [2, 0] });
    expect(run('softmaxBlobs', '0,0,3\n').csv).toEqual({ error: 'FILE line 1: the label must be a class 0..2' });
    expect(run('tanhSpiral', 'x,y,label\n1,2,0.5\n').csv).toEqual({ error: 'FILE line 2: the label must be a class 0..1' });
    expect(run('tanhSpiral', '1,2\n').csv).toEqual({ error: 'FILE line 1: expected 3 columns x,y,label, got 2' });
    expect(run('tanhSpiral', '1,2,1\na,b,1\n').csv).toEqual({ error: 'FILE line 2: x and y must be numbers' });
  });

  it('a weight layout that does not match its layer is caught by the shape check (the check can fail)', () => {
    const code = toPyTorch(modelFile(FIXTURES.maeGauss ?? {})).replace('nn.Linear(2, 2),', 'nn.Linear(2, 3),');
    const r = spawnSync('python3', ['-c', STUB_RUNNER, CSV], { input: code, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/copy_ of shape \[2, 2\] into \[3, 2\]/);
  });
});

// With the engine built: the exported layout is the one the engine computes with.
const wasmPath = resolve(import.meta.dirname, '../../build/wasm/nnp.wasm');
describe.skipIf(!existsSync(wasmPath))('toPyTorch against the engine', () => {
  it('a trained model, as Python reads it, gives the engine\'s predictions', async () => {
    const { loadEngine } = await import('../../web/src/engine/index');
    const engine = await loadEngine({ wasmBinary: readFileSync(wasmPath) });
    const pg = engine.createPlayground({
      dataset: 'circle', samples: 200, features: ['x1', 'x2', 'x1sq', 'sin_x2', 'cos_x1'],
      hidden: [{ width: 5, activation: 'tanh' }, { width: 3, activation: 'relu' }],
      output: 'tanh_mse', optimizer: { kind: 'adam', learning_rate: 0.01 },
    });
    pg.trainEpochs(20);
    const py = trainedFromPython(toPyTorch(pg.exportModel()));
    const acts = [Math.tanh, (z: number) => Math.max(z, 0)];
    for (const [x, y] of [[1.5, -2], [-4, 3.25], [0.1, 0.2], [5.5, -5.5]] as const) {
      let a = [x, y, x * x, Math.sin(y), Math.cos(x)];
      py.forEach((layer, l) => {
        const z = layer.weight.map((row, i) => row.reduce((s, w, j) => s + w * (a[j] ?? 0), layer.bias[i] ?? 0));
        a = z.map(acts[l] ?? Math.tanh);
      });
      expect(a[0]).toBeCloseTo(pg.predict(x, y)[0] ?? Number.NaN, 12);
    }
    pg.delete();
  });
});
