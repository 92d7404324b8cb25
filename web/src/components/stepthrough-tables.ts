// What the step-through writes for one step: a title, a sentence saying what
// the step computes, and a table of the engine's numbers (text only). Each
// number cell carries its exact value (data-value) for the tests and the
// curious; the text shows four significant digits.
import type { LayerData, TraceData } from '../worker/protocol';
import { h } from './dom';
import { exactText, formatNumber4 } from './network-notes';
import type { Step, StepNames, Update } from './stepthrough-steps';
import type { View } from './view';

export interface StepContent {
  title: string;
  explain: string;
  body: HTMLElement[];
}

function num(value: number, key: string): HTMLElement {
  return h('td', { class: 'nnp-num', text: formatNumber4(value), 'data-st': key, 'data-value': exactText(value), title: String(value) });
}

function table(head: string[], rows: HTMLElement[][], testid: string): HTMLElement {
  return h('div', { class: 'nnp-st-scroll' }, [
    h('table', { class: 'nnp-st-table', 'data-testid': testid }, [
      h('thead', {}, [
        h(
          'tr',
          {},
          head.map((t) => h('th', { scope: 'col', text: t })),
        ),
      ]),
      h(
        'tbody',
        {},
        rows.map((cells) => h('tr', {}, cells)),
      ),
    ]),
  ]);
}

// traceLayers: the weights the trace was taken with (for a backward step's width).
export function stepContent(s: Step, t: TraceData, traceLayers: LayerData[], v: View, names: StepNames): StepContent {
  const { layerName, featureLabel, outputLabel, neuronLabel } = names;
  const L = t.layers.length;
  const out = v.catalog.outputs.find((o) => o.id === v.snapshot.config.output);
  if (s.kind === 'input') {
    return {
      title: 'Input',
      explain: 'The point’s features are the input of the first layer: a⁰ = x.',
      body: [
        table(
          ['Feature', 'x'],
          Array.from(t.input, (x, j) => [h('th', { scope: 'row', text: featureLabel(j) }), num(x, `x:${j}`)]),
          'st-table',
        ),
      ],
    };
  } else if (s.kind === 'forward') {
    const layer = t.layers[s.l]!;
    const isOut = s.l === L - 1;
    const act = isOut
      ? out
        ? `${out.unit === 'linear' ? 'the identity' : out.unit} (the output unit of ${out.name})`
        : 'the output unit'
      : (v.snapshot.config.hidden[s.l]?.activation ?? '');
    return {
      title: `Forward: ${layerName(s.l)}`,
      explain: `Each neuron sums its weighted inputs, z = W a + b, then applies ${act}: a = f(z).`,
      body: [
        table(
          ['Neuron', 'z', 'a = f(z)'],
          Array.from(layer.z, (z, i) => [
            h('th', { scope: 'row', text: neuronLabel(s.l, i, layer.z.length) }),
            num(z, `z:${s.l}:${i}`),
            num(layer.a[i]!, `a:${s.l}:${i}`),
          ]),
          'st-table',
        ),
      ],
    };
  } else if (s.kind === 'loss') {
    return {
      title: 'Loss',
      explain: `The output is compared with the point’s label${out ? `: L = ${out.loss}` : ''}.`,
      body: [
        table(
          ['Output', 'a', 'target y'],
          Array.from(t.output, (a, i) => [h('th', { scope: 'row', text: outputLabel(i, t.output.length) }), num(a, `out:${i}`), num(t.target[i]!, `y:${i}`)]),
          'st-table',
        ),
        h('p', { class: 'nnp-st-loss' }, [
          h('span', { text: 'Loss on this point: ' }),
          h('strong', { text: formatNumber4(t.loss), 'data-st': 'loss', 'data-value': exactText(t.loss) }),
        ]),
      ],
    };
  }
  return backwardContent(s.l, t, traceLayers, names);
}

function backwardContent(l: number, t: TraceData, traceLayers: LayerData[], names: StepNames): StepContent {
  const { layerName, neuronLabel, inputLabel } = names;
  const layer = t.layers[l]!;
  const w = traceLayers[l];
  const cols = w?.cols ?? layer.dW.length / Math.max(1, layer.delta.length);
  const isOut = l === t.layers.length - 1;
  const head = ['Neuron', 'δ = ∂L/∂z', '∂L/∂b', ...Array.from({ length: cols }, (_, j) => `∂L/∂w from ${inputLabel(l, j)}`)];
  return {
    title: `Backward: ${layerName(l)}`,
    explain: isOut
      ? 'δ = ∂L/∂z at the output. Each weight’s gradient is δ times the input it multiplies, ∂L/∂w = δ · a(previous); ∂L/∂b = δ.'
      : 'δ = (Wᵀ δ of the layer above) ⊙ f′(z): the error sent back through the weights, scaled by the activation’s slope. ' +
        '∂L/∂w = δ · a(previous); ∂L/∂b = δ.',
    body: [
      table(
        head,
        Array.from(layer.delta, (d, i) => [
          h('th', { scope: 'row', text: neuronLabel(l, i, layer.delta.length) }),
          num(d, `d:${l}:${i}`),
          num(layer.db[i]!, `db:${l}:${i}`),
          ...Array.from({ length: cols }, (_, j) => num(layer.dW[i * cols + j]!, `dW:${l}:${i}:${j}`)),
        ]),
        'st-table',
      ),
    ],
  };
}

// After "Apply update": every weight and bias before, its gradient, and after.
export function updateContent(u: Update, names: StepNames): StepContent {
  const { layerName, neuronLabel, inputLabel } = names;
  const rows: HTMLElement[][] = [];
  u.before.forEach((b, l) => {
    const a = u.after[l];
    const g = u.grads.layers[l];
    if (!a || !g) return;
    for (let i = 0; i < b.rows; i++) {
      for (let j = 0; j < b.cols; j++) {
        const k = i * b.cols + j;
        rows.push([
          h('th', { scope: 'row', text: `${layerName(l).replace('the ', '')}: w ${neuronLabel(l, i, b.rows)} ← ${inputLabel(l, j)}` }),
          num(b.weights[k]!, `w0:${l}:${i}:${j}`),
          num(g.dW[k]!, `gw:${l}:${i}:${j}`),
          num(a.weights[k]!, `w1:${l}:${i}:${j}`),
        ]);
      }
      rows.push([
        h('th', { scope: 'row', text: `${layerName(l).replace('the ', '')}: b ${neuronLabel(l, i, b.rows)}` }),
        num(b.biases[i]!, `b0:${l}:${i}`),
        num(g.db[i]!, `gb:${l}:${i}`),
        num(a.biases[i]!, `b1:${l}:${i}`),
      ]);
    }
  });
  return {
    title: 'Update applied',
    explain:
      `One SGD step on this point: w ← w − η ∂L/∂w and b ← b − η ∂L/∂b, with η = ${u.rate} (plain SGD, whatever the optimizer). ` +
      `Loss on this point: ${formatNumber4(u.grads.loss)} → ${formatNumber4(u.lossAfter)}.`,
    body: [
      table(['Parameter', 'before', '∂L/∂·', 'after'], rows, 'st-update'),
      h('p', { class: 'nnp-st-loss' }, [
        h('span', { text: 'Loss on this point: ' }),
        h('strong', { text: formatNumber4(u.grads.loss), 'data-st': 'loss-before', 'data-value': exactText(u.grads.loss) }),
        h('span', { text: ' → ' }),
        h('strong', { text: formatNumber4(u.lossAfter), 'data-st': 'loss-after', 'data-value': exactText(u.lossAfter) }),
      ]),
    ],
  };
}
