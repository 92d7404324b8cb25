// The iframe's own hash keys, read off before the rest goes to the playground
// as its settings:
//   embed.html#dataset=xor&networkShape=4&panels=run,output&origin=https://lms.example.edu&frame=lab1&autoplay=true
// and an author's lesson file (mount()'s lessonSrc, relative to embed.html): embed.html#lessonSrc=my-lesson.json
import type { PanelId } from './panels';
import { MAX_HASH_CHARS } from '../settings/limits';
import { boundLines } from '../shared/messages';
import { MAX_URL_CHARS } from './options';
import { PANEL_IDS, isPanelId, onlyPanels } from './panels';

export const FRAME_KEYS = ['panels', 'origin', 'frame', 'autoplay', 'lessonSrc'] as const;

export interface FrameParams {
  settingsHash: string; // every other key, for the playground
  panels: Record<PanelId, boolean> | undefined; // undefined: all panels
  origins: string[]; // allowed besides the frame's own origin; '*' is any origin
  frame: string; // echoed in every message
  autoplay: boolean;
  lessonSrc?: string; // an author's lesson file's URL
  notices: string[]; // what was not understood
}

const MAX_FRAME_NAME = 64;

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

// `https://a.example:8443` (a trailing slash is fine), or `*`.
function parseOrigin(text: string): string | null {
  const t = text.trim();
  if (t === '*') return '*';
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

export function parseFrameParams(hash: string): FrameParams {
  const out: FrameParams = { settingsHash: '', panels: undefined, origins: [], frame: '', autoplay: false, notices: [] };
  const rest: string[] = [];
  const body = hash.replace(/^#/, '');
  // Too long to read: the playground refuses it whole and says so (settings/url.ts).
  if (body.length > MAX_HASH_CHARS) return { ...out, settingsHash: hash };
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (key === null || !(FRAME_KEYS as readonly string[]).includes(key)) {
      rest.push(part);
      continue;
    }
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (value === null) {
      out.notices.push(`${key}: not readable`);
      continue;
    }
    if (key === 'panels') {
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const known = names.filter(isPanelId);
      for (const n of names) if (!isPanelId(n)) out.notices.push(`panels: unknown panel ${JSON.stringify(n.slice(0, 40))} (known: ${PANEL_IDS.join(', ')})`);
      if (known.length > 0) out.panels = onlyPanels(known);
      else out.notices.push('panels: no known panel listed, all are shown');
    } else if (key === 'origin') {
      for (const item of value.split(',')) {
        if (item.trim() === '') continue;
        const origin = parseOrigin(item);
        if (origin === null) out.notices.push(`origin: ${JSON.stringify(item.trim().slice(0, 80))} is not an origin like https://example.edu`);
        else if (!out.origins.includes(origin)) out.origins.push(origin);
      }
    } else if (key === 'frame') {
      if (value.length > MAX_FRAME_NAME) out.notices.push(`frame: longer than ${MAX_FRAME_NAME} characters`);
      else out.frame = value;
    } else if (key === 'autoplay') {
      if (value === '' || value === 'true' || value === '1') out.autoplay = true;
      else if (value === 'false' || value === '0') out.autoplay = false;
      else out.notices.push(`autoplay: ${JSON.stringify(value.slice(0, 40))} is not true or false`);
    } else if (key === 'lessonSrc') {
      if (value.length > MAX_URL_CHARS) out.notices.push(`lessonSrc: longer than ${MAX_URL_CHARS} characters`);
      else out.lessonSrc = value;
    }
  }
  out.settingsHash = rest.length ? `#${rest.join('&')}` : '';
  out.notices = boundLines(out.notices);
  return out;
}
