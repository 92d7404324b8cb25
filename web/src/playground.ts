// The playground as one mountable component. Everything lives in the instance
// returned by mount(): several playgrounds can share a page.
import type { Lesson, LessonVariant } from './courses/lessons';
import type { Catalog, EpochStats, PlaygroundConfig, Status } from './engine/types';
import { classCount, reconcile, toConfig } from './settings/config';
import { planChange } from './settings/change';
import { describeValue, shorten } from './settings/messages';
import { assertPatchShape, validPatch, type AnyPatch } from './settings/patch';
import { decodePoints, encodePoints, type PointRow } from './settings/points-codec';
import { cloneSettings, defaults, type Settings } from './settings/schema';
import { randomSeed } from './settings/seed';
import { parseHash, toHash } from './settings/url';
import { ENGINE_SETTINGS, isUnchangedPreset, lessonOf, lessonSettings, settingsFromConfig } from './settings/lesson';
import { createActivationPlot } from './components/activation-plot';
import { createCharts } from './components/charts';
import { createGradientChart } from './components/gradient-chart';
import { createHiddenSpaceView } from './components/hidden-space-view';
import { createDataPanel } from './components/data-panel';
import { downloadName, historyCsv } from './components/history-csv';
import { emptyHistory, mergeHistory } from './components/history-data';
import { createLessonCard } from './components/lesson-card';
import { createStepThrough, type StepThrough } from './components/stepthrough';
import { createToolbar, type Toolbar } from './components/toolbar';
import { h } from './components/dom';
import { createNetworkView } from './components/network-view';
import { createNotice } from './components/notice';
import { createOutputView, type OutputView } from './components/output-view';
import { createRunBar } from './components/run-bar';
import type { Actions, Component, HistoryData, View } from './components/view';
import { MOUNT_OPTIONS, assertOptions } from './embed/options';
import { PANEL_IDS, type PanelId } from './embed/panels';
import { TrainingClient, WorkerError } from './worker/client';
import type { LayerData, PointsData, Request, Snapshot, TraceData } from './worker/protocol';

// Longest the worker trains for one picture while playing (ms).
const FRAME_BUDGET_MS = 12;

export { PANEL_IDS, type PanelId };

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
  // Applies the valid keys of `patch` as one change; resolves to the keys it
  // refused. Rejects (and changes nothing) when the patch is not an object of
  // at most MAX_PATCH_KEYS keys, or the engine refuses the combination.
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
    // The engine's trace of one sample and the weights it used (what the step-through shows).
    trace(x: number, y: number, label: number): Promise<{ trace: TraceJson; layers: LayersJson }>;
    layers(): LayersJson; // the weights of the last snapshot
    config(): PlaygroundConfig | null; // the engine's configuration in the last snapshot
    points(): { x: number[]; y: number[]; label: number[]; test: number[] };
    history(): HistoryData; // what the loss history CSV holds
  };
}

export type LayersJson = { rows: number; cols: number; weights: number[]; biases: number[] }[];
export interface TraceJson {
  input: number[];
  target: number[];
  output: number[];
  loss: number;
  layers: { z: number[]; a: number[]; delta: number[]; dW: number[]; db: number[] }[];
}

const layersJson = (ls: LayerData[]): LayersJson => ls.map((l) => ({ rows: l.rows, cols: l.cols, weights: Array.from(l.weights), biases: Array.from(l.biases) }));
const traceJson = (t: TraceData): TraceJson => ({
  input: Array.from(t.input),
  target: Array.from(t.target),
  output: Array.from(t.output),
  loss: t.loss,
  layers: t.layers.map((l) => ({ z: Array.from(l.z), a: Array.from(l.a), delta: Array.from(l.delta), dW: Array.from(l.dW), db: Array.from(l.db) })),
});

// Saves a file through the browser's download.
function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, style: 'display:none' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

