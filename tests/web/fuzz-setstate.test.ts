// Property-based fuzzing (seeded) of setState: sequences of patches, checked
// and planned as the page does (settings/patch.ts, settings/change.ts) and
// sent to the real engine in one call each. After every patch the engine's
// configuration equals what the page shows; a refusal is short and leaves both
// as they were; refused keys come with one short reason each.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Engine } from '../../web/src/engine/types';
import { planChange } from '../../web/src/settings/change';
import { reconcile, toConfig } from '../../web/src/settings/config';
import { sameConfig } from '../../web/src/settings/lesson';
import { MAX_NOTICE_LINE_CHARS } from '../../web/src/shared/messages';
import { validPatch } from '../../web/src/settings/patch';
import { decodePoints } from '../../web/src/settings/points-codec';
import { SETTING_IDS, defaults, specOf } from '../../web/src/settings/schema';
import { nodeEngine } from './engine-fixture';
import { SEED, engineRows, leaveRefusedReplay, patchArb } from './fuzz-arbitraries';

const RUNS = 300;
const MAX_REFUSAL = 300;

let engine: Engine;
let catalog: Catalog;
beforeAll(async () => {
  engine = await nodeEngine();
  catalog = engine.catalog();
});

describe('fuzz: setState patches', () => {
  it(`${RUNS} seeded sequences of up to 4 patches keep the engine and the page alike`, () => {
    const counts = { applied: 0, view: 0, refusedByEngine: 0, refusedKeys: 0, replaysLeft: 0 };
    fc.assert(
      fc.property(fc.array(patchArb(), { minLength: 1, maxLength: 4 }), (patches) => {
        let settings = reconcile(defaults(), catalog).settings;
        const pg = engine.createPlayground(toConfig(settings));
        try {
          for (const raw of patches) {
            const { patch, refused, reasons } = validPatch(raw);
            counts.refusedKeys += refused.length;
            expect(reasons).toHaveLength(refused.length);
            for (const r of reasons) expect(r.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
            for (const [k, v] of Object.entries(patch)) expect(specOf(k as never).check(v)).toBe(true);
            let plan = planChange(settings, patch, catalog);
            expect(plan.note.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
            for (const id of SETTING_IDS) expect(specOf(id).check(plan.next[id]), id).toBe(true);
            if (plan.kind === 'none' || plan.kind === 'view') {
              counts.view++;
              settings = plan.next;
              continue;
            }
            const before = pg.config();
            const replay = leaveRefusedReplay(pg, plan.next, plan.points);
            if (replay.left) {
              counts.replaysLeft++;
              plan = planChange(settings, replay.settings, catalog);
            }
            try {
              pg.configure(toConfig(plan.next), plan.points);
            } catch (e) {
              counts.refusedByEngine++;
              // Only your own points can conflict with the rest; everything else the page fits first.
              expect(plan.next.dataset, `refused: ${String(e)}`).toBe('custom');
              expect((e instanceof Error ? e.message : String(e)).length).toBeLessThanOrEqual(MAX_REFUSAL);
              expect(pg.config()).toEqual(before); // nothing half applied
              continue; // the page keeps its settings
            }
            counts.applied++;
            settings = plan.next;
            expect(sameConfig(pg.config(), toConfig(settings)), JSON.stringify({ engine: pg.config(), page: toConfig(settings) })).toBe(true);
            // The points the page shows (and would write into the address) are the engine's.
            if (settings.dataset === 'custom' && settings.points !== '') expect(engineRows(pg)).toEqual(decodePoints(settings.points));
          }
          pg.trainEpochs(1);
        } finally {
          pg.delete();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`fuzz setState: ${JSON.stringify(counts)}`);
    expect(counts.applied).toBeGreaterThan(RUNS / 2);
  });
});
