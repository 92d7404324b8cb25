// The engine's summaries of every map (actions.describe), asked for at most
// every DESCRIBE_MS while training, and at once when training stops or the
// session changes while paused (a step, a reset, an edit). One per playground
// (per Actions), shared by the map's and the neurons' descriptions: a few
// milliseconds of the worker's time every few seconds, never per frame.
import type { MapsDescription } from '../engine/types';
import type { Actions, View } from './view';

const DESCRIBE_MS = 3000;

export interface Described {
  description: MapsDescription;
  epoch: number;
}

export interface Describer {
  update(view: View): void; // every frame: asks the engine when due
  latest(): Described | null;
  listen(fn: (d: Described) => void): void;
}

const shared = new WeakMap<Actions, Describer>();

export function describerFor(actions: Actions): Describer {
  let d = shared.get(actions);
  if (!d) shared.set(actions, (d = createDescriber(actions)));
  return d;
}

export function createDescriber(actions: Pick<Actions, 'describe'>, now: () => number = () => performance.now()): Describer {
  let latest: Described | null = null;
  let asked: View | null = null; // the view the last request was made for
  let askedAt = -Infinity;
  let inFlight = false;
  let waiting: View | null = null; // due while a request was out
  const listeners: ((d: Described) => void)[] = [];

  const due = (view: View): boolean => {
    if (!asked) return true;
    if (view.running) return now() - askedAt >= DESCRIBE_MS;
    return asked.running || view.snapshot !== asked.snapshot || view.settings !== asked.settings;
  };
  const ask = (view: View): void => {
    asked = view;
    askedAt = now();
    inFlight = true;
    void actions
      .describe()
      .catch(() => null)
      .then((r) => {
        inFlight = false;
        if (r) {
          latest = r;
          for (const fn of listeners) fn(r);
        }
        const next = waiting;
        waiting = null;
        if (next && due(next)) ask(next);
      });
  };
  return {
    update(view) {
      if (!due(view)) return;
      if (inFlight) waiting = view;
      else ask(view);
    },
    latest: () => latest,
    listen: (fn) => void listeners.push(fn),
  };
}
