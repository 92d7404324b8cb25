// The built-in exercises in the real engine: each lesson's goals are reached
// by its solution (a preset, and the settings a student changes) within the
// goals' epochs, and not by the lesson's own preset left as it is. The goals
// are checked from the engine's own numbers, as the page checks them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyPreset } from '../../web/src/courses/preset-load';
import { loadEngine } from '../../web/src/engine/index';
import type { Engine } from '../../web/src/engine/types';
import { LESSONS } from '../../web/src/lessons/builtin';
import { lessonSettings } from '../../web/src/lessons/choice';
import type { Lesson, LessonVariant } from '../../web/src/lessons/format';
import { allHold, checkGoals, deadline } from '../../web/src/lessons/goals';
import { toConfig } from '../../web/src/settings/config';
import { defaults } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine({ wasmBinary: readFileSync(resolve(import.meta.dirname, '../../build/wasm/nnp.wasm')) });
});

// Each exercise's solution: a preset and what the student changes (as a link's keys).
const SOLUTIONS: Record<string, { preset: string; change: string }> = {
  'sigmoid-loss': { preset: 'cross-entropy', change: '' },
  'linear-layers': { preset: 'tanh', change: '' },
  'learning-rate': { preset: 'too-large', change: '' },
  regularization: { preset: 'l1', change: 'features=x1sq,x2sq' },
};

// Trains the preset (changed by `change`) epoch by epoch; the first epoch at which every goal holds, or null.
function firstReached(lesson: Lesson, v: LessonVariant, change: string, limit: number): number | null {
  const s = parseHash(change, { ...defaults(), ...lessonSettings(lesson, v) }).settings;
  const config = toConfig(s);
  const p = engine.createPlayground();
  try {
    applyPreset(p, change === '' ? v : { config, ...(v.points ? { points: v.points } : {}) });
    for (let e = 1; e <= limit; e++) {
      const status = p.trainEpochs(1);
      const row = { ...p.evaluate(), epoch: p.epoch() };
      if (allHold(checkGoals(lesson.goals, p.config(), row, status === 'diverged'))) return p.epoch();
      if (status === 'diverged') return null;
    }
    return null;
  } finally {
    p.delete();
  }
}

describe('the built-in exercises', () => {
  const withGoals = LESSONS.filter((l) => l.goals.length > 0);

  it('at least four lessons have an exercise, each with a solution here', () => {
    expect(withGoals.length).toBeGreaterThanOrEqual(4);
    expect(withGoals.map((l) => l.id).sort()).toEqual(Object.keys(SOLUTIONS).sort());
  });

  for (const lesson of withGoals) {
    const sol = SOLUTIONS[lesson.id]!;
    const limit = deadline(lesson.goals) ?? 500;
    it(`${lesson.id}: the solution reaches every goal within ${limit} epochs; the lesson's own preset as it is does not`, () => {
      const v = lesson.variants.find((x) => x.id === sol.preset)!;
      const at = firstReached(lesson, v, sol.change, limit);
      expect(at, 'the solution').not.toBeNull(); // firstReached looks no further than the limit
      expect(firstReached(lesson, lesson.variants[0]!, '', limit), 'the first preset untouched').toBeNull();
    });
  }
});
