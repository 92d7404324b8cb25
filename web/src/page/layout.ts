// The page's layout as a registry of panels: each panel is an id, a factory
// and a place (a column of the grid, in order). A new view is one entry here;
// mount() never names the columns. Panels that need another panel (the
// step-through drives the diagram and the map) ask for it by id.
import { createActivationPlot } from '../components/activation-plot';
import { createCharts } from '../components/charts';
import { createGradientChart } from '../components/gradient-chart';
import { createHiddenSpaceView } from '../components/hidden-space-view';
import { createDataPanel } from '../components/data-panel';
import { h } from '../components/dom';
import { createNetworkView, type NetworkView } from '../components/network-view';
import { createOutputView, type OutputView } from '../components/output-view';
import { createRunBar } from '../components/run-bar';
import { createLazyStepThrough } from '../components/stepthrough-loader';
import type { Actions, Component } from '../components/view';
import type { PanelId } from '../embed/panels';
import type { TraceData, LayerData } from '../worker/protocol';

type Column = 'data' | 'network' | 'output';

// What a factory may use: the session's actions and the panels made before it.
export interface PanelContext {
  actions: Actions;
  setAddLabel(label: number): void;
  panel<T extends Component>(id: PanelId): T | undefined;
  // The step-through's engine calls.
  trace(x: number, y: number, label: number): Promise<{ trace: TraceData; layers: LayerData[] }>;
  applySampleUpdate(x: number, y: number, label: number): Promise<boolean>;
  pause(): void;
  error(e: unknown): void;
}

interface PanelSpec {
  id: PanelId;
  column: Column | 'top'; // 'top': above the grid (full width)
  needs?: PanelId[]; // shown only when these are shown too
  create(ctx: PanelContext): Component;
}

// In the order they are made, and within a column, shown.
const PANELS: PanelSpec[] = [
  { id: 'run', column: 'top', create: (c) => createRunBar(c.actions) },
  { id: 'data', column: 'data', create: (c) => createDataPanel(c.actions, c.setAddLabel) },
  { id: 'network', column: 'network', create: (c) => createNetworkView(c.actions) },
  { id: 'output', column: 'output', create: (c) => createOutputView(c.actions) },
  {
    id: 'stepthrough',
    column: 'network',
    needs: ['network', 'output'],
    create: (c) => {
      const network = c.panel<NetworkView>('network')!;
      const output = c.panel<OutputView>('output')!;
      return createLazyStepThrough({
        trace: c.trace,
        applyUpdate: c.applySampleUpdate,
        annotate: (notes) => network.annotate(notes),
        pick: (fn) => output.pick(fn),
        mark: (p) => output.mark(p),
        pause: c.pause,
        error: c.error,
      });
    },
  },
  { id: 'charts', column: 'network', create: (c) => createCharts(c.actions) },
  { id: 'activation', column: 'output', create: (c) => createActivationPlot(c.actions) },
  { id: 'gradients', column: 'network', create: () => createGradientChart() },
  { id: 'hidden', column: 'output', create: (c) => createHiddenSpaceView(c.actions) },
];

const COLUMNS: Column[] = ['data', 'network', 'output'];
// Within a column, the order on the page (made order can differ: the
// step-through is made after the map it drives but sits under the diagram).
const COLUMN_ORDER: PanelId[] = ['data', 'network', 'stepthrough', 'charts', 'gradients', 'output', 'hidden', 'activation'];

export interface Layout {
  top: HTMLElement[];
  grid: HTMLElement;
  panels: Map<PanelId, Component>;
}

// Makes the shown panels and places them. `shown` says which the embedder wants.
export function buildLayout(ctx: Omit<PanelContext, 'panel'>, shown: (id: PanelId) => boolean): Layout {
  const panels = new Map<PanelId, Component>();
  const full: PanelContext = { ...ctx, panel: <T extends Component>(id: PanelId) => panels.get(id) as T | undefined };
  const wanted = (p: PanelSpec) => shown(p.id) && (p.needs ?? []).every(shown);
  for (const spec of PANELS) if (wanted(spec)) panels.set(spec.id, spec.create(full));
  const rank = (id: PanelId) => {
    const i = COLUMN_ORDER.indexOf(id);
    return i < 0 ? COLUMN_ORDER.length : i;
  };
  const placed = (column: Column | 'top') =>
    PANELS.filter((p) => p.column === column && panels.has(p.id))
      .sort((a, b) => rank(a.id) - rank(b.id))
      .map((p) => panels.get(p.id)!.element);
  const grid = h(
    'div',
    { class: 'nnp-grid' },
    COLUMNS.map((c) => h('div', { class: `nnp-column nnp-column-${c}` }, placed(c))),
  );
  return { top: placed('top'), grid, panels };
}
