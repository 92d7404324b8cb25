// A panel's "Show as table" switch and the tables under it: real <table>s
// with a caption and headers, for a screen reader or anyone who wants the
// numbers. Drawn only while shown, at most every TABLE_MS while training
// (at once when paused), so a hidden table costs nothing.
import { h, show } from './dom';
import type { View } from './view';

const TABLE_MS = 2000;

export interface TableView {
  element: HTMLElement;
  update(view: View): void;
}

// A table: caption, column headers, and rows whose first cell heads the row.
export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly string[])[], titles: readonly string[] = []): HTMLTableElement {
  return h('table', { class: 'nnp-data-table' }, [
    h('caption', { text: caption }),
    h('thead', {}, [
      h(
        'tr',
        {},
        head.map((t, i) => h('th', { scope: 'col', text: t, title: titles[i] })),
      ),
    ]),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((t, i) => (i === 0 ? h('th', { scope: 'row', text: t }) : h('td', { class: 'nnp-num', text: t }))),
        ),
      ),
    ),
  ]);
}

const same = (a: readonly unknown[] | null, b: readonly unknown[]) => a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

// `label`: what the switch shows; `render`: the tables for a view, drawn again
// when `key` (what they are made from) changed.
export function createTableView(label: string, testid: string, key: (view: View) => readonly unknown[], render: (view: View) => HTMLElement[]): TableView {
  const box = h('div', { class: 'nnp-table-view', 'data-testid': testid });
  const toggle = h('button', { type: 'button', class: 'nnp-button nnp-table-toggle', text: label, 'aria-expanded': 'false' });
  let open = false;
  let drawn: readonly unknown[] | null = null;
  let drawnAt = -Infinity;
  let latest: View | null = null;
  const draw = (view: View) => {
    const k = key(view);
    if (same(drawn, k)) return;
    if (view.running && performance.now() - drawnAt < TABLE_MS) return;
    drawn = k;
    drawnAt = performance.now();
    box.replaceChildren(...render(view));
  };
  toggle.addEventListener('click', () => {
    open = !open;
    toggle.setAttribute('aria-expanded', String(open));
    show(box, open);
    drawn = null;
    if (open && latest) draw(latest);
  });
  show(box, false);
  return {
    element: h('div', { class: 'nnp-table-switch' }, [toggle, box]),
    update(view) {
      latest = view;
      if (open) draw(view);
    },
  };
}
