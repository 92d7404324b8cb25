// What the live region says, moment after moment, at each pace the student
// can set (components/announcer.ts), with a clock the test moves.
import { describe, expect, test } from 'vitest';

import { createAnnouncements, EVERY_MS, type AnnouncePace, type Moment } from '../../web/src/components/announcer';
import { createDescriber } from '../../web/src/components/map-describer';
import type { View } from '../../web/src/components/view';
import { spreadRows } from '../../web/src/components/history-table';

const moment = (m: Partial<Moment>): Moment => ({
  epoch: 0,
  running: false,
  diverged: false,
  statusMessage: '',
  trainLoss: 0.7,
  testLoss: 0.72,
  accuracy: 0.5,
  accuracyOf: 'test',
  ...m,
});

function run(pace: AnnouncePace, moments: [number, Partial<Moment>][]): (string | null)[] {
  let t = 0;
  const next = createAnnouncements(() => t);
  return moments.map(([at, m]) => {
    t = at;
    return next(moment(m), pace);
  });
}

describe('milestones', () => {
  test('start, loss halved, accuracy past 90 %, pause; nothing in between', () => {
    const said = run('milestones', [
      [0, { epoch: 0 }],
      [10, { epoch: 0, running: true }],
      [20, { epoch: 5, running: true, trainLoss: 0.5 }],
      [30, { epoch: 10, running: true, trainLoss: 0.34 }],
      [40, { epoch: 15, running: true, trainLoss: 0.3, accuracy: 0.91 }],
      [50, { epoch: 16, running: true, trainLoss: 0.29, accuracy: 0.92 }],
      [60, { epoch: 17, running: false, trainLoss: 0.29, testLoss: 0.31, accuracy: 0.92 }],
    ]);
    expect(said).toEqual([
      null,
      'Training started at epoch 0.',
      null,
      'Epoch 10: the training loss halved, to 0.34.',
      'Epoch 15: test accuracy passed 90 %, at 91.0 %.',
      null,
      'Paused at epoch 17: training loss 0.29, test loss 0.31, test accuracy 92.0 %.',
    ]);
  });

  test('divergence is said once, with the engine’s message; no pause after it', () => {
    const said = run('milestones', [
      [0, { running: true }],
      [10, { epoch: 3, running: true, diverged: true, statusMessage: 'The loss grew 1000 times.' }],
      [20, { epoch: 3, running: false, diverged: true, statusMessage: 'The loss grew 1000 times.' }],
    ]);
    expect(said).toEqual([null, 'Training diverged at epoch 3. The loss grew 1000 times.', null]);
  });

  test('a reset measures the halving from its own start again', () => {
    const said = run('milestones', [
      [0, { epoch: 40, running: false, trainLoss: 0.1 }],
      [10, { epoch: 0, trainLoss: 0.8 }],
      [20, { epoch: 0, running: true, trainLoss: 0.8 }],
      [30, { epoch: 4, running: true, trainLoss: 0.39 }],
    ]);
    expect(said[3]).toBe('Epoch 4: the training loss halved, to 0.39.');
  });
});

describe('every 5 s and off', () => {
  test('every 5 s while training: the epoch and the losses', () => {
    const said = run('every5s', [
      [0, { running: true, epoch: 1 }],
      [EVERY_MS - 1, { running: true, epoch: 50 }],
      [EVERY_MS, { running: true, epoch: 51, trainLoss: 0.2, testLoss: 0.25, accuracy: 0.875 }],
      [3 * EVERY_MS, { running: false, epoch: 90 }],
    ]);
    expect(said).toEqual([
      'Epoch 1: training loss 0.7, test loss 0.72, test accuracy 50.0 %.',
      null,
      'Epoch 51: training loss 0.2, test loss 0.25, test accuracy 87.5 %.',
      null,
    ]);
  });

  test('off: nothing, not even divergence', () => {
    const said = run('off', [
      [0, { running: true }],
      [10, { running: true, epoch: 2, diverged: true }],
    ]);
    expect(said).toEqual([null, null]);
  });
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the describer asks the engine at most every few seconds', () => {
  test('while training by the clock; paused, at each new snapshot', async () => {
    let t = 0;
    let asked = 0;
    const d = createDescriber({ describe: async () => (asked++, { description: { output: {} as never, maps: [] }, epoch: asked }) }, () => t);
    const v = (running: boolean, snapshot: object) => ({ running, snapshot, settings: {} }) as unknown as View;
    const s1 = {};
    d.update(v(true, s1));
    await flush();
    for (t = 100; t < 2900; t += 16) d.update(v(true, {}));
    await flush();
    expect(asked).toBe(1);
    t = 3000;
    d.update(v(true, {}));
    await flush();
    expect(asked).toBe(2);
    const paused = v(false, {});
    d.update(paused); // training stopped: at once
    await flush();
    d.update(paused); // nothing new
    await flush();
    expect(asked).toBe(3);
    d.update(v(false, {})); // a step: a new snapshot
    await flush();
    expect(asked).toBe(4);
    expect(d.latest()?.epoch).toBe(4);
  });
});

test('the history table spreads its rows evenly, first and last kept', () => {
  expect(spreadRows(3)).toEqual([0, 1, 2]);
  const rows = spreadRows(1001, 5);
  expect(rows).toEqual([0, 250, 500, 750, 1000]);
});
