// A link's hash with its lesson: the preset the link names is the base, and
// every other key in the link changes it (?lesson=…&variant=… alike).
import { shorten } from '../shared/messages';
import { defaults } from '../settings/schema';
import { parseHash, type ParseResult } from '../settings/url';
import { LESSONS } from './builtin';
import { lessonSettings } from './choice';
import { lessonById, variantById } from './registry';

export function parseLessonHash(hash: string): ParseResult {
  const plain = parseHash(hash);
  const { lesson: lessonId, variant: variantId } = plain.settings;
  if (lessonId === '') {
    if (variantId === '') return plain;
    return {
      ...plain,
      settings: { ...plain.settings, variant: '' },
      notices: [...plain.notices, `variant=${shorten(variantId, 40)}: a preset needs a lesson`],
    };
  }
  const lesson = lessonById(lessonId);
  if (!lesson) {
    const notice = `lesson=${shorten(lessonId, 40)}: not a known lesson (the lessons are ${LESSONS.map((l) => l.id).join(', ')})`;
    return { ...plain, settings: { ...plain.settings, lesson: '', variant: '' }, notices: [...plain.notices, notice] };
  }
  const variant = variantId === '' ? lesson.variants[0] : variantById(lesson, variantId);
  const notices: string[] = [];
  if (!variant)
    notices.push(
      `variant=${shorten(variantId, 40)}: not a preset of lesson “${lesson.title}” (its presets are ${lesson.variants.map((v) => v.id).join(', ')})`,
    );
  const chosen = variant ?? lesson.variants[0]!;
  const parsed = parseHash(hash, { ...defaults(), ...lessonSettings(lesson, chosen) });
  return { ...parsed, settings: { ...parsed.settings, variant: chosen === lesson.variants[0] ? '' : chosen.id }, notices: [...notices, ...parsed.notices] };
}
