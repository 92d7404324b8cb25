// Colour scales of the maps and points. A signed value in [-1, 1] (binary
// classes, regression, a neuron's activation) goes through a diverging scale:
// orange below zero, blue above, as in TensorFlow Playground. Several classes
// get one hue each, with the model's confidence as lightness.
import { DIVERGING, LUT_SIZE, TABLEAU10 } from './ramps.generated';
import { ENGINE } from '../engine/description.generated';

export type Palette = 'default' | 'colorblind';
export type RGB = readonly [number, number, number];

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

// The diverging scale (scripts/colour-ramps.mjs samples it from
// d3-scale-chromatic), LUT_SIZE entries r g b for t from -1 to 1.
const LUTS: Record<Palette, Uint8ClampedArray> = { default: unhex(DIVERGING.default), colorblind: unhex(DIVERGING.colorblind) };

function unhex(s: string): Uint8ClampedArray {
  const out = new Uint8ClampedArray(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// The colour of t in [-1, 1] (clamped; NaN is the middle).
export function diverging(palette: Palette, t: number): RGB {
  const lut = LUTS[palette];
  const i = lutIndex(t) * 3;
  return [lut[i]!, lut[i + 1]!, lut[i + 2]!];
}

// The diverging scale, r g b per entry (a copy: callers may keep it).
export function divergingLut(palette: Palette): Uint8ClampedArray {
  return LUTS[palette].slice();
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

// Single-output units whose value is a probability 0..1 (the engine's unitLow).
const ZERO_TO_ONE = new Set<string>(ENGINE.outputs.filter((o) => o.unitLow === 0 && !o.multiclass).map((o) => o.unit));

// An output unit's value as a signed number for the diverging scale.
export function signedOutput(unit: string, a: number): number {
  return ZERO_TO_ONE.has(unit) ? 2 * a - 1 : a;
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
