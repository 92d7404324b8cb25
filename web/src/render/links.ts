// Links of the network diagram: cubic curves between neurons, and finding the
// one under the pointer (they are drawn on a canvas, so hit-testing is geometry).
// A link is the curve from (x0, y0) to (x1, y1) with control points at the middle x.
export interface LinkRef {
  layer: number;
  to: number;
  from: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function bezier(r: LinkRef, t: number): [number, number] {
  const mx = (r.x0 + r.x1) / 2;
  const u = 1 - t;
  const x = u * u * u * r.x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * r.x1;
  const y = u * u * u * r.y0 + 3 * u * u * t * r.y0 + 3 * u * t * t * r.y1 + t * t * t * r.y1;
  return [x, y];
}

// The link nearest to (px, py) within `radius` pixels.
export function linkAt(refs: readonly LinkRef[], px: number, py: number, radius: number): LinkRef | undefined {
  let best: LinkRef | undefined;
  let bestD = radius * radius;
  for (const r of refs) {
    if (px < Math.min(r.x0, r.x1) - radius || px > Math.max(r.x0, r.x1) + radius) continue;
    if (py < Math.min(r.y0, r.y1) - radius || py > Math.max(r.y0, r.y1) + radius) continue;
    for (let k = 0; k <= 32; k++) {
      const [x, y] = bezier(r, k / 32);
      const d = (x - px) ** 2 + (y - py) ** 2;
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    }
  }
  return best;
}
