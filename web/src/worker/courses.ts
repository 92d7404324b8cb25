// Loading a lesson's preset and the PyTorch export, for the worker: loaded when
// first asked for (they are not part of the first view's download).
import type { Request } from './protocol';

type Courses = typeof import('../courses/preset-load') & typeof import('../courses/pytorch');
let courses: Courses | null = null;
export const NEEDS_COURSES = new Set<Request['kind']>(['lesson', 'exportPyTorch']);
export async function loadCourses(): Promise<Courses> {
  if (!courses) {
    const [lessons, pytorch] = await Promise.all([import('../courses/preset-load'), import('../courses/pytorch')]);
    courses = { ...lessons, ...pytorch };
  }
  return courses;
}
export function loaded(): Courses {
  if (!courses) throw new Error('the lessons are not loaded');
  return courses;
}
