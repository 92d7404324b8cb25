// Compare mode in a mounted playground: starts the pair (page/pair.ts), puts
// side B's panel under the grid, and links hovering across the two sides (a
// neuron by its stage and index, a point of the plane by its position).
import { focusLost, handFocus } from '../components/focus-home';
import { comparedPresets, lessonComparison } from '../lessons/compare';
import type { Lesson } from '../lessons/format';
import type { OutputView } from '../components/output-view';
import type { Actions, View } from '../components/view';
import { COMPARE_KEYS, type SidePatch } from '../settings/compare';
import type { TrainingClient } from '../worker/client';
import { createComparePanel, type ComparePanel } from './compare-panel';
import type { Loop } from './loop';
import { openPair, type Pair } from './pair';
import type { Notifier, SessionStore } from './session-store';

export interface CompareHost {
  root: HTMLElement;
  store: SessionStore; // side A
  actions: Actions; // side A's
  loop: Loop;
  notice: Notifier;
  client(): TrainingClient | null;
  destroyed(): boolean;
  output(): OutputView | null; // A's map
  parts: { network: boolean; output: boolean }; // which of B's views to show
  view(side: SessionStore): View | null;
}

export type CompareMode = ReturnType<typeof createCompareMode>;

type Stage = [number, number]; // stage (0 inputs, 1.. layers) and index in it

const stageOf = (side: SessionStore, map: number): Stage | null => {
  const g = side.snapshot?.grid;
  if (!g) return null;
  const stage = g.mapStart.findIndex((start, k) => map >= start && map < (g.mapStart[k + 1] ?? g.maps));
  return stage < 0 ? null : [stage, map - g.mapStart[stage]!];
};

const mapOf = (side: SessionStore, [stage, index]: Stage): number | null => {
  const g = side.snapshot?.grid;
  if (!g || g.mapStart[stage] === undefined) return null;
  const map = g.mapStart[stage]! + index;
  return map < (g.mapStart[stage + 1] ?? g.maps) ? map : null;
};

// A neuron hovered on one side is shown and marked on both (the same stage and index).
function linkAcross(root: HTMLElement, a: SessionStore, p: Pair, from: SessionStore, map: number | null): void {
  const other = from === a ? p.b : a;
  const at = map === null ? null : stageOf(from, map);
  const otherMap = at === null ? null : mapOf(other, at);
  void other.call({ kind: 'focus', map: otherMap });
  root.querySelectorAll('.nnp-node.nnp-linked').forEach((n) => n.classList.remove('nnp-linked'));
  if (at && otherMap !== null) root.querySelectorAll(`.nnp-node[data-stage="${at[0]}"][data-index="${at[1]}"]`).forEach((n) => n.classList.add('nnp-linked'));
}

// Side B's panel: its own settings through the pair, its data A's.
function sidePanel(host: CompareHost, p: Pair, stop: () => void, linkFocus: (from: SessionStore, map: number | null) => void): ComparePanel {
  const b = p.b;
  const quietly = (q: Promise<unknown>) => void q.catch(() => undefined);
  const bActions: Actions = {
    ...host.actions,
    set: (patch) => quietly(p.setB(patch)),
    setWeight: (layer, to, from, value) => void b.call({ kind: 'setWeight', layer, to, from, value }),
    setBias: (layer, neuron, value) => void b.call({ kind: 'setBias', layer, neuron, value }),
    focus: (map) => {
      void b.call({ kind: 'focus', map });
      linkFocus(b, map);
    },
  };
  const made = createComparePanel(bActions, host.parts, stop);
  const outputs = [host.output(), made.output].filter((o): o is OutputView => o !== null);
  for (const o of outputs) o.onHover((point) => outputs.forEach((q) => q.mark(point)));
  return made;
}

// A lesson's two presets side by side (its file's `compare`).
async function compareLesson(host: CompareHost, start: (own: SidePatch) => Promise<string[]>, lesson: Lesson): Promise<void> {
  const c = lessonComparison(lesson);
  const va = comparedPresets(lesson)?.a;
  if (!c || !va) return;
  await host.store.loadLesson(lesson, va);
  const notes = await start(c.b);
  if (notes.length) host.notice.set('Side B’s settings were changed to fit', notes);
}

export function createCompareMode(host: CompareHost) {
  const { store, root, loop } = host;
  let pair: Pair | null = null;
  let panel: ComparePanel | null = null;
  let grid: HTMLElement | null = null;
  let opening = false; // side B is being made: A trains no further until the pair is there

  const linkFocus = (from: SessionStore, map: number | null) => pair && linkAcross(root, store, pair, from, map);

  function show(): void {
    if (!pair || !grid || panel) return;
    panel = sidePanel(host, pair, stop, linkFocus);
    grid.after(panel.element);
    root.classList.add('nnp-comparing');
  }

  // Starts comparing (or, comparing, gives B these settings of its own).
  // Returns what had to change in B's settings to fit (for the notice).
  async function start(own: SidePatch): Promise<string[]> {
    const client = host.client();
    if (!client || host.destroyed()) return [];
    if (pair) {
      await pair.setB({ ...Object.fromEntries(COMPARE_KEYS.map((k) => [k, store.settings[k]])), ...own });
      return [];
    }
    let p: Pair;
    let notes: string[];
    opening = true;
    try {
      // A's worker session stops where A's page is, so the pair starts from the epoch both see.
      if (store.running) await store.call({ kind: 'stop' });
      ({ pair: p, notes } = await openPair(store, client, own, host.notice));
    } finally {
      opening = false;
    }
    if (host.destroyed()) {
      p.destroy();
      return [];
    }
    p.b.on('snapshot', () => (store.running ? loop.requestDraw() : loop.drawNow()));
    p.b.on('state', () => loop.requestDraw());
    pair = p;
    show();
    store.writeHash();
    loop.requestDraw();
    return notes;
  }

  // Back to one run: B's session closes, its panel goes.
  function stop(): void {
    // Stopped from B's panel: the focus goes to what starts a comparison again (a lesson's button), else to Play.
    const had = panel !== null && focusLost(panel.element);
    const home = root.querySelector<HTMLElement>('[data-testid=lesson-compare]');
    panel?.element.remove();
    panel?.destroy();
    pair?.destroy();
    panel = null;
    pair = null;
    root.classList.remove('nnp-comparing');
    root.querySelectorAll('.nnp-node.nnp-linked').forEach((n) => n.classList.remove('nnp-linked'));
    host.output()?.onHover(() => undefined);
    host.output()?.mark(null);
    store.writeHash();
    loop.requestDraw();
    if (had) handFocus(null, home?.isConnected && home.offsetParent !== null ? home : root.querySelector<HTMLElement>('[data-testid=play]'));
  }

  return {
    get pair() {
      return pair;
    },
    get opening() {
      return opening;
    },
    start,
    stop,
    linkFocus,
    lesson: (lesson: Lesson) => compareLesson(host, start, lesson),
    // The grid is on the page: B's panel goes under it.
    placed(el: HTMLElement): void {
      grid = el;
      show();
    },
    draw(): void {
      const v = pair && host.view(pair.b);
      if (pair && v) panel?.update(v, pair.differences());
    },
    destroy(): void {
      panel?.destroy();
      pair?.destroy();
    },
  };
}
