// The part of the plane to show for a data set: the whole plane, or, for a
// set whose points lie in a small part of it (the engine's `extent`, e.g. the
// XOR truth table's [0, 1]), that part with a quarter of its width around it.
// The whole plane is the widest extent of any set. The worker samples its
// maps over it; the page draws them there.
export function viewOf(datasets: readonly { id: string; extent: readonly number[] }[], id: string): { lo: number; hi: number } {
  const lo0 = Math.min(...datasets.map((d) => d.extent[0]!));
  const hi0 = Math.max(...datasets.map((d) => d.extent[1]!));
  const e = datasets.find((d) => d.id === id)?.extent;
  if (!e) return { lo: lo0, hi: hi0 };
  const pad = (e[1]! - e[0]!) / 4;
  return { lo: Math.max(lo0, e[0]! - pad), hi: Math.min(hi0, e[1]! + pad) };
}
