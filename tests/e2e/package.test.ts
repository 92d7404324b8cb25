// The npm package as a course site uses it: `npm pack ./dist/package`, a fresh
// Vite app that installs the tarball (offline: the tarball, and Vite from the
// local npm cache), imports mount() from 'nn-playground' as the package's
// README says, builds with Vite, and its built page, served, trains in
// Chromium: the worker and the WebAssembly module come from inside the
// package after the app's bundler has rebuilt it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { DIST, ROOT, launch, newPageWatched, pageErrors, waitUntil, type Session } from './harness';

type LockEntry = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

// Vite and everything it needs, as the repository's package-lock.json has
// them: a lockfile lets `npm ci --offline` install from the cache alone (npm
// ci kept the tarballs there, not the registry's package lists).
function viteLockfile(): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {};
  const visit = (path: string) => {
    if (packages[path]) return;
    const entry = lock.packages[path]!;
    packages[path] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      // Node's resolution: the nearest node_modules/<name> up from the package.
      for (let base = path; ; base = base.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
        const at = `${base ? `${base}/` : ''}node_modules/${name}`;
        if (lock.packages[at]) {
          visit(at);
          break;
        }
        if (!base) break; // an optional package for another platform
      }
    }
  };
  visit('node_modules/vite');
  const vite = (lock.packages['node_modules/vite'] as { version: string }).version;
  return { name: 'course-site', lockfileVersion: 3, requires: true, packages: { '': { name: 'course-site', devDependencies: { vite } }, ...packages } };
}

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const file = normalize(join(dir, (req.url ?? '/').split('?')[0]!.replace(/\/$/, '/index.html')));
    const ok = file.startsWith(dir) && existsSync(file);
    res.writeHead(ok ? 200 : 404, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(ok ? readFileSync(file) : undefined);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

const MAIN_JS = `import { mount } from 'nn-playground';
const pg = mount(document.getElementById('lab'), { settings: { dataset: 'xor', networkShape: [4], seed: 3 }, panels: ['run', 'output'] });
window.lab = { pg, epochs: [] };
pg.on('epoch', (s) => window.lab.epochs.push({ epoch: s.epoch, loss: s.trainLoss }));
pg.ready.then(() => pg.play());
`;
const INDEX_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Course site</title></head>
<body><h1>Week 3</h1><div id="lab"></div><script type="module" src="./main.js"></script></body></html>`;

let app: string;
let tarball: string;
let packedFiles: string[];
let session: Session;
let site: { url: string; server: Server };
beforeAll(async () => {
  if (!existsSync(join(DIST, 'package/package.json'))) throw new Error('dist/package/ is missing: run `npm run build` first');
  app = mkdtempSync(join(tmpdir(), 'nnp-course-site-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'course-site', private: true, type: 'module', devDependencies: {} }));
  const npm = (...args: string[]) => execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund'], { cwd: app, stdio: 'pipe' }).toString();
  const packed = JSON.parse(npm('pack', join(DIST, 'package'), '--pack-destination', app, '--json')) as { filename: string; files: { path: string }[] }[];
  tarball = packed[0]!.filename;
  packedFiles = packed[0]!.files.map((f) => f.path).sort();
  const lock = viteLockfile() as { packages: { '': { devDependencies: Record<string, string> } } };
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'course-site', private: true, type: 'module', devDependencies: lock.packages[''].devDependencies }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock));
  npm('ci');
  npm('install', `./${tarball}`);
  writeFileSync(join(app, 'index.html'), INDEX_HTML);
  writeFileSync(join(app, 'main.js'), MAIN_JS);
  execFileSync(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: app, stdio: 'pipe' });
  site = await serve(join(app, 'dist'));
  session = await launch();
}, 120_000);
afterAll(async () => {
  await session?.close();
  site?.server.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('the npm package in a Vite app', () => {
  it('packs the library alone: code, types, stylesheet, manifest, README', () => {
    const chunks = packedFiles.filter((f) => f.startsWith('chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((f) => /^chunks\/[\w.-]+\.js$/.test(f))).toBe(true);
    expect(packedFiles.filter((f) => !f.startsWith('chunks/'))).toEqual([
      'README.md',
      'nn-playground.css',
      'nn-playground.d.ts',
      'nn-playground.js',
      'package.json',
    ]);
    expect(readFileSync(join(app, 'node_modules/nn-playground/nn-playground.d.ts'), 'utf8')).toMatch(
      /export declare function mount\(container: HTMLElement, options\?: EmbedOptions\): EmbeddedController;/,
    );
  });

  it('installs from the tarball, builds, and trains in the built page', async () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/nn-playground/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(installed.exports)).toContain('.');
    // The app's build holds the package's code: no file of the package is fetched from node_modules.
    expect(readdirSync(join(app, 'dist/assets')).some((f) => f.endsWith('.js'))).toBe(true);

    const page = await newPageWatched(session.context);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(site.url);
    const epochs = await waitUntil(
      () => page.evaluate(() => (window as unknown as { lab: { epochs: { epoch: number; loss: number }[] } }).lab.epochs),
      (e) => e.length >= 2 && e.at(-1)!.epoch >= 20,
      30_000,
      'twenty epochs',
    );
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss);
    // Styled inside its shadow root (the stylesheet came with the package).
    const styled = await page.evaluate(() => {
      const root = document.querySelector('.nnp-embed-host')!.shadowRoot!;
      const link = root.querySelector<HTMLLinkElement>('link[rel=stylesheet]');
      // container-type is set by the stylesheet's own rule for the box, nothing else
      return { rules: link?.sheet?.cssRules.length ?? 0, container: getComputedStyle(root.querySelector('.nnp-embed')!).containerType };
    });
    expect(styled.rules).toBeGreaterThan(0);
    expect(styled.container).toBe('inline-size');
    expect(requests.filter((r) => !r.startsWith(site.url) && !r.startsWith('data:') && !r.startsWith('blob:'))).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
