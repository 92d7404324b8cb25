// A lesson's exercise checked from the engine's own numbers: each epoch's
// losses and accuracies (the engine's history rows and statistics), the
// configuration it runs and its status. Nothing here computes what the engine
// computes; it compares the engine's numbers with the goals' values.
import type { EpochStats, PlaygroundConfig } from '../engine/types';
import { LESSON_LIMITS, type Goal, type Lesson } from './format';

// The engine's numbers at one epoch.
export type GoalRow = EpochStats;

export interface GoalCheck {
  goal: Goal;
  holds: boolean;
  text: string; // the goal and where it stands: "test loss 0.23 → below 0.1"
}

// What a host hears once, when every goal holds: the lesson, its goals, the epoch and the engine's numbers.
export interface GoalEvent {
  lesson: string;
  goals: Goal[];
  epoch: number;
  stats: EpochStats;
}

// Where an exercise stands (page/goal-tracker.ts keeps it, the lesson card shows it).
export interface GoalReport {
  lesson: Lesson;
  checks: GoalCheck[]; // at the latest epoch
  epoch: number;
  reached: GoalEvent | null; // the first epoch at which every goal held
  missed: number | null; // the deadline, once passed without reaching the goals
}

const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 1000) / 10} %` : '—');
const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2)) : '—');

// The latest epoch by which every timed goal must hold, or undefined for none.
export function deadline(goals: readonly Goal[]): number | undefined {
  let d = Infinity;
  for (const g of goals) if ('withinEpochs' in g && g.withinEpochs !== undefined) d = Math.min(d, g.withinEpochs);
  return Number.isFinite(d) ? d : undefined;
}

function check(goal: Goal, config: PlaygroundConfig, row: GoalRow, diverged: boolean): [boolean, string] {
  switch (goal.kind) {
    case 'testLossBelow':
    case 'trainLossBelow': {
      const v = goal.kind === 'testLossBelow' ? row.testLoss : row.trainLoss;
      return [v < goal.value, `${goal.kind === 'testLossBelow' ? 'test' : 'training'} loss ${num(v)} → below ${goal.value}`];
    }
    case 'accuracyAbove': {
      const v = goal.on === 'train' ? row.trainAccuracy : row.testAccuracy;
      return [v > goal.value, `${goal.on === 'train' ? 'training' : 'test'} accuracy ${pct(v)} → above ${pct(goal.value)}`];
    }
    case 'maxHiddenNeurons': {
      const n = config.hidden.reduce((sum, h) => sum + h.width, 0);
      return [n <= goal.value, `hidden neurons ${n} → at most ${goal.value}`];
    }
    case 'onlyFeatures': {
      const extra = config.features.filter((f) => !goal.features.includes(f));
      return [extra.length === 0, `features ${config.features.join(', ')} → only ${goal.features.join(', ')}`];
    }
    case 'noRegularization': {
      const none = config.regularization === 'none' || config.reg_rate === 0;
      return [none, `regularization ${none ? 'none' : `${config.regularization} at ${config.reg_rate}`} → none`];
    }
    case 'diverge':
      return [diverged, diverged ? 'diverged' : 'training has not diverged → diverge'];
  }
}

// Each goal at one epoch's numbers (`diverged`: the engine's status then).
export function checkGoals(goals: readonly Goal[], config: PlaygroundConfig, row: GoalRow, diverged: boolean): GoalCheck[] {
  return goals.map((goal) => {
    const [holds, said] = check(goal, config, row, diverged);
    const limit = 'withinEpochs' in goal ? goal.withinEpochs : undefined;
    const inTime = limit === undefined || row.epoch <= limit;
    const text = `${goal.label ? `${goal.label}: ` : ''}${said}${limit === undefined ? '' : `, epoch ${row.epoch} of ${limit}`}`;
    return { goal, holds: holds && inTime, text: text.slice(0, LESSON_LIMITS.maxTitleChars * 2) };
  });
}

export const allHold = (checks: readonly GoalCheck[]): boolean => checks.length > 0 && checks.every((c) => c.holds);
