// The example course page: two playgrounds mounted with the library, and one
// in an iframe (embed.html) driven by postMessage from the buttons.
import './course.css';
import { mount, type EmbeddedController, type FrameCommand, type FrameMessage, type FrameReply } from '../src/lib';

// --- the two library playgrounds -------------------------------------------
const line = document.getElementById('line');
const circle = document.getElementById('circle');
const playgrounds: EmbeddedController[] = [];
if (line)
  playgrounds.push(
    mount(line, {
      settings: { dataset: 'xor', networkShape: [], features: ['x1', 'x2'], learningRate: 0.03, epochsPerFrame: 5 },
      panels: ['run', 'network', 'output'],
      width: '100%',
    }),
  );
if (circle)
  playgrounds.push(
    mount(circle, {
      settings: { dataset: 'circle', networkShape: [4], activation: ['tanh'], learningRate: 0.03, epochsPerFrame: 2 },
      panels: { activation: false },
      width: '100%',
      height: 760,
    }),
  );
// Read-only handles for the end-to-end tests and the browser console.
(window as unknown as { nnpEmbeds?: EmbeddedController[] }).nnpEmbeds = playgrounds;

// --- the iframe, driven by messages ------------------------------------------
type Command = Omit<FrameCommand, 'type' | 'requestId'>;

const frame = document.getElementById('spiral-frame');
const readout = document.getElementById('frame-readout');
if (frame instanceof HTMLIFrameElement && readout) {
  const target = frame.contentWindow;
  const frameOrigin = new URL(frame.src, location.href).origin;
  const pending = new Map<string, (reply: FrameReply) => void>();
  let nextId = 1;
  let epoch = 0;
  let loss = NaN;
  let learningRate: number | null = null;

  const show = (note = '') => {
    const parts = [`Epoch ${epoch}`];
    if (Number.isFinite(loss)) parts.push(`test loss ${loss.toFixed(3)}`);
    if (learningRate !== null) parts.push(`learning rate ${learningRate}`);
    readout.textContent = parts.join(' · ') + (note ? ` · ${note}` : '');
  };

  const send = (command: Command): Promise<FrameReply> => {
    const requestId = `course-${nextId++}`;
    const message: FrameCommand = { type: 'nnp:command', requestId, ...command };
    return new Promise((resolve) => {
      pending.set(requestId, resolve);
      target?.postMessage(message, frameOrigin);
    });
  };

  window.addEventListener('message', (event: MessageEvent<FrameMessage>) => {
    // Only the frame's own messages, from the origin it was loaded from.
    if (event.source !== target || event.origin !== frameOrigin) return;
    const m = event.data;
    if (typeof m !== 'object' || m === null) return;
    if (m.type === 'nnp:reply') {
      pending.get(String(m.requestId))?.(m);
      pending.delete(String(m.requestId));
    } else if (m.type === 'nnp:event') {
      if (m.event === 'ready') {
        epoch = m.data.epoch;
        learningRate = m.data.state.learningRate;
        show('ready');
      } else if (m.event === 'epoch') {
        epoch = m.data.epoch;
        loss = m.data.testLoss;
        show();
      } else if (m.event === 'state') {
        learningRate = m.data.learningRate;
        show();
      } else if (m.event === 'diverged') {
        show(`diverged: ${m.data.message}`);
      } else if (m.event === 'failed') {
        show(`the playground could not start: ${m.data.message}`);
      }
    }
  });

  const actions: Record<string, Command> = {
    play: { command: 'play' },
    pause: { command: 'pause' },
    step: { command: 'step' },
    reset: { command: 'reset' },
    slow: { command: 'setState', patch: { learningRate: 0.01 } },
    fast: { command: 'setState', patch: { learningRate: 0.1 } },
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-command]')) {
    const action = actions[button.dataset.command ?? ''];
    if (!action) continue;
    button.addEventListener('click', () => {
      void send(action).then((reply) => {
        if (!reply.ok) show(`refused: ${reply.error}`);
        else if ('epoch' in reply.result) {
          epoch = reply.result.epoch;
          show();
        }
      });
    });
  }
}
