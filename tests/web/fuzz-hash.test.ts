// Property-based fuzzing (seeded) of the URL hash: every hash ends in settings
// that the real engine accepts and that equal what the page shows and writes
// back, or in a short refusal that leaves the engine as it was; the notice
// stays short whatever the hash holds.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Engine } from '../../web/src/engine/types';
import { reconcile, toConfig } from '../../web/src/settings/config';
import { sameConfig } from '../../web/src/settings/lesson';
import { MAX_NOTICE_LINE_CHARS, MAX_NOTICE_LINES, boundLines } from '../../web/src/shared/messages';
import { decodePoints } from '../../web/src/settings/points-codec';
import { SETTING_IDS, specOf } from '../../web/src/settings/schema';
import { parseHash, toHash } from '../../web/src/settings/url';
import { nodeEngine } from './engine-fixture';
import { SEED, engineRows, hashArb, leaveRefusedReplay } from './fuzz-arbitraries';

const RUNS = 400;
// A refusal names what was wrong in a line or two, never an echo of the input.
const MAX_REFUSAL = 300;

let engine: Engine;
let catalog: Catalog;
beforeAll(async () => {
  engine = await nodeEngine();
  catalog = engine.catalog();
});

describe('fuzz: the URL hash', () => {
  it(`${RUNS} seeded hashes: accepted as shown, or refused briefly, never a throw`, () => {
    let accepted = 0;
    let refused = 0;
    let replaysLeft = 0;
    fc.assert(
      fc.property(hashArb(), (hash) => {
        const { settings, notices } = parseHash(hash);
        const shown = boundLines(notices);
        expect(shown.length).toBeLessThanOrEqual(MAX_NOTICE_LINES);
        for (const line of shown) expect(line.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
        const fitted = reconcile(settings, catalog);
        // The engine takes it in one call, or refuses it whole.
        const pg = engine.createPlayground();
        try {
          const before = pg.config();
          const rows = fitted.settings.dataset === 'custom' && fitted.settings.points !== '' ? decodePoints(fitted.settings.points) : undefined;
          const replay = leaveRefusedReplay(pg, fitted.settings, rows);
          if (replay.left) replaysLeft++;
          const s = replay.settings;
          for (const id of SETTING_IDS) expect(specOf(id).check(s[id]), `${id} = ${JSON.stringify(s[id])}`).toBe(true);
          // What the page writes back into the address reads back the same.
          const written = toHash(s);
          expect(toHash(reconcile(parseHash(written).settings, catalog).settings)).toBe(written);
          expect(parseHash(written).notices).toEqual([]);
          try {
            pg.configure(toConfig(s), rows);
          } catch (e) {
            refused++;
            const message = e instanceof Error ? e.message : String(e);
            // Only your own points can conflict with the rest; everything else the page fits first.
            expect(rows, `refused without custom points: ${message}`).toBeDefined();
            expect(message.length).toBeLessThanOrEqual(MAX_REFUSAL);
            expect(pg.config()).toEqual(before);
            return;
          }
          accepted++;
          expect(sameConfig(pg.config(), toConfig(s)), JSON.stringify({ engine: pg.config(), page: toConfig(s) })).toBe(true);
          // The points the page shows (and would write into the address) are the engine's.
          if (rows) expect(engineRows(pg)).toEqual(rows);
          pg.trainEpochs(1);
          expect(pg.epoch()).toBe(1);
        } finally {
          pg.delete();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`fuzz hash: ${accepted} accepted by the engine, ${refused} refused, ${replaysLeft} replays ended by the engine`);
    expect(accepted).toBeGreaterThan(RUNS / 2); // the generator reaches the engine, not just the parser
  });
});
