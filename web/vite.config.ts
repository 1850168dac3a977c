import path from 'node:path';
import { defineConfig } from 'vite';

// No React plugin (peer conflict): Vite's own transform compiles TSX with the automatic runtime.
export default defineConfig({
  root: __dirname,
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(__dirname, '../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline module-preload polyfill: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
});
