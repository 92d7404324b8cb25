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

// Why a request or its body failed: past its time, or not had at all.
function lost(e: unknown): Error {
  const timedOut = e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError');
  return new Error(timedOut ? `it did not arrive within ${LESSON_FETCH_MS / 1000} s` : 'it could not be fetched');
}

// The body as text, refused past MAX_BYTES (declared, or once read; the time
// limit bounds the download). Read by the browser as a Blob, not through a
// stream reader: Chromium reports a no-store body read to its end through a
// reader as a cancelled request about two times in three (measured in a loop;
// microsoft/playwright#42742), and an author would take that for a failure.
async function boundedText(res: Response): Promise<string> {
  if (Number(res.headers.get('content-length') ?? NaN) > MAX_BYTES) throw new Error(tooBig);
  let body: Blob;
  try {
    body = await res.blob();
  } catch (e) {
    throw lost(e);
  }
  if (body.size > MAX_BYTES) throw new Error(tooBig);
  return body.text();
}

// The lesson file's text at `src`, or an Error that says why not.
export async function fetchLessonText(src: string): Promise<string> {
  const url = new URL(src, document.baseURI);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(LESSON_FETCH_MS), credentials: 'same-origin' });
  } catch (e) {
    throw lost(e);
  }
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  return boundedText(res);
}

// The lesson a text holds, made known to the page; or the notice that says why not.
export function takeLesson(text: string, from: string): { lesson: Lesson } | { notice: string } {
  const r = parseLesson(text);
  if (!r.ok) return { notice: `The lesson ${from} could not be read (${r.error.message}); the playground opens without it` };
  const taken = addLesson(r.lesson);
  if (taken) return { notice: `The lesson ${from} could not be used: ${taken.refused}; the playground opens without it` };
  return { lesson: r.lesson };
}

export const lessonFrom = (src: string) => `at ${shorten(src, 80)}`;
