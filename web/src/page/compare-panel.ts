// Side B of a comparison: the settings it changes (named against A's), its
// own controls for them, its network diagram and its decision map. Its data
// is A's: point edits go to A, and B follows.
import { createControl, type SettingControl } from '../components/controls';
import { h, show } from '../components/dom';
import { createNetworkView, type NetworkView } from '../components/network-view';
import { createOutputView, type OutputView } from '../components/output-view';
import type { Actions, View } from '../components/view';

export interface ComparePanel {
  element: HTMLElement;
  network: NetworkView;
  output: OutputView;
  update(view: View, differences: string[]): void;
  destroy(): void;
}

// The settings B has controls for (the diagram has the shape, activation, output and init).
const B_CONTROLS = ['optimizer', 'learningRate', 'batchSize', 'regularization', 'regularizationRate'] as const;

// `parts`: which of B's views the embedder shows (the same panels as A's).
export function createComparePanel(actions: Actions, parts: { network: boolean; output: boolean }, close: () => void): ComparePanel {
  const diffs = h('ul', { class: 'nnp-compare-diffs', 'data-testid': 'compare-differences' });
  const controls: SettingControl[] = B_CONTROLS.map((id) => createControl(id, actions.set));
  const network = createNetworkView(actions);
  const output = createOutputView(actions);
  network.element.setAttribute('aria-label', 'Network B');
  output.element.setAttribute('aria-label', 'Output B');
  network.element.dataset['side'] = 'b';
  output.element.dataset['side'] = 'b';
  output.announcer.side('B'); // its announcements say which run they are about
  const stop = h('button', {
    type: 'button',
    class: 'nnp-icon-button',
    text: '×',
    'aria-label': 'Stop comparing',
    title: 'Stop comparing (A stays)',
    'data-testid': 'compare-stop',
  });
  stop.addEventListener('click', close);
  const element = h('section', { class: 'nnp-panel nnp-compare', 'aria-label': 'Side B of the comparison', 'data-testid': 'compare-b' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { text: 'B: the other run (same data, seed and starting weights)' }), stop]),
    diffs,
    h(
      'div',
      { class: 'nnp-row nnp-wrap nnp-compare-controls' },
      controls.map((c) => c.element),
    ),
    h('div', { class: 'nnp-compare-views' }, [network.element, output.element]),
  ]);
  show(network.element, parts.network);
  show(output.element, parts.output);
  let shown = '';
  return {
    element,
    network,
    output,
    update(view, differences) {
      const text = JSON.stringify(differences);
      if (text !== shown) {
        shown = text;
        diffs.replaceChildren(
          ...(differences.length ? differences : ['B has the same settings as A: change one of B’s below']).map((d) => h('li', { text: d })),
        );
      }
      controls.forEach((c) => c.update(view.settings));
      network.update(view);
      output.update(view);
    },
    destroy() {
      network.destroy?.();
      output.destroy?.();
    },
  };
}
