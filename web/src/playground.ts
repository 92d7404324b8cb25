// The playground as one mountable component. Everything lives in the instance
// returned by mount(): several playgrounds can share a page.
import type { Catalog, EpochStats, Status } from './engine/types';
import { DEFAULT_OUTPUT, classCount, changeKind, reconcile, taskOf, toConfig } from './settings/config';
import { decodePoints, encodePoints, type PointRow } from './settings/points-codec';
import { SETTING_IDS, cloneSettings, defaults, specOf, type Settings } from './settings/schema';
import { randomSeed } from './settings/seed';
import { parseHash, toHash } from './settings/url';
import { createActivationPlot } from './components/activation-plot';
import { createCharts } from './components/charts';
import { createDataPanel } from './components/data-panel';
import { h } from './components/dom';
import { createNetworkView } from './components/network-view';
import { createNotice } from './components/notice';
import { createOutputView } from './components/output-view';
import { createRunBar } from './components/run-bar';
import type { Actions, Component, HistoryData, View } from './components/view';
import { TrainingClient, WorkerError } from './worker/client';
import type { PointsData, Request, Snapshot } from './worker/protocol';

// Longest the worker trains for one picture while playing (ms).
const FRAME_BUDGET_MS = 12;

export type PanelId = 'run' | 'data' | 'network' | 'output' | 'charts' | 'activation';

export interface MountOptions {
  hash?: boolean; // read the settings from location.hash and keep it up to date (the full page)
  initialHash?: string; // start from this hash (an embedded playground)
  settings?: Partial<Settings>; // over the hash
  panels?: Partial<Record<PanelId, boolean>>; // all shown unless false
  autoplay?: boolean;
}

export interface PlaygroundEvents {
  epoch: EpochStats;
  state: Settings;
  diverged: { message: string };
}

export interface Controller {
  readonly ready: Promise<void>;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  reset(): Promise<void>;
  getState(): Settings;
  // Applies the valid keys of `patch`; returns the keys it refused.
  setState(patch: Partial<Record<keyof Settings, unknown>>): Promise<string[]>;
  destroy(): void;
  on<E extends keyof PlaygroundEvents>(event: E, fn: (payload: PlaygroundEvents[E]) => void): () => void;
  // Read-only views for tests and tools.
  readonly debug: {
    predict(x: number, y: number): Promise<number[]>;
    outputGrid(): { n: number; lo: number; hi: number; classes: number; unit: string; values: number[] } | null;
    epoch(): number;
    status(): Status;
    running(): boolean;
    hash(): string;
    pointCount(): number;
  };
}

function emptyHistory(): HistoryData {
  return { epoch: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] };
}

function pointRows(p: PointsData): PointRow[] {
  return Array.from(p.x, (x, i) => [x, p.y[i]!, p.label[i]!] as PointRow);
}

// Checks values handed in by code against the schema.
export function validPatch(patch: Partial<Record<keyof Settings, unknown>>): { patch: Partial<Settings>; refused: string[] } {
  const out: Partial<Record<keyof Settings, unknown>> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const id = SETTING_IDS.find((s) => s === key);
    if (!id || !specOf(id).check(value)) refused.push(key);
    else out[id] = Array.isArray(value) ? [...value] : value;
  }
  return { patch: out as Partial<Settings>, refused };
}

