// The page's own limits, stated once. The engine's limits (CSV and model size,
// JSON nesting, history length, counts) are the engine's: the page reads them
// from the engine's description (ENGINE.limits) and never restates them.
import { ENGINE } from '../engine/description.generated';

// A link's hash: 5,000 custom points, exact and with their split, take about 161,000 characters.
export const MAX_HASH_CHARS = 200_000;
// Keys in one link (TensorFlow Playground's longest links have about 30).
export const MAX_HASH_KEYS = 200;
// Keys in one setState patch or mount() settings (there are about 40 settings).
export const MAX_PATCH_KEYS = 100;
// Commands an embedding page may have waiting in an iframe (the one running
// included): a step takes a frame's time, so 100 wait a few seconds at most;
// more are refused at once with an error reply.
export const MAX_FRAME_QUEUE = 100;
// Lines listed after a failed CSV import: the engine's errors and its "and N more" line.
export const MAX_SHOWN_ERRORS = ENGINE.limits.maxCsvErrors + 1;
