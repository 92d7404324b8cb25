// The colour ramps the maps use, as d3-scale-chromatic defines them (its
// interpolateBlues, interpolateOranges and interpolatePuOr: a uniform
// B-spline through ColorBrewer's largest scheme, per channel, rounded to
// integers) and Tableau's ten categorical colours. Written out here so the
// first view does not load d3's three modules (11 kB gzip) for four ramps;
// tests/web/ramps.test.ts checks them against d3-scale-chromatic.
import type { RGB } from './colors';

const hex = (s: string): RGB[] => Array.from({ length: s.length / 6 }, (_, i) => [0, 2, 4].map((k) => parseInt(s.slice(i * 6 + k, i * 6 + k + 2), 16)) as unknown as RGB);

// d3-interpolate's basis(): the uniform cubic B-spline between v1 and v2.
function basis(t1: number, v0: number, v1: number, v2: number, v3: number): number {
  const t2 = t1 * t1;
  const t3 = t2 * t1;
  return ((1 - 3 * t1 + 3 * t2 - t3) * v0 + (4 - 6 * t2 + 3 * t3) * v1 + (1 + 3 * t1 + 3 * t2 - 3 * t3) * v2 + t3 * v3) / 6;
}

// d3-interpolate's interpolateRgbBasis, with d3-color's rounding and clamping to 0..255.
function rgbBasis(colors: RGB[]): (t: number) => RGB {
  const n = colors.length - 1;
  const channel = (c: 0 | 1 | 2) => (t: number) => {
    const i = t <= 0 ? ((t = 0), 0) : t >= 1 ? ((t = 1), n - 1) : Math.floor(t * n);
    const v1 = colors[i]![c];
    const v2 = colors[i + 1]![c];
    const v0 = i > 0 ? colors[i - 1]![c] : 2 * v1 - v2;
    const v3 = i < n - 1 ? colors[i + 2]![c] : 2 * v2 - v1;
    return Math.max(0, Math.min(255, Math.round(basis((t - i / n) * n, v0, v1, v2, v3)) || 0));
  };
  const r = channel(0);
  const g = channel(1);
  const b = channel(2);
  return (t) => [r(t), g(t), b(t)];
}

export const blues = rgbBasis(hex('f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b'));
export const oranges = rgbBasis(hex('fff5ebfee6cefdd0a2fdae6bfd8d3cf16913d94801a636037f2704'));
export const purpleOrange = rgbBasis(hex('2d004b5427888073acb2abd2d8daebf7f7f7fee0b6fdb863e08214b358067f3b08'));
export const TABLEAU10 = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];
