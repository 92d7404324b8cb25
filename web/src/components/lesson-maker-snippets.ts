// What a course page pastes to show a lesson the maker wrote: the one script
// line of the site's template, the <nn-playground> tag (the lesson inline, or
// its file by `lesson-src`), the iframe and the mount() call. Pure text, built
// from the page's own address (nn-playground.js and embed.html sit next to
// index.html in dist/).

export interface LessonSnippets {
  fileName: string; // the lesson file's name, as the snippets refer to it
  script: string; // once per page, or in the site's template
  tag: string; // the lesson inline
  tagSrc: string; // the lesson from its file next to the page
  iframe: string;
  mount: string; // the lesson inline (lessonText)
  mountSrc: string; // the lesson from its file (lessonSrc)
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Inside a <script> nothing may read as its end or as a comment: `<` as a
// JSON (and JavaScript) escape keeps the text the same value.
const inScript = (json: string) => json.replace(/</g, '\\u003c');

export function lessonSnippets(lesson: { id: string; title: string }, json: string, pageUrl: string, hash: string): LessonSnippets {
  const fileName = `${lesson.id}.json`;
  const library = new URL('nn-playground.js', pageUrl).href;
  // Shown until the element is defined, and where scripts are blocked.
  const fallback = `  <a href="${attr(`${pageUrl}${hash}`)}">Open “${html(lesson.title)}” in the playground</a>\n`;
  const script = `<script type="module" src="${attr(library)}"></script>`;
  const tag = `<nn-playground>\n  <script type="application/json">\n${inScript(json.trimEnd())}\n  </script>\n${fallback}</nn-playground>`;
  const tagSrc = `<nn-playground lesson-src="${attr(fileName)}">\n${fallback}</nn-playground>`;
  // The frame fetches the file relative to embed.html: it goes in the playground's folder (same origin, no CORS).
  const frameUrl = `${new URL('embed.html', pageUrl).href}#lessonSrc=${encodeURIComponent(fileName)}`;
  const iframe = `<iframe title="${attr(lesson.title)}" src="${attr(frameUrl)}" style="width: 100%; max-width: 960px; height: 720px; border: 0"></iframe>`;
  const box = `<div id="${attr(lesson.id)}"></div>\n<script type="module">\n  import { mount } from ${JSON.stringify(library)};\n`;
  const mountSrc = `${box}  mount(document.getElementById(${JSON.stringify(lesson.id)}), { lessonSrc: ${JSON.stringify(fileName)} });\n</script>`;
  const mount = `${box}  mount(document.getElementById(${JSON.stringify(lesson.id)}), { lessonText: ${inScript(JSON.stringify(json))} });\n</script>`;
  return { fileName, script, tag, tagSrc, iframe, mount, mountSrc };
}
