// "Click adds": the class (or, for regression, the value) of the points the
// user adds by clicking on the output, one coloured radio button each.
import { classColors, diverging, toCss } from '../render/colors';
import { classCount } from '../shared/task';
import { h } from './dom';
import type { View } from './view';

export interface ClassPicker {
  element: HTMLElement;
  update(view: View): void;
}

// setAddLabel: told the label whenever it changes (by the user, or because the old one no longer exists).
export function createClassPicker(setAddLabel: (label: number) => void): ClassPicker {
  const classPicker = h('div', {
    class: 'nnp-class-picker',
    role: 'radiogroup',
    'aria-label': 'Class of points added on the output (by a click, or Enter on the focused plane)',
  });
  const element = h(
    'div',
    { class: 'nnp-control', title: 'Click on the output to add a point of this class; drag to move, right-click or long-press to delete' },
    [h('span', { class: 'nnp-label', text: 'Click adds' }), classPicker],
  );
  let pickerKey = '';
  let addLabel = 1;

  // Rebuilt only when the number of classes or the palette changed.
  function update(view: View): void {
    const k = classCount(view.settings, view.catalog);
    const key = `${k}:${view.settings.palette}`;
    if (key === pickerKey) return;
    pickerKey = key;
    const values = k === 0 ? [-1, -0.5, 0, 0.5, 1] : Array.from({ length: k }, (_, i) => i);
    const colors = k === 0 ? values.map((v) => diverging(view.settings.palette, v)) : classColors(view.settings.palette, k);
    if (!values.includes(addLabel)) addLabel = values[values.length - 1] ?? 1;
    setAddLabel(addLabel);
    const name = `nnp-add-${Math.random().toString(36).slice(2, 9)}`;
    classPicker.replaceChildren(
      ...values.map((v, i) => {
        const input = h('input', { type: 'radio', name, value: v, 'aria-label': k === 0 ? `Value ${v}` : `Class ${v}` });
        input.checked = v === addLabel;
        input.addEventListener('change', () => {
          addLabel = v;
          setAddLabel(v);
        });
        return h('label', { class: 'nnp-class-option', title: k === 0 ? `Add points with value ${v}` : `Add points of class ${v}` }, [
          input,
          h('i', { style: `background:${toCss(colors[i] ?? [0, 0, 0])}` }),
          k === 0 ? String(v) : String(v),
        ]);
      }),
    );
  }

  return { element, update };
}
