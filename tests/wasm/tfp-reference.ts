// Test-only: TensorFlow Playground's own algorithm, transcribed from its
// sources (src/dataset.ts, src/nn.ts, src/playground.ts: generateData, reset,
// oneStep, getLoss; d3 v3's linear scale), with the seedrandom package from npm
// as its Math.random. tfp-replay.test.ts runs a link through this and through
// the engine and compares them. Written to read like the original, not like
// the engine.
import seedrandom from 'seedrandom';

export interface Example2D {
  x: number;
  y: number;
  label: number;
}
export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear';
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'reg-plane' | 'reg-gauss';
export interface TfpState {
  seed: string;
  dataset: DatasetName;
  noise: number; // the slider, 0..50
  percTrainData: number;
  batchSize: number;
  learningRate: number;
  regularization: 'none' | 'L1' | 'L2';
  regularizationRate: number;
  activation: Activation;
  networkShape: number[];
  initZero: boolean;
  inputs: string[]; // ids of INPUTS switched on
}

let random: () => number = Math.random;

// --- d3.scale.linear (v3): uninterpolate then interpolateNumber ---
function linear(d0: number, d1: number, r0: number, r1: number, clamp = false) {
  return (x: number) => {
    let t = (x - d0) / (d1 - d0);
    if (clamp) t = Math.max(0, Math.min(1, t));
    return r0 * (1 - t) + r1 * t;
  };
}

// --- dataset.ts ---
export function shuffle(array: unknown[]): void {
  let counter = array.length;
  let temp: unknown;
  let index = 0;
  while (counter > 0) {
    index = Math.floor(random() * counter);
    counter--;
    temp = array[counter];
    array[counter] = array[index];
    array[index] = temp;
  }
}
function randUniform(a: number, b: number) {
  return random() * (b - a) + a;
}
function normalRandom(mean = 0, variance = 1): number {
  let v1: number, v2: number, s: number;
  do {
    v1 = 2 * random() - 1;
    v2 = 2 * random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const result = Math.sqrt((-2 * Math.log(s)) / s) * v1;
  return mean + Math.sqrt(variance) * result;
}
function dist(a: { x: number; y: number }, b: { x: number; y: number }) {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}
function classifyTwoGaussData(numSamples: number, noise: number): Example2D[] {
  const points: Example2D[] = [];
  const variance = linear(0, 0.5, 0.5, 4)(noise);
  function genGauss(cx: number, cy: number, label: number) {
    for (let i = 0; i < numSamples / 2; i++) {
      const x = normalRandom(cx, variance);
      const y = normalRandom(cy, variance);
      points.push({ x, y, label });
    }
  }
  genGauss(2, 2, 1);
  genGauss(-2, -2, -1);
  return points;
}
function regressPlane(numSamples: number, noise: number): Example2D[] {
  const radius = 6;
  const labelScale = linear(-10, 10, -1, 1);
  const getLabel = (x: number, y: number) => labelScale(x + y);
  const points: Example2D[] = [];
  for (let i = 0; i < numSamples; i++) {
    const x = randUniform(-radius, radius);
    const y = randUniform(-radius, radius);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    points.push({ x, y, label: getLabel(x + noiseX, y + noiseY) });
  }
  return points;
}
function regressGaussian(numSamples: number, noise: number): Example2D[] {
  const points: Example2D[] = [];
  const labelScale = linear(0, 2, 1, 0, true);
  const gaussians = [
    [-4, 2.5, 1],
    [0, 2.5, -1],
    [4, 2.5, 1],
    [-4, -2.5, -1],
    [0, -2.5, 1],
    [4, -2.5, -1],
  ] as const;
  function getLabel(x: number, y: number) {
    let label = 0;
    gaussians.forEach(([cx, cy, sign]) => {
      const newLabel = sign * labelScale(dist({ x, y }, { x: cx, y: cy }));
      if (Math.abs(newLabel) > Math.abs(label)) label = newLabel;
    });
    return label;
  }
  const radius = 6;
  for (let i = 0; i < numSamples; i++) {
    const x = randUniform(-radius, radius);
    const y = randUniform(-radius, radius);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    points.push({ x, y, label: getLabel(x + noiseX, y + noiseY) });
  }
  return points;
}
function classifySpiralData(numSamples: number, noise: number): Example2D[] {
  const points: Example2D[] = [];
  const n = numSamples / 2;
  function genSpiral(deltaT: number, label: number) {
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(-1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(-1, 1) * noise;
      points.push({ x, y, label });
    }
  }
  genSpiral(0, 1);
  genSpiral(Math.PI, -1);
  return points;
}
function classifyCircleData(numSamples: number, noise: number): Example2D[] {
  const points: Example2D[] = [];
  const radius = 5;
  const getCircleLabel = (p: { x: number; y: number }) => (dist(p, { x: 0, y: 0 }) < radius * 0.5 ? 1 : -1);
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(0, radius * 0.5);
    const angle = randUniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    points.push({ x, y, label: getCircleLabel({ x: x + noiseX, y: y + noiseY }) });
  }
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(radius * 0.7, radius);
    const angle = randUniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    points.push({ x, y, label: getCircleLabel({ x: x + noiseX, y: y + noiseY }) });
  }
  return points;
}
function classifyXORData(numSamples: number, noise: number): Example2D[] {
  const getXORLabel = (p: { x: number; y: number }) => (p.x * p.y >= 0 ? 1 : -1);
  const points: Example2D[] = [];
  for (let i = 0; i < numSamples; i++) {
    let x = randUniform(-5, 5);
    const padding = 0.3;
    x += x > 0 ? padding : -padding;
    let y = randUniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = randUniform(-5, 5) * noise;
    const noiseY = randUniform(-5, 5) * noise;
    points.push({ x, y, label: getXORLabel({ x: x + noiseX, y: y + noiseY }) });
  }
  return points;
}
const GENERATORS: Record<DatasetName, (n: number, noise: number) => Example2D[]> = {
  circle: classifyCircleData,
  xor: classifyXORData,
  gauss: classifyTwoGaussData,
  spiral: classifySpiralData,
  'reg-plane': regressPlane,
  'reg-gauss': regressGaussian,
};

