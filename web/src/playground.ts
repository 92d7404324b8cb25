// The playground as one mountable component. Everything lives in the instance
// returned by mount(): several playgrounds can share a page. mount() only wires
// the parts (page/): the session store, the animation loop, the files, the
// layout of panels and the controller.
import { handFocus } from './components/focus-home';
import type { Lesson } from './courses/lessons';
import { describeValue, shorten } from './shared/messages';
import { validPatch } from './settings/patch';
import type { Settings } from './settings/schema';
import { randomSeed } from './settings/seed';
import { linkNotice, parseHash, toHash } from './settings/url';
import { isUnchangedPreset, lessonOf } from './settings/lesson';
import { createLessonCard } from './components/lesson-card';
import type { StepThrough } from './components/stepthrough';
import { createToolbar } from './components/toolbar';
import { createNotice } from './components/notice';
import { h } from './components/dom';
import type { OutputView } from './components/output-view';
import type { Actions, Component, View } from './components/view';
import { MOUNT_OPTIONS, assertOptions } from './embed/options';
import type { PanelId } from './embed/panels';
import { TrainingClient } from './worker/client';
import { createSessionStore, type Said } from './page/session-store';
import { createLoop } from './page/loop';
import type { Files } from './page/files';
import { PartLoadError, lazyPart } from './shared/lazy';
import { buildLayout } from './page/layout';
import { createController, type Controller } from './page/controller';
import { createCompareMode } from './page/compare-mode';
import { COMPARE_KEYS, pairHash, sideB, splitCompareHash, type SidePatch } from './settings/compare';

// Not drawn in the first view: loaded on first use (a click waits for them;
// a failed load is said on the notice).
const FILES = lazyPart('Saving and loading', () => import('./page/files'));
const SHARE = lazyPart('The share dialog', () => import('./components/share-dialog'));

export interface MountOptions {
  hash?: boolean; // read the settings from location.hash and keep it up to date (the full page)
  initialHash?: string; // start from this hash (an embedded playground)
  settings?: Partial<Settings>; // over the hash
  panels?: Partial<Record<PanelId, boolean>>; // all shown unless false
  autoplay?: boolean;
  // Compare two runs: side B's settings that differ from A's ({} for none yet).
  // The hash's `compare=1` and `b.<key>=` keys do the same (docs/using.md, "Compare").
  compare?: Partial<Settings>;
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

export function mount(target: HTMLElement, options: MountOptions = {}): Controller {
  // Checked before anything is put on the page: a refused option leaves no box behind.
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) throw new TypeError(`nn-playground: mount() needs an element to mount into (got ${describeValue(target)})`);
  assertOptions(options, MOUNT_OPTIONS);
  const root = h('div', { class: 'nnp' });
  const notice = createNotice();
  const status = h('div', { class: 'nnp-loading', role: 'status', text: 'Loading the engine…' });
  root.append(notice.element, status);
  target.append(root);

  const split = splitCompareHash(options.hash ? lessonQuery(location.search, location.hash) : options.initialHash ?? '');
  const parsed = parseHash(split.aHash);
  let initial = parsed.settings;
  const initialNotices = [...parsed.notices, ...split.notices];
  const initialInfo = parsed.info;
  const comparing = split.compare || options.compare !== undefined;
  if (options.settings) {
    const { patch, reasons } = validPatch(options.settings);
    initial = { ...initial, ...patch };
    for (const r of reasons) initialNotices.push(`${r} (from the page’s options)`);
  }

  // The full page keeps its settings in the URL (replaceState: no history entry per change).
  const store = createSessionStore(initial, {
    notice,
    toHash: (s) => (compare.pair ? pairHash(s, compare.pair.b.settings) : toHash(s)),
    writeUrl: options.hash ? (hash) => location.hash !== hash && window.history.replaceState(window.history.state, '', hash) : undefined,
  });
  let client: TrainingClient | null = null;
  let destroyed = false;
  let focusLabel: string | null = null;
  let addLabel = 1;
  let components: Component[] = [];
  let stepper: StepThrough | null = null;
  let outputView: OutputView | null = null;
  let say = (_text: string) => {};

