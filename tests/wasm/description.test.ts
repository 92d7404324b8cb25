// The engine's description (engine/describe.cpp): the committed TypeScript
// module is what the engine describes today; the engine's validate() keeps to
// every range it describes; the page's task rule built on it
// (web/src/settings/task.ts) offers exactly the outputs the engine accepts;
// and a refusal carries a code the page can decide by.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { applyPatch, engineDefaults } from '../../web/src/courses/preset-config';
import { ENGINE, type RangeKey } from '../../web/src/engine/description.generated';
import { EngineError } from '../../web/src/engine/engine-error';
import type { WasmEngine } from '../../web/src/engine/index';
import type { ConfigPatch, OutputId, PlaygroundConfig } from '../../web/src/engine/types';
import { taskOf, validOutputs } from '../../web/src/shared/task';
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
    expect(p.config()).toEqual(engineDefaults());
    p.delete();
  });
});

describe('the engine keeps to its description', () => {
  const base = engineDefaults();
  const blobs = applyPatch(base, { dataset: 'blobs', classes: 3, output: 'softmax_ce' });
  const leaky = applyPatch(base, { hidden: [{ width: 3, activation: 'leaky_relu' }] });

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
    it(`${key}: the engine accepts the described bounds and refuses just outside, naming the field`, () => {
      const r = ENGINE.ranges[key];
      const step = r.integer ? 1 : Math.max(1e-9, Math.abs(r.max) * 1e-6);
      const inside = [r.minOpen ? r.min + step : r.min, r.max, ...(r.integer ? [] : [(r.min + r.max) / 2])];
      const outside = [r.minOpen ? r.min : r.min - step, r.max + step, ...(r.integer ? [r.min + 0.5] : [])];
      for (const v of inside) expect(engineSays(make(v)), `${key} = ${v}`).toBeNull();
      for (const v of outside) {
        if (key === 'hidden_layers' && (v < 0 || !Number.isInteger(v))) continue; // a count: no fractions or negatives
        const theirs = engineSays(make(v));
        expect(theirs, `${key} = ${v}`).not.toBeNull();
        expect(field(theirs), `${key} = ${v}`).toMatch(new RegExp(`(^|\\.)${key === 'hidden_layers' ? 'hidden \\(number of layers\\)' : key}$`));
      }
    });
  }

  it('the page offers exactly the outputs the engine accepts, on every task and network', () => {
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
        for (const output of ENGINE.outputs.map((o) => o.id as OutputId)) {
          const c = applyPatch(base, { ...task, hidden, output });
          const theirs = engineSays(c);
          const offered = validOutputs(taskOf(c, ENGINE), hidden.length, ENGINE).includes(output);
          expect(theirs === null, JSON.stringify({ task, output, layers: hidden.length, theirs })).toBe(offered);
          if (theirs) refused++;
        }
    expect(refused).toBeGreaterThan(10); // the table has refusals to agree on
  });

  it('unknown ids and repeated features are refused, naming the field', () => {
    const bad: [PlaygroundConfig, string][] = [
      [{ ...base, dataset: 'nope' as never }, 'dataset'],
      [{ ...base, features: ['x1', 'x1'] }, 'features'],
      [{ ...base, hidden: [{ width: 2, activation: 'nope' as never }] }, 'hidden[0].activation'],
      [{ ...base, optimizer: { ...base.optimizer, kind: 'nope' as never } }, 'optimizer.kind'],
      [{ ...base, init: 'nope' as never }, 'init'],
      [{ ...base, regularization: 'nope' as never }, 'regularization'],
    ];
    for (const [c, name] of bad) expect(engineSays(c) ?? '', name).toMatch(new RegExp(`^${name.replace(/[[\].]/g, '\\$&')}`));
  });
});

describe('refusals carry a code from the description', () => {
  const refusal = (c: PlaygroundConfig): EngineError => {
    const p = e.createPlayground();
    try {
      p.configure(c);
    } catch (err) {
      return err as EngineError;
    } finally {
      p.delete();
    }
    throw new Error('the engine accepted the configuration');
  };

  it('a replay rule: tfp_replay, with the cause alone as its reason', () => {
    const c = applyPatch(engineDefaults(), { tfp_seed: '0.5', shuffle: false, samples: 400 });
    const err = refusal(c);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.code).toBe('tfp_replay');
    expect(err.reason).toBe('TensorFlow Playground uses 500 points for this data set');
    expect(err.message).toContain('tfp_seed');
  });

  it('any other refusal: invalid, with no reason; every code is one the description lists', () => {
    const err = refusal(applyPatch(engineDefaults(), { batch_size: 0 }));
    expect(err.code).toBe('invalid');
    expect(err.reason).toBe('');
    expect(ENGINE.errorCodes).toContain(err.code);
  });
});
