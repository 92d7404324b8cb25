// A polite live region that tells a screen reader how training goes, at the
// pace the student sets (the `announce` view setting): off; every 5 s the
// epoch and losses; or at milestones: training started or paused, the
// training loss halved, accuracy past 90 %, divergence and a lesson goal
// reached. Divergence and goals are said at either pace. Reads only the
// snapshot the page already has: no engine call, a few comparisons a frame.
import { formatValue, h } from './dom';
import type { View } from './view';

export const EVERY_MS = 5000;
const ACCURACY_MILESTONE = 0.9;

// What the announcements read of a view.
export interface Moment {
  epoch: number;
  running: boolean;
  diverged: boolean;
  statusMessage: string;
  trainLoss: number;
  testLoss: number;
  accuracy: number; // test accuracy, or training accuracy without test points; NaN for values
  accuracyOf: 'test' | 'training';
}

export type AnnouncePace = 'off' | 'every5s' | 'milestones';

function momentOf(view: View): Moment {
  const s = view.snapshot.stats;
  const test = Number.isFinite(s.testAccuracy);
  return {
    epoch: view.snapshot.epoch,
    running: view.running,
    diverged: view.snapshot.status === 'diverged',
    statusMessage: view.snapshot.statusMessage,
    trainLoss: s.trainLoss,
    testLoss: s.testLoss,
    accuracy: test ? s.testAccuracy : s.trainAccuracy,
    accuracyOf: test ? 'test' : 'training',
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function figures(m: Moment): string {
  const parts = [`training loss ${formatValue(m.trainLoss)}`];
  if (Number.isFinite(m.testLoss)) parts.push(`test loss ${formatValue(m.testLoss)}`);
  if (Number.isFinite(m.accuracy)) parts.push(`${m.accuracyOf} accuracy ${pct(m.accuracy)}`);
  return parts.join(', ');
}

// What to say, moment after moment: a function of the moments and the clock only.
export function createAnnouncements(now: () => number = () => performance.now()) {
  let last: Moment | null = null;
  let spokenAt = -Infinity;
  let halvedFrom = NaN; // the training loss the next halving is measured from
  let pastAccuracy = false;
  return (m: Moment, pace: AnnouncePace): string | null => {
    const prev = last;
    last = m;
    if (pace === 'off') return null;
    if (!prev || m.epoch < prev.epoch) {
      // First look, or a reset / new network: milestones measured from here.
      halvedFrom = m.trainLoss;
      pastAccuracy = m.accuracy >= ACCURACY_MILESTONE;
    }
    if (m.diverged && prev && !prev.diverged) return `Training diverged at epoch ${m.epoch}. ${m.statusMessage}`;
    if (pace === 'every5s') {
      if (!m.running || now() - spokenAt < EVERY_MS) return null;
      spokenAt = now();
      return `Epoch ${m.epoch}: ${figures(m)}.`;
    }
    if (!prev) return null;
    if (m.running && !prev.running) return `Training started at epoch ${m.epoch}.`;
    if (!m.running && prev.running && !m.diverged) return `Paused at epoch ${m.epoch}: ${figures(m)}.`;
    if (!Number.isFinite(halvedFrom) || halvedFrom <= 0) halvedFrom = m.trainLoss;
    else if (m.trainLoss <= halvedFrom / 2) {
      halvedFrom = m.trainLoss;
      return `Epoch ${m.epoch}: the training loss halved, to ${formatValue(m.trainLoss)}.`;
    }
    const past = m.accuracy >= ACCURACY_MILESTONE;
    if (past !== pastAccuracy) {
      pastAccuracy = past;
      if (past) return `Epoch ${m.epoch}: ${m.accuracyOf} accuracy passed 90 %, at ${pct(m.accuracy)}.`;
    }
    return null;
  };
}

export interface Announcer {
  element: HTMLElement;
  update(view: View): void;
  // A lesson goal reached: said at once at either pace (not when off).
  // The lessons' `goal` event calls it (wired where lesson goals are checked).
  goal(text: string): void;
  // Said before every announcement: which run it is about (side B of a comparison).
  side(label: string): void;
}

// Announcements this close together are said as one; the region holds at most this much.
const JOIN_MS = 1000;
const MAX_SAID_CHARS = 600;

export function createAnnouncer(): Announcer {
  const element = h('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', class: 'nnp-visually-hidden', 'data-testid': 'announcer' });
  const next = createAnnouncements();
  let pace: AnnouncePace = 'milestones';
  let prefix = '';
  let saidAt = -Infinity;
  const say = (words: string) => {
    const text = prefix + words;
    // Two things in one moment (a divergence that is also the lesson's goal):
    // both stay in the region, which is read whole, rather than the second
    // replacing the first before it is spoken.
    const now = performance.now();
    const joined = now - saidAt < JOIN_MS && element.textContent ? `${element.textContent.trim()} ${text}` : text;
    saidAt = now;
    // The same words twice in a row would not be spoken again.
    element.textContent = element.textContent === joined ? `${joined} ` : joined.slice(-MAX_SAID_CHARS);
  };
  return {
    element,
    update(view) {
      pace = view.settings.announce;
      const text = next(momentOf(view), pace);
      if (text) say(text);
    },
    goal(text) {
      if (pace !== 'off') say(`Goal reached: ${text}`);
    },
    side(label) {
      prefix = `${label}: `;
    },
  };
}
