// Builds the network diagram's elements: a button per input feature, a
// square per neuron with its bias, and the controls above each hidden layer.
// Where things go is network-layout.ts; the events are wired by the caller
// (DiagramWiring, network-input.ts); the links and the maps are painted on
// one canvas by network-painter.ts.
import { ENGINE } from '../engine/description.generated';
import { signedOutput } from '../render/colors';
import type { LinkRef } from '../render/links';
import { ACTIVATIONS, FEATURES } from '../settings/menus';
import type { Settings } from '../settings/schema';
import { isHidden } from './controls';
import { h, show } from './dom';
import { networkGeometry, type Geometry } from './network-layout';
import type { Place } from './network-notes';
import type { PaintedNode } from './network-painter';
import { layerActivation } from '../settings/layers';

const MAX_WIDTH = ENGINE.ranges.width.max;

// What the diagram's layout needs: from the engine's snapshot, or (before
// its first answer) from the settings.
export interface Shape {
  features: readonly string[];
  widths: readonly number[];
  outCount: number;
  mapStart: readonly number[];
  unit: string;
}

interface BiasRef {
  layer: number;
  neuron: number;
  el: HTMLElement;
}

// What a build put in the diagram, for the painter, the pointer and the notes.
export interface DiagramLayout {
  nodes: PaintedNode[];
  links: LinkRef[];
  biases: BiasRef[];
  places: Map<string, Place>; // `${stage}:${index}`
}

// The events of the built elements, attached as each is made.
export interface DiagramWiring {
  feature(node: HTMLElement, feature: string, on: boolean): void;
  neuron(node: HTMLElement, map: number, label: string): void;
  bias(el: HTMLElement, layer: number, neuron: number, label: string): void;
  layerWidth(plus: HTMLButtonElement, minus: HTMLButtonElement, layer: number): void;
  layerActivation(select: HTMLSelectElement, layer: number): void;
}

export interface DiagramParts {
  diagram: HTMLElement;
  links: HTMLCanvasElement; // the links, and the neurons' maps over them
}

export const emptyLayout = (): DiagramLayout => ({ nodes: [], links: [], biases: [], places: new Map() });

export function layerName(l: number, hiddenCount: number): string {
  return l === hiddenCount ? 'output' : `hidden layer ${l + 1}`;
}

// width: the diagram's width (px) as last measured.
export function buildDiagram(parts: DiagramParts, s: Settings, shape: Shape, width: number, wire: DiagramWiring): DiagramLayout {
  const { diagram } = parts;
  const columns: number[] = [FEATURES.length, ...shape.widths, shape.outCount];
  const geo = networkGeometry({
    featureCount: FEATURES.length,
    active: shape.features.map((id) => FEATURES.findIndex((f) => f.value === id)),
    widths: columns.slice(1),
    width,
    available: Math.min(420, Math.max(260, window.innerHeight * 0.5)),
    selectsPerLayer: s.activation.length > 1,
  });
  sizeCanvases(parts, geo);
  diagram.querySelectorAll('.nnp-node, .nnp-layer-head, .nnp-feature-label, .nnp-bias').forEach((n) => n.remove());
  const layout: DiagramLayout = { nodes: [], links: geo.links, biases: [], places: new Map() };
  FEATURES.forEach((_, i) => buildFeature(diagram, layout, s, shape, geo, i, wire));
  for (let c = 1; c < columns.length; c++) {
    buildColumn(diagram, layout, shape, geo, c, columns[c]!, wire);
    if (c < columns.length - 1) diagram.append(layerHead(c - 1, geo.colX(c) + geo.size / 2, s, wire));
  }
  return layout;
}

// The canvas covers the diagram at the screen's pixel density.
function sizeCanvases({ diagram, links }: DiagramParts, geo: Geometry): void {
  const { width, height } = geo;
  diagram.style.height = `${height}px`;
  const dpr = window.devicePixelRatio || 1;
  links.width = Math.round(width * dpr);
  links.height = Math.round(height * dpr);
  links.style.width = `${width}px`;
  links.style.height = `${height}px`;
}

