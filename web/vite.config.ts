import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page lives in web/; the build goes to the repository's dist/. base './'
// makes every asset URL relative, so dist/ works from any sub-path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
      },
    },
  },
  worker: {
    format: 'es',
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  preview: {
    host: '127.0.0.1',
  },
});
