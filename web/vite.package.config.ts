import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { inlineWorkers } from './vite-plugins.ts';

// The npm package's code, dist/package/ (scripts/package.mjs adds the
// manifest, README and type declarations; `npm pack dist/package`).
// A library build of web/src/lib.ts (mount() and the <nn-playground>
// element) for the course site's own bundler: the parts loaded on first use
// stay chunks (plain relative import()s, which any bundler follows), while the
// training worker, with the WebAssembly module inside it, is a Blob URL in
// the code (inlineWorkers): a bundler does not re-bundle a built worker file,
// nor copy the wasm a built worker names, so nothing is left to find after the
// site's build, its dev server's dependency cache, or a CDN.
// The stylesheet is the page build's dist/nn-playground.css (already scoped).

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const LIBRARY_CSS = here('../dist/nn-playground.css');

// The library links its stylesheet into each playground's shadow root; here
// that link is a data: URL of the stylesheet, so no bundler, dev server or
// CDN has a file to find (the file is in the package as well, as
// 'nn-playground/style.css', for `stylesheet: false`).
function packageStylesheet(): Plugin {
  let css = '';
  return {
    name: 'nnp-package-stylesheet',
    apply: 'build',
    buildStart() {
      try {
        css = readFileSync(LIBRARY_CSS, 'utf8');
      } catch {
        this.error(`${LIBRARY_CSS} is missing: build the page first (vite build --config web/vite.config.ts)`);
      }
    },
    renderChunk(code) {
      if (!code.includes('__NNP_LIBRARY_STYLESHEET__')) return null;
      const url = `data:text/css;base64,${Buffer.from(css).toString('base64')}`;
      return { code: code.replaceAll('__NNP_LIBRARY_STYLESHEET__', url), map: null };
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // CSS the code imports (uPlot's) is in the library stylesheet already.
        for (const [name, file] of Object.entries(bundle)) if (file.type === 'asset' && name.endsWith('.css')) delete bundle[name];
        this.emitFile({ type: 'asset', fileName: 'nn-playground.css', source: css });
      },
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  plugins: [inlineWorkers(), packageStylesheet()],
  build: {
    outDir: here('../dist/package'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    lib: { entry: here('./src/lib.ts'), formats: ['es'], fileName: () => 'nn-playground.js', cssFileName: 'imported-styles' },
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
  // One classic script (see inlineWorkers).
  worker: {
    format: 'iife',
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
