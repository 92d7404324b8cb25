// One-off: the TypeScript lessons written as lesson files, and what they gave, as a fixture.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { LESSONS, LESSON_COMPARISONS } from '../../web/src/courses/lessons';
import type { Lesson } from '../../web/src/lessons/format';
import { lessonText } from '../../web/src/lessons/lesson-file';
import { parseLesson } from '../../web/src/lessons/parse-lesson';
import { settingsFromConfig } from '../../web/src/settings/lesson';
import { defaults } from '../../web/src/settings/schema';

it('converts', () => {
  const before: unknown[] = [];
  for (const old of LESSONS) {
    const lesson: Lesson = {
      id: old.id,
      number: old.number,
      title: old.title,
      summary: old.summary,
      tryThis: old.tryThis,
      expect: old.expect,
      variants: old.variants.map((v) => ({
        id: v.id,
        label: v.label,
        settings: { ...defaults(), ...settingsFromConfig(v.config, v.points), points: '' },
        config: v.config,
        ...(v.points ? { points: v.points } : {}),
        ...(v.weights ? { weights: v.weights } : {}),
        epochs: v.epochs,
        expect: v.expect,
      })),
      ...(LESSON_COMPARISONS.get(old.id) ? { compare: LESSON_COMPARISONS.get(old.id)! } : {}),
      controls: { locked: [], hidden: [] },
      goals: [],
    };
    const text = lessonText(lesson);
    writeFileSync(resolve(import.meta.dirname, `../../web/src/lessons/builtin/${String(old.number).padStart(2, '0')}-${old.id}.json`), text);
    const back = parseLesson(text);
    if (!back.ok) throw new Error(back.error.message);
    before.push({
      id: old.id,
      number: old.number,
      title: old.title,
      summary: old.summary,
      tryThis: old.tryThis,
      expect: old.expect,
      compare: LESSON_COMPARISONS.get(old.id) ?? null,
      variants: old.variants.map(({ id, label, config, points, weights, epochs, expect }) => ({
        id,
        label,
        config,
        points: points ?? null,
        weights: weights ?? null,
        epochs,
        expect,
      })),
    });
  }
  writeFileSync(resolve(import.meta.dirname, 'fixtures/lessons-before.json'), JSON.stringify(before, null, 1) + '\n');
  expect(before).toHaveLength(10);
});
