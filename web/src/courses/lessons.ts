// The course: ten lessons, each a set of presets (configuration, and where the
// lesson needs them, its own points and weights) with what to try and what a
// student should see. The names, formulas and numbers come from the lecture
// notes the playground teaches from; tests/wasm/lessons.test.ts trains every
// preset in the real engine and checks the outcome each lesson promises.
//
// A lesson is reachable by URL: ?lesson=<id>&variant=<id> (lessonFromSearch).
// Ids are stable and URL-safe; do not rename them.

import type { ConfigPatch, Playground, PlaygroundConfig } from '../engine/types';
import { applyPatch, engineDefaults, parameterCount as countParameters } from './preset-config';
import { MODEL_FORMAT, MODEL_SCHEMA, type ModelLayer } from './pytorch';

// Weights in the engine's model-file layout, first weight layer first:
// weights[i][j] connects input j to neuron i.
export interface PresetWeights {
  layers: ModelLayer[];
}

// A point of a custom data set: x, y, label (a class index, or a value for regression).
export type LessonPoint = [number, number, number];

// One preset of a lesson: a button on the lesson card.
export interface LessonVariant {
  id: string; // URL-safe, unique within its lesson
  label: string; // the button's text
  config: PlaygroundConfig; // complete: loading it gives the same run from any state
  points?: LessonPoint[]; // the data, when config.dataset is 'custom'
  weights?: PresetWeights; // starting weights; otherwise the seed's initial weights
  epochs: number; // how long the lesson's outcome takes to show
  expect: string; // what this preset shows
}

export interface Lesson {
  id: string; // URL-safe, stable
  number: number; // 1..10, the order of the course
  title: string;
  summary: string; // plain text, a few sentences
  tryThis: string[]; // 2 to 4 things to do
  expect: string; // the outcome a student should see
  // The lesson's own preset: the same as variants[0].
  config: PlaygroundConfig;
  points?: LessonPoint[];
  weights?: PresetWeights;
  variants: LessonVariant[]; // every preset of the lesson, the lesson's own first
}

// Every preset starts from this: the engine's defaults with noise-free data.
function preset(patch: ConfigPatch): PlaygroundConfig {
  return applyPatch(engineDefaults(), patch);
}

type VariantSpec = Omit<LessonVariant, 'config'> & { patch: ConfigPatch };

function lesson(l: Omit<Lesson, 'config' | 'points' | 'weights' | 'variants' | 'expect'>, base: ConfigPatch, variants: VariantSpec[], expect: string): Lesson {
  const vs: LessonVariant[] = variants.map(({ patch, ...v }) => ({ ...v, config: preset({ ...base, ...patch }) }));
  const first = vs[0];
  if (!first) throw new Error(`lesson ${l.id}: no preset`);
  return {
    ...l,
    expect,
    config: first.config,
    ...(first.points ? { points: first.points } : {}),
    ...(first.weights ? { weights: first.weights } : {}),
    variants: vs,
  };
}

// The XOR truth table as regression data (the notes fit it with squared error).
const XOR_VALUES: LessonPoint[] = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 0],
];

// The notes' exact ReLU solution g(x) = wᵀ max(0, Wᵀx + c) + b.
const XOR_RELU: PresetWeights = {
  layers: [
    {
      weights: [
        [1, 1],
        [1, 1],
      ],
      biases: [0, -1],
    },
    { weights: [[1, -2]], biases: [0] },
  ],
};

// A logistic unit that is confidently wrong: z = -3 (x1 + x2) puts class 1, around (2, 2), at z ≈ -12.
const WRONG_WAY: PresetWeights = { layers: [{ weights: [[-3, -3]], biases: [0] }] };

// Lesson 4's presets: the same three layers of eight neurons with each activation.
const ZOO: { activation: 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'elu' | 'gelu'; label: string; expect: string; alpha?: number }[] = [
  { activation: 'sigmoid', label: 'Sigmoid', expect: 'Slowest: the saturating sigmoid still misses parts of the arms after 300 epochs.' },
  { activation: 'tanh', label: 'tanh', expect: 'Fits most of the spiral; zero-centred, but it saturates too.' },
  { activation: 'relu', label: 'ReLU', expect: 'Fits the spiral (about 100 % training accuracy) within 300 epochs.' },
  { activation: 'leaky_relu', label: 'Leaky ReLU', alpha: 0.1, expect: 'Fits the spiral like ReLU, with no dead units.' },
  { activation: 'elu', label: 'ELU', alpha: 1, expect: 'Learns the arms quickly; with this learning rate its progress is not steady.' },
  { activation: 'gelu', label: 'GELU', expect: 'Fits the spiral like ReLU, with a smoother boundary.' },
];

