// Seeds. Ours are whole numbers 0..2^32-1; TensorFlow Playground's are strings
// such as "0.12345" (it seeds seedrandom with the text). A TensorFlow seed is
// mapped to a uint32 by FNV-1a over its characters for our own seed, and kept
// as written (the tfpSeed setting) so the engine replays its run exactly.

import { ENGINE } from '../engine/description.generated';

const MAX_SEED = ENGINE.ranges.seed.max;

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// TensorFlow Playground writes Math.random().toFixed(5), e.g. "0.12345".
export function isTfpSeed(text: string): boolean {
  const t = text.trim();
  return /^\d*\.\d+$/.test(t) && t.length <= 40;
}

export function parseSeed(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{1,10}$/.test(t)) {
    const v = Number(t);
    if (v <= MAX_SEED) return v;
  }
  if (isTfpSeed(t)) return fnv1a32(t);
  return undefined;
}

// A fresh seed for "regenerate": from the browser's random source.
export function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] ?? 1;
}
