// Where the network diagram puts things: one column per stage (the input
// features, each hidden layer, the output), the neurons' squares and the
// links between them. Pure geometry from the network's shape and the room.
import type { LinkRef } from '../render/links';

const HEAD = 40; // room above the columns for the layer controls (more with a select per layer)
export const GAP = 8;

export interface GeometryInput {
  featureCount: number; // every feature has a row (used or not)
  active: number[]; // the rows of the used features, in the order the network reads them
  widths: number[]; // neurons per weight layer (hidden layers, then the output)
  width: number; // the diagram's width (px)
  available: number; // the height the columns may use (px)
  selectsPerLayer: boolean; // one activation select per layer (a taller head)
}

export interface Geometry {
  width: number;
  height: number;
  size: number; // a neuron's square
  head: number;
  colX(c: number): number;
  featureY(row: number): number; // top of a feature's square
  neuronY(c: number, i: number): number; // top of neuron i of stage c (c >= 1)
  links: LinkRef[];
}

export function networkGeometry(g: GeometryInput): Geometry {
  const columns = [g.featureCount, ...g.widths];
  const width = Math.max(260, g.width);
  const maxNodes = Math.max(...columns);
  const size = Math.max(12, Math.min(40, Math.floor(g.available / maxNodes) - GAP));
  const left = 58; // room for the feature labels
  const colX = (c: number) => left + ((width - left - size - 4) * c) / (columns.length - 1);
  const head = g.selectsPerLayer ? HEAD + 30 : HEAD;
  const height = head + maxNodes * (size + GAP) + 4;
  const colTop = (count: number) => head + ((maxNodes - count) * (size + GAP)) / 2;
  const featureY = (row: number) => colTop(g.featureCount) + row * (size + GAP);
  const neuronY = (c: number, i: number) => colTop(columns[c] ?? 1) + i * (size + GAP);
  const links: LinkRef[] = [];
  // The right edge and middle of each neuron of the previous stage.
  let previous = g.active.map((row) => ({ x: colX(0) + size, y: featureY(row) + size / 2 }));
  for (let c = 1; c < columns.length; c++) {
    const here: { x: number; y: number }[] = [];
    for (let i = 0; i < columns[c]!; i++) {
      const y = neuronY(c, i) + size / 2;
      previous.forEach((p, j) => links.push({ layer: c - 1, to: i, from: j, x0: p.x, y0: p.y, x1: colX(c), y1: y }));
      here.push({ x: colX(c) + size, y });
    }
    previous = here;
  }
  return { width, height, size, head, colX, featureY, neuronY, links };
}