  const view = (side = store): View | null => {
    const { snapshot, catalog } = side;
    const points = side.points ?? store.points;
    if (!snapshot || !catalog || !points) return null;
    const pair = compare.pair;
    const other = pair && side === store ? { compare: { history: pair.b.history } } : {};
    return { settings: side.settings, catalog, snapshot, points, history: side.history, running: store.running, addLabel, focusLabel: snapshot.grid.focus === null ? null : focusLabel, ...other };
  };
  const loop = createLoop({
    running: () => store.running,
    train: () => {
      if (!client || client.busy || compare.opening) return;
      // A comparison trains both sides to the same epoch (no time budget: lockstep).
      const pair = compare.pair;
      if (pair) void pair.train(store.settings.epochsPerFrame).catch(() => undefined);
      // One: the worker trains on its own and answers with its latest state (worker/stream.ts).
      else void store.call({ kind: 'stream', epochs: store.settings.epochsPerFrame });
    },
    draw: () => {
      const v = view();
      if (v) for (const c of components) c.update(v);
      compare.draw();
    },
  });
  // Paused, an answer shows at once (the page never lags behind the engine's
  // last answer, e.g. a training request that was under way at pause);
  // playing, the next frame draws it.
  store.on('snapshot', () => (store.running ? loop.requestDraw() : loop.drawNow()));
  store.on('state', () => {
    loop.requestDraw();
    // Side B follows A's shared settings (data, seed, view), after A's change.
    const p = compare.pair;
    if (p) void store.serially(() => p.follow()).catch(() => undefined);
  });

