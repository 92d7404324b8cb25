// The data: a thumbnail of every data set, its parameters, the class of points
// added by clicking, regenerate, and CSV import/export.
import type { DatasetId } from '../engine/types';
import { classColors, diverging, toCss } from '../render/colors';
import { toPixel } from '../render/plane';
import { classCount, taskOf } from '../settings/config';
import { DATASETS } from '../settings/schema';
import { csvFileName, describeCsvResult, describeCsvTooLarge } from '../csv';
import { createControl, isHidden } from './controls';
import { h, show } from './dom';
import type { PointsData } from '../worker/protocol';
import type { Actions, Component, View } from './view';

const THUMB = 52;

export function createDataPanel(actions: Actions, setAddLabel: (label: number) => void): Component {
  const thumbs = h('div', { class: 'nnp-thumbs', role: 'group', 'aria-label': 'Data sets' });
  const buttons = new Map<DatasetId, { button: HTMLButtonElement; canvas: HTMLCanvasElement }>();
  for (const d of DATASETS) {
    const canvas = h('canvas', { width: THUMB * 2, height: THUMB * 2, 'aria-hidden': 'true' });
    const button = h('button', { type: 'button', class: 'nnp-thumb', title: d.label, 'aria-label': d.label, 'data-dataset': d.value }, [canvas]);
    button.addEventListener('click', () => pick(d.value));
    buttons.set(d.value, { button, canvas });
    thumbs.append(button);
  }
  const controls = (['classes', 'problem', 'samples', 'noise', 'percTrainData'] as const).map((id) => createControl(id, actions.set));
  const seed = createControl('seed', actions.set);
  const regenerate = h('button', { type: 'button', class: 'nnp-button', text: 'Regenerate', title: 'New random data (a new seed)' });
  regenerate.addEventListener('click', () => actions.regenerate());

  const classPicker = h('div', { class: 'nnp-class-picker', role: 'radiogroup', 'aria-label': 'Class of points added by clicking on the output' });
  const pickerBox = h('div', { class: 'nnp-control', title: 'Click on the output to add a point of this class; drag to move, right-click or long-press to delete' }, [
    h('span', { class: 'nnp-label', text: 'Click adds' }),
    classPicker,
  ]);

  const fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', hidden: true, tabindex: -1, 'aria-label': 'Import points from a CSV file' }); // opened by the button: no tab stop, no box
  const importButton = h('button', { type: 'button', class: 'nnp-button', text: 'Import CSV', title: 'Load points from a CSV file: x, y, label per line' });
  const exportButton = h('button', { type: 'button', class: 'nnp-button', text: 'Export CSV', title: 'Save the points as a CSV file' });
  const csvStatus = h('div', { class: 'nnp-csv-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'csv-status' });
  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    fileInput.value = '';
    // The size first: a huge file is never read (the engine's limit, from its catalog).
    const limit = current?.catalog.limits.maxCsvBytes ?? 0;
    const { summary, lines, ok } = limit > 0 && file.size > limit ? describeCsvTooLarge(file.name, file.size, limit) : describeCsvResult(await actions.importCsv(await file.text()), file.name);
    csvStatus.className = `nnp-csv-status ${ok ? 'nnp-ok' : 'nnp-error'}`;
    csvStatus.replaceChildren(h('div', { text: summary }), ...(lines.length ? [h('ul', {}, lines.map((l) => h('li', { text: l })))] : []));
  });
  exportButton.addEventListener('click', async () => {
    const text = await actions.exportCsv();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    const a = h('a', { href: url, download: current ? csvFileName(current.settings) : 'points.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  const element = h('section', { class: 'nnp-panel nnp-data', 'aria-label': 'Data' }, [
    h('h2', { text: 'Data' }),
    thumbs,
    ...controls.map((c) => c.element),
    h('div', { class: 'nnp-row nnp-seed-row' }, [seed.element, regenerate]),
    pickerBox,
    h('div', { class: 'nnp-row' }, [importButton, exportButton, fileInput]),
    csvStatus,
  ]);

  let current: View | null = null;
  let previews: Map<string, PointsData> | null = null;
  let previewsRequested = false;
  let pickerKey = '';
  let addLabel = 1;

  function pick(id: DatasetId): void {
    const s = current?.settings;
    if (!s || !current) return;
    if (id === 'custom' && s.dataset !== 'custom') {
      // Your points start from the current ones, with their task.
      const task = taskOf(s, current.catalog);
      actions.set({ dataset: 'custom', problem: task === 'regression' ? 'regression' : 'classification', classes: Math.max(2, classCount(s, current.catalog) || s.classes) });
    } else actions.set({ dataset: id });
  }

  function drawThumb(canvas: HTMLCanvasElement, p: PointsData | undefined, id: string, view: View): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const size = canvas.width;
    ctx.clearRect(0, 0, size, size);
    ctx.fillStyle = '#f6f7f9';
    ctx.fillRect(0, 0, size, size);
    if (!p || p.x.length === 0) {
      if (id === 'custom') {
        // "Your points": a pencil-free hint, a plus to place points by clicking
        ctx.strokeStyle = '#9aa3ad';
        ctx.lineWidth = size / 26;
        ctx.beginPath();
        ctx.moveTo(size / 2, size * 0.3);
        ctx.lineTo(size / 2, size * 0.7);
        ctx.moveTo(size * 0.3, size / 2);
        ctx.lineTo(size * 0.7, size / 2);
        ctx.stroke();
      }
      return;
    }
    const info = view.catalog.datasets.find((d) => d.id === id);
    const regression = info?.problem === 'regression';
    const k = info?.anyClasses ? 3 : 2;
    const colors = classColors(view.settings.palette, k);
    const plane = { lo: -6, hi: 6, size };
    for (let i = 0; i < p.x.length; i++) {
      const [x, y] = toPixel(plane, p.x[i]!, p.y[i]!);
      ctx.fillStyle = toCss(regression ? diverging(view.settings.palette, p.label[i]!) : colors[Math.round(p.label[i]!)] ?? [0, 0, 0]);
      ctx.beginPath();
      ctx.arc(x, y, id === 'xor_table' ? 8 : 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }

  function updatePicker(view: View): void {
    const k = classCount(view.settings, view.catalog);
    const key = `${k}:${view.settings.palette}`;
    if (key === pickerKey) return;
    pickerKey = key;
    const values = k === 0 ? [-1, -0.5, 0, 0.5, 1] : Array.from({ length: k }, (_, i) => i);
    const colors = k === 0 ? values.map((v) => diverging(view.settings.palette, v)) : classColors(view.settings.palette, k);
    if (!values.includes(addLabel)) addLabel = values[values.length - 1] ?? 1;
    setAddLabel(addLabel);
    const name = `nnp-add-${Math.random().toString(36).slice(2, 9)}`;
    classPicker.replaceChildren(
      ...values.map((v, i) => {
        const input = h('input', { type: 'radio', name, value: v, 'aria-label': k === 0 ? `Value ${v}` : `Class ${v}` });
        input.checked = v === addLabel;
        input.addEventListener('change', () => {
          addLabel = v;
          setAddLabel(v);
        });
        return h('label', { class: 'nnp-class-option', title: k === 0 ? `Add points with value ${v}` : `Add points of class ${v}` }, [
          input,
          h('i', { style: `background:${toCss(colors[i] ?? [0, 0, 0])}` }),
          k === 0 ? String(v) : String(v),
        ]);
      }),
    );
  }

  return {
    element,
    preview(s) {
      for (const [id, b] of buttons) {
        b.button.classList.toggle('nnp-selected', s.dataset === id);
        show(b.button, !isHidden(s, 'dataset') && !isHidden(s, 'regDataset'));
      }
      controls.forEach((c) => c.update(s));
      seed.update(s);
    },
    update(view) {
      const first = !current;
      current = view;
      const s = view.settings;
      if (!previewsRequested) {
        previewsRequested = true;
        actions
          .datasetPreview()
          .then((list) => {
            previews = new Map(list.map((p) => [p.id, p.points]));
            if (current) for (const [id, b] of buttons) if (id !== 'custom') drawThumb(b.canvas, previews.get(id), id, current);
          })
          .catch(() => undefined);
      }
      for (const [id, b] of buttons) {
        const on = s.dataset === id;
        b.button.classList.toggle('nnp-selected', on);
        b.button.setAttribute('aria-pressed', on ? 'true' : 'false');
        show(b.button, !isHidden(s, 'dataset') && !isHidden(s, 'regDataset'));
      }
      const custom = buttons.get('custom');
      if (custom && (first || view.snapshot.points || s.dataset === 'custom')) drawThumb(custom.canvas, s.dataset === 'custom' ? view.points : undefined, 'custom', view);
      if (first && previews) for (const [id, b] of buttons) if (id !== 'custom') drawThumb(b.canvas, previews.get(id), id, view);
      controls.forEach((c) => c.update(s));
      seed.update(s);
      show(regenerate, !isHidden(s, 'seed'));
      updatePicker(view);
    },
  };
}
