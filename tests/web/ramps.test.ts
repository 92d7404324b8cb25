// render/ramps.ts writes out four of d3-scale-chromatic's scales (the page
// does not load d3): they must give d3's colours exactly.
import { interpolateBlues, interpolateOranges, interpolatePuOr, schemeTableau10 } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { parseColor } from '../../web/src/render/colors';
import { TABLEAU10, blues, oranges, purpleOrange } from '../../web/src/render/ramps';

describe('colour ramps', () => {
  it.each([
    ['Blues', blues, interpolateBlues],
    ['Oranges', oranges, interpolateOranges],
    ['PuOr', purpleOrange, interpolatePuOr],
  ] as const)('%s equals d3-scale-chromatic at 20,001 points in [-0.2, 1.2]', (_name, ours, d3) => {
    let differ = 0;
    let first = '';
    for (let k = 0; k <= 20000; k++) {
      const t = -0.2 + (1.4 * k) / 20000;
      const a = ours(t);
      const b = parseColor(d3(t));
      if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) {
        differ++;
        first ||= `t=${t}: ${a.join(',')} vs ${b.join(',')}`;
      }
    }
    expect(first).toBe('');
    expect(differ).toBe(0);
  });

  it('Tableau10 equals d3-scale-chromatic', () => {
    expect(TABLEAU10).toEqual([...schemeTableau10]);
  });
});