  // For changes started by the user: a refusal is already on the notice.
  const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);
  // An engine refusal, or a part of the page that did not load (page/lazy.ts).
  const showError = (e: unknown) => (e instanceof PartLoadError ? notice.set('A part of the playground could not be loaded', [e.message], 'error') : store.showError(e));
  const call = store.call;
  let made: Files | null = null;
  const filesDo = <K extends keyof Files>(k: K) =>
    (async (...a: Parameters<Files[K]>) => {
      try {
        const { createFiles } = await FILES.get();
        made ??= createFiles(store, notice, { say: (t) => say(t), picture: () => outputView?.canvas ?? null, loaded: async (json) => compare.pair?.adoptModel(json) });
      } catch (e) {
        return showError(e);
      }
      return (made[k] as (...b: Parameters<Files[K]>) => unknown)(...a);
    }) as unknown as Files[K];
  const files: Files = { saveModel: filesDo('saveModel'), loadModel: filesDo('loadModel'), savePicture: filesDo('savePicture'), saveHistory: filesDo('saveHistory'), savePyTorch: filesDo('savePyTorch') };

  const engineActions: Actions = {
    set: (patch) => quietly(store.apply(patch)),
    play: () => controller.play(),
    pause: () => controller.pause(),
    step: () => void controller.step(),
    reset: () => void controller.reset(),
    regenerate: () => quietly(store.apply({ seed: randomSeed() })),
    addPoint: (x, y, label) => void call({ kind: 'addPoint', x, y, label }),
    movePoint: (index, x, y) => void call({ kind: 'movePoint', index, x, y }),
    removePoint: (index) => void call({ kind: 'removePoint', index }),
    importCsv: (text) =>
      store.serially(async () => {
        if (!client) throw new Error('The engine is not ready');
        const reply = await client.request({ kind: 'loadCsv', text });
        if (reply.kind !== 'csv') throw new Error('Unexpected reply');
        store.receive(reply.snapshot);
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
      compare.linkFocus(store, map);
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

  // The panels are drawn before the engine answers: a control used before it
  // does waits for it (hovering a neuron, which shows its map, has nothing to show).
  const actions = Object.fromEntries(
    Object.entries(engineActions).map(([name, fn]: [string, (...a: unknown[]) => unknown]) => [
      name,
      (...a: unknown[]) => {
        if (client || name === 'focus') return client ? fn(...a) : undefined;
        const later = readyPromise.then(() => fn(...a));
        later.catch(() => undefined); // the engine's failure is on the page already
        return later;
      },
    ]),
  ) as unknown as Actions;

  const shown = (p: PanelId) => options.panels?.[p] !== false;
  const compare = createCompareMode({
    root,
    store,
    actions,
    loop,
    notice,
    client: () => client,
    destroyed: () => destroyed,
    output: () => outputView,
    parts: { network: shown('network'), output: shown('output') },
    view: (side) => view(side),
  });
  const chooseLesson = (l: Lesson) => {
    const v = l.variants[0];
    if (v) quietly(store.loadLesson(l, v));
  };

  function build(): void {
    const layout = buildLayout(
      {
        actions,
        setAddLabel: (label) => (addLabel = label),
        trace: async (x, y, label) => {
          if (!client) throw new Error('The engine is not ready');
          const reply = await client.request({ kind: 'trace', x, y, label });
          if (reply.kind !== 'trace') throw new Error('Unexpected reply');
          return { trace: reply.trace, layers: reply.layers };
        },
        applySampleUpdate: async (x, y, label) => (await call({ kind: 'applySampleUpdate', x, y, label })) !== null,
        pause: () => controller.pause(),
        error: showError,
      },
      shown,
    );
    outputView = (layout.panels.get('output') as OutputView | undefined) ?? null;
    stepper = (layout.panels.get('stepthrough') as StepThrough | undefined) ?? null;
    const canStep = stepper !== null;
    // The full page offers its link and embed snippets (its address is next to embed.html).
    const share = options.hash ? { open: () => void openShare() } : null;
    const bar = createToolbar(
      { chooseLesson, toggleStepThrough: () => (stepper?.isOpen() ? stepper.close() : stepper?.open()), ...files, ...(share ? { share: () => share.open() } : {}) },
      { lessons: shown('lessons'), stepThrough: canStep, files: shown('files') },
    );
    const lessonCard = createLessonCard({
      load: (l, v) => quietly(store.loadLesson(l, v)),
      close: () => {
        quietly(store.apply({ lesson: '', variant: '' }));
        handFocus(lessonCard.element, root.querySelector<HTMLElement>('[data-testid=lessons-menu-button]')); // the card goes: to the menu that opens it
      },
      compare: (l) => quietly(compare.lesson(l)),
    });
    const toolbarUsed = shown('lessons') || canStep || shown('files');
    if (toolbarUsed) say = (t) => bar.say(t);
    else bar.destroy?.();
    components = [...components, ...(toolbarUsed ? [bar] : []), ...(shown('lessons') ? [lessonCard] : []), ...layout.panels.values()];
    stepper?.onToggle((open) => {
      bar.setStepping(open);
      if (!open) handFocus(stepper?.element ?? null, root.querySelector<HTMLElement>('[data-testid=stepthrough-toggle]'));
      layout.grid.classList.toggle('nnp-stepping', open);
    });
    // The lesson sits at the head of the network column (beside the map, the
    // play button above both; style.css puts it first when the columns fold);
    // without the network panel, above the run bar.
    const lessonColumn = layout.panels.has('network') ? layout.grid.querySelector('.nnp-column-network') : null;
    if (shown('lessons') && lessonColumn) lessonColumn.prepend(lessonCard.element);
    root.append(
      ...(toolbarUsed ? [bar.element] : []),
      ...(shown('lessons') && !lessonColumn ? [lessonCard.element] : []),
      ...layout.top,
      layout.grid,
      ...(toolbarUsed && shown('files') ? [bar.fileInput] : []),
    );
    compare.placed(layout.grid);
  }

  // The Share / embed dialog, made on its first opening.
  let shareDialog: Promise<{ open(): void }> | null = null;
  async function openShare(): Promise<void> {
    shareDialog ??= SHARE.get().then(({ createShareDialog }) => {
      const d = createShareDialog({ hash: () => (compare.pair ? pairHash(store.settings, compare.pair.b.settings) : toHash(store.settings)), pageUrl: () => location.href.split('#')[0]! });
      components.push({ element: d.element, update: () => undefined, destroy: () => d.destroy() });
      root.append(d.element);
      return d;
    });
    try {
      const d = await shareDialog;
      if (!destroyed) d.open();
    } catch (e) {
      shareDialog = null;
      showError(e);
    }
  }

  // Side B from a link or the options: its notices, and what had to change to
  // fit. A side B that cannot start leaves A as it is, and says why.
  async function startB(b: { patch: SidePatch; notices: string[] }): Promise<string[]> {
    const out = [...b.notices];
    try {
      out.push(...(await compare.start(b.patch)));
    } catch (e) {
      out.push(`Side B could not start (${shorten(e instanceof Error ? e.message : String(e), 200)}); A runs alone`);
    }
    return out;
  }

  const onHashChange = () => {
    if (!options.hash || location.hash === store.lastHash) return;
    const parts = splitCompareHash(location.hash);
    const next = parseHash(parts.aHash);
    const said: Said = linkNotice([...next.notices, ...parts.notices], next.info, 'Some settings in the link were ignored or changed') ?? { title: '', lines: [] };
    const chosen = isUnchangedPreset(next.settings) ? lessonOf(next.settings) : null;
    const settings = store.settings;
    let change: Promise<void>;
    if (chosen && (next.settings.lesson !== settings.lesson || next.settings.variant !== settings.variant)) {
      if (said.lines.length) notice.set(said.title, said.lines, said.kind);
      change = store.loadLesson(chosen.lesson, chosen.variant, next.settings);
    } else change = store.apply(next.settings, said);
    // Side B's own settings, once A's are in (a link asking for a comparison starts one).
    if (compare.pair && !parts.compare) change = change.then(() => compare.stop());
    else if (parts.compare)
      change = change.then(async () => {
        const lines = await startB(sideB(store.settings, parts));
        if (lines.length) notice.set(said.title, [...said.lines, ...lines]);
      });
    // Refused: the address shows the settings in use again.
    change.catch(() => store.writeHash());
  };
  if (options.hash) window.addEventListener('hashchange', onHashChange);

  async function start(): Promise<void> {
    // Drawn at once from the settings; the engine's first answer fills it in.
    build();
    for (const c of components) c.preview?.(store.settings);
    const started = await TrainingClient.start({});
    if (destroyed) {
      started.client.destroy();
      return;
    }
    client = started.client;
    const notices = await store.start(client, started.catalog, started.snapshot, initialNotices);
    if (comparing) {
      const fromHash = sideB(store.settings, split);
      const own: SidePatch = { ...fromHash.patch };
      if (options.compare) {
        const { patch, reasons } = validPatch(options.compare);
        for (const k of COMPARE_KEYS) if (Object.hasOwn(patch, k)) (own as Record<string, unknown>)[k] = patch[k];
        for (const k of Object.keys(patch)) if (!(COMPARE_KEYS as readonly string[]).includes(k)) notices.push(`compare.${k}: side B may change only ${COMPARE_KEYS.join(', ')}`);
        for (const r of reasons) notices.push(`compare: ${r}`);
      }
      notices.push(...(await startB({ patch: own, notices: fromHash.notices })));
      return finishStart(notices);
    }
    finishStart(notices);
  }

  function finishStart(notices: string[]): void {
    const told = linkNotice(notices, initialInfo);
    if (told) notice.set(told.title, told.lines, told.kind);
    status.remove();
    loop.requestDraw();
    if (options.autoplay) controller.play();
  }

  const controller: Controller = createController(store, {
    ready: () => readyPromise,
    play() {
      if (destroyed || !client || store.running) return;
      store.running = true;
      loop.requestDraw();
    },
    pause() {
      const was = store.running;
      store.running = false;
      // The worker stops training on and sends where it stopped.
      if (was && client && !compare.pair) void call({ kind: 'stop' });
      loop.requestDraw();
    },
    async step() {
      store.running = false;
      const pair = compare.pair;
      if (pair) await pair.step().catch(() => undefined);
      else await call({ kind: 'train', epochs: 1 });
    },
    async reset() {
      const pair = compare.pair;
      if (pair) await pair.reset().catch(() => undefined);
      else await call({ kind: 'reset' });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      store.destroy();
      loop.destroy();
      window.removeEventListener('hashchange', onHashChange);
      components.forEach((c) => c.destroy?.());
      compare.destroy();
      client?.destroy();
      root.remove();
    },
    toHash: (s) => (compare.pair ? pairHash(s, compare.pair.b.settings) : toHash(s)),
    compare: () => compare.pair && { b: compare.pair.b, differences: compare.pair.differences() },
  });
  const readyPromise = start().catch((e: unknown) => {
    status.textContent = `The engine could not start: ${shorten(e instanceof Error ? e.message : String(e), 400)}`;
    status.classList.add('nnp-error');
    throw e;
  });
  readyPromise.catch(() => undefined); // reported on the page; callers may still await it
  return controller;
}
