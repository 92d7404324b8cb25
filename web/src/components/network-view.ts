// The network diagram: a column of input features, the hidden layers and the
// output, every neuron with its own small map. Links are drawn with thickness
// and colour by weight; hovering a link or bias shows its value and clicking
// lets the user type a new one. Hovering a neuron shows its map large in the
// output view. Layers and neurons are added and removed here. The geometry is
// in network-layout.ts, the painting in network-painter.ts, the value editor
// in network-editor.ts; this file makes the elements and wires the events.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';
import { makeScale, signedOutput, type Scale } from '../render/colors';
import { linkAt, type LinkRef } from '../render/links';
import { ACTIVATIONS, FEATURES } from '../settings/schema';
import { createControl, isHidden } from './controls';
import { taskOf, validOutputs } from '../settings/config';
import type { Settings } from '../settings/schema';
import { enabledNeighbour, setDisabled } from './focus-home';
import { h, show, formatValue } from './dom';
import { createDiagramEditor, type Editable } from './network-editor';
import { GAP, networkGeometry } from './network-layout';
import { biasIn, paintBiases, paintLinks, paintNodes, weightIn, type MapSheet, type PaintedNode } from './network-painter';
import { createPace, LINK_HZ, THUMB_HZ } from './pace';
import { outputUnit } from './output-view';
import type { Actions, Component, View } from './view';

const MAX_LAYERS = ENGINE.ranges.hidden_layers.max;
const MAX_WIDTH = ENGINE.ranges.width.max;
const MIN_WIDTH = ENGINE.ranges.width.min;

// A read-out next to one neuron (the step-through's numbers). stage 0 is the
// input (index: position among the used features), stage l + 1 weight layer l.
export interface NeuronNote {
  stage: number;
  index: number;
  rows: { label: string; value: number; key: string }[];
  current: boolean; // the neurons of the step being shown
}

export interface NetworkView extends Component {
  annotate(notes: NeuronNote[] | null): void;
}

// Numbers for read-outs: 4 significant digits.
export function formatNumber4(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const t = a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
  return t.replace('-', '−');
}

// A number as an attribute that reads back exactly (−0 included).
export function exactText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

// What the diagram's layout needs: from the engine's snapshot, or (before
// its first answer) from the settings.
interface Shape {
  features: readonly string[];
  widths: readonly number[];
  outCount: number;
  mapStart: readonly number[];
  unit: string;
}

const shapeOf = (view: View): Shape => {
  const snap = view.snapshot;
  return {
    features: snap.config.features,
    widths: snap.config.hidden.map((l) => l.width),
    outCount: snap.layers[snap.layers.length - 1]?.rows ?? 1,
    mapStart: snap.grid.mapStart,
    unit: outputUnit(view),
  };
};

