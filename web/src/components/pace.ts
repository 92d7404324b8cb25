// How often a part of the page redraws while training. The maps follow every
// picture; slower-moving parts (links, charts, read-outs) redraw a few times a
// second, which keeps each frame short. Paused, everything draws at once.
export interface Pace {
  // True when the part should redraw now (always when not running).
  due(running: boolean): boolean;
}

export function createPace(hz: number, now: () => number = () => performance.now()): Pace {
  const interval = 1000 / hz;
  let last = -Infinity;
  return {
    due(running) {
      const t = now();
      if (running && t - last < interval) return false;
      last = t;
      return true;
    },
  };
}

// Redraw rates while training (per second).
export const THUMB_HZ = 30; // the neurons' small maps
export const LINK_HZ = 15; // links and bias colours
export const CHART_HZ = 10; // loss, accuracy and gradient charts
export const TEXT_HZ = 10; // numbers
