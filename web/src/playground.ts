// The playground as one mountable component. Everything lives in the instance
// returned by mount(): several playgrounds can share a page. mount() only wires
// the parts (page/): the session store, the actions, the animation loop, the
// files, the page's parts, compare mode, the address and the controller.
import { createNotice } from './components/notice';
import { h } from './components/dom';
import type { Actions } from './components/view';
import { MOUNT_OPTIONS, assertOptions } from './embed/options';
import type { PanelId } from './embed/panels';
import { describeValue, shorten } from './shared/messages';
import { PartLoadError } from './shared/lazy';
import { pairHash } from './settings/compare';
import { linkNotice, toHash } from './settings/url';
import type { Settings } from './settings/schema';
import { TrainingClient } from './worker/client';
import { createActions } from './page/actions';
import { createCompareMode, type CompareMode } from './page/compare-mode';
import { createController, type Controller } from './page/controller';
import { followHash, startB } from './page/follow-hash';
import { lazyFiles, lazyLessonMaker, lazyShare } from './page/lazy-files';
import type { Files } from './page/files';
import type { Loop } from './page/loop';
import { createRunLoop, runControls, stepCalls, viewOf, type Live } from './page/live';
import { ownSettings, startingPoint, startingSideB, type MountOptions, type StartingPoint } from './page/mount-options';
import { changedSettings } from './settings/patch';
import { assemblePage } from './page/page-parts';
import { trackGoals } from './page/goal-tracker';
import { fetchLessonText, lessonFrom, takeLesson } from './page/author-lesson';
import { lessonById } from './lessons/registry';
import { createSessionStore, type Notifier } from './page/session-store';

export function mount(target: HTMLElement, options: MountOptions = {}): Controller {
  // Checked before anything is put on the page: a refused option leaves no box behind.
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement))
    throw new TypeError(`nn-playground: mount() needs an element to mount into (got ${describeValue(target)})`);
  assertOptions(options, MOUNT_OPTIONS);
  const root = h('div', { class: 'nnp' });
  const notice = createNotice();
  const status = h('div', { class: 'nnp-loading', role: 'status', text: 'Loading the engine…' });
  root.append(notice.element, status);
  target.append(root);

  const begin = startingPoint(options);
  const hashOf = (s: Settings) => (compare.pair ? pairHash(s, compare.pair.b.settings) : toHash(s));
  // The full page keeps its settings in the URL (replaceState: no history entry per change).
  const store = createSessionStore(begin.settings, {
    notice,
    toHash: hashOf,
    writeUrl: options.hash ? (hash) => location.hash !== hash && window.history.replaceState(window.history.state, '', hash) : undefined,
  });
  const live: Live = { store, client: null, destroyed: false, focusLabel: null, addLabel: 1, components: [], outputView: null, say: () => {} };
  const loop = createRunLoop(live, () => compare);

  // An engine refusal, or a part of the page that did not load (shared/lazy.ts).
  const showError = (e: unknown) =>
    e instanceof PartLoadError ? notice.set('A part of the playground could not be loaded', [e.message], 'error') : store.showError(e);
  const files = lazyFiles(
    store,
    notice,
    { say: (t) => live.say(t), picture: () => live.outputView?.canvas ?? null, loaded: async (json) => compare.pair?.adoptModel(json) },
    showError,
  );
  const actions = createActions({
    store,
    client: () => live.client,
    ready: () => readyPromise,
    play: () => controller.play(),
    pause: () => controller.pause(),
    step: () => controller.step(),
    reset: () => controller.reset(),
    focused: (map, label) => {
      live.focusLabel = label;
      compare.linkFocus(store, map);
    },
  });
  const shown = shownPanels(options);
  const compare = createCompareMode({
    root,
    store,
    actions,
    loop,
    notice,
    client: () => live.client,
    destroyed: () => live.destroyed,
    output: () => live.outputView,
    parts: { network: shown('network'), output: shown('output') },
    view: (side) => viewOf(live, compare, side),
  });
  const openShare = lazyShare({
    root,
    hash: () => hashOf(store.settings),
    added: (c) => live.components.push(c),
    destroyed: () => live.destroyed,
    error: showError,
  });

  const onHashChange = followHash(store, notice, compare);
  if (options.hash) window.addEventListener('hashchange', onHashChange);

  const controller: Controller = createController(store, {
    ready: () => readyPromise,
    ...runControls(live, loop, compare),
    destroy() {
      if (live.destroyed) return;
      live.destroyed = true;
      store.destroy();
      loop.destroy();
      window.removeEventListener('hashchange', onHashChange);
      live.components.forEach((c) => c.destroy?.());
      compare.destroy();
      live.client?.destroy();
      root.remove();
    },
    toHash: hashOf,
    compare: () => compare.pair && { b: compare.pair.b, differences: compare.pair.differences() },
  });
  const readyPromise = startEngine({ live, root, notice, status, options, begin, loop, compare, actions, files, openShare, showError, controller }).catch(
    (e: unknown) => {
      status.textContent = `The engine could not start: ${shorten(e instanceof Error ? e.message : String(e), 400)}`;
      status.classList.add('nnp-error');
      throw e;
    },
  );
  readyPromise.catch(() => undefined); // reported on the page; callers may still await it
  return controller;
}

