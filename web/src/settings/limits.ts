// The page's own limits, stated once. The engine's limits (CSV and model size,
// JSON nesting, history length, counts) are the engine's: the page reads them
// from the engine's catalog and never restates them.

// A link's hash: 5,000 custom points take about 80,000 characters.
export const MAX_HASH_CHARS = 100_000;
// Keys in one link (TensorFlow Playground's longest links have about 30).
export const MAX_HASH_KEYS = 200;
// Keys in one setState patch or mount() settings (there are about 40 settings).
export const MAX_PATCH_KEYS = 100;
// A notice or status message: lines shown, then "… and N more".
export const MAX_NOTICE_LINES = 10;
// Characters of one line of a notice (longer ones end in "…").
export const MAX_NOTICE_LINE_CHARS = 120;
// Characters of a value quoted inside a message.
export const MAX_QUOTE_CHARS = 40;
// Errors listed after a failed CSV import (the engine may report more; the count is said).
export const MAX_SHOWN_ERRORS = 30;

// Files are checked by size before they are read. The engine's catalog states
// its own input limits (limits.maxModelBytes, limits.maxCsvBytes); these are
// used only while it says nothing of them.
export const FALLBACK_MAX_MODEL_BYTES = 32 * 1024 * 1024;
export const FALLBACK_MAX_CSV_BYTES = 2 * 1024 * 1024;

// An engine limit from the catalog, or the fallback when the catalog has none.
export function engineLimit(limits: object | undefined, name: string, fallback: number): number {
  const v = (limits as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
