// How often a part of the page redraws while training. The maps follow every
// picture; slower-moving parts (links, charts, read-outs) redraw a few times a
// second, which keeps each frame short. Paused, everything draws at once.
// When frames run late (a slow computer), those parts slow down further
// (frameLag), so the decision map, which follows every picture, keeps up.
export interface Pace {
  // True when the part should redraw now (always when not running).
  due(running: boolean): boolean;
}

// Redraw rates while training (per second), when frames are on time.
export const THUMB_HZ = 30; // the neurons' small maps
export const LINK_HZ = 15; // links and bias colours
export const CHART_HZ = 10; // loss, accuracy and gradient charts
export const TEXT_HZ = 10; // numbers

const FRAME_MS = 1000 / 60;
const MAX_LAG = 4; // at most 4× slower: charts still 2.5 times a second
const SMOOTHING = 0.1; // weight of the newest frame in the running mean

// The frames' pace, shared by every playground of the page (they share its main thread).
const frames = { mean: FRAME_MS, last: -Infinity };
const RESTART_MS = 250; // a longer gap is a pause or a hidden tab, not a slow frame

// Each animation frame while training (its time stamp) reports in; every loop
// of the page may, as the frame's time stamp is the same for all of them.
export function noteFrame(now: number): void {
  const interval = now - frames.last;
  if (interval <= 0) return; // this frame is counted
  frames.last = now;
  if (interval < RESTART_MS) frames.mean += SMOOTHING * (interval - frames.mean);
}

// 1 while frames keep to 60 a second, up to MAX_LAG as they run late: the
// slower parts' intervals are stretched by it.
export function frameLag(): number {
  return Math.min(MAX_LAG, Math.max(1, frames.mean / FRAME_MS));
}

export function createPace(hz: number, now: () => number = () => performance.now(), lag: () => number = frameLag): Pace {
  const interval = 1000 / hz;
  let last = -Infinity;
  return {
    due(running) {
      const t = now();
      if (running && t - last < interval * lag()) return false;
      last = t;
      return true;
    },
  };
}
