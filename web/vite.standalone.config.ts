import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { inlineWorkers, reportSize } from './vite-plugins.ts';

// dist/nn-playground-standalone.html: the full page in one file, for an LMS
// that takes one uploaded HTML file, or to open from disk (file://). Built
// after the page (scripts/lib.sh build_page) into the same dist/, which it
// leaves as it is. Everything is inside: the scripts (the parts the served
// page loads on first use included: one chunk), the stylesheet
// (vite-plugin-singlefile), the training worker as a Blob URL and the
// WebAssembly module as a data: URL inside it (inlineWorkers). The served
// page, dist/index.html, is not this file and stays lazy.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('../dist');
const STANDALONE = 'nn-playground-standalone.html';

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  plugins: [inlineWorkers(), viteSingleFile({ outputFileName: STANDALONE }), reportSize(OUT, STANDALONE)],
  build: {
    outDir: OUT,
    emptyOutDir: false,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: { input: here('./index.html') },
  },
  // One classic script (see inlineWorkers).
  worker: {
    format: 'iife',
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
