// Every lesson the page knows: the built-in ones and those an author handed
// in (mount()'s lessonSrc or lessonText). A lesson is found by its id, so an
// id names one lesson on the page: an author's lesson never replaces a
// built-in one or another playground's.
import { LESSONS } from './builtin';
import type { Lesson, LessonVariant } from './format';

// Authors' lessons on one page (each playground may bring one).
const MAX_AUTHORED_LESSONS = 32;
const authored = new Map<string, Lesson>();

const sameLesson = (a: Lesson, b: Lesson) => JSON.stringify(a) === JSON.stringify(b);

// Makes an author's lesson known, or says why not. The same lesson twice (two
// tags with one file) is known once.
export function addLesson(lesson: Lesson): { refused: string } | null {
  const known = lessonById(lesson.id);
  if (known) return sameLesson(known, lesson) ? null : { refused: `its id "${lesson.id}" is already another lesson's on this page` };
  if (authored.size >= MAX_AUTHORED_LESSONS) return { refused: `this page already has ${MAX_AUTHORED_LESSONS} lessons of its own` };
  authored.set(lesson.id, lesson);
  return null;
}

export function lessonById(id: string): Lesson | undefined {
  return authored.get(id) ?? LESSONS.find((l) => l.id === id);
}

export function variantById(lesson: Lesson, id: string): LessonVariant | undefined {
  return lesson.variants.find((v) => v.id === id);
}
