// The goal kinds a lesson may state (docs/lesson-format.md), as one table:
// each kind's name on the page and the fields an author fills in. The lesson
// maker's goal editor and the goals it writes are made from this table only.
import { ENGINE } from '../engine/description.generated';
import { FEATURES } from '../settings/menus';

export type GoalKind = 'testLossBelow' | 'trainLossBelow' | 'accuracyAbove' | 'maxHiddenNeurons' | 'onlyFeatures' | 'noRegularization' | 'diverge';

// One goal as a lesson file writes it.
export interface Goal {
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

// The largest epoch count a goal may name (a lesson is minutes of training, not days).
const MAX_GOAL_EPOCHS = 1_000_000;
// Goals in one lesson: every one must hold at once.
export const MAX_GOALS = 8;
// A goal's own label (the card's text for it).
export const MAX_GOAL_LABEL = 120;

const R = ENGINE.ranges;
const within = (initial: number): GoalField => ({
  name: 'withinEpochs',
  kind: 'number',
  label: 'within (epochs, empty: any time)',
  min: 1,
  max: MAX_GOAL_EPOCHS,
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

export const GOAL_KINDS: Record<GoalKind, GoalKindSpec> = {
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

export const GOAL_KIND_IDS = Object.keys(GOAL_KINDS) as GoalKind[];

// The feature ids a goal may name, in the engine's order.
export const GOAL_FEATURES: readonly { value: string; label: string }[] = FEATURES;

// A goal of `kind` with every field at its initial value.
export function initialGoal(kind: GoalKind): Goal {
  const goal: Goal = { kind };
  for (const f of GOAL_KINDS[kind].fields) {
    if (f.kind === 'features') goal.features = [...f.initial];
    else if (f.kind === 'choice') goal.on = f.initial;
    else goal[f.name] = f.initial;
  }
  return goal;
}

// What is wrong with a goal, field by field ([] when it is whole).
export function goalProblems(goal: Goal, where: string): string[] {
  const out: string[] = [];
  for (const f of GOAL_KINDS[goal.kind].fields) {
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
