// A lesson's exercise in the page: each goal checked against the engine's
// numbers (lessons/goals.ts), and followed as the engine trains through the
// session store and a fake worker running the real engine (page/goal-tracker.ts):
// reached once, told once, missed after its deadline, started over by a reset.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, PlaygroundConfig } from '../../web/src/engine/types';
import { engineDefaults } from '../../web/src/courses/preset-config';
import type { Goal } from '../../web/src/lessons/format';
import { checkGoals, deadline, type GoalEvent } from '../../web/src/lessons/goals';
import { lessonById } from '../../web/src/lessons/registry';
import { trackGoals } from '../../web/src/page/goal-tracker';
import { createSessionStore } from '../../web/src/page/session-store';
import { defaults } from '../../web/src/settings/schema';
import { toHash } from '../../web/src/settings/url';
import { nodeEngine } from './engine-fixture';
import { fakeWorker } from './fake-worker';

const config = (patch: Partial<PlaygroundConfig>): PlaygroundConfig => ({ ...engineDefaults(), ...patch });
const row = { epoch: 140, trainLoss: 0.2, testLoss: 0.23, trainAccuracy: 0.95, testAccuracy: 0.875 };

describe('checking goals against the engine’s numbers', () => {
  it('says each goal with its number, its target and its epoch', () => {
    const goals: Goal[] = [
      { kind: 'testLossBelow', value: 0.1, withinEpochs: 500 },
      { kind: 'accuracyAbove', on: 'train', value: 0.9 },
      { kind: 'maxHiddenNeurons', value: 5 },
      { kind: 'onlyFeatures', features: ['x1', 'x2'] },
      { kind: 'noRegularization', label: 'No penalty' },
      { kind: 'diverge' },
    ];
    const checks = checkGoals(
      goals,
      config({ hidden: [{ width: 4, activation: 'tanh' }], features: ['x1', 'x2'], regularization: 'l2', reg_rate: 0.01 }),
      row,
      false,
    );
    expect(checks.map((c) => [c.text, c.holds])).toEqual([
      ['test loss 0.230 → below 0.1, epoch 140 of 500', false],
      ['training accuracy 95 % → above 90 %', true],
      ['hidden neurons 4 → at most 5', true],
      ['features x1, x2 → only x1, x2', true],
      ['No penalty: regularization l2 at 0.01 → none', false],
      ['training has not diverged → diverge', false],
    ]);
  });

  it('a timed goal holds only up to its epoch; the deadline is the earliest', () => {
    const goals: Goal[] = [
      { kind: 'testLossBelow', value: 0.5, withinEpochs: 100 },
      { kind: 'diverge', withinEpochs: 300 },
    ];
    expect(checkGoals(goals, config({}), { ...row, epoch: 100 }, true).map((c) => c.holds)).toEqual([true, true]);
    expect(checkGoals(goals, config({}), { ...row, epoch: 101 }, true).map((c) => c.holds)).toEqual([false, true]);
    expect(deadline(goals)).toBe(100);
    expect(deadline([{ kind: 'noRegularization' }])).toBeUndefined();
  });
});

describe('following an exercise as the engine trains', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  async function rig(lessonId: string, variantId: string) {
    const worker = fakeWorker(engine);
    const store = createSessionStore(defaults(), { toHash, notice: { set: () => undefined, clear: () => undefined } });
    const events: GoalEvent[] = [];
    const tracker = trackGoals(store, (g) => events.push(g));
    await store.start(worker, engine.catalog(), worker.snapshot(), []);
    const lesson = lessonById(lessonId)!;
    await store.loadLesson(
      lesson,
      lesson.variants.find((v) => v.id === variantId)!,
    );
    const train = (epochs: number) => store.call({ kind: 'train', epochs });
    return { store, tracker, events, train };
  }

  it('diverging on purpose (lesson 8, too large): reached and told once, at the engine’s epoch', async () => {
    const { store, tracker, events, train } = await rig('learning-rate', 'too-large');
    expect(tracker.report()?.reached).toBeNull();
    await train(3);
    await train(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ lesson: 'learning-rate', goals: [{ kind: 'diverge', withinEpochs: 5 }] });
    expect(events[0]!.epoch).toBeLessThanOrEqual(5);
    // the event's goals are a copy: a host changing them changes nothing of the lesson
    (events[0]!.goals[0] as { withinEpochs?: number }).withinEpochs = 1;
    expect(lessonById('learning-rate')!.goals).toEqual([expect.objectContaining({ kind: 'diverge', withinEpochs: 5 })]);
    expect(tracker.report()?.checks.map((c) => c.holds)).toEqual([true]);
    await train(1); // trained on: still reached, not told again
    expect(events).toHaveLength(1);
    // A reset puts the exercise back to its start: reached again, told again.
    await store.call({ kind: 'reset' });
    expect(tracker.report()?.reached).toBeNull();
    await train(5);
    expect(events).toHaveLength(2);
  });

  it('a deadline passed is missed; a reset starts the exercise over', async () => {
    const { store, tracker, events, train } = await rig('sigmoid-loss', 'squared-error');
    await train(11);
    expect(tracker.report()?.missed).toBe(10);
    expect(tracker.report()?.reached).toBeNull();
    await store.call({ kind: 'reset' });
    expect(tracker.report()?.missed).toBeNull();
    expect(tracker.report()?.epoch).toBe(0);
    expect(events).toEqual([]);
  });
});