const TFP_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin_x1', 'sin_x2'] as const;

export const LESSONS: readonly Lesson[] = [
  lesson(
    {
      id: 'perceptron',
      number: 1,
      title: 'One neuron and the perceptron rule',
      summary:
        'A single neuron sums its weighted inputs, z = w·x + b, and fires +1 when z > 0 and −1 otherwise, so its decision ' +
        'boundary is the straight line z = 0. The bias is the weight of an extra input that is always 1 (the bias trick); ' +
        'it lets the line move away from the origin. The perceptron criterion max(0, −y z) is zero for every point on the ' +
        "correct side, and with one point per step its gradient step is Rosenblatt's rule: after a mistake, " +
        'w ← w + η y x; otherwise nothing changes. Here the neuron starts from all-zero weights, so at epoch 0 every ' +
        'point has z = 0: it lies on the line, the criterion max(0, −y·0) is already 0, yet half the points are wrong ' +
        "(the neuron says −1 at z = 0). Rosenblatt's rule counts z = 0 as a mistake (δ = 1 in the step-through), so the " +
        'weights move anyway.',
      tryThis: [
        'Train an epoch or two and watch the training accuracy climb to 100 % while the loss stays at exactly 0: no point is misclassified any more, so no weight changes again.',
        'Step through single samples and compare each change of the weights with η y x for that point.',
        'Load the XOR preset: four points that no line can separate. The line keeps jumping and the accuracy never reaches 100 %.',
      ],
    },
    {
      dataset: 'gauss',
      noise: 0,
      samples: 200,
      features: ['x1', 'x2'],
      hidden: [],
      output: 'perceptron',
      optimizer: { kind: 'sgd', learning_rate: 0.1 },
      batch_size: 1,
      init: 'zeros',
    },
    [
      {
        id: 'separable',
        label: 'Two clusters',
        patch: {},
        epochs: 10,
        expect: 'Within a few epochs: 100 % training accuracy, perceptron loss exactly 0, and the weights stop changing.',
      },
      {
        id: 'xor',
        label: 'XOR',
        patch: { dataset: 'xor_table' },
        epochs: 100,
        expect: 'Never more than 3 of the 4 points right; the weights keep cycling however long it trains.',
      },
    ],
    'On the separated clusters the mistakes run out and the neuron settles at 100 % accuracy with zero loss. On XOR ' +
      'every line leaves a point on the wrong side, so the rule never stops updating.',
  ),

  lesson(
    {
      id: 'xor-hidden',
      number: 2,
      title: 'XOR needs a hidden layer',
      summary:
        'XOR is 1 when exactly one of its two inputs is 1. A linear model cannot do it: fitted by least squares to the four ' +
        'rows of the truth table, the best line is w1 = w2 = 0, b = 1/2, which answers 1/2 everywhere. One hidden layer ' +
        'of two ReLU neurons is enough. With W = [[1, 1], [1, 1]], c = (0, −1), output weights (1, −2) and b = 0 the ' +
        'hidden layer computes h = (x1 + x2, max(0, x1 + x2 − 1)) and the output z = h1 − 2 h2 is 0, 1, 1, 0 on the four ' +
        'inputs: exactly XOR. This preset loads those weights, so the network is perfect before any training.',
      tryThis: [
        'Before training, check the accuracy (100 %) and inspect each point: z is 0, 1, 1, 0, and both hidden neurons draw a line x1 + x2 = constant.',
        'Load "Best line": no hidden layer, squared error on the values 0 and 1. It settles at w1 = w2 = 0, b = 0.5, the notes\' answer.',
        'Load "Squared error": the same ReLU weights scored with the notes\' squared error. The loss is exactly 0, so training does not move them.',
        'Train the main preset: the hinge loss asks for |z| ≥ 1, so the weights move until every point clears the margin, and all four stay correct.',
      ],
    },
    {
      dataset: 'xor_table',
      features: ['x1', 'x2'],
      hidden: [{ width: 2, activation: 'relu' }],
      output: 'linear_hinge',
      optimizer: { kind: 'sgd', learning_rate: 0.1 },
      batch_size: 4,
      train_ratio: 0.9,
    },
    [
      {
        id: 'relu-solution',
        label: 'ReLU solution',
        patch: {},
        weights: XOR_RELU,
        epochs: 100,
        expect: '100 % accuracy at epoch 0, and still 100 % after training on the hinge loss.',
      },
      {
        id: 'best-line',
        label: 'Best line',
        patch: { dataset: 'custom', problem: 'regression', hidden: [], output: 'linear_mse', init: 'zeros', optimizer: { kind: 'sgd', learning_rate: 0.5 } },
        points: XOR_VALUES,
        epochs: 300,
        expect: 'The weights go to w1 = w2 = 0 and the bias to 0.5: a flat plane at 1/2, loss 1/8.',
      },
      {
        id: 'squared-error',
        label: 'Squared error',
        patch: { dataset: 'custom', problem: 'regression', output: 'linear_mse' },
        points: XOR_VALUES,
        weights: XOR_RELU,
        epochs: 10,
        expect: 'Loss exactly 0 from the start; training leaves every weight where it is.',
      },
    ],
    'The preset network classifies all four points correctly before any training; the best linear fit is the constant 1/2.',
  ),

  lesson(
    {
      id: 'linear-layers',
      number: 3,
      title: 'Linear layers collapse into one',
      summary:
        'Without an activation function a layer is z = W a + b, and layers of that kind compose into a single one: ' +
        'W3 (W2 (W1 x + b1) + b2) + b3 = W x + b with W = W3 W2 W1. However deep, such a network is one linear map, and ' +
        'its decision boundary is a straight line. This network has three hidden layers of eight linear neurons and ' +
        'still cannot draw a circle. Put a nonlinearity between the layers and the same shape can.',
      tryThis: [
        'Train and watch the boundary: it stays a straight line and the accuracy stays near chance.',
        "Look at the hidden neurons' pictures: every one is a linear ramp, because a sum of ramps is a ramp.",
        'Load the tanh preset, the same network with tanh activations: the boundary closes around the circle.',
      ],
    },
    {
      dataset: 'circle',
      features: ['x1', 'x2'],
      hidden: [
        { width: 8, activation: 'linear' },
        { width: 8, activation: 'linear' },
        { width: 8, activation: 'linear' },
      ],
      output: 'tanh_mse',
      optimizer: { kind: 'sgd', learning_rate: 0.01 },
      batch_size: 10,
    },
    [
      {
        id: 'linear',
        label: 'Linear',
        patch: {},
        epochs: 200,
        expect: 'A straight boundary and accuracy at or below chance (about 40 %), however long it trains.',
      },
      {
        id: 'tanh',
        label: 'tanh',
        patch: {
          hidden: [
            { width: 8, activation: 'tanh' },
            { width: 8, activation: 'tanh' },
            { width: 8, activation: 'tanh' },
          ],
        },
        epochs: 200,
        expect: 'A closed boundary around the inner class and over 90 % accuracy.',
      },
    ],
    "The linear network's boundary is a straight line, the one of its collapsed map W x + b; it cannot separate the circle.",
  ),

  lesson(
    {
      id: 'activations',
      number: 4,
      title: 'Activation functions on the spiral',
      summary:
        'Any nonlinearity lets layers build features, but they train differently. The sigmoid and tanh saturate: far ' +
        "from 0 their slope vanishes, so little gradient flows back (the sigmoid's slope is at most 1/4, and its output " +
        'is not centred on 0). ReLU, max(0, z), passes the gradient unchanged wherever it is active but is flat, and ' +
        'learns nothing, where z < 0; leaky ReLU keeps a small slope α there, ELU a smooth exponential tail, and GELU, ' +
        'z Φ(z), is a smooth ReLU. The same three layers of eight neurons learn the two-arm spiral with each.',
      tryThis: [
        'Train each preset for 300 epochs and compare the loss curves: which activation gets there first?',
        'Open the activation plot for sigmoid and tanh and find where the derivative is nearly 0.',
        'Look for ReLU neurons whose picture is blank (white) everywhere: their output is 0 at every point, so they are dead units that no longer learn. Leaky ReLU has none.',
      ],
    },
    {
      dataset: 'spiral',
      noise: 0,
      features: ['x1', 'x2'],
      output: 'tanh_mse',
      optimizer: { kind: 'adam', learning_rate: 0.01 },
      batch_size: 10,
    },
    ZOO.map(({ activation, label, expect, alpha }): VariantSpec => {
      const layer = alpha === undefined ? { width: 8, activation } : { width: 8, activation, alpha };
      return { id: activation.replace('_', '-'), label, patch: { hidden: [layer, { ...layer }, { ...layer }] }, epochs: 300, expect };
    }),
    'The ReLU family (ReLU, leaky ReLU, GELU) fits the spiral within 300 epochs; the sigmoid network lags far behind.',
  ),

  lesson(
    {
      id: 'sigmoid-loss',
      number: 5,
      title: 'Sigmoid output: squared error or cross-entropy',
      summary:
        'With a sigmoid output a = σ(z) and a label y of 0 or 1, the squared error ½ (a − y)² has the gradient ' +
        '(a − y) σ(z)(1 − σ(z)) with respect to z. When the unit is confidently wrong, say z very negative for y = 1, ' +
        'the factor σ(z)(1 − σ(z)) is nearly 0 and learning stalls exactly when it is most needed. Cross-entropy, ' +
        '−y ln a − (1 − y) ln(1 − a), has the gradient σ(z) − y: close to −1 in the same place, so the unit corrects ' +
        'itself fast and slows down only near the right answer. Both presets start from the same wrong weights, ' +
        'w = (−3, −3), which put each cluster on the other side.',
      tryThis: [
        'Train the squared-error preset for 100 epochs: the accuracy stays at 0 % and the loss barely moves.',
        'Load the cross-entropy preset and train: the boundary swings round within the first epoch.',
        'Step through one point of class 1 in each preset and compare dL/dz at the output.',
      ],
    },
    {
      dataset: 'gauss',
      noise: 0,
      features: ['x1', 'x2'],
      hidden: [],
      optimizer: { kind: 'sgd', learning_rate: 0.3 },
      batch_size: 10,
    },
    [
      {
        id: 'squared-error',
        label: 'Squared error',
        patch: { output: 'sigmoid_mse' },
        weights: WRONG_WAY,
        epochs: 100,
        expect: 'Stuck: still 0 % accuracy after 100 epochs, with a flat loss curve.',
      },
      {
        id: 'cross-entropy',
        label: 'Cross-entropy',
        patch: { output: 'sigmoid_bce' },
        weights: WRONG_WAY,
        epochs: 100,
        expect: '100 % accuracy after the first epoch.',
      },
    ],
    'From the same confidently wrong start, cross-entropy recovers within an epoch while squared error stays stuck at 0 %.',
  ),

  lesson(
    {
      id: 'softmax',
      number: 6,
      title: 'Softmax for three or more classes',
      summary:
        'For K classes the network has K outputs, one score z_k per class. Softmax turns the scores into probabilities, ' +
        'softmax(z)_k = e^{z_k} / Σ_j e^{z_j}, and the label becomes a one-hot vector. The loss is the cross-entropy ' +
        '−ln softmax(z)_y = logsumexp(z) − z_y, whose gradient is simply softmax(z) − onehot(y); the predicted class is ' +
        'the largest score. A confident wrong answer costs a lot: probability 0.01 on the right class costs ' +
        '−log2 0.01 ≈ 6.64 bits.',
      tryThis: [
        "Train on the four blobs and watch each region take one colour; check the output neurons' maps, one per class.",
        'Load the three-arm spiral: the same loss with two hidden layers of 16 ReLUs.',
        'Change the number of classes and note that the output layer grows to match.',
      ],
    },
    { features: ['x1', 'x2'], output: 'softmax_ce', batch_size: 10 },
    [
      {
        id: 'blobs',
        label: 'Four blobs',
        patch: { dataset: 'blobs', classes: 4, noise: 0.2, hidden: [{ width: 8, activation: 'relu' }], optimizer: { kind: 'sgd', learning_rate: 0.03 } },
        epochs: 100,
        expect: 'Over 90 % accuracy within 100 epochs.',
      },
      {
        id: 'spiral-arms',
        label: 'Three-arm spiral',
        patch: {
          dataset: 'multi_spiral',
          classes: 3,
          noise: 0,
          hidden: [
            { width: 16, activation: 'relu' },
            { width: 16, activation: 'relu' },
          ],
          optimizer: { kind: 'adam', learning_rate: 0.01 },
        },
        epochs: 300,
        expect: 'Over 90 % accuracy on the three interleaved arms within 300 epochs.',
      },
    ],
    'One output per class, each region coloured by its largest score; over 90 % accuracy on the blobs within 100 epochs.',
  ),

  lesson(
    {
      id: 'depth-width',
      number: 7,
      title: 'Depth or width, with the same number of parameters',
      summary:
        'The width of a layer is its number of neurons; the depth of a network is its number of layers. One hidden ' +
        'layer can approximate any reasonable function given enough neurons, but nothing says how many, and deep ' +
        'networks can need far fewer, because each layer builds features for the next. Both presets have 109 ' +
        'parameters: one layer of 27 ReLUs (2·27 + 27 weights and biases in, 27 + 1 out) or three layers of 6 ' +
        '(2·6 + 6, 6·6 + 6, 6·6 + 6, 6 + 1).',
      tryThis: [
        'Train both for 500 epochs and compare accuracy: with this budget the deep network fits the spiral, the wide one does not.',
        "Compare the boundaries: the wide network's is made of straight pieces of one layer of ReLUs; the deep one folds them.",
        'Raise the learning rate to 0.01 and train both again: the wide network catches up. One run is not a law.',
      ],
    },
    {
      dataset: 'spiral',
      noise: 0,
      features: ['x1', 'x2'],
      output: 'tanh_mse',
      optimizer: { kind: 'adam', learning_rate: 0.003 },
      batch_size: 10,
    },
    [
      {
        id: 'deep',
        label: 'Deep: 3 × 6',
        patch: {
          hidden: [
            { width: 6, activation: 'relu' },
            { width: 6, activation: 'relu' },
            { width: 6, activation: 'relu' },
          ],
        },
        epochs: 500,
        expect: 'About 99 % training accuracy after 500 epochs.',
      },
      {
        id: 'wide',
        label: 'Wide: 1 × 27',
        patch: { hidden: [{ width: 27, activation: 'relu' }] },
        epochs: 500,
        expect: 'Below 80 % training accuracy after 500 epochs.',
      },
    ],
    'Same 109 parameters; in these runs the deep network fits the spiral and the wide one does not.',
  ),

  lesson(
    {
      id: 'learning-rate',
      number: 8,
      title: 'Learning rate: too small, right, too large',
      summary:
        'Gradient descent moves every weight by the learning rate times its gradient, w ← w − η ∂L/∂w. Too small and ' +
        'each step is tiny: the loss falls, but it takes hundreds of epochs to get anywhere. Too large and the steps ' +
        'overshoot the valley; the loss jumps about, ReLUs can die, and at the extreme the weights grow without bound ' +
        'until the engine stops with "diverged". Between the two is a range where training is fast and steady.',
      tryThis: [
        'Train "Right" (η = 0.03): the loss falls steadily and the circle is solved within about 50 epochs.',
        'Train "Too small" (η = 0.0003) for 100 epochs: almost nothing has happened yet.',
        'Train "Too large" (η = 100): the weights blow past 1e6 in the first epoch and training stops. Reset, then try η = 3: no weight blows up, but the ReLUs die, the loss settles above where it started with the accuracy at chance, and after about 40 epochs of that the engine calls it diverged too.',
      ],
    },
    {
      dataset: 'circle',
      features: ['x1', 'x2'],
      hidden: [
        { width: 8, activation: 'relu' },
        { width: 8, activation: 'relu' },
      ],
      output: 'sigmoid_bce',
      batch_size: 10,
    },
    [
      {
        id: 'right',
        label: 'Right: 0.03',
        patch: { optimizer: { kind: 'sgd', learning_rate: 0.03 } },
        epochs: 100,
        expect: 'Over 90 % accuracy within 100 epochs.',
      },
      {
        id: 'too-small',
        label: 'Too small: 0.0003',
        patch: { optimizer: { kind: 'sgd', learning_rate: 0.0003 } },
        epochs: 100,
        expect: 'Still below 90 % after 100 epochs: the loss creeps down.',
      },
      {
        id: 'too-large',
        label: 'Too large: 100',
        patch: { optimizer: { kind: 'sgd', learning_rate: 100 } },
        epochs: 5,
        expect: 'Diverged within the first epochs: a weight grows past 1e6.',
      },
    ],
    'The right rate solves the circle quickly, the small one crawls, and the large one diverges.',
  ),

  lesson(
    {
      id: 'batch-size',
      number: 9,
      title: 'Stochastic, mini-batch and full-batch gradient descent',
      summary:
        'An iteration is one update of the weights; an epoch is one pass over all n training points. Stochastic ' +
        'gradient descent updates after every single point, so one epoch is n iterations. Batch gradient descent ' +
        'feeds all the points at once and averages their gradients: one iteration per epoch, with the exact gradient ' +
        'of the training loss. Mini-batches of B points sit in between, with ⌈n / B⌉ iterations per epoch. ' +
        'These presets have 100 training points.',
      tryThis: [
        'Train each preset one epoch at a time and read the step counter: 100, 10 and 1 updates per epoch.',
        'Compare the loss curves per epoch: batch size 1 is fastest per epoch but noisy, full batch is smooth but slow.',
        'Raise the full-batch learning rate to 1: with the exact gradient such a large step stays stable, and 100 updates solve the circle.',
      ],
    },
    {
      dataset: 'circle',
      samples: 200,
      train_ratio: 0.5,
      features: ['x1', 'x2'],
      hidden: [
        { width: 4, activation: 'tanh' },
        { width: 2, activation: 'tanh' },
      ],
      output: 'tanh_mse',
      optimizer: { kind: 'sgd', learning_rate: 0.03 },
    },
    [
      {
        id: 'stochastic',
        label: 'SGD: 1',
        patch: { batch_size: 1 },
        epochs: 100,
        expect: '100 updates per epoch; over 90 % accuracy within 100 epochs.',
      },
      {
        id: 'mini-batch',
        label: 'Mini-batch: 10',
        patch: { batch_size: 10 },
        epochs: 100,
        expect: '10 updates per epoch; slower per epoch than single points.',
      },
      {
        id: 'full-batch',
        label: 'Full batch: 100',
        patch: { batch_size: 100 },
        epochs: 100,
        expect: 'One update per epoch; after 100 epochs (100 updates) still far from solved.',
      },
    ],
    'The step counter shows n, ⌈n / 10⌉ and 1 updates per epoch; per epoch, smaller batches get further.',
  ),

  lesson(
    {
      id: 'regularization',
      number: 10,
      title: 'L1 and L2 regularization',
      summary:
        'A penalty on the weights (never the biases) keeps a network simple. L2 adds ½ Σ w² and each step shrinks ' +
        'every weight in proportion to its size, w ← w − η λ w: large weights shrink fast, small ones hardly, and none ' +
        'reaches 0. L1 adds Σ |w| and pulls every weight towards 0 by the same amount, η λ, each step; a weight the ' +
        'data does not need crosses 0 and is set to exactly 0, as TensorFlow Playground does. Here the network gets ' +
        'seven input features, and the circle needs only two of them.',
      tryThis: [
        'Train the L1 preset for 300 epochs and look at the network: most connections fade out completely.',
        'Train the L2 preset: the weights shrink, but every connection stays.',
        'Raise the L1 rate to 0.03 and watch which features survive: x1² and x2², the ones a circle needs.',
      ],
    },
    {
      dataset: 'circle',
      features: [...TFP_FEATURES],
      hidden: [{ width: 4, activation: 'tanh' }],
      output: 'tanh_mse',
      optimizer: { kind: 'sgd', learning_rate: 0.03 },
      batch_size: 10,
    },
    [
      {
        id: 'l1',
        label: 'L1',
        patch: { regularization: 'l1', reg_rate: 0.01 },
        epochs: 300,
        expect: 'Still about 100 % accuracy, with many weights exactly 0.',
      },
      {
        id: 'l2',
        label: 'L2',
        patch: { regularization: 'l2', reg_rate: 0.01 },
        epochs: 300,
        expect: 'Still about 100 % accuracy; the weights are small but none is exactly 0.',
      },
      {
        id: 'none',
        label: 'None',
        patch: { regularization: 'none', reg_rate: 0 },
        epochs: 300,
        expect: 'The same accuracy with every weight in use.',
      },
    ],
    'With L1 many weights end at exactly 0 and the network stays accurate; with L2 they shrink but stay non-zero.',
  ),
];

