// The embeddable library (built to dist/nn-playground.js): mount one or more
// playgrounds into any element of a course page. Importing it also defines
// the <nn-playground> tag (element/), for pages with no script of their own.
//
//   import { mount } from './nn-playground.js';
//   const pg = mount(document.getElementById('lab'), { settings: { dataset: 'xor' }, panels: ['run', 'output'], width: 720 });
//
// Adds to the component's options a size, an array form for `panels` and the
// stylesheet: the library links dist/nn-playground.css (next to the library
// file, found from import.meta.url) once per document; its rules apply only
// inside the playgrounds' boxes, so the course page keeps its own look.
import { mount as mountComponent } from './playground';
import type { MountOptions } from './page/mount-options';
import type { Controller } from './page/controller';
import { LIBRARY_OPTIONS, assertOptions } from './embed/options';
import { isPanelId, onlyPanels, type PanelId } from './embed/panels';
import { describeValue } from './shared/messages';
import { defineElement } from './element/element';

export type { MountOptions } from './page/mount-options';
export type { Controller, PlaygroundEvents } from './page/controller';
export type { PanelId } from './embed/panels';
export type { Settings } from './settings/schema';
export type { EpochStats, Status } from './engine/types';
export type { FrameCommand, FrameCommandName, FrameEvent, FrameEventName, FrameMessage, FrameReply } from './embed/protocol';
export { PANEL_IDS } from './embed/panels';
export { SETTING_IDS, defaults as defaultSettings } from './settings/schema';
export { toHash as settingsHash } from './settings/url';
export type { NnPlaygroundElement } from './element/element';

export interface EmbedOptions extends Omit<MountOptions, 'panels'> {
  // Which panels to show: a list of panel ids (only those), or a record where
  // `false` hides a panel (all shown by default).
  panels?: readonly PanelId[] | Partial<Record<PanelId, boolean>>;
  // The playground's box: a number is pixels, a string any CSS length
  // ('100%', '60rem'). Default: the container's full width, as tall as the
  // content. With a height the content scrolls inside the box.
  width?: number | string;
  height?: number | string;
  // true (default): link nn-playground.css, found next to the library file,
  // inside the playground's shadow root; a string: link that URL instead;
  // false: no shadow root, the page links the stylesheet itself (and its
  // own CSS then reaches the playground).
  stylesheet?: boolean | string;
}

export interface EmbeddedController extends Controller {
  // The playground's element in the container (div.nnp-embed-host): the box
  // sized by width/height; the playground is in its open shadow root
  // (element.shadowRoot), or in the element itself with `stylesheet: false`.
  readonly element: HTMLElement;
}

// Replaced at build time (web/vite.config.ts) by the path of nn-playground.css
// relative to the file this code ends up in.
const BUILT_STYLESHEET = '__NNP_LIBRARY_STYLESHEET__';

// The library's stylesheet goes inside each playground's shadow root (a
// <link> there: the browser fetches the file once). With `stylesheet: false`
// there is no shadow root and the page links the stylesheet itself.
function linkInto(root: ShadowRoot, href: string): Promise<void> {
  const url = new URL(href, document.baseURI).href;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  link.dataset.nnpStylesheet = '';
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => {
      console.error(`nn-playground: the stylesheet ${url} could not be loaded`);
      resolve();
    });
  });
  root.append(link);
  return loaded;
}

async function stylesheetReady(root: ShadowRoot | null, option: boolean | string | undefined): Promise<void> {
  if (!root) return;
  if (typeof option === 'string') return linkInto(root, option);
  if (import.meta.env.DEV) {
    // Vite's dev server: the unbuilt stylesheet as text; in a shadow root it needs no @scope.
    const css = (await import('./embed/library.css?inline')).default;
    const style = document.createElement('style');
    style.textContent = css.replace(/:root\b/g, '.nnp-embed');
    root.prepend(style);
    return;
  }
  return linkInto(root, new URL(BUILT_STYLESHEET, import.meta.url).href);
}

// Printed, a playground shows all of its current state (a box with a height
// would print clipped to it): one rule in the page, for the hosts only.
let printRule = false;
function addPrintRule(): void {
  if (printRule) return;
  printRule = true;
  const style = document.createElement('style');
  style.dataset.nnpPrint = '';
  style.textContent = '@media print { .nnp-embed-host[data-nnp-embed] { height: auto !important; overflow: visible !important; break-inside: avoid; } }';
  document.head.append(style);
}

// Keys pressed on the playground's controls are the playground's: a slide
// deck or course page listening on the document does not also act on them
// (Space on Play must not turn the slide). Keys pressed elsewhere reach the
// page as before.
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
const keepKeys = (e: Event) => e.stopPropagation();

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
  // The element in the page: sized by the options; its shadow root keeps the
  // page's CSS and its `section`/`button`/`canvas` queries away from the
  // playground (reveal.js counts <section>s as slides).
  const element = document.createElement('div');
  element.className = 'nnp-embed-host';
  element.dataset.nnpEmbed = '';
  element.style.display = 'block';
  element.style.position = 'relative';
  element.style.boxSizing = 'border-box';
  element.style.maxWidth = '100%';
  element.style.width = cssLength(width);
  element.style.height = cssLength(height);
  if (element.style.height) element.style.overflow = 'auto';
  const shadow = stylesheet === false ? null : element.attachShadow({ mode: 'open' });
  const box = shadow ? document.createElement('div') : element;
  if (shadow) {
    box.className = 'nnp-embed';
    shadow.append(box);
  } else box.classList.add('nnp-embed');
  for (const k of KEY_EVENTS) box.addEventListener(k, keepKeys);
  // Shown once its stylesheet is in, so the page never sees the unstyled controls.
  element.style.visibility = 'hidden';
  void stylesheetReady(shadow, stylesheet).then(() => (element.style.visibility = ''));
  container.append(element);
  addPrintRule();

  let inner: Controller;
  try {
    inner = mountComponent(box, { ...rest, ...(panels === undefined ? {} : { panels: panelRecord(panels) }) });
  } catch (e) {
    element.remove();
    throw e;
  }
  return {
    element,
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
      element.remove();
    },
    on: (event, fn) => inner.on(event, fn),
    debug: inner.debug,
  };
}

// Importing the library defines <nn-playground> (docs/embedding.md): one
// <script type="module" src=".../nn-playground.js"> serves every tag of a page.
defineElement(mount);
