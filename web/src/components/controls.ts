// A labelled control for one setting, built from its schema entry.
import type { Option } from '../settings/kinds';
import { isRelevant } from '../settings/relevance';
import { specOf, type SettingId, type Settings } from '../settings/schema';
import { h, hasFocus, show } from './dom';
import { lessonHides } from './lesson-locks';

export interface SettingControl {
  element: HTMLElement;
  update(s: Settings): void;
}

export interface ControlOptions {
  // Restricts a select to some of its values (e.g. outputs that fit the task).
  allowed?: (s: Settings) => string[] | null;
  compact?: boolean;
}

function nextId(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

export function isHidden(s: Settings, key: string): boolean {
  return s.hide.includes(key) || lessonHides(s, key);
}

export function createControl<K extends SettingId>(id: K, set: (patch: Partial<Settings>) => void, opts: ControlOptions = {}): SettingControl {
  const spec = specOf(id);
  const control = spec.control;
  const inputId = nextId(`nnp-${spec.key}`);
  const label = h('label', { for: inputId, text: spec.label });
  const wrap = h('div', { class: `nnp-control nnp-control-${control.kind}`, title: spec.help, 'data-setting': spec.key });
  const commit = (text: string) => {
    const v = spec.parse(text);
    if (v !== undefined) set({ [id]: v } as Partial<Settings>);
  };
  const visible = (s: Settings) => isRelevant(id, s) && !isHidden(s, spec.key) && !(spec.aliasKeys ?? []).some((k) => k !== 'problem' && isHidden(s, k));
  // An input's update: shown where it applies, and the value, unless the user is typing in it. Returns the value.
  const inputUpdate =
    (input: HTMLInputElement) =>
    (s: Settings): string => {
      show(wrap, visible(s));
      const v = spec.format(s[id] as never);
      if (!hasFocus(input) && input.value !== v) input.value = v;
      return v;
    };

  if (control.kind === 'select') {
    const select = h('select', { id: inputId, name: spec.key, title: spec.help });
    select.addEventListener('change', () => commit(select.value));
    wrap.append(label, select);
    let shown = '';
    return {
      element: wrap,
      update(s) {
        show(wrap, visible(s));
        const current = spec.format(s[id] as never);
        const allowed = opts.allowed?.(s) ?? null;
        let options: Option[] = control.options.filter((o) => !allowed || allowed.includes(o.value));
        if (!options.some((o) => o.value === current)) options = [...options, { value: current, label: current }];
        if (options.every((o) => Number.isFinite(Number(o.value)))) options.sort((a, b) => Number(a.value) - Number(b.value));
        const key = options.map((o) => o.value).join('|');
        if (key !== shown) {
          select.replaceChildren(...options.map((o) => h('option', { value: o.value, text: o.label })));
          shown = key;
        }
        if (select.value !== current) select.value = current;
      },
    };
  }
  if (control.kind === 'range') {
    const input = h('input', { id: inputId, name: spec.key, type: 'range', min: control.min, max: control.max, step: control.step, title: spec.help });
    const out = h('output', { for: inputId, class: 'nnp-value' });
    input.addEventListener('input', () => (out.textContent = `${input.value}${control.unit ?? ''}`));
    input.addEventListener('change', () => commit(input.value));
    wrap.append(h('div', { class: 'nnp-control-head' }, [label, out]), input);
    const showValue = inputUpdate(input);
    return {
      element: wrap,
      update(s) {
        const text = `${showValue(s)}${control.unit ?? ''}`;
        if (out.textContent !== text) out.textContent = text; // unchanged: no DOM write in the frame
      },
    };
  }
  if (control.kind === 'number') {
    const input = h('input', {
      id: inputId,
      name: spec.key,
      type: 'number',
      min: control.min,
      max: control.max,
      step: control.step,
      inputmode: 'numeric',
      title: spec.help,
      class: 'nnp-number',
    });
    const apply = () => {
      if (spec.parse(input.value) === undefined) input.setAttribute('aria-invalid', 'true');
      else {
        input.removeAttribute('aria-invalid');
        commit(input.value);
      }
    };
    input.addEventListener('change', apply);
    wrap.append(label, input);
    return { element: wrap, update: inputUpdate(input) };
  }
  if (control.kind === 'checkbox') {
    const input = h('input', { id: inputId, name: spec.key, type: 'checkbox', title: spec.help });
    input.addEventListener('change', () => commit(input.checked ? 'true' : 'false'));
    wrap.append(input, label);
    return {
      element: wrap,
      update(s) {
        show(wrap, visible(s));
        if (input.checked !== (s[id] === true)) input.checked = s[id] === true;
      },
    };
  }
  throw new Error(`Setting ${spec.key} has its own component`);
}
