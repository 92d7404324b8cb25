// The pace of continuous training (worker/stream.ts): how far the worker trains
// ahead of the page, and when the page's request for a picture is answered.
import { describe, expect, it } from 'vitest';
import { MIN_REPLY_INTERVAL_MS, StreamPace } from '../../web/src/worker/stream';

// A worker and a page on a simulated clock: the worker trains while the pace
// wants it (msPerEpoch each) and answers when due; the page asks for its next
// picture pageMs after an answer (drawing it). `asks: false`: the page never asks.
function simulate(ahead: number, msPerEpoch: number, pageMs: number, untilMs: number, asks = true) {
  let clock = 0;
  const state = { epoch: 0, training: true };
  const pace = new StreamPace(0, ahead, 0);
  let id = 1;
  if (asks) pace.ask(id++, ahead);
  let nextAsk = Infinity;
  const answers: { t: number; epoch: number }[] = [];
  while (clock < untilMs) {
    if (nextAsk <= clock) {
      pace.ask(id++, ahead);
      nextAsk = Infinity;
    }
    if (pace.due(state, clock)) {
      answers.push({ t: clock, epoch: state.epoch });
      pace.replied(state.epoch, clock);
      if (asks) nextAsk = clock + pageMs;
    } else if (pace.wantsTraining(state)) {
      state.epoch++;
      clock += msPerEpoch;
    } else clock = Math.min(Math.max(nextAsk, clock + 0.1), untilMs);
  }
  return { answers, epoch: state.epoch };
}

describe('continuous training pace', () => {
  it('at one epoch a picture every answer shows exactly one new epoch, the next trained while the page draws', () => {
    const { answers, epoch } = simulate(1, 0.3, 16, 1000);
    expect(answers.length).toBeGreaterThanOrEqual(60);
    answers.forEach((a, i) => expect(a.epoch).toBe(i + 1));
    expect(epoch - answers[answers.length - 1]!.epoch).toBeLessThanOrEqual(1);
    // the answer comes at once: its epoch was trained while the page drew the last one
    for (let i = 1; i < answers.length; i++) expect(answers[i]!.t - answers[i - 1]!.t).toBeCloseTo(16, 5);
  });

  it('never trains more than `ahead` epochs past the last answer when the page does not ask', () => {
    expect(simulate(20, 0.3, 16, 10_000, false).epoch).toBe(20);
  });

  it('at the fastest setting trains without waiting for the page and answers about every MIN_REPLY_INTERVAL_MS', () => {
    const { answers, epoch } = simulate(1000, 0.5, 16, 1000);
    expect(epoch).toBe(2000); // 1 s at 0.5 ms an epoch: no time lost waiting for the page
    expect(answers.length).toBeGreaterThanOrEqual(Math.floor((0.9 * 1000) / MIN_REPLY_INTERVAL_MS));
    expect(answers.length).toBeLessThanOrEqual(1000 / MIN_REPLY_INTERVAL_MS + 1);
    for (let i = 1; i < answers.length; i++) expect(answers[i]!.t - answers[i - 1]!.t).toBeGreaterThanOrEqual(MIN_REPLY_INTERVAL_MS);
  });

  it('answers at once when training cannot go on (diverged or at the epoch limit)', () => {
    const pace = new StreamPace(5, 1000, 0);
    pace.ask(1, 1000);
    expect(pace.due({ epoch: 5, training: true }, 1)).toBe(false);
    expect(pace.due({ epoch: 5, training: false }, 1)).toBe(true);
    expect(pace.wantsTraining({ epoch: 5, training: false })).toBe(false);
  });

  it('a new speed applies from the last answer; nothing is due without a request', () => {
    const pace = new StreamPace(0, 1000, 0);
    expect(pace.due({ epoch: 1000, training: true }, 500)).toBe(false);
    pace.replied(10, 0);
    pace.ask(1, 2);
    expect(pace.wantsTraining({ epoch: 11, training: true })).toBe(true);
    expect(pace.due({ epoch: 11, training: true }, 1)).toBe(false);
    expect(pace.due({ epoch: 12, training: true }, 1)).toBe(true);
    expect(pace.wantsTraining({ epoch: 12, training: true })).toBe(false);
    pace.replied(12, 1);
    pace.ask(2, Number.NaN); // nonsense: one epoch a picture
    expect(pace.due({ epoch: 13, training: true }, 2)).toBe(true);
  });

  it('a picture is made ahead by the clock only when no request waits and something new was trained', () => {
    const pace = new StreamPace(0, 1000, 0);
    expect(pace.pictureDue({ epoch: 0, training: true }, MIN_REPLY_INTERVAL_MS)).toBe(false); // nothing new
    expect(pace.pictureDue({ epoch: 30, training: true }, MIN_REPLY_INTERVAL_MS - 1)).toBe(false); // too soon
    expect(pace.pictureDue({ epoch: 30, training: true }, MIN_REPLY_INTERVAL_MS)).toBe(true);
    pace.ask(1, 1000);
    expect(pace.pictureDue({ epoch: 30, training: true }, MIN_REPLY_INTERVAL_MS)).toBe(false); // answered instead
  });
});
