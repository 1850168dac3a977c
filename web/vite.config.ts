import path from 'node:path';
import { defineConfig } from 'vite';

// No React plugin (peer conflict): Vite's own transform compiles TSX with the automatic runtime.
export default defineConfig(({ mode }) => ({
  root: __dirname,
  // React picks its production build from this; without it the bundle carried the development one.
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
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
}));
