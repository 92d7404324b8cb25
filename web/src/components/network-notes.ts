// The step-through's numbers beside the neurons of the network diagram: one
// note per neuron, placed from where the diagram put that neuron
// (network-diagram.ts), written with textContent only.
import { h } from './dom';
import { GAP } from './network-layout';

// A read-out next to one neuron (the step-through's numbers). stage 0 is the
// input (index: position among the used features), stage l + 1 weight layer l.
export interface NeuronNote {
  stage: number;
  index: number;
  rows: { label: string; value: number; key: string }[];
  current: boolean; // the neurons of the step being shown
}

// Where a neuron sits in the diagram (CSS px); last: it is in the output column.
export interface Place {
  x: number;
  y: number;
  size: number;
  last: boolean;
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

// places is keyed `${stage}:${index}`.
export function drawNotes(diagram: HTMLElement, layer: HTMLElement, places: ReadonlyMap<string, Place>, notes: readonly NeuronNote[] | null): void {
  diagram.querySelectorAll('.nnp-node.nnp-stepping').forEach((n) => n.classList.remove('nnp-stepping'));
  if (!notes) {
    layer.replaceChildren();
    return;
  }
  const els: HTMLElement[] = [];
  for (const n of notes) {
    const place = places.get(`${n.stage}:${n.index}`);
    if (!place) continue;
    // Neurons closer together than two lines of text: the values side by side.
    const inline = n.rows.length > 1 && place.size + GAP < 30;
    const note = h('div', {
      class: `nnp-note${n.current ? ' nnp-note-current' : ''}${inline ? ' nnp-note-inline' : ''}`,
      'data-note': `${n.stage}:${n.index}`,
    });
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
  layer.replaceChildren(...els);
}
