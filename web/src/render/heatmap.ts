// Fills ImageData from a map of values (n x n, row 0 at the top), one pixel per
// value. Scaling to the screen is the canvas's job.
import { classColors, confidence, lutIndex, tint, type Palette } from './colors';

// Signed values through the diverging scale; `discretize` keeps only the sign.
// `at`, `count`: the pixels of `image` to fill (all of it unless given).
export function paintSigned(
  image: ImageData,
  values: Float32Array,
  offset: number,
  lut: Uint8ClampedArray,
  transform: (v: number) => number,
  discretize: boolean,
  at = 0,
  count = image.width * image.height,
): void {
  const data = image.data;
  for (let i = 0; i < count; i++) {
    let t = transform(values[offset + i] ?? 0);
    if (discretize) t = t > 0 ? 0.6 : t < 0 ? -0.6 : 0;
    const k = lutIndex(t) * 3;
    const o = (at + i) * 4;
    data[o] = lut[k] ?? 0;
    data[o + 1] = lut[k + 1] ?? 0;
    data[o + 2] = lut[k + 2] ?? 0;
    data[o + 3] = 255;
  }
}

// K class maps (probabilities, map-major): the winning class's hue, lighter
// where the network is unsure.
export function paintClasses(image: ImageData, values: Float32Array, classes: number, palette: Palette, discretize: boolean, strength = 1): void {
  const px = image.width * image.height;
  const colors = classColors(palette, classes);
  const data = image.data;
  for (let i = 0; i < px; i++) {
    let best = 0;
    let pBest = -Infinity;
    for (let k = 0; k < classes; k++) {
      const p = values[k * px + i] ?? 0;
      if (p > pBest) {
        pBest = p;
        best = k;
      }
    }
    const weight = strength * (discretize ? 0.7 : 0.12 + 0.68 * confidence(pBest, classes));
    const [r, g, b] = tint(colors[best]!, weight);
    data[i * 4] = r;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = b;
    data[i * 4 + 3] = 255;
  }
}

// The class a pixel of paintClasses shows (for tests and read-outs).
export function argmaxAt(values: Float32Array, classes: number, px: number, i: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if ((values[k * px + i] ?? 0) > (values[best * px + i] ?? 0)) best = k;
  return best;
}
