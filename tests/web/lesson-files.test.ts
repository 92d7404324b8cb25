// The built-in lesson files give exactly the lessons the TypeScript course
// gave before they became files (fixtures/lessons-before.json holds what it
// gave: every preset's engine configuration, points, weights and texts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../web/src/lessons/builtin';

interface Before {
  id: string;
  number: number;
  title: string;
  summary: string;
  tryThis: string[];
  expect: string;
  compare: { a: string; b: string } | null;
  variants: { id: string; label: string; config: unknown; points: unknown; weights: unknown; epochs: number; expect: string }[];
}
const BEFORE = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/lessons-before.json'), 'utf8')) as Before[];

describe('the built-in lesson files', () => {
  it('are the ten lessons, in their order', () => {
    expect(LESSONS.map((l) => [l.number, l.id])).toEqual(BEFORE.map((l) => [l.number, l.id]));
  });

  for (const old of BEFORE) {
    it(`${old.id}: the same texts, presets and comparison`, () => {
      const l = LESSONS.find((x) => x.id === old.id)!;
      expect([l.title, l.summary, l.tryThis, l.expect, l.compare ?? null]).toEqual([old.title, old.summary, old.tryThis, old.expect, old.compare]);
      expect(l.variants.map((v) => v.id)).toEqual(old.variants.map((v) => v.id));
      for (const [i, was] of old.variants.entries()) {
        const v = l.variants[i]!;
        // Exactly the engine configuration, points and weights the preset had.
        expect(v.config, `${old.id}/${was.id}`).toEqual(was.config);
        expect(v.points ?? null).toEqual(was.points);
        expect(v.weights ?? null).toEqual(was.weights);
        expect([v.label, v.epochs, v.expect]).toEqual([was.label, was.epochs, was.expect]);
      }
    });
  }
});
