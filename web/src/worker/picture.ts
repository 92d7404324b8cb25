// What the page draws of a session at one moment: every neuron's map (small),
// the output's and the hovered neuron's (large), the weights and the figures,
// all copied out of wasm memory at once (the next engine call may move it).
import type { Engine, Playground } from '../engine/types';
import { viewOf } from '../shared/dataset-view';
import { OUTPUT_GRID, THUMB_GRID, type LayerData, type Snapshot } from './protocol';

// The part of a snapshot that depends only on the weights (not on what the page already has).
export interface Picture {
  parts: Pick<Snapshot, 'config' | 'steps' | 'status' | 'statusMessage' | 'stats' | 'grid' | 'layers'>;
  transfer: Transferable[];
}

// The wrapper's results are already copies that own their buffers: they are transferred as they are.
export function layerCopies(pg: Playground): LayerData[] {
  return pg.layers().map(({ rows, cols, weights, biases }) => ({ rows, cols, weights, biases }));
}

// What the page draws of the session now: maps, weights, figures (copies).
export function picture(engine: Engine, pg: Playground, focusMap: number | null): Picture {
  // Copy out of wasm memory at once: the next engine call may move it.
  // A small table (the XOR truth table) is drawn zoomed to where its points lie.
  const config = pg.config();
  const { lo, hi } = viewOf(engine.catalog().datasets, config.dataset);
  const small = pg.grid(THUMB_GRID, lo, hi);
  const thumbs = small.values.slice(0, small.maps * THUMB_GRID * THUMB_GRID);
  const mapStart = [...small.mapStart];
  const maps = small.maps;
  const big = pg.grid(OUTPUT_GRID, lo, hi);
  const px = OUTPUT_GRID * OUTPUT_GRID;
  const outFirst = mapStart[mapStart.length - 1] ?? maps - 1;
  const output = big.values.slice(outFirst * px, maps * px);
  const focus = focusMap !== null && focusMap < maps ? focusMap : null;
  const focusValues = focus === null ? null : big.values.slice(focus * px, (focus + 1) * px);

  const layers = layerCopies(pg);
  const parts: Picture['parts'] = {
    config,
    steps: pg.steps(),
    status: pg.status(),
    statusMessage: pg.statusMessage(),
    stats: pg.evaluate(),
    grid: { lo: big.lo, hi: big.hi, mapStart, maps, thumbN: THUMB_GRID, thumbs, outN: OUTPUT_GRID, output, focus, focusValues },
    layers,
  };
  const transfer: Transferable[] = [
    thumbs.buffer,
    output.buffer,
    ...(focusValues ? [focusValues.buffer] : []),
    ...layers.flatMap((l) => [l.weights.buffer, l.biases.buffer]),
  ];
  return { parts, transfer };
}