export function mount(target: HTMLElement, options: MountOptions = {}): Controller {
  const root = h('div', { class: 'nnp' });
  const notice = createNotice();
  const status = h('div', { class: 'nnp-loading', role: 'status', text: 'Loading the engine…' });
  root.append(notice.element, status);
  target.append(root);

  const parsed = parseHash(options.hash ? location.hash : options.initialHash ?? '');
  let settings = parsed.settings;
  const initialNotices = [...parsed.notices];
  if (options.settings) {
    const { patch, refused } = validPatch(options.settings);
    settings = { ...settings, ...patch };
    initialNotices.push(...refused.map((k) => `${k}: not a valid value (from the page’s options)`));
  }

  let catalog: Catalog | null = null;
  let client: TrainingClient | null = null;
  let snapshot: Snapshot | null = null;
  let points: PointsData | null = null;
  let historyData = emptyHistory();
  let running = false;
  let focusLabel: string | null = null;
  let addLabel = 1;
  let frame = 0;
  let dirty = false;
  let destroyed = false;
  let lastHash = '';
  let lastStatus: Status = 'ok';
  let lastEpoch = -1;
  const components: Component[] = [];
  const listeners: { [E in keyof PlaygroundEvents]: Set<(p: PlaygroundEvents[E]) => void> } = { epoch: new Set(), state: new Set(), diverged: new Set() };
  const emit = <E extends keyof PlaygroundEvents>(event: E, payload: PlaygroundEvents[E]) => listeners[event].forEach((fn) => fn(payload));

  // The full page keeps its settings in the URL (replaceState: no history entry per change).
  const writeHash = () => {
    const hash = toHash(settings);
    lastHash = hash;
    if (options.hash && location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
  };

  let refusal = '';
  function showError(e: unknown): void {
    refusal = e instanceof Error ? e.message : String(e);
    notice.set('The engine refused that change', [refusal], 'error');
  }

  // Takes in a snapshot from the worker (every one: each carries a piece of the history).
  function receive(snap: Snapshot): void {
    const h0 = snap.history;
    if (h0.since === 0 || h0.since < historyData.epoch.length) {
      if (h0.since === 0) historyData = emptyHistory();
      else for (const k of Object.keys(historyData) as (keyof HistoryData)[]) historyData[k] = historyData[k].slice(0, h0.since);
      historyData = { ...historyData };
    }
    historyData.epoch.push(...h0.epoch);
    historyData.trainLoss.push(...h0.trainLoss);
    historyData.testLoss.push(...h0.testLoss);
    historyData.trainAccuracy.push(...h0.trainAccuracy);
    historyData.testAccuracy.push(...h0.testAccuracy);
    if (snap.points) points = snap.points;
    snapshot = snap;

    // Point edits turn the data into the user's own: follow the engine.
    const c = snap.config;
    if (c.dataset === 'custom' && (snap.points || settings.dataset !== 'custom')) {
      const synced: Settings = { ...settings, dataset: 'custom', problem: c.problem, classes: c.classes, points: points ? encodePoints(pointRows(points)) : settings.points };
      if (JSON.stringify(synced) !== JSON.stringify(settings)) {
        settings = synced;
        writeHash();
        emit('state', cloneSettings(settings));
      }
    }
    if (snap.status === 'diverged' && lastStatus !== 'diverged') {
      running = false;
      emit('diverged', { message: snap.statusMessage });
    }
    lastStatus = snap.status;
    if (snap.epoch !== lastEpoch) {
      lastEpoch = snap.epoch;
      emit('epoch', { ...snap.stats });
    }
    requestDraw();
  }

  async function call(req: Request): Promise<Snapshot | null> {
    if (!client) return null;
    try {
      const snap = await client.snapshotOf(req);
      receive(snap);
      return snap;
    } catch (e) {
      if (destroyed) return null;
      if (e instanceof WorkerError && e.snapshot) receive(e.snapshot);
      showError(e);
      return null;
    }
  }

  async function apply(patch: Partial<Settings>): Promise<void> {
    if (!catalog) {
      settings = { ...settings, ...patch };
      return;
    }
    let next: Settings = { ...settings, ...patch };
    if (next.dataset !== 'custom') next.points = '';
    // A new kind of task starts from its usual output pair.
    const task = taskOf(next, catalog);
    if (patch.output === undefined && task !== taskOf(settings, catalog)) next.output = DEFAULT_OUTPUT[task];
    next = reconcile(next, catalog).settings;
    const kind = changeKind(settings, next);
    if (kind === 'none') return;
    const prev = settings;
    settings = next;
    writeHash();
    emit('state', cloneSettings(settings));
    requestDraw();
    if (kind === 'view') return;
    const sendPoints = next.dataset === 'custom' && next.points !== prev.points && next.points !== '' ? decodePoints(next.points) : undefined;
    const ok = await call({ kind: 'configure', patch: toConfig(next), ...(sendPoints ? { points: sendPoints } : {}) });
    if (!ok && settings === next) {
      settings = prev;
      writeHash();
      emit('state', cloneSettings(settings));
      requestDraw();
    }
  }

  function requestDraw(): void {
    dirty = true;
    schedule();
  }

  function schedule(): void {
    if (frame || destroyed) return;
    frame = requestAnimationFrame(tick);
  }

  function tick(): void {
    frame = 0;
    if (destroyed) return;
    if (running && client && !client.busy) void call({ kind: 'train', epochs: settings.epochsPerFrame, budgetMs: FRAME_BUDGET_MS });
    if (dirty) draw();
    if (running) schedule();
  }

  function view(): View | null {
    if (!snapshot || !catalog || !points) return null;
    return { settings, catalog, snapshot, points, history: historyData, running, addLabel, focusLabel: snapshot.grid.focus === null ? null : focusLabel };
  }

  function draw(): void {
    dirty = false;
    const v = view();
    if (!v) return;
    for (const c of components) c.update(v);
  }

  const actions: Actions = {
    set: (patch) => void apply(patch),
    play: () => controller.play(),
    pause: () => controller.pause(),
    step: () => void controller.step(),
    reset: () => void controller.reset(),
    regenerate: () => void apply({ seed: randomSeed() }),
    addPoint: (x, y, label) => void call({ kind: 'addPoint', x, y, label }),
    movePoint: (index, x, y) => void call({ kind: 'movePoint', index, x, y }),
    removePoint: (index) => void call({ kind: 'removePoint', index }),
    importCsv: async (text) => {
      if (!client) throw new Error('The engine is not ready');
      const reply = await client.request({ kind: 'loadCsv', text });
      if (reply.kind !== 'csv') throw new Error('Unexpected reply');
      receive(reply.snapshot);
      return reply.result;
    },
    exportCsv: async () => {
      if (!client) return '';
      const reply = await client.request({ kind: 'exportCsv' });
      return reply.kind === 'text' ? reply.text : '';
    },
    setWeight: (layer, to, from, value) => void call({ kind: 'setWeight', layer, to, from, value }),
    setBias: (layer, neuron, value) => void call({ kind: 'setBias', layer, neuron, value }),
    focus: (map, label) => {
      focusLabel = map === null ? null : label ?? null;
      void call({ kind: 'focus', map });
    },
    activationCurve: async (id, alpha, z) => {
      if (!client) throw new Error('The engine is not ready');
      const reply = await client.request({ kind: 'curve', activation: id, alpha, z: Float64Array.from(z) });
      if (reply.kind !== 'curve') throw new Error('Unexpected reply');
      return reply;
    },
    datasetPreview: async () => {
      if (!client) return [];
      const reply = await client.request({ kind: 'previews', classes: 3, samples: 160 });
      return reply.kind === 'previews' ? reply.previews : [];
    },
  };

  const shown = (p: PanelId) => options.panels?.[p] !== false;

  function build(): void {
    const runBar = createRunBar(actions);
    const data = createDataPanel(actions, (label) => (addLabel = label));
    const network = createNetworkView(actions);
    const output = createOutputView(actions);
    const charts = createCharts(actions);
    const activation = createActivationPlot(actions);
    const pairs: [PanelId, Component][] = [
      ['run', runBar],
      ['data', data],
      ['network', network],
      ['output', output],
      ['charts', charts],
      ['activation', activation],
    ];
    const used = pairs.filter(([id]) => shown(id));
    components.push(...used.map(([, c]) => c));
    const column = (cls: string, ids: PanelId[]) =>
      h('div', { class: `nnp-column ${cls}` }, used.filter(([id]) => ids.includes(id)).map(([, c]) => c.element));
    const grid = h('div', { class: 'nnp-grid' }, [
      column('nnp-column-data', ['data']),
      column('nnp-column-network', ['network', 'charts']),
      column('nnp-column-output', ['output', 'activation']),
    ]);
    root.append(...(shown('run') ? [runBar.element] : []), grid);
  }

  const onHashChange = () => {
    if (!options.hash || location.hash === lastHash) return;
    const next = parseHash(location.hash);
    if (next.notices.length) notice.set('Some settings in the link were ignored', next.notices);
    void apply(next.settings);
  };
  if (options.hash) window.addEventListener('hashchange', onHashChange);

  async function start(): Promise<void> {
    const started = await TrainingClient.start({});
    if (destroyed) {
      started.client.destroy();
      return;
    }
    client = started.client;
    catalog = started.catalog;
    receive(started.snapshot);
    const fixed = reconcile(settings, catalog);
    settings = fixed.settings;
    const rows = settings.dataset === 'custom' && settings.points !== '' ? decodePoints(settings.points) : undefined;
    const ok = await call({ kind: 'configure', patch: toConfig(settings), ...(rows ? { points: rows } : {}) });
    if (!ok) {
      initialNotices.push(`The engine refused the combination (${refusal}); the default settings are used`);
      settings = reconcile(defaults(), catalog).settings;
      await call({ kind: 'configure', patch: toConfig(settings) });
    }
    if (initialNotices.length) notice.set('Some settings in the link were ignored; defaults are used for them', initialNotices);
    status.remove();
    build();
    writeHash();
    requestDraw();
    if (options.autoplay) controller.play();
  }

  const controller: Controller = {
    get ready() {
      return readyPromise;
    },
    play() {
      if (destroyed || !client || running) return;
      running = true;
      requestDraw();
    },
    pause() {
      running = false;
      requestDraw();
    },
    async step() {
      running = false;
      await call({ kind: 'train', epochs: 1 });
    },
    async reset() {
      await call({ kind: 'reset' });
    },
    getState: () => cloneSettings(settings),
    async setState(patch) {
      const { patch: valid, refused } = validPatch(patch);
      if (refused.length) notice.set('Some settings were ignored', refused.map((k) => `${k}: not a valid value`));
      await apply(valid);
      return refused;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      running = false;
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('hashchange', onHashChange);
      components.forEach((c) => c.destroy?.());
      client?.destroy();
      root.remove();
      for (const set of Object.values(listeners)) set.clear();
    },
    on(event, fn) {
      listeners[event].add(fn);
      return () => listeners[event].delete(fn);
    },
    debug: {
      predict: async (x, y) => {
        if (!client) throw new Error('The engine is not ready');
        const reply = await client.request({ kind: 'predict', x, y });
        if (reply.kind !== 'predict') throw new Error('Unexpected reply');
        return Array.from(reply.value);
      },
      outputGrid: () => {
        if (!snapshot || !catalog) return null;
        const g = snapshot.grid;
        return {
          n: g.outN,
          lo: g.lo,
          hi: g.hi,
          classes: classCount(settings, catalog),
          unit: catalog.outputs.find((o) => o.id === snapshot!.config.output)?.unit ?? '',
          values: Array.from(g.output),
        };
      },
      epoch: () => snapshot?.epoch ?? 0,
      status: () => snapshot?.status ?? 'ok',
      running: () => running,
      hash: () => toHash(settings),
      pointCount: () => points?.x.length ?? 0,
    },
  };
  const readyPromise = start().catch((e: unknown) => {
    status.textContent = `The engine could not start: ${e instanceof Error ? e.message : String(e)}`;
    status.classList.add('nnp-error');
    throw e;
  });
  readyPromise.catch(() => undefined); // reported on the page; callers may still await it
  return controller;
}
