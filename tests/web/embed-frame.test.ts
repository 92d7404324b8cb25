// The embed frame's link to its parent (web/src/embed/frame.ts) with stand-in
// windows: where its events go for each kind of parent, and the bound on the
// commands waiting in it.
import { describe, expect, it, vi } from 'vitest';
import { connectFrame, eventTargets } from '../../web/src/embed/frame';
import type { FrameReply } from '../../web/src/embed/protocol';
import type { Controller } from '../../web/src/page/controller';
import { MAX_FRAME_QUEUE } from '../../web/src/settings/limits';

const OWN = 'https://nn.example.edu';
const COURSE = 'https://lms.example.edu';

type Posted = { message: { type: string; event?: string; requestId?: unknown }; target: string };

// A frame's window inside a parent of `parentOrigin`, as the browser shows it:
// the parent's location is readable only from the same origin, and
// location.ancestorOrigins names the parent (absent: a browser without it).
function frameWindow(parentOrigin: string, ancestorOrigins = true) {
  const posted: Posted[] = [];
  const listeners: ((e: MessageEvent) => void)[] = [];
  const parent = {
    postMessage: (message: Posted['message'], target: string) => posted.push({ message, target }),
    get location() {
      if (parentOrigin !== OWN) throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      return { origin: OWN };
    },
  };
  const win = {
    parent,
    location: { origin: OWN, ...(ancestorOrigins ? { ancestorOrigins: Object.assign([parentOrigin], { contains: () => false, item: () => null }) } : {}) },
    addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.push(fn),
    removeEventListener: () => undefined,
  };
  const send = (data: unknown, origin = parentOrigin) => listeners.forEach((fn) => fn({ data, source: parent, origin } as unknown as MessageEvent));
  return { win: win as unknown as Window, posted, send };
}

// A playground whose step waits until released, so commands pile up in the frame.
function slowPlayground() {
  let epoch = 0;
  const epochListeners: ((s: { epoch: number }) => void)[] = [];
  let release: () => void = () => undefined;
  let gate = new Promise<void>((r) => (release = r));
  const controller = {
    ready: Promise.resolve(),
    play: () => undefined,
    pause: () => undefined,
    async step() {
      await gate;
      epoch++;
      epochListeners.forEach((fn) => fn({ epoch }));
    },
    reset: async () => undefined,
    getState: () => ({ learningRate: 0.03 }),
    setState: async () => [],
    destroy: () => undefined,
    on: (name: string, fn: (s: { epoch: number }) => void) => {
      if (name === 'epoch') epochListeners.push(fn);
      return () => undefined;
    },
    debug: { epoch: () => epoch, running: () => false, status: () => 'ok' },
  } as unknown as Controller;
  return {
    controller,
    epoch: () => epoch,
    open() {
      release();
    },
    close() {
      gate = new Promise<void>((r) => (release = r));
    },
  };
}

