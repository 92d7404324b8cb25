// CSV import and export as the page presents them, with the engine's parser,
// and the points codec that keeps custom points in the URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { csvFileName, describeCsvResult, describeCsvTooLarge, errorLines } from '../../web/src/csv';
import { MAX_SHOWN_ERRORS } from '../../web/src/settings/limits';
import { MAX_NOTICE_LINE_CHARS } from '../../web/src/shared/messages';
import type { Engine } from '../../web/src/engine/types';
import { decodePoints, decodePointsWithSplit, encodePoints, enginePoints, type PointRow } from '../../web/src/settings/points-codec';
import { nodeEngine } from './engine-fixture';

let engine: Engine;
beforeAll(async () => {
  engine = await nodeEngine();
});

describe('importing a CSV file', () => {
  it('reports a bad row with its line number and loads nothing', () => {
    const pg = engine.createPlayground({ dataset: 'circle' });
    try {
      const before = pg.points().x.length;
      const result = pg.loadCsv('x,y,label\n1,2,1\n0.5,oops,0\n-1,-1,0\n');
      expect(result.ok).toBe(false);
      expect(errorLines(result)).toEqual([3]);
      const shown = describeCsvResult(result, 'mine.csv');
      expect(shown.ok).toBe(false);
      expect(shown.summary).toBe('Nothing was loaded from mine.csv: 1 bad row.');
      expect(shown.lines).toHaveLength(1);
      expect(shown.lines[0]).toMatch(/^line 3/);
      expect(pg.points().x.length).toBe(before);
    } finally {
      pg.delete();
    }
  });

  it('loads good rows and says how many', () => {
    const pg = engine.createPlayground({ dataset: 'circle' });
    try {
      const result = pg.loadCsv('1,2,1\n0.5,0.5,0\n-1,-1,0\n2,2,1\n');
      expect(result.ok).toBe(true);
      expect(describeCsvResult(result, 'a.csv')).toEqual({ ok: true, summary: 'Loaded 4 points from a.csv.', lines: [] });
      expect(pg.config().dataset).toBe('custom');
      expect(pg.points().x.length).toBe(4);
    } finally {
      pg.delete();
    }
  });

  it('shows at most a few errors and counts the rest', () => {
    const result = { ok: false, loaded: 0, errors: Array.from({ length: 200 }, (_, i) => `line ${i + 1}: bad`) };
    const shown = describeCsvResult(result, 'x.csv');
    expect(shown.lines).toHaveLength(MAX_SHOWN_ERRORS);
    expect(shown.lines[MAX_SHOWN_ERRORS - 1]).toBe(`… and ${200 - MAX_SHOWN_ERRORS + 1} more`);
    expect(errorLines(result)).toHaveLength(200);
  });

  // issue 9, item 5: a one-line 10 MB CSV must not become a 10 MB status text.
  it('item 5: a huge error or file name is quoted as a short excerpt', () => {
    const huge = `line 1: ${'9'.repeat(10_000_000)} is not a number`;
    const shown = describeCsvResult({ ok: false, loaded: 0, errors: [huge] }, `${'n'.repeat(5000)}.csv`);
    expect(shown.lines).toHaveLength(1);
    expect(shown.lines[0]!.length).toBeLessThanOrEqual(MAX_NOTICE_LINE_CHARS);
    expect(shown.lines[0]!.startsWith('line 1: 999')).toBe(true);
    expect(shown.summary.length).toBeLessThan(150);
    const big = describeCsvTooLarge('big.csv', 10 * 1024 * 1024, 2 * 1024 * 1024);
    expect(big).toEqual({ ok: false, summary: 'Nothing was loaded from big.csv: the file has 10.0 MB; a CSV file may have at most 2.0 MB.', lines: [] });
  });

  it('exported CSV reads back to the same points', () => {
    const pg = engine.createPlayground({ dataset: 'xor', samples: 50 });
    const other = engine.createPlayground({ dataset: 'circle' });
    try {
      const text = pg.exportCsv();
      expect(other.loadCsv(text).ok).toBe(true);
      expect(Array.from(other.points().label)).toEqual(Array.from(pg.points().label));
      const dx = Array.from(other.points().x).map((x, i) => Math.abs(x - pg.points().x[i]!));
      expect(Math.max(...dx)).toBeLessThan(1e-6);
    } finally {
      pg.delete();
      other.delete();
    }
  });

  it('names the download after the data', () => {
    expect(csvFileName({ dataset: 'spiral', seed: 12 })).toBe('nn-playground-spiral-12.csv');
  });
});

describe('custom points in the URL', () => {
  it('round-trip exactly, every double as it was, with their train/test split', () => {
    const rows: PointRow[] = [
      [0.1, 0.2, 1],
      [-5.999, 5.999, 0],
      [Math.PI, -Math.E, 3],
      [1 / 3, 2e-300, -0.75],
    ];
    const text = encodePoints(rows, [0, 1, 1, 0]);
    expect(text).toMatch(/^f64\.[A-Za-z0-9_-]+$/);
    expect(decodePointsWithSplit(text)).toEqual({ rows, test: [false, true, true, false] });
    expect(decodePoints(encodePoints(rows))).toEqual(rows);
    expect(decodePointsWithSplit(encodePoints(rows))?.test).toBeNull(); // no split given: the configured share splits them
    expect(decodePoints('')).toEqual([]);
    expect(enginePoints(text)).toEqual({ points: rows, heldOut: [0, 1, 1, 0] });
  });
  it('still reads the float32 points of older links', () => {
    // 0.1, 0.2, 1 as little-endian float32, base64url.
    const bytes = new Uint8Array(new Float32Array([0.1, 0.2, 1]).buffer);
    const old = Buffer.from(bytes).toString('base64url');
    expect(decodePoints(old)).toEqual([[Math.fround(0.1), Math.fround(0.2), 1]]);
  });
  it('refuses text that is not whole points or whole flags', () => {
    expect(decodePoints('abc')).toBeUndefined();
    expect(decodePoints('<b>hi</b>')).toBeUndefined();
    expect(decodePoints(encodePoints([[1, 2, 3]]).slice(0, -2))).toBeUndefined();
    expect(decodePoints(encodePoints([[NaN, 2, 3]]))).toBeUndefined();
    expect(decodePoints('f64.')).toBeUndefined();
    // A count that promises more points than the text holds.
    const two = encodePoints([
      [1, 2, 0],
      [3, 4, 1],
    ]);
    expect(decodePoints(two.slice(0, -16))).toBeUndefined();
    // A flag set past the last point.
    const bytes = Buffer.from(encodePoints([[1, 2, 0]], [1]).slice(4), 'base64url');
    bytes[bytes.length - 1] = 0b11;
    expect(decodePoints(`f64.${bytes.toString('base64url')}`)).toBeUndefined();
  });
});
