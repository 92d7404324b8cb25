// Follows a lesson's exercise as the engine trains: every new epoch of the
// engine's history is checked against the goals, the first at which all hold
// is kept (and told once, as the `goal` event), and a deadline passed without
// it is said. A reset (the epoch going back) or another lesson starts it over.
import type { EpochStats } from '../engine/types';
import { lessonOf } from '../lessons/choice';
import type { Lesson } from '../lessons/format';
import { allHold, checkGoals, deadline, type GoalEvent, type GoalReport, type GoalRow } from '../lessons/goals';
import type { Snapshot } from '../worker/protocol';
import type { SessionStore } from './session-store';

const COLUMNS = ['epoch', 'train_loss', 'test_loss', 'train_accuracy', 'test_accuracy'] as const;

// The engine's history rows that came with a snapshot, as epochs' numbers.
function newRows(snap: Snapshot): GoalRow[] {
  const [epoch, trainLoss, testLoss, trainAccuracy, testAccuracy] = COLUMNS.map((c) => snap.history.columns[c]);
  if (!epoch || !trainLoss || !testLoss || !trainAccuracy || !testAccuracy) return [];
  return Array.from(epoch, (e, i) => ({
    epoch: e,
    trainLoss: trainLoss[i]!,
    testLoss: testLoss[i]!,
    trainAccuracy: trainAccuracy[i]!,
    testAccuracy: testAccuracy[i]!,
  }));
}

export function trackGoals(store: SessionStore, emit: (g: GoalEvent) => void): { report(): GoalReport | null } {
  let report: GoalReport | null = null;
  let key = '';
  let lastEpoch = -1;
  const reachedAt = (lesson: Lesson, snap: Snapshot, row: GoalRow, diverged: boolean): GoalEvent | null => {
    const limit = deadline(lesson.goals) ?? Infinity;
    if (row.epoch > limit || !allHold(checkGoals(lesson.goals, snap.config, row, diverged))) return null;
    const stats: EpochStats = { ...row };
    // copies: what a host's listener does with the event never changes the lesson
    return { lesson: lesson.id, goals: structuredClone(lesson.goals), epoch: row.epoch, stats };
  };
  store.on('snapshot', (snap) => {
    const chosen = lessonOf(store.settings);
    if (!chosen || chosen.lesson.goals.length === 0) {
      report = null;
      key = '';
      return;
    }
    const { lesson } = chosen;
    const nowKey = `${lesson.id}/${chosen.variant.id}`;
    // Another lesson or preset, or the epoch going back (a reset, a preset loaded again): from the start.
    if (nowKey !== key || snap.epoch < lastEpoch || !report) report = { lesson, checks: [], epoch: 0, reached: null, missed: null };
    key = nowKey;
    lastEpoch = snap.epoch;
    const diverged = snap.status === 'diverged';
    if (!report.reached) {
      for (const row of newRows(snap)) report.reached ??= reachedAt(lesson, snap, row, false);
      report.reached ??= reachedAt(lesson, snap, { ...snap.stats, epoch: snap.epoch }, diverged);
      if (report.reached) emit(report.reached);
    }
    const limit = deadline(lesson.goals);
    report.missed = !report.reached && limit !== undefined && snap.epoch > limit ? limit : null;
    report.checks = checkGoals(lesson.goals, snap.config, { ...snap.stats, epoch: snap.epoch }, diverged);
    report.epoch = snap.epoch;
  });
  return { report: () => report };
}