// Feature i's button and label; a used feature is stage 0 and shows its map.
function buildFeature(diagram: HTMLElement, layout: DiagramLayout, s: Settings, shape: Shape, geo: Geometry, i: number, wire: DiagramWiring): void {
  const f = FEATURES[i]!;
  const active = shape.features;
  const { size } = geo;
  const on = active.includes(f.value);
  const y = geo.featureY(i);
  const x = geo.colX(0);
  const node = h('button', {
    type: 'button',
    class: `nnp-node nnp-feature${on ? ' nnp-on' : ''}`,
    'aria-pressed': on ? 'true' : 'false',
    'aria-label': `Feature ${f.label}`,
    'data-feature': f.value,
    title: on ? `${f.label}: used. Click to leave it out.` : `${f.label}: not used. Click to feed it to the network.`,
    style: `left:${x}px;top:${y}px;width:${size}px;height:${size}px`,
  });
  wire.feature(node, f.value, on);
  const map = on ? (shape.mapStart[0] ?? 0) + active.indexOf(f.value) : null;
  if (on) {
    layout.places.set(`0:${active.indexOf(f.value)}`, { x, y, size, last: false });
    node.dataset['stage'] = '0';
    node.dataset['index'] = String(active.indexOf(f.value));
  }
  if (map !== null) wire.neuron(node, map, `feature ${f.label}`);
  const label = h('span', { class: 'nnp-feature-label', text: f.label, style: `top:${y + size / 2}px;left:0;width:${x - 6}px` });
  show(node, !isHidden(s, f.tf));
  show(label, !isHidden(s, f.tf));
  diagram.append(label, node);
  if (on) node.style.background = 'transparent';
  layout.nodes.push({ map, box: on && !isHidden(s, f.tf) ? { x, y, size } : null, transform: (v) => v });
}

// The `count` neurons of stage c (a hidden layer, or the output when last), each with its bias.
function buildColumn(diagram: HTMLElement, layout: DiagramLayout, shape: Shape, geo: Geometry, c: number, count: number, wire: DiagramWiring): void {
  const l = c - 1;
  const isOut = c === shape.widths.length + 1;
  const x = geo.colX(c);
  const { size } = geo;
  for (let i = 0; i < count; i++) {
    const y = geo.neuronY(c, i);
    const map = (shape.mapStart[c] ?? 0) + i;
    const node = h('div', {
      class: `nnp-node${isOut ? ' nnp-output-node' : ''}`,
      tabindex: 0,
      role: 'img',
      'aria-label': isOut ? `Output ${count > 1 ? `class ${i}` : ''}` : `Neuron ${i + 1} of hidden layer ${l + 1}`,
      'data-map': map,
      title: isOut
        ? 'Output neuron: hover to see its map; Enter edits its weights'
        : 'Hover (or focus) to see this neuron’s map large; Enter edits its incoming weights',
      style: `left:${x}px;top:${y}px;width:${size}px;height:${size}px`,
    });
    node.dataset['stage'] = String(c);
    node.dataset['index'] = String(i);
    layout.places.set(`${c}:${i}`, { x, y, size, last: isOut });
    wire.neuron(node, map, isOut ? `the output${count > 1 ? ` for class ${i}` : ''}` : `neuron ${i + 1} of hidden layer ${l + 1}`);
    const bias = h('div', {
      class: 'nnp-bias',
      tabindex: 0,
      role: 'button',
      'aria-label': `Bias of ${isOut ? 'output' : `neuron ${i + 1}, layer ${l + 1}`}`,
      style: `left:${x - 5}px;top:${y + size - 5}px`,
    });
    wire.bias(bias, l, i, `Bias of ${isOut ? 'the output' : `neuron ${i + 1}, ${layerName(l, shape.widths.length)}`}`);
    diagram.append(node, bias);
    layout.biases.push({ layer: l, neuron: i, el: bias });
    const transform = isOut ? (count > 1 ? (v: number) => 2 * v - 1 : (v: number) => signedOutput(shape.unit, v)) : (v: number) => v;
    node.style.background = 'transparent';
    layout.nodes.push({ map, box: { x, y, size }, transform });
  }
}

// Above hidden layer l: its width with − and +, and its activation when each layer has its own.
function layerHead(l: number, cx: number, s: Settings, wire: DiagramWiring): HTMLElement {
  const widthNow = s.networkShape[l] ?? 1;
  const button = (text: string, title: string) => h('button', { type: 'button', class: 'nnp-icon-button', text, title, 'aria-label': title });
  const plus = button('+', `Add a neuron to hidden layer ${l + 1}`);
  const minus = button('−', `Remove a neuron from hidden layer ${l + 1}`);
  wire.layerWidth(plus, minus, l);
  plus.disabled = widthNow >= MAX_WIDTH;
  minus.disabled = widthNow <= 1;
  const children: HTMLElement[] = [h('div', { class: 'nnp-row' }, [minus, h('span', { class: 'nnp-muted', text: `${widthNow}` }), plus])];
  if (s.activation.length > 1) {
    const select = h('select', {
      class: 'nnp-small-select',
      title: `Activation of hidden layer ${l + 1}`,
      'aria-label': `Activation of hidden layer ${l + 1}`,
    });
    select.append(...ACTIVATIONS.map((a) => h('option', { value: a.value, text: a.label })));
    select.value = layerActivation(s, l);
    wire.layerActivation(select, l);
    children.push(select);
  }
  const el = h('div', { class: 'nnp-layer-head', style: `left:${cx}px` }, children);
  show(el, !isHidden(s, 'networkShape'));
  return el;
}
