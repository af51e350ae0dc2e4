/** The editor's production build: `fluo serve` and the desktop app load renderer/dist. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the same build loads over http:// (serve) and a custom protocol (Electron).
  base: './',
  plugins: [react()],
  resolve: {
    // app/document imports engine/index.ts (catalog + media runtime); the page needs only the catalog.
    alias: [{ find: /^(\.\.\/)+engine\/index\.ts$/, replacement: fileURLToPath(new URL('./src/engine-browser.ts', import.meta.url)) }],
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
});