// --- looking lessons up -------------------------------------------------------------

// Lessons that teach better as a comparison: preset A beside preset B, the
// same data and starting weights, in lockstep (the page's compare mode).
// A Map: looked up by lesson ids that come from links.
export const LESSON_COMPARISONS: ReadonlyMap<string, { a: string; b: string }> = new Map([
  ['activations', { a: 'sigmoid', b: 'relu' }],
  ['sigmoid-loss', { a: 'squared-error', b: 'cross-entropy' }],
  ['depth-width', { a: 'deep', b: 'wide' }],
  ['learning-rate', { a: 'right', b: 'too-small' }],
  ['batch-size', { a: 'stochastic', b: 'full-batch' }],
]);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function variantById(lesson: Lesson, id: string): LessonVariant | undefined {
  return lesson.variants.find((v) => v.id === id);
}

const LESSON_PARAM = 'lesson';
const VARIANT_PARAM = 'variant';

// The lesson and preset a URL's query names (?lesson=xor-hidden&variant=best-line);
// without a known variant, the lesson's own preset. null when no known lesson is named.
export function lessonFromSearch(search: string | URLSearchParams): { lesson: Lesson; variant: LessonVariant } | null {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const lesson = lessonById(q.get(LESSON_PARAM) ?? '');
  if (!lesson) return null;
  const variant = variantById(lesson, q.get(VARIANT_PARAM) ?? '') ?? lesson.variants[0];
  return variant ? { lesson, variant } : null;
}

