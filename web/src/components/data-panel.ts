// The data: a thumbnail of every data set, its parameters, the class of points
// added by clicking, regenerate, and CSV import/export. This file makes the
// panel and passes each view on; data-thumbs.ts draws the thumbnails,
// data-class-picker.ts the "Click adds" choice, data-csv.ts the CSV row.
import type { DatasetId } from '../engine/types';
import type { Settings } from '../settings/schema';
import { classCount, taskOf } from '../shared/task';
import { createControl, isHidden } from './controls';
import { createClassPicker } from './data-class-picker';
import { createCsvRow } from './data-csv';
import { buildThumbs, drawThumb, type Thumb } from './data-thumbs';
import { h, show } from './dom';
import type { PointsData } from '../worker/protocol';
import type { Actions, Component, View } from './view';

// Choosing "Your points" starts from the current points, with their task.
function datasetPatch(id: DatasetId, view: View): Partial<Settings> {
  const s = view.settings;
  if (id === 'custom' && s.dataset !== 'custom') {
    const task = taskOf(s, view.catalog);
    return {
      dataset: 'custom',
      problem: task === 'regression' ? 'regression' : 'classification',
      classes: Math.max(2, classCount(s, view.catalog) || s.classes),
    };
  }
  return { dataset: id };
}

// The selected data set pressed; every button hidden when the data set is a hidden setting.
function markSelected(buttons: Map<DatasetId, Thumb>, s: Settings, pressed: boolean): void {
  for (const [id, b] of buttons) {
    const on = s.dataset === id;
    b.button.classList.toggle('nnp-selected', on);
    if (pressed && b.button.getAttribute('aria-pressed') !== String(on)) b.button.setAttribute('aria-pressed', String(on));
    show(b.button, !isHidden(s, 'dataset') && !isHidden(s, 'regDataset'));
  }
}

export function createDataPanel(actions: Actions, setAddLabel: (label: number) => void): Component {
  let current: View | null = null;
  let previews: Map<string, PointsData> | null = null;
  let previewsRequested = false;
  const thumbs = buildThumbs((id) => current && actions.set(datasetPatch(id, current)));
  const { buttons } = thumbs;
  const controls = (['classes', 'problem', 'samples', 'noise', 'percTrainData'] as const).map((id) => createControl(id, actions.set));
  const seed = createControl('seed', actions.set);
  const regenerate = h('button', { type: 'button', class: 'nnp-button', text: 'Regenerate', title: 'New random data (a new seed)' });
  regenerate.addEventListener('click', () => actions.regenerate());
  const picker = createClassPicker(setAddLabel);
  const csv = createCsvRow(actions, () => current);
  const element = h('section', { class: 'nnp-panel nnp-data', 'aria-label': 'Data' }, [
    h('h2', { text: 'Data' }),
    thumbs.element,
    ...controls.map((c) => c.element),
    h('div', { class: 'nnp-row nnp-seed-row' }, [seed.element, regenerate]),
    picker.element,
    csv.row,
    csv.status,
  ]);

  // The other data sets' thumbnails, asked for once: they do not change with the settings.
  const drawPreviews = (view: View) => {
    if (previews) for (const [id, b] of buttons) if (id !== 'custom') drawThumb(b.image, previews.get(id), id, view);
  };
  function requestPreviews(): void {
    if (previewsRequested) return;
    previewsRequested = true;
    actions
      .datasetPreview()
      .then((list) => {
        previews = new Map(list.map((p) => [p.id, p.points]));
        if (current) drawPreviews(current);
      })
      .catch(() => undefined);
  }

  return {
    element,
    preview(s) {
      markSelected(buttons, s, false);
      controls.forEach((c) => c.update(s));
      seed.update(s);
    },
    update(view) {
      const first = !current;
      current = view;
      const s = view.settings;
      requestPreviews();
      markSelected(buttons, s, true);
      const custom = buttons.get('custom');
      if (custom && (first || view.snapshot.points || s.dataset === 'custom'))
        drawThumb(custom.image, s.dataset === 'custom' ? view.points : undefined, 'custom', view);
      if (first) drawPreviews(view);
      controls.forEach((c) => c.update(s));
      seed.update(s);
      show(regenerate, !isHidden(s, 'seed'));
      picker.update(view);
    },
  };
}
