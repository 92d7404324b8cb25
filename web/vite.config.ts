import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The page lives in web/; the build goes to the repository's dist/. base './'
// makes every asset URL relative, so dist/ works from any sub-path.
//
// Besides the pages (index.html, the iframe target embed.html, the example
// course page examples/course.html) the build emits the embeddable library
// under fixed names: dist/nn-playground.js (an ES module exporting `mount`)
// and dist/nn-playground.css (its stylesheet, linked by the library itself).
// The library finds the worker, the wasm and the stylesheet relative to its
// own file (import.meta.url), so dist/ can be copied anywhere.

const LIBRARY = 'nn-playground';
const LIBRARY_JS = `${LIBRARY}.js`;
const LIBRARY_CSS = `${LIBRARY}.css`;
const LIBRARY_STYLE_ENTRY = `${LIBRARY}-style`;
const STYLESHEET_PLACEHOLDER = '__NNP_LIBRARY_STYLESHEET__';
const SCOPE = '.nnp-embed';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Top-level rules that do not belong inside @scope (animations, fonts,
// registered properties) are kept global; their names are the component's own.
const GLOBAL_AT_RULES = /^@(-webkit-)?(keyframes|font-face|property|counter-style|font-feature-values|font-palette-values)\b/;

function splitGlobalRules(css: string): { global: string; scoped: string } {
  let global = '';
  let scoped = '';
  let i = 0;
  while (i < css.length) {
    // one top-level rule: up to its matching closing brace (or a `;` for a statement)
    let depth = 0;
    let j = i;
    let quote = '';
    for (; j < css.length; j++) {
      const c = css[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
      else if (c === ';' && depth === 0) break;
    }
    const rule = css.slice(i, j + 1);
    if (GLOBAL_AT_RULES.test(rule.trimStart())) global += rule;
    else scoped += rule;
    i = j + 1;
  }
  return { global, scoped };
}

// Gives the library's stylesheet its fixed name, wraps it in `@scope` so it
// styles only the playgrounds' boxes (its `:root` becomes the box), and tells
// the library code where the stylesheet is relative to the file it ends up in.
function libraryStylesheet(): Plugin {
  return {
    name: 'nnp-library-stylesheet',
    apply: 'build',
    renderChunk(code, chunk) {
      if (!code.includes(STYLESHEET_PLACEHOLDER)) return null;
      let path = posix.relative(posix.dirname(chunk.fileName), LIBRARY_CSS);
      if (!path.startsWith('.')) path = `./${path}`;
      return { code: code.replaceAll(STYLESHEET_PLACEHOLDER, path), map: null };
    },
    generateBundle(_options, bundle) {
      const css = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName === LIBRARY_CSS);
      if (!css || css.type !== 'asset') {
        this.error(`${LIBRARY_CSS} was not emitted`);
        return;
      }
      const text = typeof css.source === 'string' ? css.source : new TextDecoder().decode(css.source);
      if (/@(import|charset|namespace)\b/.test(text)) this.error(`${LIBRARY_CSS}: an @import, @charset or @namespace was left in`);
      const { global, scoped } = splitGlobalRules(text);
      css.source = `${global}@scope (${SCOPE}) {\n${scoped.replace(/:root\b/g, ':scope')}\n}\n`;
      // The CSS entry leaves an empty script behind; nothing loads it.
      for (const [name, file] of Object.entries(bundle)) if (file.type === 'chunk' && file.isEntry && file.name === LIBRARY_STYLE_ENTRY) delete bundle[name];
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [libraryStylesheet()],
  build: {
    outDir: here('../dist'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        main: here('./index.html'),
        embed: here('./embed.html'),
        course: here('./examples/course.html'),
        [LIBRARY]: here('./src/lib.ts'),
        [LIBRARY_STYLE_ENTRY]: here('./src/embed/library.css'),
      },
      // Keep the library entry's exports (Vite's default drops entry signatures).
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === LIBRARY ? LIBRARY_JS : 'assets/[name]-[hash].js'),
        assetFileNames: (asset) => (asset.names.includes(`${LIBRARY_STYLE_ENTRY}.css`) ? LIBRARY_CSS : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  worker: {
    format: 'es',
  },
  server: {
    fs: { allow: [here('..')] },
  },
  preview: {
    host: '127.0.0.1',
  },
});
