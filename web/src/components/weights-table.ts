// The weights as tables, one per layer: a row per neuron of the layer, a
// column per input it takes (the features, or the neurons of the layer
// before) and its bias, as the engine sent them in the snapshot.
import { ENGINE } from '../engine/description.generated';
import type { LayerData } from '../worker/protocol';
import { formatValue } from './dom';
import { layerName } from './network-diagram';
import { createTableView, dataTable, type TableView } from './table-view';

const FEATURE_LABEL = new Map<string, string>(ENGINE.features.map((f) => [f.id, f.label]));

// Layer l's table: into `layerName` from the features (l = 0) or the layer before.
function weightsTable(layers: readonly LayerData[], features: readonly string[], l: number): HTMLTableElement {
  const layer = layers[l]!;
  const hidden = layers.length - 1;
  const into = layerName(l, hidden);
  const from = l === 0 ? 'the inputs' : layerName(l - 1, hidden);
  const source = (k: number) => `from ${l === 0 ? (FEATURE_LABEL.get(features[k] ?? '') ?? `input ${k + 1}`) : `neuron ${k + 1}`}`;
  const head = ['Neuron', ...Array.from({ length: layer.cols }, (_, k) => source(k)), 'bias'];
  const rows = Array.from({ length: layer.rows }, (_, i) => [
    l === hidden && layer.rows > 1 ? `class ${i}` : `neuron ${i + 1}`,
    ...Array.from({ length: layer.cols }, (_, k) => formatValue(layer.weights[i * layer.cols + k] ?? NaN)),
    formatValue(layer.biases[i] ?? NaN),
  ]);
  return dataTable(`Weights into ${into}, from ${from}: a row per neuron, a column per input`, head, rows);
}

export function createWeightsTable(): TableView {
  return createTableView(
    'Show weights as tables',
    'weights-table',
    (view) => [view.snapshot.layers],
    (view) => view.snapshot.layers.map((_, l) => weightsTable(view.snapshot.layers, view.snapshot.config.features, l)),
  );
}