// The full page may name a lesson in the query (?lesson=…&variant=…) as well as in the hash.
function lessonQuery(search: string, hash: string): string {
  const q = new URLSearchParams(search);
  const lesson = q.get('lesson');
  if (lesson === null || /(^#|&)lesson=/.test(hash)) return hash;
  const variant = q.get('variant');
  const head = `lesson=${encodeURIComponent(lesson)}${variant ? `&variant=${encodeURIComponent(variant)}` : ''}`;
  const body = hash.replace(/^#/, '');
  return `#${head}${body ? `&${body}` : ''}`;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;


function pointRows(p: PointsData): PointRow[] {
  return Array.from(p.x, (x, i) => [x, p.y[i]!, p.label[i]!] as PointRow);
}

// The engine said no: the message is its reason; nothing was changed.
class Refusal extends Error {}

export { validPatch };

export function mount(target: HTMLElement, options: MountOptions = {}): Controller {
  // Checked before anything is put on the page: a refused option leaves no box behind.
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) throw new TypeError(`nn-playground: mount() needs an element to mount into (got ${describeValue(target)})`);
  assertOptions(options, MOUNT_OPTIONS);
  const root = h('div', { class: 'nnp' });
  const notice = createNotice();
  const status = h('div', { class: 'nnp-loading', role: 'status', text: 'Loading the engine…' });
  root.append(notice.element, status);
  target.append(root);

  const parsed = parseHash(options.hash ? lessonQuery(location.search, location.hash) : options.initialHash ?? '');
  let settings = parsed.settings;
  const initialNotices = [...parsed.notices];
  if (options.settings) {
    const { patch, reasons } = validPatch(options.settings);
    settings = { ...settings, ...patch };
    for (const r of reasons) initialNotices.push(`${r} (from the page’s options)`);
  }

  let catalog: Catalog | null = null;
  let client: TrainingClient | null = null;
  let snapshot: Snapshot | null = null;
  let points: PointsData | null = null;
  let historyData = emptyHistory();
  let historyRevision = -1; // the engine's, of the history the page holds
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
  let toolbar: Toolbar | null = null;
  let stepper: StepThrough | null = null;
  let outputView: OutputView | null = null;

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
    notice.set('The engine refused that change; nothing was changed', [refusal], 'error');
  }

  // The engine keeps a bounded history: a new revision (thinned, reset or
  // replaced) comes whole and replaces the page's copy; otherwise the rows
  // after `since` are appended.
  function takeHistory(h0: Snapshot['history']): void {
    historyData = mergeHistory(historyData, historyRevision, h0);
    historyRevision = h0.revision;
  }

  // Takes in a snapshot from the worker (every one: each carries a piece of the history).
  function receive(snap: Snapshot): void {
    takeHistory(snap.history);
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
    // Paused, a change shows at once (the page never lags behind the engine's
    // last answer, e.g. a training request that was under way at pause);
    // playing, the next frame draws it.
    if (running) requestDraw();
    else {
      dirty = true;
      draw();
    }
  }

  // For changes started by the user: a refusal is already on the notice.
  const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

  // One engine request; a refusal is shown and thrown as a Refusal (the
  // engine changed nothing: its snapshot, if any, is taken in as it is).
  async function request(req: Request): Promise<Snapshot> {
    if (!client) throw new Refusal('The engine is not ready');
    try {
      return await client.snapshotOf(req);
    } catch (e) {
      if (destroyed) throw e;
      if (e instanceof WorkerError && e.snapshot) receive(e.snapshot);
      showError(e);
      throw new Refusal(e instanceof Error ? e.message : String(e));
    }
  }

  // A request whose refusal is only shown (point edits, weights, training).
  async function call(req: Request): Promise<Snapshot | null> {
    try {
      const snap = await request(req);
      receive(snap);
      return snap;
    } catch {
      return null;
    }
  }

  // The settings become `next` (after the engine, if it is involved, said yes).
  function commit(next: Settings): void {
    settings = next;
    writeHash();
    emit('state', cloneSettings(settings));
    requestDraw();
  }

  // Changes run one at a time, each from the settings the last one left.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  // Applies a patch as one change: the engine first, in one call; the page's
  // settings change only once it has accepted. Throws a Refusal otherwise.
  // `said`: what the caller has to tell of the change already (ignored keys),
  // shown in one notice with what the page had to change to fit.
  function apply(patch: Partial<Settings>, said: { title: string; lines: string[] } = { title: '', lines: [] }): Promise<void> {
    return serially(() => applyNow(patch, said));
  }

  async function applyNow(patch: Partial<Settings>, said: { title: string; lines: string[] }): Promise<void> {
    const tell = (note: string) => {
      const lines = note ? [...said.lines, note] : said.lines;
      if (lines.length) notice.set(said.title || 'A setting was changed to fit the others', lines);
    };
    if (!catalog) {
      settings = { ...settings, ...patch };
      tell('');
      return;
    }
    // Naming another lesson (and nothing the engine reads) loads its preset.
    if (patch.lesson && (patch.lesson !== settings.lesson || (patch.variant ?? '') !== settings.variant) && !ENGINE_SETTINGS.some((k) => k in patch)) {
      const chosen = lessonOf({ lesson: patch.lesson, variant: patch.variant ?? '' });
      if (chosen) {
        tell('');
        await loadLessonNow(chosen.lesson, chosen.variant, { ...settings, ...patch });
        return;
      }
    }
    const plan = planChange(settings, patch, catalog);
    tell(plan.note);
    if (plan.kind === 'none') return;
    if (plan.kind === 'view') return commit(plan.next);
    const snap = await request({ kind: 'configure', patch: toConfig(plan.next), ...(plan.points ? { points: plan.points } : {}) });
    settings = plan.next;
    receive(snap);
    commit(settings);
  }

  // A lesson's preset: its configuration, points and weights from epoch 0; the
  // view settings stay (from `base`). The settings change once the engine has it.
  function loadLesson(lesson: Lesson, variant: LessonVariant, base?: Settings): Promise<void> {
    return serially(() => loadLessonNow(lesson, variant, base ?? settings));
  }

  async function loadLessonNow(lesson: Lesson, variant: LessonVariant, base: Settings): Promise<void> {
    if (!catalog || !client) return;
    running = false;
    const next = reconcile({ ...base, ...lessonSettings(lesson, variant) }, catalog).settings;
    const snap = await request({ kind: 'lesson', lesson: lesson.id, variant: variant.id });
    settings = next;
    receive(snap);
    commit(settings);
  }

  // After a model file: the settings become what the engine now runs.
  function adoptEngineConfig(snap: Snapshot): void {
    if (!catalog) return;
    const rows = snap.config.dataset === 'custom' && points ? pointRows(points) : undefined;
    settings = reconcile({ ...settings, ...settingsFromConfig(snap.config, rows), lesson: '', variant: '' }, catalog).settings;
    writeHash();
    emit('state', cloneSettings(settings));
    requestDraw();
  }

  async function exportModelText(kind: 'exportModel' | 'exportPyTorch' = 'exportModel'): Promise<string> {
    if (!client) throw new Error('The engine is not ready');
    const reply = await client.request({ kind });
    if (reply.kind !== 'text') throw new Error('Unexpected reply');
    return reply.text;
  }

  const fileName = (what: Parameters<typeof downloadName>[0]) => downloadName(what, settings.dataset, snapshot?.epoch ?? 0);

  const files = {
    async saveModel() {
      try {
        const name = fileName('model');
        download(name, new Blob([await exportModelText()], { type: 'application/json' }));
        toolbar?.say(`Saved ${name}`);
      } catch (e) {
        showError(e);
      }
    },
    async loadModel(file: File) {
      const worker = client;
      if (!worker || !catalog) return;
      running = false;
      const name = shorten(file.name, 60);
      const refused = (why: string) => notice.set(`Nothing was loaded from ${name}; the playground is as it was`, [why], 'error');
      // The size first: a huge file is never read.
      const limit = catalog.limits.maxModelBytes;
      if (file.size > limit) return refused(`The file has ${megabytes(file.size)}; a model file may have at most ${megabytes(limit)}`);
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        return refused(e instanceof Error ? e.message : String(e));
      }
      await serially(async () => {
        let reply;
        try {
          reply = await worker.request({ kind: 'importModel', json: text });
        } catch (e) {
          // The engine's import is all or nothing: a refusal changed nothing.
          if (destroyed) return;
          if (e instanceof WorkerError && e.snapshot) receive(e.snapshot);
          return refused(e instanceof Error ? e.message : String(e));
        }
        if (reply.kind !== 'snapshot') return;
        // The engine runs the model now (with its history): the page follows it.
        receive(reply.snapshot);
        adoptEngineConfig(reply.snapshot);
        notice.clear();
        toolbar?.say(`Loaded ${name} (epoch ${reply.snapshot.epoch})`);
      });
    },
    async savePicture() {
      const canvas = outputView?.canvas;
      if (!canvas) return;
      const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
      if (!blob) return showError(new Error('The browser could not make the picture'));
      const name = fileName('decision');
      download(name, blob);
      toolbar?.say(`Saved ${name}`);
    },
    saveHistory() {
      const name = fileName('history');
      download(name, new Blob([historyCsv(historyData)], { type: 'text/csv' }));
      toolbar?.say(`Saved ${name}`);
    },
    async savePyTorch() {
      try {
        const code = await exportModelText('exportPyTorch');
        const name = fileName('pytorch');
        download(name, new Blob([code], { type: 'text/x-python' }));
        toolbar?.say(`Saved ${name}`);
      } catch (e) {
        showError(e);
      }
    },
  };

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
    set: (patch) => quietly(apply(patch)),
    play: () => controller.play(),
    pause: () => controller.pause(),
    step: () => void controller.step(),
    reset: () => void controller.reset(),
    regenerate: () => quietly(apply({ seed: randomSeed() })),
    addPoint: (x, y, label) => void call({ kind: 'addPoint', x, y, label }),
    movePoint: (index, x, y) => void call({ kind: 'movePoint', index, x, y }),
    removePoint: (index) => void call({ kind: 'removePoint', index }),
    importCsv: (text) =>
      serially(async () => {
        if (!client) throw new Error('The engine is not ready');
        const reply = await client.request({ kind: 'loadCsv', text });
        if (reply.kind !== 'csv') throw new Error('Unexpected reply');
        receive(reply.snapshot);
        return reply.result;
      }),
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
    hiddenSpace: async (layer, u1, u2, n) => {
      if (!client) return null;
      const reply = await client.request({ kind: 'hiddenSpace', layer, u1, u2, n }).catch(() => null);
      return reply?.kind === 'hiddenSpace' ? reply.space : null;
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
    outputView = output;
    const canStep = shown('stepthrough') && shown('network') && shown('output');
    const bar = createToolbar(
      {
        chooseLesson: (l) => {
          const v = l.variants[0];
          if (v) quietly(loadLesson(l, v));
        },
        toggleStepThrough: () => (stepper?.isOpen() ? stepper.close() : stepper?.open()),
        ...files,
      },
      { lessons: shown('lessons'), stepThrough: canStep, files: shown('files') },
    );
    toolbar = bar;
    const lessonCard = createLessonCard({
      load: (l, v) => quietly(loadLesson(l, v)),
      close: () => quietly(apply({ lesson: '', variant: '' })),
    });
    const step = createStepThrough({
      trace: async (x, y, label) => {
        if (!client) throw new Error('The engine is not ready');
        const reply = await client.request({ kind: 'trace', x, y, label });
        if (reply.kind !== 'trace') throw new Error('Unexpected reply');
        return { trace: reply.trace, layers: reply.layers };
      },
      applyUpdate: async (x, y, label) => (await call({ kind: 'applySampleUpdate', x, y, label })) !== null,
      annotate: (notes) => network.annotate(notes),
      pick: (fn) => output.pick(fn),
      mark: (p) => output.mark(p),
      pause: () => controller.pause(),
      error: (e) => showError(e),
    });
    stepper = step;
    const charts = createCharts(actions);
    const activation = createActivationPlot(actions);
    const pairs: [PanelId, Component][] = [
      ['run', runBar],
      ['data', data],
      ['network', network],
      ['output', output],
      ['charts', charts],
      ['activation', activation],
      ['gradients', createGradientChart()],
      ['hidden', createHiddenSpaceView(actions)],
    ];
    if (canStep) pairs.splice(3, 0, ['stepthrough', step]);
    const used = pairs.filter(([id]) => shown(id));
    const toolbarUsed = shown('lessons') || canStep || shown('files');
    components.push(...(toolbarUsed ? [bar] : []), ...(shown('lessons') ? [lessonCard] : []), ...used.map(([, c]) => c));
    if (!toolbarUsed) bar.destroy?.();
    const column = (cls: string, ids: PanelId[]) =>
      h('div', { class: `nnp-column ${cls}` }, used.filter(([id]) => ids.includes(id)).map(([, c]) => c.element));
    const gridEl = h('div', { class: 'nnp-grid' }, [
      column('nnp-column-data', ['data']),
      column('nnp-column-network', ['network', 'stepthrough', 'charts', 'gradients']),
      column('nnp-column-output', ['output', 'hidden', 'activation']),
    ]);
    step.onToggle((open) => {
      bar.setStepping(open);
      gridEl.classList.toggle('nnp-stepping', open);
    });
    root.append(
      ...(toolbarUsed ? [bar.element] : []),
      ...(shown('lessons') ? [lessonCard.element] : []),
      ...(shown('run') ? [runBar.element] : []),
      gridEl,
      ...(toolbarUsed && shown('files') ? [bar.fileInput] : []),
    );
  }

  const onHashChange = () => {
    if (!options.hash || location.hash === lastHash) return;
    const next = parseHash(location.hash);
    const said = { title: 'Some settings in the link were ignored or changed', lines: next.notices };
    const chosen = isUnchangedPreset(next.settings) ? lessonOf(next.settings) : null;
    let change: Promise<void>;
    if (chosen && (next.settings.lesson !== settings.lesson || next.settings.variant !== settings.variant)) {
      if (said.lines.length) notice.set(said.title, said.lines);
      change = loadLesson(chosen.lesson, chosen.variant, next.settings);
    } else change = apply(next.settings, said);
    // Refused: the address shows the settings in use again.
    change.catch(() => writeHash());
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
    if (fixed.note) initialNotices.push(fixed.note);
    const rows = settings.dataset === 'custom' && settings.points !== '' ? decodePoints(settings.points) : undefined;
    // A lesson link nobody changed loads the preset itself (with its own weights, if it has them).
    const preset = isUnchangedPreset(settings) ? lessonOf(settings) : null;
    const ok = preset
      ? await call({ kind: 'lesson', lesson: preset.lesson.id, variant: preset.variant.id })
      : await call({ kind: 'configure', patch: toConfig(settings), ...(rows ? { points: rows } : {}) });
    if (!ok) {
      initialNotices.push(`The engine refused the combination (${refusal}); the default settings are used`);
      settings = reconcile(defaults(), catalog).settings;
      await call({ kind: 'configure', patch: toConfig(settings) });
    }
    if (initialNotices.length) notice.set('Some settings were ignored or changed', initialNotices);
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
      assertPatchShape(patch, 'setState: the patch');
      const { patch: valid, refused, reasons } = validPatch(patch as AnyPatch);
      // The engine checks every change: one asked for before it runs waits for it.
      await readyPromise;
      await apply(valid, { title: 'Some settings were ignored or changed', lines: reasons });
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
      trace: async (x, y, label) => {
        if (!client) throw new Error('The engine is not ready');
        const reply = await client.request({ kind: 'trace', x, y, label });
        if (reply.kind !== 'trace') throw new Error('Unexpected reply');
        return { trace: traceJson(reply.trace), layers: layersJson(reply.layers) };
      },
      layers: () => layersJson(snapshot?.layers ?? []),
      config: () => (snapshot ? (JSON.parse(JSON.stringify(snapshot.config)) as PlaygroundConfig) : null),
      points: () => ({ x: Array.from(points?.x ?? []), y: Array.from(points?.y ?? []), label: Array.from(points?.label ?? []), test: Array.from(points?.test ?? []) }),
      history: () => Object.fromEntries(Object.entries(historyData).map(([k, v]) => [k, v.slice()])),
    },
  };
  const readyPromise = start().catch((e: unknown) => {
    status.textContent = `The engine could not start: ${shorten(e instanceof Error ? e.message : String(e))}`;
    status.classList.add('nnp-error');
    throw e;
  });
  readyPromise.catch(() => undefined); // reported on the page; callers may still await it
  return controller;
}
