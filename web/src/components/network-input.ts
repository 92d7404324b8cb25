// The network diagram's pointer and keyboard. Hovering (or focusing) a neuron
// shows its map large and Enter edits its incoming weights; a link or a bias
// shows its value under the pointer and a click edits it; the feature buttons
// and the layer controls change the settings. Everything the user asks goes
// out through Actions; the elements come from network-diagram.ts.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';
import { linkAt, type LinkRef } from '../render/links';
import { FEATURES } from '../settings/menus';
import type { Settings } from '../settings/schema';
import { formatValue } from './dom';
import { lockedBy } from './lesson-locks';
import { layerName, type DiagramLayout, type DiagramWiring } from './network-diagram';
import type { DiagramEditor, Editable } from './network-editor';
import { setShape } from './network-head';
import { biasIn, weightIn } from './network-painter';
import type { Actions, View } from './view';
import { layerActivations } from '../settings/layers';

const MAX_WIDTH = ENGINE.ranges.width.max;
const MIN_WIDTH = ENGINE.ranges.width.min;

export interface DiagramInputContext {
  diagram: HTMLElement;
  links: HTMLCanvasElement;
  editor: DiagramEditor;
  actions: Actions;
  settings(): Settings | undefined; // shown now; undefined before any
  view(): View | null; // null before the engine's first answer
  layout(): DiagramLayout;
  paintLinks(): void; // after the hovered link changed
}

export interface DiagramInput {
  wiring: DiagramWiring;
  activeLink(): LinkRef | undefined; // the link under the pointer, drawn on top
  forget(): void; // the diagram was rebuilt: no link is under the pointer
}

export function createDiagramInput(ctx: DiagramInputContext): DiagramInput {
  let active: LinkRef | undefined;
  listenToLinks(ctx, (ref) => {
    if (active === ref) return;
    active = ref;
    ctx.links.style.cursor = ref ? 'pointer' : '';
    if (ctx.view()) ctx.paintLinks();
  });
  return {
    wiring: {
      feature: (node, feature, on) => node.addEventListener('click', () => toggleFeature(ctx, feature, on)),
      neuron: (node, map, label) => attachFocus(ctx, node, map, label),
      bias: (el, layer, neuron, label) => attachBias(ctx, el, layer, neuron, label),
      layerWidth: (plus, minus, layer) => {
        plus.addEventListener('click', () => changeWidth(ctx, layer, 1));
        minus.addEventListener('click', () => changeWidth(ctx, layer, -1));
      },
      layerActivation: (select, layer) => select.addEventListener('change', () => setLayerActivation(ctx, layer, select.value as ActivationId)),
    },
    activeLink: () => active,
    forget: () => {
      active = undefined;
    },
  };
}

// The pointer's place in the diagram (CSS px).
function diagramPoint(diagram: HTMLElement, e: MouseEvent): [number, number] {
  const r = diagram.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

const weightOf = (ctx: DiagramInputContext, l: number, to: number, from: number) => weightIn(ctx.view()?.snapshot, l, to, from);
const biasOf = (ctx: DiagramInputContext, l: number, i: number) => biasIn(ctx.view()?.snapshot, l, i);

function toggleFeature(ctx: DiagramInputContext, feature: string, on: boolean): void {
  const cur = ctx.settings();
  if (!cur || lockedBy(cur, 'features')) return;
  const next = on ? cur.features.filter((x) => x !== feature) : [...cur.features, feature];
  if (next.length > 0) ctx.actions.set({ features: FEATURES.map((g) => g.value).filter((id) => next.includes(id)) });
}

function changeWidth(ctx: DiagramInputContext, l: number, d: number): void {
  const cur = ctx.settings();
  if (!cur) return;
  const shape = [...cur.networkShape];
  shape[l] = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, (shape[l] ?? MIN_WIDTH) + d));
  setShape(ctx.actions, shape);
}

function setLayerActivation(ctx: DiagramInputContext, l: number, id: ActivationId): void {
  const cur = ctx.settings();
  if (!cur) return;
  const act = layerActivations(cur);
  act[l] = id;
  ctx.actions.set({ activation: act });
}

