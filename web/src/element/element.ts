// <nn-playground>: a playground from one tag, no script of the author's own.
// The tag's attributes are read into mount()'s options (attributes.ts); the
// playground is built in the element's shadow root, which has no <slot>, so
// the tag's own children (a link, an image: the fallback shown before the
// element is defined or where scripts are blocked) are no longer displayed.
import type { EmbedOptions, EmbeddedController } from '../lib';
import { MAX_URL_CHARS } from '../embed/options';
import { HOST_EVENTS, type PlaygroundEvents } from '../page/controller';
import { boundLines, describeValue } from '../shared/messages';
import { splitCompareHash } from '../settings/compare';
import { specOf } from '../settings/schema';
import { parseHash } from '../settings/url';
import { hashKeyOf, hashPart, observedAttributes, readTag, settingsOfKey } from './attributes';
import css from './element.css?inline';

const TAG_NAME = 'nn-playground';
type Mount = (container: HTMLElement, options?: EmbedOptions) => EmbeddedController;

// The tag's own attributes that remake the playground when changed: the
// component takes them only when it is made.
const REMAKE = new Set(['panels', 'compare', 'lesson-src']);

let sheet: CSSStyleSheet | null = null;
const hostSheet = () => {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
};

// The patch that an attribute's new value makes: the settings its key sets,
// as the whole tag reads them now (a removed attribute: back to the default
// or the lesson's value). A value the hash would refuse is handed to
// setState as written, so the playground refuses it with its usual notice
// and nothing changes; null when not even setState would refuse it.
function attributePatch(el: HTMLElement, key: string, value: string | null): Record<string, unknown> | null {
  const ids = settingsOfKey(key);
  const alone = value === null ? null : parseHash(`#${hashPart(key, value)}`);
  if (alone && alone.notices.length > 0) {
    const primary = ids.find((id) => specOf(id).key === key) ?? ids[0];
    if (primary && !specOf(primary).check(value)) return { [primary]: value };
    console.warn(`<nn-playground>: ${alone.notices.join('; ')}; nothing was changed`);
    return null;
  }
  const whole = parseHash(splitCompareHash(readTag(el.attributes).hash).aHash).settings;
  return Object.fromEntries(ids.map((id) => [id, whole[id]]));
}

// lesson-src, relative to the page the tag is in (not to the library's file);
// its limit holds for the URL it becomes, which mount() checks too.
function lessonUrl(src: string | undefined, base: string, notices: string[]): { lessonSrc?: string } {
  if (src === undefined) return {};
  let href: string;
  try {
    href = new URL(src, base).href;
  } catch {
    notices.push(`lesson-src=${describeValue(src)}: not a URL`);
    return {};
  }
  if (href.length <= MAX_URL_CHARS) return { lessonSrc: href };
  notices.push(`lesson-src: longer than ${MAX_URL_CHARS} characters once read against the page's address, not read`);
  return {};
}

function elementClass(mount: Mount) {
  return class NnPlaygroundElement extends HTMLElement {
    static get observedAttributes(): string[] {
      return observedAttributes();
    }

    #pg: EmbeddedController | null = null;
    #queued = false;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [hostSheet()];
    }

    // The playground's controller (mount()'s), null while the element is not in a document.
    get playground(): EmbeddedController | null {
      return this.#pg;
    }

    connectedCallback(): void {
      this.#queueBuild();
    }

    // Removed from the page: the playground and its worker go; put back, it is made anew.
    disconnectedCallback(): void {
      this.#pg?.destroy();
      this.#pg = null;
    }

    attributeChangedCallback(name: string, old: string | null, value: string | null): void {
      const pg = this.#pg;
      if (!pg || old === value) return;
      if (REMAKE.has(name)) return this.#queueBuild();
      if (name === 'width' || name === 'height') return this.#resize(pg, name);
      if (name === 'autoplay') {
        if (readTag([{ name, value: value ?? 'false' }]).autoplay) pg.play();
        return;
      }
      const key = hashKeyOf(name);
      const patch = key === null ? null : attributePatch(this, key, value);
      // An engine refusal is already in the playground's notice, with nothing changed.
      if (patch) pg.setState(patch).catch(() => undefined);
    }

    #resize(pg: EmbeddedController, name: 'width' | 'height'): void {
      const reading = readTag(this.attributes);
      if (reading.notices.some((n) => n.startsWith(`${name}=`)))
        return console.warn(`<nn-playground>: ${name}=${describeValue(this.getAttribute(name))} is not a length; the size stays`);
      pg.element.style[name] = reading[name] ?? '';
      if (name === 'height') pg.element.style.overflow = reading.height ? 'auto' : '';
    }

    // Made once the tag's children are parsed (an inline lesson is one of
    // them), and once for several attribute changes made together.
    #queueBuild(): void {
      if (this.#queued) return;
      this.#queued = true;
      const go = () => {
        this.#queued = false;
        if (this.isConnected) this.#build();
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
      else queueMicrotask(go);
    }

    #build(): void {
      this.#pg?.destroy();
      const reading = readTag(this.attributes);
      const inline = this.querySelector(':scope > script[type="application/json"]');
      const notices = [...reading.notices];
      if (inline && reading.lessonSrc !== undefined) notices.push('lesson-src: not read, the tag holds its own lesson (<script type="application/json">)');
      const lesson = inline ? { lessonText: inline.textContent ?? '' } : lessonUrl(reading.lessonSrc, this.baseURI, notices);
      const box = document.createElement('div');
      box.part.add('playground');
      this.shadowRoot!.replaceChildren(box);
      const pg = mount(box, {
        initialHash: reading.hash,
        ...(reading.panels ? { panels: reading.panels } : {}),
        ...(reading.width ? { width: reading.width } : {}),
        ...(reading.height ? { height: reading.height } : {}),
        autoplay: reading.autoplay,
        ...lesson,
        notices: boundLines(notices),
      });
      this.#pg = pg;
      // Every host event, as a DOM event that leaves any shadow root the tag is in.
      for (const name of HOST_EVENTS) pg.on(name, (detail: PlaygroundEvents[typeof name]) => this.#dispatch(name, detail));
      pg.ready.then(
        () => this.#pg === pg && this.#dispatch('ready', null),
        () => undefined, // said in the playground's box
      );
    }

    #dispatch(name: string, detail: unknown): void {
      this.dispatchEvent(new CustomEvent(`nnp-${name}`, { detail, bubbles: true, composed: true }));
    }
  };
}

export type NnPlaygroundElement = InstanceType<ReturnType<typeof elementClass>>;

// Defines <nn-playground> once per document: a second copy of the library
// (another URL, the npm package beside dist/) leaves the first one's.
export function defineElement(mount: Mount): void {
  if (typeof customElements === 'undefined' || customElements.get(TAG_NAME)) return;
  customElements.define(TAG_NAME, elementClass(mount));
}
