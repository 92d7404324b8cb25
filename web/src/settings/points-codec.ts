// Custom points in the URL: (x, y, label) as little-endian float32 triples,
// base64url without padding. 500 points take about 8 kB of URL.

export type PointRow = [number, number, number];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function encodePoints(rows: readonly PointRow[]): string {
  const bytes = new Uint8Array(rows.length * 12);
  const view = new DataView(bytes.buffer);
  rows.forEach(([x, y, l], i) => {
    view.setFloat32(i * 12, x, true);
    view.setFloat32(i * 12 + 4, y, true);
    view.setFloat32(i * 12 + 8, l, true);
  });
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0, b1 = bytes[i + 1] ?? 0, b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

// undefined when the text is not a whole number of finite points.
export function decodePoints(text: string): PointRow[] | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const nBytes = Math.floor((text.length * 6) / 8);
  if (nBytes % 12 !== 0 || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(nBytes);
  let acc = 0, bits = 0, k = 0;
  for (const ch of text) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (k < nBytes) bytes[k++] = (acc >> bits) & 0xff;
    }
  }
  const view = new DataView(bytes.buffer);
  const rows: PointRow[] = [];
  for (let i = 0; i < nBytes; i += 12) {
    const row: PointRow = [view.getFloat32(i, true), view.getFloat32(i + 4, true), view.getFloat32(i + 8, true)];
    if (!row.every(Number.isFinite)) return undefined;
    rows.push(row);
  }
  return rows;
}