function attachFocus(ctx: DiagramInputContext, node: HTMLElement, map: number, label: string): void {
  const { actions } = ctx;
  // No map to show before the engine's first answer.
  node.addEventListener('pointerenter', (e) => {
    if (e.pointerType !== 'touch' && ctx.view()) actions.focus(map, label);
  });
  node.addEventListener('pointerleave', (e) => {
    if (e.pointerType !== 'touch' && ctx.view()) actions.focus(null);
  });
  node.addEventListener('focus', () => ctx.view() && actions.focus(map, label));
  node.addEventListener('blur', () => ctx.view() && actions.focus(null));
  // Enter on a neuron edits its incoming weights and bias (the keyboard's way to the links)
  node.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || node.classList.contains('nnp-feature')) return;
    e.preventDefault();
    editIncoming(ctx, node, map, label);
  });
  // Touch has no hover: a tap shows the map, another tap puts the output back.
  node.addEventListener('pointerup', (e) => {
    if (e.pointerType === 'touch' && !node.classList.contains('nnp-feature')) {
      const on = ctx.view()?.snapshot.grid.focus === map;
      actions.focus(on ? null : map, label);
    }
  });
}

// The editor on the weights into neuron `map` and its bias, with a list to pick one.
function editIncoming(ctx: DiagramInputContext, node: HTMLElement, map: number, label: string): void {
  const snap = ctx.view()?.snapshot;
  if (!snap) return;
  const stage = snap.grid.mapStart.findIndex((start, k) => map >= start && map < (snap.grid.mapStart[k + 1] ?? snap.grid.maps));
  const l = stage - 1; // weight layer feeding this neuron
  const to = map - (snap.grid.mapStart[stage] ?? 0);
  const layer = snap.layers[l];
  if (!layer) return;
  const fromName = (j: number) => (l === 0 ? `from ${FEATURES.find((f) => f.value === snap.config.features[j])?.label ?? j + 1}` : `from neuron ${j + 1}`);
  const choices: Editable[] = [
    ...Array.from({ length: layer.cols }, (_, j) => ({
      label: `Weight ${fromName(j)}`,
      value: () => weightOf(ctx, l, to, j),
      apply: (v: number) => ctx.actions.setWeight(l, to, j, v),
    })),
    { label: 'Bias', value: () => biasOf(ctx, l, to), apply: (v: number) => ctx.actions.setBias(l, to, v) },
  ];
  ctx.editor.open(
    parseFloat(node.style.left),
    parseFloat(node.style.top) + node.clientHeight,
    `Incoming weights of ${label}`,
    choices[0]!.value(),
    choices[0]!.apply,
    choices,
  );
}

function attachBias(ctx: DiagramInputContext, el: HTMLElement, l: number, i: number, label: string): void {
  const { editor } = ctx;
  el.addEventListener('pointerenter', (e) => {
    const [x, y] = diagramPoint(ctx.diagram, e);
    editor.tip(x, y, `${label}: ${formatValue(biasOf(ctx, l, i))} · click to change`);
  });
  el.addEventListener('pointerleave', () => editor.hideTip());
  const edit = () => {
    const [x, y] = [parseFloat(el.style.left), parseFloat(el.style.top)];
    editor.open(x, y, label, biasOf(ctx, l, i), (v) => ctx.actions.setBias(l, i, v));
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
function listenToLinks(ctx: DiagramInputContext, highlight: (ref: LinkRef | undefined) => void): void {
  const { links, editor } = ctx;
  const hiddenCount = () => ctx.view()?.snapshot.config.hidden.length ?? 0;
  const linkName = (ref: LinkRef) =>
    `${layerName(ref.layer, hiddenCount())}, neuron ${ref.to + 1} from ${ref.layer === 0 ? 'input' : 'neuron'} ${ref.from + 1}`;
  links.addEventListener('pointermove', (e) => {
    const [x, y] = diagramPoint(ctx.diagram, e);
    const ref = linkAt(ctx.layout().links, x, y, e.pointerType === 'touch' ? 10 : 5);
    highlight(ref);
    if (!ref) return editor.hideTip();
    editor.tip(x, y, `Weight to ${linkName(ref)}: ${formatValue(weightOf(ctx, ref.layer, ref.to, ref.from))} · click to change`);
  });
  links.addEventListener('pointerleave', () => {
    highlight(undefined);
    editor.hideTip();
  });
  links.addEventListener('click', (e) => {
    const [x, y] = diagramPoint(ctx.diagram, e);
    const ref = linkAt(ctx.layout().links, x, y, 10);
    if (!ref) return;
    editor.open(x, y, `Weight to ${linkName(ref)}`, weightOf(ctx, ref.layer, ref.to, ref.from), (v) => ctx.actions.setWeight(ref.layer, ref.to, ref.from, v));
  });
}