// --- nn.ts ---
interface ActivationFunction {
  output: (x: number) => number;
  der: (x: number) => number;
}
const ACTIVATIONS: Record<Activation, ActivationFunction> = {
  tanh: { output: (x) => Math.tanh(x), der: (x) => 1 - Math.tanh(x) * Math.tanh(x) },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => {
      const o = 1 / (1 + Math.exp(-x));
      return o * (1 - o);
    },
  },
  linear: { output: (x) => x, der: () => 1 },
};
interface RegularizationFunction {
  der: (w: number) => number;
}
const L1: RegularizationFunction = { der: (w) => (w < 0 ? -1 : 1) };
const L2: RegularizationFunction = { der: (w) => w };

class Node {
  inputLinks: Link[] = [];
  bias = 0.1;
  outputs: Link[] = [];
  totalInput = 0;
  output = 0;
  outputDer = 0;
  inputDer = 0;
  accInputDer = 0;
  numAccumulatedDers = 0;
  constructor(
    public activation: ActivationFunction,
    initZero: boolean,
  ) {
    if (initZero) this.bias = 0;
  }
  updateOutput(): number {
    this.totalInput = this.bias;
    for (const link of this.inputLinks) this.totalInput += link.weight * link.source.output;
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}
class Link {
  weight = random() - 0.5;
  isDead = false;
  errorDer = 0;
  accErrorDer = 0;
  numAccumulatedDers = 0;
  constructor(
    public source: Node,
    public dest: Node,
    public regularization: RegularizationFunction | null,
    initZero: boolean,
  ) {
    if (initZero) this.weight = 0;
  }
}
function buildNetwork(
  shape: number[],
  activation: ActivationFunction,
  outputActivation: ActivationFunction,
  regularization: RegularizationFunction | null,
  initZero: boolean,
): Node[][] {
  const network: Node[][] = [];
  for (let layerIdx = 0; layerIdx < shape.length; layerIdx++) {
    const isOutputLayer = layerIdx === shape.length - 1;
    const currentLayer: Node[] = [];
    network.push(currentLayer);
    for (let i = 0; i < (shape[layerIdx] ?? 0); i++) {
      const node = new Node(isOutputLayer ? outputActivation : activation, initZero);
      currentLayer.push(node);
      if (layerIdx >= 1) {
        for (const prevNode of network[layerIdx - 1] ?? []) {
          const link = new Link(prevNode, node, regularization, initZero);
          prevNode.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }
  return network;
}
function forwardProp(network: Node[][], inputs: number[]): number {
  network[0]!.forEach((node, i) => (node.output = inputs[i]!));
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) for (const node of network[layerIdx]!) node.updateOutput();
  return network[network.length - 1]![0]!.output;
}
function backProp(network: Node[][], target: number): void {
  const outputNode = network[network.length - 1]![0]!;
  outputNode.outputDer = outputNode.output - target;
  for (let layerIdx = network.length - 1; layerIdx >= 1; layerIdx--) {
    const currentLayer = network[layerIdx]!;
    for (const node of currentLayer) {
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (const node of currentLayer)
      for (const link of node.inputLinks) {
        if (link.isDead) continue;
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    if (layerIdx === 1) continue;
    for (const node of network[layerIdx - 1]!) {
      node.outputDer = 0;
      for (const output of node.outputs) node.outputDer += output.weight * output.dest.inputDer;
    }
  }
}
function updateWeights(network: Node[][], learningRate: number, regularizationRate: number) {
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++)
    for (const node of network[layerIdx]!) {
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (const link of node.inputLinks) {
        if (link.isDead) continue;
        const regulDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          link.weight = link.weight - (learningRate / link.numAccumulatedDers) * link.accErrorDer;
          const newLinkWeight = link.weight - learningRate * regularizationRate * regulDer;
          if (link.regularization === L1 && link.weight * newLinkWeight < 0) {
            link.weight = 0;
            link.isDead = true;
          } else {
            link.weight = newLinkWeight;
          }
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
}

// --- playground.ts ---
const INPUTS: Record<string, (x: number, y: number) => number> = {
  x: (x) => x,
  y: (_x, y) => y,
  xSquared: (x) => x * x,
  ySquared: (_x, y) => y * y,
  xTimesY: (x, y) => x * y,
  sinX: (x) => Math.sin(x),
  sinY: (_x, y) => Math.sin(y),
};

export interface TfpRun {
  points: Example2D[]; // after the shuffle: trainData then testData
  splitIndex: number;
  weights: number[][]; // per weight layer: row-major [to][from], then the biases
  trainLoss: number[]; // index 0: before training; e: after epoch e
  testLoss: number[];
}

// Loads the page with `state` (generateData(true); reset(true)) and presses
// Play for `epochs` oneStep()s.
export function runTfp(state: TfpState, epochs: number): TfpRun {
  random = seedrandom(state.seed);
  const regression = state.dataset.startsWith('reg-');
  const numSamples = regression ? 1200 : 500;
  const data = GENERATORS[state.dataset](numSamples, state.noise / 100);
  shuffle(data);
  const splitIndex = Math.floor((data.length * state.percTrainData) / 100);
  const trainData = data.slice(0, splitIndex);
  const testData = data.slice(splitIndex);
  const constructInput = (x: number, y: number) =>
    Object.keys(INPUTS)
      .filter((k) => state.inputs.includes(k))
      .map((k) => INPUTS[k]!(x, y));
  const shape = [constructInput(0, 0).length, ...state.networkShape, 1];
  const reg = state.regularization === 'L1' ? L1 : state.regularization === 'L2' ? L2 : null;
  const network = buildNetwork(shape, ACTIVATIONS[state.activation], regression ? ACTIVATIONS.linear : ACTIVATIONS.tanh, reg, state.initZero);
  const weights = network.slice(1).map((layer) => [...layer.flatMap((node) => node.inputLinks.map((l) => l.weight)), ...layer.map((node) => node.bias)]);
  const getLoss = (points: Example2D[]) => {
    let loss = 0;
    for (const p of points) loss += 0.5 * Math.pow(forwardProp(network, constructInput(p.x, p.y)) - p.label, 2);
    return loss / points.length;
  };
  const trainLoss = [getLoss(trainData)];
  const testLoss = [getLoss(testData)];
  for (let e = 0; e < epochs; e++) {
    trainData.forEach((point, i) => {
      forwardProp(network, constructInput(point.x, point.y));
      backProp(network, point.label);
      if ((i + 1) % state.batchSize === 0) updateWeights(network, state.learningRate, state.regularizationRate);
    });
    trainLoss.push(getLoss(trainData));
    testLoss.push(getLoss(testData));
  }
  random = Math.random;
  return { points: data, splitIndex, weights, trainLoss, testLoss };
}
