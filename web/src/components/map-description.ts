// The decision map's text alternative: the engine's summary of what the map
// shows (map-words.ts), as the canvas's accessible description, shown on the
// page on demand. While a neuron's map is shown in its place, that map's.
import { classCount } from '../shared/task';
import { h } from './dom';
import { describerFor, type Described } from './map-describer';
import { classNames, describeDecision } from './map-words';
import { describeMap } from './neuron-words';
import type { Actions, View } from './view';

let made = 0; // ids unique on the page: several playgrounds may share it

export interface MapDescription {
  element: HTMLElement;
  update(view: View): void;
}

// The words for what the big map shows now.
function mapWords(d: Described, view: View): string {
  const snap = view.snapshot;
  const focus = snap.grid.focus;
  if (focus !== null) {
    const shape = { features: snap.config.features, mapStart: snap.grid.mapStart, layers: snap.layers };
    return `Showing ${describeMap(d.description, shape, focus)}`;
  }
  const k = Math.max(2, classCount(view.settings, view.catalog));
  return `Epoch ${d.epoch}. ${describeDecision(d.description.output, classNames(k, view.settings.palette))}`;
}

export function createMapDescription(canvas: HTMLCanvasElement, actions: Actions): MapDescription {
  const id = `nnp-map-description-${++made}`;
  const text = h('p', { id, class: 'nnp-map-description nnp-visually-hidden', 'data-testid': 'map-description' });
  const toggle = h('button', {
    type: 'button',
    class: 'nnp-button nnp-describe-toggle',
    text: 'Describe the map',
    'aria-expanded': 'false',
    'aria-controls': id,
    title: 'Show in words what the map shows: each region’s share of the plane, where it lies, and the points on their side',
  });
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    text.classList.toggle('nnp-visually-hidden', !open);
  });
  canvas.setAttribute('aria-describedby', id);
  const describer = describerFor(actions);
  let view: View | null = null;
  let worded: { d: Described; focus: number | null; palette: string } | null = null;
  const word = (): void => {
    const d = describer.latest();
    if (!d || !view) return;
    const focus = view.snapshot.grid.focus;
    if (worded && worded.d === d && worded.focus === focus && worded.palette === view.settings.palette) return;
    worded = { d, focus, palette: view.settings.palette };
    const said = mapWords(d, view);
    if (text.textContent !== said) text.textContent = said;
  };
  describer.listen(word);
  return {
    element: h('div', { class: 'nnp-map-words' }, [toggle, text]),
    update(next) {
      view = next;
      describer.update(next);
      word();
    },
  };
}