// The query that opens a lesson (and one of its presets), without the leading "?".
export function lessonSearch(lesson: Lesson, variant?: LessonVariant): string {
  const q = new URLSearchParams({ [LESSON_PARAM]: lesson.id });
  if (variant && variant !== lesson.variants[0]) q.set(VARIANT_PARAM, variant.id);
  return q.toString();
}

// Weights and biases of a configuration (a patch over the engine's defaults):
// Σ over weight layers of (inputs · outputs + outputs); the first layer's inputs
// are the features, the last layer has one output, or one per class for softmax.
export function parameterCount(config: ConfigPatch): number {
  return countParameters(applyPatch(engineDefaults(), config));
}

// --- loading a preset into a playground ------------------------------------------

// The model file (engine/model_io.hpp) of a preset with its own weights, for importModel.
export function presetModelJson(variant: LessonVariant): string {
  if (!variant.weights) throw new Error(`preset "${variant.id}" has no weights of its own`);
  return JSON.stringify({
    format: MODEL_FORMAT,
    schema: MODEL_SCHEMA,
    config: variant.config,
    epoch: 0,
    steps: 0,
    layers: variant.weights.layers,
    ...(variant.points ? { points: variant.points.map(([x, y, label]) => [x, y, label, 0]) } : {}),
  });
}

// Puts a preset into a playground: its configuration, its points (every one a
// training point) and its weights, at epoch 0. Throws the engine's Error if the
// engine refuses it; with weights, the whole preset loads or nothing changes.
export function applyPreset(playground: Pick<Playground, 'configure' | 'setPoints' | 'importModel' | 'reset'>, variant: LessonVariant): void {
  if (variant.weights) {
    playground.importModel(presetModelJson(variant));
    return;
  }
  playground.configure(variant.config);
  if (variant.points) playground.setPoints(variant.points);
  playground.reset();
}
