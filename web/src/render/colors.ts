// Colour scales of the maps and points. A signed value in [-1, 1] (binary
// classes, regression, a neuron's activation) goes through a diverging scale:
// orange below zero, blue above, as in TensorFlow Playground. Several classes
// get one hue each, with the model's confidence as lightness.
import { TABLEAU10, blues, oranges, purpleOrange } from './ramps';

export type Palette = 'default' | 'colorblind';
export type RGB = readonly [number, number, number];

export const LUT_SIZE = 256;

// Okabe & Ito's eight colours, distinguishable with every common colour-vision deficiency.
const OKABE_ITO = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

export function parseColor(css: string): RGB {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`Not a colour: ${css}`);
}

export function toCss([r, g, b]: RGB): string {
  return `rgb(${r}, ${g}, ${b})`;
}

// The colour of t in [-1, 1] (clamped).
export function diverging(palette: Palette, t: number): RGB {
  const v = Number.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
  // ColorBrewer's PuOr: safe for every common colour-vision deficiency, with a
  // large lightness step from the white middle to its dark ends.
  if (palette === 'colorblind') return purpleOrange(0.5 - 0.46 * v); // orange below zero, purple above
  return v < 0 ? oranges(0.04 + 0.56 * -v) : blues(0.04 + 0.71 * v);
}

// The diverging scale sampled at LUT_SIZE values, r g b per entry.
export function divergingLut(palette: Palette): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = diverging(palette, (i / (LUT_SIZE - 1)) * 2 - 1);
    lut[i * 3] = r;
    lut[i * 3 + 1] = g;
    lut[i * 3 + 2] = b;
  }
  return lut;
}

export function lutIndex(t: number): number {
  if (Number.isNaN(t)) return LUT_SIZE >> 1;
  const v = Math.max(-1, Math.min(1, t));
  return Math.round(((v + 1) / 2) * (LUT_SIZE - 1));
}

// One colour per class. Two classes use the ends of the diverging scale, so
// points and map agree (class 0 is TensorFlow Playground's -1, orange).
export function classColors(palette: Palette, classes: number): RGB[] {
  if (classes === 2) return [diverging(palette, -1), diverging(palette, 1)];
  const scheme = palette === 'colorblind' ? OKABE_ITO : TABLEAU10;
  return Array.from({ length: classes }, (_, k) => parseColor(scheme[k % scheme.length]!));
}

// An output unit's value as a signed number for the diverging scale.
export function signedOutput(unit: string, a: number): number {
  return unit === 'sigmoid' ? 2 * a - 1 : a;
}

// How strongly the winning class wins, 0 (all equal) to 1 (certain).
export function confidence(pMax: number, classes: number): number {
  const chance = 1 / classes;
  return Math.max(0, Math.min(1, (pMax - chance) / (1 - chance)));
}

// A colour mixed with white: weight 0 is white, 1 the colour.
export function tint(c: RGB, weight: number): RGB {
  const w = Math.max(0, Math.min(1, weight));
  return [Math.round(255 + (c[0] - 255) * w), Math.round(255 + (c[1] - 255) * w), Math.round(255 + (c[2] - 255) * w)];
}

// The diverging scale sampled once, for drawing many values per frame.
export interface Scale {
  palette: Palette;
  lut: Uint8ClampedArray; // r g b per entry
  css: string[]; // the same entries as CSS colours
  cssOf(t: number): string;
}

export function makeScale(palette: Palette): Scale {
  const lut = divergingLut(palette);
  const css = Array.from({ length: LUT_SIZE }, (_, i) => `rgb(${lut[i * 3]}, ${lut[i * 3 + 1]}, ${lut[i * 3 + 2]})`);
  return { palette, lut, css, cssOf: (t) => css[lutIndex(t)]! };
}
