// The "Share / embed" dialog: the link to this exact state, and the <iframe>
// and mount() snippets that embed it with the chosen panels, each ready to
// copy. Built from the page's own address: embed.html and nn-playground.js
// sit next to index.html in dist/.
import { PANEL_IDS, type PanelId } from '../embed/panels';
import { copy, modal, type Modal } from './dialog-parts';
import { h } from './dom';

export interface ShareSource {
  hash(): string; // '#…' for the current state
  pageUrl(): string; // the page's address without its hash
}

const DEFAULT_PANELS: readonly PanelId[] = ['run', 'data', 'network', 'output', 'charts'];
const PANEL_NAMES: Record<PanelId, string> = {
  run: 'Run bar',
  data: 'Data',
  network: 'Network',
  output: 'Output',
  charts: 'Loss chart',
  activation: 'Activation',
  lessons: 'Lessons',
  stepthrough: 'Step-through',
  files: 'Save / load',
  gradients: 'Gradients',
  hidden: 'Hidden space',
};

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function snippets(source: ShareSource, panels: readonly PanelId[]): { link: string; iframe: string; mount: string } {
  const page = source.pageUrl();
  const hash = source.hash();
  const link = `${page}${hash}`;
  const embedUrl = `${new URL('embed.html', page).href}${hash}${hash.length > 1 ? '&' : '#'}panels=${panels.join(',')}`;
  const iframe =
    `<iframe title="Neural-network playground" src="${attr(embedUrl)}" style="width: 100%; max-width: 960px; height: 640px; border: 0"></iframe>\n` +
    `<script>addEventListener('message', (e) => { const f = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source); ` +
    `if (f && e.data?.type === 'nnp:event' && e.data.event === 'size') f.style.height = e.data.data.height + 'px'; });</script>`;
  const mount =
    `<div id="nn-playground"></div>\n<script type="module">\n` +
    `  import { mount } from ${quote(new URL('nn-playground.js', page).href)};\n` +
    `  mount(document.getElementById('nn-playground'), { initialHash: ${quote(hash)}, panels: [${panels.map(quote).join(', ')}] });\n</script>`;
  return { link, iframe, mount };
}

export function createShareDialog(source: ShareSource): Modal {
  let chosen = new Set<PanelId>(DEFAULT_PANELS);
  const status = h('p', { class: 'nnp-muted nnp-share-status', role: 'status', 'data-testid': 'share-status' });
  const fields = { link: 'Link to this state', iframe: 'Embed in an iframe (any site)', mount: 'Embed with the library (a script on the page)' } as const;
  const areas = {} as Record<keyof typeof fields, HTMLTextAreaElement>;
  const blocks = (Object.keys(fields) as (keyof typeof fields)[]).map((key) => {
    const id = `nnp-share-${key}-${Math.random().toString(36).slice(2, 8)}`;
    const area = h('textarea', {
      id,
      class: 'nnp-share-text',
      readonly: true,
      rows: key === 'link' ? 2 : 4,
      spellcheck: 'false',
      'data-testid': `share-${key}`,
    });
    areas[key] = area;
    const button = h('button', { type: 'button', class: 'nnp-button', text: 'Copy', 'data-testid': `copy-${key}` });
    button.addEventListener('click', async () => {
      status.textContent = (await copy(area.value, area)) ? `Copied: ${fields[key].toLowerCase()}` : 'Selected: press Ctrl+C (⌘C) to copy';
    });
    return h('div', { class: 'nnp-share-block' }, [h('div', { class: 'nnp-row nnp-spread' }, [h('label', { for: id, text: fields[key] }), button]), area]);
  });
  const boxes = PANEL_IDS.map((p) => {
    const box = h('input', { type: 'checkbox', value: p, 'data-panel': p });
    box.checked = chosen.has(p);
    box.addEventListener('change', () => {
      chosen = new Set(PANEL_IDS.filter((q) => (q === p ? box.checked : chosen.has(q))));
      fill();
    });
    return h('label', { class: 'nnp-share-panel' }, [box, ` ${PANEL_NAMES[p]}`]);
  });
  const close = h('button', { type: 'button', class: 'nnp-icon-button', 'aria-label': 'Close', text: '×', 'data-testid': 'share-close' });
  const element = h('dialog', { class: 'nnp-share', 'aria-labelledby': 'nnp-share-title', 'data-testid': 'share-dialog' }, [
    h('div', { class: 'nnp-row nnp-spread' }, [h('h2', { id: 'nnp-share-title', text: 'Share / embed' }), close]),
    h('fieldset', { class: 'nnp-share-panels' }, [h('legend', { text: 'Panels in the embed' }), ...boxes]),
    ...blocks,
    status,
  ]);
  close.addEventListener('click', () => element.close());

  function fill(): void {
    const order = PANEL_IDS.filter((p) => chosen.has(p));
    const s = snippets(source, order.length ? order : DEFAULT_PANELS);
    areas.link.value = s.link;
    areas.iframe.value = s.iframe;
    areas.mount.value = s.mount;
  }

  return modal(element, {
    fill,
    status,
    focus() {
      areas.link.focus();
      areas.link.select();
    },
  });
}
