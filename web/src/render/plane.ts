// The data plane [lo, hi]^2 and its mapping to a square of pixels (y up).
export interface Plane {
  lo: number;
  hi: number;
  size: number; // pixels per side
}

// Tick spacing for a plane [lo, hi]: about 4 to 8 ticks.
export function tickStep(lo: number, hi: number): number {
  const span = hi - lo;
  return span > 8 ? 2 : span > 3 ? 1 : 0.5;
}

export function toPixel(p: Plane, x: number, y: number): [number, number] {
  const s = p.size / (p.hi - p.lo);
  return [(x - p.lo) * s, (p.hi - y) * s];
}

export function toData(p: Plane, px: number, py: number): [number, number] {
  const s = (p.hi - p.lo) / p.size;
  return [p.lo + px * s, p.hi - py * s];
}

// Index of the nearest point within `radius` pixels, or -1.
export function hitTest(p: Plane, xs: Float64Array, ys: Float64Array, px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < xs.length; i++) {
    const [qx, qy] = toPixel(p, xs[i]!, ys[i]!);
    const d = (qx - px) ** 2 + (qy - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

// Evenly spaced tick values on [lo, hi].
export function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6 + 0); // + 0: no -0
  return out;
}
