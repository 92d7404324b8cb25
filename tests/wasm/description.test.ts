// The engine's description (engine/describe.cpp): the committed TypeScript
// module is what the engine describes today, and the page's offline checks
// built on it (web/src/courses/engine-rules.ts) agree with the engine's own
// validate() on every range, id and output/task rule.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import * as rules from '../../web/src/courses/engine-rules';
import { ENGINE, type RangeKey } from '../../web/src/engine/description.generated';
import type { WasmEngine } from '../../web/src/engine/index';
import type { ConfigPatch, PlaygroundConfig } from '../../web/src/engine/types';
import { ROOT, engine } from './helpers';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

// The engine's verdict on a full configuration: null, or its message.
function engineSays(c: PlaygroundConfig): string | null {
  const p = e.createPlayground();
  try {
    p.configure(c);
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    p.delete();
  }
}

function rulesSay(c: PlaygroundConfig): string | null {
  try {
    rules.checkConfig(c);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

// The field a refusal names (number formatting differs between C++ and JS).
const field = (message: string | null) => message?.split(': got ')[0] ?? null;

describe('description.generated.ts', () => {
  it('is what the engine describes (regenerated and compared: npm run describe rewrites it)', () => {
    let out = '';
    try {
      execFileSync(process.execPath, [resolve(ROOT, 'scripts/describe-engine.mjs'), '--check'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      out = String((err as { stderr?: string }).stderr ?? err);
    }
    expect(out).toBe('');
  });

  it('its defaults are the configuration of a new playground', () => {
    const p = e.createPlayground();
    expect(p.config()).toEqual(rules.engineDefaults());
    p.delete();
  });
});

describe('checkConfig (the description) and the engine agree', () => {
  const base = rules.engineDefaults();
  const blobs = rules.applyPatch(base, { dataset: 'blobs', classes: 3, output: 'softmax_ce' });
  const leaky = rules.applyPatch(base, { hidden: [{ width: 3, activation: 'leaky_relu' }] });

  // Where each range of the description applies, as a patch for a value.
  const at: Record<RangeKey, ((v: number) => PlaygroundConfig) | null> = {
    classes: (v) => ({ ...blobs, classes: v }),
    samples: (v) => ({ ...base, samples: v }),
    noise: (v) => ({ ...base, noise: v }),
    train_ratio: (v) => ({ ...base, train_ratio: v }),
    seed: (v) => ({ ...base, seed: v }),
    hidden_layers: (v) => ({ ...base, hidden: Array.from({ length: v }, () => ({ width: 2, activation: 'tanh' as const })) }),
    width: (v) => ({ ...base, hidden: [{ width: v, activation: 'tanh' }] }),
    alpha: (v) => ({ ...leaky, hidden: [{ width: 3, activation: 'leaky_relu', alpha: v }] }),
    learning_rate: (v) => ({ ...base, optimizer: { ...base.optimizer, learning_rate: v } }),
    momentum: (v) => ({ ...base, optimizer: { ...base.optimizer, momentum: v } }),
    rho: (v) => ({ ...base, optimizer: { ...base.optimizer, rho: v } }),
    beta1: (v) => ({ ...base, optimizer: { ...base.optimizer, beta1: v } }),
    beta2: (v) => ({ ...base, optimizer: { ...base.optimizer, beta2: v } }),
    epsilon: (v) => ({ ...base, optimizer: { ...base.optimizer, epsilon: v } }),
    batch_size: (v) => ({ ...base, batch_size: v }),
    reg_rate: (v) => ({ ...base, reg_rate: v }),
    grid: null, // an argument of grid(), not a configuration field: tests/wasm/grid.test.ts
  };

  for (const key of Object.keys(ENGINE.ranges) as RangeKey[]) {
    const make = at[key];
    if (!make) continue;
    it(`${key}: both accept the bounds and refuse just outside, naming the same field`, () => {
      const r = ENGINE.ranges[key];
      const step = r.integer ? 1 : Math.max(1e-9, Math.abs(r.max) * 1e-6);
      const inside = [r.minOpen ? r.min + step : r.min, r.max, ...(r.integer ? [] : [(r.min + r.max) / 2])];
      const outside = [r.minOpen ? r.min : r.min - step, r.max + step, ...(r.integer ? [r.min + 0.5] : [])];
      for (const v of inside) {
        expect(rulesSay(make(v)), `${key} = ${v}`).toBeNull();
        expect(engineSays(make(v)), `${key} = ${v}`).toBeNull();
      }
      for (const v of outside) {
        if (key === 'hidden_layers' && (v < 0 || !Number.isInteger(v))) continue; // a count: no fractions or negatives
        const ours = rulesSay(make(v));
        const theirs = engineSays(make(v));
        expect(ours, `${key} = ${v}`).not.toBeNull();
        expect(theirs, `${key} = ${v}`).not.toBeNull();
        expect(field(ours), `${key} = ${v}`).toBe(field(theirs));
      }
    });
  }

  it('every output on every task and network, as the engine decides', () => {
    const tasks: ConfigPatch[] = [
      { dataset: 'circle' },
      { dataset: 'blobs', classes: 2 },
      { dataset: 'multi_spiral', classes: 4 },
      { dataset: 'reg_plane' },
      { dataset: 'custom', problem: 'regression' },
    ];
    let refused = 0;
    for (const task of tasks)
      for (const hidden of [[], base.hidden])
        for (const output of rules.OUTPUT_IDS) {
          const c = rules.applyPatch(base, { ...task, hidden, output });
          const theirs = engineSays(c);
          expect(field(rulesSay(c)), JSON.stringify({ task, output, layers: hidden.length })).toBe(field(theirs));
          if (theirs) refused++;
        }
    expect(refused).toBeGreaterThan(10); // the table has refusals to agree on
  });

  it('unknown ids and repeated features are refused by both', () => {
    const bad: PlaygroundConfig[] = [
      { ...base, dataset: 'nope' as never },
      { ...base, features: ['x1', 'x1'] },
      { ...base, hidden: [{ width: 2, activation: 'nope' as never }] },
      { ...base, optimizer: { ...base.optimizer, kind: 'nope' as never } },
      { ...base, init: 'nope' as never },
      { ...base, regularization: 'nope' as never },
    ];
    for (const c of bad) {
      expect(rulesSay(c)).not.toBeNull();
      expect(field(rulesSay(c))).toBe(field(engineSays(c)));
    }
  });
});
