// An author's lesson from outside (page/author-lesson.ts): fetched relative to
// the page's base URI, refused past 1 MB (declared or as read), past its
// time or with an HTTP error, each with a reason; read into a notice naming
// the line and field, or made known to the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchLessonText, takeLesson } from '../../web/src/page/author-lesson';
import { lessonById } from '../../web/src/lessons/registry';

const MB = 1_048_576;

function stubFetch(answer: (url: URL) => Promise<Response>): URL[] {
  const asked: URL[] = [];
  vi.stubGlobal('document', { baseURI: 'https://course.example/unit-3/page.html' });
  vi.stubGlobal('fetch', (url: URL) => {
    asked.push(url);
    return answer(url);
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetching a lesson file', () => {
  it('asks relative to the page and returns the text', async () => {
    const asked = stubFetch(async () => new Response('{"a": 1}'));
    expect(await fetchLessonText('lessons/xor.json')).toBe('{"a": 1}');
    expect(asked.map(String)).toEqual(['https://course.example/unit-3/lessons/xor.json']);
  });

  it('refuses a body past 1 MB, whether declared, undeclared, or decoded from a smaller encoded one', async () => {
    stubFetch(async () => new Response('x', { headers: { 'content-length': String(MB + 1) } }));
    await expect(fetchLessonText('big.json')).rejects.toThrow('it is larger than 1 MB');
    stubFetch(async () => new Response(new Blob(['y'.repeat(MB + 1)]).stream()));
    await expect(fetchLessonText('big.json')).rejects.toThrow('it is larger than 1 MB');
    // the declared length of a gzip body counts its encoded bytes
    stubFetch(async () => new Response(new Blob(['z'.repeat(MB + 1)]).stream(), { headers: { 'content-length': '2000', 'content-encoding': 'gzip' } }));
    await expect(fetchLessonText('bomb.json')).rejects.toThrow('it is larger than 1 MB');
    stubFetch(async () => new Response(new Blob(['w'.repeat(MB)]).stream()));
    expect((await fetchLessonText('just-fits.json')).length).toBe(MB);
  });

  it('says an HTTP error, a timeout and a failed request', async () => {
    stubFetch(async () => new Response('no', { status: 404 }));
    await expect(fetchLessonText('gone.json')).rejects.toThrow('the server answered 404');
    stubFetch(async () => Promise.reject(new DOMException('slow', 'TimeoutError')));
    await expect(fetchLessonText('slow.json')).rejects.toThrow('it did not arrive within 10 s');
    stubFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchLessonText('x.json')).rejects.toThrow('it could not be fetched');
    // the headers came in time, the body did not
    const late = new ReadableStream({ pull: (c) => c.error(new DOMException('slow', 'TimeoutError')) });
    stubFetch(async () => new Response(late));
    await expect(fetchLessonText('slow-body.json')).rejects.toThrow('it did not arrive within 10 s');
  });
});

describe('taking a lesson', () => {
  it('a malformed file is a notice with its line and field; a good one becomes known by its id', () => {
    const bad = takeLesson('{\n  "nnPlaygroundLesson": 1,\n  "id": "x",\n  "title": 5,\n  "text": ""\n}', 'at my.json');
    expect(bad).toEqual({
      notice: 'The lesson at my.json could not be read (line 4, title: must be a string (got 5)); the playground opens without it',
    });
    const good = takeLesson('{"nnPlaygroundLesson": 1, "id": "authored-one", "title": "Mine", "text": "", "settings": {"dataset": "xor"}}', 'at mine.json');
    expect('lesson' in good && good.lesson.variants[0]!.config.dataset).toBe('xor');
    expect(lessonById('authored-one')?.title).toBe('Mine');
  });

  it('an id names one lesson on the page: the same file twice is one lesson, another lesson under a taken id is refused', () => {
    const file = (id: string, title: string) => `{"nnPlaygroundLesson": 1, "id": "${id}", "title": "${title}", "text": "", "settings": {"dataset": "xor"}}`;
    expect(takeLesson(file('shared', 'One'), 'at a.json')).toHaveProperty('lesson');
    expect(takeLesson(file('shared', 'One'), 'at b.json')).toHaveProperty('lesson');
    expect(takeLesson(file('shared', 'Two'), 'at c.json')).toEqual({
      notice: 'The lesson at c.json could not be used: its id "shared" is already another lesson\'s on this page; the playground opens without it',
    });
    expect(lessonById('shared')?.title).toBe('One');
    const builtin = lessonById('xor-hidden')!;
    expect(takeLesson(file('xor-hidden', 'Mine'), 'at d.json')).toHaveProperty('notice');
    expect(lessonById('xor-hidden')).toBe(builtin);
  });

  it('keeps at most 32 lessons of its own on a page, and refuses more, forgetting none', () => {
    const file = (i: number) => `{"nnPlaygroundLesson": 1, "id": "many-${i}", "title": "L${i}", "text": "", "settings": {"dataset": "xor"}}`;
    const notices = Array.from({ length: 40 }, (_, i) => takeLesson(file(i), 'at many.json')).flatMap((r) => ('notice' in r ? [r.notice] : []));
    // two were made known by the tests above
    expect(notices).toHaveLength(40 - 30);
    expect(notices[0]).toBe('The lesson at many.json could not be used: this page already has 32 lessons of its own; the playground opens without it');
    expect(lessonById('many-0')?.title).toBe('L0');
    expect(lessonById('many-29')?.title).toBe('L29');
    expect(lessonById('many-30')).toBeUndefined();
  });
});
