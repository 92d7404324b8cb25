// The redraw paces (components/pace.ts): a part redraws at most at its rate
// while training, and slower while frames run late; the frames' lag follows
// the animation frames' time stamps.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type PaceModule = typeof import('../../web/src/components/pace');
let pace: PaceModule;

beforeEach(async () => {
  vi.resetModules(); // the frames' state is the module's: a fresh one per test
  pace = await import('../../web/src/components/pace');
});

// How many of `frames` frames `interval` ms apart a part at `hz` redraws in, at a fixed lag.
function redraws(hz: number, interval: number, frames: number, lag: number): number {
  let t = 0;
  const p = pace.createPace(
    hz,
    () => t,
    () => lag,
  );
  let n = 0;
  for (let i = 0; i < frames; i++, t += interval) if (p.due(true)) n++;
  return n;
}

describe('redraw pace', () => {
  it('redraws at most at its rate while running, every time when paused', () => {
    expect(redraws(10, 1000 / 60, 60, 1)).toBe(10); // one second of 60 frames
    let t = 0;
    const p = pace.createPace(
      10,
      () => t,
      () => 1,
    );
    expect([p.due(false), p.due(false), p.due(false)]).toEqual([true, true, true]);
    t = 1;
    expect(p.due(true)).toBe(false);
  });

  it('stretches its interval by the lag', () => {
    expect(redraws(10, 1000 / 60, 60, 2)).toBe(5);
    expect(redraws(10, 1000 / 60, 60, 4)).toBe(3); // at 0, 400 and 800 ms
  });

  it('lags 1 while frames keep to 60 a second, more as they run late, at most 4', () => {
    let t = 1000;
    for (let i = 0; i < 100; i++) pace.noteFrame((t += 1000 / 60));
    expect(pace.frameLag()).toBeCloseTo(1, 5);
    for (let i = 0; i < 100; i++) pace.noteFrame((t += 50));
    expect(pace.frameLag()).toBeCloseTo(3, 2);
    for (let i = 0; i < 100; i++) pace.noteFrame((t += 200));
    expect(pace.frameLag()).toBe(4);
  });

  it('counts a frame once for every loop of the page, and a long gap not at all', () => {
    let t = 1000;
    for (let i = 0; i < 100; i++) {
      t += 50;
      pace.noteFrame(t);
      pace.noteFrame(t); // a second playground's loop in the same frame
    }
    expect(pace.frameLag()).toBeCloseTo(3, 2);
    pace.noteFrame((t += 5000)); // a pause, then training again
    expect(pace.frameLag()).toBeCloseTo(3, 2);
  });
});
