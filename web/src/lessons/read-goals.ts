// A lesson's goals (its exercise), read from the file: each kind with its own fields.
import { ENGINE } from '../engine/description.generated';
import type { FeatureId } from '../engine/types';
import { specOf } from '../settings/schema';
import { GOAL_KINDS, LESSON_LIMITS, type Goal } from './format';
import { fail, fields, items, num, oneOf, str, type At } from './json-reader';

const MAX_LOSS = 1e6;
const MAX_NEURONS = ENGINE.ranges.hidden_layers.max * ENGINE.ranges.width.max;

function features(at: At): FeatureId[] {
  const list = items(at, 1, ENGINE.features.length).map((f) => str(f, 40));
  if (!specOf('features').check(list)) fail(at, `must be different feature ids, of ${ENGINE.features.map((f) => f.id).join(', ')}`);
  return list as FeatureId[];
}

function readGoal(at: At): Goal {
  const kindAt = fields(at, ['!kind', 'label', 'value', 'on', 'withinEpochs', 'features']).get('kind');
  const kind = oneOf(kindAt ?? at, GOAL_KINDS);
  const keys: Record<Goal['kind'], string[]> = {
    testLossBelow: ['!value', 'withinEpochs'],
    trainLossBelow: ['!value', 'withinEpochs'],
    accuracyAbove: ['!value', 'on', 'withinEpochs'],
    maxHiddenNeurons: ['!value'],
    onlyFeatures: ['!features'],
    noRegularization: [],
    diverge: ['withinEpochs'],
  };
  const f = fields(at, ['!kind', 'label', ...keys[kind]]);
  const label = f.get('label');
  const within = f.get('withinEpochs');
  const value = f.get('value');
  const common = {
    ...(label ? { label: str(label, LESSON_LIMITS.maxTitleChars) } : {}),
    ...(within ? { withinEpochs: num(within, 1, LESSON_LIMITS.maxGoalEpochs, true) } : {}),
  };
  switch (kind) {
    case 'testLossBelow':
    case 'trainLossBelow':
      return { kind, value: num(value!, 0, MAX_LOSS), ...common };
    case 'accuracyAbove': {
      const on = f.get('on');
      return { kind, value: num(value!, 0, 1), on: on ? oneOf(on, ['test', 'train'] as const) : 'test', ...common };
    }
    case 'maxHiddenNeurons':
      return { kind, value: num(value!, 0, MAX_NEURONS, true), ...common };
    case 'onlyFeatures':
      return { kind, features: features(f.get('features')!), ...common };
    case 'noRegularization':
      return { kind, ...common };
    case 'diverge':
      return { kind, ...common };
  }
}

export function readGoals(at: At | undefined): Goal[] {
  return at ? items(at, 0, LESSON_LIMITS.maxGoals).map(readGoal) : [];
}
