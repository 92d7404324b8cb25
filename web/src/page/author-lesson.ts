// An author's lesson handed to mount(): its text (lessonText), or a URL to
// fetch it from (lessonSrc, relative to the page's base URI), with a limit on
// its size and on the time it takes. A lesson that cannot be had or read is a
// notice with the reason (for a file: its line and field); the playground
// opens with what it would have had without it.
import { LESSON_LIMITS, type Lesson } from '../lessons/format';
import { parseLesson } from '../lessons/parse-lesson';
import { addLesson } from '../lessons/registry';
import { shorten } from '../shared/messages';

// How long a lesson file may take to arrive.
const LESSON_FETCH_MS = 10_000;
const MAX_BYTES = LESSON_LIMITS.maxBytes;

const tooBig = `it is larger than ${MAX_BYTES / 1_048_576} MB`;

// The body of a response, refused past MAX_BYTES while it arrives.
async function boundedText(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_BYTES) throw new Error(tooBig);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(tooBig);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

// The lesson file's text at `src`, or an Error that says why not.
export async function fetchLessonText(src: string): Promise<string> {
  const url = new URL(src, document.baseURI);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(LESSON_FETCH_MS), credentials: 'same-origin' });
  } catch (e) {
    const timedOut = e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new Error(timedOut ? `it did not arrive within ${LESSON_FETCH_MS / 1000} s` : 'it could not be fetched');
  }
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  return boundedText(res);
}

// The lesson a text holds, made known to the page; or the notice that says why not.
export function takeLesson(text: string, from: string): { lesson: Lesson } | { notice: string } {
  const r = parseLesson(text);
  if (!r.ok) return { notice: `The lesson ${from} could not be read (${r.error.message}); the playground opens without it` };
  addLesson(r.lesson);
  return { lesson: r.lesson };
}

export const lessonFrom = (src: string) => `at ${shorten(src, 80)}`;
