// Each neuron's text alternative in the network diagram: focusing a neuron
// (or an input feature in use) makes the engine's summary of its picture and
// its incoming weights (neuron-words.ts) the neuron's accessible description.
import { h } from './dom';
import { describerFor } from './map-describer';
import { describeMap } from './neuron-words';
import type { Actions, View } from './view';

let made = 0; // ids unique on the page: several playgrounds may share it

export interface NeuronDescription {
  element: HTMLElement; // hidden: read through aria-describedby
  update(view: View): void;
}

export function createNeuronDescription(diagram: HTMLElement, actions: Actions): NeuronDescription {
  const id = `nnp-neuron-description-${++made}`;
  const element = h('p', { id, hidden: true, 'data-testid': 'neuron-description' });
  const describer = describerFor(actions);
  let view: View | null = null;
  let focused: HTMLElement | null = null;

  // The focused node's map: its stage's first map plus its index (features: only those in use).
  const mapOf = (node: HTMLElement, v: View): number | null => {
    const stage = Number(node.dataset['stage']);
    const index = Number(node.dataset['index']);
    const first = v.snapshot.grid.mapStart[stage];
    return Number.isInteger(index) && first !== undefined ? first + index : null;
  };
  const word = (): void => {
    const d = describer.latest();
    if (!focused || !view || !d) return;
    const m = mapOf(focused, view);
    const snap = view.snapshot;
    const said = m === null ? '' : describeMap(d.description, { features: snap.config.features, mapStart: snap.grid.mapStart, layers: snap.layers }, m);
    if (element.textContent !== said) element.textContent = said;
  };
  diagram.addEventListener('focusin', (e) => {
    const node = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[data-stage]') : null;
    focused = node;
    if (!node) return;
    node.setAttribute('aria-describedby', id);
    word();
  });
  diagram.addEventListener('focusout', () => (focused = null));
  describer.listen(word);
  return {
    element,
    update(next) {
      view = next;
      describer.update(next);
    },
  };
}
