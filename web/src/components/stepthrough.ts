// Step-through: one training point through the network, a step per click.
// Forward layer by layer (z and a), the loss, backward layer by layer (δ =
// ∂L/∂z, ∂L/∂w, ∂L/∂b), then one SGD step on that point with the weights
// before and after. Every number is the engine's (a trace from the worker);
// this component only places them, as text.
import { FEATURES } from '../settings/schema';
import type { LayerData, TraceData } from '../worker/protocol';
import { h, show } from './dom';
import { exactText, formatNumber4, type NeuronNote } from './network-notes';
import type { Component, View } from './view';

export interface StepHost {
  trace(x: number, y: number, label: number): Promise<{ trace: TraceData; layers: LayerData[] }>;
  applyUpdate(x: number, y: number, label: number): Promise<boolean>;
  annotate(notes: NeuronNote[] | null): void;
  pick(handler: ((index: number) => void) | null): void;
  mark(point: { x: number; y: number } | null): void;
  pause(): void;
  error(e: unknown): void;
}

export interface StepThrough extends Component {
  open(): void;
  close(): void;
  isOpen(): boolean;
  choose(index: number): Promise<void>;
  onToggle(fn: (open: boolean) => void): void;
}

type Step = { kind: 'input' } | { kind: 'forward'; l: number } | { kind: 'loss' } | { kind: 'backward'; l: number };

function stepsFor(layers: number): Step[] {
  const out: Step[] = [{ kind: 'input' }];
  for (let l = 0; l < layers; l++) out.push({ kind: 'forward', l });
  out.push({ kind: 'loss' });
  for (let l = layers - 1; l >= 0; l--) out.push({ kind: 'backward', l });
  return out;
}

interface Update {
  before: LayerData[];
  after: LayerData[];
  grads: TraceData;
  lossAfter: number;
  rate: number;
}

const sameLayers = (a: LayerData[], b: LayerData[]) =>
  a.length === b.length && a.every((l, i) => l.rows === b[i]!.rows && l.cols === b[i]!.cols && l.weights.every((w, k) => Object.is(w, b[i]!.weights[k])) && l.biases.every((w, k) => Object.is(w, b[i]!.biases[k])));

function num(value: number, key: string): HTMLElement {
  return h('td', { class: 'nnp-num', text: formatNumber4(value), 'data-st': key, 'data-value': exactText(value), title: String(value) });
}