export function createNetworkView(actions: Actions): NetworkView {
  const shapeInfo = h('span', { class: 'nnp-muted' });
  const addLayer = h('button', { type: 'button', class: 'nnp-icon-button', text: '+', title: 'Add a hidden layer', 'aria-label': 'Add a hidden layer' });
  const removeLayer = h('button', { type: 'button', class: 'nnp-icon-button', text: '−', title: 'Remove the last hidden layer', 'aria-label': 'Remove the last hidden layer' });
  const sameBox = h('input', { type: 'checkbox', id: `nnp-same-${Math.random().toString(36).slice(2, 9)}`, title: 'Use one activation for every hidden layer' });
  const sameSelect = h('select', { title: 'Activation of every hidden layer', 'aria-label': 'Activation of every hidden layer', name: 'activation' });
  sameSelect.append(...ACTIVATIONS.map((a) => h('option', { value: a.value, text: a.label })));
  const sameLabel = h('label', { for: sameBox.id, text: 'Same activation for all' });
  const activationRow = h('div', { class: 'nnp-control nnp-row', title: 'Activation of the hidden layers', 'data-setting': 'activation' }, [sameBox, sameLabel, sameSelect]);
  const head = h('div', { class: 'nnp-row nnp-wrap nnp-network-head' }, [
    h('div', { class: 'nnp-row', 'data-setting': 'networkShape' }, [addLayer, removeLayer, shapeInfo]),
    activationRow,
  ]);
  const links = h('canvas', { class: 'nnp-links', 'aria-hidden': 'true', 'data-testid': 'links' });
  // The neurons' maps, all on one canvas under the nodes, which are see-through
  // where a map is (network-painter.ts paintNodes).
  const maps = h('canvas', { class: 'nnp-maps', 'aria-hidden': 'true', style: 'position:absolute;left:0;top:0;pointer-events:none' });
  const sheet: MapSheet = { canvas: document.createElement('canvas'), image: null };
  const notesLayer = h('div', { class: 'nnp-notes', 'data-testid': 'neuron-notes' });
  const diagram = h('div', { class: 'nnp-diagram' }, [links, maps, notesLayer]);
  const editor = createDiagramEditor(diagram);
  // The output pair (only those that fit the task) and the initialisation.
  let current: View | null = null;
  const footControls = [
    createControl('output', actions.set, { allowed: (s) => (current ? validOutputs(taskOf(s, current.catalog), s.networkShape.length, current.catalog) : null) }),
    createControl('init', actions.set),
    createControl('leakyAlpha', actions.set),
    createControl('eluAlpha', actions.set),
  ];
  const foot = h('div', { class: 'nnp-row nnp-wrap nnp-network-foot' }, footControls.map((c) => c.element));
  const element = h('section', { class: 'nnp-panel nnp-network', 'aria-label': 'Network' }, [h('h2', { text: 'Network' }), head, diagram, foot]);

  let structure = '';
  let nodes: PaintedNode[] = [];
  let linkRefs: LinkRef[] = [];
  let biasRefs: { layer: number; neuron: number; el: HTMLElement }[] = [];
  // Where each neuron sits (for the read-outs): `${stage}:${index}`.
  let places = new Map<string, { x: number; y: number; size: number; last: boolean }>();
  let notes: NeuronNote[] | null = null;
  let scale: Scale = makeScale('default');
  let activeLink: LinkRef | undefined;

  let previewed: Settings | null = null; // before the engine's first answer
  const settings = () => current?.settings ?? previewed ?? undefined;
  const setShape = (shape: number[], activation?: ActivationId[]) => {
    const s = settings();
    if (!s) return;
    actions.set({ networkShape: shape, ...(activation ? { activation } : {}) });
  };
  addLayer.addEventListener('click', () => {
    const s = settings();
    if (!s || s.networkShape.length >= MAX_LAYERS) return;
    const act = s.activation.length > 1 ? [...s.activation, s.activation[s.activation.length - 1]!] : undefined;
    setShape([...s.networkShape, s.networkShape[s.networkShape.length - 1] ?? 4], act);
  });
  removeLayer.addEventListener('click', () => {
    const s = settings();
    if (!s || s.networkShape.length === 0) return;
    const act = s.activation.length > 1 ? s.activation.slice(0, Math.max(1, s.activation.length - 1)) : undefined;
    setShape(s.networkShape.slice(0, -1), act);
  });
  sameBox.addEventListener('change', () => {
    const s = settings();
    if (!s) return;
    const first = s.activation[0] ?? ENGINE.defaults.hidden[0].activation;
    actions.set({ activation: sameBox.checked ? [first] : s.networkShape.map((_, i) => s.activation[i] ?? first) });
  });
  sameSelect.addEventListener('change', () => actions.set({ activation: [sameSelect.value as ActivationId] }));

  const diagramPoint = (e: MouseEvent): [number, number] => {
    const r = diagram.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const weightOf = (l: number, to: number, from: number) => weightIn(current?.snapshot, l, to, from);
  const biasOf = (l: number, i: number) => biasIn(current?.snapshot, l, i);

  function layerName(l: number, hiddenCount: number): string {
    return l === hiddenCount ? 'output' : `hidden layer ${l + 1}`;
  }

  // The head row: the number of hidden layers and the shared activation.
  function headRow(s: Settings): void {
    const n = s.networkShape.length;
    shapeInfo.textContent = `${n} hidden layer${n === 1 ? '' : 's'}`;
    setDisabled(addLayer, n >= MAX_LAYERS);
    setDisabled(removeLayer, n === 0);
    show(head.firstElementChild as HTMLElement, !isHidden(s, 'networkShape'));
    show(activationRow, n > 0 && !isHidden(s, 'activation'));
    sameBox.checked = s.activation.length === 1;
    show(sameSelect, s.activation.length === 1);
    sameSelect.value = s.activation[0] ?? ENGINE.defaults.hidden[0].activation;
  }

  // Rebuilt after a change: the keyboard focus stays on the same control
  // (found again by its label), not on <body>.
  function build(view: View): void {
    const root = diagram.getRootNode() as Document | ShadowRoot;
    const was = root.activeElement instanceof HTMLElement && diagram.contains(root.activeElement) ? root.activeElement.getAttribute('aria-label') : null;
    buildDiagram(view.settings, shapeOf(view));
    const again = was ? diagram.querySelector<HTMLButtonElement>(`[aria-label="${CSS.escape(was)}"]`) : null;
    (again?.disabled ? enabledNeighbour(again) : again)?.focus({ preventScroll: true }); // − at its limit: its +
  }

  function buildDiagram(s: Settings, shape: Shape): void {
    const active = shape.features;
    const hidden = shape.widths;
    const columns: number[] = [FEATURES.length, ...hidden, shape.outCount];
    const geo = networkGeometry({
      featureCount: FEATURES.length,
      active: active.map((id) => FEATURES.findIndex((f) => f.value === id)),
      widths: columns.slice(1),
      width: diagramWidth > 0 ? diagramWidth : diagram.clientWidth || 520,
      available: Math.min(420, Math.max(260, window.innerHeight * 0.5)),
      selectsPerLayer: s.activation.length > 1,
    });
    const { width, height, size, colX } = geo;
    diagram.style.height = `${height}px`;
    const dpr = window.devicePixelRatio || 1;
    links.width = Math.round(width * dpr);
    links.height = Math.round(height * dpr);
    links.style.width = `${width}px`;
    links.style.height = `${height}px`;
    maps.width = links.width;
    maps.height = links.height;
    maps.style.width = links.style.width;
    maps.style.height = links.style.height;
    diagram.querySelectorAll('.nnp-node, .nnp-layer-head, .nnp-feature-label, .nnp-bias').forEach((n) => n.remove());

    nodes = [];
    places = new Map();
    linkRefs = geo.links;
    activeLink = undefined;
    biasRefs = [];
    const { mapStart, unit } = shape;

    // features
    FEATURES.forEach((f, i) => {
      const on = active.includes(f.value);
      const y = geo.featureY(i);
      const x = colX(0);
      const node = h('button', {
        type: 'button',
        class: `nnp-node nnp-feature${on ? ' nnp-on' : ''}`,
        'aria-pressed': on ? 'true' : 'false',
        'aria-label': `Feature ${f.label}`,
        'data-feature': f.value,
        title: on ? `${f.label}: used. Click to leave it out.` : `${f.label}: not used. Click to feed it to the network.`,
        style: `left:${x}px;top:${y}px;width:${size}px;height:${size}px`,
      });
      node.addEventListener('click', () => {
        const cur = settings();
        if (!cur) return;
        const next = on ? cur.features.filter((x) => x !== f.value) : [...cur.features, f.value];
        if (next.length > 0) actions.set({ features: FEATURES.map((g) => g.value).filter((id) => next.includes(id)) });
      });
      const map = on ? (mapStart[0] ?? 0) + active.indexOf(f.value) : null;
      if (on) {
        places.set(`0:${active.indexOf(f.value)}`, { x, y, size, last: false });
        node.dataset['stage'] = '0';
        node.dataset['index'] = String(active.indexOf(f.value));
      }
      if (map !== null) attachFocus(node, map, `feature ${f.label}`);
      const label = h('span', { class: 'nnp-feature-label', text: f.label, style: `top:${y + size / 2}px;left:0;width:${x - 6}px` });
      show(node, !isHidden(s, f.tf));
      show(label, !isHidden(s, f.tf));
      diagram.append(label, node);
      if (on) node.style.background = 'transparent';
      nodes.push({ map, box: on && !isHidden(s, f.tf) ? { x, y, size } : null, transform: (v) => v });
    });

    // hidden layers and output
    for (let c = 1; c < columns.length; c++) {
      const l = c - 1;
      const count = columns[c]!;
      const isOut = c === columns.length - 1;
      const x = colX(c);
      for (let i = 0; i < count; i++) {
        const y = geo.neuronY(c, i);
        const map = (mapStart[c] ?? 0) + i;
        const node = h('div', {
          class: `nnp-node${isOut ? ' nnp-output-node' : ''}`,
          tabindex: 0,
          role: 'img',
          'aria-label': isOut ? `Output ${count > 1 ? `class ${i}` : ''}` : `Neuron ${i + 1} of hidden layer ${l + 1}`,
          'data-map': map,
          title: isOut ? 'Output neuron: hover to see its map; Enter edits its weights' : 'Hover (or focus) to see this neuron’s map large; Enter edits its incoming weights',
          style: `left:${x}px;top:${y}px;width:${size}px;height:${size}px`,
        });
        node.dataset['stage'] = String(c);
        node.dataset['index'] = String(i);
        places.set(`${c}:${i}`, { x, y, size, last: isOut });
        attachFocus(node, map, isOut ? `the output${count > 1 ? ` for class ${i}` : ''}` : `neuron ${i + 1} of hidden layer ${l + 1}`);
        const bias = h('div', {
          class: 'nnp-bias',
          tabindex: 0,
          role: 'button',
          'aria-label': `Bias of ${isOut ? 'output' : `neuron ${i + 1}, layer ${l + 1}`}`,
          style: `left:${x - 5}px;top:${y + size - 5}px`,
        });
        attachBias(bias, l, i, `Bias of ${isOut ? 'the output' : `neuron ${i + 1}, ${layerName(l, hidden.length)}`}`);
        diagram.append(node, bias);
        biasRefs.push({ layer: l, neuron: i, el: bias });
        const transform = isOut ? (count > 1 ? (v: number) => 2 * v - 1 : (v: number) => signedOutput(unit, v)) : (v: number) => v;
        node.style.background = 'transparent';
        nodes.push({ map, box: { x, y, size }, transform });
      }
      if (!isOut) {
        const headEl = layerHead(l, x + size / 2, s);
        diagram.append(headEl);
      }
    }
  }

  function layerHead(l: number, cx: number, s: Settings): HTMLElement {
    const widthNow = s.networkShape[l] ?? 1;
    const plus = h('button', { type: 'button', class: 'nnp-icon-button', text: '+', title: `Add a neuron to hidden layer ${l + 1}`, 'aria-label': `Add a neuron to hidden layer ${l + 1}` });
    const minus = h('button', { type: 'button', class: 'nnp-icon-button', text: '−', title: `Remove a neuron from hidden layer ${l + 1}`, 'aria-label': `Remove a neuron from hidden layer ${l + 1}` });
    const change = (d: number) => {
      const cur = settings();
      if (!cur) return;
      const shape = [...cur.networkShape];
      shape[l] = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, (shape[l] ?? MIN_WIDTH) + d));
      setShape(shape);
    };
    plus.addEventListener('click', () => change(1));
    minus.addEventListener('click', () => change(-1));
    plus.disabled = widthNow >= MAX_WIDTH;
    minus.disabled = widthNow <= 1;
    const children: HTMLElement[] = [h('div', { class: 'nnp-row' }, [minus, h('span', { class: 'nnp-muted', text: `${widthNow}` }), plus])];
    if (s.activation.length > 1) {
      const select = h('select', { class: 'nnp-small-select', title: `Activation of hidden layer ${l + 1}`, 'aria-label': `Activation of hidden layer ${l + 1}` });
      select.append(...ACTIVATIONS.map((a) => h('option', { value: a.value, text: a.label })));
      select.value = s.activation[l] ?? s.activation[s.activation.length - 1] ?? ENGINE.defaults.hidden[0].activation;
      select.addEventListener('change', () => {
        const cur = settings();
        if (!cur) return;
        const act = cur.networkShape.map((_, i) => cur.activation[i] ?? cur.activation[cur.activation.length - 1] ?? ENGINE.defaults.hidden[0].activation);
        act[l] = select.value as ActivationId;
        actions.set({ activation: act });
      });
      children.push(select);
    }
    const el = h('div', { class: 'nnp-layer-head', style: `left:${cx}px` }, children);
    show(el, !isHidden(s, 'networkShape'));
    return el;
  }

  function attachFocus(node: HTMLElement, map: number, label: string): void {
    // No map to show before the engine's first answer.
    node.addEventListener('pointerenter', (e) => {
      if (e.pointerType !== 'touch' && current) actions.focus(map, label);
    });
    node.addEventListener('pointerleave', (e) => {
      if (e.pointerType !== 'touch' && current) actions.focus(null);
    });
    node.addEventListener('focus', () => current && actions.focus(map, label));
    node.addEventListener('blur', () => current && actions.focus(null));
    // Enter on a neuron edits its incoming weights and bias (the keyboard's way to the links)
    node.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || node.classList.contains('nnp-feature')) return;
      e.preventDefault();
      const snap = current?.snapshot;
      if (!snap) return;
      const stage = snap.grid.mapStart.findIndex((start, k) => map >= start && map < (snap.grid.mapStart[k + 1] ?? snap.grid.maps));
      const l = stage - 1; // weight layer feeding this neuron
      const to = map - (snap.grid.mapStart[stage] ?? 0);
      const layer = snap.layers[l];
      if (!layer) return;
      const fromName = (j: number) => (l === 0 ? `from ${FEATURES.find((f) => f.value === snap.config.features[j])?.label ?? j + 1}` : `from neuron ${j + 1}`);
      const choices: Editable[] = [
        ...Array.from({ length: layer.cols }, (_, j) => ({ label: `Weight ${fromName(j)}`, value: () => weightOf(l, to, j), apply: (v: number) => actions.setWeight(l, to, j, v) })),
        { label: 'Bias', value: () => biasOf(l, to), apply: (v: number) => actions.setBias(l, to, v) },
      ];
      editor.open(parseFloat(node.style.left), parseFloat(node.style.top) + node.clientHeight, `Incoming weights of ${label}`, choices[0]!.value(), choices[0]!.apply, choices);
    });
    // Touch has no hover: a tap shows the map, another tap puts the output back.
    node.addEventListener('pointerup', (e) => {
      if (e.pointerType === 'touch' && !node.classList.contains('nnp-feature')) {
        const on = current?.snapshot.grid.focus === map;
        actions.focus(on ? null : map, label);
      }
    });
  }

  function attachBias(el: HTMLElement, l: number, i: number, label: string): void {
    el.addEventListener('pointerenter', (e) => {
      const [x, y] = diagramPoint(e);
      editor.tip(x, y, `${label}: ${formatValue(biasOf(l, i))} · click to change`);
    });
    el.addEventListener('pointerleave', () => editor.hideTip());
    const edit = () => {
      const [x, y] = [parseFloat(el.style.left), parseFloat(el.style.top)];
      editor.open(x, y, label, biasOf(l, i), (v) => actions.setBias(l, i, v));
    };
    el.addEventListener('click', edit);
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        edit();
      }
    });
  }

  // Links are drawn on one canvas; the pointer finds them geometrically.
  const hiddenCount = () => current?.snapshot.config.hidden.length ?? 0;
  const linkName = (ref: LinkRef) => `${layerName(ref.layer, hiddenCount())}, neuron ${ref.to + 1} from ${ref.layer === 0 ? 'input' : 'neuron'} ${ref.from + 1}`;
  const highlight = (ref: LinkRef | undefined) => {
    if (activeLink === ref) return;
    activeLink = ref;
    links.style.cursor = ref ? 'pointer' : '';
    if (current) paintLinksNow(current);
  };
  links.addEventListener('pointermove', (e) => {
    const [x, y] = diagramPoint(e);
    const ref = linkAt(linkRefs, x, y, e.pointerType === 'touch' ? 10 : 5);
    highlight(ref);
    if (!ref) return editor.hideTip();
    editor.tip(x, y, `Weight to ${linkName(ref)}: ${formatValue(weightOf(ref.layer, ref.to, ref.from))} · click to change`);
  });
  links.addEventListener('pointerleave', () => {
    highlight(undefined);
    editor.hideTip();
  });
  links.addEventListener('click', (e) => {
    const [x, y] = diagramPoint(e);
    const ref = linkAt(linkRefs, x, y, 10);
    if (!ref) return;
    editor.open(x, y, `Weight to ${linkName(ref)}`, weightOf(ref.layer, ref.to, ref.from), (v) => actions.setWeight(ref.layer, ref.to, ref.from, v));
  });

  function paintLinksNow(view: View): void {
    if (scale.palette !== view.settings.palette) scale = makeScale(view.settings.palette);
    paintLinks(links, linkRefs, activeLink, view.snapshot, scale);
  }

  // While training the small maps follow at THUMB_HZ and the links at LINK_HZ
  // (components/pace.ts); a new structure or a pause paints everything.
  const thumbPace = createPace(THUMB_HZ);
  const linkPace = createPace(LINK_HZ);
  function paint(view: View, force: boolean): void {
    if (scale.palette !== view.settings.palette) scale = makeScale(view.settings.palette);
    const running = view.running && !force;
    if (thumbPace.due(running)) paintNodes(maps, sheet, nodes, view.snapshot, scale);
    if (linkPace.due(running)) {
      paintLinks(links, linkRefs, activeLink, view.snapshot, scale);
      paintBiases(biasRefs, view.snapshot, scale);
    }
  }

  // The diagram's width, kept from the resize observer: reading clientWidth in
  // a frame would force a layout.
  let diagramWidth = -1;
  const resize = new ResizeObserver(() => {
    diagramWidth = diagram.clientWidth;
    if (current) {
      structure = '';
      render(current);
    }
  });
  resize.observe(diagram);

  function render(view: View): void {
    const snap = view.snapshot;
    const key = JSON.stringify([
      snap.config.features,
      snap.layers.map((l) => [l.rows, l.cols]),
      view.settings.activation,
      view.settings.hide,
      diagramWidth < 0 ? (diagramWidth = diagram.clientWidth) : diagramWidth,
      view.settings.palette,
    ]);
    const rebuilt = key !== structure;
    if (rebuilt) {
      structure = key;
      build(view);
      drawNotes();
    }
    paint(view, rebuilt);
  }

  // The step-through's numbers beside the neurons (textContent only).
  function drawNotes(): void {
    diagram.querySelectorAll('.nnp-node.nnp-stepping').forEach((n) => n.classList.remove('nnp-stepping'));
    if (!notes) {
      notesLayer.replaceChildren();
      return;
    }
    const els: HTMLElement[] = [];
    for (const n of notes) {
      const place = places.get(`${n.stage}:${n.index}`);
      if (!place) continue;
      // Neurons closer together than two lines of text: the values side by side.
      const inline = n.rows.length > 1 && place.size + GAP < 30;
      const note = h('div', { class: `nnp-note${n.current ? ' nnp-note-current' : ''}${inline ? ' nnp-note-inline' : ''}`, 'data-note': `${n.stage}:${n.index}` });
      for (const r of n.rows) {
        note.append(
          h('div', { class: 'nnp-note-row' }, [
            h('span', { class: 'nnp-note-label', text: r.label }),
            h('span', { class: 'nnp-note-value', text: formatNumber4(r.value), 'data-st': r.key, 'data-value': exactText(r.value) }),
          ]),
        );
      }
      // Right of the neuron; left of the output column (nothing is right of it).
      if (place.last) note.style.right = `${Math.max(0, (diagram.clientWidth || 0) - place.x + 3)}px`;
      else note.style.left = `${place.x + place.size + 3}px`;
      note.style.top = `${place.y + place.size / 2}px`;
      els.push(note);
      if (n.current) diagram.querySelector<HTMLElement>(`.nnp-node[data-stage="${n.stage}"][data-index="${n.index}"]`)?.classList.add('nnp-stepping');
    }
    notesLayer.replaceChildren(...els);
  }

  return {
    element,
    // The diagram from the settings, its neurons without maps.
    preview(s) {
      if (current) return;
      previewed = s;
      footControls.forEach((c) => c.update(s));
      headRow(s);
      const widths = s.networkShape;
      const outCount = taskOf(s, ENGINE) === 'multiclass' ? s.classes : 1;
      const sizes = [s.features.length, ...widths, outCount];
      const mapStart = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
      const unit = ENGINE.outputs.find((o) => o.id === s.output)?.unit ?? 'tanh';
      if (diagramWidth < 0) diagramWidth = diagram.clientWidth;
      buildDiagram(s, { features: s.features, widths, outCount, mapStart, unit });
    },
    annotate(next) {
      notes = next;
      drawNotes();
    },
    update(view) {
      current = view;
      const s = view.settings;
      footControls.forEach((c) => c.update(s));
      headRow(s);
      render(view);
    },
    destroy() {
      resize.disconnect();
    },
  };
}
