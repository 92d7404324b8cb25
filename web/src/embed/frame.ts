// The iframe side of the message protocol (see protocol.ts): answers the
// embedding page's commands and posts the playground's events to it.
//
// Who may talk to the frame: only its parent window (the page it is embedded
// in), and only from the frame's own origin or an origin listed in the
// `origin=` hash key (`*`: any). Messages from anywhere else are dropped
// without an answer. Events go to the parent only when its origin is allowed
// too, with that origin as the target: a frame embedded by another origin
// without `origin=` sends nothing at all (docs/embedding.md, "Origins and bad messages").
import type { Controller } from '../page/controller';
import type { FrameParams } from './frame-params';
import {
  readCommand,
  type FrameCommandName,
  type FrameEvent,
  type FrameEventName,
  type FrameEvents,
  type FrameReply,
  type FrameResults,
  type FrameStatus,
  type RequestId,
} from './protocol';
import { shownPanels } from './panels';
import { MAX_FRAME_QUEUE } from '../settings/limits';
import { shorten } from '../shared/messages';

export interface FrameLink {
  disconnect(): void;
}

// The parent's origin, when the browser tells it: the frame's own if the
// parent's document can be read (same origin), else the first of
// location.ancestorOrigins (Chromium, Safari); null when unknown (Firefox).
function parentOrigin(win: Window, own: string): string | null {
  try {
    if (win.parent.location.origin === own) return own;
  } catch {
    // another origin: its location is not readable
  }
  const ancestors = win.location.ancestorOrigins;
  return ancestors && ancestors.length > 0 ? (ancestors[0] ?? null) : null;
}

// Where events are posted: the parent's origin if it is allowed, nowhere if it
// is not. Only when the browser does not tell the parent's origin, each
// allowed origin (the browser delivers to a matching parent only).
export function eventTargets(win: Window, own: string, origins: readonly string[]): string[] {
  const anyOrigin = origins.includes('*');
  const parent = parentOrigin(win, own);
  if (parent === own) return [own];
  if (parent !== null) {
    if (anyOrigin) return ['*'];
    return parent !== 'null' && origins.includes(parent) ? [parent] : [];
  }
  return anyOrigin ? ['*'] : origins.filter((o) => o !== own && o !== 'null');
}

const statusOf = (controller: Controller): FrameStatus => ({
  epoch: controller.debug.epoch(),
  running: controller.debug.running(),
  status: controller.debug.status(),
});

// One command of the embedding page, once the playground is ready.
async function run(controller: Controller, command: FrameCommandName, patch: Record<string, unknown> | undefined): Promise<FrameResults[FrameCommandName]> {
  await controller.ready;
  switch (command) {
    case 'play':
      controller.play();
      return statusOf(controller);
    case 'pause':
      controller.pause();
      return statusOf(controller);
    case 'step':
      await controller.step();
      return statusOf(controller);
    case 'reset':
      await controller.reset();
      return statusOf(controller);
    case 'getState':
      return { ...statusOf(controller), state: controller.getState() };
    case 'setState': {
      const refused = await controller.setState(patch ?? {});
      return { ...statusOf(controller), state: controller.getState(), refused };
    }
  }
}

// The content's size (the body is as tall as the playground, not the
// window), so the page can fit the iframe to it; sent when it changes.
function sizeSender(win: Window, send: (size: { width: number; height: number }) => boolean): () => void {
  let sent = '';
  return () => {
    const body = win.document?.body; // (absent in the unit tests' fake windows)
    if (!body) return;
    const r = body.getBoundingClientRect();
    const size = { width: Math.ceil(r.width), height: Math.ceil(r.height) };
    const key = `${size.width}x${size.height}`;
    if (key !== sent && send(size)) sent = key;
  };
}

export function connectFrame(controller: Controller, params: FrameParams, notices: string[], win: Window = window): FrameLink {
  const parent = win.parent;
  if (parent === win) return { disconnect: () => undefined }; // opened on its own: nobody to talk to
  const own = win.location.origin;
  const anyOrigin = params.origins.includes('*');
  const allowed = (origin: string) => anyOrigin || (origin !== 'null' && (origin === own || params.origins.includes(origin)));
  const targets = eventTargets(win, own, params.origins);
  if (targets.length === 0) {
    // Said once, where the course page's author looks (the browser's console).
    console.info(
      `nn-playground: embedded by a page of another origin that is not allowed: no events are sent and commands are ignored (add origin=<the page's origin> to the frame's hash)`,
    );
  }

  const post = (message: FrameEvent | FrameReply, target: string) => {
    try {
      parent.postMessage(message, target);
    } catch (e) {
      console.warn('nn-playground: a message to the embedding page failed', e);
    }
  };

  let started = false;
  const emit = <E extends FrameEventName>(event: E, data: FrameEvents[E]) => {
    const message = { type: 'nnp:event', frame: params.frame, event, data } as FrameEvent;
    for (const t of targets) post(message, t);
  };

  // The epoch the run is at when the frame starts (epoch 0: the initial loss)
  // is sent right after ready, so the parent's epoch stream starts where the
  // run does, as the page's history does.
  let before: FrameEvents['epoch'] | null = null;
  const offs = [
    controller.on('epoch', (s) => {
      if (started) emit('epoch', s);
      else before = s;
    }),
    controller.on('state', (s) => started && emit('state', s)),
    controller.on('diverged', (d) => started && emit('diverged', d)),
    controller.on('goal', (g) => started && emit('goal', g)),
  ];
  const sendSize = sizeSender(win, (size) => {
    if (started) emit('size', size);
    return started;
  });
  const sizes = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(sendSize);
  controller.ready.then(
    () => {
      started = true;
      emit('ready', { state: controller.getState(), epoch: controller.debug.epoch(), panels: shownPanels(params.panels), notices });
      if (before) emit('epoch', before);
      if (win.document?.body) sizes?.observe(win.document.body);
      sendSize();
    },
    (e: unknown) => emit('failed', { message: e instanceof Error ? e.message : String(e) }),
  );

  // Commands run one after another, in the order they arrive. At most
  // MAX_FRAME_QUEUE wait: beyond, a command is answered at once with an error,
  // so a flood cannot put minutes between a command and its reply.
  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  const onMessage = (event: MessageEvent) => {
    if (event.source !== parent || !allowed(event.origin)) return;
    const incoming = readCommand(event.data);
    if (incoming.kind === 'ignore') return;
    const origin = event.origin === 'null' ? '*' : event.origin;
    const fail = (requestId: RequestId, error: string) => post({ type: 'nnp:reply', frame: params.frame, requestId, ok: false, error }, origin);
    if (incoming.kind === 'error') {
      fail(incoming.requestId, incoming.error);
      return;
    }
    const { requestId, command, patch } = incoming;
    if (waiting >= MAX_FRAME_QUEUE) {
      fail(requestId, `${command}: ${MAX_FRAME_QUEUE} commands are already waiting (the limit); this one was not run, send it again once replies arrive`);
      return;
    }
    waiting++;
    queue = queue.then(async () => {
      try {
        const result = await run(controller, command, patch);
        post({ type: 'nnp:reply', frame: params.frame, requestId, ok: true, command, result }, origin);
      } catch (e) {
        // A refusal (of the engine, or of the patch as a whole): nothing was applied.
        fail(requestId, shorten(e instanceof Error ? e.message : String(e), 300));
      } finally {
        waiting--;
      }
    });
  };
  win.addEventListener('message', onMessage);
  return {
    disconnect() {
      win.removeEventListener('message', onMessage);
      sizes?.disconnect();
      offs.forEach((off) => off());
    },
  };
}