export function createStepThrough(host: StepHost): StepThrough {
  const close = h('button', { type: 'button', class: 'nnp-icon-button', text: '×', 'aria-label': 'Close the step-through', title: 'Close' });
  const random = h('button', { type: 'button', class: 'nnp-button', text: 'Random training point', 'data-testid': 'st-random' });
  const pointText = h('div', { class: 'nnp-st-point', 'data-testid': 'st-point', text: 'No point chosen yet.' });
  const back = h('button', { type: 'button', class: 'nnp-button', text: '← Back', 'aria-label': 'Previous step', 'data-testid': 'st-back' });
  const next = h('button', { type: 'button', class: 'nnp-button nnp-primary', text: 'Next →', 'aria-label': 'Next step', 'data-testid': 'st-next' });
  const apply = h('button', { type: 'button', class: 'nnp-button', text: 'Apply update', title: 'One plain SGD step on this point: w ← w − η ∂L/∂w', 'data-testid': 'st-apply' });
  const progress = h('ol', { class: 'nnp-st-progress', 'aria-hidden': 'true' });
  const title = h('h3', { class: 'nnp-st-title', 'data-testid': 'st-title', 'aria-live': 'polite' });
  const explain = h('p', { class: 'nnp-st-explain' });
  const body = h('div', { class: 'nnp-st-body', 'data-testid': 'st-body' });
  const element = h(
    'section',
    { class: 'nnp-panel nnp-stepthrough', 'aria-label': 'Step through one point', 'data-testid': 'stepthrough', tabindex: -1 },
    [
      h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { text: 'Step through one point' }), close]),
      h('p', { class: 'nnp-muted nnp-st-hint', text: 'Click a training point on the output map, or pick one at random. Next (or →) walks forward layer by layer, to the loss, and back; ← goes back.' }),
      h('div', { class: 'nnp-row nnp-wrap' }, [random, pointText]),
      h('div', { class: 'nnp-row nnp-wrap nnp-st-nav' }, [back, next, apply]),
      progress,
      title,
      explain,
      body,
    ],
  );
  show(element, false);

  let opened = false;
  let view: View | null = null;
  let point: { index: number; x: number; y: number; label: number } | null = null;
  let trace: TraceData | null = null;
  let traceLayers: LayerData[] = [];
  let step = 0;
  let update: Update | null = null;
  let busy = false;
  let dataVersion = -1;
  let toggled: (open: boolean) => void = () => undefined;

  const steps = () => stepsFor(trace?.layers.length ?? 0);
  const hiddenCount = () => (trace?.layers.length ?? 1) - 1;
  const layerName = (l: number) => (l === hiddenCount() ? 'the output layer' : `hidden layer ${l + 1}`);
  const features = () => view?.snapshot.config.features ?? [];
  const featureLabel = (j: number) => FEATURES.find((f) => f.value === features()[j])?.label ?? `x${j + 1}`;
  const outputLabel = (i: number, rows: number) => (rows > 1 ? `Class ${i}` : 'Output');
  const neuronLabel = (l: number, i: number, rows: number) => (l === hiddenCount() ? outputLabel(i, rows) : `Neuron ${i + 1}`);
  const inputLabel = (l: number, j: number) => (l === 0 ? featureLabel(j) : `a${j + 1}`);

  async function refresh(): Promise<void> {
    if (!point) return;
    busy = true;
    try {
      const r = await host.trace(point.x, point.y, point.label);
      trace = r.trace;
      traceLayers = r.layers;
      step = Math.min(step, steps().length - 1);
    } catch (e) {
      host.error(e);
    } finally {
      busy = false;
    }
    render();
  }

  async function choose(index: number): Promise<void> {
    const p = view?.points;
    if (!p || index < 0 || index >= p.x.length) return;
    point = { index, x: p.x[index]!, y: p.y[index]!, label: p.label[index]! };
    host.mark({ x: point.x, y: point.y });
    step = 0;
    update = null;
    await refresh();
  }

  function go(delta: number): void {
    if (!trace || busy) return;
    if (update) {
      update = null; // back to the steps, with the updated network's trace
      step = delta > 0 ? 0 : steps().length - 1;
    } else step = Math.max(0, Math.min(steps().length - 1, step + delta));
    render();
  }

  async function applyUpdate(): Promise<void> {
    if (!point || !trace || busy) return;
    busy = true;
    render();
    const grads = trace;
    const before = traceLayers;
    const rate = view?.snapshot.config.optimizer.learning_rate ?? NaN;
    try {
      const ok = await host.applyUpdate(point.x, point.y, point.label);
      if (ok) {
        const r = await host.trace(point.x, point.y, point.label);
        update = { before, after: r.layers, grads, lossAfter: r.trace.loss, rate };
        trace = r.trace;
        traceLayers = r.layers;
      }
    } catch (e) {
      host.error(e);
    } finally {
      busy = false;
    }
    render();
  }

  random.addEventListener('click', () => {
    const p = view?.points;
    if (!p) return;
    const train: number[] = [];
    for (let i = 0; i < p.x.length; i++) if (p.test[i] !== 1) train.push(i);
    if (train.length === 0) return;
    void choose(train[Math.floor(Math.random() * train.length)]!);
  });
  const enabled = (b: HTMLButtonElement) => b.getAttribute('aria-disabled') !== 'true';
  back.addEventListener('click', () => enabled(back) && go(-1));
  next.addEventListener('click', () => enabled(next) && go(1));
  apply.addEventListener('click', () => enabled(apply) && void applyUpdate());
  close.addEventListener('click', () => api.close());
  element.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      go(1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      go(-1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      api.close();
    }
  });

  function table(head: string[], rows: HTMLElement[][], testid: string): HTMLElement {
    return h('div', { class: 'nnp-st-scroll' }, [
      h('table', { class: 'nnp-st-table', 'data-testid': testid }, [
        h('thead', {}, [h('tr', {}, head.map((t) => h('th', { scope: 'col', text: t })))]),
        h('tbody', {}, rows.map((cells) => h('tr', {}, cells))),
      ]),
    ]);
  }

  function notesFor(s: Step, t: TraceData): NeuronNote[] {
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
            rows: l === s.l ? [{ label: 'z', value: layer.z[i]!, key: `z:${l}:${i}` }, { label: 'a', value: a, key: `a:${l}:${i}` }] : [{ label: 'a', value: a, key: `a:${l}:${i}` }],
            current: l === s.l,
          }),
        );
      }
    } else if (s.kind === 'loss') {
      for (let l = 0; l < L - 1; l++) t.layers[l]!.a.forEach((a, i) => out.push({ stage: l + 1, index: i, rows: [{ label: 'a', value: a, key: `a:${l}:${i}` }], current: false }));
      t.output.forEach((a, i) =>
        out.push({ stage: L, index: i, rows: [{ label: 'a', value: a, key: `out:${i}` }, { label: 'y', value: t.target[i]!, key: `y:${i}` }], current: true }),
      );
    } else if (s.kind === 'backward') {
      for (let l = s.l; l < L; l++) {
        t.layers[l]!.delta.forEach((d, i) => out.push({ stage: l + 1, index: i, rows: [{ label: 'δ', value: d, key: `d:${l}:${i}` }], current: l === s.l }));
      }
    }
    return out;
  }

  function renderStep(s: Step, t: TraceData): void {
    const v = view!;
    const L = t.layers.length;
    const out = v.catalog.outputs.find((o) => o.id === v.snapshot.config.output);
    if (s.kind === 'input') {
      title.textContent = 'Input';
      explain.textContent = 'The point’s features are the input of the first layer: a⁰ = x.';
      body.replaceChildren(table(['Feature', 'x'], Array.from(t.input, (x, j) => [h('th', { scope: 'row', text: featureLabel(j) }), num(x, `x:${j}`)]), 'st-table'));
    } else if (s.kind === 'forward') {
      const layer = t.layers[s.l]!;
      const isOut = s.l === L - 1;
      const act = isOut ? (out ? `${out.unit === 'linear' ? 'the identity' : out.unit} (the output unit of ${out.name})` : 'the output unit') : v.snapshot.config.hidden[s.l]?.activation ?? '';
      title.textContent = `Forward: ${layerName(s.l)}`;
      explain.textContent = `Each neuron sums its weighted inputs, z = W a + b, then applies ${act}: a = f(z).`;
      body.replaceChildren(
        table(['Neuron', 'z', 'a = f(z)'], Array.from(layer.z, (z, i) => [h('th', { scope: 'row', text: neuronLabel(s.l, i, layer.z.length) }), num(z, `z:${s.l}:${i}`), num(layer.a[i]!, `a:${s.l}:${i}`)]), 'st-table'),
      );
    } else if (s.kind === 'loss') {
      title.textContent = 'Loss';
      explain.textContent = `The output is compared with the point’s label${out ? `: L = ${out.loss}` : ''}.`;
      body.replaceChildren(
        table(['Output', 'a', 'target y'], Array.from(t.output, (a, i) => [h('th', { scope: 'row', text: outputLabel(i, t.output.length) }), num(a, `out:${i}`), num(t.target[i]!, `y:${i}`)]), 'st-table'),
        h('p', { class: 'nnp-st-loss' }, [h('span', { text: 'Loss on this point: ' }), h('strong', { text: formatNumber4(t.loss), 'data-st': 'loss', 'data-value': exactText(t.loss) })]),
      );
    } else {
      const layer = t.layers[s.l]!;
      const w = traceLayers[s.l];
      const cols = w?.cols ?? layer.dW.length / Math.max(1, layer.delta.length);
      const isOut = s.l === L - 1;
      title.textContent = `Backward: ${layerName(s.l)}`;
      explain.textContent = isOut
        ? 'δ = ∂L/∂z at the output. Each weight’s gradient is δ times the input it multiplies, ∂L/∂w = δ · a(previous); ∂L/∂b = δ.'
        : 'δ = (Wᵀ δ of the layer above) ⊙ f′(z): the error sent back through the weights, scaled by the activation’s slope. ∂L/∂w = δ · a(previous); ∂L/∂b = δ.';
      const head = ['Neuron', 'δ = ∂L/∂z', '∂L/∂b', ...Array.from({ length: cols }, (_, j) => `∂L/∂w from ${inputLabel(s.l, j)}`)];
      body.replaceChildren(
        table(
          head,
          Array.from(layer.delta, (d, i) => [
            h('th', { scope: 'row', text: neuronLabel(s.l, i, layer.delta.length) }),
            num(d, `d:${s.l}:${i}`),
            num(layer.db[i]!, `db:${s.l}:${i}`),
            ...Array.from({ length: cols }, (_, j) => num(layer.dW[i * cols + j]!, `dW:${s.l}:${i}:${j}`)),
          ]),
          'st-table',
        ),
      );
    }
  }

  function renderUpdate(u: Update): void {
    title.textContent = 'Update applied';
    explain.textContent = `One SGD step on this point: w ← w − η ∂L/∂w and b ← b − η ∂L/∂b, with η = ${u.rate} (plain SGD, whatever the optimizer). Loss on this point: ${formatNumber4(u.grads.loss)} → ${formatNumber4(u.lossAfter)}.`;
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
    body.replaceChildren(
      table(['Parameter', 'before', '∂L/∂·', 'after'], rows, 'st-update'),
      h('p', { class: 'nnp-st-loss' }, [
        h('span', { text: 'Loss on this point: ' }),
        h('strong', { text: formatNumber4(u.grads.loss), 'data-st': 'loss-before', 'data-value': exactText(u.grads.loss) }),
        h('span', { text: ' → ' }),
        h('strong', { text: formatNumber4(u.lossAfter), 'data-st': 'loss-after', 'data-value': exactText(u.lossAfter) }),
      ]),
    );
  }

  function render(): void {
    if (!opened) return;
    const all = steps();
    // aria-disabled, not disabled: the focused button keeps the focus (and the keys work on).
    const off = (b: HTMLButtonElement, v: boolean) => b.setAttribute('aria-disabled', String(v));
    off(back, !trace || busy || (!update && step === 0));
    off(next, !trace || busy || (!update && step >= all.length - 1));
    off(apply, !trace || busy);
    if (!point) {
      pointText.textContent = 'No point chosen yet.';
      for (const k of ['x', 'y', 'label', 'index']) delete pointText.dataset[k];
    } else if (view) {
      const k = view.snapshot.config.problem === 'regression' || view.snapshot.config.dataset === 'reg_plane' || view.snapshot.config.dataset === 'reg_gauss';
      pointText.dataset['x'] = exactText(point.x);
      pointText.dataset['y'] = exactText(point.y);
      pointText.dataset['label'] = String(point.label);
      pointText.dataset['index'] = String(point.index);
      pointText.textContent = `Point ${point.index + 1}: x₁ = ${formatNumber4(point.x)}, x₂ = ${formatNumber4(point.y)}, ${k ? 'value' : 'class'} ${formatNumber4(point.label)}`;
    }
    progress.replaceChildren(
      ...(trace
        ? all.map((s, i) =>
            h('li', {
              class: `${!update && i === step ? 'nnp-st-now' : ''}${!update && i < step ? ' nnp-st-done' : ''}`,
              text: s.kind === 'input' ? 'Input' : s.kind === 'loss' ? 'Loss' : s.kind === 'forward' ? (s.l === all.length / 2 - 2 ? 'Output' : `Layer ${s.l + 1}`) : s.l === all.length / 2 - 2 ? 'δ output' : `δ layer ${s.l + 1}`,
            }),
          )
        : []),
      ...(trace ? [h('li', { class: update ? 'nnp-st-now' : '', text: 'Update' })] : []),
    );
    if (!trace || !view) {
      title.textContent = point ? 'Tracing…' : 'Choose a point';
      explain.textContent = '';
      body.replaceChildren();
      host.annotate(null);
      return;
    }
    if (update) {
      renderUpdate(update);
      host.annotate(null);
      return;
    }
    const s = all[step]!;
    renderStep(s, trace);
    host.annotate(notesFor(s, trace));
  }

  const api: StepThrough = {
    element,
    update(v) {
      view = v;
      if (!opened) return;
      // New data: the chosen point may be gone.
      if (v.snapshot.dataVersion !== dataVersion && !busy) {
        const first = dataVersion === -1;
        dataVersion = v.snapshot.dataVersion;
        if (!first && point) {
          point = null;
          trace = null;
          update = null;
          host.mark(null);
          render();
          return;
        }
      }
      // Weights changed elsewhere (training, an edit): trace the point again.
      if (point && trace && !busy && !update && !sameLayers(v.snapshot.layers, traceLayers)) void refresh();
    },
    open() {
      if (opened) return;
      opened = true;
      dataVersion = view?.snapshot.dataVersion ?? -1;
      host.pause();
      show(element, true);
      host.pick((i) => void choose(i));
      render();
      toggled(true);
      element.focus({ preventScroll: true });
      // Below the fold (the usual place on a laptop): bring its buttons up.
      requestAnimationFrame(() => {
        const r = element.getBoundingClientRect();
        const want = Math.min(340, r.height);
        if (r.top > window.innerHeight - want) window.scrollBy({ top: r.top - (window.innerHeight - want) });
      });
    },
    close() {
      if (!opened) return;
      opened = false;
      show(element, false);
      host.pick(null);
      host.mark(null);
      host.annotate(null);
      point = null;
      trace = null;
      update = null;
      toggled(false);
    },
    isOpen: () => opened,
    choose,
    onToggle(fn) {
      toggled = fn;
    },
  };
  return api;
}
