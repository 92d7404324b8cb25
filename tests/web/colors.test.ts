// Colour mapping: the diverging scale, class colours, and the painted pixels.
import { describe, expect, it } from 'vitest';
import { classColors, confidence, diverging, divergingLut, lutIndex, parseColor, signedOutput, tint, type RGB } from '../../web/src/render/colors';
import { argmaxAt, paintClasses, paintSigned } from '../../web/src/render/heatmap';
import { bezier, linkAt } from '../../web/src/render/links';
import { hitTest, tickStep, ticks, toData, toPixel } from '../../web/src/render/plane';
import { viewOf } from '../../web/src/shared/dataset-view';
import { LUT_SIZE } from '../../web/src/render/ramps.generated';
import { ENGINE } from '../../web/src/engine/description.generated';

const image = (n: number) => ({ width: n, height: n, data: new Uint8ClampedArray(n * n * 4) }) as unknown as ImageData;
const pixel = (img: ImageData, i: number): RGB => [img.data[i * 4]!, img.data[i * 4 + 1]!, img.data[i * 4 + 2]!];
const isOrange = ([r, g, b]: RGB) => r > b + 60 && r > g;
const isBlue = ([r, , b]: RGB) => b > r + 40;
// relative luminance, enough to order light and dark
const light = ([r, g, b]: RGB) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('the diverging scale', () => {
  it('is orange below zero, blue above and near white at zero', () => {
    expect(isOrange(diverging('default', -1))).toBe(true);
    expect(isOrange(diverging('default', -0.4))).toBe(true);
    expect(isBlue(diverging('default', 1))).toBe(true);
    expect(isBlue(diverging('default', 0.4))).toBe(true);
    expect(Math.min(...diverging('default', 0))).toBeGreaterThan(235);
  });
  it('gets darker with |t| and clamps outside [-1, 1] and NaN to the middle', () => {
    expect(light(diverging('default', 0.9))).toBeLessThan(light(diverging('default', 0.3)));
    expect(light(diverging('default', -0.9))).toBeLessThan(light(diverging('default', -0.3)));
    expect(diverging('default', 7)).toEqual(diverging('default', 1));
    expect(diverging('default', -7)).toEqual(diverging('default', -1));
    expect(diverging('default', NaN)).toEqual(diverging('default', 0));
  });
  it('colour-blind palette (PuOr): white in the middle, darker towards both ends, different hues', () => {
    const ls = [-1, -0.5, 0, 0.5, 1].map((t) => light(diverging('colorblind', t)));
    expect(ls[0]!).toBeLessThan(ls[1]!);
    expect(ls[1]!).toBeLessThan(ls[2]!);
    expect(ls[4]!).toBeLessThan(ls[3]!);
    expect(ls[3]!).toBeLessThan(ls[2]!);
    expect(Math.min(...diverging('colorblind', 0))).toBeGreaterThan(225);
    expect(isOrange(diverging('colorblind', -1))).toBe(true);
    const [r, g, b] = diverging('colorblind', 1);
    expect(b).toBeGreaterThan(g); // purple
    expect(r).toBeGreaterThan(g);
  });
  it('the lookup table samples the scale end to end', () => {
    const lut = divergingLut('default');
    expect(lut.length).toBe(LUT_SIZE * 3);
    expect([lut[0], lut[1], lut[2]]).toEqual([...diverging('default', -1)]);
    const k = (LUT_SIZE - 1) * 3;
    expect([lut[k], lut[k + 1], lut[k + 2]]).toEqual([...diverging('default', 1)]);
    expect(lutIndex(-1)).toBe(0);
    expect(lutIndex(1)).toBe(LUT_SIZE - 1);
    expect(lutIndex(0)).toBe(Math.round((LUT_SIZE - 1) / 2));
  });
});

