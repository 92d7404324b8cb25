// A refusal of the engine: its message, and a code (ENGINE.errorCodes) and
// cause the page decides by, never by the message's text.
import type { NnpModule } from '../../../build/wasm/nnp.js';
import { ENGINE } from './description.generated';
import type { ErrorCode } from './types';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(message);
  }
}

// The last failed call's refusal (read before takeError(), which clears it).
export function engineError(mod: NnpModule): EngineError {
  const code = mod.errorCode();
  const reason = mod.errorReason();
  return new EngineError(mod.takeError(), (ENGINE.errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal', reason);
}
