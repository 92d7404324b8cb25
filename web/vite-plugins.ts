// Build steps shared by the single-file page (vite.standalone.config.ts) and
// the npm package (vite.package.config.ts): both must run without fetching a
// worker file next to themselves.
import { gzipSync } from 'node:zlib';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

// Vite emits `new Worker(new URL('./x.worker.ts', import.meta.url))` as a
// file of its own (assets/x.worker-HASH.js). Here each such file's code goes
// into the chunks that name it, started from a Blob URL: no request for the
// worker, and it also starts in a page opened from disk (file://). There
// Chromium refuses module workers, from files and from blobs alike, so the
// worker is one classic script (worker.format 'iife', its dynamic imports
// inlined, its wasm a data: URL) and SameOriginWorker starts a blob: worker
// as classic.
const WORKER_FILE = /\.worker-[\w-]+\.js$/;
// An import of another file (static or dynamic) in minified code, strings left out.
const IMPORT = /\bimport\s*(?:\(|["'{*])|\bimport\s+[\w$]+\s+from\b/;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

export function inlineWorkers(): Plugin {
  return {
    name: 'nnp-inline-workers',
    apply: 'build',
    generateBundle(_options, bundle) {
      const workers = Object.values(bundle).filter((f) => f.type === 'asset' && WORKER_FILE.test(f.fileName));
      if (workers.length === 0) this.error('no worker file was emitted (training.worker.ts): nothing to inline');
      workers.forEach((worker, i) => {
        if (worker.type !== 'asset') return;
        const code = typeof worker.source === 'string' ? worker.source : new TextDecoder().decode(worker.source);
        if (IMPORT.test(code.replace(STRING, '""'))) this.error(`${worker.fileName} imports other files: a worker from a Blob URL cannot load them`);
        const name = worker.fileName.split('/').pop()!;
        const literal = new RegExp(`(["'\`])(?:\\.{0,2}/)?(?:[\\w.-]+/)*${name.replaceAll('.', '\\.')}\\1`, 'g');
        const id = `__nnpWorker${i}`;
        // The blob is made on the first start of a worker, not on import (a
        // page that never mounts, or a site's server-side render, skips it).
        const blob = `let ${id}Url;\nconst ${id} = () => (${id}Url ??= URL.createObjectURL(new Blob([${JSON.stringify(code)}], { type: 'text/javascript' })));\n`;
        let used = false;
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.code.match(literal)) continue;
          used = true;
          chunk.code = blob + chunk.code.replace(literal, `${id}()`);
        }
        if (!used) this.error(`no chunk names ${worker.fileName}: cannot inline it`);
        delete bundle[worker.fileName];
      });
    },
  };
}

// One line in the build's output: a file's size, plain and gzipped (what a
// server sends compressed).
function sizeLine(path: string): string {
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const kB = (n: number) => `${n} bytes (${(n / 1000).toFixed(1)} kB)`;
  return `${relative(process.cwd(), path)}: ${kB(bytes.length)}, gzip ${kB(gzip)}`;
}

export function reportSize(outDir: string, fileName: string): Plugin {
  return {
    name: 'nnp-report-size',
    apply: 'build',
    closeBundle() {
      const path = join(outDir, fileName);
      if (statSync(path, { throwIfNoEntry: false })) console.log(sizeLine(path));
    },
  };
}
