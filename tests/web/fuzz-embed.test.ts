// Property-based fuzzing (seeded) of what reaches the embed frame and mount():
// postMessage payloads through readCommand and the frame's handler
// (connectFrame, with a stand-in window and playground), and mount()'s
// options. Every input is answered (or ignored) with a short message and
// never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectFrame } from '../../web/src/embed/frame';
import { LIBRARY_OPTIONS, MOUNT_OPTIONS, optionProblems } from '../../web/src/embed/options';
import { readCommand, type FrameReply } from '../../web/src/embed/protocol';
import type { Controller } from '../../web/src/page/controller';
import { MAX_PATCH_KEYS } from '../../web/src/settings/limits';
import { assertPatchShape, isPlainRecord, validPatch } from '../../web/src/settings/patch';
import { cloneSettings, defaults, type Settings } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';
import { SEED, messageArb, optionsArb } from './fuzz-arbitraries';

const RUNS = 500;
const MAX_ERROR = 300;

// The frame's handler around a stand-in playground whose setState checks
// patches as the real one does (shape, count, schema).
function frameUnderTest() {
  let settings: Settings = defaults();
  const replies: FrameReply[] = [];
  const listeners: ((e: MessageEvent) => void)[] = [];
  const parent = { postMessage: (m: { type: string }) => m.type === 'nnp:reply' && replies.push(m as FrameReply) };
  const win = {
    parent,
    location: { origin: 'https://course.example' },
    addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.push(fn),
    removeEventListener: () => undefined,
  };
  const controller = {
    ready: Promise.resolve(),
    play: () => undefined,
    pause: () => undefined,
    step: async () => undefined,
    reset: async () => undefined,
    getState: () => cloneSettings(settings),
    async setState(patch: unknown) {
      assertPatchShape(patch, 'setState: the patch');
      const r = validPatch(patch);
      settings = { ...settings, ...r.patch };
      return r.refused;
    },
    destroy: () => undefined,
    on: () => () => undefined,
    debug: { epoch: () => 0, running: () => false, status: () => 'ok' },
  } as unknown as Controller;
  connectFrame(controller, { settingsHash: '', panels: undefined, origins: [], frame: 'f', autoplay: false, notices: [] }, [], win as unknown as Window);
  const send = (data: unknown) => listeners.forEach((fn) => fn({ data, source: parent, origin: 'https://course.example' } as unknown as MessageEvent));
  return { replies, send };
}

describe('fuzz: messages to the embed frame', () => {
  it(`${RUNS} seeded messages: one short reply per answerable command, none otherwise`, async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(messageArb(), async (data) => {
        const incoming = readCommand(data);
        if (incoming.kind === 'error') expect(incoming.error.length).toBeLessThanOrEqual(MAX_ERROR);
        if (incoming.kind === 'command' && incoming.patch) expect(isPlainRecord(incoming.patch)).toBe(true);
        const frame = frameUnderTest();
        frame.send(data);
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => setTimeout(r, 0));
        if (incoming.kind === 'ignore') {
          expect(frame.replies).toEqual([]);
          return;
        }
        answered++;
        expect(frame.replies).toHaveLength(1);
        const reply = frame.replies[0]!;
        expect(reply.requestId).toBe(incoming.requestId);
        if (!reply.ok) expect(reply.error.length).toBeLessThanOrEqual(MAX_ERROR);
        else if (reply.command === 'setState') {
          const result = reply.result as { refused: string[]; state: Settings };
          expect(result.refused.length).toBeLessThanOrEqual(MAX_PATCH_KEYS);
          for (const k of result.refused) expect(k.length).toBeLessThanOrEqual(MAX_ERROR);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`fuzz frame messages: ${answered} of ${RUNS} answered`);
    expect(answered).toBeGreaterThan(RUNS / 10);
  });
});

describe('fuzz: mount() options', () => {
  it(`${RUNS} seeded option objects: accepted only with the documented types, else one short line per problem`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(optionsArb(), (options) => {
        for (const rules of [MOUNT_OPTIONS, LIBRARY_OPTIONS]) {
          const problems = optionProblems(options, rules);
          for (const p of problems) expect(p.length).toBeLessThanOrEqual(MAX_ERROR);
          if (problems.length > 0) continue;
          accepted++;
          // Accepted options are what mount() reads them as.
          const o = (options ?? {}) as Record<string, unknown>;
          for (const k of Object.keys(o)) expect(Object.keys(rules)).toContain(k);
          if (o.autoplay !== undefined) expect(typeof o.autoplay).toBe('boolean');
          if (o.hash !== undefined) expect(typeof o.hash).toBe('boolean');
          if (o.initialHash !== undefined) expect(() => parseHash(o.initialHash as string)).not.toThrow();
          if (o.settings !== undefined) expect(() => validPatch(o.settings as never)).not.toThrow();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`fuzz mount options: ${accepted} of ${2 * RUNS} checks accepted`);
    expect(accepted).toBeGreaterThan(0);
  });
});
