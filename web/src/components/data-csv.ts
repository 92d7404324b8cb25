// Points in and out as CSV: the import button (a file the engine checks, its
// size first), the export button, and the status line saying what happened.
import { csvFileName, describeCsvResult, describeCsvTooLarge } from '../csv';
import { h } from './dom';
import type { Actions, View } from './view';

// current: the view shown now (null before the engine's first answer).
export function createCsvRow(actions: Actions, current: () => View | null): { row: HTMLElement; status: HTMLElement } {
  // Opened by the button: no tab stop, no box.
  const fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', hidden: true, tabindex: -1, 'aria-label': 'Import points from a CSV file' });
  const importButton = h('button', { type: 'button', class: 'nnp-button', text: 'Import CSV', title: 'Load points from a CSV file: x, y, label per line' });
  const exportButton = h('button', { type: 'button', class: 'nnp-button', text: 'Export CSV', title: 'Save the points as a CSV file' });
  const csvStatus = h('div', { class: 'nnp-csv-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'csv-status' });
  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    fileInput.value = '';
    // The size first: a huge file is never read (the engine's limit, from its catalog).
    const limit = current()?.catalog.limits.maxCsvBytes ?? 0;
    const { summary, lines, ok } =
      limit > 0 && file.size > limit
        ? describeCsvTooLarge(file.name, file.size, limit)
        : describeCsvResult(await actions.importCsv(await file.text()), file.name);
    csvStatus.className = `nnp-csv-status ${ok ? 'nnp-ok' : 'nnp-error'}`;
    csvStatus.replaceChildren(
      h('div', { text: summary }),
      ...(lines.length
        ? [
            h(
              'ul',
              {},
              lines.map((l) => h('li', { text: l })),
            ),
          ]
        : []),
    );
  });
  exportButton.addEventListener('click', async () => {
    const text = await actions.exportCsv();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    const view = current();
    const a = h('a', { href: url, download: view ? csvFileName(view.settings) : 'points.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return { row: h('div', { class: 'nnp-row' }, [importButton, exportButton, fileInput]), status: csvStatus };
}
