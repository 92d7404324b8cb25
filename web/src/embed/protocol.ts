// The iframe's message protocol (embed.html ⇄ the course page), documented in
// docs/embedding.md.
//
//   page → frame  { type: 'nnp:command', requestId, command, patch? }
//   frame → page  { type: 'nnp:reply', frame, requestId, ok: true, result }
//                 { type: 'nnp:reply', frame, requestId, ok: false, error }
//   frame → page  { type: 'nnp:event', frame, event, data }
//
// Everything here is plain data: nothing from a message is ever put into the
// page as HTML, or trusted before it has been checked by `readCommand`.
import type { EpochStats, Status } from '../engine/types';
import type { GoalEvent } from '../lessons/goals';
import type { PanelId } from './panels';
import { MAX_PATCH_KEYS } from '../settings/limits';
import { countKeys } from '../settings/patch';
import type { Settings } from '../settings/schema';

const FRAME_COMMANDS = ['play', 'pause', 'step', 'reset', 'getState', 'setState'] as const;
export type FrameCommandName = (typeof FRAME_COMMANDS)[number];

export type RequestId = string | number;

export interface FrameCommand {
  type: 'nnp:command';
  requestId: RequestId; // echoed in the reply: a string (at most 200 characters) or a finite number
  command: FrameCommandName;
  patch?: Partial<Record<keyof Settings, unknown>>; // setState only
}

// What the frame reports of its playground in replies.
export interface FrameStatus {
  epoch: number;
  running: boolean;
  status: Status;
}

export interface FrameResults {
  play: FrameStatus;
  pause: FrameStatus;
  step: FrameStatus;
  reset: FrameStatus;
  getState: FrameStatus & { state: Settings };
  setState: FrameStatus & { state: Settings; refused: string[] };
}

export type FrameReply =
  | { type: 'nnp:reply'; frame: string; requestId: RequestId; ok: true; command: FrameCommandName; result: FrameResults[FrameCommandName] }
  | { type: 'nnp:reply'; frame: string; requestId: RequestId; ok: false; error: string };

export interface FrameEvents {
  ready: { state: Settings; epoch: number; panels: PanelId[]; notices: string[] };
  epoch: EpochStats;
  state: Settings;
  diverged: { message: string };
  goal: GoalEvent; // a lesson's exercise reached
  failed: { message: string };
  // The frame's content size in CSS pixels, after `ready` and whenever it
  // changes: a page sets the iframe's height from it (docs/embedding.md, "With an iframe").
  size: { width: number; height: number };
}
export type FrameEventName = keyof FrameEvents;

export type FrameEvent = { [E in FrameEventName]: { type: 'nnp:event'; frame: string; event: E; data: FrameEvents[E] } }[FrameEventName];

export type FrameMessage = FrameReply | FrameEvent;

// What to do with an incoming message.
export type Incoming =
  | { kind: 'ignore' } // not ours, or no request id to answer to
  | { kind: 'error'; requestId: RequestId; error: string } // answer with an error
  | { kind: 'command'; requestId: RequestId; command: FrameCommandName; patch?: Record<string, unknown> };

const MAX_ID_LENGTH = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'string' && value.length <= MAX_ID_LENGTH) || (typeof value === 'number' && Number.isFinite(value));
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

// Checks a message's shape. Never throws.
export function readCommand(data: unknown): Incoming {
  if (!isRecord(data) || data.type !== 'nnp:command') return { kind: 'ignore' };
  const requestId = data.requestId;
  if (!isRequestId(requestId)) return { kind: 'ignore' };
  const command = data.command;
  const known = FRAME_COMMANDS.find((c) => c === command);
  if (!known) return { kind: 'error', requestId, error: `unknown command ${describe(command)}; known: ${FRAME_COMMANDS.join(', ')}` };
  if (known === 'setState') {
    if (!isRecord(data.patch)) return { kind: 'error', requestId, error: `setState needs a patch object, got ${describe(data.patch)}` };
    // Counted before it is copied or read: a huge patch is refused at once.
    if (countKeys(data.patch, MAX_PATCH_KEYS) > MAX_PATCH_KEYS)
      return { kind: 'error', requestId, error: `setState: the patch has more than ${MAX_PATCH_KEYS} keys; nothing was applied` };
    return { kind: 'command', requestId, command: known, patch: { ...data.patch } };
  }
  return { kind: 'command', requestId, command: known };
}
