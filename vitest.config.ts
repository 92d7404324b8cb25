import { defineConfig } from 'vitest/config';

// Unit tests of the page's logic and tests of the real WebAssembly module in Node.
export default defineConfig({
  test: {
    include: ['tests/wasm/**/*.test.ts', 'tests/web/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
