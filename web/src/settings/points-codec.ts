// Custom points in the URL, base64url without padding, in one of two forms:
//  - exact (what the page writes): "f64." then a uint32 count n, n (x, y, label)
//    triples of little-endian float64, and optionally n test flags as a bitset
//    (bit i of byte i/8: point i is held out). Every double comes back as it
//    was, and with the flags the train/test split too, so a link replays the run.
//  - float32 (older links): (x, y, label) float32 triples, still read.
// 5,000 points with their flags take about 161,000 characters.

export type PointRow = [number, number, number];

export interface DecodedPoints {
  rows: PointRow[];
  test: boolean[] | null; // null: the link does not say, the configured share splits them
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const EXACT = 'f64.';
const ROW_BYTES = 24;

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0,
      b1 = bytes[i + 1] ?? 0,
      b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0,
    bits = 0,
    k = 0;
  for (const ch of text) {
    acc = ((acc << 6) | ALPHABET.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[k++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

export function encodePoints(rows: readonly PointRow[], test?: ArrayLike<number | boolean>): string {
  const n = rows.length;
  if (n === 0) return ''; // no points: the setting's empty value
  const flags = test ? Math.ceil(n / 8) : 0;
  const bytes = new Uint8Array(4 + n * ROW_BYTES + flags);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, n, true);
  rows.forEach(([x, y, l], i) => {
    view.setFloat64(4 + i * ROW_BYTES, x, true);
    view.setFloat64(12 + i * ROW_BYTES, y, true);
    view.setFloat64(20 + i * ROW_BYTES, l, true);
  });
  if (test) for (let i = 0; i < n; i++) if (test[i]) bytes[4 + n * ROW_BYTES + (i >> 3)]! |= 1 << (i & 7);
  return EXACT + toBase64Url(bytes);
}

// undefined when the text is not a whole number of finite points (and whole flags).
export function decodePointsWithSplit(text: string): DecodedPoints | undefined {
  if (text === '') return { rows: [], test: null };
  return text.startsWith(EXACT) ? decodeExact(text.slice(EXACT.length)) : decodeFloat32(text);
}

// The points alone.
export function decodePoints(text: string): PointRow[] | undefined {
  return decodePointsWithSplit(text)?.rows;
}

// Points' text as the engine takes them: the points, and their split when the
// text has one ({} for no points or text that is not points).
export function enginePoints(text: string): { points?: PointRow[]; heldOut?: number[] } {
  const data = decodePointsWithSplit(text);
  if (!data || data.rows.length === 0) return {};
  return { points: data.rows, ...(data.test ? { heldOut: data.test.map(Number) } : {}) };
}

function decodeExact(text: string): DecodedPoints | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer);
  const n = view.getUint32(0, true);
  const flags = Math.ceil(n / 8);
  const withFlags = bytes.length === 4 + n * ROW_BYTES + flags;
  if (!withFlags && bytes.length !== 4 + n * ROW_BYTES) return undefined;
  const rows: PointRow[] = [];
  for (let i = 0; i < n; i++) {
    const at = 4 + i * ROW_BYTES;
    const row: PointRow = [view.getFloat64(at, true), view.getFloat64(at + 8, true), view.getFloat64(at + 16, true)];
    if (!row.every(Number.isFinite)) return undefined;
    rows.push(row);
  }
  if (!withFlags) return { rows, test: null };
  const base = 4 + n * ROW_BYTES;
  const test = rows.map((_, i) => ((bytes[base + (i >> 3)]! >> (i & 7)) & 1) === 1);
  // Bits past the last point are zero in a bitset this page wrote.
  if (n % 8 !== 0 && bytes[base + flags - 1]! >> (n % 8) !== 0) return undefined;
  return { rows, test };
}

function decodeFloat32(text: string): DecodedPoints | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length % 12 !== 0) return undefined;
  const view = new DataView(bytes.buffer);
  const rows: PointRow[] = [];
  for (let i = 0; i < bytes.length; i += 12) {
    const row: PointRow = [view.getFloat32(i, true), view.getFloat32(i + 4, true), view.getFloat32(i + 8, true)];
    if (!row.every(Number.isFinite)) return undefined;
    rows.push(row);
  }
  return { rows, test: null };
}
