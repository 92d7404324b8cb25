// The npm package in dist/package/, after its code (vite build --config
// web/vite.package.config.ts): the manifest (web/package/manifest.json with
// the repository's version), the package's README and one bundled type
// declaration file for the library entry. `npm pack ./dist/package` packs it.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist/package');
const SOURCE = join(ROOT, 'web/package');

if (!existsSync(join(OUT, 'nn-playground.js'))) {
  console.error('dist/package/nn-playground.js is missing: run vite build --config web/vite.package.config.ts first');
  process.exit(1);
}

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8'));
// Name and description first, as npm writes them; no dependencies: uPlot is bundled in.
const pkg = { name: manifest.name, version: root.version, ...manifest };
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
copyFileSync(join(SOURCE, 'README.md'), join(OUT, 'README.md'));

const [types] = generateDtsBundle([{ filePath: join(ROOT, 'web/src/lib.ts'), output: { noBanner: true } }], {
  preferredConfigPath: join(ROOT, 'tsconfig.json'),
});
writeFileSync(join(OUT, 'nn-playground.d.ts'), types);
console.log(`dist/package: nn-playground@${root.version} (npm pack ./dist/package), types ${types.length} bytes`);