const REDUCED_MOTION_AUTOPLAY = 'Training does not start by itself while your system asks for reduced motion: press Play to start it.';

const shownPanels = (options: MountOptions) => (p: PanelId) => options.panels?.[p] !== false;

interface Wiring {
  live: Live;
  root: HTMLElement;
  notice: Notifier;
  status: HTMLElement; // 'Loading the engine…'
  options: MountOptions;
  begin: StartingPoint;
  loop: Loop;
  compare: CompareMode;
  actions: Actions;
  files: Files;
  openShare(): Promise<void>;
  showError(e: unknown): void;
  controller: Controller;
}

// The Make a lesson dialog's opener: side A's settings and weights, side B's settings when comparing.
function lessonMaker({ live, root, showError, compare, controller }: Wiring): () => void {
  const open = lazyLessonMaker({
    root,
    settings: () => live.store.settings,
    sideB: () => compare.pair?.b.settings ?? null,
    layers: () => live.store.snapshot?.layers ?? null,
    hash: () => controller.debug.hash(),
    added: (c) => live.components.push(c),
    destroyed: () => live.destroyed,
    error: showError,
  });
  return () => void open();
}

// The views, the toolbar and the lesson card, put in the box.
function build(w: Wiring): void {
  const { live, compare } = w;
  // The lesson's exercise, followed as the engine trains (the card shows it, the host hears `goal`).
  const goals = trackGoals(live.store, (g) => {
    live.store.reachGoal(g);
    // Said in the map's live region too: a screen reader hears the exercise done.
    live.outputView?.announcer.goal(`${lessonById(g.lesson)?.title ?? g.lesson}, at epoch ${g.epoch}`);
  });
  const parts = assemblePage({
    root: w.root,
    store: live.store,
    panels: {
      actions: w.actions,
      setAddLabel: (label) => (live.addLabel = label),
      ...stepCalls(live),
      pause: () => w.controller.pause(),
      error: w.showError,
    },
    shown: shownPanels(w.options),
    files: w.files,
    // The full page offers its link and embed snippets (its address is next to embed.html).
    share: w.options.hash ? () => void w.openShare() : null,
    makeLesson: w.options.hash ? lessonMaker(w) : null,
    compareLesson: (l) => compare.lesson(l),
    goals: () => goals.report(),
    placed: (grid) => compare.placed(grid),
  });
  live.outputView = parts.outputView;
  if (parts.say) live.say = parts.say;
  live.components = [...live.components, ...parts.components];
}

async function startEngine(w: Wiring): Promise<void> {
  const { live, begin, options } = w;
  const store = live.store;
  // Drawn at once from the settings; the engine's first answer fills it in.
  build(w);
  for (const c of live.components) c.preview?.(store.settings);
  const started = await TrainingClient.start({});
  if (live.destroyed) {
    started.client.destroy();
    return;
  }
  live.client = started.client;
  const fetching =
    options.lessonSrc === undefined ? null : fetchLessonText(options.lessonSrc).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  const notices = await store.start(started.client, started.catalog, started.snapshot, begin.notices);
  if (fetching && options.lessonSrc !== undefined) notices.push(...(await openFetched(w, fetching, options.lessonSrc)));
  if (begin.comparing) {
    const b = startingSideB(store.settings, begin.split, options.compare);
    notices.push(...b.fromOptions);
    notices.push(...(await startB(w.compare, b)));
  }
  // Autoplay is motion the student did not start: under reduced motion it waits for Play, and the notice says so.
  const still = options.autoplay === true && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
  const told = linkNotice(notices, still ? [...begin.info, REDUCED_MOTION_AUTOPLAY] : begin.info);
  if (told) w.notice.set(still && !notices.length ? 'Press Play to train' : told.title, told.lines, told.kind);
  w.status.remove();
  w.loop.requestDraw();
  if (options.autoplay && !still) w.controller.play();
}

// An author's lesson from its URL, once the engine runs: its first preset
// loaded, then changed by the host's own keys (the hash's, the options'), as
// they change it when the lesson comes as text; or a notice of why not (the
// playground stays as it opened).
async function openFetched(w: Wiring, fetching: Promise<string | Error>, src: string): Promise<string[]> {
  const store = w.live.store;
  const text = await fetching;
  if (text instanceof Error) return [`The lesson ${lessonFrom(src)} could not be loaded: ${text.message}; the playground opens without it`];
  const got = takeLesson(text, lessonFrom(src));
  if ('notice' in got) return [got.notice];
  const first = got.lesson.variants[0];
  if (!first) return [];
  try {
    await store.loadLesson(got.lesson, first);
    const own = changedSettings(store.settings, ownSettings(w.options, w.begin.split.aHash, got.lesson).settings);
    if (Object.keys(own).length > 0) await store.apply(own);
  } catch (e) {
    store.showError(e);
  }
  return [];
}
