// TensorFlow Playground links replayed exactly: the engine in its tfp_seed
// mode against tfp-reference.ts, a transcription of TensorFlow Playground's
// own generators, shuffle, init and training loop driven by the seedrandom
// package. Same points, same split, same initial weights, and the same train
// and test loss at epoch 0 and after every one of 200 epochs (to 1e-9 relative: only the
// last bits of sin/exp/tanh may differ between V8 and the engine's libm).
import { beforeAll, describe, expect, test } from 'vitest';

import type { ConfigPatch, Engine, PlaygroundConfig } from '../../web/src/engine/types';
import { close, engine } from './helpers';
import { runTfp, type TfpState } from './tfp-reference';

const EPOCHS = 200;
const FEATURES: Record<string, PlaygroundConfig['features'][number]> = {
  x: 'x1',
  y: 'x2',
  xSquared: 'x1sq',
  ySquared: 'x2sq',
  xTimesY: 'x1x2',
  sinX: 'sin_x1',
  sinY: 'sin_x2',
};

// The engine configuration the page makes of a TensorFlow Playground link.
function toConfig(s: TfpState): ConfigPatch {
  const regression = s.dataset.startsWith('reg-');
  return {
    tfp_seed: s.seed,
    dataset: s.dataset.replace('-', '_') as PlaygroundConfig['dataset'],
    samples: regression ? 1200 : 500,
    noise: s.noise / 100,
    train_ratio: s.percTrainData / 100,
    shuffle: false,
    features: Object.keys(FEATURES)
      .filter((k) => s.inputs.includes(k))
      .map((k) => FEATURES[k]!),
    hidden: s.networkShape.map((width) => ({ width, activation: s.activation })),
    output: regression ? 'linear_mse' : 'tanh_mse',
    optimizer: { kind: 'sgd', learning_rate: s.learningRate },
    batch_size: s.batchSize,
    regularization: s.regularization === 'L1' ? 'l1' : s.regularization === 'L2' ? 'l2' : 'none',
    reg_rate: s.regularizationRate,
    init: s.initZero ? 'zeros' : 'tfp',
  };
}

const base: TfpState = {
  seed: '0.12345',
  dataset: 'circle',
  noise: 0,
  percTrainData: 50,
  batchSize: 10,
  learningRate: 0.03,
  regularization: 'none',
  regularizationRate: 0,
  activation: 'tanh',
  networkShape: [4, 2],
  initZero: false,
  inputs: ['x', 'y'],
};
const LINKS: [string, TfpState][] = [
  ['the default link (circle, 4-2 tanh)', base],
  [
    'xor, relu, L1 with dead links, an incomplete last batch',
    {
      ...base,
      seed: '0.58142',
      dataset: 'xor',
      noise: 10,
      percTrainData: 70,
      batchSize: 8,
      learningRate: 0.01,
      regularization: 'L1',
      regularizationRate: 0.003,
      activation: 'relu',
      networkShape: [6, 3],
      inputs: ['x', 'y', 'xTimesY', 'sinX'],
    },
  ],
  [
    'gauss, sigmoid, L2, batch 1',
    {
      ...base,
      seed: '0.90211',
      dataset: 'gauss',
      noise: 25,
      percTrainData: 30,
      batchSize: 1,
      learningRate: 0.1,
      regularization: 'L2',
      regularizationRate: 0.01,
      activation: 'sigmoid',
      networkShape: [3],
    },
  ],
  [
    'spiral, every feature, three layers',
    {
      ...base,
      seed: '0.00731',
      dataset: 'spiral',
      noise: 5,
      percTrainData: 80,
      batchSize: 30,
      learningRate: 0.01,
      networkShape: [6, 4, 2],
      inputs: Object.keys(FEATURES),
    },
  ],
  ['circle from zero weights, no hidden layer', { ...base, seed: '0.4', initZero: true, networkShape: [], inputs: ['xSquared', 'ySquared'], batchSize: 12 }],
  [
    'regression plane, linear',
    { ...base, seed: '0.77777', dataset: 'reg-plane', noise: 5, batchSize: 10, learningRate: 0.01, activation: 'linear', networkShape: [2] },
  ],
  [
    'regression gaussians, relu, L1',
    {
      ...base,
      seed: '0.31415',
      dataset: 'reg-gauss',
      noise: 0,
      batchSize: 25,
      learningRate: 0.03,
      regularization: 'L1',
      regularizationRate: 0.001,
      activation: 'relu',
      networkShape: [5, 5],
      inputs: ['x', 'y', 'xSquared', 'ySquared'],
    },
  ],
];

let nnp: Engine;
beforeAll(async () => {
  nnp = await engine();
});

describe.each(LINKS)('TensorFlow Playground link: %s', (_name, state) => {
  test(`same points, split, initial weights and ${EPOCHS} epochs of losses`, () => {
    const ref = runTfp(state, EPOCHS);
    const p = nnp.createPlayground(toConfig(state));
    try {
      expect(p.config().tfp_seed).toBe(state.seed);
      const pts = p.points();
      expect(pts.x.length).toBe(ref.points.length);
      const regression = state.dataset.startsWith('reg-');
      ref.points.forEach((r, i) => {
        expect(close(pts.x[i]!, r.x, 1e-13, 1e-15), `point ${i} x`).toBe(true);
        expect(close(pts.y[i]!, r.y, 1e-13, 1e-15), `point ${i} y`).toBe(true);
        expect(pts.label[i], `point ${i} label`).toBe(regression ? r.label : r.label > 0 ? 1 : 0);
        expect(pts.test[i], `point ${i} split`).toBe(i >= ref.splitIndex ? 1 : 0);
      });
      const layers = p.layers();
      expect(layers.length).toBe(ref.weights.length);
      layers.forEach((l, k) => expect([...l.weights, ...l.biases], `layer ${k}`).toEqual(ref.weights[k]));

      const start = p.evaluate();
      expect(close(start.trainLoss, ref.trainLoss[0]!, 1e-12)).toBe(true);
      expect(p.trainEpochs(EPOCHS)).toBe('ok');
      const h = p.history();
      // Row e is epoch e, from epoch 0: TensorFlow Playground's loss before any training.
      expect(h.train_loss.length).toBe(EPOCHS + 1);
      expect([...h.epoch]).toEqual(Array.from({ length: EPOCHS + 1 }, (_, e) => e));
      let worst = 0;
      for (let e = 0; e <= EPOCHS; e++) {
        for (const [ours, theirs] of [
          [h.train_loss[e]!, ref.trainLoss[e]!],
          [h.test_loss[e]!, ref.testLoss[e]!],
        ] as const) {
          worst = Math.max(worst, Math.abs(ours - theirs) / Math.abs(theirs));
          if (!close(ours, theirs, 1e-9)) expect.fail(`epoch ${e}: engine ${ours}, TensorFlow Playground ${theirs}`);
        }
      }
      // The run must have learned something, or equal curves would prove little.
      expect(ref.trainLoss[EPOCHS]!).toBeLessThan(ref.trainLoss[0]!);
      console.log(`${_name}: worst relative loss difference over ${EPOCHS} epochs ${worst.toExponential(2)}`);
    } finally {
      p.delete();
    }
  });
});