describe('class colours', () => {
  it('two classes use the ends of the diverging scale, as the maps do', () => {
    expect(classColors('default', 2)).toEqual([diverging('default', -1), diverging('default', 1)]);
  });
  it('up to six classes are all different, in both palettes', () => {
    for (const p of ['default', 'colorblind'] as const) {
      const cs = classColors(p, 6).map((c) => c.join(','));
      expect(new Set(cs).size).toBe(6);
    }
  });
  it('parses hex and rgb() and refuses anything else', () => {
    expect(parseColor('#0877bd')).toEqual([8, 119, 189]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(() => parseColor('red')).toThrow();
  });
  it('confidence is 0 at chance and 1 when certain; tint mixes with white', () => {
    expect(confidence(1 / 3, 3)).toBe(0);
    expect(confidence(1, 3)).toBe(1);
    expect(confidence(0.5, 2)).toBe(0);
    expect(confidence(0.75, 2)).toBeCloseTo(0.5, 12);
    expect(tint([0, 100, 200], 0)).toEqual([255, 255, 255]);
    expect(tint([0, 100, 200], 1)).toEqual([0, 100, 200]);
  });
  it('a sigmoid output of 0.5 is the boundary, like tanh at 0', () => {
    expect(signedOutput('sigmoid', 0.5)).toBe(0);
    expect(signedOutput('sigmoid', 1)).toBe(1);
    expect(signedOutput('tanh', -0.3)).toBe(-0.3);
  });
});

describe('painting a map', () => {
  it('colours each pixel by the sign and size of its value', () => {
    const img = image(2);
    const values = new Float32Array([0, 0, -1, 0.8, 0, 0]);
    paintSigned(img, values, 2, divergingLut('default'), (v) => v, false);
    expect(isOrange(pixel(img, 0))).toBe(true);
    expect(isBlue(pixel(img, 1))).toBe(true);
    expect(Math.min(...pixel(img, 2))).toBeGreaterThan(235);
    expect(img.data[3]).toBe(255);
  });
  it('discretized, keeps only the sign', () => {
    const img = image(2);
    paintSigned(img, new Float32Array([0.05, 0.9, -0.05, -0.9]), 0, divergingLut('default'), (v) => v, true);
    expect(pixel(img, 0)).toEqual(pixel(img, 1));
    expect(pixel(img, 2)).toEqual(pixel(img, 3));
    expect(isBlue(pixel(img, 0)) && isOrange(pixel(img, 2))).toBe(true);
  });
  it('several classes: the winner’s hue, paler when unsure', () => {
    const img = image(2); // 4 pixels, 3 classes, map-major
    const p = new Float32Array([
      0.9,
      0.1,
      0.34,
      0.2, // class 0
      0.05,
      0.8,
      0.33,
      0.2, // class 1
      0.05,
      0.1,
      0.33,
      0.6, // class 2
    ]);
    paintClasses(img, p, 3, 'default', false);
    const colors = classColors('default', 3);
    expect([0, 1, 2, 3].map((i) => argmaxAt(p, 3, 4, i))).toEqual([0, 1, 0, 2]);
    const hueOf = (c: RGB) => c.indexOf(Math.min(...c)); // the channel the colour lacks most
    expect(hueOf(pixel(img, 0))).toBe(hueOf(colors[0]!));
    expect(hueOf(pixel(img, 1))).toBe(hueOf(colors[1]!));
    expect(light(pixel(img, 2))).toBeGreaterThan(light(pixel(img, 0))); // 0.34 of 3 is nearly chance
  });
});

describe('the plane', () => {
  const plane = { lo: -6, hi: 6, size: 120 };
  it('maps data to pixels with y up, and back', () => {
    expect(toPixel(plane, -6, 6)).toEqual([0, 0]);
    expect(toPixel(plane, 6, -6)).toEqual([120, 120]);
    expect(toPixel(plane, 0, 0)).toEqual([60, 60]);
    const [x, y] = toData(plane, 30, 90);
    expect(x).toBeCloseTo(-3, 12);
    expect(y).toBeCloseTo(-3, 12);
  });
  it('finds the nearest point within a radius', () => {
    const xs = new Float64Array([0, 1, 5]);
    const ys = new Float64Array([0, 0, 5]);
    expect(hitTest(plane, xs, ys, 61, 60, 5)).toBe(0);
    expect(hitTest(plane, xs, ys, 69, 60, 5)).toBe(1);
    expect(hitTest(plane, xs, ys, 100, 20, 5)).toBe(-1);
  });
  it('ticks', () => {
    expect(ticks(-6, 6, 2)).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    expect(ticks(-0.25, 1.25, tickStep(-0.25, 1.25))).toEqual([0, 0.5, 1]);
  });
  it('shows the whole plane, or a small table zoomed to its points with a margin (the engine says where they lie)', () => {
    expect(viewOf(ENGINE.datasets, 'circle')).toEqual({ lo: -6, hi: 6 });
    expect(viewOf(ENGINE.datasets, 'custom')).toEqual({ lo: -6, hi: 6 });
    expect(viewOf(ENGINE.datasets, 'xor_table')).toEqual({ lo: -0.25, hi: 1.25 });
    // Near the edge the margin stops at the plane.
    expect(
      viewOf(
        [
          { id: 'a', extent: [-6, 6] },
          { id: 'b', extent: [4, 6] },
        ],
        'b',
      ),
    ).toEqual({ lo: 3.5, hi: 6 });
  });
});

describe('finding a link under the pointer', () => {
  const a = { layer: 0, to: 0, from: 0, x0: 0, y0: 0, x1: 100, y1: 100 };
  const b = { layer: 0, to: 1, from: 0, x0: 0, y0: 0, x1: 100, y1: 0 };
  it('the curve runs through the middle of its ends, flat at both ends', () => {
    const [mx, my] = bezier(a, 0.5);
    expect(mx).toBeCloseTo(50, 12);
    expect(my).toBeCloseTo(50, 12);
    expect(bezier(a, 0)).toEqual([0, 0]);
    expect(bezier(a, 1)).toEqual([100, 100]);
  });
  it('picks the nearest link within the radius, or none', () => {
    expect(linkAt([a, b], 50, 51, 5)).toBe(a);
    expect(linkAt([a, b], 50, 2, 5)).toBe(b);
    expect(linkAt([a, b], 50, 25, 5)).toBeUndefined();
    expect(linkAt([a, b], 300, 0, 5)).toBeUndefined();
  });
});
