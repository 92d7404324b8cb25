// The built-in lessons: the files of ./builtin/, read by the lesson reader at
// start (their text is part of the bundle). tests/web/lesson-files.test.ts
// reads every one; tests/wasm/lessons.test.ts trains every preset.
import type { Lesson } from './format';
import { parseLesson } from './parse-lesson';

const FILES = import.meta.glob<string>('./builtin/*.json', { query: '?raw', import: 'default', eager: true });

function read(path: string, text: string): Lesson {
  const r = parseLesson(text);
  // A built-in file is the project's own: one that does not read is a bug, said at once.
  if (!r.ok) throw new Error(`${path}: ${r.error.message}`);
  return r.lesson;
}

// In the course's order (the files' names start with the lesson's number).
export const LESSONS: readonly Lesson[] = Object.keys(FILES)
  .sort()
  .map((path) => read(path, FILES[path]!));
