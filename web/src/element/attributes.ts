// The <nn-playground> tag's attributes, read into what mount() takes. The
// settings are the link's hash keys, written as the hash writes them
// (`networkShape`, which HTML lowercases) or in kebab-case (`network-shape`);
// they become a hash read by the hash's own parser (settings/url.ts), so the
// rules and the messages are the link's. Pure: checked in Node.
import { MAX_URL_CHARS } from '../embed/options';
import { parseFrameParams } from '../embed/frame-params';
import type { PanelId } from '../embed/panels';
import { PANEL_IDS } from '../embed/panels';
import { describeValue } from '../shared/messages';
import { SETTING_IDS, specOf, type SettingId } from '../settings/schema';
import { knownKeys } from '../settings/url';

// The tag's own attributes (not settings).
export const OWN_ATTRIBUTES = ['panels', 'width', 'height', 'autoplay', 'compare', 'lesson-src'] as const;
type OwnAttribute = (typeof OWN_ATTRIBUTES)[number];

// HTML's own attributes (and data-*, aria-*, on*): the page's, never a notice.
const GLOBAL = new Set(
  'id class style title lang dir hidden tabindex slot part role is nonce inert autofocus draggable contenteditable spellcheck translate accesskey enterkeyhint inputmode popover exportparts itemscope itemtype itemprop itemid itemref xmlns'.split(
    ' ',
  ),
);
const isGlobal = (name: string) => GLOBAL.has(name) || /^(data|aria)-/.test(name) || /^on[a-z]+$/.test(name);

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// Every attribute name a setting is written as, to its hash key: the key
// lowercased (as HTML leaves `networkShape`) and its kebab-case. Throws if two
// keys share a name (a test holds the table to it).
export function settingAttributeNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of ['lesson', 'variant', ...knownKeys()]) {
    for (const name of new Set([key.toLowerCase(), kebab(key)])) {
      const other = names.get(name);
      if (other !== undefined && other !== key) throw new Error(`<nn-playground>: the attribute ${name} would be both ${other} and ${key}`);
      if ((OWN_ATTRIBUTES as readonly string[]).includes(name)) throw new Error(`<nn-playground>: the setting ${key} is also the attribute ${name}`);
      names.set(name, key);
    }
  }
  return names;
}

let table: Map<string, string> | null = null;
const names = () => (table ??= settingAttributeNames());

// The hash key an attribute sets (TensorFlow Playground's `<key>_hide` too), or null.
export function hashKeyOf(name: string): string | null {
  const key = names().get(name);
  if (key !== undefined) return key;
  const hide = /^(.+)[-_]hide$/.exec(name);
  const base = hide ? names().get(hide[1]!) : undefined;
  return base === undefined ? null : `${base}_hide`;
}

// Every attribute the element watches: the settings' names and its own.
export function observedAttributes(): string[] {
  const settings = [...names().keys()];
  return [...settings, ...settings.flatMap((n) => [`${n}_hide`, `${n}-hide`]), ...OWN_ATTRIBUTES];
}

export const hashPart = (key: string, value: string): string => `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`;

// `compare`: empty (or 1, true) compares with no difference yet; 0 or false
// does not compare; otherwise side B's settings as a hash fragment
// (`learningRate=0.3&optimizer=adam`, kebab-case keys allowed), read by the
// link's `compare=1&b.<key>=` rules.
function compareParts(value: string, notices: string[]): string[] {
  const v = value.trim().replace(/^#/, '');
  if (v === '0' || v === 'false') return [];
  if (v === '' || v === '1' || v === 'true') return ['compare=1'];
  const out = ['compare=1'];
  for (const item of v.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const key = hashKeyOf(name.toLowerCase()) ?? hashKeyOf(name) ?? name;
    if (eq < 0) notices.push(`compare=${describeValue(value)}: ${describeValue(name)} has no value (write key=value)`);
    else out.push(`b.${key}${item.slice(eq)}`);
  }
  return out;
}

const LENGTH = /^(\d+(\.\d+)?|\d*\.\d+)(px|em|rem|%|vh|vw|vmin|vmax|svh|lvh|dvh|ch|ex|lh|cm|mm|in|pt|pc|cqw|cqh)?$/;

// A size attribute: a number is pixels; else a CSS length.
function cssLength(name: 'width' | 'height', value: string, notices: string[]): string | undefined {
  const v = value.trim();
  if (v === '' || v === 'auto') return undefined;
  if (!LENGTH.test(v)) {
    notices.push(`${name}=${describeValue(value)}: not a length like 600, 600px, 40rem or 100%`);
    return undefined;
  }
  return /\d$/.test(v) ? `${v}px` : v;
}

export interface TagReading {
  hash: string; // the settings (and the comparison) as a link's hash, for mount()'s initialHash
  panels: PanelId[] | undefined; // undefined: all
  width: string | undefined;
  height: string | undefined;
  autoplay: boolean;
  lessonSrc: string | undefined;
  notices: string[]; // what the tag's own attributes got wrong; the settings' are the hash parser's
}

// Reads a tag's attributes (names lowercase, as the DOM gives them).
export function readTag(attributes: Iterable<{ name: string; value: string }>): TagReading {
  const notices: string[] = [];
  const settings: string[] = [];
  const own = new Map<OwnAttribute, string>();
  for (const { name, value } of attributes) {
    const key = hashKeyOf(name);
    if (key !== null) settings.push(hashPart(key, value));
    else if ((OWN_ATTRIBUTES as readonly string[]).includes(name)) own.set(name as OwnAttribute, value);
    else if (!isGlobal(name)) notices.push(`${describeValue(name)}: not a setting or an attribute of <nn-playground>`);
  }
  // panels and autoplay: the iframe's keys, with its rules and messages.
  // HTML writes a boolean attribute as itself (autoplay="autoplay") or empty.
  if (own.get('autoplay')?.toLowerCase() === 'autoplay') own.set('autoplay', 'true');
  const frameKeys = (['panels', 'autoplay'] as const).filter((k) => own.has(k)).map((k) => hashPart(k, own.get(k)!));
  const frame = parseFrameParams(`#${frameKeys.join('&')}`);
  notices.push(...frame.notices);
  const compare = own.has('compare') ? compareParts(own.get('compare')!, notices) : [];
  const src = own.get('lesson-src')?.trim();
  if (src !== undefined && src.length > MAX_URL_CHARS) notices.push(`lesson-src: longer than ${MAX_URL_CHARS} characters, not read`);
  return {
    hash: `#${[...settings, ...compare].join('&')}`,
    panels: frame.panels ? PANEL_IDS.filter((id) => frame.panels![id]) : undefined,
    width: own.has('width') ? cssLength('width', own.get('width')!, notices) : undefined,
    height: own.has('height') ? cssLength('height', own.get('height')!, notices) : undefined,
    autoplay: frame.autoplay,
    lessonSrc: src && src.length <= MAX_URL_CHARS ? src : undefined,
    notices,
  };
}

// The settings a hash key sets: those read from it (TensorFlow Playground's
// aliases included); a lesson comes with its preset.
export function settingsOfKey(key: string): SettingId[] {
  if (key.endsWith('_hide')) return ['hide'];
  if (key === 'lesson' || key === 'variant') return ['lesson', 'variant'];
  return SETTING_IDS.filter((id) => {
    const spec = specOf(id);
    return spec.key === key || (spec.aliasKeys ?? []).includes(key);
  });
}
