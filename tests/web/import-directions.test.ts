// The page's modules import one way (docs/architecture.md, "Which module may
// import which"): the engine wrapper at the bottom, the views and the wiring
// on top. Read from the import lines of web/src (static, type-only, dynamic
// and re-exports alike), so a new import against the directions fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../web/src');

// A module's part: its folder under web/src, or for a file at the top its name.
// Targets are a part ('settings') or one module of it ('worker/protocol').
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  shared: ['engine'],
  courses: ['engine', 'shared'],
  settings: ['engine', 'shared'],
  lessons: ['engine', 'shared', 'courses', 'settings'],
  render: ['engine', 'shared'],
  worker: ['engine', 'shared', 'courses'],
  csv: ['engine', 'shared', 'settings'],
  components: ['engine', 'shared', 'courses', 'lessons', 'settings', 'render', 'csv', 'worker/protocol', 'embed/panels'],
  page: ['engine', 'shared', 'courses', 'lessons', 'settings', 'render', 'csv', 'worker', 'components', 'embed/panels'],
  embed: ['engine', 'shared', 'settings', 'page/controller', 'lessons/goals', 'lessons/format'],
  // <nn-playground>: reads its attributes like a link and calls the library's mount() (handed in by lib; its types from lib).
  element: ['engine', 'shared', 'settings', 'embed', 'page/controller', 'lib'],
  playground: ['engine', 'shared', 'courses', 'lessons', 'settings', 'render', 'worker', 'components', 'page', 'embed'],
  // The three entries (the library, the iframe page, the full page) call mount().
  lib: ['*'],
  'embed.ts': ['*'],
  main: ['*'],
};

// Single modules held to less than their part.
const NARROWER: Record<string, readonly string[]> = {
  // The page's side of the worker: the protocol and the worker's script, nothing it runs.
  'worker/client': ['engine', 'shared', 'worker/protocol', 'worker/same-origin-worker'],
};
// The session store (and its two parts) knows settings, the protocol and the
// engine's types, nothing of views.
const STORE = ['engine', 'shared', 'courses', 'lessons', 'settings', 'worker/protocol', 'page/session-store', 'page/session-core', 'page/session-changes'];
for (const part of ['page/session-store', 'page/session-core', 'page/session-changes']) NARROWER[part] = STORE;

// Imports against the directions still to be removed; each must still occur,
// so the list only shrinks.
const KNOWN: readonly string[] = [];

interface Edge {
  from: string; // module, relative to web/src without extension
  to: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

function moduleOf(file: string): string {
  return relative(SRC, file).replace(/\.(ts|js)$/, '');
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  // preProcessFile lists static imports, `import type`, `export … from` and import() calls.
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ from: moduleOf(file), to: moduleOf(resolve(dirname(file), spec.replace(/\?.*$/, ''))) }));
}

function partOf(module: string): string {
  if (module.startsWith('..')) return '(outside web/src)';
  if (module === 'embed') return 'embed.ts'; // the iframe page's entry, not the embed/ folder
  return module.split('/')[0]!;
}

function allowed(edge: Edge): boolean {
  const fromPart = partOf(edge.from);
  const toPart = partOf(edge.to);
  if (fromPart === 'engine' && edge.to.startsWith('../../build/wasm/')) return true; // the wrapper loads the module
  const rules = NARROWER[edge.from] ?? ALLOWED[fromPart];
  if (!rules) return false; // a part the directions do not name yet: name it in ALLOWED
  if (rules.includes('*')) return toPart !== '(outside web/src)';
  if (toPart === fromPart && !NARROWER[edge.from]) return true;
  return rules.includes(toPart) || rules.includes(edge.to);
}

export function violations(edges: readonly Edge[]): string[] {
  return edges.filter((e) => !allowed(e)).map((e) => `${e.from} -> ${e.to}`);
}

const EDGES = sources(SRC).flatMap(importsOf);

describe('imports in web/src follow the allowed directions', () => {
  it('reads the import graph (a worker, a view and a dynamic import among them)', () => {
    const lines = EDGES.map((e) => `${e.from} -> ${e.to}`);
    expect(lines).toContain('worker/serve -> engine/index');
    expect(lines).toContain('components/stepthrough-loader -> components/stepthrough'); // import()
    expect(lines).toContain('lib -> embed/protocol'); // export type … from
    expect(EDGES.length).toBeGreaterThan(200);
  });

  it('has no import against the directions, other than the known ones', () => {
    const bad = [...new Set(violations(EDGES))].sort();
    expect(bad.filter((v) => !KNOWN.includes(v))).toEqual([]);
    expect(
      [...KNOWN].sort().filter((k) => !bad.includes(k)),
      'a known departure is gone: take it off KNOWN',
    ).toEqual([]);
  });

  it('refuses what the directions forbid', () => {
    expect(violations([{ from: 'worker/session', to: 'settings/config' }])).toEqual(['worker/session -> settings/config']);
    expect(violations([{ from: 'worker/client', to: 'worker/session' }])).toEqual(['worker/client -> worker/session']);
    expect(violations([{ from: 'worker/validate', to: 'render/plane' }])).toEqual(['worker/validate -> render/plane']);
    expect(violations([{ from: 'components/charts', to: 'page/lazy' }])).toEqual(['components/charts -> page/lazy']);
    expect(violations([{ from: 'embed/protocol', to: 'playground' }])).toEqual(['embed/protocol -> playground']);
    expect(violations([{ from: 'settings/config', to: 'components/view' }])).toEqual(['settings/config -> components/view']);
    expect(violations([{ from: 'engine/types', to: 'settings/schema' }])).toEqual(['engine/types -> settings/schema']);
    expect(violations([{ from: 'components/view', to: 'worker/client' }])).toEqual(['components/view -> worker/client']);
    expect(violations([{ from: 'page/layout', to: 'components/view' }])).toEqual([]);
  });

  // The library's public names, and engine/types, the one place the engine's
  // types are imported from (the generated ids with the hand-written shapes).
  it('re-exports only in the library entry and the engine’s types (no shims that hide where a name lives)', () => {
    const reexporting = sources(SRC)
      .filter(
        (f) =>
          /^\s*export\s+(type\s+)?(\*|\{[^}]*\})\s+from\s/m.test(readFileSync(f, 'utf8')) ||
          /^\s*export\s+(type\s+)?\{[^}]*\};?\s*$/m.test(readFileSync(f, 'utf8')),
      )
      .map(moduleOf);
    expect(reexporting.sort()).toEqual(['engine/types', 'lib']);
  });
});
