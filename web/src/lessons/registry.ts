// Every lesson the page knows: the built-in ones and those an author handed
// in (mount()'s lessonSrc or lessonText). A lesson is found by its id; an
// author's lesson with a built-in lesson's id is shown instead of it.
import { LESSONS } from './builtin';
import type { Lesson, LessonVariant } from './format';

// Authors' lessons on one page (each playground may bring one).
const MAX_AUTHORED_LESSONS = 32;
const authored = new Map<string, Lesson>();

// Makes an author's lesson known; the oldest is forgotten past the limit.
export function addLesson(lesson: Lesson): void {
  authored.delete(lesson.id);
  authored.set(lesson.id, lesson);
  for (const id of authored.keys()) {
    if (authored.size <= MAX_AUTHORED_LESSONS) break;
    authored.delete(id);
  }
}

export function lessonById(id: string): Lesson | undefined {
  return authored.get(id) ?? LESSONS.find((l) => l.id === id);
}

export function variantById(lesson: Lesson, id: string): LessonVariant | undefined {
  return lesson.variants.find((v) => v.id === id);
}