const params = (origins: string[]) => ({ settingsHash: '', panels: undefined, origins, frame: 'f', autoplay: false, notices: [] });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('where the frame posts its events', () => {
  it('to an allowed parent only, with its origin as the target; to a parent not allowed, nothing; never "*" unless origin=*', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const cases: [parent: string, origins: string[], ancestors: boolean, targets: string[]][] = [
      [OWN, [], true, [OWN]], // the frame's own site
      [OWN, [COURSE], true, [OWN]],
      [COURSE, [COURSE], true, [COURSE]],
      [COURSE, ['https://other.example', COURSE], true, [COURSE]],
      [COURSE, [], true, []], // embedded elsewhere without origin=
      [COURSE, ['https://other.example'], true, []],
      ['null', [], true, []], // a sandboxed parent
      [COURSE, ['*'], true, ['*']],
      // Without ancestorOrigins (Firefox): the listed origins only, never the frame's own (the parent is not of it).
      [COURSE, [], false, []],
      [COURSE, [COURSE, 'https://other.example'], false, [COURSE, 'https://other.example']],
    ];
    for (const [parent, origins, ancestors, targets] of cases) {
      const { win, posted } = frameWindow(parent, ancestors);
      expect(eventTargets(win, OWN, origins), `${parent} with origin=${origins.join(',')}`).toEqual(targets);
      const pg = slowPlayground();
      pg.open();
      connectFrame(pg.controller, params(origins), [], win);
      await flush();
      await pg.controller.step(); // an epoch event
      const events = posted.filter((p) => p.message.type === 'nnp:event');
      expect(events.map((p) => p.message.event)).toEqual(targets.length === 0 ? [] : targets.flatMap(() => ['ready']).concat(targets.map(() => 'epoch')));
      expect(new Set(events.map((p) => p.target))).toEqual(new Set(targets));
    }
    // A frame that sends nothing says why, once, on the console.
    expect(info.mock.calls.map((c) => String(c[0]))).toEqual(
      Array.from({ length: 4 }, () => expect.stringContaining('no events are sent and commands are ignored (add origin=')),
    );
    info.mockRestore();
  });
});

describe("the frame's command queue", () => {
  it(`holds at most ${MAX_FRAME_QUEUE} commands: more are refused at once naming the limit, and the frame answers again once it has room`, async () => {
    const { win, posted, send } = frameWindow(COURSE);
    const pg = slowPlayground();
    connectFrame(pg.controller, params([COURSE]), [], win);
    const replies = () => posted.filter((p) => p.message.type === 'nnp:reply').map((p) => p.message as unknown as FrameReply);
    const flood = MAX_FRAME_QUEUE + 50;
    for (let i = 0; i < flood; i++) send({ type: 'nnp:command', requestId: i, command: 'step' });
    await flush();
    // The 50 over the limit are answered at once, in order, and were not run.
    expect(replies()).toEqual(
      Array.from({ length: 50 }, (_, k) => ({
        type: 'nnp:reply',
        frame: 'f',
        requestId: MAX_FRAME_QUEUE + k,
        ok: false,
        error: `step: ${MAX_FRAME_QUEUE} commands are already waiting (the limit); this one was not run, send it again once replies arrive`,
      })),
    );
    expect(replies().every((r) => posted.find((p) => p.message === (r as unknown))!.target === COURSE)).toBe(true);
    // Let the waiting ones run: each of the first MAX_FRAME_QUEUE is answered, and trained one epoch.
    pg.open();
    await vi.waitFor(() => expect(replies()).toHaveLength(flood));
    const done = replies().slice(50);
    expect(done.map((r) => r.requestId)).toEqual(Array.from({ length: MAX_FRAME_QUEUE }, (_, k) => k));
    expect(done.every((r) => r.ok)).toBe(true);
    expect(pg.epoch()).toBe(MAX_FRAME_QUEUE);
    // Room again: the next command runs.
    send({ type: 'nnp:command', requestId: 'after', command: 'getState' });
    await vi.waitFor(() => expect(replies()).toHaveLength(flood + 1));
    expect(replies()[flood]).toMatchObject({ requestId: 'after', ok: true, result: { epoch: MAX_FRAME_QUEUE } });
    // Exactly at the limit is accepted: MAX_FRAME_QUEUE more all run.
    pg.close();
    for (let i = 0; i < MAX_FRAME_QUEUE; i++) send({ type: 'nnp:command', requestId: `b${i}`, command: 'step' });
    await flush();
    expect(replies()).toHaveLength(flood + 1);
    pg.open();
    await vi.waitFor(() => expect(replies()).toHaveLength(flood + 1 + MAX_FRAME_QUEUE));
    expect(
      replies()
        .slice(flood + 1)
        .every((r) => r.ok),
    ).toBe(true);
    expect(pg.epoch()).toBe(2 * MAX_FRAME_QUEUE);
  });
});
