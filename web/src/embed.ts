// embed.html: one playground for an iframe. Its hash holds the settings plus
// the frame's own keys (frame-params.ts); the embedding page drives it with
// postMessage (embed/frame.ts, protocol in docs/embedding.md).
import './style.css';
import './styles/goals.css';
import './embed/frame.css';
import './styles/a11y.css';
import { mount } from './playground';
import { connectFrame } from './embed/frame';
import { fitForPrint } from './embed/print';
import { parseFrameParams } from './embed/frame-params';
import { boundLines } from './shared/messages';
import { parseLessonHash } from './lessons/hash';

const params = parseFrameParams(location.hash);
const box = document.getElementById('app');
if (box) {
  const controller = mount(box, {
    initialHash: params.settingsHash,
    autoplay: params.autoplay,
    ...(params.panels ? { panels: params.panels } : {}),
    ...(params.lessonSrc !== undefined ? { lessonSrc: params.lessonSrc } : {}),
  });
  // The playground shows what it ignored of the settings; the frame's own keys are listed here.
  if (params.notices.length) console.warn(`nn-playground embed: ${boundLines(params.notices).join('; ')}`);
  connectFrame(controller, params, boundLines([...params.notices, ...parseLessonHash(params.settingsHash).notices]));
  fitForPrint(box);
  // A read-only handle for the end-to-end tests and the browser console.
  (window as unknown as { nnp?: typeof controller }).nnp = controller;
}
