// The goal kinds of the lesson format (lessons/format.ts), as the lesson maker
// offers them: each kind's name on the page and the fields an author fills in.
// The goal editor and the goals it writes are made from this table only; its
// type makes it name every kind the format has.
import { ENGINE } from '../engine/description.generated';
import { LESSON_LIMITS as L, type Goal } from '../lessons/format';
import { FEATURES } from '../settings/menus';

export type GoalKind = Goal['kind'];

// One goal as the author fills it in (checked by goalProblems before it is written).
export interface GoalDraft {
  kind: GoalKind;
  value?: number;
  withinEpochs?: number;
  on?: 'test' | 'train';
  features?: string[];
  label?: string;
}

export type GoalField =
  | {
      name: 'value' | 'withinEpochs';
      kind: 'number';
      label: string;
      min: number;
      max: number;
      step: number;
      integer: boolean;
      initial: number;
      optional: boolean;
    }
  | { name: 'on'; kind: 'choice'; label: string; options: readonly { value: 'test' | 'train'; label: string }[]; initial: 'test' | 'train' }
  | { name: 'features'; kind: 'features'; label: string; initial: readonly string[] };

export interface GoalKindSpec {
  label: string; // the menu's text
  fields: readonly GoalField[];
}

// Goals in one lesson (every one must hold at once) and a goal's own label (the card's text for it).
export const MAX_GOALS = L.maxGoals;
export const MAX_GOAL_LABEL = L.maxTitleChars;

const R = ENGINE.ranges;
const within = (initial: number): GoalField => ({
  name: 'withinEpochs',
  kind: 'number',
  label: 'within (epochs, empty: any time)',
  min: 1,
  max: L.maxGoalEpochs,
  step: 1,
  integer: true,
  initial,
  optional: true,
});
const loss = (initial: number): GoalField => ({
  name: 'value',
  kind: 'number',
  label: 'loss below',
  min: 0,
  max: 1e6,
  step: 0.01,
  integer: false,
  initial,
  optional: false,
});

export const GOAL_FORMS: Record<GoalKind, GoalKindSpec> = {
  testLossBelow: { label: 'Test loss below a value', fields: [loss(0.1), within(500)] },
  trainLossBelow: { label: 'Training loss below a value', fields: [loss(0.1), within(500)] },
  accuracyAbove: {
    label: 'Accuracy above a value',
    fields: [
      { name: 'value', kind: 'number', label: 'accuracy above (0 to 1)', min: 0, max: 1, step: 0.01, integer: false, initial: 0.95, optional: false },
      {
        name: 'on',
        kind: 'choice',
        label: 'on',
        options: [
          { value: 'test', label: 'the test points' },
          { value: 'train', label: 'the training points' },
        ],
        initial: 'test',
      },
      within(500),
    ],
  },
  maxHiddenNeurons: {
    label: 'At most K hidden neurons',
    fields: [
      {
        name: 'value',
        kind: 'number',
        label: 'hidden neurons at most',
        min: 0,
        max: R.width.max * R.hidden_layers.max,
        step: 1,
        integer: true,
        initial: 4,
        optional: false,
      },
    ],
  },
  onlyFeatures: { label: 'Only the given features', fields: [{ name: 'features', kind: 'features', label: 'features allowed', initial: ['x1', 'x2'] }] },
  noRegularization: { label: 'No regularization', fields: [] },
  diverge: { label: 'Diverge on purpose', fields: [within(100)] },
};

// The feature ids a goal may name, in the engine's order.
export const GOAL_FEATURES: readonly { value: string; label: string }[] = FEATURES;

// A goal of `kind` with every field at its initial value.
export function initialGoal(kind: GoalKind): GoalDraft {
  const goal: GoalDraft = { kind };
  for (const f of GOAL_FORMS[kind].fields) {
    if (f.kind === 'features') goal.features = [...f.initial];
    else if (f.kind === 'choice') goal.on = f.initial;
    else goal[f.name] = f.initial;
  }
  return goal;
}

// What is wrong with a goal, field by field ([] when it is whole).
export function goalProblems(goal: GoalDraft, where: string): string[] {
  const out: string[] = [];
  for (const f of GOAL_FORMS[goal.kind].fields) {
    if (f.kind === 'number') {
      const v = goal[f.name];
      if (v === undefined) {
        if (!f.optional) out.push(`${where}: ${f.label} needs a number`);
      } else if (!Number.isFinite(v) || v < f.min || v > f.max || (f.integer && !Number.isInteger(v)))
        out.push(`${where}: ${f.label} must be ${f.integer ? 'a whole number ' : ''}from ${f.min} to ${f.max}`);
    } else if (f.kind === 'features' && (goal.features ?? []).length === 0) out.push(`${where}: pick at least one feature`);
  }
  if ((goal.label ?? '').length > MAX_GOAL_LABEL) out.push(`${where}: the label is longer than ${MAX_GOAL_LABEL} characters`);
  return out;
}
