// The lesson maker's goals: the author picks a kind from the goal table
// (lesson-maker-goals.ts) and fills in its fields; every goal must hold at once.
import { GOAL_KINDS } from '../lessons/format';
import { h } from './dom';
import { GOAL_FEATURES, GOAL_FORMS, MAX_GOALS, MAX_GOAL_LABEL, initialGoal, type GoalDraft, type GoalField, type GoalKind } from './lesson-maker-goals';

export interface GoalsEditor {
  element: HTMLElement;
  read(): GoalDraft[];
}

let made = 0;
const uid = () => `nnp-lm-goal-${++made}`;

function labelled(text: string, input: HTMLElement): HTMLElement {
  input.id = uid();
  return h('span', { class: 'nnp-lm-goal-field' }, [h('label', { for: input.id, text }), input]);
}

// One field of a goal: its input, and how it writes the goal.
function fieldInput(f: GoalField, goal: GoalDraft): { element: HTMLElement; write(g: GoalDraft): void } {
  if (f.kind === 'number') {
    const input = h('input', { type: 'number', min: f.min, max: f.max, step: f.step, value: goal[f.name] ?? '', 'data-goal-field': f.name });
    return {
      element: labelled(f.label, input),
      write: (g) => {
        const v = input.value.trim();
        // An empty box is "not given"; text the browser could not read as a number is NaN (refused).
        g[f.name] = v === '' ? (input.validity.badInput ? NaN : undefined) : Number(v);
      },
    };
  }
  if (f.kind === 'choice') {
    const select = h(
      'select',
      { 'data-goal-field': f.name },
      f.options.map((o) => h('option', { value: o.value, text: o.label })),
    );
    select.value = goal.on ?? f.initial;
    return { element: labelled(f.label, select), write: (g) => (g.on = select.value === 'train' ? 'train' : 'test') };
  }
  const boxes = GOAL_FEATURES.map((feature) => {
    const box = h('input', { type: 'checkbox', value: feature.value, 'data-goal-feature': feature.value });
    box.checked = (goal.features ?? []).includes(feature.value);
    return { box, element: h('label', { class: 'nnp-lm-feature' }, [box, ` ${feature.label}`]) };
  });
  return {
    element: h('fieldset', { class: 'nnp-lm-goal-features' }, [h('legend', { text: f.label }), ...boxes.map((b) => b.element)]),
    write: (g) => (g.features = boxes.filter((b) => b.box.checked).map((b) => b.box.value)),
  };
}

interface GoalRow {
  element: HTMLElement;
  read(): GoalDraft;
}

function goalRow(kind: GoalKind, remove: (row: GoalRow) => void): GoalRow {
  const start = initialGoal(kind);
  const fields = GOAL_FORMS[kind].fields.map((f) => fieldInput(f, start));
  const label = h('input', { type: 'text', maxlength: MAX_GOAL_LABEL, 'data-goal-field': 'label', placeholder: 'made from the goal' });
  const drop = h('button', { type: 'button', class: 'nnp-button', text: 'Remove', 'aria-label': `Remove the goal: ${GOAL_FORMS[kind].label}` });
  const row: GoalRow = {
    element: h('fieldset', { class: 'nnp-lm-goal', 'data-goal-kind': kind }, [
      h('legend', { text: GOAL_FORMS[kind].label }),
      ...fields.map((f) => f.element),
      labelled('card text (optional)', label),
      drop,
    ]),
    read() {
      const g: GoalDraft = { kind };
      for (const f of fields) f.write(g);
      if (label.value.trim()) g.label = label.value.trim();
      return g;
    },
  };
  drop.addEventListener('click', () => remove(row));
  return row;
}

export function goalsEditor(changed: () => void): GoalsEditor {
  const rows: GoalRow[] = [];
  const list = h('div', { class: 'nnp-lm-goals', 'data-testid': 'lm-goals' });
  const kind = h(
    'select',
    { 'data-testid': 'lm-goal-kind' },
    GOAL_KINDS.map((k) => h('option', { value: k, text: GOAL_FORMS[k].label })),
  );
  const add = h('button', { type: 'button', class: 'nnp-button', text: 'Add the goal', 'data-testid': 'lm-goal-add' });
  const none = h('p', { class: 'nnp-muted nnp-lm-hint', text: 'No goal yet: the lesson is text and a preset only.' });
  const remove = (row: GoalRow) => {
    rows.splice(rows.indexOf(row), 1);
    row.element.remove();
    none.hidden = rows.length > 0;
    add.disabled = false;
    kind.focus(); // the removed row had the focus
    changed();
  };
  add.addEventListener('click', () => {
    if (rows.length >= MAX_GOALS) return;
    const row = goalRow(kind.value as GoalKind, remove);
    rows.push(row);
    list.append(row.element);
    none.hidden = true;
    add.disabled = rows.length >= MAX_GOALS;
    row.element.querySelector<HTMLElement>('input, select')?.focus();
    changed();
  });
  const element = h('fieldset', { class: 'nnp-lm-section' }, [
    h('legend', { text: 'Goals (checked on the lesson card; all must hold)' }),
    none,
    list,
    h('div', { class: 'nnp-row' }, [labelled('Kind', kind), add]),
  ]);
  return { element, read: () => rows.map((r) => r.read()) };
}
