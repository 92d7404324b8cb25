// The lesson maker's fields: the lesson's text, and which controls a student
// may not change (locked) or does not see (hidden), one row a setting of the
// schema.
import { SCHEMA, SETTING_IDS, type SettingId } from '../settings/schema';
import type { Group } from '../settings/kinds';
import { h } from './dom';
import { LESSON_LIMITS } from '../lessons/format';
import { CONTROL_KEYS, type LessonDraft } from './lesson-maker-file';

let made = 0;
const uid = (name: string) => `nnp-lm-${name}-${++made}`;

function field(label: string, input: HTMLInputElement | HTMLTextAreaElement, hint = ''): HTMLElement {
  input.id = uid('field');
  const hintEl = hint ? h('span', { class: 'nnp-muted nnp-lm-hint', id: uid('hint'), text: hint }) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'nnp-lm-field' }, [h('label', { for: input.id, text: label }), input, hintEl]);
}

export interface TextFields {
  element: HTMLElement;
  read(): Pick<LessonDraft, 'title' | 'text' | 'tryThis' | 'expect'>;
  focus(): void;
}

export function textFields(): TextFields {
  const L = LESSON_LIMITS;
  const title = h('input', { type: 'text', maxlength: L.maxTitleChars, required: true, 'data-testid': 'lm-title', autocomplete: 'off' });
  const text = h('textarea', { rows: 5, maxlength: L.maxTextChars, 'data-testid': 'lm-text' });
  const tryThis = h('textarea', { rows: 3, 'data-testid': 'lm-try' });
  const expect = h('input', { type: 'text', maxlength: L.maxTextChars, 'data-testid': 'lm-expect', autocomplete: 'off' });
  const element = h('fieldset', { class: 'nnp-lm-section' }, [
    h('legend', { text: 'Text' }),
    field('Title', title),
    field('Text', text, 'Paragraphs separated by a blank line; formulas in Unicode, as z = w·x + b'),
    field('Try this', tryThis, `One thing to try a line, at most ${L.maxTryThis}`),
    field('What a student should see', expect),
  ]);
  return {
    element,
    read: () => ({
      title: title.value,
      text: text.value,
      tryThis: tryThis.value.split('\n').filter((t) => t.trim() !== ''),
      expect: expect.value,
    }),
    focus: () => title.focus(),
  };
}

const GROUP_NAMES: Record<Group, string> = { data: 'Data', features: 'Features', network: 'Network', training: 'Training', run: 'Run', view: 'View' };

export interface ControlsPicker {
  element: HTMLElement;
  read(): Pick<LessonDraft, 'locked' | 'hidden'>;
  reset(hidden: readonly string[]): void; // what the page hides now starts hidden
}

// One row a control: "Locked" and "Hidden" (a hidden control is not locked as well).
export function controlsPicker(): ControlsPicker {
  const ids = SETTING_IDS.filter((id) => CONTROL_KEYS.includes(SCHEMA[id].key));
  const rows = new Map<string, { lock: HTMLInputElement; hide: HTMLInputElement }>();
  const body = h('tbody');
  for (const group of Object.keys(GROUP_NAMES) as Group[]) {
    const inGroup = ids.filter((id: SettingId) => SCHEMA[id].group === group);
    if (inGroup.length === 0) continue;
    body.append(h('tr', { class: 'nnp-lm-group' }, [h('th', { colspan: 3, scope: 'colgroup', text: GROUP_NAMES[group] })]));
    for (const id of inGroup) {
      const { key, label } = SCHEMA[id];
      const lock = h('input', { type: 'checkbox', 'aria-label': `Lock ${label}`, 'data-lock': key });
      const hide = h('input', { type: 'checkbox', 'aria-label': `Hide ${label}`, 'data-hide': key });
      hide.addEventListener('change', () => (lock.disabled = hide.checked));
      rows.set(key, { lock, hide });
      body.append(h('tr', {}, [h('th', { scope: 'row', text: label, title: SCHEMA[id].help }), h('td', {}, [lock]), h('td', {}, [hide])]));
    }
  }
  const head = h('thead', {}, [
    h('tr', {}, [h('th', { scope: 'col', text: 'Control' }), h('th', { scope: 'col', text: 'Locked' }), h('th', { scope: 'col', text: 'Hidden' })]),
  ]);
  const element = h('fieldset', { class: 'nnp-lm-section' }, [
    h('legend', { text: 'Controls' }),
    h('p', { class: 'nnp-muted nnp-lm-hint', text: 'A locked control shows its value but cannot be changed; a hidden one is not shown.' }),
    h('div', { class: 'nnp-lm-controls' }, [h('table', { class: 'nnp-lm-table', 'data-testid': 'lm-controls' }, [head, body])]),
  ]);
  const checked = (which: 'lock' | 'hide') => [...rows].filter(([, r]) => r[which].checked && !r[which].disabled).map(([k]) => k);
  return {
    element,
    read: () => ({ locked: checked('lock'), hidden: checked('hide') }),
    reset(hidden) {
      for (const [key, r] of rows) {
        r.hide.checked = hidden.includes(key);
        r.lock.checked = false;
        r.lock.disabled = r.hide.checked;
      }
    },
  };
}
