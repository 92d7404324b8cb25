// The embeddable library (built to dist/nn-playground.js): mount one or more
// playgrounds into any element of a course page.
//
//   import { mount } from './nn-playground.js';
//   const pg = mount(document.getElementById('lab'), { settings: { dataset: 'xor' }, panels: ['run', 'output'], width: 720 });
//
// Adds to the component's options a size, an array form for `panels` and the
// stylesheet: the library links dist/nn-playground.css (next to the library
// file, found from import.meta.url) once per document; its rules apply only
// inside the playgrounds' boxes, so the course page keeps its own look.
import { mount as mountComponent, type Controller, type MountOptions, type PanelId } from './playground';
import { LIBRARY_OPTIONS, assertOptions } from './embed/options';
import { isPanelId, onlyPanels } from './embed/panels';
import { describeValue } from './settings/messages';

export type { Controller, MountOptions, PanelId, PlaygroundEvents } from './playground';
export type { Settings } from './settings/schema';
export type { EpochStats, Status } from './engine/types';
export type { FrameCommand, FrameCommandName, FrameEvent, FrameEventName, FrameMessage, FrameReply } from './embed/protocol';
export { PANEL_IDS } from './embed/panels';
export { SETTING_IDS, defaults as defaultSettings } from './settings/schema';
export { toHash as settingsHash } from './settings/url';

export interface EmbedOptions extends Omit<MountOptions, 'panels'> {
  // Which panels to show: a list of panel ids (only those), or a record where
  // `false` hides a panel (all shown by default).
  panels?: readonly PanelId[] | Partial<Record<PanelId, boolean>>;
  // The playground's box: a number is pixels, a string any CSS length
  // ('100%', '60rem'). Default: the container's full width, as tall as the
  // content. With a height the content scrolls inside the box.
  width?: number | string;
  height?: number | string;
  // true (default): link nn-playground.css, found next to the library file;
  // a string: link that URL instead; false: the page links the stylesheet itself.
  stylesheet?: boolean | string;
}

export interface EmbeddedController extends Controller {
  readonly element: HTMLElement; // the playground's box (div.nnp-embed) inside the container
}

// Replaced at build time (web/vite.config.ts) by the path of nn-playground.css
// relative to the file this code ends up in.
const BUILT_STYLESHEET = '__NNP_LIBRARY_STYLESHEET__';

const linked = new Map<string, Promise<void>>();

function linkStylesheet(href: string): Promise<void> {
  const url = new URL(href, document.baseURI).href;
  let loaded = linked.get(url);
  if (loaded) return loaded;
  const present = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')).some((l) => l.href === url);
  if (present) loaded = Promise.resolve();
  else {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.dataset.nnpStylesheet = '';
    loaded = new Promise<void>((resolve) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => {
        console.error(`nn-playground: the stylesheet ${url} could not be loaded`);
        resolve();
      });
    });
    document.head.append(link);
  }
  linked.set(url, loaded);
  return loaded;
}

function stylesheetReady(option: boolean | string | undefined): Promise<void> {
  if (option === false) return Promise.resolve();
  if (typeof option === 'string') return linkStylesheet(option);
  if (import.meta.env.DEV) return import('./embed/library.css').then(() => undefined);
  return linkStylesheet(new URL(BUILT_STYLESHEET, import.meta.url).href);
}

function cssLength(value: number | string | undefined): string {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? `${value}px` : '';
  return typeof value === 'string' ? value : '';
}

function isPanelList(panels: EmbedOptions['panels']): panels is readonly PanelId[] {
  return Array.isArray(panels);
}

function panelRecord(panels: NonNullable<EmbedOptions['panels']>): Partial<Record<PanelId, boolean>> {
  return isPanelList(panels) ? onlyPanels(panels.filter(isPanelId)) : panels;
}

export function mount(container: HTMLElement, options: EmbedOptions = {}): EmbeddedController {
  if (!(container instanceof HTMLElement)) throw new TypeError(`nn-playground: mount() needs an element to mount into (got ${describeValue(container)})`);
  // Every option is checked before the box is made: a refusal leaves the page as it was.
  assertOptions(options, LIBRARY_OPTIONS);
  const { panels, width, height, stylesheet, ...rest } = options;
  const box = document.createElement('div');
  box.className = 'nnp-embed';
  box.style.width = cssLength(width);
  box.style.height = cssLength(height);
  if (box.style.height) box.style.overflow = 'auto';
  // Shown once its stylesheet is in, so the page never sees the unstyled controls.
  box.style.visibility = 'hidden';
  void stylesheetReady(stylesheet).then(() => (box.style.visibility = ''));
  container.append(box);

  let inner: Controller;
  try {
    inner = mountComponent(box, { ...rest, ...(panels === undefined ? {} : { panels: panelRecord(panels) }) });
  } catch (e) {
    box.remove();
    throw e;
  }
  return {
    element: box,
    get ready() {
      return inner.ready;
    },
    play: () => inner.play(),
    pause: () => inner.pause(),
    step: () => inner.step(),
    reset: () => inner.reset(),
    getState: () => inner.getState(),
    setState: (patch) => inner.setState(patch),
    destroy() {
      inner.destroy();
      box.remove();
    },
    on: (event, fn) => inner.on(event, fn),
    debug: inner.debug,
  };
}
