// The network diagram: a column of input features, the hidden layers and the
// output, every neuron with its own small map. Links are drawn with thickness
// and colour by weight; hovering a link or bias shows its value and clicking
// lets the user type a new one. Hovering a neuron shows its map large in the
// output view. Layers and neurons are added and removed here. This file makes
// the panel and decides when to rebuild; the parts each do one job:
// network-head.ts (the layer count and shared activation), network-diagram.ts
// (the elements, placed by network-layout.ts), network-painter.ts (the maps,
// links and biases), network-input.ts (pointer and keyboard, editing through
// network-editor.ts) and network-notes.ts (the step-through's numbers).
import { ENGINE } from '../engine/description.generated';
import { taskOf, validOutputs } from '../shared/task';
import type { Settings } from '../settings/schema';
import { createControl } from './controls';
import { h } from './dom';
import { enabledNeighbour } from './focus-home';
import { buildDiagram, emptyLayout, type DiagramLayout, type Shape } from './network-diagram';
import { createDiagramEditor } from './network-editor';
import { createNetworkHead } from './network-head';
import { createDiagramInput } from './network-input';
import { drawNotes, type NeuronNote } from './network-notes';
import { createDiagramPainter } from './network-painter';
import { createNeuronDescription } from './neuron-description';
import { createWeightsTable } from './weights-table';
import { outputUnit } from './output-plane';
import type { Actions, Component, View } from './view';

export interface NetworkView extends Component {
  annotate(notes: NeuronNote[] | null): void;
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

// Before the engine's first answer: the shape the settings ask for.
const shapeOfSettings = (s: Settings): Shape => {
  const widths = s.networkShape;
  const outCount = taskOf(s, ENGINE) === 'multiclass' ? s.classes : 1;
  const sizes = [s.features.length, ...widths, outCount];
  const mapStart = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const unit = ENGINE.outputs.find((o) => o.id === s.output)?.unit ?? 'tanh';
  return { features: s.features, widths, outCount, mapStart, unit };
};

// What the diagram is built from: a change here rebuilds it, anything else only repaints.
const structureKey = (view: View, width: number): string =>
  JSON.stringify([
    view.snapshot.config.features,
    view.snapshot.layers.map((l) => [l.rows, l.cols]),
    view.settings.activation,
    view.settings.hide,
    width,
    view.settings.palette,
  ]);

// The output pair (only those that fit the task) and the initialisation.
const createFootControls = (actions: Actions, current: () => View | null) => [
  createControl('output', actions.set, {
    allowed: (s) => {
      const view = current();
      return view ? validOutputs(taskOf(s, view.catalog), s.networkShape.length, view.catalog) : null;
    },
  }),
  createControl('init', actions.set),
  createControl('leakyAlpha', actions.set),
  createControl('eluAlpha', actions.set),
];

export function createNetworkView(actions: Actions): NetworkView {
  let current: View | null = null;
  let previewed: Settings | null = null; // before the engine's first answer
  const settings = () => current?.settings ?? previewed ?? undefined;
  const head = createNetworkHead(actions, settings);
  const links = h('canvas', { class: 'nnp-links', 'aria-hidden': 'true', 'data-testid': 'links' });
  const notesLayer = h('div', { class: 'nnp-notes', 'data-testid': 'neuron-notes' });
  const diagram = h('div', { class: 'nnp-diagram' }, [links, notesLayer]);
  const editor = createDiagramEditor(diagram);
  const footControls = createFootControls(actions, () => current);
  const foot = h('div', { class: 'nnp-row nnp-wrap nnp-network-foot' });
  foot.append(...footControls.map((c) => c.element));
  const element = h('section', { class: 'nnp-panel nnp-network', 'aria-label': 'Network' }, [h('h2', { text: 'Network' }), head.element, diagram, foot]);
  const spoken = [createWeightsTable(), createNeuronDescription(diagram, actions)]; // for a screen reader: the weights' tables, each neuron's words
  element.append(...spoken.map((part) => part.element));

  let structure = '';
  let layout: DiagramLayout = emptyLayout();
  let notes: NeuronNote[] | null = null;
  const painter = createDiagramPainter(links);
  const input = createDiagramInput({
    diagram,
    links,
    editor,
    actions,
    settings,
    view: () => current,
    layout: () => layout,
    paintLinks: () => current && painter.paintLinks(current, layout, input.activeLink()),
  });

  function build(s: Settings, shape: Shape): void {
    layout = buildDiagram({ diagram, links }, s, shape, diagramWidth > 0 ? diagramWidth : diagram.clientWidth || 520, input.wiring);
    input.forget();
  }

  // Rebuilt after a change: the keyboard focus stays on the same control
  // (found again by its label), not on <body>.
  function rebuild(view: View): void {
    const root = diagram.getRootNode() as Document | ShadowRoot;
    const was = root.activeElement instanceof HTMLElement && diagram.contains(root.activeElement) ? root.activeElement.getAttribute('aria-label') : null;
    build(view.settings, shapeOf(view));
    const again = was ? diagram.querySelector<HTMLButtonElement>(`[aria-label="${CSS.escape(was)}"]`) : null;
    (again?.disabled ? enabledNeighbour(again) : again)?.focus({ preventScroll: true }); // − at its limit: its +
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
    const key = structureKey(view, diagramWidth < 0 ? (diagramWidth = diagram.clientWidth) : diagramWidth);
    const rebuilt = key !== structure;
    if (rebuilt) {
      structure = key;
      rebuild(view);
      drawNotes(diagram, notesLayer, layout.places, notes);
    }
    painter.paint(view, layout, input.activeLink(), rebuilt);
  }

  return {
    element,
    // The diagram from the settings, its neurons without maps.
    preview(s) {
      if (current) return;
      previewed = s;
      footControls.forEach((c) => c.update(s));
      head.update(s);
      if (diagramWidth < 0) diagramWidth = diagram.clientWidth;
      build(s, shapeOfSettings(s));
    },
    annotate(next) {
      notes = next;
      drawNotes(diagram, notesLayer, layout.places, notes);
    },
    update(view) {
      current = view;
      const s = view.settings;
      footControls.forEach((c) => c.update(s));
      head.update(s);
      render(view);
      spoken.forEach((part) => part.update(view));
    },
    destroy() {
      resize.disconnect();
    },
  };
}
