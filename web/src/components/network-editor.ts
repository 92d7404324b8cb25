// The diagram's value editor and tooltip: a small form that sets one weight
// or bias (or, from the keyboard, one of a neuron's incoming weights picked
// from a list), and the tip that shows a value under the pointer.
import { h, show } from './dom';

export interface Editable {
  label: string;
  value(): number;
  apply(v: number): void;
}

export interface DiagramEditor {
  open(x: number, y: number, label: string, value: number, apply: (v: number) => void, choices?: Editable[]): void;
  close(): void;
  tip(x: number, y: number, text: string): void;
  hideTip(): void;
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

export function createDiagramEditor(diagram: HTMLElement): DiagramEditor {
  const tip = h('div', { class: 'nnp-tip', role: 'status' });
  // Text, not type=number: the browser would hide what was typed (value '') and block the form.
  const input = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'nnp-edit-input' });
  const label = h('label', { class: 'nnp-edit-label' });
  const choice = h('select', { class: 'nnp-small-select nnp-edit-choice', 'aria-label': 'Which weight' });
  const problem = h('div', { class: 'nnp-edit-problem', role: 'alert', 'data-testid': 'edit-problem' });
  const form = h('form', { class: 'nnp-editor', novalidate: true }, [
    label,
    choice,
    input,
    h('button', { type: 'submit', class: 'nnp-button', text: 'Set' }),
    problem,
  ]);
  diagram.append(tip, form);
  show(tip, false);
  show(form, false);
  let editing: ((v: number) => void) | null = null;

  // What is wrong with the typed text, or '' for a number (whose range the engine checks).
  function problemOf(text: string): string {
    if (!DECIMAL.test(text)) return 'Type a number, such as 0.5 or -2';
    return Number.isFinite(Number(text)) ? '' : `${text.slice(0, 20)} is too large to be a number`;
  }
  function say(text: string): void {
    problem.textContent = text;
    show(problem, text !== '');
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  function close(): void {
    editing = null;
    say('');
    show(form, false);
  }
  // A value that is not a number keeps the editor open and says why: nothing changes silently.
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const why = problemOf(input.value);
    if (why) {
      say(why);
      input.focus();
      return;
    }
    editing?.(Number(input.value));
    close();
  });
  input.addEventListener('input', () => say(''));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });

  return {
    open(x, y, text, value, apply, choices = []) {
      editing = apply;
      say('');
      label.textContent = text;
      input.setAttribute('aria-label', text);
      input.value = String(Number(value.toPrecision(4)));
      show(choice, choices.length > 0);
      choice.replaceChildren(...choices.map((c, i) => h('option', { value: i, text: c.label })));
      choice.onchange = () => {
        const c = choices[Number(choice.value)];
        if (!c) return;
        editing = (v) => c.apply(v);
        input.value = String(Number(c.value().toPrecision(4)));
      };
      form.style.left = `${Math.max(0, Math.min(x, diagram.clientWidth - 200))}px`;
      form.style.top = `${y + 8}px`;
      show(form, true);
      show(tip, false);
      input.focus();
      input.select();
    },
    close,
    tip(x, y, text) {
      tip.textContent = text;
      tip.style.left = `${Math.max(0, Math.min(x + 10, diagram.clientWidth - 160))}px`;
      tip.style.top = `${y + 10}px`;
      show(tip, true);
    },
    hideTip: () => show(tip, false),
  };
}
