// The network panel's head row: add or remove a hidden layer, and one
// activation for every hidden layer (or one select per layer, drawn in the
// diagram). Reports the user's changes through Actions.set.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';
import { ACTIVATIONS } from '../settings/menus';
import type { Settings } from '../settings/schema';
import { isHidden } from './controls';
import { h, show } from './dom';
import { setDisabled } from './focus-home';
import type { Actions } from './view';

const MAX_LAYERS = ENGINE.ranges.hidden_layers.max;

export interface NetworkHead {
  element: HTMLElement;
  update(s: Settings): void;
}

// A new shape, with the per-layer activations when they changed with it.
export function setShape(actions: Actions, shape: number[], activation?: ActivationId[]): void {
  actions.set({ networkShape: shape, ...(activation ? { activation } : {}) });
}

// settings: the settings shown now (undefined before any).
export function createNetworkHead(actions: Actions, settings: () => Settings | undefined): NetworkHead {
  const shapeInfo = h('span', { class: 'nnp-muted' });
  const addLayer = h('button', { type: 'button', class: 'nnp-icon-button', text: '+', title: 'Add a hidden layer', 'aria-label': 'Add a hidden layer' });
  const removeLayer = h('button', {
    type: 'button',
    class: 'nnp-icon-button',
    text: '−',
    title: 'Remove the last hidden layer',
    'aria-label': 'Remove the last hidden layer',
  });
  const sameBox = h('input', {
    type: 'checkbox',
    id: `nnp-same-${Math.random().toString(36).slice(2, 9)}`,
    title: 'Use one activation for every hidden layer',
  });
  const sameSelect = h('select', { title: 'Activation of every hidden layer', 'aria-label': 'Activation of every hidden layer', name: 'activation' });
  sameSelect.append(...ACTIVATIONS.map((a) => h('option', { value: a.value, text: a.label })));
  const sameLabel = h('label', { for: sameBox.id, text: 'Same activation for all' });
  const activationRow = h('div', { class: 'nnp-control nnp-row', title: 'Activation of the hidden layers', 'data-setting': 'activation' }, [
    sameBox,
    sameLabel,
    sameSelect,
  ]);
  const shapeRow = h('div', { class: 'nnp-row', 'data-setting': 'networkShape' }, [addLayer, removeLayer, shapeInfo]);
  const element = h('div', { class: 'nnp-row nnp-wrap nnp-network-head' }, [shapeRow, activationRow]);

  addLayer.addEventListener('click', () => {
    const s = settings();
    if (!s || s.networkShape.length >= MAX_LAYERS) return;
    const act = s.activation.length > 1 ? [...s.activation, s.activation[s.activation.length - 1]!] : undefined;
    setShape(actions, [...s.networkShape, s.networkShape[s.networkShape.length - 1] ?? 4], act);
  });
  removeLayer.addEventListener('click', () => {
    const s = settings();
    if (!s || s.networkShape.length === 0) return;
    const act = s.activation.length > 1 ? s.activation.slice(0, Math.max(1, s.activation.length - 1)) : undefined;
    setShape(actions, s.networkShape.slice(0, -1), act);
  });
  sameBox.addEventListener('change', () => {
    const s = settings();
    if (!s) return;
    const first = s.activation[0] ?? ENGINE.defaults.hidden[0].activation;
    actions.set({ activation: sameBox.checked ? [first] : s.networkShape.map((_, i) => s.activation[i] ?? first) });
  });
  sameSelect.addEventListener('change', () => actions.set({ activation: [sameSelect.value as ActivationId] }));

  // The number of hidden layers and the shared activation. Called every frame
  // while training: nothing is written that did not change (a text or a
  // select's value written again costs a layout or a selection).
  function update(s: Settings): void {
    const n = s.networkShape.length;
    const info = `${n} hidden layer${n === 1 ? '' : 's'}`;
    if (shapeInfo.textContent !== info) shapeInfo.textContent = info;
    setDisabled(addLayer, n >= MAX_LAYERS);
    setDisabled(removeLayer, n === 0);
    show(shapeRow, !isHidden(s, 'networkShape'));
    show(activationRow, n > 0 && !isHidden(s, 'activation'));
    if (sameBox.checked !== (s.activation.length === 1)) sameBox.checked = s.activation.length === 1;
    show(sameSelect, s.activation.length === 1);
    const same = s.activation[0] ?? ENGINE.defaults.hidden[0].activation;
    if (sameSelect.value !== same) sameSelect.value = same;
  }

  return { element, update };
}
